"""The lecture page escapes everything it embeds: JSON in its ``<script>`` block, HTML
text and attributes, WebVTT cue text. Checked on the text itself and in headless
Chromium (Playwright, tests/browser.py) with hostile names: the page's script still runs, and
captions, transcripts, chapters and the subtitle show the literal text."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
import srt

from relu_anim.lecture import write_package
from relu_anim.lecture.page import script_json
from relu_anim.media.captions import srt_to_vtt, vtt_cue_text, write_chapters, write_vtt

from .browser import browser, launch, page, playwright  # noqa: F401 (fixtures)

#: Names a network file accepts (any text), each able to break a page that embeds it raw.
HOSTILE = [
    "<!--<script>",
    "</script><b>bold</b>",
    "<img src=x onerror=document.title='owned'>",
    "&amp; &lt;",
    "A --> B",
    "line\u2028separator",
]


# -- the text -------------------------------------------------------------------------


def test_script_json_reads_back_the_same_and_holds_no_markup():
    value = {"names": HOSTILE, "nested": [{"k": "</SCRIPT >"}]}
    text = script_json(value)
    assert json.loads(text) == value
    for character in "<>&\u2028\u2029":
        assert character not in text


def test_vtt_cue_text_escapes_markup_and_the_cue_arrow(tmp_path):
    assert vtt_cue_text("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert vtt_cue_text("A --> B") == "A --&gt; B"  # "-->" may not appear in a cue
    assert vtt_cue_text("one\n\ntwo") == "one\ntwo"  # a blank line would end the cue
    write_vtt([(0, 1, "<b>x</b> &amp;"), (1, 2, "-->")], tmp_path / "c.vtt")
    text = (tmp_path / "c.vtt").read_text()
    assert "<b>" not in text and "&amp;amp;" in text and text.count("-->") == 2  # the two timing lines only


# -- in a browser ---------------------------------------------------------------------


def hostile_package(lecture_package, tmp_path: Path) -> tuple[Path, dict[str, list[str]], list[str]]:
    """A copy of the session's package with hostile captions, chapter titles and
    network name (as a network file's names would bring them), rebuilt by write_package.
    Returns the package, each video's caption texts and the chapter labels."""
    media = tmp_path / "media"
    shutil.copytree(lecture_package[1] / "tiny", media)
    manifest = json.loads((media / "manifest.json").read_text())
    (media / "plain.json").write_text(json.dumps({**manifest, "network": "other"}))
    write_package(media / "plain.json", tmp_path / "plain")  # the same package, named plainly
    manifest["network"] = HOSTILE[2]
    texts = {}
    for number, output in enumerate(manifest["outputs"]):
        output["description"] = output["title"] = HOSTILE[number % len(HOSTILE)]  # a stage's description
        output["heading"] = HOSTILE[(number + 1) % len(HOSTILE)]  # and its heading
        srt_path = media / output["captions"]["srt"] if output.get("captions") else None
        if srt_path is None or not srt_path.exists():
            continue
        subs = list(srt.parse(srt_path.read_text(encoding="utf-8")))
        for i, sub in enumerate(subs):
            sub.content = f"{HOSTILE[i % len(HOSTILE)]} says {sub.content}"
        srt_path.write_text(srt.compose(subs), encoding="utf-8")
        srt_to_vtt(srt_path, media / output["captions"]["vtt"])
        texts[output["stage"]] = [sub.content for sub in subs]
        for i, chapter in enumerate(output.get("chapters", [])):
            chapter["description"] = chapter["title"] = HOSTILE[i % len(HOSTILE)]
        if output.get("chapters"):
            write_chapters(
                [(c["title"], c["start"], c["end"]) for c in output["chapters"]], media / output["chapters_file"]
            )
    (media / "manifest.json").write_text(json.dumps(manifest))
    labels = [
        (f"{c['number']}. " if c.get("number") is not None else "") + c["title"]
        for o in manifest["outputs"]
        for c in o.get("chapters", [])
    ]
    texts["descriptions"] = {o["stage"]: o["description"] for o in manifest["outputs"]}
    return write_package(media / "manifest.json", tmp_path / "lecture"), texts, labels


PAGE_REPORT = """
(async () => {
  const videos = [...document.querySelectorAll("video")];
  const loaded = (el) => el.readyState >= 2 ? null : new Promise((ok) => {
      el.addEventListener("load", ok); el.addEventListener("error", ok); });
  await Promise.all([...document.querySelectorAll("track")].map(loaded));
  const list = document.getElementById("chapter-list");
  for (let i = 0; i < 100 && list.dataset.source !== "track"; i++) { await new Promise(r => setTimeout(r, 20)); }
  await new Promise(r => setTimeout(r, 100));
  const shown = (video) => [...video.textTracks].filter(t => t.kind === "captions" && t.mode === "showing");
  return {
    title: document.title,
    subtitle: (document.querySelector(".subtitle") || {}).textContent,
    images: document.querySelectorAll("img").length,
    bold: document.querySelectorAll("main b").length,
    scripts: document.querySelectorAll("script").length,
    chapters: [...list.querySelectorAll("button .label")].map(b => b.textContent),
    videos: videos.map(video => ({
      media: video.dataset.media,
      embedded: video.dataset.captions === "embedded",
      cues: shown(video).flatMap(t => [...(t.cues || [])].map(cue => {
        const html = cue.getCueAsHTML();
        return {text: html.textContent, elements: html.querySelectorAll ? html.querySelectorAll("*").length : 0};
      })),
    })),
    descriptions: Object.fromEntries([...document.querySelectorAll("article.stage")].map(a =>
        [a.dataset.stage, a.querySelector(".description").textContent])),
    transcripts: Object.fromEntries([...document.querySelectorAll("article.stage")].map(a =>
        [a.dataset.stage, [...a.querySelectorAll(".transcript p")].map(p => p.textContent)])),
  };
})()
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_server(lecture_package, tmp_path):
    package, texts, labels = hostile_package(lecture_package, tmp_path)
    handler = functools.partial(QuietHandler, directory=str(package))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield package, texts, labels, f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("source", ["http", "file"])
def test_hostile_names_show_literally_and_the_script_still_runs(source, hostile_server, playwright):
    """Over HTTP the captions come from the .vtt files; from file:// (Chromium, without
    leave to read files, refuses track files there) from the page's embedded JSON: both
    paths are checked."""
    package, texts, labels, url = hostile_server
    chromium = launch(playwright)  # no --allow-file-access-from-files: the file:// page embeds its captions
    try:
        tab = chromium.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(url if source == "http" else (package / "index.html").as_uri())
        report = tab.evaluate(PAGE_REPORT)
        tab.goto((package.parent / "plain" / "index.html").as_uri())
        scripts = tab.evaluate("document.querySelectorAll('script').length")  # the same page, named plainly
    finally:
        chromium.close()
    assert not errors
    assert report["title"] != "owned" and report["images"] == 0 and report["bold"] == 0
    assert report["scripts"] == scripts  # nothing injected
    assert report["subtitle"] == f"With the {HOSTILE[2]} network"
    # The chapter menu is built by lecture.js: the script ran, and the labels are literal.
    assert report["chapters"] == labels
    for video in report["videos"]:
        assert [cue["text"] for cue in video["cues"]] == texts[video["media"]], video["media"]
        assert all(cue["elements"] == 0 for cue in video["cues"]), video["media"]  # no <b>, no <img>
        assert video["embedded"] == (source == "file")
    for stage, paragraphs in report["transcripts"].items():
        assert paragraphs == texts[stage], stage
        assert report["descriptions"][stage] == texts["descriptions"][stage]
