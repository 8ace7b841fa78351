"""Shared fixtures: every stage is played once per test worker (animations skipped, no
video) and its frame data kept, for the stage tests and the snapshots alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relu_anim.frames import Frames, capture_frames

# The tests' renders are silent unless a test names a voice (tests/test_narration.py):
# the CLI's default, joe, would synthesise every tiny stage's words in every test.
# Subprocesses inherit it. (That joe is the default is tested with this unset.)
os.environ["RELU_ANIM_VOICE"] = "none"


def overlaps(a, b) -> bool:
    """Whether two mobjects' bounding boxes intersect."""
    (al, ab, _), (ar, at, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bl, bb, _), (br, bt, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return al < br and bl < ar and ab < bt and bb < at


def inside_frame(point_or_mobject) -> bool:
    """Whether a point, or a mobject's whole bounding box, is inside the video frame."""
    from manim import config

    points = (
        [point_or_mobject]
        if not hasattr(point_or_mobject, "get_corner")
        else [point_or_mobject.get_corner([-1, -1, 0]), point_or_mobject.get_corner([1, 1, 0])]
    )
    return all(
        abs(p[0]) <= config.frame_width / 2 + 1e-6 and abs(p[1]) <= config.frame_height / 2 + 1e-6 for p in points
    )


def pytest_collection_modifyitems(items):
    """The whole lesson's renders first: theirs is the longest group by far (most of the
    suite's time), so the other worker runs the rest beside it, not after it."""
    items.sort(key=lambda item: not item.nodeid.startswith("tests/test_lesson_renders.py"))


def pytest_xdist_make_scheduler(config, log):
    """Tests run in two worker processes (pytest-xdist); a stage's tests all go to the
    worker that played it, so each stage is played once per run (see :func:`stage_group`)."""
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # in collection order: the lesson's renders first

    class ByStage(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return stage_group(nodeid)

    return ByStage(config, log)


def stage_group(nodeid: str) -> str:
    """The stage a test belongs to (its scene test file, or a stage name as its
    parameter), a module whose tests share one costly fixture, or the test itself."""
    from relu_anim.stages import STAGES

    path, _, rest = nodeid.partition("::")
    if path.endswith("test_lesson_renders.py"):
        return path  # renders the whole lesson twice, once per run (its tests name stages too)
    for stage in STAGES:
        if path.endswith(f"test_scene_{stage.name.replace('-', '_')}.py") or rest.endswith(
            (f"[{stage.name}]", f"->{stage.name}]")  # a handover "a->b" reads b's play
        ):
            return stage.name
    if path.endswith("test_escaping.py"):
        return "tests/test_lecture_browser.py"  # shares its lecture package (one build per worker)
    if path.endswith(
        (
            "test_render.py",
            "test_lecture.py",
            "test_lecture_browser.py",
            "test_fitted_lesson.py",
            "test_cards.py",
            "test_scorm.py",
            "test_narration.py",  # its stage narrated by joe, rendered once (Part 1's plays go by stage)
        )
    ):
        return path  # a module- or session-wide fixture builds videos or a package once
    return nodeid


_FRAMES: dict[str, Frames] = {}
#: Grid moments for the composition rules, taken in the same play as the beats.
EVERY = 0.25


def grid_stage_frames(name: str) -> Frames:
    """The stage's frame data at the end of every beat, at its last frame, and every
    :data:`EVERY` seconds (computed once per test process; the played scene is ``.scene``)."""
    if name not in _FRAMES:
        _FRAMES[name] = capture_frames(name, every=EVERY)
    return _FRAMES[name]


def grid_moment(name: str, time: float):
    """The stage's grid moment at ``time`` (a multiple of :data:`EVERY`), from its one play."""
    return next(m for m in grid_stage_frames(name).moments if m.on_grid and m.time == time)


def stage_frames(name: str) -> Frames:
    """The stage's frame data at the end of every beat and at its last frame (the
    same play as :func:`grid_stage_frames`)."""
    return grid_stage_frames(name).named()


@pytest.fixture(scope="session")
def frames():
    """``frames("wedge")``: :func:`stage_frames`."""
    return stage_frames


@pytest.fixture(scope="session")
def grid_frames():
    """``grid_frames("wedge")``: :func:`grid_stage_frames`."""
    return grid_stage_frames


@pytest.fixture(scope="session")
def played():
    """``played("wedge")``: the stage played to its end, its mobjects in place."""
    return lambda name: stage_frames(name).scene


@pytest.fixture(scope="session")
def screens():
    """``screens("wedge")``: the stage's frame records (:mod:`relu_anim.frames`) at the
    end of every beat, then at its last frame: what the viewer sees, in data coordinates.
    The stage tests read these (helpers in tests/screen.py), not the played scene."""
    return lambda name: [m.record for m in stage_frames(name).moments]


@pytest.fixture(scope="module")
def records(request, screens):
    """In a stage's test file (``tests/test_scene_bent_line.py``): :func:`screens` of its
    stage, named by the file."""
    return screens(scene_test_stage(request.module.__file__))


@pytest.fixture(scope="module")
def end(records):
    """The frame record of the file's stage at its last frame."""
    return records[-1]


def scene_test_stage(path: str) -> str:
    """``.../test_scene_bent_line.py`` -> ``"bent-line"``."""
    name = Path(path).stem
    assert name.startswith("test_scene_"), f"{name} is not a stage's test file"
    return name.removeprefix("test_scene_").replace("_", "-")


@pytest.fixture(scope="session")
def beats():
    """``beats("wedge")``: ``[(caption, graphs), ...]`` at the end of every beat, where
    ``graphs`` maps each graph on screen to its frame record (ranges and marks in data
    coordinates; see :mod:`relu_anim.frames`)."""
    return lambda name: [
        (m.caption, m.record["graphs"]) for m in stage_frames(name).moments if m.label.startswith("beat")
    ]


def marks_outside(graph: dict) -> list[str]:
    """The marks of a graph record that leave its visible ranges (beyond rounding)."""
    (x0, x1), (y0, y1), tol = graph["x_range"], graph["y_range"], 1e-4
    outside = []
    for name, mark in graph["marks"].items():
        xs = mark["x"] if isinstance(mark["x"], list) else [mark["x"]]
        ys = mark.get("y", [mark.get("from"), mark.get("to")])
        ys = ys if isinstance(ys, list) else [ys]
        if any(not x0 - tol <= x <= x1 + tol for x in xs) or any(not y0 - tol <= y <= y1 + tol for y in ys):
            outside.append(name)
    return outside


# -- a lecture package of ten tiny stages (tests/test_lecture*.py) ------------------------


@pytest.fixture(scope="session")
def lecture_package(tmp_path_factory):
    """``relu-anim lecture -q t`` over a lesson of ten tiny stages (tests/lecture_stages.py):
    the package folder and its media folder. Built once per session (a few seconds)."""
    from click.testing import CliRunner

    from relu_anim.cli import main
    from relu_anim.stages import use_stages

    from .lecture_stages import TEN

    media = tmp_path_factory.mktemp("lecture-media")
    with use_stages(TEN):
        result = CliRunner().invoke(main, ["lecture", "-q", "t", "--quiet", "--media-dir", str(media)])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip()), media
