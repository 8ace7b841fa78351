"""Frame-data snapshots of every stage (tests/snapshots/<stage>/), and proof that they
catch real changes: one weight of the network, one colour of the theme.

Refresh after a meant change: ``./run test --snapshot-update``, then look at the PNGs.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from relu_anim import theme as theme_module
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.model import default_lesson
from relu_anim.play import Play
from relu_anim.stages import STAGES
from relu_anim.testing import compare_frames

SNAPSHOTS = __import__("pathlib").Path(__file__).parent / "snapshots"
NAMES = [stage.name for stage in STAGES]


@pytest.mark.parametrize("name", NAMES)
def test_stage_matches_its_snapshot(name, frames, frame_snapshot):
    frame_snapshot(frames(name))


# Which stages show what, from the storyboard (shared/LESSON.md), not from the snapshots:
#: Only the recap leaves Part 3's network out: it is all Part 1.
SHOW_PART3 = set(NAMES) - {"recap"}
#: The data points: the recap's three points, the pointy thing "near all three data
#: points" (clip), the shapes that add up to a fit, and the gradient-descent fit.
SHOW_DATA = {"recap", "clip", "shapes", "derivative"}


#: The changes: the bottom node's weight, 12.60 in the storyboard (its label goes), and the
#: theme's colour of the data points.
WEIGHT, STORYBOARD_WEIGHT, COLOUR = 12.0, "12.60", "#7B1FA2"


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_weight_and_colour_fail_exactly_the_stages_that_show_them(name, tmp_path, monkeypatch):
    """One play with both changes (a stage's play is the cost): the differences name the
    colour exactly when the stage shows the data points, and the weight (its label, or a
    mark it moves) exactly when it shows Part 3's network. A stage that shows neither
    would differ in nothing; every stage shows one of them."""
    light = theme_module.THEMES["light"]
    monkeypatch.setitem(theme_module.THEMES, "light", dataclasses.replace(light, data=COLOUR))
    lesson = default_lesson()
    changed = dataclasses.replace(lesson, network=lesson.network.with_parameter("bottom.weight", WEIGHT))
    result = compare_frames(
        capture_frames(name, play=Play.of(FRAME_QUALITY, lesson=changed), frames=False),
        SNAPSHOTS / name,
        diff_dir=tmp_path,
    )
    colour = [line for line in result.differences if COLOUR in line]
    rest = [line for line in result.differences if COLOUR not in line]
    weight = [line for line in rest if STORYBOARD_WEIGHT in line or re.search(r": (curve|dot|bar)\[", line)]
    if name in SHOW_DATA:
        assert colour, f"{name} shows the data points, yet their new colour went unnoticed\n{result.report()}"
    else:
        assert not colour, result.report()
    if name in SHOW_PART3:
        assert weight, f"{name} shows Part 3's network, yet a new weight went unnoticed\n{result.report()}"
    else:
        assert not rest, result.report()  # only the colour changed what it shows
