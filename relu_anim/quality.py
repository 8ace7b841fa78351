"""Render qualities: the ``-q`` letters, their output folders, sizes and frame rates.

Plain data (no Manim), so that the CLI, the batch planner and the up-to-date checks can
read it without paying Manim's import.
"""

from __future__ import annotations

from dataclasses import dataclass


class UnknownQuality(LookupError):
    """A ``-q`` letter that is not one of :data:`QUALITIES`."""


@dataclass(frozen=True)
class Quality:
    letter: str  # what users type: ``-q l``
    folder: str  # media/<folder>/...
    width: int
    height: int
    fps: int
    description: str

    def manim_settings(self) -> dict:
        """The Manim config keys that give this size and frame rate."""
        return {"pixel_width": self.width, "pixel_height": self.height, "frame_rate": self.fps}


QUALITIES: dict[str, Quality] = {
    q.letter: q
    for q in (
        Quality("l", "low", 854, 480, 15, "480p15"),
        Quality("m", "medium", 1280, 720, 30, "720p30"),
        Quality("h", "high", 1920, 1080, 60, "1080p60"),
        Quality("p", "production", 2560, 1440, 60, "1440p60"),
        Quality("k", "4k", 3840, 2160, 60, "2160p60"),
        # The smallest picture that still proves the pipeline: the test suite's quality.
        Quality("t", "tiny", 256, 144, 5, "144p5, for tests"),
    )
}


def get_quality(letter: str) -> Quality:
    try:
        return QUALITIES[letter]
    except KeyError:
        raise UnknownQuality(f"unknown quality {letter!r}; choose one of: {', '.join(QUALITIES)}") from None
