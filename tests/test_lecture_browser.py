"""The lecture page in a real browser: headless Chromium (Debian's ``chromium`` package,
driven by Playwright: tests/browser.py), loading the package over HTTP from 127.0.0.1 and
straight from disk (file://).

Checked against the manifest and the caption files (read here with the ``srt``
library) and the tiny scenes' known lengths: every video's metadata loads, its duration
matches within one frame, it plays past 0.5 s, its captions track has the cues of its
SRT file; the chapter list is the manifest's, each chapter loads its stage's own video
into the whole lesson's player and the lesson plays on into the next; presenter mode's keys, the explorer beside the stage (E);
and axe-core finds no accessibility violation (rules: WCAG 2.0/2.1 A and AA, and axe's
best practices).

If Chromium or npm is missing these tests FAIL (``./run test`` installs them): a
browser test that cannot run is not a passing one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import srt
from PIL import Image

from relu_anim.lecture.explore import STAGE_MOMENTS

from .browser import PHONE, axe_source, browser, check_explorer_on_a_phone, launch, page, playwright, run_axe, serve  # noqa: F401 (fixtures)
from .lecture_stages import EXPECTED_CAPTIONS, EXPECTED_FRAMES, EXPECTED_STARTS, FPS, TEN
from .pictures import changed, frames_of, shown_at

FRAME = 1 / FPS


@pytest.fixture(scope="module")
def server(lecture_package, serve):
    return serve(lecture_package[0]) + "index.html"


@pytest.fixture(params=["http", "file"])
def url(request, lecture_package):
    if request.param == "http":
        return request.getfixturevalue("server")
    return (lecture_package[0] / "index.html").as_uri()


def manifest(lecture_package) -> dict:
    return json.loads((lecture_package[1] / "tiny" / "manifest.json").read_text())


def srt_cues(path: Path) -> int:
    return len(list(srt.parse(path.read_text(encoding="utf-8"))))


def captions_text(path: Path) -> list[str]:
    return [sub.content for sub in srt.parse(path.read_text(encoding="utf-8"))]


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


def test_every_video_loads_plays_and_shows_its_captions(page, url, lecture_package):
    package = lecture_package[0]
    durations = {o["stage"]: o["duration"] for o in manifest(lecture_package)["outputs"] if o["format"] == "mp4"}
    page.goto(url)
    report = page.evaluate(VIDEOS_REPORT % "true")
    # the whole lesson's player first, on its first chapter's own video (stage 1's)
    assert [v["media"] for v in report] == [TEN[0].name, *(s.name for s in TEN)]
    for video in report:
        name = video["media"]
        assert video["error"] is None, video
        assert video["duration"] == pytest.approx(durations[name], abs=FRAME), name
        assert video["duration"] == pytest.approx(EXPECTED_FRAMES[name] / FPS, abs=FRAME), name
        assert video["played"] > 0.5
        # One captions track, showing by default, with as many cues as the SRT file.
        assert video["captions"] == [srt_cues(package / "videos" / f"{name}.srt")], name
    assert sum(v["captions"][0] for v in report[1:]) == sum(EXPECTED_CAPTIONS.values())
    assert (
        page.evaluate("[...document.querySelectorAll('video')].filter(v => v.dataset.captions === 'embedded').length")
        == 0
    )


CHAPTERS = """
(() => {
  const list = document.getElementById("chapter-list");
  return {source: list.dataset.source, labels: [...list.querySelectorAll("button")].map(b => b.textContent)};
})()
"""

#: The whole lesson's player once it has loaded what it plays: which video, where, its captions
#: (at least ``cues`` of them, parsed: a track's cues arrive as its file is read). Every wait is
#: bounded (5 s), so a player that never loads fails the test instead of hanging it.
LESSON_STATE = """
async (cues) => {
  const within = (event, target) => new Promise(r => {
    target.addEventListener(event, r, {once: true});
    setTimeout(r, 5000);
  });
  const video = document.getElementById("lesson-video");
  if (video.readyState < 1) { await within("loadedmetadata", video); }
  if (video.seeking) { await within("seeked", video); }
  const current = document.querySelector("#chapter-list button[aria-current='true']");
  const showing = [...video.textTracks].filter(t => t.kind === "captions" && t.mode === "showing");
  for (let i = 0; i < 250 && !(showing[0] && showing[0].cues && showing[0].cues.length >= (cues || 1)); i++) {
    await new Promise(r => setTimeout(r, 20));
  }
  return {media: video.dataset.media, src: video.currentSrc, time: video.currentTime, paused: video.paused,
          current: current && current.dataset.stage,
          captions: showing.map(t => t.cues ? [...t.cues].map(c => c.text) : null)};
}
"""


def test_choosing_a_chapter_plays_its_stage_in_the_lesson(page, url, lecture_package):
    """The chapter list is the manifest's; a chapter loads its stage's own video into the
    lesson's player (the package holds no joined copy), with that stage's captions."""
    package = lecture_package[0]
    page.goto(url)
    menu = page.evaluate(CHAPTERS)
    assert menu["source"] == "manifest"
    assert menu["labels"] == [f"{chapter_clock(EXPECTED_STARTS[s.name])} {s.number}. {s.description}" for s in TEN]
    for index in [4, 9, 0, 1]:
        stage = TEN[index].name
        # With the keyboard: focus the chapter's button and press Enter.
        page.locator("#chapter-list button").nth(index).focus()
        page.keyboard.press("Enter")
        expected = [captions_text(package / "videos" / f"{stage}.srt")]
        state = page.evaluate(LESSON_STATE, len(expected[0]))  # waits for every cue to be parsed
        assert state["media"] == stage and state["src"].endswith(f"/videos/{stage}.mp4")
        assert state["time"] == 0
        assert state["current"] == stage  # marked as the chapter playing now
        assert state["captions"] == expected


def test_the_lesson_plays_on_into_the_next_chapter(page, url):
    """At the end of a chapter's video the lesson goes on with the next chapter's, playing."""
    page.goto(url)
    page.locator("#chapter-list button").nth(7).click()
    page.evaluate("""(async () => {
      const video = document.getElementById("lesson-video");
      if (video.readyState < 1) { await new Promise(r => video.addEventListener("loadedmetadata", r, {once: true})); }
      video.muted = true;
      video.currentTime = video.duration - 0.5;
      await video.play();
      for (let i = 0; i < 250 && !(video.dataset.media === "step-9" && video.currentTime > 0.2); i++) {
        await new Promise(r => setTimeout(r, 20));
      }
    })()""")
    state = page.evaluate(LESSON_STATE, 1)
    assert state["media"] == TEN[8].name and state["src"].endswith(f"/videos/{TEN[8].name}.mp4")
    assert not state["paused"] and state["time"] > 0.2
    assert state["current"] == TEN[8].name


def chapter_clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def test_from_disk_without_file_access_the_embedded_captions_and_chapters_take_over(playwright, lecture_package):
    """Opened from disk by double-click, Chromium refuses <track> files: the page falls
    back to the cues and chapter times embedded in it."""
    package = lecture_package[0]
    chromium = launch(playwright)  # no --allow-file-access-from-files
    try:
        tab = chromium.new_page()
        tab.goto((package / "index.html").as_uri())
        report = tab.evaluate(VIDEOS_REPORT % "false")  # playing is checked above
        for video in report:
            assert video["captions"] == [srt_cues(package / "videos" / f"{video['media']}.srt")], video
        assert tab.evaluate("document.getElementById('chapter-list').dataset.source") == "manifest"
        tab.locator("#chapter-list button").nth(3).click()  # the lesson's player: stage 4's video and cues
        state = tab.evaluate(LESSON_STATE, 1)
        assert state["media"] == TEN[3].name
        assert state["captions"] == [captions_text(package / "videos" / f"{TEN[3].name}.srt")]
    finally:
        chromium.close()


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
  line: document.querySelector(".presenter-caption") && document.querySelector(".presenter-caption").hidden,
})"""


UNTIL = "new Promise(ok => { const t = setInterval(() => { if (%s) { clearInterval(t); ok(true); } }, 20); })"


def test_presenter_mode_one_stage_at_a_time_with_keys(page, server):
    page.goto(server)
    page.focus("#present")
    page.keyboard.press("Enter")
    state = page.evaluate(STATE)
    assert state["presenting"] and state["visible"] == ["step-1"] and not state["lessonVisible"]
    assert state["focus"] == "presenter-play"  # focus moves into the presenter controls
    # no native controls over the picture; nothing seeks: the poster shows the opening picture
    assert not any(state["controls"]) and state["times"][0] == 0
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    state = page.evaluate(STATE)
    assert state["visible"] == ["step-3"] and state["status"] == "Stage 3 of 10"  # the heading shows above, once
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(STATE)["visible"] == ["step-2"]
    page.keyboard.press(" ")
    page.wait_for_timeout(300)
    state = page.evaluate(STATE)
    assert state["paused"][1] is False and all(state["paused"][i] for i in range(10) if i != 1)
    page.keyboard.press(" ")
    assert page.evaluate(STATE)["paused"][1] is True
    page.keyboard.press("c")
    state = page.evaluate(STATE)
    assert set(state["captions"]) == {"hidden"} and state["pressed"] == "false" and state["line"] is True
    page.keyboard.press("c")
    state = page.evaluate(STATE)  # on: under the picture (the line), not drawn over it (the track)
    assert set(state["captions"]) == {"hidden"} and state["pressed"] == "true" and state["line"] is False
    page.keyboard.press("Escape")  # leaves full screen first (asynchronously), then presenter mode
    page.wait_for_function("!document.body.classList.contains('presenting')", timeout=5000)
    state = page.evaluate(STATE)
    assert not state["presenting"] and len(state["visible"]) == 10 and state["lessonVisible"]
    assert state["focus"] == "present" and all(state["controls"])
    assert set(state["captions"]) == {"showing"} and state["line"] is True  # the page's players draw them again


CAPTION_LINE = """() => {
  const video = document.querySelector(".stage.current video"), line = document.querySelector(".presenter-caption");
  const box = b => { const r = b.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {time: video.currentTime, text: line.textContent, shown: line.checkVisibility(), line: box(line),
          video: box(video), bar: box(document.getElementById("presenter-bar")), inVideo: video.contains(line),
          drawn: [...document.querySelectorAll(".stage video")].flatMap(v => [...v.textTracks]).filter(t => t.mode === "showing").length};
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_presenter_mode_shows_captions_under_the_picture_not_over_it(page, server, lecture_package, size):
    """Seen on the real lesson in presenter mode: the browser drew a stage's captions over the
    bottom of its picture, on the axes' labels ("Low Medium High", "Dosage"). Now no track is
    drawn over a picture in presenter mode; the cue the video is at (its SRT, read here with
    srt) is written in a line under the video and above the presenter bar."""
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    stage = TEN[1]  # TinyB: two captions
    subs = list(srt.parse((lecture_package[0] / "videos" / f"{stage.name}.srt").read_text(encoding="utf-8")))
    page.goto(server)
    page.click("#present")
    page.evaluate("lecture.show(1)")
    page.evaluate("document.querySelector('.stage.current video').play()")
    page.wait_for_function("document.querySelector('.presenter-caption').textContent !== ''", timeout=10000)
    page.evaluate("document.querySelector('.stage.current video').pause()")
    page.wait_for_timeout(100)
    state = page.evaluate(CAPTION_LINE)
    now = [sub.content for sub in subs if sub.start.total_seconds() <= state["time"] < sub.end.total_seconds()]
    assert state["text"] == "\n".join(now) and now, (state["time"], state["text"])
    assert state["drawn"] == 0  # no caption drawn over any stage's picture (the lesson player is hidden)
    assert state["shown"] and not state["inVideo"]
    line, video, bar = state["line"], state["video"], state["bar"]
    assert video["bottom"] <= line["top"] + 0.5 and line["bottom"] <= bar["top"] + 0.5, state
    assert line["left"] >= 0 and line["right"] <= width


BESIDE = """() => {
  const stage = document.querySelector(".stage.current").getBoundingClientRect();
  const explore = document.getElementById("explore").getBoundingClientRect();
  const el = document.getElementById("explorer");
  return {exploring: document.body.classList.contains("exploring"), stageRight: stage.right, exploreLeft: explore.left,
          exploreWidth: explore.width, focused: [...el.shadowRoot.querySelectorAll("figure.focused")].map(f => f.className),
          dosage: el.dosage, pressed: document.getElementById("presenter-explore").getAttribute("aria-pressed")};
}"""


SHOWN = """(name) => {
  const video = document.getElementById("video-" + name), box = video.getBoundingClientRect();
  const scale = Math.min(box.width / video.width, box.height / video.height);  // object-fit: contain
  const w = video.width * scale, h = video.height * scale;
  return {time: video.currentTime, ready: video.readyState, poster: video.poster,
          clip: {x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, width: w, height: h}};
}"""

POSTERS_DECODED = "Promise.all([...document.querySelectorAll('.stage video')].map(v => { const i = new Image(); i.src = v.poster; return i.decode(); }))"


def picture_on_screen(page, name: str, size: tuple[int, int]):
    """What the screen shows of stage ``name``'s video (its picture, without letterbox
    bands), scaled to the video's size; and the video's currentTime and readyState."""
    shown = page.evaluate(SHOWN, name)
    picture = Image.open(io.BytesIO(page.screenshot(clip=shown["clip"]))).convert("RGB")
    return np.asarray(picture.resize(size, Image.Resampling.BILINEAR)), shown


@pytest.mark.parametrize("load", ["at-once", "late"])
def test_presenter_mode_shows_each_stage_opening_picture_before_play_however_its_video_loads(
    page, server, lecture_package, load
):
    """Before Play, every stage in presenter mode shows the picture its video shows at the
    manifest's ``opening`` (decoded here with PyAV), at currentTime 0: whether its video's
    metadata has loaded or not yet (``late``: every MP4 held back until the pictures are
    read, then let through: the picture stays). Play then plays the stage from its start."""
    package = lecture_package[0]
    entries = {o["stage"]: o for o in manifest(lecture_package)["outputs"]}
    held = []
    if load == "late":
        page.route("**/*.mp4", lambda route: held.append(route))  # answered below, once the pictures are read
    page.goto(server)
    page.evaluate(POSTERS_DECODED)
    page.keyboard.press("c")  # captions off: the picture alone
    page.click("#present")

    def check(stage) -> None:
        entry = entries[stage.name]
        decoded = frames_of(package / "videos" / f"{stage.name}.mp4")
        opening = shown_at(decoded, entry["opening"])
        picture, shown = picture_on_screen(page, stage.name, (entry["width"], entry["height"]))
        assert shown["time"] == 0, (stage.name, shown)  # nothing seeked: Play starts at the start
        assert (shown["ready"] == 0) == (load == "late"), shown  # the late case is late
        assert changed(picture, opening) < 0.01, stage.name
        if stage.scene_class == "TinyB":  # not its last frame, not its first
            assert changed(picture, decoded[-1][1]) > 0.015, stage.name
            assert changed(picture, decoded[0][1]) > 0.003, stage.name

    for index, stage in enumerate(TEN):
        page.evaluate(f"window.lecture.show({index})")
        check(stage)
    if load == "late":
        for route in held:
            route.continue_()
        page.unroute("**/*.mp4")
        page.evaluate("document.getElementById('video-step-2').load()")  # its request answered now
        page.evaluate("window.lecture.show(1)")
        page.wait_for_function("document.getElementById('video-step-2').readyState >= 1", timeout=10000)
        load = "at-once"  # loaded now: the same picture, at 0
        check(TEN[1])
    page.evaluate("window.lecture.show(1)")
    page.click("#presenter-play")
    page.wait_for_function("document.getElementById('video-step-2').currentTime > 0", timeout=10000)
    page.click("#presenter-play")  # pause: it played from its start, not from its opening
    assert page.evaluate("document.getElementById('video-step-2').currentTime") < entries["step-2"]["opening"]


def test_presenter_mode_key_e_opens_the_explorer_beside_the_stage_on_its_moment(page, server):
    """E toggles the explorer beside the current stage, set to the stage's moment (here a
    moment given to tiny stage 7, as the page gives the wedge stage "sum"); keys typed in
    the explorer's fields stay there (no stage change, no captions toggle)."""
    page.goto(server)
    page.click("#present")
    page.evaluate("lecture.moments['step-7'] = {focus: 'sum', dosage: 0.25}")
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(BESIDE)["exploring"] is False
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("e")
    state = page.evaluate(BESIDE)
    assert state["exploring"] and state["pressed"] == "true"
    assert state["stageRight"] <= state["exploreLeft"] + 1 and state["exploreWidth"] > 500  # side by side at 1280
    assert state["focused"] == ["pieces focused"] and state["dosage"] == 0.25
    field = page.locator("relu-explorer input[type=number][data-key='final_bias']")
    field.fill("-10")
    field.press("ArrowRight")  # a key inside the explorer: not the next stage
    field.press("c")
    assert page.evaluate("document.querySelector('.stage.current').dataset.stage") == "step-7"
    assert page.evaluate("document.getElementById('captions-toggle').getAttribute('aria-pressed')") == "true"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowLeft")  # another stage, no moment: the explorer stays open, nothing focused
    state = page.evaluate(BESIDE)
    assert state["exploring"] and state["focused"] == []
    page.keyboard.press("E")
    assert page.evaluate(BESIDE)["exploring"] is False


WHOLE = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; };
  const el = document.getElementById("explorer"), root = el.shadowRoot;
  const panel = document.getElementById("explore");
  return {video: box(document.querySelector(".stage.current video")), explore: box(panel), explorer: box(el),
          scrolls: panel.scrollHeight > panel.clientHeight + 1,
          parts: [...root.querySelectorAll("figure svg, .controls input, .controls select, .controls button")]
              .filter((e) => e.getClientRects().length).map((e) => [e.tagName + "." + (e.dataset.key || e.className.baseVal || e.className), box(e)])};
}"""


def explorer_beside_stage_7(page, server, size: tuple[int, int]) -> None:
    """Presenter mode in a window of ``size``, at stage 7, the explorer opened beside it (E)."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(server)
    page.click("#present")
    page.evaluate("lecture.show(6)")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("e")


# The video's width beside the explorer, measured on the real lesson's package (its stage 7):
# 608 px at 1280x720 and 992 px at 1920x1080 (before this layout: 528 and 816); the floor
# leaves a margin for fonts.
@pytest.mark.parametrize(("size", "video_width"), [((1280, 720), 580), ((1920, 1080), 950)])
def test_presenter_mode_the_explorer_and_the_video_are_both_whole(page, server, size, video_width):
    """E beside a stage: the video and the explorer side by side, neither cut off nor
    overlapping, every chart and control of the explorer in the window without scrolling,
    and the video at least ``video_width`` px wide."""
    width, height = size
    explorer_beside_stage_7(page, server, size)
    state = page.evaluate(WHOLE)
    bar_top = page.evaluate("document.getElementById('presenter-bar').getBoundingClientRect().top")
    video, explore = state["video"], state["explore"]
    for name, box in [("video", video), ("explore", explore), ("explorer", state["explorer"])] + state["parts"]:
        assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width + 0.5, (name, box)
        assert box["bottom"] <= bar_top + 0.5, (name, box)  # above the presenter bar: on screen
    assert video["right"] <= explore["left"] + 0.5  # side by side, no overlap
    assert not state["scrolls"]
    assert {name.split(".")[0] for name, _ in state["parts"]} == {"svg", "INPUT", "SELECT", "BUTTON"}
    assert sum(name.startswith("svg") for name, _ in state["parts"]) == 5  # the diagram and the four charts
    assert (
        sum(name.startswith("INPUT") for name, _ in state["parts"]) == 16
    )  # the dosage and 7 parameters, slider and field
    assert video["width"] >= video_width


CHART_TEXT = """() => { const el = document.getElementById("explorer"), out = [];
  for (const svg of el.shadowRoot.querySelectorAll("figure:not(.diagram) svg")) {
    const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      out.push({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5});
    }
  }
  return out; }"""


@pytest.mark.parametrize(("size", "smallest"), [((1280, 720), 7.0), ((1920, 1080), 12.0)])
def test_presenter_mode_the_explorer_charts_text_is_readable_and_whole(page, server, size, smallest):
    """Seen on the real lesson: beside a stage, the explorer's four charts were drawn in the
    page's frame, their tick labels 4.8 px at 1280x720 and 8.8 px at 1920x1080. They are now
    drawn in a frame that fits their pixels (as on a phone): at least 12 px at 1920x1080, and
    7 px at 1280x720 (the frame's floor, 240 units: two charts abreast in 640 px); every text
    inside its chart (a long title squeezed to fit, not cut off at the chart's edge)."""
    explorer_beside_stage_7(page, server, size)
    page.wait_for_timeout(300)  # the charts redrawn for their new width
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 20
    assert min(t["px"] for t in texts) >= smallest, sorted((round(t["px"], 1), t["text"]) for t in texts)[:3]
    assert [t["text"] for t in texts if not t["inside"]] == []


def test_presenter_mode_e_opens_the_explorer_on_the_stage_dosage(page, server):
    """A stage with a dosage in STAGE_MOMENTS (first-dot: 0.0, here given to tiny stage 2):
    E opens the explorer at that dosage, and so does coming to that stage with it open,
    whatever dosage the explorer was left at."""
    moment = STAGE_MOMENTS["first-dot"]
    page.goto(server)
    page.click("#present")
    page.evaluate("(moment) => { lecture.moments['step-2'] = moment; }", moment)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("e")
    assert page.evaluate("document.getElementById('explorer').dosage") == moment["dosage"] == 0.0
    assert page.evaluate("document.getElementById('explorer').hasAttribute('compact')")
    page.evaluate("document.getElementById('explorer').dosage = 0.7")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.getElementById('explorer').dosage") == 0.0
    page.keyboard.press("e")  # closed: the explorer is the page's section again, not compact
    assert not page.evaluate("document.getElementById('explorer').hasAttribute('compact')")


FOCUS_STEP = """(() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return [e.dataset.k || null, e.tagName, s.outlineStyle, s.outlineWidth];
})()"""


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(page, server):
    page.goto(server)
    controls = page.evaluate("""(() => {
      const all = [...document.querySelectorAll("button, a[href], summary, video")]
          .filter(e => !e.closest("video") || e.tagName === "VIDEO").filter(e => e.getClientRects().length);
      all.forEach((e, i) => { e.dataset.k = String(i); });
      return all.length;
    })()""")
    assert controls == 3 + 10 + 1 + 10 + 10 + 1  # actions, chapters, lesson video, stage videos, transcripts, skip link
    seen = set()
    for _ in range(400):  # a video's own controls take several Tab presses each
        page.keyboard.press("Tab")
        key, tag, style, width = page.evaluate(FOCUS_STEP)
        if key is None:
            continue
        seen.add(key)
        if tag != "VIDEO":  # inside a video, focus is on Chromium's own controls, with their own ring
            assert style != "none" and width != "0px", (tag, key)
        if len(seen) == controls:
            break
    assert len(seen) == controls


@pytest.fixture(scope="module")
def dark_server(dark_lecture_package, serve):
    return serve(dark_lecture_package[0]) + "index.html"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("mode", ["page", "presenter", "presenter-explore"])
def test_axe_core_finds_no_accessibility_violation(page, request, axe_source, mode, theme):
    """In both themes: the light package's page and the dark package's (``--theme dark``)."""
    page.goto(request.getfixturevalue("dark_server" if theme == "dark" else "server"))
    if mode.startswith("presenter"):
        page.click("#present")
    if mode == "presenter-explore":
        page.keyboard.press("e")
    result = run_axe(page, axe_source)
    assert result["violations"] == [], result["violations"]
    assert {"video-caption", "button-name", "document-title", "html-has-lang"} <= set(result["passes"])
    if mode == "page":
        assert "color-contrast" in result["passes"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_on_a_phone_the_explorer_section_keeps_each_slider_with_its_chart(page, request, theme):
    """375x667, the light package and the dark one: the page's explorer section as the
    explorer's own page (tests/browser.py, check_explorer_on_a_phone)."""
    page.set_viewport_size(PHONE)
    page.goto(request.getfixturevalue("dark_server" if theme == "dark" else "server") + "#explore")
    page.wait_for_function("document.getElementById('explorer').network !== null")
    check_explorer_on_a_phone(page)


BACKGROUNDS = """() => {
  const seen = {};
  for (const e of document.querySelectorAll("html, body, *")) {
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (!box.width || !box.height || style.visibility === "hidden" || style.backgroundColor === "rgba(0, 0, 0, 0)") continue;
    const [r, g, b] = style.backgroundColor.match(/[0-9.]+/g).map(Number);
    const key = (e.id ? "#" + e.id : e.tagName.toLowerCase() + "." + [...e.classList].join("."))
        + (e.getAttribute("aria-pressed") === "true" ? "[pressed]" : "");
    seen[key] = Math.max(seen[key] || 0, r, g, b);
  }
  return seen;
}"""


@pytest.mark.parametrize("mode", ["page", "presenter", "presenter-explore"])
def test_the_dark_package_is_dark_everywhere(page, dark_server, mode):
    """``--theme dark``: no light background anywhere the reader looks (every painted box's
    brightest channel under 0x40), the explorer in the page's theme; at the phone's size too."""
    if mode == "page":
        page.set_viewport_size({"width": 375, "height": 667})
    page.goto(dark_server)
    if mode.startswith("presenter"):
        page.click("#present")
        page.locator("#presenter-next").hover()  # a button under the pointer
    if mode == "presenter-explore":
        page.keyboard.press("e")
    # a pressed presenter button is filled with the ink (as in the light page, colours swapped)
    light = {where: level for where, level in page.evaluate(BACKGROUNDS).items() if level >= 0x40}
    assert all(where.endswith("[pressed]") for where in light), light
    assert any(where.startswith("#presenter") for where in page.evaluate(BACKGROUNDS)) == mode.startswith("presenter")
    assert page.evaluate("document.getElementById('explorer').dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"  # video controls too
