"""Headless Chromium for the lecture page tests: a tiny Chrome DevTools Protocol client.

Why this and not Selenium or Playwright: Chromium speaks the DevTools Protocol over two
pipes when started with ``--remote-debugging-pipe`` (commands in on fd 3, replies out on
fd 4, each message JSON ending in a NUL byte). That needs nothing installed besides
Debian's ``chromium``: no driver binary to match its version, no browser download, no
websocket library, no port to find or leak. The few commands the tests need (open a
page, evaluate JavaScript and await its promise, press keys, take a screenshot) are a
page of code.

``python -m tests.chromium PAGE OUT.png [--presenter]`` takes a screenshot.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    "--hide-scrollbars",
)  # fmt: skip
MUTE = "--mute-audio"  # every page test but the narration's: sound decoded, not played
INSTALL_HINT = "install Debian's chromium package (./run test does: apt-get install chromium)"


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    """One headless Chromium with a fresh profile, and one page (tab) in it."""

    def __init__(self, *extra_flags: str, width: int = 1280, height: int = 900, timeout: float = 30.0,
                 muted: bool = True) -> None:
        executable = find_chromium()
        if executable is None:
            raise BrowserError(f"no chromium on PATH; {INSTALL_HINT}")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="relu-anim-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def pipes_on_3_and_4():  # in the child, before exec
            high_r, high_w = os.dup(to_browser_r), os.dup(from_browser_w)  # out of the way of 3 and 4
            os.dup2(high_r, 3, inheritable=True)
            os.dup2(high_w, 4, inheritable=True)

        command = [executable, *FLAGS, *((MUTE,) if muted else ()), *extra_flags, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
                   f"--window-size={width},{height}", "about:blank"]  # fmt: skip
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=pipes_on_3_and_4,
                                        close_fds=False)  # fmt: skip; fds are close-on-exec (PEP 446) but 3 and 4
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.send("Page.enable")
            self.send("Runtime.enable")
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        except BaseException:
            self.close()
            raise

    # -- the protocol ------------------------------------------------------------------

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one command and return its result (browser-level unless ``session``)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def send(self, method: str, **params) -> dict:
        """A command to the page."""
        return self.call(method, self.session, **params)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"chromium did not answer within {self.timeout:g} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserError(f"chromium closed the connection (exit status {self.process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method: str) -> dict:
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == self.session:
                    return self._events.pop(i)
            self._events.append(self._read())

    # -- what the tests do ------------------------------------------------------------

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self._events.clear()
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise BrowserError(f"cannot open {url}: {result['errorText']}")
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str, timeout: float | None = None):
        """The value of a JavaScript expression; promises are awaited (``timeout``
        seconds at most, the browser's default otherwise)."""
        params = {"expression": expression, "awaitPromise": True, "returnByValue": True}
        if timeout is not None:
            params["timeout"] = timeout * 1000
        result = self.send("Runtime.evaluate", **params)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"JavaScript failed: {text}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        """Press and release one key (``" "``, ``"ArrowRight"``, ``"c"``, ``"Escape"``...)."""
        codes = {" ": ("Space", 32), "ArrowRight": ("ArrowRight", 39), "ArrowLeft": ("ArrowLeft", 37),
                 "Escape": ("Escape", 27), "Enter": ("Enter", 13), "Tab": ("Tab", 9)}  # fmt: skip
        code, keycode = codes[key] if key in codes else (f"Key{key.upper()}", ord(key.upper()))
        text = key if len(key) == 1 else ("\r" if key == "Enter" else "")
        common = {"key": key, "code": code, "windowsVirtualKeyCode": keycode, "nativeVirtualKeyCode": keycode}
        self.send("Input.dispatchKeyEvent", type="keyDown" if text else "rawKeyDown", text=text, **common)
        self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    def screenshot(self, path: Path | str) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close")
                except (BrowserError, OSError):
                    pass
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def main(argv: list[str]) -> None:
    """``python -m tests.chromium PAGE OUT.png [--presenter] [--width W --height H]``"""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.chromium")
    parser.add_argument("page")
    parser.add_argument("out")
    parser.add_argument("--presenter", action="store_true", help="enter presenter mode (and go to --stage)")
    parser.add_argument("--stage", type=int, default=1)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="the whole page, not the window")
    args = parser.parse_args(argv)
    url = args.page if "://" in args.page else Path(args.page).resolve().as_uri()
    with Chromium("--allow-file-access-from-files", width=args.width, height=args.height) as browser:
        browser.open(url)
        browser.js("Promise.all([...document.querySelectorAll('video')].map(v => v.readyState >= 1 ? 1 :"
                   " new Promise(r => v.addEventListener('loadedmetadata', r))))", timeout=20)  # fmt: skip
        if args.presenter:
            browser.js("document.getElementById('present').click()")
            for _ in range(args.stage - 1):
                browser.press("ArrowRight")
            browser.js("new Promise(r => setTimeout(r, 300))")
        browser.js("new Promise(r => setTimeout(r, 1000))")  # let the video controls settle
        if args.full:
            height = browser.js("document.documentElement.scrollHeight")
            browser.send("Emulation.setDeviceMetricsOverride", width=args.width, height=height, deviceScaleFactor=1, mobile=False)
        print(browser.screenshot(args.out))


if __name__ == "__main__":
    main(sys.argv[1:])
