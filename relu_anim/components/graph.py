"""Graphs whose marks live in data coordinates.

A :class:`Graph` is a pair of axes with animatable ranges. Everything placed on it
(curves, dots, vertical bars) keeps its data coordinates and redraws itself from them
on every frame, so an animated range change carries every mark along: values the
source let "go off the screen" stay visible, drawn to scale.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    UP,
    Animation,
    AnimationGroup,
    Dot,
    Line,
    LineJointType,
    Mobject,
    Rectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
)

from ..text import FadeThrough, fmt, make_text
from ..theme import Theme, current_theme
from .motion import Follower, follow


def nice_step(span: float, max_ticks: int = 6) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that puts at most ``max_ticks`` ticks on ``span``."""
    if not (span > 0 and math.isfinite(span)):
        raise ValueError(f"a range to put ticks on must have a positive, finite length, not {span!r}")
    raw = span / max(max_ticks - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))


def step_decimals(step: float) -> int:
    """Decimals needed to write multiples of ``step``: 5 -> 0, 0.2 -> 1, 0.25 -> 2."""
    decimals = max(0, -math.floor(math.log10(step)))
    return decimals if math.isclose(round(step, decimals), step) else decimals + 1


#: Values spread over less than this are one value to :func:`nice_range` (two decimals on screen).
POINT_SPAN = 1e-6


def nice_range(values, include_zero: bool = True, pad: float = 0.08) -> tuple[float, float]:
    """A range that shows every value with a margin, its ends on a tick step."""
    values = np.asarray(values, dtype=float).ravel()
    lo, hi = float(values.min()), float(values.max())
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < POINT_SPAN:  # all the same value (a network whose weights are all 0): a unit range
        lo, hi = (hi - 1.0, hi) if hi < -POINT_SPAN else (lo, lo + 1.0)
    span = hi - lo
    lo -= pad * span if lo < 0 else 0.0
    hi += pad * span if hi > 0 or lo == hi else 0.0
    step = nice_step(hi - lo)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step


#: The width of the ring around a graph's dots (Manim stroke units).
DOT_RING = 3.0


class Graph(VGroup):
    """Axes over an animatable x- and y-range, in a fixed screen rectangle.

    The x-axis is drawn at y = 0 and the y-axis at x = 0 (each clamped to the visible
    range), with numbered ticks at a "nice" step. Subclasses decide the labels.

    Parameters
    ----------
    x_range, y_range
        The starting ranges; animate changes with :meth:`animate_ranges`.
    width, height
        The plotting area in scene units.
    x_title, y_title
        Axis titles ("" for none).
    x_ticks, y_ticks
        Whether to number the axis.
    max_ticks
        The most numbered ticks an axis shows: the "nice" step is chosen to keep within it.
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).
    """

    def __init__(
        self,
        x_range: tuple[float, float] = (0.0, 1.0),
        y_range: tuple[float, float] = (0.0, 1.0),
        width: float = 5.6,
        height: float = 4.2,
        x_title: str = "",
        y_title: str = "",
        x_ticks: bool = True,
        y_ticks: bool = True,
        max_ticks: int = 6,
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        self.x_min, self.x_max = ValueTracker(x_range[0]), ValueTracker(x_range[1])
        self.y_min, self.y_max = ValueTracker(y_range[0]), ValueTracker(y_range[1])
        self.number_x, self.number_y, self.max_ticks = x_ticks, y_ticks, max_ticks
        # Invisible: its corners define where data coordinates land on screen.
        self.area = Rectangle(width=width, height=height, stroke_opacity=0, fill_opacity=0)
        self.axes = VGroup()
        #: The axis titles' words as shown now (``"\n"`` between lines): the title
        #: mobjects morph when a title changes, so read the words here.
        self.titles = {"x": x_title, "y": y_title}
        self.x_title = make_text(x_title, self.theme.label_size, self.theme.muted) if x_title else VGroup()
        self.y_title = make_text(y_title, self.theme.label_size, self.theme.muted) if y_title else VGroup()
        self.y_title.rotate(PI / 2)
        self._tick_texts: dict[str, VMobject] = {}
        self._zoom_steps: dict[str, tuple[float, float]] = {}  # the start's and end's steps while zooming: ticks()
        self._zoom_alpha = 0.0
        self._held_steps: dict[str, tuple[float, float]] = {}  # hold_ticks()
        self._drawn_key = None
        self.add(self.area, self.axes, self.x_title, self.y_title)
        follow(self.axes, Follower(self._follow_ranges, self.placement, self._titles))

    def __deepcopy__(self, memo):
        # A copy (Manim copies mobjects to animate them) shares the cache of tick
        # drawings and the theme: both are read-only, and copying them is most of the cost.
        memo[id(self._tick_texts)] = self._tick_texts
        memo[id(self.theme)] = self.theme
        return super().__deepcopy__(memo)

    # -- coordinates --------------------------------------------------------------------

    @property
    def x_range(self) -> tuple[float, float]:
        return self.x_min.get_value(), self.x_max.get_value()

    @property
    def y_range(self) -> tuple[float, float]:
        return self.y_min.get_value(), self.y_max.get_value()

    def area_box(self) -> tuple[float, float, float, float]:
        """The plotting area's left, bottom, right and top on screen (what ``get_corner``
        gives, read straight from its points: every mark asks on every frame)."""
        points = self.area.points
        (left, bottom), (right, top) = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
        return float(left), float(bottom), float(right), float(top)

    def c2p(self, x, y) -> np.ndarray:
        """Scene point(s) for data coordinates; arrays give an (n, 3) array."""
        left, bottom, right, top = self.area_box()
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        px = left + (np.asarray(x, dtype=float) - x0) / (x1 - x0) * (right - left)
        py = bottom + (np.asarray(y, dtype=float) - y0) / (y1 - y0) * (top - bottom)
        px, py = np.broadcast_arrays(px, py)
        return np.stack([px, py, np.zeros_like(px)], axis=-1)

    def p2c(self, point) -> tuple[float, float]:
        """Data coordinates of a scene point (the inverse of :meth:`c2p`)."""
        left, bottom, right, top = self.area_box()
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (
            x0 + (point[0] - left) / (right - left) * (x1 - x0),
            y0 + (point[1] - bottom) / (top - bottom) * (y1 - y0),
        )

    def place_area(self, point) -> Graph:
        """Move the graph so that its plotting area is centred on ``point``."""
        return self.shift(np.asarray(point, dtype=float) - self.area.get_center())

    def axis_y(self) -> float:
        """Where the x-axis is drawn: y = 0, or the nearest visible edge."""
        return min(max(0.0, self.y_range[0]), self.y_range[1])

    def axis_x(self) -> float:
        """Where the y-axis is drawn: x = 0, or the nearest visible edge."""
        return min(max(0.0, self.x_range[0]), self.x_range[1])

    def placement(self) -> list[Mobject]:
        """What places data on screen: the four range trackers and the plotting area.
        Marks redraw when one of them changes (see :mod:`.motion`)."""
        return [self.x_min, self.x_max, self.y_min, self.y_max, self.area]

    def contains(self, x, y, tolerance: float = 1e-9) -> bool:
        """Whether every point lies inside the visible ranges."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        x, y = np.asarray(x), np.asarray(y)
        return bool(
            np.all((x >= x0 - tolerance) & (x <= x1 + tolerance) & (y >= y0 - tolerance) & (y <= y1 + tolerance))
        )

    # -- axes -------------------------------------------------------------------------------

    def _follow_ranges(self) -> None:
        self._redraw_axes(self.axes)

    def _titles(self) -> list[Mobject]:
        return [self.x_title, self.y_title]  # placed beside the axes when they redraw

    def _redraw_axes(self, axes: VGroup) -> None:
        key = (*self.x_range, *self.y_range, *self.area.get_center(), self.area.width, self.area.height)
        key = tuple(round(float(value), 9) for value in key)
        if key == self._drawn_key:
            return
        moved_only = self._drawn_key is not None and key[:4] + key[7:] == self._drawn_key[:4] + self._drawn_key[7:]
        self._drawn_key = key
        if moved_only:  # the axes moved with the graph: keep them (and their opacity, mid-fade)
            return
        self.tick_labels: dict[str, list[str]] = {"x": [], "y": []}  # filled by get_axis_parts
        # The new parts replace the old (cheaper than ``become``, which matches every old
        # part's points to a new one's), reusing old lines and tick numbers of the same
        # kind (``_line``, ``_tick_text``). A frame being drawn may still list the old
        # parts (Manim lists an animation's mobjects when it begins): those not reused
        # are emptied, so they draw nothing.
        self._spare: dict[tuple, list[VMobject]] = {}
        for part in axes.submobjects:
            self._spare.setdefault(getattr(part, "axis_part", None), []).append(part)
        parts = self.get_axis_parts()
        for unused in self._spare.values():
            for part in unused:
                for piece in part.get_family():
                    piece.reset_points()
        self._spare = {}
        axes.submobjects = []
        axes.add(*parts)
        self.place_titles()

    def get_axis_parts(self) -> list[VMobject]:
        """Axis lines, tick marks, grid lines and tick numbers for the current ranges."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        ax, ay = self.axis_x(), self.axis_y()
        stroke = {"color": self.theme.muted, "stroke_width": 3}
        parts: list[VMobject] = [
            self._line(self.c2p(ax, y0), self.c2p(ax, y1), **stroke),
            self._line(self.c2p(x0, ay), self.c2p(x1, ay), **stroke),
        ]
        if self.number_y:
            ticks, decimals = self.ticks("y")
            for y, opacity in ticks:
                point = self.c2p(ax, y)
                parts.append(self._line(point, point + LEFT * 0.1, **stroke).set_stroke(opacity=opacity))
                if not math.isclose(y, ay, abs_tol=abs(y1 - y0) * 1e-9):
                    parts.append(self._grid_line(self.c2p(x0, y), self.c2p(x1, y), opacity))
                if self.number_x and math.isclose(y, 0.0, abs_tol=abs(y1 - y0) * 1e-9) and ax == 0.0:
                    continue  # the origin: numbered on neither axis, to stay clear of both
                number = self._tick_text(fmt(y, decimals), "y", opacity)
                parts.append(number.next_to(point, LEFT, buff=0.16))
        if self.number_x:
            ticks, decimals = self.ticks("x")
            for x, opacity in ticks:
                if math.isclose(x, ax, abs_tol=abs(x1 - x0) * 1e-9):
                    continue
                point = self.c2p(x, ay)
                parts.append(self._line(point + DOWN * 0.08, point + UP * 0.08, **stroke).set_stroke(opacity=opacity))
                parts.append(self._tick_text(fmt(x, decimals), "x", opacity).next_to(point, DOWN, buff=0.14))
        return parts

    def ticks(self, axis: str) -> tuple[list[tuple[float, float]], int]:
        """The axis' tick values with their opacities, and the decimals to write them with.

        At rest: multiples of :func:`nice_step` of the range, all opaque. While
        :meth:`animate_ranges` zooms, the steps of the start's and the end's ranges (and
        the nice steps nested between them, :func:`nested_steps`) are drawn together: the
        coarsest in full, each finer one fading out as its ticks crowd (over ``max_ticks``
        on the axis) and in as they spread, so ticks come and go but never jump. Two steps
        that do not nest (0.2, 0.25) keep the ticks they share (:func:`common_step`) while
        the start's fade out over the first third and the end's fade in over the last."""
        lo, hi = self.x_range if axis == "x" else self.y_range
        start, end = (
            self._zoom_steps.get(axis) or self._held_steps.get(axis) or (nice_step(hi - lo, self.max_ticks),) * 2
        )
        room, alpha = max(self.max_ticks - 1, 1), self._zoom_alpha
        steps = nested_steps(start, end)
        if steps is None:  # steps that share few ticks: the start's go, then the end's come
            steps = [start, end, common_step(start, end)]

        def seen(step: float) -> float:
            if step == steps[-1]:
                return 1.0
            if len(steps) == 3 and not _whole(steps[1] / steps[0]):
                fade = 1 - alpha / 0.35 if step == start else (alpha - 0.65) / 0.35
            else:  # crowded ticks fade out: full up to max_ticks on the axis, gone at twice that
                fade = 2.0 - (hi - lo) / step / room
            return min(max(fade, 0.0), 1.0)

        opacity: dict[float, float] = {}
        for step in steps:
            for value in _multiples(lo, hi, step):
                key = round(float(value), 9)
                opacity[key] = max(opacity.get(key, 0.0), seen(step))
        finest = next((step for step in steps if seen(step) >= 0.5), steps[-1])
        return [(value, o) for value, o in sorted(opacity.items()) if o > 0], step_decimals(finest)

    def _grid_line(self, start, end, opacity: float = 1.0) -> Line:
        line = self._line(start, end, color=self.theme.muted, stroke_width=1.5, stroke_opacity=0.22)
        return line.set_stroke(opacity=0.22 * opacity)

    def _line(self, start, end, **style) -> Line:
        """An axis line: a line of the same style from the last drawing, moved, or a new one."""
        kind = ("line", *sorted((key, str(value)) for key, value in style.items()))
        spare = getattr(self, "_spare", {}).get(kind)
        if spare:  # its opacity too: a tick that was fading may come back as an axis line
            return spare.pop().set_points_by_ends(start, end).set_stroke(opacity=style.get("stroke_opacity", 1.0))
        line = Line(start, end, **style)
        line.axis_part = kind
        return line

    def _tick_text(self, text: str, axis: str, opacity: float = 1.0) -> VMobject:
        if opacity >= 0.5:  # frame data lists the ticks that are seen
            self.tick_labels[axis].append(text)
        spare = getattr(self, "_spare", {}).get(("text", text))
        if spare:
            return spare.pop().set_fill(opacity=opacity)
        if text not in self._tick_texts:
            self._tick_texts[text] = make_text(text, self.theme.small_size, self.theme.muted)
        number = self._tick_texts[text].copy().set_fill(opacity=opacity)
        number.axis_part = ("text", text)
        return number

    def place_titles(self) -> None:
        """Put the axis titles beside the (current) axes."""
        if len(self.y_title.points) or self.y_title.submobjects:
            self.y_title.next_to(self.axes, LEFT, buff=0.18).set_y(self.area.get_center()[1])
        if len(self.x_title.points) or self.x_title.submobjects:
            self.x_title.next_to(self.area, DOWN, buff=0.5)

    # -- animation ------------------------------------------------------------------------

    def animate_ranges(self, x_range=None, y_range=None, **kwargs) -> AnimationGroup:
        """Animate to new ranges; every mark on the graph follows, and the ticks fade
        between the start's step and the end's (:meth:`ticks`)."""
        anims, steps = [], {}
        for axis, target, (lo, hi) in (
            ("x", x_range, (self.x_min, self.x_max)),
            ("y", y_range, (self.y_min, self.y_max)),
        ):
            if target is not None:
                anims += [lo.animate.set_value(target[0]), hi.animate.set_value(target[1])]
                start = nice_step(hi.get_value() - lo.get_value(), self.max_ticks)
                steps[axis] = (start, nice_step(target[1] - target[0], self.max_ticks))
        return AnimationGroup(*anims, _ZoomTicks(self, steps), **kwargs)

    def set_y_range(self, lo: float, hi: float) -> Graph:
        """Change the y-range at once; the axes redraw now, marks at their next update."""
        self.y_min.set_value(lo)
        self.y_max.set_value(hi)
        self._redraw_axes(self.axes)
        return self

    def hold_ticks(self, axis: str, spans) -> Graph:
        """Number ``axis`` for a range that will move on its own (a curve the axes
        follow) over ``spans``: from now on its ticks are those of the widest and the
        narrowest span's steps, faded as they crowd (:meth:`ticks`), so they never jump."""
        steps = [nice_step(span, self.max_ticks) for span in spans if span > 0]
        if steps:
            fine, coarse = min(steps), max(steps)
            self._held_steps[axis] = (fine, coarse) if nested_steps(fine, coarse) else (coarse, coarse)
            self._drawn_key = None
        return self

    def animate_y_range(self, lo: float, hi: float, **kwargs) -> AnimationGroup:
        return self.animate_ranges(y_range=(lo, hi), **kwargs)

    def animate_to_fit(self, *values, **kwargs) -> AnimationGroup:
        """Animate the y-range to :func:`nice_range` of all the given values."""
        return self.animate_y_range(*nice_range(np.concatenate([np.ravel(v) for v in values])), **kwargs)

    def get_y_title(self, title: str) -> VGroup:
        """A y-axis title for ``title``, placed beside the axes; ``"\\n"`` breaks it
        into centred lines, to keep a long title short. (Set it with ``become``.)"""
        lines = [make_text(line, self.theme.label_size, self.theme.muted) for line in title.split("\n")]
        new = VGroup(*lines).arrange(DOWN, buff=0.1).rotate(PI / 2)
        return new.next_to(self.axes, LEFT, buff=0.18).set_y(self.area.get_center()[1])

    def animate_y_title(self, title: str, **kwargs) -> Transform:
        """Rewrite the y-axis title (of a graph made with one) as ``title``, in place.
        :attr:`titles` changes when the animation begins, not when it is made."""
        return _Retitle(self, "y", title, self.get_y_title(title), **kwargs)

    def set_y_title(self, title: str) -> Graph:
        """Rewrite the y-axis title at once (for a scene that starts where one ended)."""
        self.titles["y"] = title
        self.y_title.become(self.get_y_title(title))
        return self

    # -- marks ----------------------------------------------------------------------------

    def get_curve(self, x, y, color=None, **kwargs) -> GraphCurve:
        return GraphCurve(self, x, y, color=color or self.theme.output, **kwargs)

    def get_dot(self, x: float, y: float, color=None, **kwargs) -> GraphDot:
        return GraphDot(self, x, y, color=color or self.theme.output, **kwargs)

    def get_bar(self, x: float, start: float, end: float, color=None, **kwargs) -> GraphBar:
        return GraphBar(self, x, start, end, color=color or self.theme.output, **kwargs)


def nested_steps(a: float, b: float) -> list[float] | None:
    """Tick steps from the finer of ``a`` and ``b`` to the coarser, finest first, each
    a whole multiple of the one before (1 -> 2 -> 10, 0.25 -> 0.5 -> 1 -> 2): ticks shared
    by two steps stay put. None where no chain of nice steps nests (0.2 and 0.25)."""
    fine, coarse = sorted((a, b))
    chain = [fine]
    while chain[-1] < coarse * (1 - 1e-9):
        here = chain[-1]
        nested = [m for m in (2 * here, 5 * here) if m <= coarse * (1 + 1e-9) and _whole(coarse / m) and _nice(m)]
        if not nested:
            return None
        chain.append(min(nested))
    return chain


def common_step(a: float, b: float) -> float:
    """The smallest nice step that is a whole multiple of both ``a`` and ``b`` (0.2 and
    0.25 -> 1; 2 and 5 -> 10): the ticks two steps that do not nest share."""
    power = 10 ** math.floor(math.log10(max(a, b)) + 1e-12)
    for scale in (power, 10 * power, 100 * power):
        for m in (1, 2, 2.5, 5, 10):
            step = m * scale
            if step >= max(a, b) * (1 - 1e-9) and _whole(step / a) and _whole(step / b):
                return step
    return 10 * power * 10


def _whole(ratio: float) -> bool:
    return math.isclose(ratio, round(ratio), rel_tol=1e-9)


def _nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-12)
    return any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 2.5, 5))


class _ZoomTicks(Animation):
    """While a range animation plays, the graph draws the ticks of every step in
    ``steps`` (:meth:`Graph.ticks`); at rest again, those of its range's own step."""

    def __init__(self, graph: Graph, steps: dict[str, tuple[float, float]], **kwargs) -> None:
        super().__init__(graph.y_min, **kwargs)  # animates no mobject: a tracker stands in
        self.graph, self.steps = graph, steps

    def begin(self) -> None:
        self.graph._zoom_steps, self.graph._zoom_alpha = dict(self.steps), 0.0
        self.graph._drawn_key = None

    def interpolate_mobject(self, alpha: float) -> None:
        self.graph._zoom_alpha = self.rate_func(alpha)
        self.graph._drawn_key = None  # ticks fade with the animation's progress, not only with the ranges

    def finish(self) -> None:
        self.graph._zoom_steps, self.graph._zoom_alpha = {}, 0.0
        self.graph._drawn_key = None
        self.graph._redraw_axes(self.graph.axes)

    def clean_up_from_scene(self, scene) -> None:
        pass


def _multiples(lo: float, hi: float, step: float) -> np.ndarray:
    return np.arange(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1) * step


class OnGraph:
    """Mixin for marks that live in a graph's data coordinates and redraw from them."""

    graph: Graph

    def redraw(self, *_) -> None:
        raise NotImplementedError

    def follow_graph(self) -> None:
        follow(self, Follower(self.redraw, self.inputs))

    def inputs(self) -> list[Mobject]:
        """What the mark's drawing depends on besides its own data (see :mod:`.motion`)."""
        return self.graph.placement()

    def __deepcopy__(self, memo):
        memo[id(self.graph)] = self.graph  # copies stay on the same graph
        return super().__deepcopy__(memo)


class GraphCurve(OnGraph, VMobject):
    """A polyline through ``(x[i], y[i])`` in data coordinates.

    ``what`` says what the curve shows (``"top.scaled"``, ``"relu"``): frame data names
    the curve by it (``curve[top.scaled]``); without it, by its colour's role.

    Corners are joined round: Cairo's default (mitred) join draws a sharp peak, such as
    the pointy thing's, as a spike far above the data (up to ten half-widths).

    Parameters
    ----------
    graph
        The graph it is drawn on.
    x, y
        The points it passes through, in data coordinates.
    color
        Its colour; by default the theme's output colour.
    stroke_width
        Its thickness.
    what
        What it shows (``"top.scaled"``, ``"relu"``), for frame data; "" to name it by its
        colour's role.
    """

    def __init__(self, graph: Graph, x, y, color=None, stroke_width: float = 6, what: str = "", **kwargs) -> None:
        kwargs.setdefault("joint_type", LineJointType.ROUND)
        super().__init__(color=color, stroke_width=stroke_width, **kwargs)
        self.graph, self.what = graph, what
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.follow_graph()

    def redraw(self, *_) -> None:
        points = self.graph.c2p(self.x, self.y)
        if len(points) == 1:
            points = np.repeat(points, 2, axis=0)
        if len(points):
            self.set_points_as_corners(points)

    def y_at(self, x: float) -> float:
        """The curve's value at ``x`` (linear between its points)."""
        order = np.argsort(self.x)
        return float(np.interp(x, self.x[order], self.y[order]))


class GraphDot(OnGraph, Dot):
    """A dot at ``(x, y)`` in data coordinates. Unless given a stroke of its own, it is
    ringed in the theme's text colour (dark on the light theme, light on the dark): it
    stands out on a curve of its own colour (a blue input on the blue ReLU line).

    Parameters
    ----------
    graph
        The graph it sits on.
    x, y
        Where, in data coordinates.
    radius
        Its radius, in scene units.
    """

    def __init__(self, graph: Graph, x: float, y: float, radius: float = 0.1, **kwargs) -> None:
        if "stroke_color" not in kwargs and "stroke_width" not in kwargs:
            kwargs.update(stroke_color=graph.theme.text, stroke_width=DOT_RING, stroke_opacity=1.0)
        super().__init__(radius=radius, **kwargs)
        self.graph = graph
        self.x, self.y = float(x), float(y)
        self.follow_graph()

    def redraw(self, *_) -> None:
        """Centre the dot on its data point: ``move_to``, but where Manim's ``move_to``
        measures the family's box through general code on every frame (40% of
        derivative's updating, with 78 dots), the box is read here from the dot's own
        points, and a dot already in place is left as it is."""
        if self.submobjects:
            self.move_to(self.graph.c2p(self.x, self.y))
            return
        points = self.points
        if len(points):
            offset = self.graph.c2p(self.x, self.y) - (points.max(axis=0) + points.min(axis=0)) / 2
            if offset.any():
                self.shift(offset)


class GraphBar(OnGraph, Line):
    """A vertical segment at ``x`` from ``start`` to ``end``: one term of a sum,
    drawn where it adds.

    Parameters
    ----------
    graph
        The graph it stands on.
    x
        Where it stands, in data coordinates.
    start, end
        Where it starts and ends, in data coordinates.
    stroke_width
        Its thickness.
    """

    def __init__(self, graph: Graph, x: float, start: float, end: float, stroke_width: float = 8, **kwargs) -> None:
        super().__init__(stroke_width=stroke_width, **kwargs)
        self.graph = graph
        self.x, self.start_value, self.end_value = float(x), float(start), float(end)
        self.follow_graph()

    def redraw(self, *_) -> None:
        a = self.graph.c2p(self.x, self.start_value)
        b = self.graph.c2p(self.x, self.end_value)
        self.set_points_as_corners([a, b])


class ChangeData(Animation):
    """Animate a mark's data attributes (``y``, ``x``, ``start_value``...) from their
    current values to the given targets; the mark redraws from them on every frame.

    Parameters
    ----------
    mark
        The mark to change: a :class:`GraphDot`, :class:`GraphBar`, :class:`GraphCurve`...
    **targets
        Each data attribute to change and the value it ends at (``y=-6.94``).

    Examples
    --------
    ``self.play(ChangeData(blue_line, y=blue_line.y * -40.8))`` flips and stretches it.
    """

    ANIMATION_OPTIONS = ("run_time", "rate_func", "name", "remover", "introducer")

    def __init__(self, mark: OnGraph, **targets) -> None:
        options = {key: targets.pop(key) for key in self.ANIMATION_OPTIONS if key in targets}
        self.targets = {name: np.asarray(value, dtype=float) for name, value in targets.items()}
        super().__init__(mark, suspend_mobject_updating=False, **options)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # the starting point is the data, kept in begin()

    def begin(self) -> None:
        self.starts = {name: np.asarray(getattr(self.mobject, name), dtype=float) for name in self.targets}
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        for name, target in self.targets.items():
            value = self.starts[name] + (target - self.starts[name]) * a
            setattr(self.mobject, name, float(value) if value.ndim == 0 else value)
        self.mobject.redraw()

    def get_all_mobjects(self):
        return (self.mobject,)


__all__ = [
    "ChangeData",
    "Graph",
    "GraphBar",
    "GraphCurve",
    "GraphDot",
    "OnGraph",
    "nice_range",
    "nice_step",
]


class _Retitle(FadeThrough):
    """Turns an axis title into new words (the old fade out, the new fade in: every frame
    reads); the graph's ``titles`` follow at the start."""

    def __init__(self, graph: Graph, axis: str, words: str, target: VMobject, **kwargs) -> None:
        self.graph, self.axis, self.words = graph, axis, words
        super().__init__(graph.y_title if axis == "y" else graph.x_title, target, **kwargs)

    def begin(self) -> None:
        self.graph.titles[self.axis] = self.words
        super().begin()
