"""A real browser for the page tests: Playwright for Python driving Debian's Chromium
(``/usr/bin/chromium``; Playwright downloads no browser of its own), a static web server
on 127.0.0.1 that honours byte ranges (browsers seek in videos with them), and axe-core
(installed with npm into .cache/npm the first time).

Fixtures (import them into a test module: ``from .browser import browser, page, ...``):

    browser       one headless Chromium per test process (allows file:// pages to read files)
    page          a fresh page (tab) in its own context, 1280x900, downloads accepted
    axe_source    axe-core's script
    serve         serve(folder) -> "http://127.0.0.1:PORT/": a server for one test module

    playwright    Playwright itself, for :func:`launch` (another Chromium, other flags)

Helpers: :func:`launch`, :func:`serving`, :func:`run_axe`.

If Chromium or npm is missing, the tests that need them FAIL (``./run test`` installs
both): a browser test that cannot run is not a passing one.

``python -m tests.browser PAGE OUT.png [--presenter --stage N] [--explore] [--full]
[--width W --height H] [--dark]`` takes a screenshot of a page.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AXE_DIR = ROOT / ".cache" / "npm"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
INSTALL_HINT = "install Debian's chromium package (./run test does: apt-get install chromium)"
FLAGS = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--hide-scrollbars"]
MUTE = "--mute-audio"  # every page test but the narration's, which decodes sound unmuted
FILE_ACCESS = "--allow-file-access-from-files"


def find_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def launch(playwright, *extra_flags: str, muted: bool = True):
    """A headless Chromium (Playwright's Browser) with FLAGS and ``extra_flags``, muted
    unless ``muted=False``."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError(f"headless Chromium is needed for the browser tests: {INSTALL_HINT}")
    flags = [*FLAGS, *((MUTE,) if muted else ()), *extra_flags]
    return playwright.chromium.launch(executable_path=executable, args=flags)


_RUNNING: dict = {}  # this process's one Playwright and its Chromium, started on first use


def _started(what: str):
    """Playwright (``"playwright"``) or the shared Chromium (``"browser"``), one per process.

    Several test modules import these fixtures, and pytest then makes one fixture per
    module; Playwright's sync API cannot start twice in one process, so the fixtures share
    one instance, stopped when the process ends."""
    if not _RUNNING:
        from playwright.sync_api import sync_playwright

        if find_chromium() is None:
            pytest.fail(f"headless Chromium is needed for the browser tests: {INSTALL_HINT}", pytrace=False)
        manager = sync_playwright()
        instance = manager.start()
        _RUNNING.update(manager=manager, playwright=instance, browser=launch(instance, FILE_ACCESS))
        atexit.register(_stop)
    return _RUNNING[what]


def _stop() -> None:
    running = dict(_RUNNING)
    _RUNNING.clear()
    try:
        running["browser"].close()
    finally:
        running["manager"].__exit__(None, None, None)


@pytest.fixture(scope="session")
def playwright():
    """Playwright itself, for :func:`launch`."""
    return _started("playwright")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, allowed to read files from file:// pages."""
    return _started("browser")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.errors = errors  # uncaught script errors, for tests to check
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed with npm into .cache/npm the first time."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                "npm is needed to install axe-core for the accessibility check: apt-get install npm (./run test does)",
                pytrace=False,
            )
        done = subprocess.run(
            [npm, "install", "--prefix", str(AXE_DIR), "axe-core@4", "--no-audit", "--no-fund", "--loglevel=error"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or not AXE.exists():
            pytest.fail(f"npm could not install axe-core: {done.stderr.strip()[-500:]}", pytrace=False)
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(result => ({
  violations: result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3)})),
  passes: result.passes.map(v => v.id),
}))"""


def run_axe(page, source: str) -> dict:
    """axe-core's verdict on the page as it is now: {"violations": [...], "passes": [ids]}."""
    page.evaluate(source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that honours byte ranges, as real web servers do."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match[1])
        end = min(int(match[2]) if match[2] else size - 1, size - 1)
        if start >= size:
            self.send_error(416)
            return None
        handle = open(path, "rb")  # noqa: SIM115 - copyfile() streams it and closes it
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._left = end - start + 1
        return handle

    def copyfile(self, source, outputfile):
        left = getattr(self, "_left", None)
        if left is None:
            return super().copyfile(source, outputfile)
        while left > 0:
            chunk = source.read(min(left, 1 << 16))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)


@contextlib.contextmanager
def serving(folder: Path | str):
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    handler = functools.partial(RangeHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def serve():
    """``serve(folder)`` -> its URL, served until the module's tests are done."""
    with contextlib.ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))


WAIT_VIDEOS = """() => Promise.all([...document.querySelectorAll('video')].map(v => v.readyState >= 1 ? 1 :
    new Promise(r => { v.addEventListener('loadedmetadata', r); v.addEventListener('error', r); })))"""


def main(argv: list[str]) -> None:
    """``python -m tests.browser PAGE OUT.png [--presenter --stage N] [--explore] [--full]``"""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.browser", description="A screenshot of a page.")
    parser.add_argument("page", help="a file or a URL")
    parser.add_argument("out")
    parser.add_argument("--presenter", action="store_true", help="enter presenter mode (and go to --stage)")
    parser.add_argument("--stage", type=int, default=1)
    parser.add_argument("--explore", action="store_true", help="in presenter mode: open the explorer (key E)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--dark", action="store_true", help="the reader prefers dark colours")
    parser.add_argument("--full", action="store_true", help="the whole page, not the window")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    url = args.page if "://" in args.page else Path(args.page).resolve().as_uri()
    with sync_playwright() as playwright:
        chromium = launch(playwright, FILE_ACCESS)
        context = chromium.new_context(
            viewport={"width": args.width, "height": args.height}, color_scheme="dark" if args.dark else "light"
        )
        tab = context.new_page()
        tab.goto(url)
        tab.evaluate(WAIT_VIDEOS)
        if args.presenter:
            tab.evaluate("document.getElementById('present').click()")
            for _ in range(args.stage - 1):
                tab.keyboard.press("ArrowRight")
            if args.explore:
                tab.keyboard.press("e")
        tab.wait_for_timeout(1000)  # let video controls and the explorer's dot settle
        tab.screenshot(path=args.out, full_page=args.full)
        chromium.close()
        print(args.out)


if __name__ == "__main__":
    main(sys.argv[1:])


# -- <relu-explorer> on a phone (the explorer page's tests and the lecture page's) -----------

PHONE = {"width": 375, "height": 667}  # a portrait phone, CSS pixels
#: The chart each slider moves most directly, by the lesson's arithmetic: a node's weight and
#: bias bend that node's activation; the output weights and the final bias scale and shift the
#: lines that are added up ("pieces"). The dosage (None) moves every chart: whichever is shown.
SLIDER_CHARTS = {
    "dosage": None,
    "top.weight": "top",
    "top.bias": "top",
    "bottom.weight": "bottom",
    "bottom.bias": "bottom",
    "top.output_weight": "pieces",
    "bottom.output_weight": "pieces",
    "final_bias": "pieces",
}

_SHOWN_CHARTS = """el => [...el.shadowRoot.querySelectorAll('figure')]
    .filter(f => f.checkVisibility({visibilityProperty: true}) && f.getBoundingClientRect().height > 0)
    .map(f => f.className.split(' ')[0])"""

_CHART = """(el, which) => { const f = el.shadowRoot.querySelector('figure.' + which), b = f.getBoundingClientRect();
    return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, svg: f.querySelector('svg').innerHTML,
            shown: f.checkVisibility({visibilityProperty: true})}; }"""

# every piece of text the reader sees: its size on screen (an SVG's text scaled as its chart is)
_SMALL_TEXT = """el => { const small = [];
  for (const e of el.shadowRoot.querySelectorAll('*')) {
    if (!e.checkVisibility({visibilityProperty: true})) continue;
    const box = e.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // nothing, or visually hidden (for screen readers)
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || e.closest('option')) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e instanceof SVGElement) { const svg = e.ownerSVGElement; size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }
    if (size < 12) small.push([e.textContent.trim().slice(0, 30), Math.round(size * 10) / 10]);
  }
  return small; }"""

_SMALL_TARGETS = """el => [...el.shadowRoot.querySelectorAll('input:not([type=file]), select, button, .file')]
    .filter(e => e.checkVisibility({visibilityProperty: true}))
    .map(e => [e.dataset.key || e.dataset.chart || e.className || e.textContent, e.getBoundingClientRect()])
    .filter(([, b]) => b.width < 24 || b.height < 24).map(([name, b]) => [name, b.width, b.height])"""


def whole_on_screen(box: dict, width: int, height: int) -> bool:
    return box["top"] >= 0 and box["left"] >= 0 and box["bottom"] <= height and box["right"] <= width


def _edges(chart: dict) -> dict:
    return {side: round(chart[side]) for side in ("top", "bottom", "left", "right")}


def check_explorer_on_a_phone(tab, charts: dict[str, str | None] = SLIDER_CHARTS) -> None:
    """At PHONE's size: for every slider, scrolled into view from above and from below, the
    slider and the chart it moves (``charts``: by default the lesson's two nodes' SLIDER_CHARTS)
    are whole on screen, the slider not covered;
    dragging it changes that chart while both stay there. No text under 12 px, no control
    under 24x24 px (WCAG 2.5.8), nothing wider than the screen."""
    width, height = PHONE["width"], PHONE["height"]
    el = tab.locator("relu-explorer")
    for key, chart in charts.items():
        slider = tab.locator(f"relu-explorer input[type=range][data-key='{key}']")
        for start in ("0", "document.documentElement.scrollHeight"):
            tab.evaluate(f"window.scrollTo(0, {start})")
            slider.evaluate("s => s.scrollIntoView({block: 'nearest'})")
            box = slider.bounding_box()
            middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            where = f"{key} (scrolled to from {'above' if start == '0' else 'below'})"
            assert whole_on_screen(
                {
                    "top": box["y"],
                    "left": box["x"],
                    "bottom": box["y"] + box["height"],
                    "right": box["x"] + box["width"],
                },
                width,
                height,
            ), (where, box)
            tab.mouse.move(*middle)
            tab.mouse.down()  # the learner's finger on the slider: it is the element there
            assert el.evaluate("(el, p) => el.shadowRoot.elementFromPoint(p[0], p[1])?.dataset.key", middle) == key, (
                where
            )
            shown = el.evaluate(_SHOWN_CHARTS)
            assert len(shown) >= 1, where
            which = chart or shown[0]
            before = el.evaluate(_CHART, which)
            assert before["shown"] and whole_on_screen(before, width, height), (where, which, _edges(before))
            tab.mouse.move(middle[0] + box["width"] / 4, middle[1], steps=4)
            after = el.evaluate(_CHART, which)
            tab.mouse.up()
            assert after["svg"] != before["svg"], (where, which)  # the chart moved with the slider
            assert after["shown"] and whole_on_screen(after, width, height), (where, which, _edges(after))
            now = slider.bounding_box()
            assert now["y"] >= 0 and now["y"] + now["height"] <= height, (where, now)
            tab.evaluate("document.querySelector('relu-explorer').reset()")
    assert el.evaluate(_SMALL_TEXT) == []
    assert el.evaluate(_SMALL_TARGETS) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
