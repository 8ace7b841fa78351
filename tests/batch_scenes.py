"""Tiny scenes for testing the render machinery (not the lesson); their stages are in
tests/batch_stages.py.

Each lasts a known time, so tests know the frame count without asking the code under
test: at quality ``t`` (5 fps) ``TinyA`` is 1 s + 1 s = 10 frames, ``TinyB`` 1 s +
2 s = 15 frames (its poster, at 1.1 s, is frame 5 counting from 0). ``Slow`` (8 s,
40 frames) takes ``RELU_ANIM_TEST_SLOW`` seconds per frame to draw (default 0), so a
test can interrupt it mid-render. ``Steps`` (five turns of 2 s: 10 s, 50 frames,
drawn as slowly as ``Slow``) is long enough to be split into chunks (relu_anim/chunks.py).
``Tally`` (five plays of 1 s, 25 frames) is what a chunk's skip to its start must get
exactly right (relu_anim/segments.py, ChunkRenderer). ``Boom`` raises.
"""

from __future__ import annotations

import os
import time

from manim import DOWN, LEFT, UP, Circle, Create, FadeIn, Line, Rotate, Square, ValueTracker, rate_functions

from relu_anim.components.motion import Follower, Ticking, follow
from relu_anim.scene import LessonScene


class TinyA(LessonScene):
    def construct(self):
        square = Square(color=self.theme.top).set_fill(self.theme.top, opacity=1)
        with self.beat("A square appears.", hold=1):
            self.play(Create(square), run_time=1)


class TinyB(LessonScene):
    def construct(self):
        circle = Circle(color=self.theme.bottom)
        with self.beat("A circle fades in."):
            self.play(FadeIn(circle), run_time=1)
        with self.beat("It fills."):
            self.play(circle.animate.set_fill(self.theme.bottom, opacity=1), run_time=2)


class Slow(LessonScene):
    SECONDS = 8  # 40 frames at 5 fps

    def construct(self):
        delay = float(os.environ.get("RELU_ANIM_TEST_SLOW", "0"))
        square = Square(color=self.theme.output)
        square.add_updater(lambda mob, dt: time.sleep(delay))
        self.add(square)
        with self.beat("A square turns, slowly."):
            self.play(Rotate(square, 3.14), run_time=self.SECONDS)


class Steps(LessonScene):
    TURNS, SECONDS = 5, 2

    def construct(self):
        delay = float(os.environ.get("RELU_ANIM_TEST_SLOW", "0"))
        square = Square(color=self.theme.output)
        square.add_updater(lambda mob, dt: time.sleep(delay))
        self.add(square)
        for turn in range(self.TURNS):
            with self.beat(f"Turn number {turn + 1}."):
                self.play(Rotate(square, 0.5 + turn), run_time=self.SECONDS)


class Tally(LessonScene):
    """What an inexact skip gets wrong, drawn: a bar one step longer on every frame (a
    :class:`~relu_anim.components.motion.Ticking` updater counting the frames it is
    called on: called once with the whole run time, as Manim's own skip calls updaters,
    it would be short); a bar as long as a tracker that moves through non-linear rate
    functions (a :class:`~relu_anim.components.motion.Follower`: stale if not brought up
    to date, wrong if the rate function were not applied); and, as a stage, its title
    label fading in and out on its own clock. Five plays of 1 s: 25 frames at 5 fps."""

    STEP = 0.1  # the counting bar's growth per frame

    def construct(self):
        start, frames, tracker = LEFT * 6, [0], ValueTracker(0.5)
        counted = Line(start + UP, start + UP + [0.01, 0, 0], color=self.theme.top, stroke_width=16)
        followed = Line(start + DOWN, start + DOWN + [0.01, 0, 0], color=self.theme.bottom, stroke_width=16)

        def tick(dt: float) -> None:
            frames[0] += 1
            counted.set_points_by_ends(start + UP, start + UP + [self.STEP * frames[0], 0, 0])

        counted.add_updater(Ticking(tick))
        follow(
            followed,
            Follower(
                lambda: followed.set_points_by_ends(start + DOWN, start + DOWN + [tracker.get_value(), 0, 0]),
                lambda: [tracker],
            ),
        )
        self.add(counted, followed)
        for end, rate in (
            (8, rate_functions.ease_in_cubic),
            (2, rate_functions.there_and_back),
            (6, rate_functions.smooth),
        ):
            self.play(tracker.animate(rate_func=rate).set_value(end), run_time=1)
        self.wait(1)
        self.play(tracker.animate(rate_func=rate_functions.rush_from).set_value(1), run_time=1)


class Boom(LessonScene):
    def construct(self):
        self.play(Create(Square()), run_time=0.4)
        raise RuntimeError("the scene broke on purpose\nsecond line that must not show")
