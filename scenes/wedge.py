"""Stage 7, wedge: the bent blue line plus the straight orange line, dosage by dosage,
make the green wedge; then the final bias lowers it."""

from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UP,
    UR,
    Create,
    FadeIn,
    FadeOut,
    Flash,
    GrowFromCenter,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    Write,
    linear,
)

from relu_anim.components import (
    ChangeData,
    DotTracer,
    Equation,
    GraphBar,
    GraphCurve,
    GraphDot,
    SideBench,
    TrackedBar,
    nice_range,
    place_clear,
    sum_decimals,
    sum_equation,
)
from relu_anim.model import DOSAGE_RANGE, sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import fmt, fmt_term, make_text

LOW, HIGH = DOSAGE_RANGE  # the lowest and the highest dosage: where the lines start and end
FLAT, MEDIUM, PAST_BEND = 0.2, 0.5, 0.6  # with HIGH, where the two lines are added by hand
KEY_DOSAGES = (LOW, MEDIUM, HIGH)  # low, medium, high: labelled on the shifted wedge
BLOCK_GAP = 0.55  # the bias block stands apart from the rows of sums above it
ORANGE_WIDTH, BLUE_WIDTH = 14, 7  # the blue term runs inside the orange one where they overlap
DIMMED = 0.3  # a line's opacity while the other one is spoken of
POINTER_BUFF = 0.05  # the highlight box around the term being read out
BIAS_BOX_BUFF = (0.08, 0.02)  # around the final bias' label: the output node sits just above it


class Wedge(LessonScene):
    def construct(self):
        net = self.lesson.network
        high = net.forward(HIGH)
        peak = net.forward(MEDIUM)
        lines = [net.values(sample_dosages(net), q) for q in ("top.scaled", "bottom.scaled")]
        bench = SideBench(net, plot_y_range=nice_range(lines, pad=0.05), plot_title="Value", names=self.names)
        self.bench, self.diagram, self.plot = bench, bench.diagram, bench.plot
        self.bars: dict[float, tuple[GraphBar, GraphBar]] = {}
        self.sum_dots: dict[float, GraphDot] = {}
        self.rows = VGroup()
        self.pointer = None  # the highlight box on what is being read out (point_at)

        # Where we left off: the two scaled lines from the hidden layer
        with self.beat(self.lines_caption(high), hold=1.5):
            self.show_lines(high)

        # Dosage 0.2: the blue line is still flat, so the sum is the orange value
        with self.beat(
            self.stack_caption(FLAT, "Add them one dosage at a time, stacking blue on top of orange."), hold=2
        ):
            self.play(FadeOut(self.end_labels), run_time=0.5)
            self.add_by_hand(FLAT)

        # Dosage 0.5: the same, at the top of the orange bar
        with self.beat(self.stack_caption(MEDIUM, self.blue_words(MEDIUM, "Blue is still 0 here.")), hold=2):
            self.add_by_hand(MEDIUM, run_time=0.7)

        # Dosage 0.6: blue is negative now, so it hangs down from the top of orange
        with self.beat(
            self.stack_caption(
                PAST_BEND,
                self.blue_words(PAST_BEND, "Past the bend, blue is negative: it hangs down from the top of orange."),
            ),
            hold=2,
        ):
            self.add_by_hand(PAST_BEND)

        # Dosage 1: the two almost cancel
        with self.beat(self.stack_caption(HIGH, self.cancel_words()), hold=2):
            self.add_by_hand(HIGH)

        # Every dosage at once: the green dots join into the wedge
        with self.beat("Do this for every dosage, and the sums draw a green wedge.", hold=1):
            self.sweep()

        # Set the lines aside and look closer at the wedge
        with self.beat(
            f"Set the blue and orange lines aside and zoom in: the wedge peaks at {fmt(peak.sum[0])} "
            f"at medium dosage and ends at {fmt(high.sum[0])}.",
            hold=2,
        ):
            self.zoom_to_wedge()

        # The final bias lowers every point of the wedge by the same amount
        with self.beat(
            f"Last, the final bias: add {fmt(net.final_bias)} to every point, and the whole wedge "
            f"{'moves ' + story.shift_direction(net.final_bias) if net.final_bias else 'stays where it is'}.",
            hold=2,
        ):
            self.add_bias()

        # The shifted wedge, to scale: only its tip is above 0
        with self.beat(self.shifted_caption(), hold=2.5):
            self.show_shifted()

    # -- the beats ------------------------------------------------------------------------

    def show_lines(self, high) -> None:
        """The two lines carried over from the opening onto this stage's plot (the axes
        are never empty), then each lit while the caption's sentence on it is said, the
        other dimmed, its value at high dosage written at its end (the number the
        sentence says)."""
        net, theme, plot, diagram = self.lesson.network, self.theme, self.plot, self.diagram
        self.blue_line = plot.plot_network(net, "top.scaled", color=theme.top)
        self.orange_line = plot.plot_network(net, "bottom.scaled", color=theme.bottom)
        lines = [self.blue_line, self.orange_line]
        self.end_labels = VGroup(
            *(
                place_clear(
                    make_text(fmt(end), theme.small_size, color),
                    plot.c2p(HIGH, end),
                    avoid=lines,
                    sides=(RIGHT, UR, DR),
                )
                for end, color in ((high.top.scaled[0], theme.top), (high.bottom.scaled[0], theme.bottom))
            )
        )
        carried = self.opening_lines(lines)
        appear = [Create(line) for line in lines if all(new is not line for _, new in carried)]
        self.carry(carried, *self.from_opening(FadeIn(plot), *appear, move=[diagram]), run_time=1.2, lift=True)
        self.play(
            diagram.highlight("top"),
            self.orange_line.animate.set_stroke(opacity=DIMMED),
            FadeIn(self.end_labels[0]),
            run_time=1.2,
        )
        self.next_sentence()
        self.play(
            diagram.highlight("bottom"),
            self.orange_line.animate.set_stroke(opacity=1),
            self.blue_line.animate.set_stroke(opacity=DIMMED),
            FadeIn(self.end_labels[1]),
            run_time=1.2,
        )
        self.legend = Equation(
            [
                ("dosage", self.say("dosage:")),
                "  ",
                ("orange", "orange"),
                " + ",
                ("blue", "blue"),
                " = ",
                ("green", "green"),
            ],
            colors={"dosage": theme.muted, "orange": theme.bottom, "blue": theme.top, "green": theme.output},
            size=theme.label_size,
        )
        self.bench.stack_in_column(self.legend)
        self.play(FadeIn(self.legend, shift=DOWN * 0.2), self.blue_line.animate.set_stroke(opacity=1), run_time=0.8)

    def opening_lines(self, lines) -> list:
        """``(opening's line, this stage's line)`` for each of ``lines`` the stage before
        ends on (a curve of the same colour: orange-line stretched its ``bottom.y`` line
        into the scaled one): taken out of the opening, to be carried over."""
        pairs = []
        for line in lines:
            old = next((m for m in self.opening if isinstance(m, GraphCurve) and m.color == line.color), None)
            if old is not None:
                self.opening.remove(old)
                pairs.append((old, line))
        return pairs

    def lines_caption(self, high) -> str:
        net = self.lesson.network

        def line(which: str, color: str, end: float) -> str:
            start = net.forward(LOW).node(which).scaled[0]
            shape = story.line_shape(net, which)
            return f"the {shape} {color} line of the {which} node, {'down' if end < start else 'up'} to {fmt(end)}"

        top, bottom = line("top", "blue", high.top.scaled[0]), line("bottom", "orange", high.bottom.scaled[0])
        return f"From the hidden layer comes {top} at high dosage. Then {bottom}."

    def blue_words(self, dosage: float, storyboard: str) -> str:
        """The storyboard's words when they hold at ``dosage``, else what blue really is."""
        sign = story.sign_word(self.lesson.network.forward(dosage).top.scaled[0])  # as shown on screen
        if ("still 0" in storyboard and sign == "0") or ("negative" in storyboard and sign == "negative"):
            return storyboard
        if sign == "0":
            return "Blue is 0 here."
        if sign == "negative":
            return "Blue is negative here: it hangs down from the top of orange."
        return "Blue is positive here: it stacks up on top of orange."

    def cancel_words(self) -> str:
        f = self.lesson.network.forward(HIGH)
        if story.nearly_cancel(f.bottom.scaled[0], f.top.scaled[0]):
            return "At the highest dosage they nearly cancel."
        return "At the highest dosage, the last one."

    def stack_caption(self, dosage: float, lead: str) -> str:
        f = self.lesson.network.forward(dosage)
        o, b, s = f.bottom.scaled[0], f.top.scaled[0], f.sum[0]
        k = sum_decimals([o, b], s)
        return f"{lead} At dosage {fmt(dosage)}: orange {fmt(o, k)} + blue {fmt_term(b, k)} = {fmt(s, k)}."

    def add_by_hand(self, dosage: float, run_time: float = 1.0) -> None:
        """While the beat's first sentence is said: orange bar up from 0, blue bar stacked
        on its top. While the sum is read out: its row written, each term lit as it is
        said, the green dot at the sum as "=" is."""
        theme, plot = self.theme, self.plot
        f = self.lesson.network.forward(dosage)
        o, b, s = f.bottom.scaled[0], f.top.scaled[0], f.sum[0]
        self.dim_earlier_bars()
        orange = plot.get_bar(dosage, 0.0, 0.0, color=theme.bottom, stroke_width=ORANGE_WIDTH)
        blue = plot.get_bar(dosage, 0.0, 0.0, color=theme.top, stroke_width=BLUE_WIDTH)
        self.bars[dosage] = (orange, blue)
        self.add(orange)
        self.play(ChangeData(orange, end_value=o), *self.let_go(), run_time=run_time)
        if b != 0:  # first the blue term where it is drawn, then moved onto the orange one
            self.add(blue)
            self.play(ChangeData(blue, end_value=b), run_time=run_time)
            self.play(ChangeData(blue, start_value=o, end_value=s), run_time=run_time * 1.2)
        else:
            blue.start_value = blue.end_value = o  # nothing to stack: the term is 0
            blue.redraw()
        dot = plot.get_dot(dosage, s, color=theme.output, radius=0.12)
        self.sum_dots[dosage] = dot
        row = self.make_row(dosage, o, b, s)
        self.next_sentence()
        self.play(Write(row), run_time=run_time)
        self.point_at(row.equation.part("orange"), words="orange")
        self.point_at(row.equation.part("blue"), words="blue")
        self.until_said("=")
        self.point_at(row.equation.part("total"))
        self.play(GrowFromCenter(dot), Flash(dot, color=theme.output), run_time=run_time)

    def point_at(self, mob, words: str | None = None, run_time: float = 0.4) -> None:
        """A highlight box moves onto ``mob`` (once ``words`` are said, if given), the way
        a teacher points at the term being read out; :meth:`let_go` takes it away."""
        if words is not None:
            self.until_said(words)
        box = SurroundingRectangle(mob, color=self.theme.highlight, buff=POINTER_BUFF, corner_radius=0.06)
        old, self.pointer = self.pointer, box
        self.play(Create(box) if old is None else ReplacementTransform(old, box), run_time=run_time)

    def let_go(self) -> list:
        """The pointer's box fading out (nothing when nothing is pointed at)."""
        old, self.pointer = self.pointer, None
        return [] if old is None else [FadeOut(old)]

    def make_row(self, dosage: float, o: float, b: float, s: float) -> VGroup:
        theme = self.theme
        decimals = sum_decimals([o, b], s)
        eq = sum_equation(
            [("orange", o, theme.bottom), ("blue", b, theme.top)],
            s,
            decimals=decimals,
            size=theme.label_size,
        )
        label = make_text(f"{fmt(dosage)}:", theme.small_size, theme.muted)
        row = VGroup(label, eq).arrange(RIGHT, buff=0.25)  # more decimals where 2 would not add up: no note
        row.equation = eq
        self.bench.stack_in_column(row, under=self.rows[-1] if len(self.rows) else self.legend)
        self.rows.add(row)
        return row

    def dim_earlier_bars(self) -> None:
        for orange, blue in self.bars.values():
            orange.set_stroke(opacity=0.35)
            blue.set_stroke(opacity=0.35)

    def sweep(self) -> None:
        net, theme, plot = self.lesson.network, self.theme, self.plot
        tracer = DotTracer(net, plot, "sum")
        live = VGroup(
            TrackedBar(plot, tracer, None, "bottom.scaled", color=theme.bottom, stroke_width=ORANGE_WIDTH),
            TrackedBar(plot, tracer, "bottom.scaled", "sum", color=theme.top, stroke_width=BLUE_WIDTH),
        )
        old_bars = VGroup(*(bar for pair in self.bars.values() for bar in pair))
        self.play(FadeOut(old_bars), FadeIn(live), FadeIn(tracer.plot_dot), *self.let_go(), run_time=0.8)
        self.add(tracer.trail, *self.sum_dots.values(), tracer.plot_dot)
        self.play(tracer.move_to_dosage(HIGH, rate_func=linear), run_time=4)
        self.wedge = plot.plot_network(net, "sum", color=theme.output)
        self.remove(tracer.trail)
        self.add(self.wedge, *self.sum_dots.values())
        self.play(FadeOut(live), FadeOut(tracer.plot_dot), run_time=0.6)

    def zoom_to_wedge(self) -> None:
        """The lines set aside and the axes fitted to the wedge; then its peak and its end
        pointed at (their dots and their rows' sums) as the sentence says them."""
        kept = (MEDIUM, HIGH)
        gone = VGroup(self.blue_line, self.orange_line, *(d for x, d in self.sum_dots.items() if x not in kept))
        self.play(self.diagram.unhighlight(), FadeOut(gone), run_time=1)
        self.play(self.plot.animate_to_fit(self.wedge.y), run_time=1.5)
        rows = dict(zip(self.sum_dots, self.rows))
        for dosage, words in ((MEDIUM, "peaks at"), (HIGH, "ends at")):
            self.until_said(words)
            dot = self.sum_dots[dosage]
            self.play(Flash(dot, color=self.theme.output), run_time=0.6)
            self.point_at(rows[dosage].equation.part("total"))
        self.kept_dots = VGroup(*(self.sum_dots[x] for x in kept))

    def add_bias(self) -> None:
        net, theme, plot = self.lesson.network, self.theme, self.plot
        biased = net.forward(self.wedge.x).biased
        label = self.diagram.labels["final_bias"]
        # flat: the output node sits just above the label
        bias_box = SurroundingRectangle(label, color=theme.highlight, buff=BIAS_BOX_BUFF, corner_radius=0.06)
        self.bias_box = bias_box
        peak = net.forward(MEDIUM)
        bias_equation = sum_equation(
            [("sum", peak.sum[0], theme.output), ("bias", net.final_bias, theme.output)],
            peak.biased[0],
            size=theme.label_size,
        )
        caption = make_text(self.say(f"at dosage {fmt(MEDIUM)}, plus the final bias"), theme.small_size, theme.muted)
        block = VGroup(caption, bias_equation).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        self.bench.stack_in_column(block, under=self.rows, buff=BLOCK_GAP)
        self.play(
            Create(bias_box),
            self.diagram.emphasize_label("final_bias"),
            FadeOut(self.kept_dots),
            *self.let_go(),
            run_time=1,
        )
        self.play(FadeIn(block, shift=UP * 0.2), plot.animate_to_fit(self.wedge.y, biased), run_time=1.5)
        self.ghost = plot.plot_network(net, "sum", color=theme.output, stroke_opacity=0.3)
        self.add(self.ghost, self.wedge)
        self.until_said("and the whole wedge")
        self.play(ChangeData(self.wedge, y=biased), run_time=2.5)

    def shifted_caption(self) -> str:
        values = self.lesson.network.forward(KEY_DOSAGES).biased
        low, medium, high = (fmt(v) for v in values)
        net = self.lesson.network
        share = story.share_above_zero(net)
        if story.only_tip_above_zero(net):
            tail = "Only its tip is above 0."
        elif share == 0:
            tail = "None of it is above 0."
        elif share == 1:
            tail = "All of it is above 0."
        else:
            tail = f"About {round(100 * share)} % of it is above 0."
        return f"The shifted wedge, to scale: {low} at low dosage, {medium} at medium, {high} at high. {tail}"

    def show_shifted(self) -> None:
        theme, plot = self.theme, self.plot
        self.play(FadeOut(self.ghost), FadeOut(self.bias_box), run_time=0.6)  # before the range shrinks
        self.play(plot.animate_to_fit(self.wedge.y), run_time=1.6)
        values = self.lesson.network.forward(KEY_DOSAGES).biased
        value_dots = VGroup(*(plot.get_dot(d, v, color=theme.output, radius=0.11) for d, v in zip(KEY_DOSAGES, values)))
        sides = (RIGHT + DOWN * 0.6, UR * 0.6 + UP * 0.4, LEFT + DOWN * 0.6)
        value_labels = VGroup(
            *(
                place_clear(make_text(fmt(v), theme.label_size, theme.output, weight="BOLD"), dot, [self.wedge], [side])
                for v, dot, side in zip(values, value_dots, sides)
            )
        )
        for value, dot, label in zip(values, value_dots, value_labels):  # each as its value is said
            self.until_said(fmt(value))
            self.play(FadeIn(dot, scale=0.5), FadeIn(label), run_time=0.6)
