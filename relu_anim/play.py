"""How a stage is played: the choices that shape it, made once, and the one way to play it.

A command reads its options into one :class:`Play` (:meth:`Play.of`: the quality's
letter, the theme's and the voice's names resolved here and nowhere else, and the
lesson); the batch plan and its jobs (local and Dask), the renderer, frame capture,
stills and a replaying stage's opening all take that value. :func:`playing` makes a
stage's (or any scene's) scene under it: Manim's settings for the quality, the seed,
and the play's theme and voice in force (both context variables, :mod:`relu_anim.theme`
and :mod:`relu_anim.voice`) while it plays; a stage that ``replays_previous`` opens on
the last picture of the stage before it (:func:`closing_picture`), so the video and the
frame data open on the same picture.

No Manim here until a scene is played.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .model import Lesson
from .quality import Quality, get_quality
from .stages import Stage, previous_in_lesson
from .theme import DEFAULT_THEME, Theme, get_theme, use_theme
from .voice import SILENT_VOICE, Voice, get_voice, use_voice

SEED = 20_230_513  # any fixed number: makes output reproducible
DEFAULT_QUALITY = "h"  # what -q gives unless told


@dataclass(frozen=True)
class Play:
    """The settings a stage plays under: the quality (size, frame rate), the theme, who
    narrates and where the narration's clips are cached (``clips``: a media folder, whose
    ``.voice`` holds them; ``None``: the user's cache folder,
    :func:`relu_anim.voice.cache.user_cache_dir`), and the lesson (``None``: the default
    lesson, a lesson scene's own). ``Play()`` is the library's default: high quality,
    light, silent. Pickled (to a worker process, a Dask worker), the voice is looked up
    again by its name where it plays (:class:`relu_anim.voice.Voice`)."""

    quality: Quality = get_quality(DEFAULT_QUALITY)
    theme: Theme = get_theme(DEFAULT_THEME)
    voice: Voice = SILENT_VOICE
    clips: Path | None = None
    lesson: Lesson | None = None

    @classmethod
    def of(
        cls,
        quality: str = DEFAULT_QUALITY,
        theme: str = DEFAULT_THEME,
        voice: str | Voice = SILENT_VOICE.name,
        *,
        clips: Path | str | None = None,
        lesson: Lesson | None = None,
    ) -> Play:
        """The play of these names: a ``-q`` letter, a theme's and a voice's names (or the
        voice itself, as ``--voice`` gives it). Raises
        :class:`~relu_anim.quality.UnknownQuality`, :class:`~relu_anim.theme.UnknownTheme`
        or :class:`~relu_anim.voice.VoiceError` (one line each)."""
        voice = get_voice(voice) if isinstance(voice, str) else voice
        return cls(get_quality(quality), get_theme(theme), voice, _folder(clips), lesson)

    def with_clips(self, clips: Path | str | None) -> Play:
        """The same play, its clips cached under ``clips``."""
        return dataclasses.replace(self, clips=_folder(clips))

    def silent(self) -> Play:
        """The same play without narration (timed by the scene's own run times)."""
        return dataclasses.replace(self, voice=SILENT_VOICE)


def _folder(path: Path | str | None) -> Path | None:
    return None if path is None else Path(path)


@contextlib.contextmanager
def playing(
    scene: Stage | type,
    play: Play,
    *,
    manim: Mapping | None = None,
    opening: bool = True,
    skip_animations: bool = False,
    renderer: Callable[[], object] | None = None,
    subclass: Callable[[type], type] | None = None,
) -> Iterator[object]:
    """Make the scene of ``scene`` (a :class:`Stage`, or any ``manim.Scene`` subclass)
    under ``play`` and yield it, ready to ``render()`` inside the block.

    While the block runs: Manim's config is the quality's size and frame rate, the seed,
    quiet logs and no cache, then ``manim``'s keys on top; the play's theme and voice are
    in force. A lesson scene gets the play's lesson, and a stage that ``replays_previous``
    its opening (:func:`closing_picture`; ``opening=False``: none, as plain ``manim``
    plays it). ``skip_animations`` plays without drawing anything;
    ``renderer()`` makes the scene's renderer (made here, under this config);
    ``subclass(scene_class)`` is the class actually made (a recording subclass)."""
    from manim import tempconfig  # imported here: Manim is slow to import

    from .scene import LessonScene

    stage = scene if isinstance(scene, Stage) else None
    settings = {
        **play.quality.manim_settings(),
        "seed": SEED,
        "verbosity": "ERROR",
        "progress_bar": "none",
        "disable_caching": True,  # a fresh folder every time: Manim's cache would never hit
        **(manim or {}),
    }
    with use_theme(play.theme), use_voice(play.voice, play.clips), tempconfig(settings):
        scene_class = stage.load() if stage is not None else scene
        arguments: dict = {}
        if issubclass(scene_class, LessonScene):
            arguments["lesson"] = play.lesson
            if opening and stage is not None and stage.replays_previous:
                arguments["opening"] = closing_picture(stage, play)
        if skip_animations:
            arguments["skip_animations"] = True
        if renderer is not None:
            arguments["renderer"] = renderer()
        made = (subclass(scene_class) if subclass else scene_class)(**arguments)
        if skip_animations:
            made.renderer.update_frame = no_drawing  # skipped animations draw nothing we keep
        yield made


def closing_picture(stage: Stage, play: Play) -> list:
    """What ``stage`` opens on: the mobjects of the last frame of the stage before it in
    the joined lesson (an empty list unless ``stage.replays_previous``), that stage
    played silent under ``play``, its animations skipped and nothing drawn, without an
    opening of its own (its last picture does not depend on one)."""
    before = previous_in_lesson(stage) if stage.replays_previous else None
    if before is None:
        return []
    quiet = {"format": "none", "write_to_movie": False}
    with playing(before, play.silent(), manim=quiet, opening=False, skip_animations=True) as played:
        played.render()
    return [m for m in played.mobjects if m not in played.foreground_mobjects]


def no_drawing(*_args, **_kwargs) -> None:
    """A renderer's ``update_frame`` that draws nothing (for a play whose frames are not kept)."""
