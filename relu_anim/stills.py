"""Still frames: a stage's picture at chosen moments, without encoding a video."""

from __future__ import annotations

import tempfile
import types
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import Lesson
from .quality import UnknownQuality, get_quality
from .render import SEED, RenderError, staged
from .stages import Stage, get_stage
from .theme import use_theme


@dataclass(frozen=True)
class Still:
    time: float  # seconds into the stage; the last frame for times past its end
    frame: np.ndarray  # (H, W, 4) RGBA


def capture_stills(
    stage: Stage | str,
    times: list[float],
    *,
    quality: str = "l",
    theme: str = "light",
    lesson: Lesson | None = None,
) -> tuple[list[Still], float]:
    """Play the stage and keep the frames at ``times``; returns them and the duration."""
    from manim import tempconfig

    stage = get_stage(stage) if isinstance(stage, str) else stage
    try:
        size = get_quality(quality).manim_settings()
    except UnknownQuality as error:
        raise RenderError(str(error)) from None
    wanted = sorted(float(t) for t in times)
    stills: list[Still] = []
    settings = {
        **size,
        "format": "none",
        "seed": SEED,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "disable_caching": True,
    }
    # A private media folder: Manim caches text drawings there, and two processes
    # sharing one can read each other's half-written files.
    with use_theme(theme), tempfile.TemporaryDirectory(prefix="relu-anim-stills-") as media, \
            tempconfig({**settings, "media_dir": media}):  # fmt: skip
        scene = stage.load()(lesson=lesson)
        renderer = scene.renderer
        fps = renderer.camera.frame_rate

        def add_frame(self, frame, num_frames=1):  # replaces writing to a file
            end = self.time + num_frames / fps
            while wanted and wanted[0] < end:
                stills.append(Still(wanted.pop(0), frame.copy()))
            self.time = end

        renderer.add_frame = types.MethodType(add_frame, renderer)
        scene.render()
        last = renderer.get_frame()
        duration = renderer.time
    stills += [Still(t, last.copy()) for t in wanted]
    return stills, duration


def save_png(frame: np.ndarray, path: Path) -> Path:
    """Write an RGBA frame to ``path`` as PNG, atomically."""
    from PIL import Image

    path = Path(path)
    with staged(path) as tmp:
        Image.fromarray(frame).save(tmp, format="PNG")
    return path
