"""Dot tracers: one dosage, held in a ValueTracker, drives dots through the lesson.

As the tracker moves, a dot on the activation graph sits at the node's (x, y) for that
dosage, a dot on the dosage plot sits at (dosage, value), a trail draws the value as a
continuous line, and a readout shows the numbers. Dots can be left behind.
"""

from __future__ import annotations

from manim import ValueTracker, VGroup

from ..model import Network, sample_dosages
from ..text import fmt, make_readout_text, replace_text
from ..theme import Theme, current_theme
from .activation import ActivationGraph
from .graph import GraphBar, GraphCurve, GraphDot
from .motion import Follower, follow
from .plot import DosagePlot


class TrackedDot(GraphDot):
    """A graph dot whose coordinates are model quantities at the tracer's dosage.

    Parameters
    ----------
    graph
        The graph it sits on.
    tracer
        The :class:`DotTracer` whose dosage it follows.
    x_quantity, y_quantity
        The model quantities that are its coordinates (``"dosage"``, ``"top.x"``...).
    """

    def __init__(self, graph, tracer: DotTracer, x_quantity: str, y_quantity: str, **kwargs) -> None:
        self.tracer, self.x_quantity, self.y_quantity = tracer, x_quantity, y_quantity
        super().__init__(graph, 0.0, 0.0, **kwargs)

    def inputs(self):
        return [*super().inputs(), self.tracer.dosage]

    def redraw(self, *_) -> None:
        self.x = self.tracer.value(self.x_quantity)
        self.y = self.tracer.value(self.y_quantity)
        super().redraw()


class TrackedBar(GraphBar):
    """A vertical bar at the tracer's dosage, from one model quantity to another
    (``start=None`` is 0; a tuple of quantities is their sum): e.g.
    ``TrackedBar(plot, tracer, "bottom.scaled", "sum")`` is the top node's term stacked on
    the bottom node's, wherever the dosage is. :func:`stacked_terms` stacks any number.

    Parameters
    ----------
    graph
        The graph it stands on.
    tracer
        The :class:`DotTracer` whose dosage it follows.
    start, end
        The model quantities it runs between (``start=None`` is 0; a tuple, their sum).
    """

    def __init__(self, graph, tracer: DotTracer, start: str | None, end: str, **kwargs) -> None:
        self.tracer, self.start_quantity, self.end_quantity = tracer, start, end
        super().__init__(graph, 0.0, 0.0, 0.0, **kwargs)

    def inputs(self):
        return [*super().inputs(), self.tracer.dosage]

    def redraw(self, *_) -> None:
        self.x = self.tracer.value("dosage")
        self.start_value = self._value(self.start_quantity) if self.start_quantity else 0.0
        self.end_value = self._value(self.end_quantity)
        super().redraw()

    def _value(self, quantity: str | tuple[str, ...]) -> float:
        if isinstance(quantity, str):
            return self.tracer.value(quantity)
        return sum(self.tracer.value(q) for q in quantity)


def stacked_terms(graph, tracer: DotTracer, stroke_widths=None, **kwargs) -> list[TrackedBar]:
    """The sum at the tracer's dosage as a stack of bars, one per hidden node, each in
    its node's colour: the bottom node's term up from 0, each node's standing on the
    terms of the nodes below it, the top node's reaching the ``sum``. Bottom first
    (drawn first: the top node's bar lies over the rest). ``stroke_widths``: one per
    node, top first (the lesson draws the lower bar wider, to show round the upper)."""
    names = tracer.network.node_names
    widths = stroke_widths or [None] * len(names)
    bars = []
    for i in reversed(range(len(names))):
        below = tuple(f"{name}.scaled" for name in names[i + 1 :]) or None
        end = "sum" if i == 0 else tuple(f"{name}.scaled" for name in names[i:])
        style = kwargs | ({"stroke_width": widths[i]} if widths[i] is not None else {})
        color = tracer.theme.path_color(names[i], names)
        bars.append(TrackedBar(graph, tracer, below, end, color=color, **style))
    return bars


class Trail(GraphCurve):
    """The traced line: ``quantity`` from the start dosage to the tracer's dosage."""

    def __init__(self, graph, tracer: DotTracer, quantity: str, start: float, **kwargs) -> None:
        self.tracer, self.quantity, self.start = tracer, quantity, start
        super().__init__(graph, [start], [0.0], **kwargs)

    def inputs(self):
        return [*super().inputs(), self.tracer.dosage]

    def redraw(self, *_) -> None:
        d = sample_dosages(self.tracer.network, self.start, self.tracer.dosage.get_value())
        self.x, self.y = d, self.tracer.network.values(d, self.quantity)
        super().redraw()


class DotTracer(VGroup):
    """Follow one dosage through the network to the plot.

    Parameters
    ----------
    network
        Where every number comes from.
    plot
        The dosage plot; the plot dot sits at (dosage, ``quantity``).
    quantity
        What the plot shows, e.g. ``"top.y"``, ``"bottom.scaled"``, ``"sum"``. A hidden
        node's quantity (``"<node>..."``, a name of the network's ``node_names``) makes
        that node the tracer's :attr:`node`: its colour, its activation graph and its x
        and y in the readout.
    activation_graph
        If given, a second dot rides the hidden node's activation graph at (x, y).
    dosage
        The starting dosage.
    color
        The dots' and the trail's colour; by default the node's path colour (past the
        hidden nodes, the output's).
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    dosage : ValueTracker
        Animate it (``tracer.move_to_dosage(1)``) and everything follows.
    node : str or None
        The hidden node traced (a name of the network's ``node_names``), or None past
        the hidden nodes.
    plot_dot, graph_dot, trail, readout
        The mobjects that follow it (``graph_dot`` is None without a graph).

    Examples
    --------
    ::

        class TracerExample(LessonScene):
            def construct(self):
                bench = Workbench(self.lesson.network, "top")
                tracer = DotTracer(self.lesson.network, bench.plot, "top.y", activation_graph=bench.graph)
                self.add(bench, tracer.plot_dot, tracer.graph_dot, tracer.trail)
                self.play(tracer.move_to_dosage(1.0), run_time=4)
                self.add(tracer.leave_dot())
    """

    def __init__(
        self,
        network: Network,
        plot: DosagePlot,
        quantity: str,
        activation_graph: ActivationGraph | None = None,
        dosage: float = 0.0,
        color=None,
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        head = quantity.split(".")[0]
        self.network, self.quantity = network, quantity
        self.node = head if head in network.node_names else None
        if activation_graph is not None and self.node is None:
            raise ValueError(f"{quantity!r} is past the hidden nodes: no activation graph to ride")
        self.tone = color or self.theme.path_color(self.node or "output", network.node_names)
        self.dosage = ValueTracker(dosage)
        self.plot_dot = TrackedDot(plot, self, "dosage", quantity, color=self.tone, radius=0.1)
        self.graph_dot = (
            TrackedDot(activation_graph, self, f"{self.node}.x", f"{self.node}.y", color=self.tone, radius=0.1)
            if activation_graph is not None
            else None
        )
        self.trail = Trail(
            plot, self, quantity, start=dosage, color=self.tone, stroke_width=6, what=f"trail:{quantity}"
        )
        self.readout = TracerReadout(self)
        self.add(*(m for m in (self.trail, self.plot_dot, self.graph_dot) if m is not None))

    def value(self, quantity: str) -> float:
        """A model quantity at the current dosage ("dosage", "top.x", "sum", ...)."""
        d = self.dosage.get_value()
        if quantity == "dosage":
            return d
        return float(self.network.values(d, quantity)[0])

    def move_to_dosage(self, dosage: float, **kwargs):
        return self.dosage.animate(**kwargs).set_value(dosage)

    def leave_dot(self) -> GraphDot:
        """A still dot where the plot dot is now: it stays when the tracer moves on."""
        dot = self.plot_dot
        return dot.graph.get_dot(dot.x, dot.y, color=self.tone, radius=dot.radius)


class TracerReadout(VGroup):
    """ "dosage 0.20 → x −0.51 → y 0.00": the tracer's numbers, kept up to date (past
    the hidden nodes, its quantity instead: "dosage 0.20 → sum 6.80").

    Parameters
    ----------
    tracer
        The :class:`DotTracer` whose numbers it shows.
    size
        Font size; the theme's label size by default.
    """

    def __init__(self, tracer: DotTracer, size: float | None = None) -> None:
        super().__init__()
        self.tracer, self.size = tracer, size or tracer.theme.label_size
        self._shown = None
        follow(self, Follower(self._refresh, self._inputs))

    def _inputs(self):
        return [self.tracer.dosage]

    def content(self) -> str:
        """The numbers for the dosage as shown (two decimals), so that what is shown
        computes from what is shown: "0.49 → x −0.02", not x at 0.4937."""
        t = self.tracer
        shown = float(fmt(t.value("dosage")).replace("\u2212", "-"))

        def at(quantity: str) -> str:
            return fmt(float(t.network.values(shown, quantity)[0]))

        if t.node is None:
            return f"dosage {fmt(shown)}  \u2192  {t.quantity} {at(t.quantity)}"
        return f"dosage {fmt(shown)}  \u2192  x {at(f'{t.node}.x')}  \u2192  y {at(f'{t.node}.y')}"

    def _refresh(self) -> None:
        text = self.content()
        if text == self._shown:
            return
        self._shown = text
        new = make_readout_text(text, self.size, self.tracer.tone, theme=self.tracer.theme)
        if not self.submobjects:
            self.add(new)
            return
        # Change the shown text in place: a scene playing an animation draws the family
        # it listed when the animation began, so a replaced Text would linger as a ghost.
        replace_text(self.submobjects[0], new.move_to(self.get_center()))


__all__ = ["DotTracer", "TrackedBar", "TrackedDot", "Trail", "TracerReadout", "stacked_terms"]
