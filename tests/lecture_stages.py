"""A lesson of ten tiny stages for the lecture package tests: the tiny scenes of
tests/batch_scenes.py, alternately TinyA (10 frames at 5 fps, one caption) and TinyB
(15 frames, two captions), so that a package has ten slides and ten chapters at once,
rendered in seconds at quality t. The machinery is under test here, not the lesson.
"""

from __future__ import annotations

from relu_anim.stages import STAGES, Stage

from .batch_stages import FRAMES, MODULE

FPS = 5  # quality t
SCENES = {"TinyA": (FRAMES["tiny-a"], 1), "TinyB": (FRAMES["tiny-b"], 2)}  # frames, captions


def _stage(number: int) -> Stage:
    """Stage ``number``, with the lesson's own stage ``number``'s key sentence (not its
    description), so that the deck's tests lay out and look for the real sentences."""
    scene = "TinyA" if number % 2 else "TinyB"
    key = STAGES[number - 1].key_sentence
    return Stage(
        number, f"step-{number}", scene, f"Step {number} of the tiny lesson", key_sentence=key, scene_module=MODULE
    )


TEN = tuple(_stage(n) for n in range(1, 11))
#: Expected, from the scenes' run times: each stage's frames and captions, and where its
#: chapter starts in the joined lesson (the frames before it, in seconds).
EXPECTED_FRAMES = {s.name: SCENES[s.scene_class][0] for s in TEN}
EXPECTED_CAPTIONS = {s.name: SCENES[s.scene_class][1] for s in TEN}
EXPECTED_STARTS = {s.name: sum(EXPECTED_FRAMES[t.name] for t in TEN[: s.number - 1]) / FPS for s in TEN}
