"""What a stage that ``replays_previous`` opens on: the last picture of the stage the
joined lesson plays before it, played again.

The renderer (:mod:`relu_anim.render`) and the frame capture (:mod:`relu_anim.frames`)
both pass it to the scene as its ``opening``, so the video and the frame data open on the
same picture, and the scene dissolves from it (:meth:`.scene.LessonScene.from_opening`).
A render imports this module only for such a stage: what it reads, its depfile records.
"""

from __future__ import annotations

from .model import Lesson
from .stages import Stage, previous_in_lesson
from .theme import use_theme
from .voice import use_voice


def closing_picture(stage: Stage, lesson: Lesson | None = None, theme: str = "light") -> list:
    """The mobjects of the last frame of the stage before ``stage`` in the joined lesson
    (an empty list unless ``stage.replays_previous``): that stage played silent, its
    animations skipped and nothing drawn, without an opening of its own (its last picture
    does not depend on one)."""
    before = previous_in_lesson(stage) if stage.replays_previous else None
    if before is None:
        return []
    from manim import tempconfig  # imported here: Manim is slow to import

    settings = {"format": "none", "write_to_movie": False, "verbosity": "ERROR", "progress_bar": "none"}
    with use_theme(theme), use_voice(None), tempconfig(settings):
        played = before.load()(lesson=lesson, skip_animations=True)
        played.renderer.update_frame = no_drawing  # skipped animations draw nothing we keep
        played.render()
    return [m for m in played.mobjects if m not in played.foreground_mobjects]


def no_drawing(*_args, **_kwargs) -> None:
    """A renderer's ``update_frame`` that draws nothing (for a play whose frames are not kept)."""
