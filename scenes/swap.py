"""Stage 2, swap: softplus makes way for ReLU, one more ReLU goes before the output,
and the weights and biases become this lesson's."""

from manim import DOWN, UP, FadeIn, FadeOut, Flash, Indicate, VGroup, Write

from relu_anim.components import SHOWCASE, ActivationGraph, NetworkDiagram, activation_equation
from relu_anim.model import activate, story
from relu_anim.scene import LessonScene
from relu_anim.text import FadeThrough, fmt, make_text

INPUTS = (-0.6, 0.6)  # one negative and one positive input to try on ReLU
ACTIVATION_RANGES = {"x_range": (-1.0, 1.0), "y_range": (-0.25, 1.5)}  # softplus(1) = 1.31 fits


class Swap(LessonScene):
    def construct(self):
        recap, net = self.lesson.recap, self.lesson.network
        self.diagram = SHOWCASE.place_diagram(
            NetworkDiagram(recap, names=self.lesson.recap_names)
        )  # as the recap left it

        # Part 1's network once more, softplus in both hidden nodes
        with self.beat("Back to Part 1's network, with softplus in both hidden nodes.", hold=1):
            self.old = self.get_activation(recap.hidden_activation)
            self.play(*self.from_opening(FadeIn(self.old, shift=UP * 0.2), move=[self.diagram]), run_time=1.5)
            self.play(*(self.point_at(self.diagram.icons[which]) for which in ("top", "bottom")), run_time=1)

        # Softplus makes way for ReLU (or for this network's own activation)
        with self.beat(self.swap_words(), hold=1.5):
            self.show_relu()
            if net.hidden_activation != recap.hidden_activation:
                self.play(
                    *(self.diagram.swap_activation(w, net.hidden_activation) for w in ("top", "bottom")), run_time=1.5
                )
            else:
                self.wait(1.5)

        # ReLU keeps the larger of 0 and its input
        with self.beat(
            "ReLU outputs the larger of 0 and its input: negatives become 0, positives pass straight through.", hold=2
        ):
            self.try_inputs()

        # As a bonus, one more ReLU right before the output
        if net.output_activation == "relu":
            with self.beat("As a bonus, one more ReLU goes right before the output.", hold=1.5):
                self.play(self.diagram.show_output_activation(), run_time=1.5)
                self.play(self.point_at(self.diagram.icons["output"]), run_time=1)
        else:
            with self.beat(
                "The lesson's network adds one more ReLU right before the output; this one does not.", hold=1.5
            ):
                self.play(self.point_at(self.diagram.nodes["sum"]), run_time=1)

        # The weights and biases become the ones this lesson fits with
        with self.beat(self.relabel_words(), hold=2.5):
            self.play(FadeOut(self.tries), run_time=1)
            self.play(self.take_over(net), run_time=2.5)

    def take_over(self, net):
        """The diagram becomes ``net``'s: its labels rewritten where Part 1's has as many
        hidden nodes, else the whole diagram redrawn at its place with ``net``'s nodes."""
        if len(net.hidden) == len(self.lesson.recap.hidden):
            return self.diagram.relabel(net, lag_ratio=0.15, names=self.names)
        fresh = self.diagram.get_matching(net, self.names)
        old, self.diagram = self.diagram, fresh
        return FadeThrough(old, fresh, replace_mobject_with_target_in_scene=True)

    def relabel_words(self) -> str:
        """The weights becoming this lesson's, from the top node's; with another number of
        hidden nodes than Part 1's two, the diagram grows or shrinks to it, said first."""
        net, recap = self.lesson.network, self.lesson.recap
        n, top = len(net.hidden), net.top
        start = f"starting with {fmt(top.weight)} and {fmt(top.bias)} on the way into {story.node_word(0, n)}."
        if n == len(recap.hidden):
            return f"Last, the weights and biases become this lesson's, {start}"
        nodes = f"{story.count_word(n)} hidden node{'s' if n > 1 else ''}"
        return f"Last, this lesson's network takes over: {nodes}, its weights and biases {start}"

    def swap_words(self) -> str:
        """The storyboard's swap when this network's hidden nodes use ReLU; else what it
        really does, while ReLU is still shown (the lesson is about it)."""
        was, now = self.lesson.recap.hidden_activation, self.lesson.network.hidden_activation
        old, new = story.activation_name(was), story.activation_name(now)
        if now == "relu":
            return f"Now swap {old} for ReLU, short for rectified linear unit."
        if now == was:
            return f"This network keeps {old}; the lesson's network swaps it for ReLU, short for rectified linear unit."
        return f"This network swaps {old} for {new}; the lesson's network uses ReLU, short for rectified linear unit."

    def get_activation(self, name: str) -> ActivationGraph:
        """An activation function drawn large beside the diagram."""
        area = SHOWCASE.activation
        graph = ActivationGraph(name, **ACTIVATION_RANGES, width=area.width, height=area.height, color=self.theme.text)
        return graph.place_area(area.point)

    def show_relu(self) -> None:
        """ReLU takes the old activation's place, with its full name and formula."""
        theme = self.theme
        self.relu = self.get_activation("relu")
        relu_name = make_text("rectified linear unit", theme.label_size, theme.muted)
        relu_name.next_to(self.relu.formula, UP, buff=0.15)
        self.play(
            FadeOut(self.old, shift=DOWN * 0.2), FadeIn(VGroup(self.relu, relu_name), shift=UP * 0.2), run_time=1.2
        )

    def point_at(self, mobject) -> Indicate:
        """A brief pulse in the highlight colour."""
        return Indicate(mobject, color=self.theme.highlight)

    def try_inputs(self) -> None:
        """A negative input stays on 0; a positive one comes out unchanged."""
        theme, last = self.theme, self.relu
        self.tries = VGroup()
        for x in INPUTS:
            y = float(activate("relu", x)[()])
            dot = self.relu.get_input_dot(x, color=theme.highlight)
            equation = activation_equation("relu", x, y, color=theme.highlight, size=theme.label_size)
            equation.next_to(last, DOWN, buff=0.3 if last is self.relu else 0.15)
            self.tries.add(dot, equation)
            self.play(FadeIn(dot), Write(equation), run_time=1)
            self.play(self.relu.apply(dot), run_time=1)
            self.play(Flash(dot, color=theme.highlight), run_time=0.6)
            last = equation
