"""The tiny test scenes' stages (tests/batch_scenes.py), without importing Manim, and
``python -m tests.batch_stages [--two] render ...``: relu-anim's CLI with them registered
(``--two``: tiny-a and tiny-b only, so that ``render --all`` joins a two-stage lesson).
"""

from __future__ import annotations

import sys

from relu_anim.stages import CLOSING, OPENING, Stage

MODULE = "tests.batch_scenes"

TINY_A = Stage(
    1, "tiny-a", "TinyA", "A square appears", scene_module=MODULE, heading="The square", key_sentence="Squares teach."
)
TINY_B = Stage(2, "tiny-b", "TinyB", "A circle fades in", scene_module=MODULE, poster_time=1.1)
SLOW = Stage(3, "slow", "Slow", "A square turns slowly", scene_module=MODULE)
BOOM = Stage(4, "boom", "Boom", "A scene that raises", scene_module=MODULE)
STEPS = Stage(5, "steps", "Steps", "A square turns five times", scene_module=MODULE)
#: Not among TEST_STAGES: a test uses it alone (tests/test_chunks.py).
TALLY = Stage(6, "tally", "Tally", "Two bars, counted and followed", scene_module=MODULE, heading="Tally")
TEST_STAGES = (TINY_A, TINY_B, SLOW, BOOM, STEPS)
TINY = (TINY_A, TINY_B)  # for `render --all`: the lesson of two tiny stages

#: A tiny title card and summary card for the joined lesson (the same two tiny scenes).
TINY_CARDS = (
    Stage(None, "hello", "TinyB", "A tiny title card", scene_module=MODULE, role=OPENING),
    Stage(None, "bye", "TinyA", "A tiny summary card", scene_module=MODULE, role=CLOSING),
)

FRAMES = {
    "tiny-a": 10,
    "tiny-b": 15,
    "slow": 40,
    "steps": 50,
    "tally": 25,
    "hello": 15,
    "bye": 10,
}  # at 5 fps, from the run times in tests/batch_scenes.py


if __name__ == "__main__":
    from relu_anim.cli import main
    from relu_anim.stages import use_stages

    args = sys.argv[1:]
    stages = TEST_STAGES
    if args and args[0] == "--two":
        args, stages = args[1:], TINY
    with use_stages(stages):
        main(args, prog_name="relu-anim")
