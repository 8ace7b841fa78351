"""Stage 3, first-dot: dosage 0 goes through the top node and lands as a blue dot."""

from manim import FadeIn, Flash

from relu_anim.components import DosagePass
from relu_anim.handovers import FIRST_DOSAGE as DOSAGE
from relu_anim.handovers import top_node, top_workbench
from relu_anim.model import story
from relu_anim.scene import LessonScene
from relu_anim.text import fmt


class FirstDot(LessonScene):
    def construct(self):
        net = self.lesson.network
        n, top = len(net.hidden), top_node(net)
        bench = top_workbench(self.lesson, self.names)
        diagram, relu, plot = bench.diagram, bench.graph, bench.plot
        step = DosagePass(net, top, DOSAGE, relu, plot, at=bench.equation_spot, diagram=diagram)
        x, y = step.x, step.y

        # The network of Part 3, its top node's activation, and an empty plot
        with self.beat(f"Dosages run from 0 (low) to 1 (high). Start with the lowest: {fmt(DOSAGE)}.", hold=1.5):
            self.play(*self.from_opening(FadeIn(plot), move=[diagram]), run_time=1.5)
            self.play(FadeIn(relu), run_time=1)

        # Dosage 0 goes through the top connection
        with self.beat(
            f"{story.node_part(0, n).capitalize()} multiplies the dosage by {fmt(net.top.weight)} "
            f"and adds {fmt(net.top.bias)}: that gives {fmt(x)}.",
            hold=2,
        ):
            self.play(diagram.highlight(f"input-{top}"), run_time=0.8)
            self.play(step.enter(), run_time=1.4)
            self.play(step.write_equation(), run_time=2)

        # The result is an x-axis coordinate for the activation function
        title = story.activation_name(net.hidden_activation)
        with self.beat(f"{fmt(x)} is an x-axis coordinate on the {title} graph.", hold=1.5):
            self.play(step.drop_input(), run_time=1.5)

        # ReLU outputs the larger of 0 and the input
        words = (
            f"ReLU keeps the larger of 0 and its input. Here that is {fmt(y)}."
            if net.hidden_activation == "relu"
            else f"{title.capitalize()} turns it into {fmt(y)}."
        )
        with self.beat(words, hold=2):
            self.play(step.write_activation(), run_time=1.5)
            self.play(step.apply(), run_time=1)

        # ...and that y-axis value becomes a blue dot on the plot
        with self.beat(f"So {story.dot_word(0, n)} goes at height {fmt(y)} for dosage {fmt(DOSAGE)}.", hold=2.5):
            self.play(step.land(), run_time=1.5)
            self.play(Flash(step.plot_dot, color=self.theme.path_color(top, net.node_names)), run_time=0.8)
