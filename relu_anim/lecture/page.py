"""``index.html``: the lesson as a web page, from the package's contents.

The page's HTML, CSS and JS are files (``templates/``, ``static/``), filled in here with
:class:`string.Template`. Everything the page needs beyond its ``<video>`` and ``<track>``
elements (chapter times, caption cues for browsers that refuse ``<track>`` files from
disk) is embedded in the page as JSON: opened from ``file://``, a page cannot fetch files.
Every text goes in through :mod:`relu_anim.escape`, the function for where it lands
(element text, attribute value, the JSON block).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from string import Template

from .. import __version__
from ..batch.manifest import description_of
from ..escape import html_attribute, html_text, script_json, vtt_cue_text
from ..media.captions import ends_sentence, opening_time, read_srt
from .writer import ASSETS, Writer, copy_assets

STATIC_FILES = ("lecture.css", "lecture.js", "scorm.js")  # scorm.js: the page's side of a learning platform


def template(name: str) -> Template:
    return Template(files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def whole_seconds(seconds: float) -> int:
    """A length in whole seconds as a video player counts it: the started second does
    not count (6:22.6 is 6:22). The one rounding of every length on the page."""
    return int(seconds + 1e-6)


def clock(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour)."""
    whole = whole_seconds(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_length(seconds: float) -> str:
    """``5 min 49 s``, the length :func:`clock` shows."""
    minutes, secs = divmod(whole_seconds(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def lengths_sentence(lecture) -> str:
    """What the page offers and how long each takes, every length the manifest's: the stage
    videos together (their durations added) and the joined lesson, which also plays its cards
    (so it is longer than its stages put together: the page once gave its length as theirs)."""
    stages = sum(media.duration for media in lecture.stages)
    count = len(lecture.stages)
    videos = f"{count} stage video{'s' if count != 1 else ''}, {spoken_length(stages)} together"
    lesson = f"the whole lesson in one player, chapter after chapter, {spoken_length(lecture.lesson.duration)}"
    return f"{videos}; or {lesson}{cards_included(lecture)}."


def cards_included(lecture) -> str:
    """``" (its stages with its opening and closing cards)"``: what the joined lesson plays
    besides its stages, each card named by where it plays (before the stages or after them);
    empty without cards."""
    order = [chapter["stage"] for chapter in lecture.chapters]
    first = order.index(lecture.stages[0].name)
    where = list(dict.fromkeys("opening" if order.index(card.name) < first else "closing" for card in lecture.cards))
    if not where:
        return ""
    return f" (its stages with its {' and '.join(where)} card{'s' if len(lecture.cards) > 1 else ''})"


def cues(lecture, media) -> list[list]:
    """The captions of one video as ``[start, end, text]``, from its SRT file."""
    return [
        [sub.start.total_seconds(), sub.end.total_seconds(), sub.content]
        for sub in read_srt(lecture.folder / Path(media.srt).name)
    ]


def opening_of(lecture, media) -> float:
    """The moment a stage's poster shows (the picture before Play): the manifest's ``opening``;
    for a manifest written before it had one, the same rule on the stage's captions."""
    if media.opening is not None:
        return media.opening
    return opening_time(read_srt(lecture.folder / Path(media.srt).name))


def sentences_of(captions: list[list]) -> list[str]:
    """The captions' text as whole sentences: a caption that does not end its sentence is
    joined to the next (read as a transcript, "a medium one did." alone is not a sentence),
    the line breaks a caption is wrapped at made spaces."""
    sentences, pieces = [], []
    for _, _, text in captions:
        pieces.append(" ".join(line.strip(" \t") for line in text.strip(" \t\n").split("\n")))
        if ends_sentence(text):
            sentences.append(" ".join(pieces))
            pieces = []
    return sentences + ([" ".join(pieces)] if pieces else [])


def transcript_html(captions: list[list]) -> str:
    """A stage's transcript: one paragraph per sentence of its captions."""
    if not captions:
        return '          <p class="empty">This stage has no narration.</p>'
    return "\n".join(f"          <p>{html_text(text)}</p>" for text in sentences_of(captions))


def stage_html(lecture, media, captions) -> str:
    return (
        template("stage.html")
        .substitute(
            name=html_attribute(media.name),  # in attributes and in ids
            number=media.number,
            heading=html_attribute(media.heading),  # in an attribute and as text: the stricter
            length=spoken_length(media.duration),
            description=html_text(media.description),
            video=html_attribute(media.video),
            poster=html_attribute(media.poster),
            opening=opening_of(lecture, media),
            vtt=html_attribute(media.vtt),
            width=media.width,
            height=media.height,
            transcript=transcript_html(captions),
        )
        .rstrip("\n")
    )


def chapter_label(chapter: dict) -> str:
    """``7. Blue plus orange...`` for a stage; a card's chapter has no number."""
    number = chapter.get("number")
    return f"{number}. {description_of(chapter)}" if number is not None else description_of(chapter)


def chapter_html(chapter: dict) -> str:
    return (
        template("chapter.html")
        .substitute(
            start=f"{chapter['start']:.3f}",
            name=html_attribute(chapter["stage"]),
            time=clock(chapter["start"]),
            label=html_text(chapter_label(chapter)),
        )
        .rstrip("\n")
    )


def page_data(lecture, captions: dict) -> dict:
    """What the script reads (embedded: a page opened from disk cannot fetch files). Each
    chapter names the video the whole lesson plays for it (the stage's or the card's own:
    the package holds each picture once, not a joined copy)."""
    from .explore import STAGE_MOMENTS

    pieces = lecture.in_lesson_order()
    return {
        "explore": {m.name: STAGE_MOMENTS[m.name] for m in lecture.stages if m.name in STAGE_MOMENTS},
        "chapters": [
            {"stage": c["stage"], "label": chapter_label(c), "start": c["start"], "end": c["end"]}
            | {"video": media.video, "poster": media.poster, "vtt": media.vtt}
            for c, media in zip(lecture.chapters, pieces)
        ],
        # Cue text as in the .vtt files: the script makes VTTCues of it, which parse markup.
        "cues": {
            name: [[start, end, vtt_cue_text(text)] for start, end, text in cues] for name, cues in captions.items()
        },
        "narrated": narrated(lecture),
    }


def narrated(lecture) -> bool:
    """Whether the lesson's videos carry a narrator's voice (the manifest's ``voice``)."""
    return (lecture.lesson.source.get("voice") or "none") != "none"


#: The page's link to the deck: a SCORM zip without the deck leaves it out (:mod:`.scorm`).
DECK_LINK = '<a class="button" href="lesson.pptx">Slides (lesson.pptx)</a>'


def render_page(lecture, network=None) -> str:
    """The page; ``network`` (a Lesson) is the network its explorer opens on (default: the built-in
    network the package was made with; none for another network)."""
    from .explore import lesson_for, section_html

    captions = {media.name: cues(lecture, media) for media in lecture.in_lesson_order()}
    lesson, first = lecture.lesson, lecture.in_lesson_order()[0]
    said = " A narrator reads every caption aloud." if narrated(lecture) else ""
    summary = f"{lengths_sentence(lecture)}{said} Captions are on; each stage's transcript is below its video."
    return template("index.html").substitute(
        generator=f"relu-anim {__version__}",
        theme=html_attribute(lecture.theme),  # the videos' theme: the page's palette (lecture.css)
        title=html_text(lecture.title),
        subtitle=f'<p class="subtitle">{html_text(lecture.subtitle)}</p>' if lecture.subtitle else "",
        summary=html_text(summary),
        lesson_length=spoken_length(lesson.duration),
        first_name=html_attribute(first.name),  # the whole lesson opens on its first chapter's video
        first_video=html_attribute(first.video),
        first_poster=html_attribute(first.poster),
        first_vtt=html_attribute(first.vtt),
        deck_link=DECK_LINK,
        width=lesson.width,
        height=lesson.height,
        chapters="\n".join(chapter_html(c) for c in lecture.chapters),
        stages="\n".join(stage_html(lecture, m, captions[m.name]) for m in lecture.stages),
        data=script_json(page_data(lecture, captions)),
        explore=section_html(lesson_for(lecture.network, network), lecture.theme),
        narration_hidden="" if narrated(lecture) else " hidden",
    )


def write_page(lecture, dest: Path, lesson=None) -> None:
    """Write ``index.html`` and its assets into the folder ``dest``."""
    copy_assets(STATIC_FILES, dest)
    (dest / "index.html").write_text(render_page(lecture, lesson), encoding="utf-8")


class Page(Writer):
    """The package's ``index.html`` and its assets (the explorer's script is the explorer's)."""

    writes = ("index.html", *(f"{ASSETS}/{name}" for name in STATIC_FILES))

    def write(self, lecture, folder: Path) -> None:
        write_page(lecture, folder, lecture.explorer)
