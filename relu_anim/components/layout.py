"""Layouts shared by several stages."""

from __future__ import annotations

import numpy as np
from manim import UL, VGroup

from ..model import Network, sample_dosages
from ..theme import Theme, current_theme
from .activation import ActivationGraph
from .diagram import NetworkDiagram
from .graph import nice_range
from .plot import DosagePlot


def activation_ranges(network: Network, node: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """x- and y-ranges that show what ``node`` does to dosages 0..1, with some of the
    flat side of the bend in view even when every x is positive."""
    f = network.forward(sample_dosages(network))
    x, y = f.node(node).x, f.node(node).y
    x_lo, x_hi = min(x.min(), -0.2 * abs(x.max())), max(x.max(), 0.2 * abs(x.min()))
    y_hi = max(y.max(), 1e-9)
    return nice_range([x_lo, x_hi], pad=0.05), nice_range([-0.1 * y_hi, y_hi], pad=0.05)


class Workbench(VGroup):
    """Following one hidden node: the diagram top left, the node's activation graph
    below it, the dosage plot on the right, and room for an equation in between.

    Attributes
    ----------
    diagram, graph, plot
        The :class:`NetworkDiagram`, :class:`ActivationGraph` and :class:`DosagePlot`.
    equation_spot
        Where an equation readout goes (a point under the diagram).
    """

    def __init__(
        self,
        network: Network,
        node: str = "top",
        plot_y_range: tuple[float, float] = (0.0, 1.0),
        plot_title: str = "",
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.diagram = NetworkDiagram(network, theme=theme).scale(0.6).to_corner(UL, buff=0.3)
        x_range, y_range = activation_ranges(network, node)
        self.graph = ActivationGraph(
            network.hidden_activation, x_range=x_range, y_range=y_range, width=4.2, height=1.9,
            color=theme.path_color(node), theme=theme,
        )  # fmt: skip
        self.graph.place_area([-3.9, -2.75, 0])
        self.plot = DosagePlot(y_range=plot_y_range, y_title=plot_title, width=4.2, height=5.0, theme=theme)
        self.plot.place_area([4.6, 0.6, 0])
        self.equation_spot = np.array([-3.5, 0.3, 0])
        self.add(self.diagram, self.graph, self.plot)
