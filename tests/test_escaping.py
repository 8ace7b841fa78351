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
import datetime
import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from html.parser import HTMLParser
from importlib.resources import files
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
from .test_scorm import HOST, NAMES, PLAY_STAGE_VIDEOS, scorm_again, watched  # noqa: F401 (a fixture)

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
#: the worst of :data:`HOSTILE`. ``<!--<script>`` comes last: a ``-->`` after it in a
#: script element would end what it began.
HOSTILE_NAMES = Names(
    input="</script>",
    input_unit="]]>",
    output="\u200f\u202eRTL",
    output_unit="<!--<script>",  # the last name in the JSON: no "-->" after it to undo it
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
    reader.feed(f"<p title=\"{html_attribute(name)}\" data-x='{html_attribute(name)}'>{html_text(name)}</p>")
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


def _s(seconds: float) -> datetime.timedelta:
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
    raw.write_text(
        srt.compose([srt.Subtitle(i, _s(i), _s(i + 1), n) for i, n in enumerate(names, 1)]), encoding="utf-8"
    )
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
    network name (as a network file's names would bring them), rebuilt by write_package
    with an explorer on a network file of :data:`HOSTILE_NAMES`. Captions are written as
    Manim writes them and copied as render copies them. Returns the package, each
    video's caption texts and the chapter labels."""
    media = tmp_path / "media"
    shutil.copytree(lecture_package[1] / "tiny", media)
    manifest = json.loads((media / "manifest.json").read_text())
    (media / "plain.json").write_text(json.dumps({**manifest, "network": "other"}))
    write_package(media / "plain.json", tmp_path / "plain", lesson=load_lesson("part3"))  # the same, named plainly
    manifest["network"] = HOSTILE[2]
    texts = {}
    for number, output in enumerate(manifest["outputs"]):
        output["description"] = output["title"] = HOSTILE[number % len(HOSTILE)]  # a stage's description
        output["heading"] = HOSTILE[(number + 1) % len(HOSTILE)]  # and its heading
        output["key_sentence"] = HOSTILE[(number + 2) % len(HOSTILE)]  # and its key sentence
        srt_path = media / output["captions"]["srt"] if output.get("captions") else None
        if srt_path is None or not srt_path.exists():
            continue
        subs = list(srt.parse(srt_path.read_text(encoding="utf-8")))
        for i, sub in enumerate(subs):
            sub.content = f"{HOSTILE[i % len(HOSTILE)]} says {sub.content}"
        raw = media / f".{srt_path.name}.manim"
        raw.write_text(srt.compose(subs), encoding="utf-8")  # as Manim writes its captions
        copy_manim_srt(raw, srt_path)  # as render copies them
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
    texts["key sentences"] = {o["stage"]: o["key_sentence"] for o in manifest["outputs"]}
    lesson = load_lesson(hostile_network(tmp_path))
    return write_package(media / "manifest.json", tmp_path / "lecture", lesson=lesson), texts, labels


#: What relu-explorer.js made of the page's <relu-explorer>: the network it read and the
#: text it draws (null if the script never ran).
EXPLORER_REPORT = """
(() => {
  const explorer = document.querySelector("relu-explorer");
  if (!explorer || !explorer.network) { return null; }
  return {
    network: {input: explorer.network.input, output: explorer.network.output},
    drawn: [...explorer.shadowRoot.querySelectorAll("text")].map(t => t.textContent),
  };
})()
"""

PAGE_REPORT = """
(async () => {
  const videos = [...document.querySelectorAll("video")];
  const loaded = (el) => el.readyState >= 2 ? null : new Promise((ok) => {
      el.addEventListener("load", ok); el.addEventListener("error", ok); });
  const waited = new Promise((ok) => setTimeout(ok, 5000));  // bounded: a page whose script never ran loads no track
  await Promise.race([Promise.all([...document.querySelectorAll("track")].map(loaded)), waited]);
  const list = document.getElementById("chapter-list");
  await new Promise(r => setTimeout(r, 100));
  const shown = (video) => [...video.textTracks].filter(t => t.kind === "captions" && t.mode === "showing");
  return {
    lecture: typeof window.lecture,  // lecture.js ran to its end
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
        explorer = tab.evaluate(EXPLORER_REPORT)
        tab.goto((package.parent / "plain" / "index.html").as_uri())
        scripts = tab.evaluate("document.querySelectorAll('script').length")  # the same page, named plainly
    finally:
        chromium.close()
    assert not errors
    # Every script ran (lecture.js, relu-explorer.js) and the explorer shows the names as text.
    assert report["lecture"] == "object"
    assert_explorer_shows_the_names(explorer)
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


def assert_explorer_shows_the_names(report: dict) -> None:
    """relu-explorer.js ran, read :data:`HOSTILE_NAMES` as written and draws them as text."""
    assert report is not None, "relu-explorer.js did not run"
    names = HOSTILE_NAMES
    assert report["network"] == {
        "input": {"name": names.input, "unit": names.input_unit, "labels": list(names.labels)},
        "output": {"name": names.output, "unit": names.output_unit},
    }
    drawn = "\n".join(report["drawn"])
    for text in (names.input_title, names.output_title, *names.labels):
        assert text in drawn, text


def test_the_explorer_page_of_hostile_names_runs_and_shows_them(tmp_path, playwright):
    """``relu-anim explore --network`` a file of :data:`HOSTILE_NAMES`, opened from disk."""
    out = tmp_path / "explore"
    result = CliRunner().invoke(main, ["explore", "--network", str(hostile_network(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    chromium = launch(playwright)
    try:
        tab = chromium.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto((out / "index.html").as_uri())
        tab.wait_for_function("document.querySelector('relu-explorer').network !== null", timeout=10_000)
        explorer = tab.evaluate(EXPLORER_REPORT)
        scripts = tab.evaluate("document.querySelectorAll('script').length")
    finally:
        chromium.close()
    assert not errors
    # the template's own (the theme's resolver, relu-explorer.js) and the network's JSON: nothing injected
    template = files("relu_anim.lecture").joinpath("templates", "explore.html").read_text(encoding="utf-8")
    assert scripts == template.count("<script") + 1
    assert_explorer_shows_the_names(explorer)


def test_a_scorm_package_of_hostile_names_still_reports_progress(lecture_package, tmp_path, playwright, scorm_again):
    """scorm.js runs in a platform (scorm-again, as tests/test_scorm.py drives it): the
    learner's progress is reported although the page embeds the hostile names."""
    package, _, _ = hostile_package(lecture_package, tmp_path)
    root = tmp_path / "platform"
    with zipfile.ZipFile(write_scorm(package, tmp_path / "lesson.zip")) as archive:
        archive.extractall(root / "package")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    shutil.copyfile(scorm_again, root / "scorm12.js")
    first = NAMES[0]  # the tiny lesson's first stage
    chromium = launch(playwright)
    try:
        with serving(root) as base:
            tab = chromium.new_page()
            errors = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.goto(f"{base}host.html")
            tab.evaluate("([href]) => launch(null, href)", ["package/index.html"])
            sco = tab.frame(name="sco")
            ran = sco.evaluate("[typeof window.lecture, typeof window.lectureScorm]")
            sco.evaluate(PLAY_STAGE_VIDEOS, [[first], 1.5])
            record = tab.evaluate("record()")
            explorer = sco.evaluate(EXPLORER_REPORT)
    finally:
        chromium.close()
    assert not errors
    assert ran == ["object", "object"]  # lecture.js and scorm.js ran
    assert record["core"]["lesson_status"] == "incomplete" and watched(record) == [first]
    assert_explorer_shows_the_names(explorer)


def test_the_deck_holds_hostile_names_as_text(lecture_package, tmp_path):
    """lesson.pptx read back by python-pptx: headings, key sentences, alt text and notes are the names as
    written; a U+FFFE in a description (lxml refuses it) is dropped, not a failed package."""
    from pptx import Presentation

    package, texts, _ = hostile_package(lecture_package, tmp_path)
    deck = Presentation(str(package / "lesson.pptx"))
    manifest = json.loads((tmp_path / "media" / "manifest.json").read_text())
    stages = {o["stage"]: o for o in manifest["outputs"] if o.get("kind", "stage") == "stage" and o["format"] == "mp4"}
    seen = 0
    for slide in deck.slides:  # the slide of each stage, found by its heading
        heading = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        for name, output in stages.items():
            if heading == f"{output['number']}   {output['heading']}":
                descriptions = [e.get("descr") for e in slide.shapes._spTree.iter() if e.get("descr") is not None]
                assert descriptions == [texts["descriptions"][name]], name
                said = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
                assert said[1:] == [texts["key sentences"][name]], name
                assert slide.notes_slide.notes_text_frame.text == "\n".join(t.replace("\n", " ") for t in texts[name])
                seen += 1
    assert seen == len(stages)

    manifest["outputs"][0]["description"] = "bad\ufffechar"
    (tmp_path / "media" / "manifest.json").write_text(json.dumps(manifest))
    write_package(tmp_path / "media" / "manifest.json", tmp_path / "again")
    described = [
        e.get("descr")
        for s in Presentation(str(tmp_path / "again" / "lesson.pptx")).slides
        for e in s.shapes._spTree.iter()
        if e.get("descr") is not None
    ]
    assert "badchar" in described
