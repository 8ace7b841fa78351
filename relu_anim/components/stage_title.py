"""The small "3  The first dot" label a stage opens with, so that a clip shown on its
own says which part of the lesson it is."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UR, VGroup

from ..composition import FRAME_HEIGHT, FRAME_WIDTH, MARGIN
from ..text import make_text
from ..theme import Theme, current_theme
from .motion import Ticking


class StageTitle(VGroup):
    """A stage's number and short title in the top-right corner, shown for the stage's
    first seconds: it fades in, stays, fades out, then asks to be removed (:attr:`done`).

    It keeps its own clock (an updater summing the frames' ``dt``), so it needs no cue
    from the scene's beats and behaves the same whether animations are drawn or skipped.
    Add it as a foreground mobject: drawn last, it is then the only thing Manim redraws
    for it on every frame (:class:`.motion.Ticking`).

    Parameters
    ----------
    number, title
        What it says: ``3`` and ``"The first dot"``.
    fade, stay
        Seconds of fading (in, and again out) and of standing still in between.

    Examples
    --------
    ::

        from relu_anim.components.stage_title import StageTitle

        class StageTitleExample(LessonScene):
            def construct(self):
                label = StageTitle(3, "The first dot")
                self.add_foreground_mobject(label)
                self.play(Create(DosagePlot()), run_time=4)  # the label comes and goes meanwhile
                self.remove_foreground_mobject(label)
    """

    def __init__(
        self, number: int, title: str, fade: float = 0.5, stay: float = 2.5, theme: Theme | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.number = make_text(str(number), theme.label_size, theme.highlight, weight="BOLD")
        self.title = make_text(title, theme.label_size, theme.muted)
        self.add(self.number, self.title)
        self.title.next_to(self.number, RIGHT, buff=0.2).align_to(self.number, DOWN)
        self.to_corner(UR, buff=np.array([MARGIN * FRAME_WIDTH + 0.05, MARGIN * FRAME_HEIGHT + 0.02, 0.0]))
        self.fade_time, self.stay_time, self.clock = fade, stay, 0.0
        self.set_opacity(0)
        self.add_updater(Ticking(self._tick))

    @property
    def done(self) -> bool:
        """Whether it has faded out for good."""
        return self.clock >= 2 * self.fade_time + self.stay_time

    def opacity_at(self, t: float) -> float:
        """How opaque the label is ``t`` seconds into the stage: 0 at the start and end."""
        rise = t / self.fade_time
        fall = (2 * self.fade_time + self.stay_time - t) / self.fade_time
        return max(0.0, min(1.0, rise, fall))

    def _tick(self, dt: float) -> None:
        self.clock += dt
        self.set_opacity(self.opacity_at(self.clock))
        if self.done:
            self.clear_updaters()
