"""Stage 5, scale-top: the bent blue line times the top output weight: flipped and stretched."""

from manim import DOWN, Circumscribe, FadeIn, FadeOut, Flash, LaggedStart, Write

from relu_anim.components import ChangeData, scale_equation
from relu_anim.handovers import SCALE_TOP_HIGHEST as HIGHEST
from relu_anim.handovers import bent_line_closing, scaled_range, scaled_title, top_node, top_workbench
from relu_anim.model import story
from relu_anim.scene import LessonScene
from relu_anim.text import TIMES, fmt, fmt_term


class ScaleTop(LessonScene):
    def construct(self):
        net = self.lesson.network
        self.top = top = top_node(net)
        self.color = color = self.theme.path_color(top, net.node_names)
        weight = net.top.output_weight
        self.bench = top_workbench(self.lesson, self.names)
        diagram, plot = self.bench.diagram, self.bench.plot
        self.resume_from_bent_line()
        # Second worked example: bent-line's last dot, the one that rose above 0 (its dots
        # are still there: read from them, not typed again)
        risen_dot = self.plot_dots[-1]
        high, risen = net.forward(HIGHEST).top, net.forward(risen_dot.x).top

        # The top node's output travels on through its output weight
        with self.beat(
            f"On its way to the output, {story.node_word(0, len(net.hidden))}'s value is multiplied by {fmt(weight)}.",
            hold=1.5,
        ):
            self.play(FadeOut(self.bench.graph), self.bench.lower_diagram(), run_time=1)  # the left column, balanced
            self.play(diagram.highlight(f"{top}-sum"), diagram.emphasize_label(f"{top}.output_weight"), run_time=1.2)

        # Worked example: the highest dosage
        end_dot = plot.get_dot(HIGHEST, high.y[0], color=color, radius=0.11)
        examples = [scale_equation(high.y[0], weight, high.scaled[0], color=color)]
        examples[0].move_to(self.bench.equation_spot)
        with self.beat(
            f"At the highest dosage the line is at {fmt(high.y[0])}, and "
            f"{fmt(high.y[0])} {TIMES} {fmt_term(weight)} = {fmt(high.scaled[0])}.",
            hold=2,
        ):
            self.play(FadeIn(end_dot, scale=0.5), Flash(end_dot, color=color), run_time=0.8)
            self.play(Write(examples[0]), run_time=1.5)
            self.follow_product(examples[0], end_dot)

        # The example's result lies far below the axes: they stretch to show it
        with self.beat(self.axes_words(high.scaled[0]), hold=1.5):
            self.play(
                ChangeData(end_dot, y=high.scaled[0]),
                plot.animate_y_range(*scaled_range(net)),
                run_time=2.5,
            )

        # Every y-coordinate is multiplied: the line flips and stretches to meet it
        with self.beat(
            f"Every other point is multiplied by {fmt(weight)} too: the {self.line_word()} "
            f"{story.scaling_words(weight)} to meet it.",
            hold=2,
        ):
            self.play(*self.scale_marks(), run_time=2.5)
            self.play(plot.animate_y_title(scaled_title(net)), run_time=1)

        # Worked example: the dot that had risen above 0
        examples.append(scale_equation(risen.y[0], weight, risen.scaled[0], color=color))
        examples[1].next_to(examples[0], DOWN, buff=0.3)
        with self.beat(
            f"The dot at dosage {fmt(risen_dot.x)} went from {fmt(risen.y[0])} "
            f"{self.direction(risen.y[0], risen.scaled[0])} {fmt(risen.scaled[0])}.",
            hold=2,
        ):
            self.play(Write(examples[1]), Flash(risen_dot, color=color), run_time=1.5)

        # The flat part stays at 0
        dosages = [dot.x for dot in self.plot_dots]
        flat = [dot for dot in self.plot_dots if dot.x in story.flat_dosages(net, top, dosages)]
        caption = (
            "The flat part stays at 0: zero times any weight is still zero."
            if flat
            else "Zero times any weight would stay zero, but this line has no flat part at these dosages."
        )
        with self.beat(caption, hold=2):
            self.play(FadeOut(*examples), run_time=0.6)
            if flat:
                self.play(LaggedStart(*(Flash(dot, color=color) for dot in flat), lag_ratio=0.3), run_time=1.5)

    def follow_product(self, example, dot) -> None:
        """Point at each number of the worked product as it is read out: the line's
        height (with its dot), the output weight (with its label on the diagram), the
        result. The sentence is long: the picture would stand still under it."""
        highlight = self.theme.highlight
        self.wait(0.5)
        self.play(Circumscribe(example.part("y"), color=highlight), Flash(dot, color=self.color), run_time=1)
        self.play(
            Circumscribe(example.part("weight"), color=highlight),
            self.bench.diagram.emphasize_label(f"{self.top}.output_weight"),
            run_time=1.2,
        )
        self.play(Circumscribe(example.part("scaled"), color=highlight), run_time=1)

    # -- captions that depend on the numbers ------------------------------------------

    def axes_words(self, value: float) -> str:
        """Where the worked example lands against bent-line's axes (story.outside)."""
        where = story.outside(value, *self.bench.plot.y_range[:2])
        if where == "inside" and tuple(scaled_range(self.lesson.network)) == tuple(self.bench.plot.y_range[:2]):
            return f"{fmt(value)} is already on these axes, which stay as they are."  # the line fits them scaled too
        if where == "inside":
            return f"{fmt(value)} is already on these axes; they refit to the scaled line."
        return f"{fmt(value)} is {where} these axes, so they stretch to keep it in view."

    def line_word(self) -> str:
        """ "bent line" when the top node's line bends at a dosage shown, as in bent-line."""
        return "bent line" if story.bends_inside(self.lesson.network, self.top) else "line"

    @staticmethod
    def direction(before: float, after: float) -> str:
        return "down to" if after < before else "up to" if after > before else "and stayed at"

    def resume_from_bent_line(self) -> None:
        """Bent-line's last picture: the top connection lit, the bent blue line and its dots."""
        self.blue_line, self.plot_dots = bent_line_closing(self.bench, self.lesson, self.theme)
        self.add(self.bench, self.blue_line, *self.plot_dots)

    def scale_marks(self) -> list[ChangeData]:
        """The line's and the dots' y-coordinates become the model's scaled values."""
        forward = self.lesson.network.forward
        line = ChangeData(self.blue_line, y=forward(self.blue_line.x).top.scaled)
        return [line, *(ChangeData(dot, y=forward(dot.x).top.scaled[0]) for dot in self.plot_dots)]
