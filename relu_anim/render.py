"""Rendering: the one library entry point that turns stages into video files.

Output layout (``media_dir`` defaults to ``media/``)::

    media/<quality>/<stage>.mp4       the stage's video, e.g. media/high/wedge.mp4
    media/<quality>/<stage>.srt       its subcaptions
    media/<quality>/lesson.mp4        all stages joined in order (``render --all``)
    media/<quality>/lesson.srt        captions timed to the joined video
    media/<quality>-dark/...          the same with the dark theme
    media/<network>/<quality>/...     the same for any lesson but the default one
                                      (``render --network mine.toml``: media/mine/low/...)
    media/.work/...                   Manim's own working files and caches

Finished files are moved into place atomically: a failed or interrupted render never
leaves a half-written video where a finished one belongs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Lesson
from .quality import QUALITIES, UnknownQuality, get_quality
from .stages import STAGES, Stage, get_stage
from .theme import get_theme, use_theme
from .video import VideoError, duration, join, merge_captions

DEFAULT_MEDIA_DIR = Path("media")
SEED = 20_230_513  # any fixed number: makes output reproducible


class RenderError(RuntimeError):
    """A render that could not be done; the message is one line for the user."""


@dataclass(frozen=True)
class RenderedStage:
    stage: Stage
    video: Path
    captions: Path | None


def output_dir(media_dir: Path | str = DEFAULT_MEDIA_DIR, quality: str = "h", theme: str = "light",
               lesson: Lesson | None = None) -> Path:  # fmt: skip
    """Where videos of this quality and theme go: ``media/high``, ``media/low-dark``...;
    for a lesson other than the default, ``media/<network name>/high`` and so on."""
    try:
        folder = get_quality(quality).folder + ("" if theme == "light" else f"-{get_theme(theme).name}")
    except UnknownQuality as error:
        raise RenderError(str(error)) from None
    return Path(media_dir) / lesson_folder(lesson) / folder


def lesson_folder(lesson: Lesson | None) -> str:
    """The default lesson renders straight into the media folder; any other into a
    folder named after its network, so two lessons never overwrite each other."""
    return "" if lesson is None or lesson.is_default else lesson.name


def render_stage(
    stage: Stage | str,
    *,
    quality: str = "h",
    theme: str = "light",
    media_dir: Path | str = DEFAULT_MEDIA_DIR,
    lesson: Lesson | None = None,
) -> RenderedStage:
    """Render one stage to ``<media_dir>/<quality>/<stage>.mp4`` (and ``.srt``)."""
    from manim import tempconfig  # imported here: Manim is slow to import

    stage = get_stage(stage) if isinstance(stage, str) else stage
    dest_dir = output_dir(media_dir, quality, theme, lesson)
    work_dir = Path(media_dir) / ".work" / dest_dir.relative_to(media_dir) / stage.name
    scene_class = stage.load()
    settings = {
        **get_quality(quality).manim_settings(),
        "media_dir": str(work_dir.resolve()),
        "format": "mp4",
        "seed": SEED,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "output_file": stage.name,
    }
    with use_theme(theme), tempconfig(settings):
        scene = scene_class(lesson=lesson)
        scene.render()
        writer = scene.renderer.file_writer
        video, captions = writer.movie_file_path, writer.output_plan.subcaption_file
    dest_dir.mkdir(parents=True, exist_ok=True)
    final_video = dest_dir / f"{stage.name}.mp4"
    final_captions = dest_dir / f"{stage.name}.srt"
    if captions is not None and captions.exists():
        install_file(captions, final_captions)
    else:
        final_captions.unlink(missing_ok=True)
    with staged(final_video) as tmp:
        join([video], tmp)  # a faststart copy, for the web
    return RenderedStage(stage, final_video, final_captions if final_captions.exists() else None)


def render_stages(names: Iterable[str], *, on_start=None, **options) -> Iterator[RenderedStage]:
    """Render each named stage in turn, yielding each as soon as it is written.

    Every name is checked before anything renders, so a typo costs no time.
    ``on_start(stage, number, total)`` is called as each stage begins.
    """
    stages = [get_stage(name) for name in names]
    for number, stage in enumerate(stages, 1):
        if on_start is not None:
            on_start(stage, number, len(stages))
        yield render_stage(stage, **options)


@dataclass(frozen=True)
class RenderedLesson:
    stages: tuple[RenderedStage, ...]
    video: Path
    captions: Path
    duration: float


def render_lesson(*, quality: str = "h", theme: str = "light", media_dir: Path | str = DEFAULT_MEDIA_DIR,
                  lesson: Lesson | None = None, on_start=None, on_stage=None) -> RenderedLesson:  # fmt: skip
    """Render every stage, then join them in order into ``<quality>/lesson.mp4`` with
    one caption file, ``lesson.srt``, whose times follow the joined video.

    ``on_start(stage, number, total)`` is called as each stage begins and
    ``on_stage(rendered)`` as each is written.
    """
    options = {"quality": quality, "theme": theme, "media_dir": media_dir, "lesson": lesson}
    rendered = []
    for stage in render_stages([s.name for s in STAGES], on_start=on_start, **options):
        rendered.append(stage)
        if on_stage is not None:
            on_stage(stage)
    return join_lesson(rendered, output_dir(media_dir, quality, theme, lesson))


def join_lesson(rendered: list[RenderedStage], dest_dir: Path) -> RenderedLesson:
    """Join rendered stages into ``dest_dir/lesson.mp4`` and ``lesson.srt``."""
    video, captions = dest_dir / "lesson.mp4", dest_dir / "lesson.srt"
    try:
        with staged(video) as tmp:
            join([r.video for r in rendered], tmp)
        with staged(captions) as tmp:
            merge_captions([(r.captions, duration(r.video)) for r in rendered], tmp)
    except VideoError as error:
        raise RenderError(str(error)) from None
    return RenderedLesson(tuple(rendered), video, captions, duration(video))


@contextlib.contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; once the block succeeds, it replaces
    ``dest`` in one rename. On failure the temporary file is removed and ``dest``
    is left as it was."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.stem}.", suffix=f".part{dest.suffix}")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def install_file(source: Path, dest: Path) -> None:
    """Copy ``source`` to ``dest`` atomically."""
    with staged(dest) as tmp:
        shutil.copyfile(source, tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
