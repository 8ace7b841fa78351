"""Shared fixtures: play a stage without drawing frames, to inspect its mobjects."""

from __future__ import annotations

import contextlib
from pathlib import Path
import tempfile

import pytest
from manim import tempconfig

from relu_anim.model import Lesson
from relu_anim.render import SEED
from relu_anim.scene import LessonScene
from relu_anim.stages import get_stage
from relu_anim.theme import use_theme


def overlaps(a, b) -> bool:
    """Whether two mobjects' bounding boxes intersect."""
    (al, ab, _), (ar, at, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bl, bb, _), (br, bt, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return al < br and bl < ar and ab < bt and bb < at


def inside_frame(point_or_mobject) -> bool:
    """Whether a point, or a mobject's whole bounding box, is inside the video frame."""
    from manim import config

    points = [point_or_mobject] if not hasattr(point_or_mobject, "get_corner") else [
        point_or_mobject.get_corner([-1, -1, 0]), point_or_mobject.get_corner([1, 1, 0])]  # fmt: skip
    return all(abs(p[0]) <= config.frame_width / 2 + 1e-6 and abs(p[1]) <= config.frame_height / 2 + 1e-6 for p in points)


TEST_MEDIA = tempfile.mkdtemp(prefix="relu-anim-tests-")  # Manim's text cache, private to this run
PLAY_SETTINGS = {"quality": "low_quality", "format": "none", "seed": SEED, "verbosity": "ERROR",
                 "progress_bar": "none", "disable_caching": True, "media_dir": TEST_MEDIA}  # fmt: skip


def cached_per_session(play):
    """``get(name)``: ``play(name)``, computed once per stage and test session."""
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = play(name)
        return cache[name]

    return get


def play_stage(name: str, theme: str = "light", lesson: Lesson | None = None) -> LessonScene:
    """Run a stage's construct() to the end with animations skipped (milliseconds, no
    video) and return the scene, its final mobjects in place."""
    with use_theme(theme), tempconfig(PLAY_SETTINGS):
        scene = get_stage(name).load()(lesson=lesson, skip_animations=True)
        scene.render()
        scene.renderer.update_frame(scene)  # draw the last frame, for get_frame()
    return scene


@pytest.fixture(scope="session")
def played():
    """``played("wedge")``: the stage played to its end (cached per test session)."""
    return cached_per_session(play_stage)


# -- what is drawn at the end of every beat ----------------------------------------------


def marks_on(scene, graph) -> list:
    """Every visible mark on ``graph`` in the scene: (mark, xs, ys), copies of its data
    coordinates now."""
    import numpy as np

    from relu_anim.components.graph import GraphBar, GraphCurve, GraphDot

    marks = []
    for mob in {id(m): m for top in scene.mobjects for m in top.get_family()}.values():
        if getattr(mob, "graph", None) is not graph:
            continue
        if mob.get_stroke_opacity() == 0 and mob.get_fill_opacity() == 0:
            continue
        if isinstance(mob, GraphBar):
            marks.append((mob, np.array([mob.x, mob.x]), np.array([mob.start_value, mob.end_value])))
        elif isinstance(mob, GraphDot):
            marks.append((mob, np.array([mob.x]), np.array([mob.y])))
        elif isinstance(mob, GraphCurve):
            marks.append((mob, np.array(mob.x), np.array(mob.y)))
    return marks


def play_stage_beats(name: str, theme: str = "light") -> list[tuple[str, list]]:
    """Play a stage (skipping animations) and note, at the end of every beat, each graph
    on screen with its ranges then and its marks (see :func:`marks_on`):
    ``[(caption, [(graph, x_range, y_range, marks), ...]), ...]``."""
    from relu_anim.components.graph import Graph

    snapshots: list[tuple[str, list]] = []

    class Recording(get_stage(name).load()):
        @contextlib.contextmanager
        def beat(self, caption: str, hold: float = 0.0):
            with super().beat(caption, hold):
                yield
            self.update_mobjects(0)
            family = {id(m): m for top in self.mobjects for m in top.get_family()}.values()
            graphs = [m for m in family if isinstance(m, Graph)]
            snapshots.append((caption, [(g, g.x_range, g.y_range, marks_on(self, g)) for g in graphs]))

    with use_theme(theme), tempconfig(PLAY_SETTINGS):
        Recording(skip_animations=True).render()
    return snapshots


@pytest.fixture(scope="session")
def beats():
    """``beats("wedge")``: :func:`play_stage_beats` for the stage (cached per session)."""
    return cached_per_session(play_stage_beats)



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
