"""Frame-data snapshots of every stage (tests/snapshots/<stage>/), and proof that they
catch real changes: one weight of the network, one colour of the theme.

Refresh after a meant change: ``./run test --snapshot-update``, then look at the PNGs.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from relu_anim import theme as theme_module
from relu_anim.frames import capture_frames
from relu_anim.model import default_lesson
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


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_weight_fails_exactly_the_stages_that_show_it(name, tmp_path):
    lesson = default_lesson()
    changed = dataclasses.replace(lesson, network=lesson.network.with_parameter("bottom.weight", 12.0))
    result = compare_frames(capture_frames(name, lesson=changed, frames=False), SNAPSHOTS / name, diff_dir=tmp_path)
    if name in SHOW_PART3:
        assert not result.ok, f"{name} shows Part 3's network, yet a new weight went unnoticed"
        # the weight itself (the diagram's label) or what it moves (a mark on a graph)
        assert any("12.60" in line or re.search(r": (curve|dot|bar)\[", line) for line in result.differences), (
            result.report()
        )
    else:
        assert result.ok, result.report()


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_colour_fails_exactly_the_stages_that_show_it(name, tmp_path, monkeypatch):
    light = theme_module.THEMES["light"]
    monkeypatch.setitem(theme_module.THEMES, "light", dataclasses.replace(light, data="#7B1FA2"))
    result = compare_frames(capture_frames(name), SNAPSHOTS / name, diff_dir=tmp_path)
    if name in SHOW_DATA:
        assert not result.ok, f"{name} shows the data points, yet their new colour went unnoticed"
        assert any("#7B1FA2" in line for line in result.differences), result.report()
    else:
        assert result.ok, result.report()
