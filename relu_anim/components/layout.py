"""Layouts: where things go on screen, as named spots (no scene holds a position).

Benches (:class:`Workbench`, :class:`SideBench`, :class:`DescentBench`) build their
mobjects; :data:`SHOWCASE` and :data:`SHAPES_BOARD` are tables of named :class:`Area`
spots for the stages that build their own graphs there.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

import numpy as np
from manim import DL, DOWN, DR, LEFT, PI, RIGHT, UL, UP, UR, Rectangle, VGroup

from ..composition import FRAME_HEIGHT, FRAME_WIDTH, MARGIN, REPEAT_APART, box_gap, crosses
from ..model import Names, Network, activate, sample_dosages
from ..text import make_text
from ..theme import Theme, current_theme
from .activation import ActivationGraph
from .diagram import WORD_GROWTH, NetworkDiagram
from .graph import POINT_SPAN, Graph, nice_range
from .plot import DosagePlot

#: How far from the frame's corner a layout puts its top-left diagram: the composition
#: rules' margin, and a little more.
CORNER_BUFF = np.array([MARGIN * FRAME_WIDTH + 0.05, MARGIN * FRAME_HEIGHT + 0.06, 0.0])


def pull_inside(mob, slack: float = 0.02):
    """Shift ``mob`` sideways so that what it draws stays inside the composition rules'
    margins: a plot whose end tick words are long (another network's "Many") moves in
    rather than over the edge. A mobject already inside is left where it is."""
    limit = FRAME_WIDTH / 2 - MARGIN * FRAME_WIDTH - slack
    if mob.get_right()[0] > limit:
        mob.shift(LEFT * (mob.get_right()[0] - limit))
    elif mob.get_left()[0] < -limit:
        mob.shift(RIGHT * (-limit - mob.get_left()[0]))
    return mob


#: A ladder's widest (the two-node diagram's width at the Workbench's size: its output
#: word clear of a ladder plot's tick numbers).
LADDER_WIDTH = 8.4


def fit_ladder(diagram: NetworkDiagram, width: float, rooms: tuple[float, ...], growth: float = WORD_GROWTH) -> int:
    """Shrink a ladder ``diagram`` drawn at the Workbench's size (its words the smallest
    that read: the composition rules' 0.2 at 480p) as little as fits, its words grown back
    to their size: from as drawn down to 1 / ``growth`` (:data:`~.diagram.WORD_GROWTH`,
    what its rungs make room for) in steps of about 2%, no wider than ``width`` and no
    taller than the first of ``rooms`` (heights, the layouts' choices in turn) it fits.
    Returns that room's index; the last room's at the smallest size when none fits.

    Each size is tried on a copy of the diagram (about 85 ms for eight nodes), once for
    every room, and the choice is kept for the process (:data:`_LADDER_FITS`): every
    stage builds the same diagram again, and an 8-node lesson tried 14 copies in each of
    seven stages (issue 34's node cost)."""
    key = (_shape_key(diagram), width, rooms, growth)
    if key not in _LADDER_FITS:
        _LADDER_FITS[key] = _choose_ladder_size(diagram, width, rooms, growth)
    index, shrink = _LADDER_FITS[key]
    diagram.scale(shrink).enlarge_words(1 / shrink)
    return index


#: :func:`fit_ladder`'s choices in this process, (room's index, shrink) by the diagram's
#: shape and the rooms offered.
_LADDER_FITS: dict[tuple, tuple[int, float]] = {}


def _shape_key(diagram: NetworkDiagram) -> tuple:
    """What :func:`fit_ladder`'s choice depends on: every point of the diagram (in
    family order, with each member's count) and the side each label stands on."""
    family = diagram.get_family()
    points = hashlib.sha256(b"".join(np.ascontiguousarray(mob.points).tobytes() for mob in family)).hexdigest()
    sides = tuple((name, tuple(map(float, side))) for name, side in sorted(diagram._label_sides.items()))
    return tuple(len(mob.points) for mob in family), points, sides


def _choose_ladder_size(
    diagram: NetworkDiagram, width: float, rooms: tuple[float, ...], growth: float
) -> tuple[int, float]:
    """:func:`fit_ladder`'s choice: (room's index, shrink), each size drawn once."""

    @functools.cache
    def drawn(shrink: float) -> tuple[float, float]:
        copy = diagram.copy().scale(shrink).enlarge_words(1 / shrink)
        return copy.width, copy.height

    def fits(shrink: float, height: float) -> bool:
        drawn_width, drawn_height = drawn(shrink)
        return drawn_width <= width and drawn_height <= height

    sizes = np.linspace(1.0, 1 / growth, 1 + int(np.ceil((1 - 1 / growth) / 0.021)))  # 9 for WORD_GROWTH
    fitting = ((index, k) for index, room in enumerate(rooms) for k in sizes if fits(k, room))
    return next(fitting, (len(rooms) - 1, sizes[-1]))


#: How much further than the composition rules :func:`place_clear` keeps a label from a
#: curve: the frame data's rounding of scene units.
CURVE_SPARE = 0.01
#: Where no side next to the dot is clear, :func:`place_clear` tries each again this many
#: times as far out before it gives up.
FURTHER = 2.0


def place_clear(label, dot, avoid=(), sides=(), buff: float = 0.12, across: tuple[float, float] | None = None):
    """Put ``label`` next to ``dot`` on the first of ``sides`` (then up, down, right,
    left and the corners) where its box crosses none of the curves in ``avoid``, stays
    inside the margins and, if ``across`` gives a (left, right) span, inside it (a plot's
    area): another network's curve may run where the storyboard's side would put the
    label on it. A label clears a curve by :data:`CURVE_SPARE` more than the rules ask: the
    frame data they read are rounded (a label 0.002 clear of a line, rounded, lay on it).
    Where no side is clear, the sides again :data:`FURTHER` out (clip's fed value beside a
    steep wedge on a ladder's narrower plot)."""
    lines = [[(float(x), float(y)) for x, y, _ in curve.get_all_points()] for curve in avoid]
    limit_x, limit_y = FRAME_WIDTH / 2 - MARGIN * FRAME_WIDTH, FRAME_HEIGHT / 2 - MARGIN * FRAME_HEIGHT
    lo, hi = across if across is not None else (-limit_x, limit_x)
    candidates = [*sides, UP, DOWN, RIGHT, LEFT, UR, UL, DR, DL]
    for gap in (buff, FURTHER * buff):  # a steep curve through the dot (a narrow plot): a little further out
        for side in candidates:
            label.next_to(dot, side, buff=gap)
            (left, bottom, _), (right, top, _) = label.get_corner(DL), label.get_corner(UR)
            spared = (left - CURVE_SPARE, bottom - CURVE_SPARE, right + CURVE_SPARE, top + CURVE_SPARE)
            inside = max(abs(left), abs(right)) <= limit_x and max(abs(bottom), abs(top)) <= limit_y
            if inside and lo <= left and right <= hi and not any(crosses(line, spared) for line in lines):
                return label
    return label.next_to(dot, candidates[0], buff=buff)


def output_said_twice(diagram: NetworkDiagram, plot: Graph, title: str | None = None) -> bool:
    """Whether the diagram's output name (``"Effectiveness"``) stands within
    :data:`~relu_anim.composition.REPEAT_APART` of the plot's y title saying the same
    words (``title``: the one it is about to take): the layouts that put a diagram's
    output beside a plot's y-axis then leave the diagram's word out, its last arrow
    pointing at the axis title instead (one word, written once)."""
    words = " ".join((plot.titles["y"] if title is None else title).split())
    if words != diagram.names.output or not len(plot.y_title.submobjects):
        return False

    def box(mob) -> list[float]:
        (left, bottom, _), (right, top, _) = mob.get_corner(DL), mob.get_corner(UR)
        return [left, bottom, right, top]

    shown = plot.y_title
    if title is not None:  # the title it will take, where the one it has stands
        shown = make_text(title, plot.theme.label_size).rotate(PI / 2).move_to(plot.y_title)
    return box_gap(box(diagram.output_word), box(shown)) < REPEAT_APART


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


@dataclass(frozen=True)
class Area:
    """A spot for a graph: the centre of its drawing area and the area's size, in
    scene units. ``DosagePlot(width=a.width, height=a.height).place_area(a.point)``.

    Parameters
    ----------
    center
        The drawing area's centre, in scene units.
    size
        Its width and height.
    """

    center: tuple[float, float]
    size: tuple[float, float]

    @property
    def point(self) -> np.ndarray:
        return np.array([*self.center, 0.0])

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]


@dataclass(frozen=True)
class Showcase:
    """The recap's and the swap's layout: the network diagram on the left, one large
    graph on the right (the swap starts where the recap left the diagram).

    Parameters
    ----------
    diagram_spot
        The diagram's centre (its left end in from the edge).
    diagram_scale
        How much the diagram is scaled down.
    alone
        The data plot while it is all there is.
    plot
        The data plot beside the diagram, its y title clear of it.
    activation
        An activation drawn large beside the diagram.
    """

    diagram_spot: tuple[float, float] = (-2.43, 0.2)
    diagram_scale: float = 0.6
    alone: Area = Area((0.3, 0.25), (8.4, 5.6))
    plot: Area = Area((4.7, 0.45), (3.2, 4.8))
    activation: Area = Area((4.3, 0.2), (4.2, 4.4))

    def place_diagram(self, diagram: NetworkDiagram) -> NetworkDiagram:
        return diagram.scale(self.diagram_scale).move_to([*self.diagram_spot, 0.0])


def _hidden_panels() -> dict[str, Area]:
    size = (2.8, 2.0)
    return {
        "top.y": Area((-4.6, 1.55), size),
        "top.scaled": Area((-0.3, 1.55), size),
        "bottom.y": Area((-4.6, -2.05), size),
        "bottom.scaled": Area((-0.3, -2.05), size),
    }


def _chain_panels() -> dict[str, Area]:
    size = (2.7, 3.6)
    return {"sum": Area((-4.8, -0.1), size), "biased": Area((0.5, -0.1), size), "output": Area((4.9, -0.1), size)}


def _side_plots() -> dict[str, Area]:
    size = (4.8, 4.8)
    # Part 1's on the left (read first), this network's on the right, where its clip
    # panel was: the pointy thing grows into its plot without crossing the screen
    return {"softplus": Area((-3.1, 0.1), size), "relu": Area((3.75, 0.1), size)}


@dataclass(frozen=True)
class ShapesBoard:
    """The shapes stage's panels: the activation alone, then small panels of each
    forward-pass quantity (by its name in :meth:`Network.values`), then the chain sum ->
    shift -> clip in a row, then two fits side by side.

    Parameters
    ----------
    plain
        The activation, alone on the screen.
    slicing
        ...then beside the two panels sliced from it.
    corner
        ...then out of the way of the panels scaled from those.
    hidden
        A panel for each hidden quantity (``"top.y"``, ``"top.scaled"``...): sliced, then
        scaled, one row per node.
    sum
        The two scaled pieces added, right of them.
    chain
        ``"sum"``, ``"biased"``, ``"output"`` in a row.
    side
        ``"relu"`` and ``"softplus"``: this network's fit and Part 1's, side by side.
    """

    plain: Area = Area((0.0, -0.3), (7.0, 4.6))
    slicing: Area = Area((1.3, -0.25), (4.6, 3.2))
    corner: Area = Area((3.9, 0.2), (3.6, 2.4))
    hidden: dict[str, Area] = field(default_factory=_hidden_panels)
    sum: Area = Area((4.6, -0.2), (2.8, 2.4))
    chain: dict[str, Area] = field(default_factory=_chain_panels)
    side: dict[str, Area] = field(default_factory=_side_plots)


SHOWCASE = Showcase()
SHAPES_BOARD = ShapesBoard()


class Workbench(VGroup):
    """Following one hidden node: the diagram top left, the node's activation graph
    below it, the dosage plot on the right, and room for an equation in between.

    Two hidden nodes are laid out as the lesson always has been (the class constants).
    A ladder of any other number (:class:`NetworkDiagram`) is drawn smaller to fit the
    left column (:meth:`fit_ladder`, its words grown back to the two-node diagram's
    size, so they read at 480p), and a ladder too tall for the top corner (its output
    word would stand beside the plot's y title, or leave no room for the equation and
    the activation graph under it) stands in the bottom-left corner for good, the
    equations above it, the activation graph under a shorter plot (:attr:`TALL`).

    Parameters
    ----------
    network
        Where every number comes from.
    node
        The hidden node followed, by its name in the network's ``node_names``; by
        default the top one (of one node, ``"hidden"``).
    plot_y_range
        The dosage plot's y-range; by default 0..1, or wider if the node's output leaves it.
    plot_title
        The dosage plot's y-axis title.
    names
        What the input and output are called (:class:`relu_anim.model.Names`): to the
        diagram and the plot.
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    diagram, graph, plot
        The :class:`NetworkDiagram`, :class:`ActivationGraph` and :class:`DosagePlot`.
    equation_spot
        Where an equation readout goes (a point under the diagram).
    tall
        Whether the diagram stands in the bottom-left corner (a tall ladder).
    """

    DIAGRAM_SCALE = 0.6
    GRAPH_SPOT, GRAPH_SIZE = (-3.9, -2.65), (4.2, 1.9)  # the activation graph's area: centre, size
    # the dosage plot's area: centre, size (its tick numbers clear of the diagram's output word)
    PLOT_SPOT, PLOT_SIZE = (4.3, 0.6), (4.0, 5.0)
    EQUATION_SPOT = (-3.3, 0.3)
    # Without the activation graph: the diagram moves down into its place (its output word
    # passing under the plot's y title), the equations go up into the diagram's corner
    LOWERED_DROP, LOWERED_EQUATION_SPOT = 3.75, (-3.3, 2.4)
    #: A ladder is drawn no wider than the two-node diagram (its output word clear of the
    #: plot's tick numbers), and no smaller than the scale at which its words, grown by
    #: :data:`~.diagram.WORD_GROWTH`, are as large as the two-node diagram's.
    LADDER_WIDTH = LADDER_WIDTH
    #: How far above and below its spot an equation readout reaches (a node equation with
    #: its activation equation under it; scale-top's two worked examples).
    READOUT = (0.25, 0.85)
    #: Half the longest y title the stages give the plot ("Node outputs / × output
    #: weights" is 2.8 long; one node's "Hidden node output", 3.3, stands under a diagram
    #: of one row), centred on its area: a ladder's output word in the top corner stays
    #: above it by :data:`WORD_CLEAR`.
    TITLE_HALF, WORD_CLEAR = 1.45, 0.1
    #: A ladder's plot: its left edge further right (the ladder's output word, as wide as
    #: the two-node diagram's but lower, stands level with its tick numbers).
    LADDER_PLOT_SPOT, LADDER_PLOT_SIZE = (4.45, 0.6), (3.7, 5.0)
    #: A tall ladder's plot (shorter, at the top right, its tick words clear of the output word) and
    #: activation graph (under it).
    TALL_PLOT_SPOT, TALL_PLOT_SIZE = (4.45, 1.35), (3.7, 3.5)
    TALL_GRAPH_SPOT, TALL_GRAPH_SIZE = (4.45, -2.75), (3.6, 1.2)

    def __init__(
        self,
        network: Network,
        node: str | None = None,
        plot_y_range: tuple[float, float] | None = None,
        plot_title: str = "",
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        node = node or network.node_names[0]
        if plot_y_range is None:  # 0..1, or wider if the node's output leaves it
            plot_y_range = keep_or_fit(network.forward(sample_dosages(network)).node(node).y)
        self.diagram = NetworkDiagram(network, names=names, theme=theme).scale(self.DIAGRAM_SCALE)
        self.tall = False
        if self.diagram.ladder:
            self.fit_ladder()
        self.diagram.to_corner(DL if self.tall else UL, buff=CORNER_BUFF)
        graph_spot, graph_size = (
            (self.TALL_GRAPH_SPOT, self.TALL_GRAPH_SIZE) if self.tall else (self.GRAPH_SPOT, self.GRAPH_SIZE)
        )
        plot_spot, plot_size = self._plot_area()
        x_range, y_range = activation_ranges(network, node)
        self.graph = ActivationGraph(
            network.hidden_activation,
            x_range=x_range,
            y_range=y_range,
            width=graph_size[0],
            height=graph_size[1],
            color=theme.path_color(node, network.node_names),
            theme=theme,
        )
        self.graph.place_area([*graph_spot, 0.0])
        self.plot = DosagePlot(
            y_range=plot_y_range,
            y_title=plot_title,
            width=plot_size[0],
            height=plot_size[1],
            names=names,
            theme=theme,
        )
        pull_inside(self.plot.place_area([*plot_spot, 0.0]))
        self.add(self.diagram, self.graph, self.plot)
        self._corner = self.diagram.get_center()
        self._spots = self._equation_spots()
        self.equation_spot = self._spots["corner"]

    def _plot_area(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The dosage plot's area (centre, size): a ladder's narrower, its tick numbers
        clear of the ladder's output word; a tall ladder's shorter too."""
        if self.tall:
            return self.TALL_PLOT_SPOT, self.TALL_PLOT_SIZE
        if self.diagram.ladder:
            return self.LADDER_PLOT_SPOT, self.LADDER_PLOT_SIZE
        return self.PLOT_SPOT, self.PLOT_SIZE

    def fit_ladder(self) -> None:
        """Draw a ladder (at :attr:`DIAGRAM_SCALE`) as large as fits (:func:`fit_ladder`):
        no wider than :attr:`LADDER_WIDTH` and, in the top corner, its output word (at its
        middle) above the plot's y title; else, :attr:`tall`, in the bottom corner under
        the equations' room (a tall ladder of 8 nodes just fits at its smallest)."""
        limit = FRAME_HEIGHT / 2 - CORNER_BUFF[1]
        word = self.diagram.output_word.height
        corner_room = 2 * (limit - (self.PLOT_SPOT[1] + self.TITLE_HALF + self.WORD_CLEAR + word / 2))
        tall_room = 2 * limit - sum(self.READOUT) - self.WORD_CLEAR
        self.tall = fit_ladder(self.diagram, self.LADDER_WIDTH, (corner_room, tall_room)) == 1

    def _equation_spots(self) -> dict[str, np.ndarray]:
        """Where equations go with the diagram in its corner and lowered."""
        if not self.diagram.ladder:
            return {
                "corner": np.array([*self.EQUATION_SPOT, 0.0]),
                "lowered": np.array([*self.LOWERED_EQUATION_SPOT, 0.0]),
            }
        above, below = self.READOUT
        top = FRAME_HEIGHT / 2 - CORNER_BUFF[1]
        if self.tall:  # the diagram stays in the bottom corner: the equations above it
            spot = np.array([self.EQUATION_SPOT[0], top - above - 0.1, 0.0])
            return {"corner": spot, "lowered": spot}
        # between the diagram and the graph, the readout's middle halfway
        middle = (self.diagram.get_bottom()[1] + self.graph.get_top()[1]) / 2
        corner = np.array([self.EQUATION_SPOT[0], middle + (below - above) / 2, 0.0])
        return {"corner": corner, "lowered": np.array([*self.LOWERED_EQUATION_SPOT, 0.0])}

    def _lowered(self) -> np.ndarray:
        """The diagram's centre once lowered: into the graph's place (a ladder: the
        bottom-left corner)."""
        if not self.diagram.ladder:
            return self._corner + DOWN * self.LOWERED_DROP
        bottom = -FRAME_HEIGHT / 2 + CORNER_BUFF[1]
        return np.array([self._corner[0], bottom + self.diagram.height / 2, 0.0])

    def lower_diagram(self, animate: bool = True):
        """With the activation graph put away, the diagram moves down into its place and
        equations go up where the diagram was (``equation_spot``): the left column stays
        full. ``animate=False`` places it at once (a stage that opens where another left
        it). Returns the animation (or the diagram)."""
        self.equation_spot = self._spots["lowered"]
        return self._move_diagram(self._lowered(), animate)

    def corner_diagram(self, animate: bool = True):
        """The diagram back in its top-left corner, making room for the activation graph."""
        self.equation_spot = self._spots["corner"]
        return self._move_diagram(self._corner, animate)

    def _move_diagram(self, centre, animate: bool):
        return (self.diagram.animate if animate else self.diagram).move_to(centre)


class SideBench(VGroup):
    """The plot as the star: a large dosage plot on the right, the network diagram
    small at the top left, and a free column under the diagram for equations or a
    second graph.

    The diagram is drawn at half size with its labels enlarged so they stay readable.

    Parameters
    ----------
    network
        The network the diagram draws.
    plot_y_range
        The dosage plot's starting y-range.
    plot_title
        The dosage plot's y-axis title.
    diagram_scale
        How much the diagram is scaled down.
    label_scale
        How much its labels are enlarged again, to stay readable.
    names
        What the input and output are called (:class:`relu_anim.model.Names`; by default
        "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    diagram, plot
        The :class:`NetworkDiagram` and :class:`DosagePlot`.
    column
        An invisible rectangle marking the free space under the diagram.

    Examples
    --------
    ::

        class SideBenchExample(LessonScene):
            def construct(self):
                bench = SideBench(self.lesson.network, plot_y_range=(-40, 40), plot_title="Value")
                wedge = bench.plot.plot_network(self.lesson.network, "sum")
                self.add(bench, wedge)
    """

    PLOT_SPOT, PLOT_SIZE = (3.7, 0.45), (5.0, 6.0)  # the dosage plot's area: centre, size
    COLUMN_X, COLUMN_WIDTH, COLUMN_BOTTOM = -3.6, 5.9, -3.7  # the free column: centre x, width, lowest y
    COLUMN_BELOW_DIAGRAM = 0.35  # the column starts this far under the diagram
    #: The least height of the column under a ladder: wedge's two rows of sums and its
    #: bias block, clip's output ReLU of :attr:`COLUMN_GRAPH_LEAST` with its formula and equation.
    LADDER_COLUMN = 3.7
    #: A ladder's plot: as wide as the two-node diagram's, its top lower, so that its top
    #: tick number stands 0.3 under the ladder's output word (which reaches over the plot's
    #: left edge): the tick number is centred on the area's top, 0.12 over it.
    WORD_CLEAR = 0.45
    #: A tall ladder's plot (shorter, at the top right, its top tick number under the
    #: stage title as the Workbench's: the diagram in the bottom-left corner, its output
    #: word under the tick numbers); the free column under the plot
    #: reaches left to this far from what of the diagram stands beside it, right to
    #: :attr:`TALL_COLUMN_RIGHT` (wedge's shortest row of eight terms is 4.9 wide).
    TALL_PLOT_SPOT, TALL_PLOT_SIZE = (4.7, 1.6), (3.6, 3.0)
    TALL_COLUMN_GAP, TALL_COLUMN_RIGHT = 0.3, 6.6

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
        self.diagram = NetworkDiagram(network, names=names, theme=theme)
        self.tall = False
        if self.diagram.ladder:
            self.fit_ladder()
        else:
            self.diagram.scale(diagram_scale).to_corner(UL, buff=CORNER_BUFF)
            self.diagram.enlarge_words(label_scale)  # its words grew outwards
        self.diagram.to_corner(DL if self.tall else UL, buff=CORNER_BUFF)
        plot_spot, plot_size = self._plot_area()
        self.plot = DosagePlot(
            y_range=plot_y_range,
            y_title=plot_title,
            width=plot_size[0],
            height=plot_size[1],
            names=names,
            theme=theme,
        )
        pull_inside(self.plot.place_area([*plot_spot, 0.0]))
        self.column = self._column()
        self.theme = theme
        self.add(self.diagram, self.plot)

    def fit_ladder(self) -> None:
        """Draw a ladder as the Workbench does (:func:`fit_ladder`, from its size), as large
        as leaves :attr:`LADDER_COLUMN` under it; else (:attr:`tall`) as large as the
        frame's height allows, in the bottom-left corner (where the Workbench leaves a tall
        ladder), the column moving under a shorter plot."""
        self.diagram.scale(Workbench.DIAGRAM_SCALE)
        limit = FRAME_HEIGHT / 2 - CORNER_BUFF[1]
        corner_room = limit - (self.COLUMN_BOTTOM + self.LADDER_COLUMN + self.COLUMN_BELOW_DIAGRAM)
        self.tall = fit_ladder(self.diagram, LADDER_WIDTH, (corner_room, 2 * limit)) == 1

    def _plot_area(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The dosage plot's area (centre, size): a ladder's lower at the top (its top tick
        number under the output word), a tall ladder's at the top right."""
        if self.tall:
            return self.TALL_PLOT_SPOT, self.TALL_PLOT_SIZE
        if not self.diagram.ladder:
            return self.PLOT_SPOT, self.PLOT_SIZE
        (x, y), (width, height) = self.PLOT_SPOT, self.PLOT_SIZE
        top = min(y + height / 2, self.diagram.output_word.get_bottom()[1] - self.WORD_CLEAR)
        bottom = y - height / 2
        return (x, (top + bottom) / 2), (width, top - bottom)

    def _column(self) -> Rectangle:
        """The free column: under the diagram; a tall ladder's under the plot, beside the
        diagram's lower part (its output word and box stand higher)."""
        x, width = self.COLUMN_X, self.COLUMN_WIDTH
        top, bottom = self.diagram.get_bottom()[1] - self.COLUMN_BELOW_DIAGRAM, self.COLUMN_BOTTOM
        if self.tall:
            top = self.plot.get_bottom()[1] - self.COLUMN_BELOW_DIAGRAM
            low = top + self.TALL_COLUMN_GAP  # what of the diagram stands this low or lower
            parts = [m for m in self.diagram.family_members_with_points() if m.get_bottom()[1] < low]
            left = max(m.get_right()[0] for m in parts) + self.TALL_COLUMN_GAP
            x, width = (left + self.TALL_COLUMN_RIGHT) / 2, self.TALL_COLUMN_RIGHT - left
        column = Rectangle(width=width, height=top - bottom, stroke_opacity=0, fill_opacity=0)
        return column.move_to([x, (top + bottom) / 2, 0])

    #: Space above the first thing stacked in the column, and between the things stacked.
    COLUMN_TOP_GAP, COLUMN_GAP = 0.3, 0.3

    def stack_in_column(self, mob, under=None, buff: float | None = None):
        """Put ``mob`` in the free column, against its left edge: near its top, or
        ``buff`` (default :attr:`COLUMN_GAP`) under ``under``. Returns ``mob``."""
        if under is None:
            mob.move_to(self.column.get_top() + DOWN * self.COLUMN_TOP_GAP)
        else:
            mob.next_to(under, DOWN, buff=self.COLUMN_GAP if buff is None else buff)
        return mob.align_to(self.column, LEFT)

    #: The size of a graph in the column, and its area's offset from the column's centre.
    COLUMN_GRAPH_SIZE = (5.0, 3.0)
    COLUMN_GRAPH_OFFSET = (0.35, -0.05)
    #: What a short column (under a ladder) holds besides a graph's area: its formula
    #: above, an equation under its tick numbers (clip's); and the least height of the area,
    #: and the room left of it for its tick numbers.
    COLUMN_GRAPH_ROOM, COLUMN_GRAPH_LEAST, COLUMN_GRAPH_TICKS = (0.8, 1.05), 1.0, 0.9

    def column_graph_area(self) -> tuple[np.ndarray, tuple[float, float]]:
        """Where a graph goes in the free column (its area's centre and size):
        :attr:`COLUMN_GRAPH_SIZE` at :attr:`COLUMN_GRAPH_OFFSET`; under a ladder, between
        the room for its formula and its equation (:attr:`COLUMN_GRAPH_ROOM`), as large as
        fits, never under :attr:`COLUMN_GRAPH_LEAST` high."""
        center = self.column.get_center() + np.array([*self.COLUMN_GRAPH_OFFSET, 0.0])
        width, height = self.COLUMN_GRAPH_SIZE
        if not self.diagram.ladder:
            return center, (width, height)
        above, below = self.COLUMN_GRAPH_ROOM
        top, bottom = self.column.get_top()[1] - above, self.column.get_bottom()[1] + below
        width = min(width, self.column.width - self.COLUMN_GRAPH_TICKS)
        height = max(self.COLUMN_GRAPH_LEAST, min(height, top - bottom))
        center[0] = self.column.get_right()[0] - 0.1 - width / 2
        center[1] = min(top - height / 2, center[1]) if top - bottom > height else (top + bottom) / 2
        return center, (width, height)

    def get_column_activation(self, activation: str, inputs, color=None) -> ActivationGraph:
        """``activation``'s graph in the free column (:meth:`column_graph_area`), wide enough
        for every one of ``inputs`` (with 5% to spare), its formula above it. Not added to
        the bench."""
        lo, hi = float(np.min(inputs)), float(np.max(inputs))
        if hi - lo < POINT_SPAN:  # every input the same (all weights 0): show the bend around it
            lo, hi = lo - 1.0, hi + 1.0
        pad = 0.05 * (hi - lo)
        x_range = (lo - pad, hi + pad)
        y_lo, y_hi = nice_range(activate(activation, x_range), pad=0.1)
        center, (width, height) = self.column_graph_area()
        graph = ActivationGraph(
            activation,
            x_range=x_range,
            y_range=(y_lo - 0.15 * y_hi, y_hi),
            width=width,
            height=height,
            color=color,
            theme=self.theme,
        )
        graph.place_area(center)
        graph.formula.next_to(graph.area, UP, buff=0.25)
        return graph


class DescentBench(VGroup):
    """Gradient descent at work: a graph of the sum of squared residuals against step
    number on the left, the fit on a small dosage plot at the bottom right, and a spot
    for each run's readout along the top right.

    Parameters
    ----------
    steps
        The most steps a run takes: the SSR graph's x-range.
    ssr
        Every SSR value the runs reach: the SSR graph's y-range fits them.
    runs
        How many runs' readouts the top right makes room for.
    names
        What the input and output are called (:class:`relu_anim.model.Names`; by default
        "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    ssr_graph, fit_plot
        The :class:`Graph` of SSR by step and the :class:`DosagePlot` of the fit.
    readout_spots
        One point per run: where the left edge of its readout's header goes.

    Examples
    --------
    ::

        from relu_anim.model import gradient_descent

        class DescentExample(LessonScene):
            def construct(self):
                descent = gradient_descent(self.lesson.network, data=self.lesson.data)
                bench = DescentBench(steps=len(descent.steps), ssr=[s.ssr for s in descent.steps])
                track = DescentTrack(
                    descent, self.lesson.data, bench.ssr_graph, self.theme.output, False, "bias", self.theme
                )
                track.header.move_to(bench.readout_spots[0], aligned_edge=LEFT)
                self.add(bench, track, track.header)
    """

    SSR_SPOT, SSR_SIZE = (-2.9, 0.3), (5.2, 4.6)
    FIT_SPOT, FIT_SIZE = (4.2, -1.45), (4.0, 2.5)
    READOUT_TOP, READOUT_LEFT, READOUT_GAP = 3.2, 1.2, 2.9

    def __init__(
        self, steps: int, ssr, runs: int = 2, names: Names = Names(), theme: Theme | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.ssr_graph = Graph(
            x_range=nice_range([0, steps]),
            y_range=nice_range(ssr),
            width=self.SSR_SIZE[0],
            height=self.SSR_SIZE[1],
            x_title="step",
            y_title="sum of squared residuals",
            max_ticks=5,
            theme=theme,
        )
        self.ssr_graph.place_area([*self.SSR_SPOT, 0.0])
        self.fit_plot = DosagePlot(
            y_title="", width=self.FIT_SIZE[0], height=self.FIT_SIZE[1], max_ticks=4, names=names, theme=theme
        )
        self.fit_plot.place_area([*self.FIT_SPOT, 0.0])
        self.readout_spots = [
            np.array([self.READOUT_LEFT + self.READOUT_GAP * i, self.READOUT_TOP, 0.0]) for i in range(runs)
        ]
        self.add(self.ssr_graph, self.fit_plot)


#: An activation drawn large and alone, a little left of the frame's centre, with room
#: above it for words: for looking closely at its shape.
CLOSE_UP_SPOT, CLOSE_UP_SIZE = (-0.3, -0.5), (8.8, 5.0)


def make_close_up(
    activation: str, x_range=(-2.0, 2.0), y_range=(-0.5, 2.0), theme: Theme | None = None
) -> ActivationGraph:
    """``activation``'s graph at :data:`CLOSE_UP_SPOT`, :data:`CLOSE_UP_SIZE` large."""
    graph = ActivationGraph(
        activation,
        x_range=x_range,
        y_range=y_range,
        width=CLOSE_UP_SIZE[0],
        height=CLOSE_UP_SIZE[1],
        theme=theme or current_theme(),
    )
    return graph.place_area([*CLOSE_UP_SPOT, 0.0])
