"""Shared fixtures: play a stage without drawing frames, to inspect its mobjects."""

from __future__ import annotations

import pytest
from manim import tempconfig

from relu_anim.model import Lesson
from relu_anim.render import SEED
from relu_anim.scene import LessonScene
from relu_anim.stages import get_stage
from relu_anim.theme import use_theme


def play_stage(name: str, theme: str = "light", lesson: Lesson | None = None) -> LessonScene:
    """Run a stage's construct() to the end with animations skipped (milliseconds, no
    video) and return the scene, its final mobjects in place."""
    settings = {"quality": "low_quality", "format": "none", "seed": SEED, "verbosity": "ERROR",
                "progress_bar": "none", "disable_caching": True}  # fmt: skip
    with use_theme(theme), tempconfig(settings):
        scene = get_stage(name).load()(lesson=lesson, skip_animations=True)
        scene.render()
        scene.renderer.update_frame(scene)  # draw the last frame, for get_frame()
    return scene


@pytest.fixture(scope="session")
def played():
    """``played("wedge")``: the stage played to its end (cached per test session)."""
    cache: dict[str, LessonScene] = {}

    def get(name: str) -> LessonScene:
        if name not in cache:
            cache[name] = play_stage(name)
        return cache[name]

    return get
