"""Stage 6, orange-line: dosages through the bottom node give a straight orange line, then scaled.

With more than two hidden nodes, each node between the top and the bottom comes first,
briefly: its line drawn, then scaled and set beside the others. With one, there is no
other node: a short stage says that the one scaled line is all the output node gets.
"""

from manim import DOWN, LEFT, UL, Create, FadeIn, FadeOut, Flash, Write, linear

from relu_anim.components import ChangeData, DosagePass, DotTracer, Workbench, nice_range, place_clear, scale_equation
from relu_anim.handovers import scale_top_closing
from relu_anim.model import DOSAGE_RANGE, sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import TIMES, fmt, make_text

EXAMPLE = 0.2  # the dosage worked through by hand, where the node is active there (story.worked_dosage)
FIRST, LAST = DOSAGE_RANGE  # the sweep runs from the lowest dosage to the highest
FADED = 0.3  # opacity of the other lines while another node's has the stage
TIGHT = 0.02  # margin when fitting every line: keeps the final axes at a round range
SCALED_TITLE = f"Node outputs\n{TIMES} output weights"  # the plot's title once every line is scaled


class OrangeLine(LessonScene):
    def construct(self):
        net = self.lesson.network
        self.n, names = len(net.hidden), net.node_names
        self.bottom = names[-1]
        self.bench = Workbench(net, self.bottom, names=self.names)  # scale-top's axes and title: resume_from_scale_top
        self.resume_from_scale_top()
        if self.n == 1:
            self.only_node()
            return
        for index in range(1, self.n - 1):
            self.middle_node(index)
        self.bottom_node()

    # -- one node: nothing more to add ----------------------------------------------------

    def only_node(self) -> None:
        """A network of one hidden node: its scaled line goes to the output node alone."""
        net, diagram, plot = self.lesson.network, self.bench.diagram, self.bench.plot
        line = self.lines[0]
        with self.beat("This network has only the one hidden node: there is no second line to draw.", hold=1.5):
            self.play(FadeOut(*self.blue_dots), run_time=1)
        with self.beat("So this one scaled line is all the output node gets.", hold=2):
            self.play(diagram.highlight(*net.node_names, "output"), run_time=1.2)
            end = plot.c2p(line.x[-1], net.forward(line.x[-1]).top.scaled[0])
            self.play(Flash(end, color=self.theme.path_color(net.node_names[0], net.node_names)), run_time=1)

    # -- a node between the top and the bottom, briefly -----------------------------------

    def middle_node(self, index: int) -> None:
        """Node ``index``'s line drawn, then scaled and set beside the lines before it."""
        net, n, diagram, plot = self.lesson.network, self.n, self.bench.diagram, self.bench.plot
        name, node = net.node_names[index], net.hidden[index]
        color = self.theme.path_color(name, net.node_names)
        line = plot.plot_network(net, f"{name}.y", color=color)
        f = net.forward(line.x)
        scaled = [f.node(other).scaled for other in net.node_names[:index]]
        shape = story.line_shape(net, name)
        with self.beat(
            f"{story.node_word(index, n).capitalize()} works the same way, with weight {fmt(node.weight)} "
            f"and bias {fmt(node.bias)}: {story.line_word(index, n, shape)}.",
            hold=1.5,
        ):
            self.play(
                *self.blue_dots_go(),
                diagram.highlight(f"input-{name}"),
                diagram.emphasize_label(f"{name}.weight", f"{name}.bias"),
                *(other.animate.set_stroke(opacity=FADED) for other in self.lines),  # the title is this node's
                plot.animate_y_range(*nice_range([*scaled, f.node(name).y])),
                run_time=1.2,
            )  # the title after the range: it stands clear of the new tick numbers
            self.play(Create(line), plot.animate_y_title(f"{story.node_title(index, n)}\noutput"), run_time=1.5)
        with self.beat(
            f"Times its output weight {fmt(node.output_weight)}, it {story.scaling_words(node.output_weight)}; "
            "then it joins the others.",
            hold=1.5,
        ):
            self.play(diagram.highlight(f"{name}-sum"), diagram.emphasize_label(f"{name}.output_weight"), run_time=1)
            self.play(
                ChangeData(line, y=f.node(name).scaled),
                plot.animate_y_range(*nice_range([*scaled, f.node(name).scaled])),
                run_time=2,
            )
            self.play(
                plot.animate_y_title(SCALED_TITLE),
                *(other.animate.set_stroke(opacity=1) for other in self.lines),
                run_time=0.6,
            )
        self.lines.append(line)

    # -- the bottom node, in full ---------------------------------------------------------

    def bottom_node(self) -> None:
        net, theme, n, bottom_name = self.lesson.network, self.theme, self.n, self.bottom
        bottom, color = net.bottom, theme.path_color(bottom_name, net.node_names)
        diagram, relu, plot = self.bench.diagram, self.bench.graph, self.bench.plot
        others = (
            "The blue line steps back until the two lines meet."
            if n == 2
            else "The other lines step back until they all meet."
        )

        # The bottom node's turn; the blue line steps back
        with self.beat(f"Now {story.node_word(n - 1, n)}. {others}", hold=1.5):
            self.play(self.bench.corner_diagram(), run_time=0.8)  # room for the activation graph
            self.play(
                diagram.unhighlight(),
                *self.blue_dots_go(),
                *(line.animate.set_stroke(opacity=FADED) for line in self.lines),
                plot.animate_y_title(f"{story.node_title(n - 1, n)}\noutput"),
                FadeIn(relu),
                run_time=1.5,
            )

        # Dosage 0.2 (or the nearest where the node is active) goes through the bottom connection
        worked = story.worked_dosage(net, bottom_name, EXAMPLE)
        self.example = DosagePass(net, bottom_name, worked, relu, plot, at=self.bench.equation_spot, diagram=diagram)
        with self.beat(
            f"{story.node_part(n - 1, n).capitalize()} multiplies the dosage by {fmt(bottom.weight)} and adds {fmt(bottom.bias)}: "
            f"dosage {fmt(worked)} gives {fmt(self.example.x)}.",
            hold=1.5,
        ):
            self.play(diagram.highlight(f"input-{bottom_name}"), run_time=0.8)
            self.play(self.example.enter(), run_time=1.2)
            self.play(self.example.write_equation(), run_time=1.5)

        # ReLU keeps the positive value: an orange dot
        with self.beat(self.example_words(), hold=1.5):
            for step in self.example.steps(written=True):  # the equation stays; its x drops from it
                self.play(step)

        # Every dosage traces a straight orange line; the axes make room
        with self.beat(
            f"Every dosage from the lowest to the highest does the same, {self.direction('y')} {fmt(net.forward(LAST).bottom.y[0])}: "
            f"{self.axes_words()}.",
            hold=1,
        ):
            self.sweep()

        # No bend: the bottom node's x is never negative
        with self.beat(self.line_words(), hold=2):
            self.settle_sweep()

        # The bottom output weight multiplies every y-coordinate
        example = net.forward(worked).bottom
        scale_example = scale_equation(example.y[0], bottom.output_weight, example.scaled[0], color=color)
        lowered = self.bench.lower_diagram()  # the activation graph goes: the diagram takes its place
        scale_example.move_to(self.bench.equation_spot)
        with self.beat(
            f"Next, {story.node_part(n - 1, n, 'output weight')} {fmt(bottom.output_weight)} multiplies every y-coordinate: "
            f"{fmt(example.y[0])} becomes {fmt(example.scaled[0])}.",
            hold=2,
        ):
            self.play(FadeOut(relu), lowered, run_time=1)
            self.play(
                diagram.highlight(f"{bottom_name}-sum"),
                diagram.emphasize_label(f"{bottom_name}.output_weight"),
                run_time=1.2,
            )
            self.play(Write(scale_example), Flash(self.example.plot_dot, color=color), run_time=1.5)

        # The line stretches up to its final height
        with self.beat(
            f"The whole line {story.scaling_words(bottom.output_weight)}, "
            f"{self.direction('scaled')} {fmt(net.forward(LAST).bottom.scaled[0])} at "
            f"{self.dosage_words(LAST)}: "
            f"{story.line_word(n - 1, n, 'final ' + story.line_shape(net, bottom_name))}.",
            hold=2,
        ):
            self.stretch()

        # Every line, ready for the next step
        back = (
            "The blue line returns: these two are what the output node adds up."
            if n == 2
            else "The other lines return: all of them together are what the output node adds up."
        )
        with self.beat(back, hold=2.5):
            self.play(
                diagram.highlight(*net.node_names),
                FadeOut(self.orange_relu_line),  # the equation stays: its dot is still there
                FadeOut(self.end_label),
                *(line.animate.set_stroke(opacity=1) for line in self.lines),
                plot.animate_y_title(SCALED_TITLE),
                run_time=1.5,
            )

    # -- captions that depend on the numbers ------------------------------------------

    def direction(self, quantity: str = "y") -> str:
        """Which way the orange line runs, from dosage 0 to the last."""
        ends = getattr(self.lesson.network.forward([FIRST, LAST]).bottom, quantity)
        return "up to" if ends[1] >= ends[0] else "down to"

    def example_words(self) -> str:
        x, y, net = self.example.x, self.example.y, self.lesson.network
        dot = story.dot_word(self.n - 1, self.n)
        if net.hidden_activation != "relu":
            return f"{story.activation_name(net.hidden_activation).capitalize()} turns {fmt(x)} into {fmt(y)}: {dot}."
        if x > 0:
            return f"{fmt(x)} is positive, so ReLU keeps it: {dot} at {fmt(y)}."
        return f"{fmt(x)} is not positive, so ReLU gives {fmt(y)}: {dot} at {fmt(y)}."

    def line_words(self) -> str:
        net, n, bottom = self.lesson.network, self.n, self.lesson.network.bottom
        colour = story.colour_word(n - 1, n)
        if net.hidden_activation != "relu":
            curve = story.phrase("a smooth", colour, "curve")
            return f"{story.activation_name(net.hidden_activation).capitalize()} has no sharp bend: {curve}."
        straight = story.phrase("a straight", colour, "line")
        if story.never_negative(net, self.bottom):
            if bottom.bias == 0:
                return f"{fmt(bottom.weight)} {TIMES} dosage is never negative, so ReLU never flattens it: {straight}."
            connection = story.node_part(n - 1, n).capitalize()
            return f"{connection} is never negative here, so ReLU never flattens it: {straight}."
        if story.bends_inside(net, self.bottom):
            return f"This one bends at dosage {fmt(net.bend(self.bottom))}: where the connection is negative, ReLU gives 0."
        connection = story.node_part(n - 1, n).capitalize()
        return f"{connection} is negative at every dosage, so ReLU gives 0 all along: {story.phrase('a flat', colour, 'line')}."

    # -- where scale-top left off ---------------------------------------------------------

    def resume_from_scale_top(self) -> None:
        """Scale-top's last picture, its activation graph still hidden. ``lines`` are the
        scaled lines on the plot (the top node's, then each middle node's as it comes)."""
        blue_line, self.blue_dots = scale_top_closing(self.bench, self.lesson, self.theme)
        self.lines = [blue_line]
        self.add(self.bench.diagram, self.bench.plot, blue_line, *self.blue_dots)

    # -- beats ----------------------------------------------------------------------------

    def blue_dots_go(self) -> list:
        """The top node's dots fading out, if they are still there (the first node after
        the top one takes them away)."""
        dots, self.blue_dots = self.blue_dots, []
        return [FadeOut(*dots)] if dots else []

    def scaled_before(self, f) -> list:
        """The scaled lines of every node above the bottom, from forward pass ``f``."""
        return [f.node(name).scaled for name in self.lesson.network.node_names[:-1]]

    def sweep(self) -> None:
        """A dot rides the bottom ReLU while the plot draws the line and makes room for it."""
        bench, net = self.bench, self.lesson.network
        self.tracer = DotTracer(net, bench.plot, f"{self.bottom}.y", activation_graph=bench.graph)
        readout = self.tracer.readout.move_to(bench.equation_spot)
        self.play(self.example.clear(), FadeIn(self.tracer.graph_dot, self.tracer.plot_dot, readout), run_time=0.8)
        self.add(self.tracer.trail)
        self.bring_to_front(self.example.plot_dot, self.tracer.plot_dot)
        self.play(
            self.tracer.move_to_dosage(LAST, rate_func=linear),
            bench.plot.animate_y_range(*self.sweep_range()),
            run_time=5,
        )

    def sweep_range(self) -> tuple[float, float]:
        """The plot's y-range once the sweep has drawn the bottom node's line beside the others."""
        f = self.lesson.network.forward(sample_dosages(self.lesson.network))
        return nice_range([*self.scaled_before(f), f.bottom.y])

    def axes_words(self) -> str:
        """What the axes do during the sweep (:meth:`sweep_range` against the range now):
        the storyboard's "grow" when they do; with more nodes the others' lines may
        already hold the bottom node's, and the axes stay."""
        (lo, hi), (new_lo, new_hi) = self.bench.plot.y_range, self.sweep_range()
        if (new_lo, new_hi) == (lo, hi):
            return "the line stays inside these axes"
        return (
            "the axes grow to keep the line in view" if new_hi - new_lo >= hi - lo else "the axes close in on the line"
        )

    def settle_sweep(self) -> None:
        """The trail becomes the orange line; the tracer's dots and readout go."""
        tracer, net = self.tracer, self.lesson.network
        color = self.theme.path_color(self.bottom, net.node_names)
        self.orange_relu_line = self.bench.plot.plot_network(net, f"{self.bottom}.y", color=color)
        self.remove(tracer.trail)
        self.add(self.orange_relu_line)
        self.bring_to_front(self.example.plot_dot, tracer.plot_dot)
        self.play(FadeOut(tracer.graph_dot, tracer.plot_dot, tracer.readout), run_time=0.8)

    def stretch(self) -> None:
        """The orange line times the output weight, leaving a faded copy of where it was."""
        net, plot, n = self.lesson.network, self.bench.plot, self.n
        color = self.theme.path_color(self.bottom, net.node_names)
        orange_line = plot.plot_network(net, f"{self.bottom}.y", color=color)
        self.add(orange_line)
        self.orange_relu_line.set_stroke(opacity=FADED)
        self.bring_to_front(self.example.plot_dot)
        f = net.forward(orange_line.x)
        dot = self.example.plot_dot
        self.play(
            ChangeData(orange_line, y=f.bottom.scaled),
            ChangeData(dot, y=net.forward(dot.x).bottom.scaled[0]),
            plot.animate_y_range(*nice_range([*self.scaled_before(f), f.bottom.scaled, f.bottom.y], pad=TIGHT)),
            run_time=3,
        )
        end = float(f.bottom.scaled[-1])  # the value the caption says, written at the line's end
        self.end_label = place_clear(
            make_text(fmt(end), self.theme.small_size, color),
            plot.c2p(orange_line.x[-1], end),
            avoid=[orange_line],
            sides=(UL, LEFT, DOWN),
        )
        self.play(
            plot.animate_y_title(f"{story.node_title(n - 1, n)}\noutput {TIMES} {fmt(net.bottom.output_weight)}"),
            FadeIn(self.end_label),
            run_time=1,
        )
