"""The lesson's stages, in order: one scene each.

This registry is plain data so that ``relu-anim list`` and name checks stay fast;
a stage's Manim scene class is imported only when it is needed.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass


class UnknownStage(LookupError):
    """A stage name that is not in the lesson."""


@dataclass(frozen=True)
class Stage:
    number: int
    name: str  # what users type: ``relu-anim render first-dot``
    scene_class: str  # the Manim Scene in ``scenes/<module>.py``
    description: str

    @property
    def module(self) -> str:
        return "relu_anim.scenes." + self.name.replace("-", "_")

    def load(self) -> type:
        """The stage's Manim Scene class."""
        return getattr(importlib.import_module(self.module), self.scene_class)


STAGES: tuple[Stage, ...] = (
    Stage(1, "recap", "Recap", "Part 1 in brief: the data, the softplus network and its squiggle"),
    Stage(2, "swap", "Swap", "Softplus makes way for ReLU, plus one more ReLU before the output"),
    Stage(3, "first-dot", "FirstDot", "Dosage 0 travels through the top node and lands as a blue dot"),
    Stage(4, "bent-line", "BentLine", "More dosages through the top node trace the bent blue line"),
    Stage(5, "scale-top", "ScaleTop", "The bent blue line times its output weight: flipped and stretched"),
    Stage(6, "orange-line", "OrangeLine", "The bottom node's straight orange line, then scaled"),
    Stage(7, "wedge", "Wedge", "Blue plus orange, point by point, makes the green wedge; the bias lowers it"),
    Stage(8, "clip", "Clip", "The output ReLU clips the wedge into the green pointy thing"),
    Stage(9, "shapes", "Shapes", "Why it works: sliced, flipped, stretched shapes add up to a fit"),
    Stage(10, "derivative", "Derivative", "The bend has no slope: pick 0 or 1 and gradient descent still works"),
)

_BY_NAME = {stage.name: stage for stage in STAGES}


def get_stage(name: str) -> Stage:
    """The stage called ``name``, or :class:`UnknownStage` naming the closest match."""
    try:
        return _BY_NAME[name]
    except KeyError:
        pass
    close = difflib.get_close_matches(name, _BY_NAME, n=1, cutoff=0.4)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UnknownStage(f"unknown scene {name!r}; {hint}see `relu-anim list` for all scenes")
