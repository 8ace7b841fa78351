"""The network diagram: input, the hidden nodes with their activation drawn inside, a
sum, the optional output activation, and every weight and bias on its connection.

Two hidden nodes are drawn as the lesson has always drawn them: fanning out of the input
and into the sum (:data:`POSITIONS`). Any other number (1 to 8) is drawn as a ladder
(:func:`ladder_rows`): the input and the sum are bars as tall as the column of nodes, and
each node's connections run level, its weight above the one coming in, its bias below
it, its output weight above the one going out, so that no label meets another's line
however many rows there are."""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Arrow,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Line,
    RoundedRectangle,
    Succession,
    Transform,
    VGroup,
    VMobject,
    Wait,
)

from ..model import Names, Network, activate
from ..text import TIMES, FadeThrough, fmt, fmt_signed, make_text
from ..theme import Theme, current_theme

#: Where each node of the two-node diagram sits before the diagram is scaled and moved by a scene.
POSITIONS = {
    "input": np.array([-4.6, 0.0, 0.0]),
    "top": np.array([-1.1, 1.7, 0.0]),
    "bottom": np.array([-1.1, -1.7, 0.0]),
    "sum": np.array([2.1, 0.0, 0.0]),
    "output": np.array([4.55, 0.0, 0.0]),
    "out": np.array([5.6, 0.0, 0.0]),
}
INPUT_WORD_WIDTH = 1.7  # the input's name fits its 1.85-wide box ("Dosage" is 1.66)
INPUT_WORD_HEIGHT = 0.7  # ...and its 0.8-high box
OUTPUT_WORD_WIDTH = 3.0  # the output's name stays on screen ("Effectiveness" is 2.98)

#: The ladder (any number of hidden nodes but two): the shortest level connection, and how
#: much longer than its longest label one is (``× −40.80`` is 2.3 wide), with room for the
#: label to grow by :data:`WORD_GROWTH` (:meth:`NetworkDiagram.enlarge_words`) and stay
#: clear of the bar and the box at either end.
RUNG, RUNG_SPARE = 2.2, 0.2
#: The most a layout enlarges a small diagram's words (:class:`~.layout.SideBench`'s 1.2).
WORD_GROWTH = 1.2
INPUT_BOX = (1.85, 0.8)
#: The rows' pitch: as wide as fits :data:`LADDER_SPAN` up to :data:`ROW_PITCH`'s widest, never
#: under its narrowest (a row holds a label above and below its connection: 2 x 0.47).
ROW_PITCH, LADDER_SPAN = (2.2, 1.25), 5.2
SUM_BAR_WIDTH = 0.72


def ladder_rows(n: int) -> tuple[float, ...]:
    """The heights of ``n`` hidden nodes, top first, centred on the input's."""
    pitch = max(ROW_PITCH[1], min(ROW_PITCH[0], LADDER_SPAN / max(n - 1, 1)))
    return tuple(((n - 1) / 2 - i) * pitch for i in range(n))


def node_size(n: int) -> float:
    """The side of a hidden node's box: smaller in a ladder of four rows or more."""
    return 1.2 if n <= 3 else 0.9


def paths(node_names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The edges each path runs along, for highlighting: a hidden node's in and out,
    the output's from the sum on."""
    hidden = {name: (f"input-{name}", f"{name}-sum") for name in node_names}
    return hidden | {"output": ("sum-output", "output-out")}


def activation_icon(name: str, color, size: float = 0.8, theme: Theme | None = None) -> VGroup:
    """A small drawing of an activation function (from the model) with its axes."""
    theme = theme or current_theme()
    x = np.union1d(np.linspace(-2.0, 2.0, 41), [0.0])
    y = activate(name, x)
    half = size / 2
    points = np.stack([x / 2 * half, (y / 2.2 - 0.45) * size, np.zeros_like(x)], axis=-1)
    curve = VMobject(stroke_color=color, stroke_width=5).set_points_as_corners(points)
    axes = VGroup(
        Line(LEFT * half, RIGHT * half, color=theme.muted, stroke_width=1.5),
        Line(DOWN * half, UP * half, color=theme.muted, stroke_width=1.5),
    ).shift(DOWN * 0.45 * size)
    axes[1].shift(UP * 0.45 * size)
    icon = VGroup(axes, curve)
    icon.activation = name
    return icon


class NetworkDiagram(VGroup):
    """A 1-N-1 network, drawn from a :class:`~relu_anim.model.Network`.

    Everything that matters is named, a hidden node by its name in the network's
    ``node_names`` (``"top"``, ``"bottom"``; ``"hidden"``; ``"top"``, ``"second"``, ...):

    - ``nodes["input" | <node> | "sum" | "output" | "out"]``
    - ``icons[<node> | "output"]``: the activation drawn in the node
    - ``edges["input-<node>" | "<node>-sum" | "sum-output" | "output-out"]``
    - ``labels[name]`` for each parameter name of :meth:`Network.parameters`
      (``"top.weight"``, ``"top.bias"``, ``"top.output_weight"``, ..., ``"final_bias"``)
    - ``paths[<node> | "output"]``: the edges each path runs along

    Parameters
    ----------
    network
        The parameters and activations to draw.
    names
        What the input and output are called: their names are the words at either end
        (:class:`relu_anim.model.Names`; by default "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Examples
    --------
    ::

        class DiagramExample(LessonScene):
            def construct(self):
                diagram = NetworkDiagram(self.lesson.recap).scale(0.8)
                self.add(diagram)
                self.play(diagram.animate_network(self.lesson.network))
                self.play(diagram.highlight("top"))
    """

    def __init__(
        self,
        network: Network,
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        self.network = network
        self.names = names
        self.node_names = network.node_names
        self.ladder = len(self.node_names) != 2  # two nodes fan out, as the lesson has always drawn them
        self.paths = paths(self.node_names)
        self._label_sides: dict[str, np.ndarray] = {}
        self.nodes: dict[str, VMobject] = {}
        self.icons: dict[str, VGroup] = {}
        self.edges: dict[str, Arrow] = {}
        self.labels = {name: self._label_text(name, value) for name, value in network.parameters().items()}
        self._build_nodes(names.input, names.output)
        self._build_edges()
        self._build_labels()
        self.add(VGroup(*self.edges.values()), VGroup(*self.nodes.values()), VGroup(*self.labels.values()))
        self.center()

    # -- building ------------------------------------------------------------------------

    def _box(self, width: float, height: float) -> RoundedRectangle:
        return RoundedRectangle(
            width=width,
            height=height,
            corner_radius=0.18,
            stroke_color=self.theme.muted,
            stroke_width=3,
            fill_color=self.theme.node_fill,
            fill_opacity=1,
        )

    def path_color(self, which: str) -> str:
        """The colour of path ``which``: a hidden node's name, or ``"output"``."""
        return self.theme.path_color(which, self.node_names)

    def _positions(self) -> dict[str, np.ndarray]:
        """Where each node sits: :data:`POSITIONS` for two; else the ladder's rows, each
        rung long enough for its longest label (:meth:`_rung`), the sum and what follows
        it moved right as far as the rungs need."""
        if not self.ladder:
            return POSITIONS
        side = node_size(len(self.node_names))
        node_x = POSITIONS["input"][0] + INPUT_BOX[0] / 2 + self._rung("weight", "bias") + side / 2
        sum_x = node_x + side / 2 + self._rung("output_weight") + SUM_BAR_WIDTH / 2
        rows = ladder_rows(len(self.node_names))
        hidden = {name: np.array([node_x, y, 0.0]) for name, y in zip(self.node_names, rows)}
        after = {name: POSITIONS[name] + RIGHT * (sum_x - POSITIONS["sum"][0]) for name in ("sum", "output", "out")}
        return POSITIONS | hidden | after

    def _rung(self, *fields: str) -> float:
        """How long a ladder's level connections are that carry the labels of ``fields``:
        :data:`RUNG`, or room for the widest of them grown by :data:`WORD_GROWTH`."""
        widths = [label.width for name, label in self.labels.items() if name.split(".")[-1] in fields]
        return max(RUNG, max(widths, default=0.0) * WORD_GROWTH + RUNG_SPARE)

    def _column_height(self) -> float:
        """The height of the column of hidden nodes: a ladder's input and sum bars'."""
        rows = ladder_rows(len(self.node_names))
        return rows[0] - rows[-1] + node_size(len(self.node_names))

    def _build_nodes(self, input_label: str, output_label: str) -> None:
        theme, net = self.theme, self.network
        bar = self.ladder and len(self.node_names) > 1  # one node: a ladder of one rung, no bars
        self.nodes["input"] = VGroup(
            self._box(INPUT_BOX[0], self._column_height() if bar else INPUT_BOX[1]), self._input_word(input_label)
        )
        side = node_size(len(self.node_names))
        for which in self.node_names:
            self.icons[which] = activation_icon(net.hidden_activation, self.path_color(which), theme=theme)
            self.nodes[which] = VGroup(self._box(side, side), self.icons[which])
        plus = make_text("+", theme.title_size)
        ring = Circle(radius=0.36, stroke_color=theme.muted, stroke_width=3, fill_color=theme.node_fill, fill_opacity=1)
        if bar:
            ring = self._box(SUM_BAR_WIDTH, self._column_height())
        self.nodes["sum"] = VGroup(ring, plus)
        self.icons["output"] = activation_icon("relu", theme.output, size=0.7, theme=theme)
        self.nodes["output"] = VGroup(self._box(1.0, 1.0), self.icons["output"])
        if net.output_activation == "identity":
            self.nodes["output"].set_opacity(0)
        self.nodes["out"] = make_text(output_label, theme.diagram_size)
        if self.nodes["out"].width > OUTPUT_WORD_WIDTH:
            self.nodes["out"].scale_to_fit_width(OUTPUT_WORD_WIDTH)
        positions = self._positions()
        for name, node in self.nodes.items():
            node.move_to(positions[name])
        self.nodes["out"].next_to(positions["output"] + RIGHT * 0.5, RIGHT, buff=0.45)

    def _input_word(self, name: str) -> VMobject:
        """The input's name in its box: a long name of several words on two lines, and
        shrunk if it still does not fit."""
        word = make_text(name, self.theme.diagram_size)
        spaces = [i for i, c in enumerate(name) if c == " "]
        if word.width > INPUT_WORD_WIDTH and spaces:
            cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
            word = make_text(f"{name[:cut]}\n{name[cut + 1 :]}", self.theme.diagram_size)
        if word.width > INPUT_WORD_WIDTH:
            word.scale_to_fit_width(INPUT_WORD_WIDTH)
        if word.height > INPUT_WORD_HEIGHT:
            word.scale_to_fit_height(INPUT_WORD_HEIGHT)
        return word

    def _build_edges(self) -> None:
        for key in [f"input-{name}" for name in self.node_names] + [f"{name}-sum" for name in self.node_names]:
            self.edges[key] = self._edge(key)
        for key in self.paths["output"]:
            self.edges[key] = self._arrow(*(self.nodes[name] for name in key.split("-")))
        if self.network.output_activation == "identity":  # one arrow from the sum to the output
            self.edges["sum-output"].become(self._direct_arrow())
            self.edges["output-out"].set_opacity(0)

    def _edge(self, key: str) -> Arrow:
        """Connection ``key`` (``"input-top"``, ``"top-sum"``...) in full: in a ladder,
        level at its node's height, from bar to box."""
        first, last = key.split("-")
        start, end = self.nodes[first], self.nodes[last]
        if not self.ladder:
            return self._arrow(start, end)
        y = self.nodes[last if first == "input" else first].get_center()[1]
        a, b = np.array([start.get_right()[0], y, 0.0]), np.array([end.get_left()[0], y, 0.0])
        return self._arrow_between(a, b)

    def _direct_arrow(self) -> Arrow:
        return self._arrow(self.nodes["sum"], self.nodes["out"])

    def _arrow(self, start: VMobject, end: VMobject) -> Arrow:
        a, b = start.get_center(), end.get_center()
        direction = (b - a) / np.linalg.norm(b - a)
        return self._arrow_between(_boundary_point(start, direction), _boundary_point(end, -direction))

    def _arrow_between(self, a: np.ndarray, b: np.ndarray) -> Arrow:
        return Arrow(
            a,
            b,
            buff=0.05,
            stroke_width=4,
            color=self.theme.muted,
            max_tip_length_to_length_ratio=0.08,
            tip_length=0.2,
        )

    def _build_labels(self) -> None:
        for name, label in self.labels.items():
            self._place_label(name, label)
        self._clear_final_bias()

    def _clear_final_bias(self) -> None:
        """Move the final bias's label right until it keeps clear of the other labels (a
        long output weight below the sum would otherwise run into it)."""
        label = self.labels.get("final_bias")
        others = [other for key, other in self.labels.items() if key != "final_bias"]
        for _ in range(30):
            if label is None or not any(_boxes_meet(label, other, gap=0.1) for other in others):
                return
            label.shift(RIGHT * 0.05)

    def make_label(self, name: str, value: float) -> VMobject:
        """The label for parameter ``name`` with ``value``, placed on its connection."""
        return self._place_label(name, self._label_text(name, value))

    def _label_text(self, name: str, value: float) -> VMobject:
        """Parameter ``name``'s label saying ``value`` (``× 1.70``, ``−0.85``), in its path's colour."""
        text = f"{TIMES} {fmt(value)}" if name.endswith("weight") else fmt_signed(value)
        color = self.theme.output if name == "final_bias" else self.path_color(name.split(".")[0])
        return make_text(text, self.theme.diagram_size, color, weight="BOLD")

    def _place_label(self, name: str, label: VMobject) -> VMobject:
        """``label`` placed on parameter ``name``'s connection."""
        if name == "final_bias":
            return self._place_final_bias(label)
        node, field = name.split(".")
        anchor, along, side = _RUNG_PLACES[field] if self.ladder else _LABEL_PLACES[name]
        self._label_sides[name] = side
        edge = self._edge(anchor.format(node=node))  # where the edge is in full
        point = edge.get_start() + along * (edge.get_end() - edge.get_start())
        label.next_to(point, side, buff=0.12)
        if self.ladder:  # level: between the bar and the box, clear of both
            lo, hi = edge.get_start()[0] + 0.05, edge.get_end()[0] - 0.05
            label.shift(RIGHT * (max(0.0, lo - label.get_left()[0]) - max(0.0, label.get_right()[0] - hi)))
        return label

    def _place_final_bias(self, label: VMobject) -> VMobject:
        """The final bias beside the sum, below and right of it (right of the ladder's
        sum bar, at the height of its arrow), and below the output ReLU's box too (drawn
        or not yet), never touching it."""
        side = _LABEL_PLACES["final_bias"][2]
        self._label_sides["final_bias"] = side
        ring = self.nodes["sum"][0]
        beside = self.nodes["sum"] if ring.height < 2 * SUM_BAR_WIDTH else np.array([ring.get_right()[0], 0.0, 0.0])
        label.next_to(beside, side, buff=0.15)
        clear = self.nodes["output"].get_bottom()[1] - 0.16  # room for a highlight box
        return label.shift(DOWN * max(0.0, label.get_top()[1] - clear))

    @property
    def output_word(self) -> VMobject:
        """The output's name, at the end of the last arrow."""
        return self.nodes["out"]

    def enlarge_words(self, scale: float) -> NetworkDiagram:
        """Enlarge every word of a diagram drawn small, by ``scale``: each weight and bias
        label grows away from its connection (so it does not run into the line or node it
        names), the sum's plus in place, the output's name away from its arrow, and the
        input's box with its name away from the arrows leaving it."""
        for name, label in self.labels.items():
            label.scale(scale, about_edge=-self._label_sides[name])
        self.nodes["sum"][1].scale(scale)
        self.nodes["out"].scale(scale, about_edge=LEFT)
        box, word = self.nodes["input"]
        if box.height > 2 * word.height + 1:  # a ladder's bar: as tall as the rows it feeds
            box.stretch(scale, 0, about_edge=RIGHT)
            word.scale(scale).move_to(box)
        else:
            self.nodes["input"].scale(scale, about_edge=RIGHT)
        self._clear_final_bias()
        return self

    # -- animations ----------------------------------------------------------------------

    def animate_network(self, network: Network, run_time: float = 1.5) -> AnimationGroup:
        """Become another network's diagram: labels, activations and the output ReLU."""
        anims = []
        if network.hidden_activation != self.network.hidden_activation:
            anims += [self.swap_activation(which, network.hidden_activation) for which in self.node_names]
        if network.output_activation != self.network.output_activation:
            anims.append(self.show_output_activation(network.output_activation != "identity"))
        anims.append(self.relabel(network))
        return AnimationGroup(*anims, group=self, run_time=run_time)

    def relabel(
        self, network: Network, run_time: float = 1.5, lag_ratio: float = 0.0, names: Names | None = None
    ) -> Animation:
        """Turn every weight and bias label into ``network``'s, sized and placed for the
        diagram as it is now (also after scaling), the new labels replacing the old ones
        in the scene and in ``labels``. With ``names`` unlike the diagram's, the input's
        and output's words change too. Activations are left alone: see
        :meth:`swap_activation` and :meth:`show_output_activation`.

        Examples
        --------
        ``self.play(diagram.relabel(self.lesson.network, lag_ratio=0.15))``
        """
        names = names or self.names
        fresh = self.get_matching(network, names)
        anims = []
        for name in network.parameters():
            old, new = self.labels[name], fresh.labels[name]
            if _words(old) == _words(new) and np.allclose(old.get_center(), new.get_center(), atol=0.02):
                continue  # what stays stays: only labels that change are rewritten
            anims.append(FadeThrough(old, new, replace_mobject_with_target_in_scene=True))  # every frame reads
            self.labels[name] = new
        if names != self.names:  # the words at either end: replaced inside their groups in the scene
            anims += [
                FadeThrough(self.nodes["input"][1], fresh.nodes["input"][1], replace_mobject_with_target_in_scene=True),
                FadeThrough(self.nodes["out"], fresh.nodes["out"], replace_mobject_with_target_in_scene=True),
            ]
            self.nodes["out"] = fresh.nodes["out"]
        self.network, self.names = network, names
        if not anims:  # the same network and names (Part 1's lesson, swapped to itself): nothing to rewrite
            return Wait(run_time)
        # group=self: the new labels land inside the diagram, even if the scene had split it up
        return AnimationGroup(*anims, group=self, run_time=run_time, lag_ratio=lag_ratio)

    def get_matching(self, network: Network, names: Names | None = None) -> NetworkDiagram:
        """A new diagram of ``network`` at this diagram's current size and place."""
        fresh = NetworkDiagram(network, names=names or self.names, theme=self.theme)
        box, fresh_box = self.nodes["input"][0], fresh.nodes["input"][0]
        fresh.scale(box.width / fresh_box.width)
        return fresh.shift(box.get_center() - fresh_box.get_center())

    def swap_activation(self, which: str, name: str) -> Transform:
        """Turn the activation drawn in node ``which`` into ``name``."""
        new_icon = activation_icon(name, self.path_color(which), theme=self.theme)
        new_icon.move_to(self.icons[which]).match_height(self.icons[which])
        self.icons[which].activation = name
        return Transform(self.icons[which], new_icon)

    def show_output_activation(self, show: bool = True):
        """Bring in (or take away) the ReLU right before the output."""
        node, into, out = self.nodes["output"], self.edges["sum-output"], self.edges["output-out"]
        if show:
            node.set_opacity(1)
            self.icons["output"].set_fill(opacity=0)  # a line drawing: set_opacity filled it in
            out.set_opacity(1)
            return AnimationGroup(
                Transform(into, self._arrow(self.nodes["sum"], node)), FadeIn(out), GrowFromCenter(node), group=self
            )
        return AnimationGroup(Transform(into, self._direct_arrow()), FadeOut(out), FadeOut(node), group=self)

    def send(self, edge: str, text: str = "", color=None, run_time: float = 1.4) -> Succession:
        """A token carrying ``text`` (a value) travels along connection ``edge``, then
        fades: a number going through the network. Without text, a bead (a ring in the
        path's colour, seen on the highlighted edge) small enough to pass between the
        edge's weight and bias labels without covering them (a boxed value is wider than
        the edge is long: it covered both while they were read out)."""
        owner = next(name for name, keys in self.paths.items() if edge in keys)
        tone = color or self.path_color(owner)
        arrow = self.edges[edge]
        if text:
            label = make_text(text, self.theme.diagram_size, tone, weight="BOLD")
            token = VGroup(
                RoundedRectangle(
                    width=label.width + 0.24,
                    height=label.height + 0.2,
                    corner_radius=0.1,
                    stroke_color=tone,
                    stroke_width=3,
                    fill_color=self.theme.node_fill,
                    fill_opacity=1,
                ),
                label,
            )
        else:
            bead = Dot(radius=BEAD_RADIUS, color=self.theme.node_fill)
            token = VGroup(bead.set_stroke(tone, width=3, opacity=1))
        token.move_to(arrow.get_start())
        return Succession(
            FadeIn(token, scale=0.5, run_time=0.2 * run_time),
            token.animate(run_time=0.65 * run_time).move_to(arrow.get_end()),
            FadeOut(token, scale=0.5, run_time=0.15 * run_time),
        )

    def highlight(self, *paths: str, color=None, width: float = 8) -> AnimationGroup:
        """Thicken and colour the connections of ``paths`` (a hidden node's name, "output")
        or single edges (e.g. "top-sum")."""
        return AnimationGroup(
            *(self.edges[key].animate.set_color(tone).set_stroke(width=width) for key, tone in self._lit(paths, color)),
            group=self,
        )

    def set_highlight(self, *paths: str, color=None, width: float = 8) -> NetworkDiagram:
        """Like :meth:`highlight`, at once: for a scene that starts where one ended."""
        for key, tone in self._lit(paths, color):
            self.edges[key].set_color(tone).set_stroke(width=width)
        return self

    def _lit(self, paths: tuple[str, ...], color=None) -> list[tuple[str, str]]:
        """(edge, colour) for each edge of ``paths`` (paths or single edges): the path's
        colour unless ``color``."""
        lit = []
        for path in paths:
            for key in self.paths.get(path, (path,)):
                owner = next(name for name, keys in self.paths.items() if key in keys)
                lit.append((key, color or self.path_color(owner)))
        return lit

    def unhighlight(self) -> AnimationGroup:
        return AnimationGroup(
            *(edge.animate.set_color(self.theme.muted).set_stroke(width=4) for edge in self.edges.values()), group=self
        )

    def emphasize_label(self, *names: str, scale: float = 1.25):
        """Pulse the labels of the named parameters."""
        from manim import Indicate

        return AnimationGroup(*(Indicate(self.labels[n], scale_factor=scale, color=None) for n in names), group=self)


#: The radius of the bead that :meth:`NetworkDiagram.send` moves along an edge without text.
BEAD_RADIUS = 0.09

# parameter -> (edge or node it sits by, fraction along the edge, side)
_LABEL_PLACES = {
    "top.weight": ("input-top", 0.42, UP + LEFT * 0.6),
    "top.bias": ("input-top", 0.74, DOWN + RIGHT * 0.5),
    "bottom.weight": ("input-bottom", 0.42, DOWN + LEFT * 0.6),
    "bottom.bias": ("input-bottom", 0.74, UP + RIGHT * 0.5),
    "top.output_weight": ("top-sum", 0.45, UP + RIGHT * 0.6),
    "bottom.output_weight": ("bottom-sum", 0.45, DOWN + RIGHT * 0.6),
    "final_bias": ("sum", None, DOWN + RIGHT * 0.7),
}
# In a ladder, a node's parameter -> (its edge, fraction along it, side): level connections
_RUNG_PLACES = {
    "weight": ("input-{node}", 0.5, UP),
    "bias": ("input-{node}", 0.5, DOWN),
    "output_weight": ("{node}-sum", 0.5, UP),
}


def _boxes_meet(a: VMobject, b: VMobject, gap: float = 0.0) -> bool:
    """Whether two mobjects' bounding boxes come within ``gap`` of each other."""
    (al, ab, _), (ar, at, _) = a.get_corner(DL), a.get_corner(UR)
    (bl, bb, _), (br, bt, _) = b.get_corner(DL), b.get_corner(UR)
    return al < br + gap and bl < ar + gap and ab < bt + gap and bb < at + gap


def _boundary_point(mob: VMobject, direction: np.ndarray) -> np.ndarray:
    """Where a ray from ``mob``'s centre along ``direction`` leaves its bounding box."""
    half = np.array([mob.width / 2, mob.height / 2, 1.0])
    scale = min(h / abs(d) for h, d in zip(half[:2], direction[:2]) if abs(d) > 1e-9)
    return mob.get_center() + direction * scale


def _words(label) -> str:
    """What a label says (a Text's string; a group's, part by part)."""
    return "".join(getattr(m, "original_text", "") for m in label.get_family())
