"""The lecture package: one folder a teacher can copy to a course site, with the lesson's
videos, a web page that plays them (``index.html``) and a slide deck (``lesson.pptx``).

    writer.py     the one interface of the package's parts (Writer); WRITERS below lists them
    page.py       index.html from the manifest, with templates/ and static/ (package data)
    explore.py    the live explorer: its script in assets/ (and `relu-anim explore`'s own page)
    deck.py       lesson.pptx (python-pptx): one slide per stage, its video embedded

:func:`make_lecture` renders what is missing through the batch engine (the library call
``relu-anim render --all`` makes), then reads the folder's manifest, the contract
(:mod:`relu_anim.batch.manifest`), and nothing else of the engine. The package holds
relative paths only::

    index.html          the page: every stage, the joined lesson with chapters, presenter mode
    lesson.pptx         the deck: a title slide (the title card), a slide per stage, a summary slide
    lecture.json        what the package was made from, and the sha256 of every other file in it:
                        the record that lets a later run replace the folder (nothing else does)
    assets/             lecture.css, lecture.js, relu-explorer.js
    videos/             <stage>.mp4, .poster.png, .vtt, .srt (the cards' too: title.mp4...)

The joined lesson opens with a title card and closes with a summary card (manifest
entries of kind ``card``): each has its own chapter and its own slide, but the page's
stage-by-stage section and presenter mode hold the ten stages only.

Each picture is in the package once: the page plays the whole lesson as its chapters'
own videos in turn (the cards' and the stages'), so the joined ``lesson.mp4`` the
engine renders (every stage's pictures again: half the videos' bytes) stays out of it.

The folder is written whole or not at all: it is built in a temporary folder beside its
destination and then swapped in, replacing a folder that was there only when every file
in it is one an earlier package wrote, unchanged (:mod:`relu_anim.ownership`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from pkgutil import resolve_name

from ..batch.manifest import LESSON_HEADING, SCHEMA, description_of, key_sentence_of
from ..destination import DestinationError
from ..model import Lesson
from ..ownership import check_replaceable, folder_hashes, mark_of, write_whole
from ..play import Play
from ..render import DEFAULT_MEDIA_DIR, DEFAULT_NETWORK, RenderError, output_dir
from ..stages import LESSON_TITLE

__all__ = [
    "Lecture",
    "LectureError",
    "LectureUsageError",
    "LESSON_TITLE",
    "lecture_folder",
    "make_lecture",
    "write_package",
]

MARK = "lecture.json"  # in every package: what it was made from
VIDEOS = "videos"
LESSON = "lesson"
FORMAT = "mp4"  # the videos' format (relu_anim.media.FORMATS): every browser and PowerPoint play it

#: The package's parts besides its videos and its mark, each a :class:`.writer.Writer`
#: named ``module:class`` (imported when a package is written: python-pptx is slow to
#: import), written in this order. Adding a part to the package is one line here.
WRITERS = [
    "relu_anim.lecture.page:Page",
    "relu_anim.lecture.explore:Explorer",
    "relu_anim.lecture.deck:Deck",
]


class LectureError(RenderError):
    """The package cannot be made; one line for the user."""


class LectureUsageError(LectureError):
    """A usage error (a bad --out folder): exit status 2."""


@dataclass(frozen=True)
class StageMedia:
    """One stage (or the joined lesson) as the package holds it; paths relative to the package."""

    name: str
    number: int | None
    heading: str  # the words it opens with: "The top node's bent line"
    description: str  # the manifest's one line on what it shows
    key_sentence: str  # what it teaches, in one sentence: the line under its heading on its slide
    video: str
    poster: str
    vtt: str
    srt: str
    duration: float
    fps: float
    width: int
    height: int
    source: Mapping  # the manifest entry, as read
    #: Seconds in of its opening picture, its poster's moment (the manifest's ``opening``;
    #: None where the manifest has none: a card, the lesson, an older manifest).
    opening: float | None = None


@dataclass(frozen=True)
class Lecture:
    """What a package holds: its stages in lesson order and the joined lesson."""

    title: str
    subtitle: str
    quality: str
    theme: str
    network: str
    stages: tuple[StageMedia, ...]
    lesson: StageMedia
    chapters: tuple[
        dict, ...
    ]  # {"stage", "number", "kind", "heading", "description", "start", "end"} from the manifest
    folder: Path  # the folder holding the manifest (sources of the files)
    cards: tuple[StageMedia, ...] = ()  # the joined lesson's title and summary cards, in its order
    #: The network the page's explorer opens on (a Lesson); None: the built-in network the
    #: manifest names, if it names one (:func:`.explore.lesson_for`).
    explorer: Lesson | None = None

    def in_lesson_order(self) -> list[StageMedia]:
        """Cards and stages as the joined lesson plays them (its chapters' order)."""
        media = {m.name: m for m in (*self.cards, *self.stages)}
        return [media[chapter["stage"]] for chapter in self.chapters]


def lecture_folder(media_dir: Path | str, play: Play, network: str = DEFAULT_NETWORK) -> Path:
    """The default package folder: ``media/<quality>[-dark]/lecture`` (``media/<network>/...``)."""
    return output_dir(media_dir, play, network) / "lecture"


def make_lecture(
    out: Path | str | None = None,
    play: Play = Play(),
    *,
    media_dir: Path | str = DEFAULT_MEDIA_DIR,
    jobs: int | None = None,
    progress=None,
) -> Path:
    """Bring the lesson's videos up to date (rendering what is missing) under ``play``
    (its lesson: the storyboard's unless given, see :func:`relu_anim.model.load_lesson`;
    its voice narrates them) and write the package to ``out`` (default
    :func:`lecture_folder`). Returns the package folder."""
    from ..batch import build, make_plan

    plan = make_plan(None, play, format=FORMAT, media_dir=media_dir)
    lesson = plan.jobs[0].play.lesson
    out = Path(out) if out is not None else lecture_folder(media_dir, play, plan.jobs[0].network)
    check_destination(out)
    result = build(plan, jobs=jobs, progress=progress)
    if result.failed:
        first = result.failed[0]
        raise LectureError(
            f"{len(result.failed)} of {len(plan.jobs) + 1} videos failed, no package written "
            f"(first: {first.error or first.name})"
        )
    return write_package(result.manifest_path, out, lesson=lesson)


def read_lecture(manifest_path: Path | str) -> Lecture:
    """The package's contents, from a manifest: every stage in lesson order (MP4 with
    poster and captions) and the joined lesson with its chapters."""
    manifest_path = Path(manifest_path)
    try:
        document = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LectureError(
            f"cannot read manifest {manifest_path}: {getattr(error, 'strerror', None) or error}"
        ) from None
    if document.get("schema") not in READABLE_SCHEMAS:
        expected = " or ".join(map(str, READABLE_SCHEMAS))
        raise LectureError(f"{manifest_path}: manifest schema {document.get('schema')!r}, expected {expected}")
    videos = [o for o in document["outputs"] if o["format"] == FORMAT and o["status"] != "failed"]
    stages = sorted((o for o in videos if _kind(o) == STAGE), key=lambda o: o["number"])
    cards = {o["stage"]: o for o in videos if _kind(o) == CARD}
    lessons = [o for o in videos if o["stage"] == LESSON]
    if not stages or not lessons:
        raise LectureError(f"{manifest_path}: no MP4 stages and joined lesson to package")
    lesson = lessons[0]
    chapter_names = [c["stage"] for c in lesson["chapters"] if _kind(c) == STAGE]
    card_names = [c["stage"] for c in lesson["chapters"] if _kind(c) == CARD]
    if chapter_names != [o["stage"] for o in stages]:
        raise LectureError(f"{manifest_path}: the lesson's chapters {chapter_names} are not its stages")
    missing = [name for name in card_names if name not in cards]
    if missing:
        raise LectureError(f"{manifest_path}: the lesson's card {missing[0]!r} has no MP4 of its own")
    network = document.get("network", DEFAULT_NETWORK)
    return Lecture(
        title=LESSON_TITLE,
        subtitle="" if network == DEFAULT_NETWORK else f"With the {network} network",
        quality=document["quality"],
        theme=document["theme"],
        network=network,
        stages=tuple(_media(o) for o in stages),
        lesson=_media(lesson),
        chapters=tuple(lesson["chapters"]),
        folder=manifest_path.parent,
        cards=tuple(_media(cards[name]) for name in card_names),
    )


#: The manifest schemas the package reads: this one, and the one before it (which called
#: the description ``title`` and had no heading).
READABLE_SCHEMAS = (SCHEMA - 1, SCHEMA)
STAGE, CARD = "stage", "card"  # manifest kinds (relu_anim.batch.manifest)


def _kind(entry: Mapping) -> str:
    """A manifest entry's or chapter's kind; entries written before cards existed are stages."""
    return entry.get("kind") or STAGE


def heading_of(entry: Mapping) -> str:
    """An entry's heading; manifests of schema 1 had none (the name then: ``First dot``)."""
    return entry.get("heading") or entry["stage"].replace("-", " ").capitalize()


def _media(entry: Mapping) -> StageMedia:
    def packaged(name):
        return f"{VIDEOS}/{name}"

    return StageMedia(
        name=entry["stage"],
        number=entry["number"],
        heading=heading_of(entry) if entry["stage"] != LESSON else LESSON_HEADING,
        description=description_of(entry),
        key_sentence=key_sentence_of(entry),
        video=packaged(entry["path"]),
        poster=packaged(entry["poster"]),
        vtt=packaged(entry["captions"]["vtt"]),
        srt=packaged(entry["captions"]["srt"]),
        duration=entry["duration"],
        fps=entry["fps"],
        width=entry["width"],
        height=entry["height"],
        source=entry,
        opening=entry.get("opening"),
    )


def write_package(manifest_path: Path | str, out: Path | str, lesson=None) -> Path:
    """Write the package described by the manifest to ``out``, whole or not at all
    (:func:`relu_anim.ownership.write_whole`: a folder that was there goes only if
    every file in it is proven ours by its ``lecture.json``).
    ``lesson``: the network the page's explorer opens on (see :mod:`.explore`). The
    package is its videos, the parts :data:`WRITERS` write, and its mark."""
    lecture = dataclasses.replace(read_lecture(manifest_path), explorer=lesson)
    out = Path(out)
    check_destination(out)

    def fill(tmp: Path) -> None:
        files = _place_media(lecture, tmp)
        for writer in WRITERS:
            resolve_name(writer)().write(lecture, tmp)
        fields = {"title": lecture.title, "quality": lecture.quality, "theme": lecture.theme}
        text = mark_of(folder_hashes(tmp, MARK), **fields, network=lecture.network, files=files)
        (tmp / MARK).write_text(text, encoding="utf-8")

    try:
        write_whole(out, MARK, fill)
    except DestinationError as error:
        raise LectureUsageError(str(error)) from None
    except OSError as error:
        raise LectureError(f"cannot write the package {out}: {error.strerror or error}") from None
    return out


def check_destination(out: Path) -> None:
    """Refuse a folder holding anything relu-anim cannot prove it wrote there (an empty
    or missing one is fine), and a place where the package could not be written
    (checked before anything renders: :func:`relu_anim.ownership.check_replaceable`)."""
    try:
        check_replaceable(out, MARK)
    except DestinationError as error:
        raise LectureUsageError(str(error)) from None


def _place_media(lecture: Lecture, dest: Path) -> list[str]:
    """Hard-link (or copy) every file the package plays into ``dest/videos``: each stage's
    and card's video, poster and captions (the joined lesson is them in turn: not held twice)."""
    (dest / VIDEOS).mkdir()
    names = []
    for media in lecture.in_lesson_order():
        names += [media.video, media.poster, media.vtt, media.srt]
    for name in names:
        link_or_copy(lecture.folder / Path(name).name, dest / name)
    return names


def link_or_copy(source: Path, dest: Path) -> None:
    """A hard link where the file system allows it (no space used), else a copy."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)
