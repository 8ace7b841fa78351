"""Stage 6, orange-line: dosages through the bottom node give a straight orange line, then scaled."""

from manim import DOWN, LEFT, UL, FadeIn, FadeOut, Flash, Write, linear

from relu_anim.components import ChangeData, DosagePass, DotTracer, Workbench, nice_range, place_clear, scale_equation
from relu_anim.handovers import scale_top_closing
from relu_anim.model import DOSAGE_RANGE, sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import TIMES, fmt, make_text

EXAMPLE = 0.2  # the dosage worked through by hand
FIRST, LAST = DOSAGE_RANGE  # the sweep runs from the lowest dosage to the highest
FADED = 0.3  # opacity of the blue line while the orange one has the stage
TIGHT = 0.02  # margin when fitting both lines: keeps the final axes at a round range


class OrangeLine(LessonScene):
    def construct(self):
        net, theme = self.lesson.network, self.theme
        bottom = net.bottom
        self.bench = Workbench(net, "bottom", names=self.names)  # scale-top's axes and title: resume_from_scale_top
        diagram, relu, plot = self.bench.diagram, self.bench.graph, self.bench.plot
        self.resume_from_scale_top()

        # The bottom node's turn; the blue line steps back
        with self.beat("Now the bottom node. The blue line steps back until the two lines meet.", hold=1.5):
            self.play(self.bench.corner_diagram(), run_time=0.8)  # room for the activation graph
            self.play(
                diagram.unhighlight(),
                FadeOut(*self.blue_dots),
                self.blue_line.animate.set_stroke(opacity=FADED),
                plot.animate_y_title("Bottom node\noutput"),
                FadeIn(relu),
                run_time=1.5,
            )

        # Dosage 0.2 goes through the bottom connection
        self.example = DosagePass(net, "bottom", EXAMPLE, relu, plot, at=self.bench.equation_spot, diagram=diagram)
        with self.beat(
            f"The bottom connection multiplies the dosage by {fmt(bottom.weight)} and adds {fmt(bottom.bias)}: "
            f"dosage {fmt(EXAMPLE)} gives {fmt(self.example.x)}.",
            hold=1.5,
        ):
            self.play(diagram.highlight("input-bottom"), run_time=0.8)
            self.play(self.example.enter(), run_time=1.2)
            self.play(self.example.write_equation(), run_time=1.5)

        # ReLU keeps the positive value: an orange dot
        with self.beat(self.example_words(), hold=1.5):
            for step in self.example.steps(written=True):  # the equation stays; its x drops from it
                self.play(step)

        # Every dosage traces a straight orange line; the axes make room
        with self.beat(
            f"Every dosage from the lowest to the highest does the same, {self.direction('y')} {fmt(net.forward(LAST).bottom.y[0])}: "
            "the axes grow to keep the line in view.",
            hold=1,
        ):
            self.sweep()

        # No bend: the bottom node's x is never negative
        with self.beat(self.line_words(), hold=2):
            self.settle_sweep()

        # The bottom output weight multiplies every y-coordinate
        example = net.forward(EXAMPLE).bottom
        scale_example = scale_equation(example.y[0], bottom.output_weight, example.scaled[0], color=theme.bottom)
        lowered = self.bench.lower_diagram()  # the activation graph goes: the diagram takes its place
        scale_example.move_to(self.bench.equation_spot)
        with self.beat(
            f"Next, the bottom output weight {fmt(bottom.output_weight)} multiplies every y-coordinate: "
            f"{fmt(example.y[0])} becomes {fmt(example.scaled[0])}.",
            hold=2,
        ):
            self.play(FadeOut(relu), lowered, run_time=1)
            self.play(diagram.highlight("bottom-sum"), diagram.emphasize_label("bottom.output_weight"), run_time=1.2)
            self.play(Write(scale_example), Flash(self.example.plot_dot, color=theme.bottom), run_time=1.5)

        # The line stretches up to its final height
        with self.beat(
            f"The whole line {story.scaling_words(bottom.output_weight)}, "
            f"{self.direction('scaled')} {fmt(net.forward(LAST).bottom.scaled[0])} at "
            f"{self.dosage_words(LAST)}: "
            f"the final {story.line_shape(net, 'bottom')} orange line.",
            hold=2,
        ):
            self.stretch()

        # Both lines, ready for the next step
        with self.beat("The blue line returns: these two are what the output node adds up.", hold=2.5):
            self.play(
                diagram.highlight("top", "bottom"),
                FadeOut(self.orange_relu_line),  # the equation stays: its dot is still there
                FadeOut(self.end_label),
                self.blue_line.animate.set_stroke(opacity=1),
                plot.animate_y_title(f"Node outputs\n{TIMES} output weights"),
                run_time=1.5,
            )

    # -- captions that depend on the numbers ------------------------------------------

    def direction(self, quantity: str = "y") -> str:
        """Which way the orange line runs, from dosage 0 to the last."""
        ends = getattr(self.lesson.network.forward([FIRST, LAST]).bottom, quantity)
        return "up to" if ends[1] >= ends[0] else "down to"

    def example_words(self) -> str:
        x, y, net = self.example.x, self.example.y, self.lesson.network
        if net.hidden_activation != "relu":
            return f"{story.activation_name(net.hidden_activation).capitalize()} turns {fmt(x)} into {fmt(y)}: an orange dot."
        if x > 0:
            return f"{fmt(x)} is positive, so ReLU keeps it: an orange dot at {fmt(y)}."
        return f"{fmt(x)} is not positive, so ReLU gives {fmt(y)}: an orange dot at {fmt(y)}."

    def line_words(self) -> str:
        net, bottom = self.lesson.network, self.lesson.network.bottom
        if net.hidden_activation != "relu":
            return (
                f"{story.activation_name(net.hidden_activation).capitalize()} has no sharp bend: a smooth orange curve."
            )
        if story.never_negative(net, "bottom"):
            if bottom.bias == 0:
                return f"{fmt(bottom.weight)} {TIMES} dosage is never negative, so ReLU never flattens it: a straight orange line."
            return "The bottom connection is never negative here, so ReLU never flattens it: a straight orange line."
        if story.bends_inside(net, "bottom"):
            return (
                f"This one bends at dosage {fmt(net.bend('bottom'))}: where the connection is negative, ReLU gives 0."
            )
        return "The bottom connection is negative at every dosage, so ReLU gives 0 all along: a flat orange line."

    # -- where scale-top left off ---------------------------------------------------------

    def resume_from_scale_top(self) -> None:
        """Scale-top's last picture, its activation graph still hidden."""
        self.blue_line, self.blue_dots = scale_top_closing(self.bench, self.lesson, self.theme)
        self.add(self.bench.diagram, self.bench.plot, self.blue_line, *self.blue_dots)

    # -- beats ----------------------------------------------------------------------------

    def sweep(self) -> None:
        """A dot rides the bottom ReLU while the plot draws the line and makes room for it."""
        bench, net = self.bench, self.lesson.network
        self.tracer = DotTracer(net, bench.plot, "bottom.y", activation_graph=bench.graph)
        readout = self.tracer.readout.move_to(bench.equation_spot)
        self.play(self.example.clear(), FadeIn(self.tracer.graph_dot, self.tracer.plot_dot, readout), run_time=0.8)
        self.add(self.tracer.trail)
        self.bring_to_front(self.example.plot_dot, self.tracer.plot_dot)
        d = sample_dosages(net)
        f = net.forward(d)
        self.play(
            self.tracer.move_to_dosage(LAST, rate_func=linear),
            bench.plot.animate_y_range(*nice_range([f.top.scaled, f.bottom.y])),
            run_time=5,
        )

    def settle_sweep(self) -> None:
        """The trail becomes the orange line; the tracer's dots and readout go."""
        tracer, net = self.tracer, self.lesson.network
        self.orange_relu_line = self.bench.plot.plot_network(net, "bottom.y", color=self.theme.bottom)
        self.remove(tracer.trail)
        self.add(self.orange_relu_line)
        self.bring_to_front(self.example.plot_dot, tracer.plot_dot)
        self.play(FadeOut(tracer.graph_dot, tracer.plot_dot, tracer.readout), run_time=0.8)

    def stretch(self) -> None:
        """The orange line times the output weight, leaving a faded copy of where it was."""
        net, plot = self.lesson.network, self.bench.plot
        orange_line = plot.plot_network(net, "bottom.y", color=self.theme.bottom)
        self.add(orange_line)
        self.orange_relu_line.set_stroke(opacity=FADED)
        self.bring_to_front(self.example.plot_dot)
        f = net.forward(orange_line.x)
        dot = self.example.plot_dot
        self.play(
            ChangeData(orange_line, y=f.bottom.scaled),
            ChangeData(dot, y=net.forward(dot.x).bottom.scaled[0]),
            plot.animate_y_range(*nice_range([f.top.scaled, f.bottom.scaled, f.bottom.y], pad=TIGHT)),
            run_time=3,
        )
        end = float(f.bottom.scaled[-1])  # the value the caption says, written at the line's end
        self.end_label = place_clear(
            make_text(fmt(end), self.theme.small_size, self.theme.bottom),
            plot.c2p(orange_line.x[-1], end),
            avoid=[orange_line],
            sides=(UL, LEFT, DOWN),
        )
        self.play(
            plot.animate_y_title(f"Bottom node\noutput {TIMES} {fmt(net.bottom.output_weight)}"),
            FadeIn(self.end_label),
            run_time=1,
        )
