"""Every text relu-anim writes goes through relu_anim.escape, the one function for where it
lands: HTML text and attributes, JSON in a ``<script>`` block, WebVTT and SRT cue text,
XML (the deck, the SCORM manifest). Checked on the text itself (read back by a parser of
each format: json, html.parser, the ``srt`` library, FFmpeg's SRT decoder through PyAV,
python-pptx, ElementTree) and in headless Chromium (Playwright, tests/browser.py) with
hostile names: the lecture page, its explorer, the explorer page and a SCORM package of
them; every script still runs, and captions, transcripts, chapters, the subtitle and
the explorer's labels show the literal text."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import srt
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.escape import (
    WORD_JOINER,
    html_attribute,
    html_text,
    script_json,
    srt_cue_plain,
    srt_cue_text,
    vtt_cue_text,
    xml_text,
)
from relu_anim.lecture import write_package
from relu_anim.lecture.scorm import manifest_xml, write_scorm
from relu_anim.media.captions import copy_manim_srt, read_srt, srt_to_vtt, write_chapters, write_srt, write_vtt
from relu_anim.model import load_lesson
from relu_anim.model.files import Names, NetworkFile, format_network_file
from relu_anim.model.lesson import preset_file

from .browser import browser, launch, page, playwright, serving  # noqa: F401 (fixtures)

#: Names a network file accepts (any text), each able to break a page that embeds it raw.
HOSTILE = [
    "<!--<script>",
    "</script><b>bold</b>",
    "<img src=x onerror=document.title='owned'>",
    "&amp; &lt;",
    "A --> B",
    "line\u2028separator",
    "]]> <![CDATA[",
    "</script>",
    "\u200fRTL mark \u202eoverride",
    "{\\an8}\\N<font color=red>",
]

#: A network file's names (at most 30 characters each, no control character), made of
#: the worst of :data:`HOSTILE`.
HOSTILE_NAMES = Names(
    input="<!--<script>",
    input_unit="]]>",
    output="</script>",
    output_unit="\u200f\u202eRTL",
    labels=("-->", "a\u2028b", "<b>bold</b>"),
)


def hostile_network(folder: Path) -> Path:
    """The built-in network, data and all, in a network file holding :data:`HOSTILE_NAMES`."""
    contents = preset_file()
    network = dataclasses.replace(contents.network, name="hostile")
    path = folder / "hostile.toml"
    path.write_text(format_network_file(NetworkFile(network, contents.data, HOSTILE_NAMES)), encoding="utf-8")
    return path


# -- the text -------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 1])
def test_script_json_reads_back_the_same_and_holds_no_markup(indent):
    value = {"names": HOSTILE, "nested": [{"k": "</SCRIPT >"}]}
    text = script_json(value, indent=indent)
    assert json.loads(text) == value
    for character in "<>&\u2028\u2029":
        assert character not in text


class Reader(HTMLParser):
    """What an HTML parser makes of a fragment: its tags, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_endtag(self, tag):
        self.tags.append(f"/{tag}")

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("name", HOSTILE)
def test_html_text_and_attribute_read_back_as_the_text_and_start_nothing(name):
    reader = Reader()
    reader.feed(f'<p title="{html_attribute(name)}" data-x=\'{html_attribute(name)}\'>{html_text(name)}</p>')
    reader.close()
    assert reader.tags == ["p", "/p"]  # no tag, comment or end tag of the name's
    assert reader.attributes == [("title", name), ("data-x", name)]
    assert "".join(reader.text) == name


def test_vtt_cue_text_escapes_markup_and_the_cue_arrow(tmp_path):
    assert vtt_cue_text("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert vtt_cue_text("A --> B") == "A --&gt; B"  # "-->" may not appear in a cue
    assert vtt_cue_text("one\n\ntwo") == "one\ntwo"  # a blank line would end the cue
    write_vtt([(0, 1, "<b>x</b> &amp;"), (1, 2, "-->")], tmp_path / "c.vtt")
    text = (tmp_path / "c.vtt").read_text()
    assert "<b>" not in text and "&amp;amp;" in text and text.count("-->") == 2  # the two timing lines only


def test_srt_cue_text_reads_back_exactly_and_holds_no_tag_command_or_arrow(tmp_path):
    names = [*HOSTILE, "<>", "\\>", "<\u2060b>", "a\u2060>"]  # and joiners of the text's own
    for name in names:
        escaped = srt_cue_text(name)
        assert srt_cue_plain(escaped) == name
        assert escaped.replace(WORD_JOINER, "") == name.replace(WORD_JOINER, "")  # what shows: the text itself
        assert not re.search(r"<[^\u2060]|[^\u2060]>|\\[^\u2060]|-->", escaped), escaped
    write_srt([srt.Subtitle(1, _s(0), _s(1), name) for name in names], tmp_path / "c.srt")
    text = (tmp_path / "c.srt").read_text(encoding="utf-8")
    assert text.count("-->") == len(names)  # the timing lines only
    assert [sub.content for sub in read_srt(tmp_path / "c.srt")] == names
    assert [srt_cue_plain(sub.content) for sub in srt.parse(text)] == names  # the srt library reads it


def _s(seconds: float):
    import datetime

    return datetime.timedelta(seconds=seconds)


def ffmpeg_reads(path: Path) -> list[str]:
    """Each cue's text as FFmpeg's SRT decoder makes it (ASS, as mpv and FFmpeg show it)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.subtitles[0]
        return [
            sub.dialogue.decode() if hasattr(sub, "dialogue") else sub.ass.decode().split(",", 8)[-1]
            for packet in container.demux(stream)
            for sub in packet.decode()
        ]


def test_a_player_shows_srt_cue_text_as_written(tmp_path):
    """FFmpeg's SRT decoder (mpv's and FFmpeg's) turns <b>, <font> and {\\an8} into styling:
    Manim's raw SRT shows them styled; ours shows the text (joiners are invisible). A
    ``{...}`` holding a backslash is dropped whole by FFmpeg either way (SRT has no way
    to show it there): ours styles nothing."""
    names = ["<b>bold</b>", "<font color=red>x</font>", "{\\an8}top", "<i>a</i> --> b"]
    raw = tmp_path / "manim.srt"
    raw.write_text(srt.compose([srt.Subtitle(i, _s(i), _s(i + 1), n) for i, n in enumerate(names, 1)]), encoding="utf-8")
    assert any("{\\" in text for text in ffmpeg_reads(raw))  # raw: styling (the old files)
    copy_manim_srt(raw, tmp_path / "ours.srt")  # what render writes
    shown = [text.replace(WORD_JOINER, "") for text in ffmpeg_reads(tmp_path / "ours.srt")]
    assert shown == [name.replace("{\\an8}", "") for name in names]


def test_xml_text_drops_only_what_xml_cannot_hold_and_the_manifest_reads_back():
    assert xml_text("a\ufffeb\x01c\ttab\u2028\u200f\u202e]]>") == "abc\ttab\u2028\u200f\u202e]]>"
    title = "]]> <!-- & </title> \u200f\u202e\ufffe"
    root = ET.fromstring(manifest_xml(title, "id", ["index.html"]))
    assert {t.text for t in root.iter("{http://www.imsproject.org/xsd/imscp_rootv1p1p2}title")} == {
        title.replace("\ufffe", "")
    }


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
