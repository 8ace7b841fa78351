"""Tiny scenes for testing the render machinery (not the lesson), and their stages.

Each lasts a known time, so tests know the frame count without asking the code under
test: at quality ``t`` (5 fps) ``TinyA`` is 1 s + 1 s = 10 frames, ``TinyB`` 1 s +
2 s = 15 frames, its poster at 1.1 s is frame 5 (counting from 0). ``Slow`` takes ``RELU_ANIM_TEST_SLOW`` seconds per frame to draw
(default 0), so a test can interrupt it mid-render. ``Boom`` raises.
"""

from __future__ import annotations

import os
import sys
import time

from manim import Circle, Create, FadeIn, Rotate, Square

from relu_anim.scene import LessonScene
from relu_anim.stages import Stage

MODULE = __name__


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


class Boom(LessonScene):
    def construct(self):
        self.play(Create(Square()), run_time=0.4)
        raise RuntimeError("the scene broke on purpose\nsecond line that must not show")


TINY_A = Stage(1, "tiny-a", "TinyA", "A square appears", scene_module=MODULE)
TINY_B = Stage(2, "tiny-b", "TinyB", "A circle fades in", scene_module=MODULE, poster_time=1.1)
SLOW = Stage(3, "slow", "Slow", "A square turns slowly", scene_module=MODULE)
BOOM = Stage(4, "boom", "Boom", "A scene that raises", scene_module=MODULE)
TEST_STAGES = (TINY_A, TINY_B, SLOW, BOOM)
TINY = (TINY_A, TINY_B)  # for `render --all`: the lesson of two tiny stages

FRAMES = {"tiny-a": 10, "tiny-b": 15, "slow": 40}  # at 5 fps, from the run times above


if __name__ == "__main__":  # `python -m tests.batch_scenes [--two] render ...`: the CLI with these stages
    from relu_anim.cli import main
    from relu_anim.stages import use_stages

    args = sys.argv[1:]
    stages = TEST_STAGES
    if args and args[0] == "--two":
        args, stages = args[1:], TINY
    with use_stages(stages):
        main(args, prog_name="relu-anim")
