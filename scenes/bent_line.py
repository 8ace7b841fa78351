"""Stage 4, bent-line: more dosages through the top node, then all of them: the bent blue line."""

from manim import FadeIn, FadeOut, Flash, linear

from relu_anim.components import DosagePass, DotTracer
from relu_anim.handovers import BENT_LINE_DOTS, bent_blue_line, top_node, top_workbench
from relu_anim.model import DOSAGE_RANGE, story
from relu_anim.scene import LessonScene
from relu_anim.text import fmt

# The dosages sent one by one (their dots stay on the plot for scale-top): first-dot's
# dot is already on the plot; one is shown step by step, two quickly (the viewer knows
# the steps by now).
START, SHOWN, *QUICK = BENT_LINE_DOTS
LAST = DOSAGE_RANGE[1]  # the sweep runs from START to the highest dosage


class BentLine(LessonScene):
    def construct(self):
        net = self.lesson.network
        self.n, self.top = len(net.hidden), top_node(net)
        self.color = self.theme.path_color(self.top, net.node_names)
        self.bench = top_workbench(self.lesson, self.names)
        self.resume_from_first_dot()
        shown = self.dosage_pass(SHOWN)

        # Dosage 0.2 goes through the top connection
        with self.beat(
            f"A slightly higher dosage, {fmt(SHOWN)}: {story.node_part(0, self.n)} turns it into {fmt(shown.x)}.",
            hold=1.5,
        ):
            self.play(self.previous.clear(), run_time=0.8)
            self.play(shown.enter(), run_time=1.2)
            self.play(shown.write_equation(), run_time=1.5)

        # Its result is again an x-axis coordinate left of the bend
        with self.beat(
            f"{fmt(shown.x)} lands on the {self.act_title()} graph's x-axis{self.side(shown.x, ', still left of the bend', ', right of the bend')}.",
            hold=1.5,
        ):
            self.play(shown.drop_input(), run_time=1.2)

        # ReLU picks 0 over the negative input
        with self.beat(self.activation_words(shown), hold=1.5):
            self.play(shown.write_activation(), run_time=1.2)
            self.play(shown.apply(), run_time=0.8)

        # Another blue dot at height 0
        with self.beat(
            f"{story.dot_word(0, self.n, 'another').capitalize()} at height {fmt(shown.y)}, this time for dosage {fmt(SHOWN)}.",
            hold=1.5,
        ):
            self.play(shown.land(), run_time=1.2)
        self.plot_dots.append(shown.plot_dot)
        self.previous = shown

        # Dosage 0.4, quickly: still left of the bend
        quick = self.dosage_pass(QUICK[0])
        with self.beat(self.quick_words(quick), hold=1.5):
            self.send_quickly(quick)

        # Dosage 0.6 crosses the bend: ReLU lets the value through
        quick = self.dosage_pass(QUICK[1])
        with self.beat(
            self.quick_words(quick),
            hold=2,
        ):
            self.send_quickly(quick)
            self.play(Flash(quick.plot_dot, color=self.color), run_time=0.8)

        # Every dosage from 0 to 1 traces a continuous line
        with self.beat("Now slide the dosage through every value from 0 to 1 and follow it the same way.", hold=1):
            self.sweep()

        # The result: flat, then bending up
        with self.beat(self.result_words(), hold=2.5):
            self.settle_sweep()

    # -- captions that depend on the numbers ------------------------------------------

    def act_title(self) -> str:
        return story.activation_name(self.lesson.network.hidden_activation)

    def side(self, x: float, left: str, right: str) -> str:
        if self.lesson.network.hidden_activation != "relu":
            return ""
        return left if x < 0 else right

    def activation_words(self, step) -> str:
        if self.lesson.network.hidden_activation != "relu":
            return f"{self.act_title().capitalize()} turns {fmt(step.x)} into {fmt(step.y)}."
        if story.sign_word(step.x) == "negative":  # as shown on screen
            return f"0 is larger than {fmt(step.x)}, so ReLU gives {fmt(step.y)} again."
        return f"{fmt(step.x)} is not negative, so ReLU passes it on: {fmt(step.y)}."

    def quick_words(self, step) -> str:
        lead = f"Dosage {fmt(step.dosage)} gives {fmt(step.x)}"
        if self.lesson.network.hidden_activation != "relu":
            return f"{lead}, and {self.act_title()} turns it into {fmt(step.y)}."
        if story.sign_word(step.x) == "negative":
            return f"{lead}: still negative, so again {fmt(step.y)}."
        return f"{lead}, right of the bend: ReLU passes it on unchanged, so the dot rises to {fmt(step.y)}."

    def result_words(self) -> str:
        net, top, n = self.lesson.network, self.top, self.n
        end = fmt(net.forward(LAST).top.y[0])
        bent = story.line_word(0, n, "bent")
        if story.bends_inside(net, top) and net.top.weight > 0:
            return f"Flat at 0 until dosage {fmt(net.bend(top))}, then climbing to {end}: {bent}."
        if story.bends_inside(net, top):
            return f"Falling to 0 at dosage {fmt(net.bend(top))}, then flat up to {end}: {bent}."
        if net.hidden_activation == "relu":
            return (
                f"Its bend lies outside dosages 0 to 1, so here {story.line_word(0, n)} is straight, ending at {end}."
            )
        curve = story.phrase("a smooth", story.colour_word(0, n), "curve")
        return f"{self.act_title().capitalize()} has no sharp bend: {curve}, ending at {end}."

    def resume_from_first_dot(self) -> None:
        """First-dot's last picture: the top connection lit, dosage 0's readout and dot."""
        bench = self.bench
        bench.diagram.set_highlight(f"input-{self.top}")
        self.previous = self.dosage_pass(START)
        self.add(bench, *self.previous.settled())
        self.plot_dots = [self.previous.plot_dot]  # one per dosage sent, kept in front of the lines

    def dosage_pass(self, dosage: float) -> DosagePass:
        bench = self.bench
        return DosagePass(
            self.lesson.network,
            self.top,
            dosage,
            bench.graph,
            bench.plot,
            at=bench.equation_spot,
            diagram=bench.diagram,
        )

    def send_quickly(self, step: DosagePass) -> None:
        self.play(self.previous.clear(), run_time=0.5)
        for animation in step.steps(run_time=0.6):
            self.play(animation)
        self.plot_dots.append(step.plot_dot)
        self.previous = step

    def sweep(self) -> None:
        """A dot rides the ReLU graph while its twin on the plot leaves a trail."""
        bench, net = self.bench, self.lesson.network
        self.tracer = DotTracer(net, bench.plot, f"{self.top}.y", activation_graph=bench.graph, dosage=START)
        readout = self.tracer.readout.move_to(bench.equation_spot)
        self.play(self.previous.clear(), FadeIn(self.tracer.graph_dot, self.tracer.plot_dot, readout), run_time=0.8)
        self.add(self.tracer.trail)
        self.bring_to_front(*self.plot_dots, self.tracer.plot_dot)
        self.play(self.tracer.move_to_dosage(LAST, rate_func=linear), run_time=6)

    def settle_sweep(self) -> None:
        """The trail becomes the bent blue line; the tracer's dots and readout go."""
        tracer, plot = self.tracer, self.bench.plot
        bent_line = bent_blue_line(plot, self.lesson, self.theme)
        self.remove(tracer.trail)
        self.add(bent_line)
        self.bring_to_front(*self.plot_dots, tracer.plot_dot)
        self.play(FadeOut(tracer.graph_dot, tracer.plot_dot, tracer.readout), run_time=0.8)
        if story.bends_inside(self.lesson.network, self.top):
            bend = plot.c2p(self.lesson.network.bend(self.top), 0.0)
            self.play(Flash(bend, color=self.color, flash_radius=0.35), run_time=1.2)
        else:
            self.wait(1.2)
