"""Reusable Manim components, driven by the model. Each is a VGroup subclass."""

from .activation import ActivationGraph, FunctionCurve
from .descent import DescentTrack, FitCurve
from .diagram import NetworkDiagram, activation_icon
from .dosage_pass import DosagePass
from .equation import Equation, activation_equation, node_equation, scale_equation, sum_equation
from .graph import ChangeData, Graph, GraphBar, GraphCurve, GraphDot, nice_range
from .plot import DosagePlot
from .tracer import DotTracer, TracerReadout

__all__ = [
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
    "TracerReadout",
    "activation_equation",
    "activation_icon",
    "nice_range",
    "node_equation",
    "scale_equation",
    "sum_equation",
]
