"""``lesson.pptx``: one slide per stage, as a teacher shows it: headed as on the page (the
stage's number, then its heading), the stage's key sentence under the heading (what it
teaches, :attr:`relu_anim.stages.Stage.key_sentence`, from the manifest), and its MP4
embedded as a movie that plays when clicked, showing until then the manifest's poster
(the still that does not give the stage's result away). Its captions, the teaching text
word for word, are the speaker notes. The joined lesson's cards get slides where the
lesson plays them: the title card's slide (the first) is its video alone, filling the
slide (the card shows the title), the summary card's is headed "Summary".

The deck is 16:9 in the lesson's colours (the package's theme, light or dark, from
:mod:`relu_anim.theme`): each slide's background is the videos' background, so a video
reads as part of its slide, and it is as large as the slide allows under its words.
No text is under :data:`KEY_SIZE` (24 pt): readable from the back of a lecture room.

The videos are stored inside the .pptx (relative parts of the package), so the deck
opens on its own in PowerPoint and LibreOffice Impress. Every text goes in through
:func:`relu_anim.escape.xml_text` (python-pptx escapes the markup; what XML cannot hold
at all, such as U+FFFE in a name, is dropped rather than failing the package).
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from ..escape import xml_text
from ..media.captions import read_srt
from ..media.zips import copy_fixed
from ..theme import THEMES
from .writer import Writer

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Inches(7.5)  # exactly 16:9 (13.333 in, as PowerPoint makes it)
TITLE_ONLY = 5  # the default template's "Title Only" layout
MARGIN = Inches(0.3)
HEADING_TOP, HEADING_HEIGHT = Inches(0.12), Inches(0.62)
HEADING_SIZE, KEY_SIZE = Pt(30), Pt(24)
#: The key sentence's box: under the heading, two lines of :data:`KEY_SIZE` (each key
#: sentence fits in two: tests/test_stages.py measures them in the font).
KEY_TOP, KEY_HEIGHT, KEY_LINES = Inches(0.8), Inches(0.92), 2
VIDEO_TOP = Inches(1.8)  # under the key sentence
FONT = "DejaVu Sans"  # the videos' font


def notes_text(srt_path: Path) -> str:
    """A stage's captions, one per line: the speaker notes."""
    return xml_text("\n".join(sub.content.replace("\n", " ") for sub in read_srt(srt_path)))


class Deck(Writer):
    """The package's ``lesson.pptx``."""

    writes = ("lesson.pptx",)

    def write(self, lecture, folder: Path) -> None:
        write_deck(lecture, folder / "lesson.pptx")


def write_deck(lecture, dest: Path) -> None:
    deck = Presentation()
    widen(deck)
    deck.core_properties.title = xml_text(lecture.title)
    deck.core_properties.subject = xml_text(lecture.subtitle or "Slides with the lesson's videos")
    theme = THEMES[lecture.theme]
    colors = {
        role: RGBColor.from_string(getattr(theme, role).lstrip("#")) for role in ("background", "text", "highlight")
    }
    for index, media in enumerate(lecture.in_lesson_order()):
        add_stage_slide(deck, lecture, media, colors, opening=index == 0 and media.number is None)
    # python-pptx dates each part of the zip; copied at fixed times, the same deck is the same bytes
    written = dest.with_name(f".{dest.name}.written")
    deck.save(str(written))
    try:
        copy_fixed(written, dest)
    finally:
        written.unlink()


def widen(deck) -> None:
    """Make python-pptx's 4:3 template a 16:9 deck: the size declared as PowerPoint declares its
    widescreen slides (no ``type``: the template's ``screen4x3`` would tell PowerPoint and Impress
    the slides are 4:3), and the master's and layouts' shapes stretched across it, so that a slide
    the teacher adds fills the slide like ours."""
    scale = SLIDE_WIDTH / deck.slide_width
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.element.sldSz.attrib.pop("type", None)
    for shapes in (deck.slide_master.shapes, *(layout.shapes for layout in deck.slide_layouts)):
        for shape in shapes:
            if shape.element.xpath("./p:spPr/a:xfrm"):  # placed here, not inherited from the master
                shape.left, shape.width = Emu(round(shape.left * scale)), Emu(round(shape.width * scale))


def add_stage_slide(deck, lecture, media, colors: dict, opening: bool = False) -> None:
    """A slide in the lesson's colours: the heading (number, heading) and the key sentence
    above the video, or, for the card that opens the lesson, the video alone filling the
    slide. The video plays on a click (python-pptx's movie: a click on it plays it) and
    shows its poster until then."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = colors["background"]
    title = slide.shapes.title
    if opening:  # the card shows the lesson's title: no heading above it
        title.element.getparent().remove(title.element)
        left, top, width, height = _fit(media.width, media.height, top=0, bottom=0)
    else:
        _write_heading(title, media, colors)
        _write_key_sentence(slide, media, colors)
        left, top, width, height = _fit(media.width, media.height)
    folder = lecture.folder
    movie = slide.shapes.add_movie(
        str(folder / Path(media.video).name),
        left,
        top,
        width,
        height,
        poster_frame_image=str(folder / Path(media.poster).name),
        mime_type="video/mp4",
    )
    movie._element.nvPicPr.cNvPr.set(
        "descr", xml_text(media.description)
    )  # the page's one-line description, as alt text
    slide.notes_slide.notes_text_frame.text = notes_text(folder / Path(media.srt).name)


def _write_heading(title, media, colors: dict) -> None:
    """As on the page: the stage's number in the highlight colour, then its heading."""
    title.left, title.top, title.width, title.height = MARGIN, HEADING_TOP, SLIDE_WIDTH - 2 * MARGIN, HEADING_HEIGHT
    frame = title.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = 1  # left
    parts = ([(str(media.number), colors["highlight"], True)] if media.number is not None else []) + [
        (("   " if media.number is not None else "") + media.heading, colors["text"], False)
    ]
    for words, color, bold in parts:
        run = paragraph.add_run()
        run.text = xml_text(words)
        run.font.size, run.font.bold, run.font.name = HEADING_SIZE, bold, FONT
        run.font.color.rgb = color


def _write_key_sentence(slide, media, colors: dict) -> None:
    """The stage's key sentence under its heading, in the text colour, wrapped in its box."""
    box = slide.shapes.add_textbox(MARGIN, KEY_TOP, SLIDE_WIDTH - 2 * MARGIN, KEY_HEIGHT)
    box.name = "Key sentence"
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    run = frame.paragraphs[0].add_run()
    run.text = xml_text(media.key_sentence)
    run.font.size, run.font.name = KEY_SIZE, FONT
    run.font.color.rgb = colors["text"]


def _fit(width: int, height: int, top: Emu = VIDEO_TOP, bottom: Emu = Inches(0.12)) -> tuple[Emu, Emu, Emu, Emu]:
    """The largest box of the video's shape between ``top`` and ``bottom``, centred."""
    room_w, room_h = SLIDE_WIDTH, SLIDE_HEIGHT - top - bottom
    scale = min(room_w / width, room_h / height)
    w, h = int(width * scale), int(height * scale)
    return Emu((SLIDE_WIDTH - w) // 2), Emu(top), Emu(w), Emu(h)
