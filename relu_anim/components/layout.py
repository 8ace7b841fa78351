"""Layouts shared by several stages."""

from __future__ import annotations

import numpy as np
from manim import LEFT, UL, Rectangle, VGroup

from ..model import Names, Network, sample_dosages
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


def keep_or_fit(values, default: tuple[float, float] = (0.0, 1.0)) -> tuple[float, float]:
    """``default`` when every value fits inside it (the storyboard's networks keep
    their pictures), else a nice range around the values and ``default``."""
    values = np.asarray(values, dtype=float).ravel()
    if default[0] <= values.min() and values.max() <= default[1]:
        return default
    return nice_range([*values, *default])


class Workbench(VGroup):
    """Following one hidden node: the diagram top left, the node's activation graph
    below it, the dosage plot on the right, and room for an equation in between.

    Attributes
    ----------
    diagram, graph, plot
        The :class:`NetworkDiagram`, :class:`ActivationGraph` and :class:`DosagePlot`.
    equation_spot
        Where an equation readout goes (a point under the diagram).

    ``names`` (a lesson's :class:`relu_anim.model.Names`) goes to the diagram and the plot.
    """

    def __init__(
        self,
        network: Network,
        node: str = "top",
        plot_y_range: tuple[float, float] | None = None,
        plot_title: str = "",
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        if plot_y_range is None:  # 0..1, or wider if the node's output leaves it
            plot_y_range = keep_or_fit(network.forward(sample_dosages(network)).node(node).y)
        self.diagram = NetworkDiagram(network, names=names, theme=theme).scale(0.6).to_corner(UL, buff=0.3)
        x_range, y_range = activation_ranges(network, node)
        self.graph = ActivationGraph(
            network.hidden_activation, x_range=x_range, y_range=y_range, width=4.2, height=1.9,
            color=theme.path_color(node), theme=theme,
        )  # fmt: skip
        self.graph.place_area([-3.9, -2.75, 0])
        self.plot = DosagePlot(y_range=plot_y_range, y_title=plot_title, width=4.2, height=5.0, names=names, theme=theme)
        self.plot.place_area([4.6, 0.6, 0])
        self.equation_spot = np.array([-3.5, 0.3, 0])
        self.add(self.diagram, self.graph, self.plot)


class SideBench(VGroup):
    """The plot as the star: a large dosage plot on the right, the network diagram
    small at the top left, and a free column under the diagram for equations or a
    second graph.

    The diagram is drawn at half size with its labels enlarged so they stay readable.

    Attributes
    ----------
    diagram, plot
        The :class:`NetworkDiagram` and :class:`DosagePlot`.
    column
        An invisible rectangle marking the free space under the diagram.

    Examples
    --------
    ::

        bench = SideBench(self.lesson.network, plot_y_range=(-40, 40), plot_title="Value")
        wedge = bench.plot.plot_network(self.lesson.network, "sum")
        self.add(bench, wedge)
    """

    def __init__(
        self,
        network: Network,
        plot_y_range: tuple[float, float] = (0.0, 1.0),
        plot_title: str = "",
        diagram_scale: float = 0.5,
        label_scale: float = 1.2,
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.diagram = NetworkDiagram(network, names=names, theme=theme).scale(diagram_scale).to_corner(UL, buff=0.3)
        for label in self.diagram.labels.values():
            label.scale(label_scale)
        self.diagram.nodes["out"].scale(label_scale, about_edge=LEFT)
        self.plot = DosagePlot(y_range=plot_y_range, y_title=plot_title, width=5.95, height=6.0, names=names, theme=theme)
        self.plot.place_area([3.62, 0.45, 0])
        top = self.diagram.get_bottom()[1] - 0.35
        self.column = Rectangle(width=6.2, height=top + 3.7, stroke_opacity=0, fill_opacity=0)
        self.column.move_to([-3.75, (top - 3.7) / 2, 0])
        self.add(self.diagram, self.plot)

