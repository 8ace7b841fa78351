"""Stage 8, clip: the output ReLU takes the shifted wedge as its input and clips it
into the green pointy thing, which passes close to all three data points."""

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    FadeIn,
    FadeOut,
    Flash,
    ReplacementTransform,
    VGroup,
    Write,
    linear,
)

from relu_anim.components import (
    DotTracer,
    SideBench,
    TrackedBar,
    TrackedDot,
    activation_equation,
    nice_range,
    output_said_twice,
    place_clear,
    place_clear_of,
    pull_inside,
)
from relu_anim.composition import FRAME_HEIGHT, MARGIN
from relu_anim.media.captions import split_sentences
from relu_anim.model import DOSAGE_RANGE, sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import fmt, make_text

LOW, LOWISH, MEDIUM = 0.0, 0.2, 0.5  # the dosages taken through the output ReLU one by one
EQUATION_GAP = 0.55  # between the output ReLU's graph and its equation, under its tick numbers
UNDER_DIAGRAM = 0.2  # the least room between what is above the column (the diagram) and the output ReLU's formula
HIGH = DOSAGE_RANGE[1]  # where the sweep ends; with LOW and MEDIUM, the dosages the data caption reads


class Clip(LessonScene):
    def construct(self):
        net = self.lesson.network
        biased = net.forward(sample_dosages(net)).biased
        bench = SideBench(net, plot_y_range=nice_range(biased), plot_title="Value", names=self.names)
        self.diagram, self.plot = bench.diagram, bench.plot
        self.relu = bench.get_column_activation(net.output_activation, biased, color=self.theme.output)
        self.make_room_under_relu(bench)
        self.wedge = self.plot.plot_network(net, "biased", color=self.theme.output)
        self.noun = story.shape_noun(story.sum_shape(net))  # the shifted sum: the storyboard's wedge, a ramp, ...
        self.relu_dots, self.output_dots, self.markers = {}, {}, VGroup()
        self.equation = None
        self.full_relu_range = None  # set where the ReLU zooms in on its positive arm
        low, lowish, medium = (net.forward(d) for d in (LOW, LOWISH, MEDIUM))

        # The shifted wedge goes into the ReLU right before the output
        with self.beat(
            f"One more ReLU sits right before the output, and the shifted {self.noun} is its input.", hold=1.5
        ):
            self.show_setup()

        # Low dosage: the wedge's value becomes an x-axis coordinate on the output ReLU
        with self.beat(
            f"At low dosage the {self.noun} is at {fmt(low.biased[0])}: that is an x-axis coordinate for the output ReLU.",
            hold=1.5,
        ):
            self.feed(LOW)

        # ReLU keeps the larger of 0 and the input: a green dot at 0
        with self.beat(f"{self.applied(low)}: a green dot at {fmt(low.output[0])}.", hold=1.5):
            self.apply_and_drop(LOW)

        # Dosage 0.2: negative again, so 0 again
        again = low.biased[0] < 0
        with self.beat(
            f"At dosage {fmt(LOWISH)} the {self.noun} is at {fmt(lowish.biased[0])}. {self.passed(lowish, again)}",
            hold=1.5,
        ):
            self.feed(LOWISH, run_time=0.8)
            self.next_sentence()  # "Negative again, so ReLU gives 0.00."
            self.apply_and_drop(LOWISH, run_time=0.8)

        # Medium dosage: a positive value goes through unchanged
        with self.beat(self.medium_caption(medium), hold=2):
            self.feed(MEDIUM, run_time=0.8)
            self.zoom_on_positive_arm(medium.biased[0])
            self.next_sentence()  # what ReLU does to it
            self.apply_and_drop(MEDIUM)

        # Every other dosage: negatives become 0, positives stay
        with self.beat(self.every_dosage_caption(), hold=2):
            self.clip_every_dosage()

        # Zoom in and compare with the data
        with self.beat(self.data_caption(), hold=3):
            self.compare_with_data()

    # -- captions that depend on the numbers ------------------------------------------

    def applied(self, f) -> str:
        """What the output activation does to the wedge's value at one dosage."""
        b, o = fmt(f.biased[0]), fmt(f.output[0])
        if self.lesson.network.output_activation == "relu":
            return f"ReLU keeps the larger of 0 and {b}, which is {o}"
        return f"This network has no ReLU before the output, so {b} goes through unchanged"

    def passed(self, f, again: bool = False) -> str:
        b, o = f.biased[0], fmt(f.output[0])
        if self.lesson.network.output_activation != "relu":
            return f"With no output ReLU it stays {o}."
        sign = story.sign_word(b)  # as shown on screen
        if sign == "negative":
            return f"Negative{' again' if again else ''}, so ReLU gives {o}."
        return f"Positive, so ReLU lets it through: {o}." if sign == "positive" else f"0 on screen: ReLU gives {o}."

    def medium_caption(self, f) -> str:
        b = fmt(f.biased[0])
        if self.lesson.network.output_activation == "relu" and story.sign_word(f.biased[0]) == "positive":
            return f"At medium dosage the {self.noun} is above 0, at {b}. ReLU lets it through: {fmt(f.output[0])}."
        return f"At medium dosage the {self.noun} is at {b}. {self.passed(f)}"

    def shape_word(self) -> str:
        """'pointy thing' when only the wedge's tip survives the clip, as in the storyboard."""
        return story.clipped_shape(self.lesson.network)

    def every_dosage_caption(self) -> str:
        net = self.lesson.network
        if net.output_activation != "relu":
            return "Every dosage in turn passes through unchanged: without an output ReLU, nothing is clipped."
        effect = story.clip_effect(net)
        if effect == "all":
            return "Every dosage in turn: here every value is negative, so the clip leaves 0 everywhere."
        if effect == "nothing":
            return f"Every dosage in turn: no value is negative, so the {self.noun} goes through unchanged."
        return (
            "Every dosage in turn: negative values become 0, positive ones stay. "
            f"The {self.noun} is clipped into a green {self.shape_word()}."
        )

    # -- building -----------------------------------------------------------------------

    # -- the beats ------------------------------------------------------------------------

    def show_setup(self) -> None:
        self.play(*self.from_opening(FadeIn(self.plot), FadeIn(self.wedge), move=[self.diagram]), run_time=1.2)
        self.play(self.diagram.highlight("output"), self.diagram.emphasize_label("final_bias"), run_time=1)
        self.play(FadeIn(self.relu), run_time=1)

    def make_room_under_relu(self, bench) -> None:
        """Lift the output ReLU's graph (with its formula) where its equations would reach
        into the bottom margin (a taller diagram above leaves a shorter column), as far
        as the room under the diagram (a tall ladder's: under the plot) allows."""
        sample = activation_equation("relu", -1.0, 0.0, size=self.theme.label_size)
        lowest = self.relu.area.get_bottom()[1] - EQUATION_GAP - sample.height
        short = -(FRAME_HEIGHT / 2 - MARGIN * FRAME_HEIGHT) - lowest
        top = bench.column.get_top()[1] + bench.COLUMN_BELOW_DIAGRAM - UNDER_DIAGRAM  # under the diagram (or the plot)
        spare = top - self.relu.formula.get_top()[1]
        if short > 0 and spare > 0:
            self.relu.shift(UP * min(short, spare))

    def label_side(self, dosage: float) -> np.ndarray:
        """Above the highest of the dosages fed one by one (the wedge turns down near
        its top, so a label beside it would sit on the line), else to the right."""
        fed = (LOW, LOWISH, MEDIUM)
        return UP if dosage == fed[int(np.argmax(self.lesson.network.forward(fed).biased))] else RIGHT

    def feed(self, dosage: float, run_time: float = 1.2) -> None:
        """Mark the wedge at ``dosage`` and carry its value to the ReLU's x-axis."""
        theme, plot = self.theme, self.plot
        value = self.lesson.network.forward(dosage).biased[0]
        marker = plot.get_dot(dosage, value, color=theme.output, radius=0.13).set_fill(opacity=0)
        marker.set_stroke(theme.highlight, width=4)
        label = make_text(fmt(value), theme.label_size, theme.highlight, weight="BOLD")
        area_left, _, area_right, _ = self.plot.area_box()  # over the plot, off the wedge
        sides = (self.label_side(dosage), RIGHT, LEFT, UP, DOWN, UR, DR, UL, DL)
        taken = [label for _, label in self.markers]  # the values fed before: equal ones may sit side by side
        place_clear_of(label, marker, [self.wedge], sides, taken, buff=0.15, across=(area_left, area_right))
        self.markers.add(VGroup(marker, label))
        dot = self.relu.get_input_dot(value, radius=0.11)
        self.relu_dots[dosage] = dot
        earlier = [d for d in self.relu_dots.values() if d is not dot]
        dim = [d.animate.set_opacity(0.3) for d in earlier]
        self.play(FadeIn(marker, scale=1.5), FadeIn(label), *dim, *self.drop_equation(), run_time=run_time)
        # a copy of the label becomes the dot: the dot itself stays one plain dot
        self.play(ReplacementTransform(label.copy(), dot), run_time=run_time)

    def zoom_on_positive_arm(self, value: float) -> None:
        """Where a positive value sits on a short stub of the ReLU's positive arm (the
        inputs reach far below 0), zoom the ReLU's x-axis in on it so it is seen to come
        through; the dots fed before, far to the left, fade out."""
        (x0, x1), relu = self.relu.x_range, self.relu
        if self.lesson.network.output_activation != "relu" or value <= 0 or x1 >= 0.3 * (x1 - x0):
            return
        earlier = VGroup(*(d for d in self.relu_dots.values() if d.x != value))
        y_hi = relu.y_range[1]
        self.full_relu_range = relu.x_range
        self.play(FadeOut(earlier), run_time=0.5)
        self.play(relu.animate_ranges(x_range=(-y_hi, y_hi)), run_time=1)

    def drop_equation(self) -> list:
        """The equation of the dosage before fades out (as the next dosage is fed, or
        every dosage is swept): on screen, an equation is the one being talked about."""
        equation, self.equation = self.equation, None
        return [] if equation is None else [FadeOut(equation)]

    def apply_and_drop(self, dosage: float, run_time: float = 1.2) -> None:
        """ReLU on the dot's x, then its output as a green dot on the plot."""
        theme = self.theme
        f = self.lesson.network.forward(dosage)
        dot = self.relu_dots[dosage]
        equation = activation_equation(
            self.lesson.network.output_activation, f.biased[0], f.output[0], color=theme.output, size=theme.label_size
        )
        pull_inside(equation.next_to(self.relu.area, DOWN, buff=EQUATION_GAP))  # a narrow column's (a tall diagram)
        self.equation = equation
        self.play(Write(equation), run_time=run_time)  # written whole: never one number morphing into another
        self.play(self.relu.apply(dot), Flash(dot, color=theme.output), run_time=run_time)
        output = self.plot.get_dot(dosage, f.output[0], color=theme.output, radius=0.12)
        self.output_dots[dosage] = output
        self.play(ReplacementTransform(dot.copy(), output), run_time=run_time)

    def clip_every_dosage(self) -> None:
        net, theme, plot = self.lesson.network, self.theme, self.plot
        tracer = DotTracer(net, plot, "output")
        lift = TrackedBar(plot, tracer, "biased", "output", color=theme.highlight, stroke_width=4)
        riding = TrackedDot(self.relu, tracer, "biased", "output", color=theme.output, radius=0.11)
        self.play(
            self.wedge.animate.set_stroke(opacity=0.3),
            FadeOut(self.markers),
            FadeOut(VGroup(*(d for d in self.relu_dots.values() if d in self.mobjects))),  # those still shown
            *self.drop_equation(),
            run_time=0.8,
        )
        if self.full_relu_range:  # back to every input
            self.play(self.relu.animate_ranges(x_range=self.full_relu_range), run_time=0.8)
        self.play(FadeIn(riding), FadeIn(tracer.plot_dot), run_time=0.5)
        self.add(tracer.trail, lift, *self.output_dots.values(), tracer.plot_dot)
        self.play(tracer.move_to_dosage(HIGH, rate_func=linear), run_time=3.6)
        if len(split_sentences(self.say(self.every_dosage_caption()))) > 1:
            self.next_sentence()  # "The wedge is clipped into a green pointy thing."
        self.pointy = plot.plot_network(net, "output", color=theme.output)
        self.remove(tracer.trail)
        self.add(self.pointy, *self.output_dots.values())
        self.play(FadeOut(lift), FadeOut(tracer.plot_dot), FadeOut(riding), run_time=0.6)

    def data_caption(self) -> str:
        net, data = self.lesson.network, self.lesson.data
        low, medium, high = (fmt(v) for v in net.predict([LOW, MEDIUM, HIGH]))
        count = {3: "three"}.get(len(data), str(len(data)))
        if story.passes_close(net, data.dosage, data.observed):
            verdict = f"The {self.shape_word()} passes close to all {count} points."
        else:
            miss = np.abs(net.predict(data.dosage) - data.observed).max()
            verdict = f"The {self.shape_word()} misses some of the {count} points, by up to {fmt(miss)}."
        return f"Zoom in and bring back the data: {low} at low dosage, {medium} at medium, {high} at high. {verdict}"

    def compare_with_data(self) -> None:
        theme, plot, data = self.theme, self.plot, self.lesson.data
        data_dots = plot.get_data_points(data, radius=0.14)
        for dot in data_dots:
            dot.set_fill(opacity=0).set_stroke(theme.data, width=4)
        top = self.pointy.y.max()
        y_range = nice_range(np.concatenate([self.pointy.y, data.observed, [-0.15 * top]]))
        # the pointy thing now carries the dots dropped one by one; the plot's values
        # are the output's, so its axis takes the output's name
        dropped = VGroup(*self.output_dots.values())
        self.play(
            FadeOut(self.wedge),
            FadeOut(dropped),
            *(
                [self.diagram.output_word.animate.set_opacity(0)]  # the diagram keeps it: not FadeOut
                if output_said_twice(self.diagram, plot, self.names.output_title)
                else []
            ),
            plot.animate_y_title(self.names.output_title),
            run_time=0.8,
        )
        self.play(plot.animate_y_range(*y_range), run_time=2)
        self.play(FadeIn(data_dots, scale=1.4), run_time=1)
        # the pointy thing's values at the data's dosages, written where the caption reads them out
        values = VGroup(
            *(
                place_clear(
                    make_text(fmt(y), theme.small_size, theme.output),
                    plot.c2p(x, y),
                    avoid=[self.pointy],
                    sides=(UR, UL, UP),
                    buff=0.2,
                    across=plot.area_box()[::2],
                )
                for x, y in zip((LOW, MEDIUM, HIGH), self.lesson.network.predict([LOW, MEDIUM, HIGH]))
            )
        )
        self.play(FadeIn(values), run_time=0.8)
