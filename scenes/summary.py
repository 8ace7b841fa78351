"""The joined lesson's summary card: the whole pipeline in six panels, each with the
curve of its step from the model: slice (the top node's activation bends its line),
flip and stretch (its output weight), stretch (the bottom node's line times its
output weight), add (blue + orange), shift (the final bias), clip (the output ReLU),
ending on the fit through the data."""

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
        self.grid = PipelineGrid(names=self.names, theme=theme)
        self.panels = [self.grid.make_panel(i, *step) for i, step in enumerate(self.steps())]
        arrows = self.grid.get_arrows(self.panels)

        # The six steps at a glance; the first: the top node's activation slices its line
        with self.beat(self.slice_words(), hold=1.5):
            self.play(*self.from_opening(FadeIn(*self.panels, arrows)), run_time=1.2)
            self.next_sentence()  # "Slice: ..."
            self.draw(0, "top.y", theme.top)

        # Its output weight flips and stretches the piece
        with self.beat(self.scale_words("top", "blue"), hold=1.5):
            self.draw(1, "top.scaled", theme.top)

        # The bottom node's line, times its output weight
        with self.beat(self.scale_words("bottom", "orange"), hold=1.5):
            self.draw(2, "bottom.y", theme.bottom, faint=True)
            self.draw(2, "bottom.scaled", theme.bottom)

        # Blue plus orange
        with self.beat("Add: blue plus orange, point by point, makes one new green shape.", hold=1.5):
            self.draw(3, "top.scaled", theme.top, faint=True)
            self.draw(3, "bottom.scaled", theme.bottom, faint=True)
            self.draw(3, "sum", theme.output)

        # The final bias shifts it
        with self.beat(self.shift_words(), hold=1.5):
            self.draw(4, "biased", theme.output)

        # The output ReLU clips it
        with self.beat(self.clip_words(), hold=1.5):
            self.draw(5, "output", theme.output)

        # The fit through the data
        with self.beat(self.fit_words(), hold=2.5):
            self.play(
                FadeIn(self.panels[5].get_data_points(self.lesson.data), scale=1.5),
                Create(self.grid.get_frame_around(self.panels[5])),
                run_time=1.2,
            )

    # -- the six steps: (word, operation, colour, values the panel shows) -----------------

    def steps(self) -> list[tuple]:
        net, theme = self.lesson.network, self.theme
        v = self.values
        top, bottom = net.top, net.bottom
        clip = ("clip", "ReLU(green)") if net.output_activation == "relu" else ("output", "green, no ReLU")
        return [
            (
                "slice",
                self.say(
                    f"{story.activation_name(net.hidden_activation)}({fmt(top.weight)} {TIMES} dosage "
                    f"{fmt_signed(top.bias)})"
                ),
                theme.top,
                v("top.y"),
            ),
            (
                story.scaling_tag(top.output_weight),
                f"blue {TIMES} {fmt_term(top.output_weight)}",
                theme.top,
                v("top.scaled"),
            ),
            (
                story.scaling_tag(bottom.output_weight),
                f"orange {TIMES} {fmt_term(bottom.output_weight)}",
                theme.bottom,
                np.concatenate([v("bottom.y"), v("bottom.scaled")]),
            ),
            ("add", "blue + orange", theme.output, np.concatenate([v("top.scaled"), v("bottom.scaled"), v("sum")])),
            ("shift", f"green {fmt_signed(net.final_bias)}", theme.output, v("biased")),
            (*clip, theme.output, np.concatenate([v("output"), self.lesson.data.observed])),
        ]

    def values(self, quantity: str) -> np.ndarray:
        return self.lesson.network.values(self.dosages, quantity)

    def draw(self, index: int, quantity: str, color, faint: bool = False) -> None:
        """The step's curve of ``quantity`` on panel ``index`` (faint: a term that goes into it)."""
        curve = self.panels[index].plot_network(self.lesson.network, quantity, color=color, stroke_width=5)
        if faint:
            curve.set_stroke(opacity=0.35)
        self.play(Create(curve), run_time=0.6 if faint else 1.0)
        if not faint:  # the step's result lights up while its words go on
            self.play(Indicate(curve, scale_factor=1, color=self.theme.highlight), run_time=1.0)

    # -- captions: words chosen by the numbers (relu_anim.model.story) ---------------------

    def slice_words(self) -> str:
        verb, at = story.turn(self.lesson.network, "top")
        where = verb if at is None else f"{verb} dosage {fmt(at)}"
        return f"The whole lesson in six steps. Slice: the top node's activation {where}."

    def scale_words(self, which: str, colour: str) -> str:
        net = self.lesson.network
        weight = net.node(which).output_weight
        tag = story.scaling_tag(weight).replace(" + ", " and ")
        line = f"the {story.line_shape(net, which)} {colour} line"
        if which == "bottom":
            line = f"the bottom node's {story.line_shape(net, which)} {colour} line"
        return f"{tag[:1].upper()}{tag[1:]}: times {fmt(weight)}, {line} {story.scaling_words(weight)}."

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
