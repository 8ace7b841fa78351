"""Stage 10, derivative: ReLU's bend has no slope. Gradient descent needs one everywhere,
so we pick 0 or 1; fitting the final bias both ways ends in the same place."""

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Circumscribe,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    LaggedStart,
    VGroup,
)

from relu_anim.components import DescentBench, DescentTrack, FitCurve, GraphCurve, make_close_up
from relu_anim.model import (
    descent_learning_rate,
    gradient_descent,
    points_on_output_bend,
    relu_derivative,
    sample_dosages,
    story,
)
from relu_anim.scene import LessonScene
from relu_anim.text import FadeThrough, fmt, make_text

PARAMETER, START = "final_bias", 0.0  # what gradient descent fits, and where it starts
CHOICES = (0, 1)  # the two values we may give ReLU's slope at its bend
PROBES = {"left": -1.0, "right": 1.0}  # where the tangents touch, either side of the bend
QUESTION_AT = (-1.0, 1.3)  # where "slope ?" is written, in the ReLU graph's coordinates
TANGENT_HALF = 0.7  # half the width of a tangent segment (in x units)
CANDIDATES = 5  # lines through the bend, from one side's slope to the other's
SINGLE_STEPS = 5  # steps shown one at a time; the rest run quickly


class Derivative(LessonScene):
    def construct(self):
        net = self.lesson.network
        data = self.lesson.data
        rate = descent_learning_rate(data)  # the lesson's 0.1 for up to five points
        self.descents = {
            c: gradient_descent(net, PARAMETER, start=START, data=data, relu_at_zero=c, learning_rate=rate)
            for c in CHOICES
        }
        first = self.descents[CHOICES[0]].steps[0]

        # ReLU drawn large: a flat piece and a straight piece
        with self.beat("One more detail. Look closely at ReLU: two straight pieces meeting at a sharp bend.", hold=1):
            self.show_relu()

        # Either side of the bend the slope is easy
        slopes = {side: float(relu_derivative(x)) for side, x in PROBES.items()}
        with self.beat(
            f"Left of the bend the slope is {fmt(slopes['left'], 0)}; right of it, {fmt(slopes['right'], 0)}.", hold=1.5
        ):
            self.show_tangents(slopes)

        # At the bend itself it is not
        with self.beat("At the bend itself, many lines touch the corner: there is no single slope.", hold=1.5):
            self.show_candidates(slopes)

        # Gradient descent needs a slope everywhere, so we choose one
        with self.beat(
            f"Gradient descent needs a slope at every point, so we simply declare it: "
            f"{fmt(CHOICES[0], 0)} or {fmt(CHOICES[1], 0)}.",
            hold=1.5,
        ):
            self.choose_slope()

        # Fit the final bias by gradient descent, once with each choice
        with self.beat(
            f"Test it: fit the final bias by gradient descent from {fmt(START)}, once with each choice.",
            hold=1,
        ):
            self.set_up_descent()

        # The dosage-0 point sits on the output ReLU's bend, but does not count
        track = self.tracks[CHOICES[0]]
        with self.beat(self.bend_caption(), hold=2):
            self.show_readout(track)
            self.ring_bend_points()
            self.next_sentence()
            self.note_bend_residual()

        # The first step
        with self.beat(
            f"At bias {fmt(first.value)} the sum of squared residuals (SSR) is {fmt(first.ssr)}. "
            f"Its slope there is {fmt(first.slope)}. {self.first_step_words(first)}",
            hold=1.5,
        ):
            self.play(Indicate(track.dots[0], scale_factor=2, color=self.theme.highlight), run_time=1)
            self.next_sentence()  # its slope: the readout that says it
            self.play(Circumscribe(track.readout, color=self.theme.highlight), run_time=1.2)
            self.next_sentence()
            self.play(FadeOut(self.bend_rings), FadeOut(self.bend_note), run_time=0.5)
            self.run_steps(track, [1], run_time=1.5)

        # Step after step, the SSR falls
        with self.beat(self.steps_caption(), hold=0.5):
            self.run_steps(track, range(2, SINGLE_STEPS + 1), run_time=0.9)

        # ...quickly now, to where the steps are tiny
        with self.beat(self.stop_caption(), hold=1.5):
            self.run_to_end(self.tracks[CHOICES[0]], run_time=3)

        # The other choice gives the same run
        with self.beat(self.other_choice_caption(), hold=1.5):
            self.play(FadeIn(self.readouts[CHOICES[1]]), run_time=0.6)
            self.run_to_end(self.tracks[CHOICES[1]], run_time=3.5)

        # Same bias, same fit
        with self.beat(self.same_fit_caption(), hold=3):
            self.show_same_fit()

    # -- the slope of ReLU ----------------------------------------------------------------

    def show_relu(self) -> None:
        self.relu = make_close_up("relu", theme=self.theme)
        self.play(*self.from_opening(FadeIn(self.relu)), run_time=1.2)

    def tangent(self, x: float, slope: float, half: float = TANGENT_HALF, **kwargs) -> GraphCurve:
        """A segment of slope ``slope`` touching ReLU at ``x``."""
        y = float(self.relu.function(x))
        xs = np.array([x - half, x + half])
        return self.relu.get_curve(xs, y + slope * (xs - x), **kwargs)

    def show_tangents(self, slopes: dict[str, float]) -> None:
        theme = self.theme
        self.tangents, self.slope_labels, touch = {}, {}, VGroup()
        for side, x in PROBES.items():
            self.tangents[side] = self.tangent(x, slopes[side], color=theme.highlight, stroke_width=9)
            touch.add(self.relu.get_dot(x, float(self.relu.function(x)), color=theme.highlight, radius=0.09))
            label = make_text(f"slope {fmt(slopes[side], 0)}", theme.body_size, theme.highlight)
            self.slope_labels[side] = label
        self.slope_labels["left"].next_to(self.tangents["left"], UP, buff=0.3)
        self.slope_labels["right"].next_to(touch[1], RIGHT, buff=0.35).shift(DOWN * 0.2)
        for side, dot in zip(PROBES, touch):
            self.play(
                Create(self.tangents[side]), FadeIn(dot), FadeIn(self.slope_labels[side], shift=UP * 0.2), run_time=1
            )
        self.touch_dots = touch

    def candidate(self, slope: float, reach: float = 0.9) -> GraphCurve:
        """A line of slope ``slope`` through the bend, kept inside the graph's y-range."""
        left = reach if slope <= 0 else min(reach, -self.relu.y_range[0] / slope)
        xs = np.array([-left, reach])
        return self.relu.get_curve(xs, slope * xs, color=self.theme.muted, stroke_width=4)

    def show_candidates(self, slopes: dict[str, float]) -> None:
        theme = self.theme
        fan = np.linspace(slopes["left"], slopes["right"], CANDIDATES)
        self.candidates = VGroup(*(self.candidate(s) for s in fan))
        self.corner = self.relu.get_dot(0.0, float(self.relu.function(0.0)), color=theme.highlight, radius=0.1)
        self.question = make_text("slope ?", theme.body_size, theme.highlight, weight="BOLD")
        self.question.move_to(self.relu.c2p(*QUESTION_AT))
        self.pointer = Arrow(
            self.question.get_bottom(), self.corner.get_center(), buff=0.15, color=theme.highlight, stroke_width=4
        )
        lines = LaggedStart(*(Create(c) for c in self.candidates), lag_ratio=0.2)
        self.play(FadeIn(self.corner, scale=2), lines, run_time=1.6)
        self.play(FadeIn(self.question, shift=DOWN * 0.2), Create(self.pointer), run_time=0.7)

    def choose_slope(self) -> None:
        theme = self.theme
        choice = make_text(
            f"slope {fmt(CHOICES[0], 0)} or {fmt(CHOICES[1], 0)}", theme.body_size, theme.highlight, weight="BOLD"
        ).move_to(self.question)
        keep = [self.candidates[0 if c == CHOICES[0] else -1] for c in CHOICES]
        drop = VGroup(*(c for c in self.candidates if all(c is not k for k in keep)))
        # each kept line in the colour its gradient-descent run will have, unlike the
        # magenta tangents of the two arms
        colored = [line.animate.set_stroke(color=color, width=6) for line, color in zip(keep, self.run_colors())]
        self.play(FadeOut(drop), *colored, run_time=0.8)
        self.kept_lines = VGroup(*keep)  # the dropped lines are gone for good: later fades leave them out
        self.play(FadeThrough(self.question, choice, replace_mobject_with_target_in_scene=True), run_time=0.8)
        self.question = choice

    def run_colors(self) -> list:
        """The colour of each choice of slope at the bend, in the order of ``CHOICES``."""
        return [self.theme.top, self.theme.bottom]

    # -- gradient descent -------------------------------------------------------------------

    def set_up_descent(self) -> None:
        theme, net, data = self.theme, self.lesson.network, self.lesson.data
        relu_parts = VGroup(
            self.relu,
            self.kept_lines,
            self.corner,
            self.question,
            self.pointer,
            self.touch_dots,
            *self.tangents.values(),
            *self.slope_labels.values(),
        )
        self.play(FadeOut(relu_parts), run_time=0.8)
        steps = max(len(d.steps) for d in self.descents.values())
        all_ssr = np.concatenate([[s.ssr for s in d.steps] for d in self.descents.values()])
        bench = DescentBench(steps, all_ssr, runs=len(CHOICES), names=self.names, theme=theme)
        ssr_graph, self.fit_plot = bench.ssr_graph, bench.fit_plot
        colors = dict(zip(CHOICES, self.run_colors()))
        self.tracks = {
            c: DescentTrack(d, data, ssr_graph, colors[c], hollow=i > 0, header=f"bend slope {fmt(c, 0)}", theme=theme)
            for i, (c, d) in enumerate(self.descents.items())
        }
        for spot, track in zip(bench.readout_spots, self.tracks.values()):
            track.header.move_to(spot, aligned_edge=LEFT)
            track.readout.next_to(track.header, DOWN, buff=0.2, aligned_edge=LEFT)
        self.readouts = {c: VGroup(t.header, t.readout) for c, t in self.tracks.items()}
        # The fit: the network with the bias where the first run has got to, and the data.
        track = self.tracks[CHOICES[0]]
        fit = FitCurve(
            self.fit_plot, net, track, data.observed.max(), data.observed.min(), color=theme.output, stroke_width=5
        )
        self.data_points = self.fit_plot.get_data_points(data, radius=0.09)
        self.play(FadeIn(ssr_graph), FadeIn(self.fit_plot), FadeIn(self.data_points), Create(fit), run_time=1.5)
        self.add(*self.tracks.values())

    @staticmethod
    def first_step_words(first) -> str:
        """Where the first step takes the bias; a step that shows as 0.00 does not move it
        (a network that starts where its SSR is lowest: the one-node preset)."""
        if fmt(abs(first.step_size)) == fmt(0):
            return "So the first step does not move the bias: it is already where the SSR is lowest."
        return f"So the first step moves the bias {'down' if first.step_size >= 0 else 'up'} by {fmt(abs(first.step_size))}."

    def steps_caption(self) -> str:
        """The steps after the first: the storyboard's words while the SSR falls (as shown)."""
        run = self.descents[CHOICES[0]]
        if fmt(run.steps[0].ssr) == fmt(run.steps[-1].ssr):
            return "Step after step nothing changes: the SSR is already as small as it gets."
        return "Step by step the slope flattens, the steps shrink and the SSR falls."

    def stop_caption(self) -> str:
        run = self.descents[CHOICES[0]]
        if run.converged:
            return f"The steps become tiny near bias {fmt(run.final_value)}, and gradient descent stops."
        return f"After {len(run.steps)} steps, the limit, the bias has reached {fmt(run.final_value)}."

    def same_runs(self) -> bool:
        a, b = (self.descents[c] for c in CHOICES)
        return len(a.steps) == len(b.steps) and all(s == t for s, t in zip(a.steps, b.steps))

    def other_choice_caption(self) -> str:
        if self.same_runs():
            return f"Declaring the bend's slope {fmt(CHOICES[1], 0)} instead gives exactly the same steps."
        return f"Declaring the bend's slope {fmt(CHOICES[1], 0)} instead changes some steps: a point sits on a bend."

    def same_fit_caption(self) -> str:
        finals = [self.descents[c].final_value for c in CHOICES]
        shape = "pointy " if story.clipped_shape(self.lesson.network) == "pointy thing" else ""
        if fmt(finals[0]) == fmt(finals[1]):
            return f"Both end at bias {fmt(finals[0])} with the same {shape}fit through the data."
        return f"They end at bias {fmt(finals[0])} and {fmt(finals[1])}: close, but not the same fit."

    def bend_caption(self) -> str:
        at_bend, residuals = self.bend_points()
        if self.lesson.network.output_activation != "relu":
            return (
                f"This network has no ReLU before the output, so at bias {fmt(START)} no point sits on an "
                "output bend: the choice only matters inside the hidden nodes."
            )
        if not at_bend.any():
            return f"At bias {fmt(START)} no data point lands exactly on the output ReLU's bend, so the choice does not come up."
        d = self.lesson.data.dosage[at_bend]
        residual = fmt(np.abs(residuals).max())
        if len(d) == 1:
            return (
                f"At bias {fmt(START)} the point at dosage {fmt(d[0])} lands exactly on the output "
                f"ReLU's bend. But its residual is {residual}, so whichever slope we choose there, it adds nothing."
            )
        return (
            f"At bias {fmt(START)} the points at dosages {', '.join(fmt(x) for x in d)} land exactly on the output "
            f"ReLU's bend. But their residuals are at most {residual}, so whichever slope we choose there, "
            "they add nothing."
        )

    def bend_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Data points whose input to the output ReLU is exactly 0 at the start, and their residuals."""
        return points_on_output_bend(self.lesson.network.with_parameter(PARAMETER, START), self.lesson.data)

    def ring_bend_points(self) -> None:
        """Ring the data points on the output ReLU's bend (and make the note of their residual)."""
        theme, plot = self.theme, self.fit_plot
        at_bend, residuals = self.bend_points()
        marks = [self.data_points[i] for i in np.flatnonzero(at_bend)]
        if not marks:
            self.bend_rings, self.bend_note = VGroup(), VGroup()
            return
        self.bend_rings = VGroup(  # just around the point: clear of the axis' "0" beside it
            *(Circle(radius=0.14, color=theme.highlight, stroke_width=4).move_to(m) for m in marks)
        )
        self.bend_note = VGroup(
            make_text("on the bend,", theme.small_size, theme.highlight),
            make_text(f"residual {fmt(np.abs(residuals).max())}", theme.small_size, theme.highlight),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        # left of the ringed corner, past the y-axis numbers: clear of the fit as it moves
        self.bend_note.next_to(plot.area.get_corner(DL), LEFT, buff=0.6)
        self.play(*(Create(r) for r in self.bend_rings), *(Flash(m, color=theme.highlight) for m in marks), run_time=1)

    def note_bend_residual(self) -> None:
        """Beside the ringed points: on the bend, and their residual."""
        if len(self.bend_note):
            self.play(FadeIn(self.bend_note, shift=RIGHT * 0.2), run_time=0.8)

    def show_readout(self, track: DescentTrack) -> None:
        """The first run's heading and readout: the bias, the SSR and its slope where it starts."""
        self.play(FadeIn(track.header), FadeIn(track.readout), track.progress.animate.set_value(0), run_time=0.6)

    def run_steps(self, track: DescentTrack, indices, run_time: float) -> None:
        for i in indices:
            self.play(track.progress.animate.set_value(i), run_time=run_time)

    def run_to_end(self, track: DescentTrack, run_time: float) -> None:
        self.play(track.progress.animate.set_value(track.last), run_time=run_time)

    def show_same_fit(self) -> None:
        theme = self.theme
        other = self.descents[CHOICES[1]].final
        d = sample_dosages(other, samples=401)
        other_fit = DashedVMobject(
            self.fit_plot.get_curve(d, other.predict(d), color=theme.bottom, stroke_width=5).clear_updaters(),
            num_dashes=40,
        )
        self.play(Create(other_fit), run_time=1.2)
        self.play(*(Circumscribe(t.readout, color=theme.highlight) for t in self.tracks.values()), run_time=1.2)
