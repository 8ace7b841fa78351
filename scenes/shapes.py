"""Stage 9, shapes: why it works. The weights and biases slice, flip and stretch ReLU
into new shapes, which add up to a shape that fits the data, just as Part 1's softplus
shapes added up to its squiggle."""

import numpy as np
from manim import (
    DOWN,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    VGroup,
)

from relu_anim.components import (
    SHAPES_BOARD,
    ActivationGraph,
    Area,
    ChangeData,
    DosagePlot,
    GraphCurve,
    nice_range,
    pull_inside,
)
from relu_anim.model import sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import TIMES, fmt, fmt_signed, fmt_term, make_text

SQUIGGLE_SAMPLES = 2001  # enough for a smooth squiggle
BOARD = SHAPES_BOARD  # where every panel goes


class Shapes(LessonScene):
    def construct(self):
        net = self.lesson.network
        self.dosages = sample_dosages(net)
        self.count = len(net.hidden)
        self.shape = story.sum_shape(net)  # what the pieces add up to: the storyboard's wedge, a ramp, ...
        self.noun = story.shape_noun(self.shape)
        self.output_shape = story.sum_shape(net, "output")  # after the clip: what the last beat compares
        self.colors = self.theme.node_colors(self.count)
        # a row of panels for the top node, and one for every node under it (one row each
        # for the lesson's two), on the board's rows "top" and "bottom"
        self.rows = {"top": [0], "bottom": list(range(1, self.count))} if self.count > 1 else {"top": [0]}

        # The activation on its own: for ReLU, two straight pieces
        with self.beat(self.plain_words(), hold=1.5):
            self.show_plain_relu()

        # Each connection slices the activation and slides its bend along the dosage axis
        with self.beat(self.slice_words(), hold=3):
            self.slice_relu()

        # The output weights flip and stretch the pieces
        with self.beat(self.stretch_words(), hold=2):
            for i, row in enumerate(self.rows):
                if i:
                    self.next_sentence()  # the orange piece (the other nodes' pieces)
                self.stretch(row)

        # The new shapes are added together
        with self.beat(self.add_words(), hold=2):
            self.add_shapes()

        # The final bias shifts the wedge down
        shift = story.shift_direction(net.final_bias)
        with self.beat(
            f"The final bias, {fmt(net.final_bias)}, "
            f"{f'shifts the whole {self.noun} ' + shift if shift else f'leaves the {self.noun} where it is'}.",
            hold=1.5,
        ):
            self.shift_wedge()

        # The output ReLU clips everything below 0
        with self.beat(self.clip_words(), hold=2):
            self.clip_wedge()

        # The pointy thing beside Part 1's squiggle, both against the data
        peaks = {"relu": net.peak(), "softplus": self.lesson.recap.peak()}
        with self.beat(
            f"{self.compare_words()} The squiggle "
            f"peaks at {fmt(peaks['softplus'][1])} near dosage {fmt(peaks['softplus'][0])}. "
            f"The {story.clipped_shape(net)} {story.highest_verb(self.output_shape)} "
            f"{fmt(peaks['relu'][1])} at "
            f"{self.dosage_words(peaks['relu'][0])}.",
            hold=2,
        ):
            self.side_by_side(peaks)

    # -- captions that depend on the numbers ------------------------------------------

    def stretch_words(self) -> str:
        """What each output weight does to its piece (story.flips, story.stretches): the
        storyboard's "flips ... upside down", "makes ... steeper" where they hold. Beyond
        two nodes, the top node's piece, then the others' in one sentence."""
        net, n = self.lesson.network, self.count
        top, bottom = net.top.output_weight, net.bottom.output_weight
        if n == 1:
            lead = "stretches" if story.stretches(top) else "scales"
            return f"The output weight {lead} it: {fmt(top)} {self.piece_words(top, 'the piece')}."
        weights = [node.output_weight for node in net.hidden]
        lead = "stretch" if all(story.stretches(w) for w in weights) else "scale"
        if n > 2:
            piece = f"{story.node_word(0, n)}'s piece"
            return (
                f"The output weights {lead} them: {fmt(top)} {self.piece_words(top, piece)}. "
                "And each other node's weight flips or stretches its own piece."
            )
        return (
            f"The output weights {lead} them: {fmt(top)} {self.piece_words(top, 'the blue piece')}. "
            f"And {fmt(bottom)} {self.piece_words(bottom, 'the orange one')}."
        )

    def add_words(self) -> str:
        if self.count == 1:
            return f"With one shape there is nothing to add: it is the {story.green_shape(self.shape)}."
        count = "the two shapes" if self.count == 2 else "all the shapes"
        return f"Adding {count} point by point gives a brand-new shape: the {story.green_shape(self.shape)}."

    def sum_operation(self) -> str:
        """The add panel's operation: "blue + orange" for the lesson's two nodes."""
        return {1: "the one piece", 2: "blue + orange"}.get(self.count, "every piece added")

    @staticmethod
    def piece_words(weight: float, piece: str) -> str:
        if weight == 0:
            return f"flattens {piece} onto 0"
        if story.flips(weight):
            return f"flips {piece} upside down" + ("" if abs(weight) >= 1 else " and flattens it")
        return (
            f"makes {piece} steeper"
            if story.stretches(weight)
            else f"makes {piece} flatter"
            if weight < 1
            else f"leaves {piece} as it is"
        )

    def compare_words(self) -> str:
        """Softplus against this network's activation, and whether this one fits its data
        (story.passes_close) as the storyboard's does."""
        net, data = self.lesson.network, self.lesson.data
        name = story.activation_name(net.hidden_activation)
        shapes = (
            "Softplus made smooth shapes and ReLU makes straight ones"
            if net.hidden_activation == "relu"
            else f"Softplus made smooth shapes and {name} makes smooth ones too"
        )
        if story.passes_close(net, data.dosage, data.observed):
            return f"{shapes}, but both add up to a fit."
        return f"{shapes}, but this network does not pass close to all of its data."

    def clip_words(self) -> str:
        """What the output activation does to the shifted wedge (story.clip_effect)."""
        effect = story.clip_effect(self.lesson.network)
        if effect == "none":
            return f"This network has no ReLU before the output: nothing is clipped, the shifted {self.noun} is the output."
        if effect == "all":
            return "The last ReLU clips off everything below zero: here that is all of it, leaving 0 everywhere."
        if effect == "nothing":
            return f"The last ReLU clips off everything below zero, but this {self.noun} never goes below zero."
        return f"The last ReLU clips off everything below zero, leaving the {story.clipped_shape(self.lesson.network)}."

    # -- panels ---------------------------------------------------------------------------

    def make_panel(self, quantity: str, word: str, operation: str, color, area: Area, values=None) -> DosagePlot:
        """A small dosage plot of a forward-pass quantity, tagged with what made it."""
        values = self.lesson.network.values(self.dosages, quantity) if values is None else values
        plot = DosagePlot(
            y_range=nice_range(values),
            y_title="",
            x_title="",
            dosage_labels=self.names.labels[::2],
            names=self.names,
            width=area.width,
            height=area.height,
            max_ticks=4,
            theme=self.theme,
        )
        plot.place_area(area.point)
        plot.tag = VGroup(
            make_text(word, self.theme.label_size, color, weight="BOLD"),
            make_text(operation, self.theme.label_size),
        ).arrange(DOWN, buff=0.1)
        plot.tag.next_to(plot.area, UP, buff=0.22)
        plot.add(plot.tag)
        return pull_inside(plot)  # long tick words (another network's) must not run over the edge

    def curve_on(self, plot: DosagePlot, quantity: str, color) -> GraphCurve:
        values = self.lesson.network.values(self.dosages, quantity)
        return plot.get_curve(self.dosages, values, color=color, stroke_width=5)

    def arrow_between(self, source: DosagePlot, target: DosagePlot) -> Arrow:
        """An arrow from one panel to the next, clear of the next panel's tick numbers."""
        start = source.area.get_right() + UP * 0.3 * source.area.height
        end = np.array([target.axes.get_left()[0], start[1], 0.0])
        return self.arrow(start, end)

    def arrow(self, start, end) -> Arrow:
        return Arrow(start, end, buff=0.15, color=self.theme.muted, stroke_width=4, max_tip_length_to_length_ratio=0.3)

    # -- beats ----------------------------------------------------------------------------

    def plain_words(self) -> str:
        activation = self.lesson.network.hidden_activation
        if activation == "relu":
            return "ReLU looks almost too plain to be useful: a flat piece, a bend, a straight piece."
        nodes = "The hidden node uses" if self.count == 1 else "The hidden nodes use"
        return f"{nodes} {story.activation_name(activation)}: on its own, one plain curve."

    def slice_words(self) -> str:
        net, n = self.lesson.network, self.count
        verb, at = story.turn(net, 0)
        top = verb if at is None else f"{verb} dosage {fmt(at)}"
        # one sentence for each thing shown: the panels, then each row's slice as it is drawn
        if n == 1:
            return (
                "But the connection slices it and slides it along. "
                f"With weight {fmt(net.top.weight)} and bias {fmt(net.top.bias)}, it {top}."
            )
        if n > 2:
            return (
                "But each connection slices it and slides it along. "
                f"The top one, weight {fmt(net.top.weight)} and bias {fmt(net.top.bias)}, {top}. "
                "Each of the others slides its bend to a place of its own."
            )
        bottom_verb, bottom_at = story.turn(net, 1)
        bottom = bottom_verb if bottom_at is None else f"{bottom_verb} dosage {fmt(bottom_at)}"
        return (
            "But each connection slices it and slides it along. "
            f"The top one, weight {fmt(net.top.weight)} and bias {fmt(net.top.bias)}, {top}. "
            f"The bottom one {bottom}."
        )

    def get_plain(self, area: Area) -> ActivationGraph:
        """The hidden nodes' activation on its own."""
        graph = ActivationGraph(
            self.lesson.network.hidden_activation,
            width=area.width,
            height=area.height,
            color=self.theme.text,
            theme=self.theme,
        )
        return graph.place_area(area.point)

    def show_plain_relu(self) -> None:
        self.relu = self.get_plain(BOARD.plain)
        self.play(*self.from_opening(FadeIn(self.relu)), run_time=1.2)

    def row_values(self, row: str, quantity: str):
        """``quantity`` ("y", "scaled") of every node in ``row``, one after the other."""
        names = self.lesson.network.node_names
        return np.concatenate(
            [self.lesson.network.values(self.dosages, f"{names[i]}.{quantity}") for i in self.rows[row]]
        )

    def slice_relu(self) -> None:
        net = self.lesson.network
        self.panels: dict[str, DosagePlot] = {}
        self.curves: dict[str, VGroup] = {}
        for row, nodes in self.rows.items():
            key = f"{row}.y"
            if len(nodes) == 1:
                node = net.hidden[nodes[0]]
                operation = self.say(f"{fmt(node.weight)} {TIMES} dosage {fmt_signed(node.bias)}")
            else:
                operation = self.say(f"weight {TIMES} dosage + bias")
            color = self.colors[nodes[0]]
            values = self.row_values(row, "y")
            self.panels[key] = self.make_panel(key, "slice", operation, color, BOARD.hidden[key], values)
            self.curves[key] = self.row_curves(self.panels[key], row, "y")
        self.move_plain(BOARD.slicing)
        self.play(*(FadeIn(self.panels[f"{row}.y"]) for row in self.rows), run_time=1)
        for row in self.rows:  # each while its sentence is said
            key = f"{row}.y"
            self.next_sentence()
            self.play(Indicate(self.panels[key].tag, scale_factor=1), run_time=0.8)  # in place: near the edge
            self.carry([(self.relu.curve, curve) for curve in self.curves[key]], run_time=1.5)

    def row_curves(self, plot: DosagePlot, row: str, quantity: str) -> VGroup:
        """The curves of ``quantity`` ("y", "scaled") of every node in ``row`` on ``plot``."""
        names = self.lesson.network.node_names
        return VGroup(*(self.curve_on(plot, f"{names[i]}.{quantity}", self.colors[i]) for i in self.rows[row]))

    def move_plain(self, area: Area, run_time: float = 0.8) -> None:
        """The activation on its own moves (and shrinks) into ``area``: one graph becomes
        the other, its frozen copy doing the moving."""
        moved = self.get_plain(area)
        self.remove(self.relu)
        self.carry([(self.relu, moved)], run_time=run_time)
        self.relu = moved

    def stretch(self, row: str) -> None:
        """Copy the row's pieces into the next panel and multiply each by its output weight."""
        if row == "top":  # the scaled panels go where the activation is: it steps aside
            self.move_plain(BOARD.corner)
        net, nodes = self.lesson.network, self.rows[row]
        source, key = f"{row}.y", f"{row}.scaled"
        if len(nodes) == 1:
            weight = net.hidden[nodes[0]].output_weight
            word, operation = story.scaling_tag(weight), f"{TIMES} {fmt_term(weight)}"
        else:
            word, operation = "scale", f"{TIMES} own weight"
        both = np.concatenate([self.row_values(row, "y"), self.row_values(row, "scaled")])
        panel = self.make_panel(key, word, operation, self.colors[nodes[0]], BOARD.hidden[key], both)
        curves = self.row_curves(panel, row, "y")
        arrow = self.arrow_between(self.panels[source], panel)
        self.panels[key], self.curves[key] = panel, curves
        self.carry(list(zip(self.curves[source], curves)), FadeIn(panel), Create(arrow))
        names = net.node_names
        self.play(
            *(ChangeData(c, y=net.values(self.dosages, f"{names[i]}.scaled")) for c, i in zip(curves, nodes)),
            run_time=1.5,
        )
        self.hidden_arrows = getattr(self, "hidden_arrows", VGroup()).add(arrow)

    def add_shapes(self) -> None:
        net, theme = self.lesson.network, self.theme
        names = net.node_names
        quantities = [f"{name}.scaled" for name in names] + ["sum"]
        values = np.concatenate([net.values(self.dosages, q) for q in quantities])
        self.sum_panel = self.make_panel("sum", "add", self.sum_operation(), theme.output, BOARD.sum, values)
        terms = VGroup(*(self.curve_on(self.sum_panel, f"{w}.scaled", c) for w, c in zip(names, self.colors)))
        left = self.sum_panel.axes.get_left()
        sides = {"top": 1, "bottom": -1} if len(self.rows) > 1 else {"top": 0}  # one row: straight across
        arrows = VGroup(
            *(
                self.arrow(
                    self.panels[f"{row}.scaled"].area.get_right(), left + side * 0.45 * self.sum_panel.area.height * UP
                )
                for row, side in sides.items()
            )
        )
        self.wedge = self.curve_on(self.sum_panel, "sum", theme.output)
        self.play(FadeOut(self.relu), FadeIn(self.sum_panel), *(Create(a) for a in arrows), run_time=1)
        scaled = [curve for row in self.rows for curve in self.curves[f"{row}.scaled"]]  # in node order
        self.carry(list(zip(scaled, terms)), run_time=1.3)
        self.play(Create(self.wedge), terms.animate.set_stroke(opacity=0.3), run_time=1.5)
        self.hidden_arrows.add(*arrows)
        self.sum_terms = terms

    def shift_wedge(self) -> None:
        net, theme = self.lesson.network, self.theme
        panels = VGroup(*self.panels.values(), *self.curves.values(), self.hidden_arrows, self.sum_terms)
        self.play(FadeOut(panels), run_time=0.8)
        chain_start = self.make_panel("sum", "add", self.sum_operation(), theme.output, BOARD.chain["sum"])
        wedge = self.curve_on(chain_start, "sum", theme.output)
        self.remove(self.wedge, self.sum_panel)  # their frozen copies move: one panel becomes the other
        self.carry([(self.wedge, wedge), (self.sum_panel, chain_start)], run_time=1)
        self.sum_panel, self.wedge = chain_start, wedge
        values = np.concatenate([net.values(self.dosages, q) for q in ("sum", "biased")])
        self.shift_panel = self.make_panel(
            "biased", "shift", fmt_signed(net.final_bias), theme.output, BOARD.chain["biased"], values
        )
        self.shifted = self.curve_on(self.shift_panel, "sum", theme.output)
        self.chain_arrows = VGroup(self.arrow_between(self.sum_panel, self.shift_panel))
        self.carry([(self.wedge, self.shifted)], FadeIn(self.shift_panel), Create(self.chain_arrows[0]), run_time=1)
        self.play(ChangeData(self.shifted, y=net.values(self.dosages, "biased")), run_time=1.5)

    def clip_wedge(self) -> None:
        net, theme = self.lesson.network, self.theme
        values = np.concatenate([net.values(self.dosages, q) for q in ("biased", "output")])
        word, operation = ("clip", "ReLU") if net.output_activation == "relu" else ("output", "no ReLU")
        self.clip_panel = self.make_panel("output", word, operation, theme.output, BOARD.chain["output"], values)
        self.pointy = self.curve_on(self.clip_panel, "biased", theme.output)
        self.chain_arrows.add(self.arrow_between(self.shift_panel, self.clip_panel))
        self.carry([(self.shifted, self.pointy)], FadeIn(self.clip_panel), Create(self.chain_arrows[1]), run_time=1)
        output = net.values(self.dosages, "output")
        self.play(ChangeData(self.pointy, y=output), run_time=1.3)
        self.play(self.clip_panel.animate_to_fit(output), run_time=1.2)

    def side_by_side(self, peaks: dict[str, tuple[float, float]]) -> None:
        net, recap, data, theme = self.lesson.network, self.lesson.recap, self.lesson.data, self.theme
        d = np.linspace(0.0, 1.0, SQUIGGLE_SAMPLES)
        squiggle_values = recap.predict(d)
        datasets = {"relu": data, "softplus": self.lesson.recap_data}  # Part 1's squiggle, on Part 1's data
        y_range = nice_range(
            np.concatenate(
                [squiggle_values, net.values(self.dosages, "output"), data.observed, datasets["softplus"].observed]
            )
        )
        side_plots = {}
        own = story.activation_name(net.hidden_activation)
        for name, title in (("relu", f"{own[:1].upper()}{own[1:]} network"), ("softplus", "Part 1: softplus network")):
            names = self.names if name == "relu" else self.lesson.recap_names
            area = BOARD.side[name]
            plot = DosagePlot(
                y_range=y_range, width=area.width, height=area.height, max_ticks=5, names=names, theme=theme
            )
            plot.place_area(area.point)
            plot.title = make_text(title, theme.label_size, theme.text, weight="BOLD").next_to(plot.area, UP, buff=0.3)
            plot.add(plot.title)
            pull_inside(plot)  # long tick words (another network's) must not run over the edge
            side_plots[name] = plot
        relu_plot, soft_plot = side_plots["relu"], side_plots["softplus"]
        pointy = self.curve_on(relu_plot, "output", theme.output)
        squiggle = soft_plot.get_curve(d, squiggle_values, color=theme.output, stroke_width=5)
        data_points = {name: plot.get_data_points(datasets[name]) for name, plot in side_plots.items()}
        peak_dots, peak_labels = {}, {}
        for name, plot in side_plots.items():
            peak_dots[name] = plot.get_dot(*peaks[name], color=theme.highlight, radius=0.08)
            word = "peak" if name == "softplus" or self.output_shape.peaks else "highest"  # a ramp has no peak
            label = make_text(f"{word} {fmt(peaks[name][1])}", theme.small_size, theme.highlight)
            peak_labels[name] = pull_inside(label.next_to(peak_dots[name], UP, buff=0.12))  # the curve is below a peak

        # the pointy thing grows from its clip panel into the plot that takes the panel's
        # place (never loose outside its axes); Part 1's plot comes in once the rest is gone
        old = VGroup(self.sum_panel, self.wedge, self.shift_panel, self.shifted, self.chain_arrows)
        self.remove(self.pointy)
        self.carry([(self.pointy, pointy)], FadeOut(old), FadeOut(self.clip_panel), FadeIn(relu_plot), run_time=1.3)
        self.play(FadeIn(soft_plot), run_time=0.8)
        self.play(Create(squiggle), run_time=1.5)
        self.play(*(FadeIn(p, scale=1.5) for p in data_points.values()), run_time=0.8)
        for name in ("softplus", "relu"):  # each peak while its sentence is said
            self.next_sentence()
            dot = peak_dots[name]
            self.play(FadeIn(dot), FadeIn(peak_labels[name]), Flash(dot, color=theme.highlight), run_time=0.8)
