"""A video's pictures as the tests see them: decoded here with PyAV (not with the code
under test), and compared pixel by pixel."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np


def frames_of(video: Path) -> list[tuple[float, np.ndarray]]:
    """Every frame of a video: (its start in seconds, its RGB pixels)."""
    with av.open(str(video)) as container:
        return [(frame.time, frame.to_ndarray(format="rgb24")) for frame in container.decode(video=0)]


def shown_at(frames: list[tuple[float, np.ndarray]], seconds: float) -> np.ndarray:
    """The picture a player shows at ``seconds``: the last frame starting then or before."""
    return [picture for start, picture in frames if start <= seconds + 1e-6][-1]


def changed(one: np.ndarray, other: np.ndarray) -> float:
    """The share of the pixels that differ between two pictures of one size, by more than 48
    of 255 in a channel: beyond what encoding or scaling changes, a shape drawn or filled."""
    return float((np.abs(one.astype(int) - other.astype(int)).max(axis=2) > 48).mean())
