"""The joined lesson's summary card: the whole pipeline in six panels, each with the
curve of its step from the model: slice (the top node's activation bends its line),
flip and stretch (its output weight), stretch (the bottom node's line times its
output weight; with more nodes, every other node's line times its own), add (blue +
orange; every line), shift (the final bias), clip (the output ReLU), ending on the fit
through the data. A network of one hidden node has four: nothing else to scale or add."""

import numpy as np
from manim import Create, FadeIn, Indicate

from relu_anim.components import PipelineGrid
from relu_anim.model import sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import TIMES, fmt, fmt_signed, fmt_term


class SummaryCard(LessonScene):
    def construct(self):
        net, theme = self.lesson.network, self.theme
        self.dosages = sample_dosages(net)
        self.count = len(net.hidden)
        self.colors = theme.node_colors(self.count)
        self.grid = PipelineGrid(names=self.names, theme=theme)
        steps = self.steps()
        self.panels = [self.grid.make_panel(i, *step) for i, (_, step) in enumerate(steps)]
        self.at = {key: i for i, (key, _) in enumerate(steps)}  # each step's panel
        arrows = self.grid.get_arrows(self.panels)
        top, others = net.node_names[0], net.node_names[1:]

        # The steps at a glance; the first: the top node's activation slices its line
        with self.beat(self.slice_words(), hold=1.5):
            self.play(*self.from_opening(FadeIn(*self.panels, arrows)), run_time=1.2)
            self.next_sentence()  # "Slice: ..."
            self.draw("slice", f"{top}.y", self.colors[0])

        # Its output weight flips and stretches the piece
        with self.beat(self.scale_words(0), hold=1.5):
            self.draw("scale", f"{top}.scaled", self.colors[0])

        if others:
            # The other nodes' lines, each times its output weight
            with self.beat(self.others_words(), hold=1.5):
                self.draw("others", [(f"{w}.y", c) for w, c in zip(others, self.colors[1:])], faint=True)
                self.draw("others", [(f"{w}.scaled", c) for w, c in zip(others, self.colors[1:])], lit=len(others) == 1)

            # All the lines added: blue plus orange
            with self.beat(self.add_words(), hold=1.5):
                self.draw("add", [(f"{w}.scaled", c) for w, c in zip(net.node_names, self.colors)], faint=True)
                self.draw("add", "sum", theme.output)

        # The final bias shifts it
        with self.beat(self.shift_words(), hold=1.5):
            self.draw("shift", "biased", theme.output)

        # The output ReLU clips it
        with self.beat(self.clip_words(), hold=1.5):
            self.draw("clip", "output", theme.output)

        # The fit through the data
        with self.beat(self.fit_words(), hold=2.5):
            last = self.panels[self.at["clip"]]
            self.play(
                FadeIn(last.get_data_points(self.lesson.data), scale=1.5),
                Create(self.grid.get_frame_around(last)),
                run_time=1.2,
            )

    # -- the steps: (key, (word, operation, colour, values the panel shows)) --------------

    def steps(self) -> list[tuple]:
        """The card's steps in order: slice and scale the top node's line; with more nodes,
        the others' lines scaled and everything added; then shift and clip. Six for two
        nodes or more, four for one (nothing else to scale or add)."""
        net, theme, n = self.lesson.network, self.theme, self.count
        v = self.values
        names, top = net.node_names, net.top
        clip = ("clip", "ReLU(green)") if net.output_activation == "relu" else ("output", "green, no ReLU")
        steps = [
            (
                "slice",
                (
                    "slice",
                    self.say(
                        f"{story.activation_name(net.hidden_activation)}({fmt(top.weight)} {TIMES} dosage "
                        f"{fmt_signed(top.bias)})"
                    ),
                    self.colors[0],
                    v(f"{names[0]}.y"),
                ),
            ),
            (
                "scale",
                (
                    story.scaling_tag(top.output_weight),
                    f"{self.line_name(0)} {TIMES} {fmt_term(top.output_weight)}",
                    self.colors[0],
                    v(f"{names[0]}.scaled"),
                ),
            ),
        ]
        if n > 1:
            others = [np.concatenate([v(f"{w}.y"), v(f"{w}.scaled")]) for w in names[1:]]
            weight = net.bottom.output_weight
            steps += [
                (
                    "others",
                    (
                        story.scaling_tag(weight) if n == 2 else "scale",
                        f"orange {TIMES} {fmt_term(weight)}" if n == 2 else f"each {TIMES} its output weight",
                        self.colors[1],
                        np.concatenate(others),
                    ),
                ),
                (
                    "add",
                    (
                        "add",
                        "blue + orange" if n == 2 else "every line added",
                        theme.output,
                        np.concatenate([v(f"{w}.scaled") for w in names] + [v("sum")]),
                    ),
                ),
            ]
        return steps + [
            ("shift", ("shift", f"green {fmt_signed(net.final_bias)}", theme.output, v("biased"))),
            ("clip", (*clip, theme.output, np.concatenate([v("output"), self.lesson.data.observed]))),
        ]

    def line_name(self, index: int) -> str:
        """A line as a panel's operation names it: "blue" for the lesson's two, else by its
        node ("top node's line")."""
        return ("blue", "orange")[index] if self.count == 2 else story.line_word(index, self.count).removeprefix("the ")

    def values(self, quantity: str) -> np.ndarray:
        return self.lesson.network.values(self.dosages, quantity)

    def draw(self, step: str, quantity, color=None, faint: bool = False, lit: bool = True) -> None:
        """The curve of ``quantity`` on ``step``'s panel (faint: a term that goes into it);
        the step's result (``lit``) lights up while its words go on. ``quantity`` may be a
        list of ``(quantity, colour)``: the lesson's two drawn one after the other, more
        all at once (the card grows little with more nodes)."""
        pairs = [(quantity, color)] if isinstance(quantity, str) else quantity
        panel = self.panels[self.at[step]]
        for group in [[pair] for pair in pairs] if len(pairs) <= 2 else [pairs]:
            curves = [panel.plot_network(self.lesson.network, q, color=c, stroke_width=5) for q, c in group]
            for curve in curves if faint else ():
                curve.set_stroke(opacity=0.35)
            self.play(*(Create(curve) for curve in curves), run_time=0.6 if faint else 1.0)
        if lit and not faint:
            self.play(Indicate(curves[-1], scale_factor=1, color=self.theme.highlight), run_time=1.0)

    # -- captions: words chosen by the numbers (relu_anim.model.story) ---------------------

    def slice_words(self) -> str:
        verb, at = story.turn(self.lesson.network, 0)
        where = verb if at is None else f"{verb} dosage {fmt(at)}"
        steps = story.count_word(len(self.steps()))
        return f"The whole lesson in {steps} steps. Slice: {story.node_word(0, self.count)}'s activation {where}."

    def scale_words(self, index: int) -> str:
        """Node ``index``'s line times its output weight: the storyboard's "the bent blue
        line" (the top node's) and "the bottom node's straight orange line"."""
        net, n = self.lesson.network, self.count
        weight = net.node(index).output_weight
        tag = story.scaling_tag(weight).replace(" + ", " and ")
        line = story.line_word(index, n, story.line_shape(net, net.node_names[index]))
        if n == 2 and index == 1:
            line = f"the bottom node's {line.removeprefix('the ')}"
        return f"{tag[:1].upper()}{tag[1:]}: times {fmt(weight)}, {line} {story.scaling_words(weight)}."

    def others_words(self) -> str:
        """The lines of the nodes under the top one, each times its own output weight."""
        if self.count == 2:
            return self.scale_words(1)
        return "Scale the rest: each other node's line, times its own output weight, flips or stretches in its own way."

    def add_words(self) -> str:
        if self.count == 2:
            return "Add: blue plus orange, point by point, makes one new green shape."
        return "Add: every node's line, point by point, makes one new green shape."

    def shift_words(self) -> str:
        bias = self.lesson.network.final_bias
        direction = story.shift_direction(bias)
        moves = f"moves it {direction}" if direction else "leaves it where it is"
        return f"Shift: the final bias, {fmt(bias)}, {moves}."

    def clip_words(self) -> str:
        net = self.lesson.network
        effect = story.clip_effect(net)
        if effect == "none":
            return "No clip: this network has no ReLU before the output, so the shifted shape is what comes out."
        if effect == "all":
            return "Clip: the output ReLU turns everything below 0 into 0, and here that is all of it."
        if effect == "nothing":
            return "Clip: the output ReLU turns everything below 0 into 0, but nothing here is below 0."
        return f"Clip: the output ReLU turns everything below 0 into 0, leaving the {story.clipped_shape(net)}."

    def fit_words(self) -> str:
        net, data = self.lesson.network, self.lesson.data
        if story.passes_close(net, data.dosage, data.observed):
            return f"And there is the fit: it passes close to all {len(data)} data points."
        miss = float(np.max(np.abs(net.predict(data.dosage) - data.observed)))
        return f"And there is the output: it misses its data by up to {fmt(miss)}."
