"""The lecture page in a real browser: headless Chromium (Debian's ``chromium`` package,
driven by tests/chromium.py), loading the package over HTTP from 127.0.0.1 and straight
from disk (file://).

Checked against the manifest and the caption files (read here with the ``srt``
library) and the tiny scenes' known lengths: every video's metadata loads, its duration
matches within one frame, it plays past 0.5 s, its captions track has the cues of its
SRT file; the chapter list comes from the chapters track and each chapter seeks the
whole lesson to its stage; presenter mode's keys; and axe-core finds no accessibility
violation (rules: WCAG 2.0/2.1 A and AA, and axe's best practices).

If Chromium or npm is missing these tests FAIL (``./run test`` installs them): a
browser test that cannot run is not a passing one.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import srt

from .chromium import INSTALL_HINT, Chromium, find_chromium
from .lecture_stages import EXPECTED_CAPTIONS, EXPECTED_FRAMES, EXPECTED_STARTS, FPS, TEN

ROOT = Path(__file__).resolve().parents[1]
AXE_DIR = ROOT / ".cache" / "npm"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FRAME = 1 / FPS


# -- set-up: Chromium, axe-core, a local web server -------------------------------------


@pytest.fixture(scope="module")
def chromium():
    if find_chromium() is None:
        pytest.fail(f"headless Chromium is needed for the lecture page tests: {INSTALL_HINT}", pytrace=False)
    with Chromium("--allow-file-access-from-files") as browser:
        yield browser


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed with npm into .cache/npm the first time."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install axe-core for the accessibility check: apt-get install npm "
                        "(./run test does)", pytrace=False)  # fmt: skip
        done = subprocess.run([npm, "install", "--prefix", str(AXE_DIR), "axe-core@4", "--no-audit", "--no-fund",
                               "--loglevel=error"], capture_output=True, text=True, timeout=300)  # fmt: skip
        if done.returncode != 0 or not AXE.exists():
            pytest.fail(f"npm could not install axe-core: {done.stderr.strip()[-500:]}", pytrace=False)
    return AXE.read_text(encoding="utf-8")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that honours byte ranges, as real web servers do (browsers
    seek in videos with them)."""

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
        handle = open(path, "rb")
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


@pytest.fixture(scope="module")
def server(lecture_package):
    package, _ = lecture_package
    handler = functools.partial(RangeHandler, directory=str(package))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(params=["http", "file"])
def url(request, lecture_package):
    if request.param == "http":
        return request.getfixturevalue("server")
    return (lecture_package[0] / "index.html").as_uri()


def manifest(lecture_package) -> dict:
    return json.loads((lecture_package[1] / "tiny" / "manifest.json").read_text())


def srt_cues(path: Path) -> int:
    return len(list(srt.parse(path.read_text(encoding="utf-8"))))


# -- what the page does -----------------------------------------------------------------

VIDEOS_REPORT = """
(async (PLAY) => {
  const videos = [...document.querySelectorAll("video")];
  const ready = (video) => video.readyState >= 1 ? null :
      new Promise((ok, fail) => { video.addEventListener("loadedmetadata", ok); video.addEventListener("error", fail); });
  await Promise.all(videos.map(ready));
  const trackLoaded = (el) => el.readyState >= 2 ? null : new Promise((ok) => {
      el.addEventListener("load", ok); el.addEventListener("error", ok); });
  await Promise.all([...document.querySelectorAll("track")].map(trackLoaded));
  const played = (video) => new Promise((ok) => {
      const check = () => { if (video.currentTime > 0.5) { video.pause(); ok(video.currentTime); } };
      video.addEventListener("timeupdate", check);
      video.muted = true;
      video.play();
  });
  const times = PLAY ? await Promise.all(videos.map(played)) : videos.map(() => null);
  return videos.map((video, i) => ({
    media: video.dataset.media,
    duration: video.duration,
    played: times[i],
    captions: [...video.textTracks].filter(t => t.kind === "captions" && t.mode === "showing")
                                   .map(t => t.cues ? t.cues.length : -1),
    error: video.error && video.error.message,
  }));
})(%s)
"""


def test_every_video_loads_plays_and_shows_its_captions(chromium, url, lecture_package):
    package = lecture_package[0]
    durations = {o["stage"]: o["duration"] for o in manifest(lecture_package)["outputs"] if o["format"] == "mp4"}
    chromium.open(url)
    report = chromium.js(VIDEOS_REPORT % "true", timeout=20)
    assert [v["media"] for v in report] == ["lesson", *(s.name for s in TEN)]
    for video in report:
        name = video["media"]
        assert video["error"] is None, video
        assert video["duration"] == pytest.approx(durations[name], abs=FRAME), name
        expected_frames = EXPECTED_FRAMES[name] if name != "lesson" else sum(EXPECTED_FRAMES.values())
        assert video["duration"] == pytest.approx(expected_frames / FPS, abs=FRAME), name
        assert video["played"] > 0.5
        # One captions track, showing by default, with as many cues as the SRT file.
        assert video["captions"] == [srt_cues(package / "videos" / f"{name}.srt")], name
    assert sum(v["captions"][0] for v in report[1:]) == sum(EXPECTED_CAPTIONS.values())
    assert chromium.js("[...document.querySelectorAll('video')].filter(v => v.dataset.captions === 'embedded').length") == 0


CHAPTERS = """
(async () => {
  const list = document.getElementById("chapter-list");
  for (let i = 0; i < 100 && list.dataset.source !== "track"; i++) { await new Promise(r => setTimeout(r, 20)); }
  return {source: list.dataset.source, labels: [...list.querySelectorAll("button")].map(b => b.textContent)};
})()
"""

SEEKED = """
(async () => {
  const video = document.getElementById("lesson-video");
  if (video.seeking) { await new Promise(r => video.addEventListener("seeked", r, {once: true})); }
  const current = document.querySelector("#chapter-list button[aria-current='true']");
  return {time: video.currentTime, current: current && current.dataset.stage};
})()
"""


def test_choosing_a_chapter_seeks_the_lesson_to_its_stage(chromium, url, lecture_package):
    chapters = next(o for o in manifest(lecture_package)["outputs"] if o["stage"] == "lesson")["chapters"]
    chromium.open(url)
    menu = chromium.js(CHAPTERS, timeout=10)
    assert menu["source"] == "track"  # built from the chapters track's cues
    assert menu["labels"] == [f"{chapter_clock(EXPECTED_STARTS[s.name])} {s.number}. {s.description}" for s in TEN]
    chromium.js("document.getElementById('lesson-video').readyState >= 1 || new Promise(r => "
                "document.getElementById('lesson-video').addEventListener('loadedmetadata', r))", timeout=10)  # fmt: skip
    for index in [4, 9, 0, 1]:
        stage = TEN[index].name
        # With the keyboard: focus the chapter's button and press Enter.
        chromium.js(f"document.querySelectorAll('#chapter-list button')[{index}].focus()")
        chromium.press("Enter")
        seeked = chromium.js(SEEKED, timeout=10)
        assert seeked["time"] == pytest.approx(EXPECTED_STARTS[stage], abs=1e-3)
        assert seeked["time"] == pytest.approx(chapters[index]["start"], abs=1e-3)
        assert seeked["current"] == stage  # marked as the chapter playing now


def chapter_clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def test_from_disk_without_file_access_the_embedded_captions_and_chapters_take_over(lecture_package):
    """Opened from disk by double-click, Chromium refuses <track> files: the page falls
    back to the cues and chapter times embedded in it."""
    if find_chromium() is None:
        pytest.fail(f"headless Chromium is needed: {INSTALL_HINT}", pytrace=False)
    package = lecture_package[0]
    with Chromium() as browser:  # no --allow-file-access-from-files
        browser.open((package / "index.html").as_uri())
        report = browser.js(VIDEOS_REPORT % "false", timeout=20)  # playing is checked above
        for video in report:
            assert video["captions"] == [srt_cues(package / "videos" / f"{video['media']}.srt")], video
        assert browser.js("document.getElementById('chapter-list').dataset.source") == "manifest"
        browser.js("document.querySelectorAll('#chapter-list button')[3].click()")
        assert browser.js(SEEKED, timeout=10)["time"] == pytest.approx(EXPECTED_STARTS[TEN[3].name], abs=1e-3)


STATE = """({
  presenting: document.body.classList.contains("presenting"),
  visible: [...document.querySelectorAll(".stage")].filter(s => s.getClientRects().length).map(s => s.dataset.stage),
  lessonVisible: document.getElementById("lesson-video").getClientRects().length > 0,
  paused: [...document.querySelectorAll(".stage video")].map(v => v.paused),
  captions: [...document.querySelectorAll(".stage video")].map(v => [...v.textTracks].filter(t => t.kind === "captions").map(t => t.mode)[0]),
  pressed: document.getElementById("captions-toggle").getAttribute("aria-pressed"),
  focus: document.activeElement && (document.activeElement.id || document.activeElement.tagName),
  status: document.getElementById("presenter-status").textContent,
  controls: [...document.querySelectorAll(".stage video")].map(v => v.controls),
  times: [...document.querySelectorAll(".stage video")].map(v => v.currentTime),
})"""


UNTIL = "new Promise(ok => { const t = setInterval(() => { if (%s) { clearInterval(t); ok(true); } }, 20); })"


def test_presenter_mode_one_stage_at_a_time_with_keys(chromium, server):
    chromium.open(server)
    chromium.js("document.getElementById('present').focus()")
    chromium.press("Enter")
    state = chromium.js(STATE)
    assert state["presenting"] and state["visible"] == ["step-1"] and not state["lessonVisible"]
    assert state["focus"] == "presenter-play"  # focus moves into the presenter controls
    # no native controls over the picture; the opening picture, not the poster (the last frame)
    assert not any(state["controls"]) and state["times"][0] > 0
    chromium.js("document.activeElement.blur()")
    chromium.press("ArrowRight")
    chromium.press("ArrowRight")
    state = chromium.js(STATE)
    assert state["visible"] == ["step-3"] and state["status"] == "Stage 3 of 10"  # the heading shows above, once
    chromium.press("ArrowLeft")
    assert chromium.js(STATE)["visible"] == ["step-2"]
    chromium.press(" ")
    chromium.js("new Promise(r => setTimeout(r, 300))")
    state = chromium.js(STATE)
    assert state["paused"][1] is False and all(state["paused"][i] for i in range(10) if i != 1)
    chromium.press(" ")
    assert chromium.js(STATE)["paused"][1] is True
    chromium.press("c")
    state = chromium.js(STATE)
    assert set(state["captions"]) == {"hidden"} and state["pressed"] == "false"
    chromium.press("c")
    state = chromium.js(STATE)
    assert set(state["captions"]) == {"showing"} and state["pressed"] == "true"
    chromium.press("Escape")  # leaves full screen first (asynchronously), then presenter mode
    chromium.js(UNTIL % "!document.body.classList.contains('presenting')", timeout=5)
    state = chromium.js(STATE)
    assert not state["presenting"] and len(state["visible"]) == 10 and state["lessonVisible"]
    assert state["focus"] == "present" and all(state["controls"])


FOCUS_STEP = """(() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return [e.dataset.k || null, e.tagName, s.outlineStyle, s.outlineWidth];
})()"""


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(chromium, server):
    chromium.open(server)
    controls = chromium.js("""(() => {
      const all = [...document.querySelectorAll("button, a[href], summary, video")]
          .filter(e => !e.closest("video") || e.tagName === "VIDEO").filter(e => e.getClientRects().length);
      all.forEach((e, i) => { e.dataset.k = String(i); });
      return all.length;
    })()""")
    assert controls == 3 + 10 + 1 + 10 + 10 + 1  # actions, chapters, lesson video, stage videos, transcripts, skip link
    seen = set()
    for _ in range(400):  # a video's own controls take several Tab presses each
        chromium.press("Tab")
        key, tag, style, width = chromium.js(FOCUS_STEP)
        if key is None:
            continue
        seen.add(key)
        if tag != "VIDEO":  # inside a video, focus is on Chromium's own controls, with their own ring
            assert style != "none" and width != "0px", (tag, key)
        if len(seen) == controls:
            break
    assert len(seen) == controls


AXE_RUN = """
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(result => ({
  violations: result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3)})),
  passes: result.passes.map(v => v.id),
}))
"""


@pytest.mark.parametrize("mode", ["page", "presenter"])
def test_axe_core_finds_no_accessibility_violation(chromium, server, axe_source, mode):
    chromium.open(server)
    chromium.js(axe_source)
    if mode == "presenter":
        chromium.js("document.getElementById('present').click()")
    result = chromium.js(AXE_RUN % json.dumps(AXE_TAGS), timeout=30)
    assert result["violations"] == [], result["violations"]
    assert {"video-caption", "button-name", "document-title", "html-has-lang"} <= set(result["passes"])
    if mode == "page":
        assert "color-contrast" in result["passes"]
