"""Gradient descent drawn as it runs: a track of its steps, and the fit it gives."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, ValueTracker, VGroup

from ..model import DataSet, Descent, Network, gradient, sample_dosages, sum_of_squared_residuals
from ..text import fmt, make_readout_text, make_text, replace_text
from .graph import Graph, GraphCurve, GraphDot
from .motion import Follower, follow


class DescentTrack(VGroup):
    """One gradient-descent run, drawn as it goes: a dot per step on a graph of SSR
    against step number (the group), and a readout of the bias, SSR and slope
    (``header`` and ``readout``, kept out of the group so they can appear on their own).

    ``progress`` (a ValueTracker) is the step being shown: dots up to it are visible,
    the readout shows that step, and :meth:`bias` interpolates between steps. It starts
    at -1: nothing shown yet.

    Parameters
    ----------
    descent
        The run to draw (:func:`relu_anim.model.gradient_descent`).
    data
        The data its SSR is measured against.
    graph
        The graph of SSR against step number the dots go on.
    color
        The run's colour: its dots and its header.
    hollow
        Whether its dots are rings (a second run, told apart from the first).
    header
        The readout's heading (``"bend slope 1.00"``).
    theme
        The colours (a :class:`~relu_anim.theme.Theme`).
    """

    def __init__(
        self, descent: Descent, data: DataSet, graph: Graph, color, hollow: bool, header: str, theme, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.descent, self.graph, self.theme, self.hollow = descent, graph, theme, hollow
        final, at_zero = descent.final, descent.relu_at_zero
        # every step, then where the last step lands
        self.values = np.array([s.value for s in descent.steps] + [descent.final_value])
        self.ssr = np.array([s.ssr for s in descent.steps] + [sum_of_squared_residuals(final, data)])
        self.slopes = np.array([s.slope for s in descent.steps] + [gradient(final, data, at_zero)[descent.parameter]])
        self.progress = ValueTracker(-1.0)
        self.dots = VGroup(*(self.make_dot(i, color) for i in range(len(self.values))))
        self.header = make_text(header, theme.label_size, color, weight="BOLD")
        self.readout = self.make_readout(0)  # a Text: frame data reads what it says
        self.shown: list[str] = []  # every readout shown, in order (for tests)
        self._index = None
        self.add(self.dots)
        follow(self, Follower(self._follow_progress, self._inputs, self._outputs))

    def _inputs(self):
        return [self.progress]

    def _outputs(self):
        return [self.readout]  # kept out of the group

    def make_dot(self, i: int, color) -> GraphDot:
        if self.hollow:
            return GraphDot(self.graph, i, self.ssr[i], radius=0.12, fill_opacity=0, stroke_color=color, stroke_width=3)
        return GraphDot(self.graph, i, self.ssr[i], radius=0.07, color=color)

    @property
    def last(self) -> int:
        return len(self.values) - 1

    def index(self) -> int:
        return int(np.clip(np.floor(self.progress.get_value() + 1e-9), 0, self.last))

    def bias(self) -> float:
        """The parameter's value at the current progress (between steps: in between)."""
        return float(np.interp(self.progress.get_value(), np.arange(len(self.values)), self.values))

    def readout_text(self, i: int) -> str:
        return f"bias  {fmt(self.values[i])}\nSSR   {fmt(self.ssr[i])}\nslope {fmt(self.slopes[i])}"

    def _follow_progress(self, *_) -> None:
        t = self.progress.get_value()
        for i, dot in enumerate(self.dots):
            opacity = float(np.clip((t - i) * 2 + 1, 0, 1))  # fades in over the half-step before it
            self._fade_dot(dot, opacity)
        i = self.index()
        if i != self._index:
            self._index = i
            self.shown.append(self.readout_text(i))
            new = self.make_readout(i).next_to(self.header, DOWN, buff=0.2, aligned_edge=LEFT)
            replace_text(self.readout, new)

    def _fade_dot(self, dot: GraphDot, opacity: float) -> None:
        """Give a dot its opacity where it has another: setting one rebuilds the dot's
        colours, and most dots keep theirs from one frame to the next."""
        if self.hollow:
            if dot.get_stroke_opacity() != opacity:
                dot.set_stroke(opacity=opacity)
        elif dot.get_fill_opacity() != opacity or dot.get_stroke_opacity() != opacity:
            dot.set_opacity(opacity)

    def make_readout(self, i: int):
        return make_readout_text(self.readout_text(i), self.theme.label_size, mono=True)


class FitCurve(GraphCurve):
    """The network's output with the descending parameter at a track's current value.

    The graph's y-range follows the curve (to scale, with room for the data between
    ``data_bottom`` and ``data_top``); its axes redraw with it, from the first drawing on.

    Parameters
    ----------
    graph
        The graph it is drawn on; its y-range follows the curve.
    network
        The network whose output is drawn, the descending parameter aside.
    track
        The :class:`DescentTrack` whose current value the parameter takes.
    data_top, data_bottom
        The data's highest and lowest values: the y-range keeps room for them.
    """

    def __init__(
        self, graph: Graph, network: Network, track: DescentTrack, data_top: float, data_bottom: float = 0.0, **kwargs
    ) -> None:
        self.network, self.track, self.data_top, self.data_bottom = network, track, data_top, data_bottom
        # the y-range it will follow, at every value the track passes: ticks that never jump
        spans = [hi - lo for lo, hi in (self.y_range_for(self.fit(value)) for value in track.values)]
        graph.hold_ticks("y", spans)
        super().__init__(graph, [0.0, 1.0], [0.0, 0.0], **kwargs)

    def inputs(self):
        return [*super().inputs(), self.track.progress]

    def outputs(self):
        return [self.graph.y_min, self.graph.y_max]  # the graph's y-range follows the curve

    def follow_graph(self) -> None:
        follow(self, Follower(self.redraw, self.inputs, self.outputs))

    def top(self, values) -> float:
        return 1.15 * max(float(np.max(values)), self.data_top)

    def current(self) -> Network:
        return self.fit(self.track.bias())

    def fit(self, value: float) -> Network:
        return self.network.with_parameter(self.track.descent.parameter, value)

    def y_range_for(self, net: Network) -> tuple[float, float]:
        y = net.predict(sample_dosages(net, samples=401))
        return 1.15 * min(float(np.min(y)), self.data_bottom, 0.0), self.top(y)

    def redraw(self, *_) -> None:
        net = self.current()
        self.x = sample_dosages(net, samples=401)
        self.y = net.predict(self.x)
        self.graph.set_y_range(*self.y_range_for(net))
        super().redraw()
