"""``lesson.pptx``: one slide per stage, its MP4 embedded as a movie (its poster as the
still shown before it plays), the stage's number and title as the slide title, its
description below, and its captions as the speaker notes. The joined lesson's cards
get slides of the same kind, where the lesson plays them: the title card's slide (the
first) is titled with the lesson's title, the summary card's "Summary".

The videos are stored inside the .pptx (relative parts of the package), so the deck
opens on its own in PowerPoint and LibreOffice Impress.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from ..media.captions import read_srt
from ..media.zips import copy_fixed

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
TITLE_ONLY = 5  # the default template's "Title Only" layout
MARGIN = Inches(0.4)
VIDEO_TOP = Inches(1.75)


def notes_text(srt_path: Path) -> str:
    """A stage's captions, one per line: the speaker notes."""
    return "\n".join(sub.content.replace("\n", " ") for sub in read_srt(srt_path))


def write_deck(lecture, dest: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = lecture.title
    deck.core_properties.subject = lecture.subtitle or "Slides with the lesson's videos"
    for index, media in enumerate(lecture.in_lesson_order()):
        add_stage_slide(deck, lecture, media, heading=slide_title(lecture, media, first=index == 0))
    # python-pptx dates each part of the zip; copied at fixed times, the same deck is the same bytes
    written = dest.with_name(f".{dest.name}.written")
    deck.save(str(written))
    try:
        copy_fixed(written, dest)
    finally:
        written.unlink()


def slide_title(lecture, media, first: bool = False) -> str:
    """``7. Adding the two lines`` for a stage (its heading); the lesson's title for a card that opens the deck, else
    the card's heading (``Summary``)."""
    if media.number is not None:
        return f"{media.number}. {media.heading}"
    return lecture.title if first else media.heading


def add_stage_slide(deck, lecture, media, heading: str | None = None) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)
    title.text = heading or slide_title(lecture, media)
    box = slide.shapes.add_textbox(MARGIN, Inches(1.1), SLIDE_WIDTH - 2 * MARGIN, Inches(0.55))
    box.text_frame.text = media.description
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    left, top, width, height = _fit(media.width, media.height)
    folder = lecture.folder
    slide.shapes.add_movie(
        str(folder / Path(media.video).name),
        left,
        top,
        width,
        height,
        poster_frame_image=str(folder / Path(media.poster).name),
        mime_type="video/mp4",
    )
    slide.notes_slide.notes_text_frame.text = notes_text(folder / Path(media.srt).name)


def _fit(width: int, height: int) -> tuple[Emu, Emu, Emu, Emu]:
    """The largest box of the video's shape below the title, centred."""
    room_w, room_h = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - VIDEO_TOP - MARGIN
    scale = min(room_w / width, room_h / height)
    w, h = int(width * scale), int(height * scale)
    return Emu((SLIDE_WIDTH - w) // 2), Emu(VIDEO_TOP), Emu(w), Emu(h)
