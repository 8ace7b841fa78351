"""A large activation-function graph on which values are traced.

A pre-activation appears as a dot on the x-axis (the "x-axis coordinate"); applying
the activation moves the dot up or down onto the curve, to the output value.
"""

from __future__ import annotations

import numpy as np
from manim import UP, VGroup

from ..model import ACTIVATION_BY_NAME, activate
from ..text import make_text
from ..theme import Theme
from .graph import ChangeData, Graph, GraphCurve, GraphDot


class FunctionCurve(GraphCurve):
    """The graph of a function of x, resampled over the graph's current x-range on
    every frame (so it always spans the axes), with the bend at 0 drawn exactly.

    Parameters
    ----------
    graph
        The graph it is drawn on.
    function
        The function of x, on numpy arrays (``np.maximum(0, x)``).
    samples
        How many points it is drawn through over the x-range (plus the bend at 0).
    """

    def __init__(self, graph: Graph, function, samples: int = 121, **kwargs) -> None:
        self.function, self.samples = function, samples
        super().__init__(graph, [0.0, 1.0], [0.0, 0.0], **kwargs)

    def redraw(self, *_) -> None:
        x0, x1 = self.graph.x_range
        x = np.union1d(np.linspace(x0, x1, self.samples), [0.0] if x0 < 0 < x1 else [])
        self.x, self.y = clip_to_range(x, self.function(x), *self.graph.y_range)
        super().redraw()


def clip_to_range(x: np.ndarray, y: np.ndarray, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """The part of a non-decreasing curve with ``lo <= y <= hi``, its ends interpolated
    onto the limits, so the curve stops at the edge of the axes."""
    inside = (y >= lo) & (y <= hi)
    if not inside.any():
        return x[:1], np.clip(y[:1], lo, hi)
    first, last = np.argmax(inside), len(y) - 1 - np.argmax(inside[::-1])
    xs, ys = list(x[first : last + 1]), list(y[first : last + 1])
    if first > 0:  # enters from below
        t = (lo - y[first - 1]) / (y[first] - y[first - 1])
        xs.insert(0, x[first - 1] + t * (x[first] - x[first - 1]))
        ys.insert(0, lo)
    if last < len(y) - 1:  # leaves through the top
        t = (hi - y[last]) / (y[last + 1] - y[last])
        xs.append(x[last] + t * (x[last + 1] - x[last]))
        ys.append(hi)
    return np.array(xs), np.array(ys)


class ActivationGraph(Graph):
    """An activation function ("relu", "softplus" or "identity") drawn large.

    Parameters
    ----------
    activation
        Which function; the numbers come from :func:`relu_anim.model.activate`.
    x_range, y_range
        Visible ranges (animatable, like any :class:`Graph`).
    width, height
        The plotting area in scene units.
    color
        The curve's colour: the path colour of the node it belongs to.
    show_formula
        Write the title and formula, e.g. "ReLU  f(x) = max(0, x)", above the graph.
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Examples
    --------
    ::

        class ReluExample(LessonScene):
            def construct(self):
                relu = ActivationGraph("relu", x_range=(-1, 1), y_range=(-0.25, 1))
                dot = relu.get_input_dot(-0.85)
                self.add(relu, dot)
                self.play(relu.apply(dot))  # stays at 0: max(0, -0.85) = 0
    """

    def __init__(
        self,
        activation: str = "relu",
        x_range: tuple[float, float] = (-1.0, 1.0),
        y_range: tuple[float, float] = (-0.25, 1.0),
        width: float = 3.6,
        height: float = 2.8,
        color=None,
        show_formula: bool = True,
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(
            x_range=x_range, y_range=y_range, width=width, height=height, max_ticks=5, theme=theme, **kwargs
        )
        self.activation = activation
        self.curve_color = color or self.theme.top
        self.curve = FunctionCurve(self, self.function, color=self.curve_color, stroke_width=6, what=activation)
        self.add(self.curve)
        self.formula = VGroup()
        if show_formula:
            self.formula = VGroup(
                make_text(ACTIVATION_BY_NAME[activation].title, self.theme.label_size, self.curve_color, weight="BOLD"),
                make_text(ACTIVATION_BY_NAME[activation].formula, self.theme.label_size, self.theme.text),
            ).arrange(buff=0.3)
            self.formula.next_to(self.area, UP, buff=0.2)
            self.add(self.formula)

    def function(self, x):
        return activate(self.activation, x)

    def get_input_dot(self, x: float, color=None, radius: float = 0.1) -> GraphDot:
        """A dot at ``x`` on the x-axis: a pre-activation about to go through."""
        return self.get_dot(x, 0.0, color=color or self.curve_color, radius=radius)

    def apply(self, dot: GraphDot, **kwargs):
        """Animate ``dot`` from the x-axis onto the curve: up or down to f(x)."""
        return ChangeData(dot, y=float(self.function(dot.x)), **kwargs)
