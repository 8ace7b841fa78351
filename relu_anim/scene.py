"""The base class of every lesson scene."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from manim import Scene

from .components.motion import prepare_redraw
from .components.stage_title import StageTitle
from .model import Lesson, Names, default_lesson, story
from .stages import Stage, current_stages
from .theme import Theme, current_theme, get_theme, use_theme


class LessonScene(Scene):
    """A Manim scene that knows the lesson (its networks and data) and the theme.

    Scenes read every number from ``self.lesson`` and every colour from ``self.theme``.
    Each beat of narration is a ``with self.beat("caption"):`` block, which writes a
    subcaption spanning exactly the animations inside it.

    Parameters
    ----------
    lesson
        The lesson to animate; by default StatQuest's Part 3.
    theme
        Its colours: a :class:`~relu_anim.theme.Theme` or a theme's name; by default the
        current theme (:func:`relu_anim.theme.current_theme`).
    """

    def __init__(self, lesson: Lesson | None = None, theme: Theme | str | None = None, **kwargs) -> None:
        self.lesson = lesson or default_lesson()
        self.theme: Theme = current_theme() if theme is None else theme if isinstance(theme, Theme) else get_theme(theme)
        super().__init__(**kwargs)

    @property
    def names(self) -> Names:
        """What the input and output are called on screen (the recap overrides this
        with Part 1's names)."""
        return self.lesson.names

    def say(self, text: str) -> str:
        """``text``, written in the storyboard's words ("dosage", "low dosage"), in the
        lesson's names (:func:`relu_anim.model.story.in_names`)."""
        return story.in_names(text, self.names)

    @property
    def stage(self) -> Stage | None:
        """The lesson stage this scene plays, if it is one (:mod:`relu_anim.stages`)."""
        return next((s for cls in type(self).__mro__ for s in current_stages() if s.plays(cls)), None)

    def render(self, *args, **kwargs):
        """Render with the scene's theme in force, for the components it builds."""
        with use_theme(self.theme):
            return super().render(*args, **kwargs)

    def get_moving_mobjects(self, *animations):
        """Manim redraws these every frame; the rest once (see :mod:`.components.motion`)."""
        moving = prepare_redraw(self, animations)
        return super().get_moving_mobjects(*animations) if moving is None else moving

    def setup(self) -> None:
        self.camera.background_color = self.theme.background
        stage = self.stage
        self.stage_title = StageTitle(stage.number, stage.heading, theme=self.theme) if stage else None
        if self.stage_title:  # drawn last: the only thing redrawn for it (components.motion.Ticking)
            self.add_foreground_mobject(self.stage_title)

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        if self.stage_title and self.stage_title.done:  # it has come and gone
            self.remove_foreground_mobject(self.stage_title)
            self.remove(self.stage_title)
            self.stage_title = None

    @contextlib.contextmanager
    def beat(self, caption: str, hold: float = 0.0) -> Iterator[None]:
        """One narrated beat: everything played inside shares one subcaption.

        ``hold`` adds a pause at the end so the viewer can read what just appeared.
        Captions are written in the storyboard's words and shown in the lesson's names
        (:meth:`say`): "dosage" reads as the input's name.
        """
        start = self.time
        yield
        if hold:
            self.wait(hold)
        self.add_subcaption(self.say(caption), duration=self.time - start, offset=start - self.time)
