"""Plain Manim scenes (tests/plain_scenes/gallery.py) snapshot-test with the plugin, as a
Manim user's would: each matches its snapshot (tests/plain_scenes/snapshots/), and a
small change in each fails with a message naming what changed.

Refresh after a meant change: ``./run test tests/plain_scenes --snapshot-update``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from manim import GREEN, RED, RIGHT

from relu_anim.frames import capture_frames
from relu_anim.testing import compare_frames

from . import gallery

SNAPSHOTS = Path(__file__).parent / "snapshots"

SCENES = [
    gallery.SquareToCircle,
    gallery.FollowTheDot,
    gallery.TrackedNumber,
    gallery.AlongACircle,
    gallery.BooleanShapes,
    gallery.CameraCloseUp,
    gallery.SineOnAxes,
    gallery.ZoomedDetail,
    gallery.TiltedCube,
    gallery.TextKinds,
]


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.__name__)
def test_plain_scene_matches_its_snapshot(scene, frame_snapshot):
    frame_snapshot(scene)


def _shifted_sine(x):
    return np.sin(x) + 0.1


#: (scene, what changes, a pattern the failure must contain): each change is small, and
#: the pattern names the mobject and the field it moves, with the values expected from
#: the change itself (a shift of 0.5, a new colour, a tracker's new target...).
CHANGES = [
    (gallery.SquareToCircle, {"SHIFT": 2.5}, r"shapes: Circle\.at\[0\] 2 -> 2\.5"),
    (gallery.FollowTheDot, {"RIDER_COLOR": RED}, r"shapes: Square\.stroke '#FF862F' -> '#FC6255'"),
    (gallery.TrackedNumber, {"TARGET": 3.5}, r"trackers: ValueTracker 4 -> 3\.5"),
    (gallery.AlongACircle, {"RADIUS": 2.5}, r"shapes: Arc\.size\[0\] 4 -> 5"),
    (gallery.BooleanShapes, {"OFFSET": 0.8}, r"shapes: Square\.at\[0\] 0\.6 -> 0\.8"),
    (gallery.CameraCloseUp, {"ZOOM": 0.4}, r"camera: frame\.width 7\.11 -> 5\.69"),
    (
        gallery.SineOnAxes,
        {"function": staticmethod(_shifted_sine)},
        r"curves: ParametricFunction\.y\[\d+\] [-\d.]+ -> [-\d.]+",
    ),
    (gallery.ZoomedDetail, {"TARGET": RIGHT * 0}, r"camera: zoomed\.frame\.at\[0\] -1\.8 -> 0\.2"),
    (gallery.TiltedCube, {"PHI": 70}, r"camera: phi 60 -> 70"),
    (gallery.TextKinds, {"TITLE_COLOR": GREEN}, r"text \"Frame data\"\.color '#58C4DD' -> '#83C167'"),
]


@pytest.mark.parametrize("scene, change, expected", CHANGES, ids=[c[0].__name__ for c in CHANGES])
def test_a_small_change_fails_with_a_message_naming_it(scene, change, expected, tmp_path):
    changed = type(scene.__name__, (scene,), change)  # the same scene, one thing changed
    result = compare_frames(capture_frames(changed, frames=False), SNAPSHOTS / _folder(scene), diff_dir=tmp_path)
    assert not result.ok
    assert any(re.search(expected, line) for line in result.differences), result.report()


def test_a_plotted_function_change_is_the_size_of_the_change(tmp_path):
    """The sine raised by 0.1 reads as 0.1 higher at every sample, in the axes' units."""
    changed = type("SineOnAxes", (gallery.SineOnAxes,), {"function": staticmethod(_shifted_sine)})
    old = capture_frames(gallery.SineOnAxes, frames=False).moments[-1].record["curves"]["ParametricFunction"]
    new = capture_frames(changed, frames=False).moments[-1].record["curves"]["ParametricFunction"]
    assert new["on"] == old["on"] == "Axes"
    np.testing.assert_allclose(new["x"], old["x"], atol=1e-4)
    np.testing.assert_allclose(np.subtract(new["y"], old["y"]), 0.1, atol=2e-4)
    np.testing.assert_allclose(old["y"], np.sin(old["x"]), atol=2e-4)  # in the axes' own coordinates


def _folder(scene) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", scene.__name__).lower()
