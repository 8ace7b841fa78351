"""Reusable Manim components, driven by the model. Each is a VGroup subclass.

A component's docstring lists every parameter it takes (``Parameters``) and shows it in
a tiny scene (``Examples``) that runs as written after ``from manim import *``,
``from relu_anim.components import *`` and ``from relu_anim.scene import LessonScene``
(``tests/test_examples.py`` plays every one).
"""

from .activation import ActivationGraph, FunctionCurve
from .cards import PipelineGrid, StepPanel, TitleBench
from .clear import place_clear_of
from .descent import DescentTrack, FitCurve
from .diagram import NetworkDiagram, activation_icon
from .dosage_pass import DosagePass
from .equation import Equation, activation_equation, node_equation, scale_equation, sum_decimals, sum_equation
from .graph import ChangeData, Graph, GraphBar, GraphCurve, GraphDot, nice_range
from .layout import (
    SHAPES_BOARD,
    SHOWCASE,
    Area,
    DescentBench,
    ShapesBoard,
    Showcase,
    SideBench,
    Workbench,
    make_close_up,
    output_said_twice,
    place_clear,
    pull_inside,
)
from .motion import Beside, follow
from .plot import DosagePlot
from .tracer import DotTracer, TracerReadout, TrackedBar, TrackedDot, stacked_terms

__all__ = [
    "Beside",
    "follow",
    "SHAPES_BOARD",
    "place_clear",
    "place_clear_of",
    "output_said_twice",
    "pull_inside",
    "SHOWCASE",
    "Area",
    "DescentBench",
    "ShapesBoard",
    "Showcase",
    "ActivationGraph",
    "ChangeData",
    "DescentTrack",
    "DosagePass",
    "DosagePlot",
    "DotTracer",
    "Equation",
    "FitCurve",
    "FunctionCurve",
    "Graph",
    "GraphBar",
    "GraphCurve",
    "GraphDot",
    "NetworkDiagram",
    "PipelineGrid",
    "SideBench",
    "StepPanel",
    "TitleBench",
    "TracerReadout",
    "TrackedBar",
    "TrackedDot",
    "Workbench",
    "activation_equation",
    "activation_icon",
    "make_close_up",
    "nice_range",
    "node_equation",
    "scale_equation",
    "stacked_terms",
    "sum_decimals",
    "sum_equation",
]
