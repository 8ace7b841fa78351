"""The lecture package: its folder, its page's contents, its slide deck, and safe writes.

The package is built once per session from ten tiny stages (tests/lecture_stages.py,
fixture ``lecture_package`` in conftest). Expected values come from the scenes' run
times and from the caption files read here with the ``srt`` library; the page and the
deck are read back with an HTML parser and python-pptx. The browser checks are in
tests/test_lecture_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import numpy as np
import pytest
import srt
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches

from relu_anim import lecture as lecture_module
from relu_anim.cli import main
from relu_anim.lecture import LectureError, write_package
from relu_anim.play import Play
from relu_anim.stages import use_stages

from .lecture_stages import EXPECTED_CAPTIONS, EXPECTED_FRAMES, FPS, TEN
from .pictures import changed, frames_of, shown_at

ROOT = Path(__file__).resolve().parents[1]
VIDEO_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video"
MEDIA_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/media"


class Page(HTMLParser):
    """The page as elements: (tag, attributes, text inside) in document order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[list] = []
        self._open: list[list] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("source", "track", "meta", "link", "br", "img", "input"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element[2] += data

    def all(self, tag, **attrs):
        return [e for e in self.elements if e[0] == tag and all(e[1].get(k) == v for k, v in attrs.items())]


def captions_of(srt_path: Path) -> list[str]:
    return [sub.content for sub in srt.parse(srt_path.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def package(lecture_package):
    return lecture_package[0]


@pytest.fixture(scope="module")
def page(package):
    return Page((package / "index.html").read_text(encoding="utf-8"))


def test_the_package_is_one_folder_with_relative_paths_only(package, page):
    assert sorted(p.name for p in package.iterdir()) == [
        "assets",
        "index.html",
        "lecture.json",
        "lesson.pptx",
        "videos",
    ]
    references = [
        value for _, attrs, _ in page.elements for key, value in attrs.items() if key in ("src", "href", "poster")
    ]
    assert len(references) > 4 * len(TEN)
    for reference in references:
        if reference.startswith("#"):
            continue
        parts = urlsplit(reference)
        assert not parts.scheme and not parts.netloc and not reference.startswith("/"), reference
        assert (package / parts.path).is_file(), reference
    text = (package / "index.html").read_text() + (package / "assets" / "lecture.js").read_text()
    assert "http://" not in text and "https://" not in text and "fetch(" not in text  # nothing from elsewhere
    assert "@import" not in (package / "assets" / "lecture.css").read_text()


def test_videos_are_the_rendered_files_linked_or_copied(lecture_package):
    package, media = lecture_package
    source = media / "tiny"
    for name in (s.name for s in TEN):
        for suffix in (".mp4", ".poster.png", ".vtt", ".srt"):
            ours, theirs = package / "videos" / f"{name}{suffix}", source / f"{name}{suffix}"
            assert ours.read_bytes() == theirs.read_bytes(), ours.name
    # Each picture once (issue 33): the page plays the stages' own videos as the whole lesson,
    # so the joined lesson.mp4 the engine rendered (the same pictures again) is not packaged.
    assert (source / "lesson.mp4").is_file()
    assert sorted(p.name for p in (package / "videos").iterdir()) == sorted(
        f"{s.name}{suffix}" for s in TEN for suffix in (".mp4", ".poster.png", ".vtt", ".srt")
    )


def test_the_page_shows_every_stage_in_order_with_video_captions_and_transcript(package, page):
    assert page.all("title")[0][2] == "Neural Networks Part 3: ReLU in Action"
    assert page.all("h1")[0][2] == "Neural Networks Part 3: ReLU in Action"
    articles = page.all("article")
    assert [a[1]["data-stage"] for a in articles] == [s.name for s in TEN]
    for stage, article in zip(TEN, articles):
        heading = page.all("h3", id=f"stage-{stage.name}-title")[0][2]
        assert heading.split()[:3] == [str(stage.number), "Step", str(stage.number)], heading
        assert stage.description in article[2]
        video = page.all("video", id=f"video-{stage.name}")[0][1]
        assert video["preload"] == "metadata" and "controls" in video
        assert video["poster"] == f"videos/{stage.name}.poster.png"
        tracks = [e[1] for e in page.elements if e[0] == "track" and e[1]["src"] == f"videos/{stage.name}.vtt"]
        # stage 1's also in the whole lesson's player: its first chapter
        assert len(tracks) == (2 if stage == TEN[0] else 1)
        assert all(t["kind"] == "captions" and "default" in t for t in tracks)
        # The transcript is the stage's captions as real text, in order.
        expected = captions_of(package / "videos" / f"{stage.name}.srt")
        assert len(expected) == EXPECTED_CAPTIONS[stage.name]
        transcript = [p[2] for p in _inside(page, article, "details") if p[0] == "p"]
        assert transcript == expected


def test_a_transcript_reads_in_sentences_not_in_caption_pieces():
    """Seen on the real lesson's page: recap's transcript had "a medium one did." as a
    paragraph of its own (a caption is often part of a sentence). Recap's first four
    captions as the lesson's SRT has them; the sentences written out by hand."""
    from relu_anim.lecture.page import transcript_html

    captions = [
        [0.0, 2.0, "Part 1 in brief: low and high dosages\ndid not help against the virus,"],
        [2.0, 3.0, "a medium one did."],
        [3.0, 5.0, "A network with softplus in both hidden nodes,"],
        [5.0, 7.0, "and these weights and biases, was fitted to it."],
        [7.0, 8.0, "Watch closely!"],
        [8.0, 9.0, "and a last caption with no full stop"],
    ]
    paragraphs = [p[2] for p in Page(transcript_html(captions)).elements if p[0] == "p"]
    assert paragraphs == [
        "Part 1 in brief: low and high dosages did not help against the virus, a medium one did.",
        "A network with softplus in both hidden nodes, and these weights and biases, was fitted to it.",
        "Watch closely!",
        "and a last caption with no full stop",
    ]


def test_presenter_mode_opens_each_stage_on_its_first_sentence_not_its_result(package, page):
    """Before Play, presenter mode shows the stage where its first sentence ends (its
    first beat's picture, complete), a frame before the next caption: read here from the
    SRT with the srt package, not the page's own parser."""
    for stage in TEN:
        subs = list(srt.parse((package / "videos" / f"{stage.name}.srt").read_text(encoding="utf-8")))
        first = next(sub for sub in subs if sub.content.strip()[-1] in ".!?")
        video = page.all("video", id=f"video-{stage.name}")[0][1]
        assert float(video["data-opening"]) == pytest.approx(first.end.total_seconds() - 0.1, abs=0.006), stage.name


def test_each_stage_poster_is_its_opening_picture_in_the_manifest_not_its_last_frame(lecture_package, page):
    """A stage's poster (what the page shows before Play) is the picture its video shows at
    the manifest's ``opening``: where its first sentence ends (read here from the SRT with
    the srt package), a frame before the next caption. Not its last frame, which gives the
    result away: in TinyB the circle is filled at the end, only faded in at the opening."""
    package, media = lecture_package
    entries = {o["stage"]: o for o in json.loads((media / "tiny" / "manifest.json").read_text())["outputs"]}
    for stage in TEN:
        subs = list(srt.parse((package / "videos" / f"{stage.name}.srt").read_text(encoding="utf-8")))
        first = next(sub for sub in subs if sub.content.strip()[-1] in ".!?")
        opening = entries[stage.name]["opening"]
        assert opening == pytest.approx(first.end.total_seconds() - 0.1, abs=0.006), stage.name
        video = page.all("video", id=f"video-{stage.name}")[0][1]
        assert float(video["data-opening"]) == opening
        frames = frames_of(package / "videos" / f"{stage.name}.mp4")
        poster = np.asarray(Image.open(package / "videos" / f"{stage.name}.poster.png").convert("RGB"))
        assert changed(poster, shown_at(frames, opening)) < 0.002, stage.name
        if stage.scene_class == "TinyB":  # its last frame differs from its opening: the poster is not it
            assert changed(frames[-1][1], shown_at(frames, opening)) > 0.01
            assert changed(poster, frames[-1][1]) > 0.01, stage.name
    assert "opening" not in entries["lesson"]  # the joined lesson's poster is its first video's


def _inside(page, article, tag):
    """The elements inside the first ``tag`` of ``article`` (by document position)."""
    start = next(i for i, e in enumerate(page.elements) if e is article)
    details = next(i for i in range(start, len(page.elements)) if page.elements[i][0] == tag)
    end = next(
        (i for i in range(details + 1, len(page.elements)) if page.elements[i][0] in ("article", "div", "section")),
        len(page.elements),
    )
    return page.elements[details + 1 : end]


def test_the_page_has_the_lesson_with_chapters_and_a_chapter_list(package, page):
    """The whole lesson opens on its first chapter's own video, and each chapter names its
    stage's video: the lesson plays them in turn (no joined copy in the package)."""
    lesson = page.all("video", id="lesson-video")[0][1]
    assert lesson["poster"] == "videos/step-1.poster.png" and lesson["data-media"] == "step-1"
    assert [e[1]["src"] for e in page.elements if e[0] == "source"][0] == "videos/step-1.mp4"
    tracks = [e[1] for e in page.elements if e[0] == "track" and e[1]["src"] == "videos/step-1.vtt"]
    assert len(tracks) == 2 and all(t["kind"] == "captions" and "default" in t for t in tracks)  # lesson, stage 1
    assert not [e for e in page.elements if e[0] == "track" and e[1]["kind"] == "chapters"]
    buttons = [b[1] for b in page.all("button") if "data-start" in b[1]]
    expected = [sum(EXPECTED_FRAMES[t.name] for t in TEN[: s.number - 1]) / FPS for s in TEN]
    assert [float(b["data-start"]) for b in buttons] == pytest.approx(expected, abs=1e-3)
    data = json.loads(page.all("script", id="lecture-data")[0][2])
    assert [c["start"] for c in data["chapters"]] == pytest.approx(expected, abs=1e-3)
    assert [(c["video"], c["poster"], c["vtt"]) for c in data["chapters"]] == [
        (f"videos/{s.name}.mp4", f"videos/{s.name}.poster.png", f"videos/{s.name}.vtt") for s in TEN
    ]
    assert {name: len(cues) for name, cues in data["cues"].items()} == EXPECTED_CAPTIONS


def manifest_videos(lecture_package) -> list[dict]:
    """The tiny package's stage videos as its manifest lists them (read here as JSON), in order."""
    _, media = lecture_package
    document = json.loads((media / "tiny" / "manifest.json").read_text(encoding="utf-8"))
    stages = [o for o in document["outputs"] if o["format"] == "mp4" and o["kind"] == "stage"]
    return sorted(stages, key=lambda o: o["number"])


def box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def test_each_stage_slide_teaches_its_key_sentence_over_a_still_that_plays_on_a_click(lecture_package):
    """Issue 33: a slide was a heading and the stage's last frame, the teaching text only in
    the notes. Read back with python-pptx, each stage's slide holds, top to bottom and none
    overlapping another, all on the slide: its heading (number, heading, as on the page), its
    key sentence (the manifest's and the registry's, not its description) and its video, whose
    still is the manifest's poster and which plays when clicked; every text at projector size
    (18 pt or more) in the theme's colours; the captions as the speaker notes."""
    package, _ = lecture_package
    deck = Presentation(str(package / "lesson.pptx"))
    entries = manifest_videos(lecture_package)
    assert len(deck.slides) == len(entries) == len(TEN) == 10
    for stage, entry, slide in zip(TEN, entries, deck.slides):
        assert entry["stage"] == stage.name and entry["key_sentence"] == stage.key_sentence != stage.description
        assert slide.shapes.title.text == f"{stage.number}   Step {stage.number}"  # as on the page: number, heading
        number, heading = slide.shapes.title.text_frame.paragraphs[0].runs
        assert number.font.bold and str(number.font.color.rgb) == "C2185B"  # the light theme's highlight
        assert str(heading.font.color.rgb) == "1F2328"
        assert str(slide.background.fill.fore_color.rgb) == "FBFAF7"  # the videos' background: no white box
        texts = [shape for shape in slide.shapes if shape.has_text_frame]
        assert [t.text_frame.text for t in texts] == [slide.shapes.title.text, entry["key_sentence"]]
        key = texts[1]
        assert key.text_frame.word_wrap and all(str(r.font.color.rgb) == "1F2328" for r in runs_of(key))
        assert all(run.font.size is not None and run.font.size.pt >= 18 for t in texts for run in runs_of(t))
        movie = next(s for s in slide.shapes if s.element.xpath(".//a:videoFile"))
        assert [s.shape_id for s in slide.shapes] == [slide.shapes.title.shape_id, key.shape_id, movie.shape_id]
        assert movie.shape_type == MSO_SHAPE_TYPE.MEDIA
        assert movie.element.nvPicPr.cNvPr.get("descr") == stage.description  # the alt text
        video = (package / "videos" / entry["path"]).read_bytes()
        parts = {rel.reltype: rel.target_part for rel in slide.part.rels.values() if not rel.is_external}
        for reltype in (VIDEO_RELATIONSHIP, MEDIA_RELATIONSHIP):  # PowerPoint's and the older link
            assert parts[reltype].blob == video and parts[reltype].content_type == "video/mp4"
        poster = slide.part.related_part(movie.element.xpath(".//a:blip/@r:embed")[0])
        assert poster.blob == (package / "videos" / entry["poster"]).read_bytes()  # the manifest's still
        # one click away: a click on the movie plays it (its click action, and its media node
        # in the slide's timing waiting for that click)
        assert movie.element.xpath("./p:nvPicPr/p:cNvPr/a:hlinkClick/@action") == ["ppaction://media"]
        played = slide.element.xpath(".//p:timing//p:video//p:spTgt/@spid")
        assert played == [str(movie.shape_id)]
        assert Emu(movie.width) / Emu(movie.height) == pytest.approx(entry["width"] / entry["height"], rel=1e-3)
        assert movie.height > 0.7 * deck.slide_height  # the picture is most of the slide
        assert abs((movie.left + movie.width / 2) - deck.slide_width / 2) < Inches(0.01)
        boxes = [box(shape) for shape in slide.shapes]
        for left, top, right, bottom in boxes:
            assert 0 <= left < right <= deck.slide_width and 0 <= top < bottom <= deck.slide_height
        for upper, lower in zip(boxes, boxes[1:]):
            assert upper[3] <= lower[1], (stage.name, upper, lower)  # each wholly above the next
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.split("\n") == captions_of(package / "videos" / f"{stage.name}.srt")


def runs_of(shape) -> list:
    return [run for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]


def test_impress_shows_every_slide_16_9_with_its_key_sentence_above_its_video(lecture_package, tmp_path):
    """The deck as LibreOffice Impress lays it out (converted to PDF by ``soffice``, read with
    poppler's ``pdfinfo`` and ``pdftotext``): a 16:9 page per slide, and on each the slide's
    key sentence (the manifest's; the lesson's own sentences: tests/lecture_stages.py), wrapped
    inside the page and wholly above the video's top (read from the deck)."""
    package, _ = lecture_package
    entries = manifest_videos(lecture_package)
    profile = (tmp_path / "profile").as_uri()  # its own LibreOffice profile: other runs may be open
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(tmp_path), str(package / "lesson.pptx")], check=True, timeout=300)
    pdf = tmp_path / "lesson.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) == len(entries)
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    assert (width, height) == (pytest.approx(960, abs=0.05), pytest.approx(540, abs=0.05))  # 13.33 x 7.5 in
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(tmp_path / "words.html")], check=True)
    xhtml = {"h": "http://www.w3.org/1999/xhtml"}
    pages = ElementTree.parse(tmp_path / "words.html").getroot().findall(".//h:page", xhtml)
    deck = Presentation(str(package / "lesson.pptx"))
    for entry, page, slide in zip(entries, pages, deck.slides):
        words = [(w.text, *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page]
        said, key = [w[0] for w in words], entry["key_sentence"].split()
        start = next((i for i in range(len(said)) if said[i : i + len(key)] == key), None)
        assert start is not None, (entry["stage"], " ".join(said))
        movie = next(s for s in slide.shapes if s.element.xpath(".//a:videoFile"))
        video_top = movie.top / 12700  # EMU to points
        for _, x0, y0, x1, y1 in words[start : start + len(key)]:
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= video_top, (entry["stage"], x0, y0, x1, y1)
        lines = {round(w[2]) for w in words[start : start + len(key)]}
        assert len(lines) <= 2, lines  # wrapped into at most the two lines its box holds


def test_the_package_records_what_it_holds(package):
    mark = json.loads((package / "lecture.json").read_text())
    assert mark["quality"] == "t" and mark["network"] == "part3"
    for name in mark["files"]:
        assert (package / name).is_file()


def test_building_the_package_imports_no_manim(lecture_package, tmp_path):
    """Nor does its SCORM zip."""
    _, media = lecture_package
    code = (
        "import sys\n"
        "from relu_anim.lecture import write_package\n"
        "from relu_anim.lecture.scorm import write_scorm\n"
        f"write_package({str(media / 'tiny' / 'manifest.json')!r}, {str(tmp_path / 'out')!r})\n"
        f"write_scorm({str(tmp_path / 'out')!r}, {str(tmp_path / 'lesson.zip')!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'av')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "lesson.zip").is_file()


def test_a_failed_write_keeps_the_old_package_and_leaves_nothing_beside_it(lecture_package, tmp_path, monkeypatch):
    _, media = lecture_package
    out = tmp_path / "lecture"
    write_package(media / "tiny" / "manifest.json", out)
    before = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}

    def broken_deck(lecture, dest):
        Path(dest).write_bytes(b"half a deck")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("relu_anim.lecture.deck.write_deck", broken_deck)
    with pytest.raises(LectureError, match="No space left on device"):
        write_package(media / "tiny" / "manifest.json", out)
    after = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lecture"]  # no temporary folders left


def test_a_second_run_renders_nothing_and_replaces_the_package(lecture_package, tmp_path):
    _, media = lecture_package
    with use_stages(TEN):
        result = CliRunner().invoke(
            main, ["lecture", "-q", "t", "--media-dir", str(media), "--out", str(tmp_path / "l")]
        )
    assert result.exit_code == 0, result.output
    assert "rendering" not in result.stderr and "up to date" in result.stderr
    assert result.stdout == f"{tmp_path / 'l'}\n"
    video = tmp_path / "l" / "videos" / "step-1.mp4"
    same_device = os.stat(media).st_dev == os.stat(tmp_path).st_dev
    assert (
        os.stat(video).st_ino == os.stat(media / "tiny" / "step-1.mp4").st_ino
    ) == same_device  # hard link if it can


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: (d / "notes.txt").write_text("mine"), "notes.txt is not a file relu-anim wrote"),
        (lambda d: d.rmdir() or d.write_text("a file"), "is a file"),
    ],
)
def test_out_never_replaces_a_folder_that_is_not_a_package(lecture_package, tmp_path, make, message):
    _, media = lecture_package
    out = tmp_path / "mine"
    out.mkdir()
    make(out)
    with use_stages(TEN):
        result = CliRunner().invoke(main, ["lecture", "-q", "t", "--media-dir", str(media), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("relu-anim: ") and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert out.exists()


def test_a_failing_stage_writes_no_package(tmp_path):
    from .batch_stages import BOOM, TINY_A

    with use_stages((TINY_A, BOOM)):
        result = CliRunner().invoke(main, ["lecture", "-q", "t", "--quiet", "--media-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("relu-anim: 2 of 3 videos failed, no package written")
    assert not (tmp_path / "tiny" / "lecture").exists()
    assert not [p for p in (tmp_path / "tiny").iterdir() if p.name.startswith(".lecture")]


def test_the_default_folder_is_beside_the_quality_and_network_outputs():
    assert lecture_module.lecture_folder("media", Play.of("l")) == Path("media/low/lecture")
    assert lecture_module.lecture_folder("media", Play.of("h", "dark")) == Path("media/high-dark/lecture")
    assert lecture_module.lecture_folder("m", Play.of("l"), network="part1") == Path("m/part1/low/lecture")


def test_every_length_on_the_page_is_rounded_as_the_player_counts():
    """Issue 20: the page said "6 min 23 s" where the player showed 6:22 (382.6 s), and
    "25 s" for a stage of 24.7 s the player showed as 0:24: whole seconds started do not count."""
    from relu_anim.lecture.page import clock, spoken_length

    assert (spoken_length(382.6), clock(382.6)) == ("6 min 22 s", "6:22")
    assert (spoken_length(24.7), clock(24.7)) == ("24 s", "0:24")
    assert (spoken_length(60.0), clock(59.9999999)) == ("1 min 0 s", "1:00")  # a float just under a whole second


def test_a_schema_1_manifest_still_reads(lecture_package, tmp_path):
    """Schema 2 renamed the description (schema 1's ``title``) and added ``heading``; the
    package still reads a manifest of schema 1 for one version."""
    from relu_anim.lecture import read_lecture

    _, media = lecture_package
    document = json.loads((media / "tiny" / "manifest.json").read_text())
    assert document["schema"] == 2
    document["schema"] = 1
    for item in (*document["outputs"], *(c for o in document["outputs"] for c in o.get("chapters", []))):
        del item["heading"], item["description"]
    old = media / "tiny" / "schema1.json"
    old.write_text(json.dumps(document))
    try:
        lecture = read_lecture(old)
    finally:
        old.unlink()
    new = read_lecture(media / "tiny" / "manifest.json")
    assert [m.description for m in lecture.stages] == [m.description for m in new.stages]
    assert [m.heading for m in lecture.stages] == [m.heading for m in new.stages] == [f"Step {n}" for n in range(1, 11)]


# -- the numbers the page and the deck state: each the manifest's (issue 33) -------------

#: A stated length: "8 min 46 s", "52 s", or a clock "9:36".
SPOKEN = re.compile(r"\b(?:(\d+) min )?(\d+) s\b")
CLOCK = re.compile(r"\b(?:(\d+):)?(\d+):(\d\d)\b")


def stated_lengths(text: str) -> list[int]:
    """Every length in ``text`` written out, in whole seconds."""
    return [int(m or 0) * 60 + int(s) for m, s in SPOKEN.findall(text)]


def visible_text(html: str) -> str:
    """What a reader sees of the page: its markup and scripts dropped, entities read."""
    without_scripts = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", without_scripts)).split())


@pytest.fixture(scope="module")
def timed_package(lecture_package, tmp_path_factory):
    """The ten-stage package's manifest with the default lesson's numbers: ten stages of
    52.65 s (8 min 46.5 s together, each "52 s"), an opening card of 24.7 s and a closing
    card of 25.3 s (their videos the first stage's, copied), the joined lesson 576.5 s: the
    manifest (as JSON) and the package written from it."""
    _, media = lecture_package
    folder = tmp_path_factory.mktemp("timed") / "tiny"
    shutil.copytree(media / "tiny", folder, ignore=shutil.ignore_patterns("lecture"))
    document = json.loads((folder / "manifest.json").read_text())
    outputs = [o for o in document["outputs"] if o["format"] == "mp4"]
    stages = [o for o in outputs if o["kind"] == "stage"]
    lesson = next(o for o in outputs if o["kind"] == "lesson")
    for stage in stages:
        stage["duration"] = 52.65
    cards = []
    for name, duration in (("opening", 24.7), ("closing", 25.3)):
        card = json.loads(json.dumps(stages[0]))
        card.update(stage=name, kind="card", number=None, heading=name.capitalize(), duration=duration)
        for field, ext in (("path", ".mp4"), ("poster", ".poster.png")):
            shutil.copyfile(folder / stages[0][field], folder / f"{name}{ext}")
            card[field] = f"{name}{ext}"
        for ext in ("srt", "vtt"):
            shutil.copyfile(folder / stages[0]["captions"][ext], folder / f"{name}.{ext}")
        card["captions"] = {"srt": f"{name}.srt", "vtt": f"{name}.vtt"}
        cards.append(card)
    document["outputs"] += cards
    start, chapters = 0.0, []
    for entry in (cards[0], *stages, cards[1]):
        chapter = {k: entry[k] for k in ("stage", "number", "kind", "heading", "description")}
        chapters.append({**chapter, "start": start, "end": start + entry["duration"]})
        start += entry["duration"]
    lesson.update(chapters=chapters, duration=start)
    (folder / "manifest.json").write_text(json.dumps(document))
    return document, write_package(folder / "manifest.json", folder / "lecture")


def deck_texts(deck) -> list[str]:
    """Every text of the deck: its slides' shapes and their speaker notes."""
    texts = []
    for slide in deck.slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def test_every_length_the_page_and_the_deck_state_is_the_manifests(timed_package):
    """Issue 33: the page said "10 short videos, 9 min 36 s in all", the joined lesson's length
    (its cards included) given as the ten stage videos' (8 min 46 s). Every length stated is
    one the manifest gives (a video's, or the stages' added up), in whole seconds as a player
    counts them, and the page says which is which."""
    document, package = timed_package
    outputs = [o for o in document["outputs"] if o["format"] == "mp4"]
    stages = {o["stage"]: o["duration"] for o in outputs if o["kind"] == "stage"}
    lesson = next(o for o in outputs if o["kind"] == "lesson")
    together = sum(stages.values())
    assert (int(together), int(lesson["duration"])) == (8 * 60 + 46, 9 * 60 + 36)  # the numbers
    truths = {int(d) for d in (together, *(o["duration"] for o in outputs))}
    html = (package / "index.html").read_text(encoding="utf-8")
    text = visible_text(html)
    stated = stated_lengths(text)
    assert stated and set(stated) <= truths, (stated, truths)
    said = re.search(r"(\d+) stage videos, ((?:\d+ min )?\d+ s) together", text)
    assert said and int(said[1]) == len(stages) and stated_lengths(said[2]) == [int(together)]
    whole = re.search(
        r"whole lesson in one player[^.;]*?, ((?:\d+ min )?\d+ s) \(its stages with its opening and", text
    )
    assert whole and stated_lengths(whole[1]) == [int(lesson["duration"])]
    assert f"The whole lesson ({int(lesson['duration']) // 60} min {int(lesson['duration']) % 60} s)" in text
    for name, duration in stages.items():  # each stage's heading states its own video's length
        heading = re.search(rf'id="stage-{name}-title">(.*?)</h3>', html, flags=re.S)[1]
        assert stated_lengths(visible_text(heading)) == [int(duration)]
    starts = {int(c["start"]) for c in lesson["chapters"]}  # the chapter list's times: where each begins
    assert {int(h or 0) * 3600 + int(m) * 60 + int(s) for h, m, s in CLOCK.findall(text)} == starts
    deck_stated = [n for t in deck_texts(Presentation(str(package / "lesson.pptx"))) for n in stated_lengths(t)]
    assert set(deck_stated) <= truths, deck_stated


def test_the_deck_declares_the_16_9_size_its_slides_fill(timed_package):
    """Issue 33: the slides were 16:9 but ``presentation.xml`` declared ``type="screen4x3"``.
    The declared size (read from the zip and through python-pptx) has the videos' shape,
    and every shape of every slide, layout and the master lies on the slide."""
    document, package = timed_package
    with zipfile.ZipFile(package / "lesson.pptx") as deck_zip:
        root = ElementTree.fromstring(deck_zip.read("ppt/presentation.xml"))
    size = root.find("p:sldSz", {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"})
    assert size.get("type") in (None, "custom"), size.attrib  # no 4:3 (nor 10 in wide "screen16x9") type
    width, height = int(size.get("cx")), int(size.get("cy"))
    for video in (o for o in document["outputs"] if o["format"] == "mp4"):
        assert width * video["height"] == height * video["width"]  # exactly the videos' shape
    deck = Presentation(str(package / "lesson.pptx"))
    assert (deck.slide_width, deck.slide_height) == (width, height) == (12192000, 6858000)
    layouts = [deck.slide_master, *deck.slide_layouts, *deck.slides]
    shapes = [(owner, shape) for owner in layouts for shape in owner.shapes if shape.width is not None]
    assert len([s for o, s in shapes if o in deck.slides]) >= 2 * len(deck.slides) - 1  # heading and video
    for owner, shape in shapes:
        box = (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (owner.name, shape.name, box)
    # the master's title spans the slide as on a 16:9 deck made in PowerPoint, not the left 3/4 of it
    title = next(s for s in deck.slide_master.shapes if s.name.startswith("Title"))
    assert title.left + title.width > 0.9 * width
