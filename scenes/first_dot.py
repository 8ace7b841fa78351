"""Stage 3, first-dot: dosage 0 goes through the top node and lands as a blue dot."""

from manim import DOWN, FadeIn, Flash, ReplacementTransform, TransformFromCopy, Write

from relu_anim.components import activation_equation, node_equation
from relu_anim.components.layout import Workbench
from relu_anim.scene import LessonScene
from relu_anim.text import fmt

DOSAGE = 0.0  # the lowest dosage: where the lesson starts


class FirstDot(LessonScene):
    def construct(self):
        net, theme = self.lesson.network, self.theme
        f = net.forward(DOSAGE)
        x, y = f.top.x[0], f.top.y[0]
        bench = Workbench(net, "top", plot_title="Top node output")
        diagram, relu, plot = bench.diagram, bench.graph, bench.plot

        # The network of Part 3, its top node's activation, and an empty plot
        with self.beat(f"Dosages run from 0 (low) to 1 (high). Start with the lowest: {fmt(DOSAGE)}.", hold=1.5):
            self.play(FadeIn(diagram), FadeIn(plot), run_time=1.5)
            self.play(FadeIn(relu), run_time=1)

        # Dosage 0 goes through the top connection
        equation = node_equation(net, "top", DOSAGE).move_to(bench.equation_spot)
        with self.beat(
            f"The top connection multiplies the dosage by {fmt(net.top.weight)} and adds {fmt(net.top.bias)}: "
            f"that gives {fmt(x)}.",
            hold=2,
        ):
            self.play(diagram.highlight("input-top"), run_time=0.8)
            self.play(Write(equation), run_time=2)

        # The result is an x-axis coordinate for the activation function
        dot = relu.get_input_dot(x)
        with self.beat(f"{fmt(x)} is an x-axis coordinate on the ReLU graph.", hold=1.5):
            self.play(ReplacementTransform(equation.part("x").copy(), dot), run_time=1.5)

        # ReLU outputs the larger of 0 and the input
        relu_eq = activation_equation("relu", x, y, color=theme.top).next_to(equation, DOWN, buff=0.25)
        with self.beat(f"ReLU keeps the larger of 0 and its input. Here that is {fmt(y)}.", hold=2):
            self.play(Write(relu_eq), run_time=1.5)
            self.play(relu.apply(dot), Flash(dot, color=theme.top), run_time=1)

        # ...and that y-axis value becomes a blue dot on the plot
        plot_dot = plot.get_dot(DOSAGE, y, color=theme.top, radius=0.11)
        with self.beat(f"So a blue dot goes at height {fmt(y)} for dosage {fmt(DOSAGE)}.", hold=2.5):
            self.play(TransformFromCopy(dot, plot_dot), run_time=1.5)
            self.play(Flash(plot_dot, color=theme.top), run_time=0.8)
        self.plot_dot = plot_dot  # named for tests and snapshots
