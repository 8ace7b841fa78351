"""Stage 7, wedge: the hidden nodes' scaled lines, added dosage by dosage, make the green
wedge (for the lesson's two: the bent blue line plus the straight orange line); then the
final bias lowers it.

The terms are stacked as the diagram stacks the nodes: the bottom node's bar stands on 0
and each node above stands on the one below it (orange, then blue on top of it).
"""

import numpy as np
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
    nice_range,
    place_clear,
    place_clear_of,
    stacked_terms,
    sum_decimals,
    sum_equation,
)
from relu_anim.composition import STROKE_UNIT
from relu_anim.model import DOSAGE_RANGE, sample_dosages, story
from relu_anim.scene import LessonScene
from relu_anim.text import fmt, fmt_term, make_text

LOW, HIGH = DOSAGE_RANGE  # the lowest and the highest dosage: where the lines start and end
FLAT, MEDIUM, PAST_BEND = 0.2, 0.5, 0.6  # with HIGH, where the two lines are added by hand
KEY_DOSAGES = (LOW, MEDIUM, HIGH)  # low, medium, high: labelled on the shifted wedge
#: Where another number of lines is added by hand: the peak and the end the zoom points at.
FEW_BY_HAND = (MEDIUM, HIGH)
BLOCK_GAP = 0.55  # the bias block stands apart from the rows of sums above it
ORANGE_WIDTH, BLUE_WIDTH = 14, 7  # the blue term runs inside the orange one where they overlap
DIMMED = 0.3  # a line's opacity while the other one is spoken of
POINTER_BUFF = 0.05  # the highlight box around the term being read out
BIAS_BOX_BUFF = (0.08, 0.02)  # around the final bias' label: the output node sits just above it
BIAS_BOX_STROKE = 4  # ...and its stroke width (Manim's default for a SurroundingRectangle)


class Wedge(LessonScene):
    def construct(self):
        net = self.lesson.network
        high = net.forward(HIGH)
        peak = net.forward(MEDIUM)
        self.count = len(net.hidden)
        self.shape = story.sum_shape(net)  # what the sums draw: the storyboard's wedge, a ramp, ...
        self.noun = story.shape_noun(self.shape)
        self.colors = self.theme.node_colors(self.count)
        # the stack as the diagram stands: the bottom node's term first, the top node's last
        self.stacking = tuple(reversed(range(self.count)))
        d = sample_dosages(net)
        lines = [net.values(d, f"{name}.scaled") for name in net.node_names]
        stacks = np.cumsum([lines[i] for i in self.stacking], axis=0)  # where each bar of a stack ends
        y_range = nice_range([*lines, *stacks], pad=0.05)
        bench = SideBench(net, plot_y_range=y_range, plot_title="Value", names=self.names)
        self.bench, self.diagram, self.plot = bench, bench.diagram, bench.plot
        self.bars: dict[float, tuple[GraphBar, ...]] = {}
        self.sum_dots: dict[float, GraphDot] = {}
        self.rows = VGroup()
        self.pointer = None  # the highlight box on what is being read out (point_at)
        self.legend = None  # what the rows add, over them (the lesson's two lines only)

        # Where we left off: the scaled lines from the hidden layer
        with self.beat(self.lines_caption(high), hold=1.5):
            self.show_lines(high)

        # A few dosages added by hand (the lesson's two lines: 0.2, 0.5, 0.6 and 1)
        for dosage, lead, run_time in self.by_hand():
            with self.beat(self.stack_caption(dosage, lead), hold=2):
                if not self.sum_dots and len(self.end_labels):
                    self.play(FadeOut(self.end_labels), run_time=0.5)
                self.add_by_hand(dosage, run_time=run_time)

        # Every dosage at once: the green dots join into the wedge
        with self.beat(f"Do this for every dosage, and the sums draw a {story.green_shape(self.shape)}.", hold=1):
            self.sweep()

        # Set the lines aside and look closer at the wedge
        with self.beat(
            f"Set {self.lines_words()} aside and zoom in: the {self.noun} {self.medium_verb()} {fmt(peak.sum[0])} "
            f"at medium dosage and ends at {fmt(high.sum[0])}.",
            hold=2,
        ):
            self.zoom_to_wedge()

        # The final bias lowers every point of the wedge by the same amount
        with self.beat(
            f"Last, the final bias: add {fmt(net.final_bias)} to every point, and the whole {self.noun} "
            f"{'moves ' + story.shift_direction(net.final_bias) if net.final_bias else 'stays where it is'}.",
            hold=2,
        ):
            self.add_bias()

        # The shifted wedge, to scale: only its tip is above 0
        with self.beat(self.shifted_caption(), hold=2.5):
            self.show_shifted()

    def by_hand(self) -> list[tuple[float, str, float]]:
        """``(dosage, lead, run_time)`` for each dosage added by hand: the storyboard's four
        for the lesson's two lines; for another number, medium and high dosage only (the
        peak and the end the zoom points at), so the stage grows little with more lines."""
        if self.count != 2:
            lead = (
                "With one hidden node there is nothing to add: the sum is its line."
                if self.count == 1
                else "Add them one dosage at a time, stacking each node's term on the one below it."
            )
            return [(MEDIUM, lead, 1.0), (HIGH, "At the highest dosage, the last one.", 1.0)]
        return [
            (FLAT, "Add them one dosage at a time, stacking blue on top of orange.", 1.0),
            (MEDIUM, self.blue_words(MEDIUM, "Blue is still 0 here."), 0.7),
            (
                PAST_BEND,
                self.blue_words(PAST_BEND, "Past the bend, blue is negative: it hangs down from the top of orange."),
                1.0,
            ),
            (HIGH, self.cancel_words(), 1.0),
        ]

    def medium_verb(self) -> str:
        """How the zoom says the sum at medium dosage: "peaks at" where the sum is a
        wedge (a peak inside the range: the storyboard's words), else "is at"."""
        return "peaks at" if self.shape.kind == "wedge" else "is at"

    def lines_words(self) -> str:
        """The lines set aside: "the blue and orange lines", "the line", "the 8 lines"."""
        return {1: "the line", 2: "the blue and orange lines"}.get(
            self.count, f"the {story.count_word(self.count)} lines"
        )

    # -- the beats ------------------------------------------------------------------------

    def show_lines(self, high) -> None:
        """The lines carried over from the opening onto this stage's plot (the axes are
        never empty). Two lines: each lit while the caption's sentence on it is said, the
        other dimmed, its value at high dosage written at its end (the number the sentence
        says). One: its end value written; more: all lit at once, each node's colour its own."""
        net, theme, plot, diagram = self.lesson.network, self.theme, self.plot, self.diagram
        self.lines = [
            plot.plot_network(net, f"{name}.scaled", color=color) for name, color in zip(net.node_names, self.colors)
        ]
        self.end_labels = VGroup(
            *(
                place_clear(
                    make_text(fmt(node.scaled[0]), theme.small_size, color),
                    plot.c2p(HIGH, node.scaled[0]),
                    avoid=self.lines,
                    sides=(RIGHT, UR, DR),
                )
                for node, color in zip(high.nodes, self.colors)
            )
            if self.count <= 2
            else ()
        )
        carried = self.opening_lines(self.lines)
        appear = [Create(line) for line in self.lines if all(new is not line for _, new in carried)]
        self.carry(carried, *self.from_opening(FadeIn(plot), *appear, move=[diagram]), run_time=1.2, lift=True)
        if self.count == 2:
            self.light_each_line()
        else:
            self.play(
                diagram.highlight(*net.node_names),
                *([FadeIn(self.end_labels)] if len(self.end_labels) else []),
                run_time=1.2,
            )
        if self.count == 2:  # the rows' colours named: any other number of lines is named by node
            self.show_legend()

    def light_each_line(self) -> None:
        """The lesson's two lines, each lit in turn while its sentence is said."""
        (blue, orange), diagram = self.lines, self.diagram
        self.play(
            diagram.highlight("top"),
            orange.animate.set_stroke(opacity=DIMMED),
            FadeIn(self.end_labels[0]),
            run_time=1.2,
        )
        self.next_sentence()
        self.play(
            diagram.highlight("bottom"),
            orange.animate.set_stroke(opacity=1),
            blue.animate.set_stroke(opacity=DIMMED),
            FadeIn(self.end_labels[1]),
            run_time=1.2,
        )

    def show_legend(self) -> None:
        """ "dosage: orange + blue = green" at the top of the column, over the rows to come."""
        theme = self.theme
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
        self.play(FadeIn(self.legend, shift=DOWN * 0.2), self.lines[0].animate.set_stroke(opacity=1), run_time=0.8)

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
        net, n = self.lesson.network, self.count

        def line(index: int) -> str:
            start, end = net.forward(LOW).node(index).scaled[0], high.node(index).scaled[0]
            shape = story.line_shape(net, net.node_names[index])
            # the lesson's two as the storyboard says them: "the bent blue line of the top node"
            word = (
                f"{story.line_word(index, n, shape)} of {story.node_word(index, n)}"
                if n == 2
                else story.line_word(index, n, shape)
            )
            return f"{word}, {'down' if end < start else 'up'} to {fmt(end)}"

        if n == 1:
            return f"From the hidden layer comes one line: {line(0)} at high dosage."
        if n == 2:
            return f"From the hidden layer comes {line(0)} at high dosage. Then {line(1)}."
        return f"From the hidden layer come {story.count_word(n)} scaled lines, one from each node, each in its own colour."

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

    def terms(self, dosage: float) -> tuple[list[tuple[str, float, object]], float]:
        """The sum at ``dosage`` as written: ``[(name, value, colour), ...]`` in stacking
        order, and the total. Beyond the lesson's two lines, a term that is 0 as shown
        adds nothing and is left out (every term if all are 0: the bottom one stays), so
        eight terms stay readable."""
        f = self.lesson.network.forward(dosage)
        names = ("blue", "orange") if self.count == 2 else [f"node{i}" for i in range(self.count)]
        terms = [(names[i], f.nodes[i].scaled[0], self.colors[i]) for i in self.stacking]
        if self.count > 2:
            terms = [t for t in terms if story.sign_word(t[1]) != "0"] or terms[:1]
        return terms, f.sum[0]

    def stack_caption(self, dosage: float, lead: str) -> str:
        terms, s = self.terms(dosage)
        k = sum_decimals([v for _, v, _ in terms], s)
        if self.count == 2:
            (_, o, _), (_, b, _) = terms
            return f"{lead} At dosage {fmt(dosage)}: orange {fmt(o, k)} + blue {fmt_term(b, k)} = {fmt(s, k)}."
        if self.count == 1:
            return f"{lead} At dosage {fmt(dosage)} it is {fmt(s, k)}."
        if self.row_sum(dosage)[2]:  # too many terms to read out: the total, the bars show them
            return f"{lead} At dosage {fmt(dosage)} the {story.count_word(len(terms))} terms add up to {fmt(s, k)}."
        written = " + ".join(fmt(v, k) if i == 0 else fmt_term(v, k) for i, (_, v, _) in enumerate(terms))
        rest = " The other lines are 0 there." if len(terms) < self.count else ""
        return f"{lead} At dosage {fmt(dosage)}: {written} = {fmt(s, k)}.{rest}"

    def add_by_hand(self, dosage: float, run_time: float = 1.0) -> None:
        """While the beat's first sentence is said: the bottom node's bar up from 0, the
        others stacked on it in the diagram's order (each first drawn from 0, then moved
        onto the stack). While the sum is read out: its row written, each of the two
        lines' terms lit as it is said, the green dot at the sum as "=" is."""
        theme, plot = self.theme, self.plot
        f = self.lesson.network.forward(dosage)
        values = [f.nodes[i].scaled[0] for i in self.stacking]
        tops = np.cumsum(values)
        self.dim_earlier_bars()
        widths = [ORANGE_WIDTH, *[BLUE_WIDTH] * (self.count - 1)]  # each later term runs inside the first
        bars = [
            plot.get_bar(dosage, 0.0, 0.0, color=self.colors[i], stroke_width=w) for i, w in zip(self.stacking, widths)
        ]
        self.bars[dosage] = tuple(bars)
        first, *later = bars
        self.add(first)
        self.play(ChangeData(first, end_value=values[0]), *self.let_go(), run_time=run_time)
        moved = [(bar, value, below) for bar, value, below in zip(later, values[1:], tops) if value != 0]
        for bar, value, below in zip(later, values[1:], tops):
            if value == 0:  # nothing to stack: the term is 0
                bar.start_value = bar.end_value = below
                bar.redraw()
        if moved:  # first each term where it is drawn, then moved onto the stack
            self.add(*(bar for bar, _, _ in moved))
            self.play(*(ChangeData(bar, end_value=value) for bar, value, _ in moved), run_time=run_time)
            self.play(
                *(ChangeData(bar, start_value=below, end_value=below + value) for bar, value, below in moved),
                run_time=run_time * 1.2,
            )
        dot = plot.get_dot(dosage, f.sum[0], color=theme.output, radius=0.12)
        self.sum_dots[dosage] = dot
        row = self.make_row(dosage)
        self.next_sentence()
        self.play(Write(row), run_time=run_time)
        if self.count == 2:
            self.point_at(row.equation.part("orange"), words="orange")
            self.point_at(row.equation.part("blue"), words="blue")
        said = self.stack_caption(dosage, "")
        self.until_said("=" if "=" in said else said.removesuffix(".").split()[-1])  # the total, as said
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

    def make_row(self, dosage: float) -> VGroup:
        """The sum at ``dosage`` (:meth:`row_sum`) beside its dosage, under the rows before
        it. ``row.equation.part(name)`` is a term ("orange", "node3") or the "total"."""
        label, eq, _ = self.row_sum(dosage)
        row = VGroup(label, eq).arrange(RIGHT, buff=0.25)  # more decimals where 2 would not add up: no note
        row.equation = eq
        self.bench.stack_in_column(row, under=self.rows[-1] if len(self.rows) else self.legend)
        self.rows.add(row)
        return row

    def row_sum(self, dosage: float) -> tuple:
        """``(label, equation, compact)`` for the sum at ``dosage``: every term, as
        :func:`sum_equation` writes it, when that fits the column beside its dosage's
        label; else (``compact``) the first term and as many of the last as fit, an
        ellipsis for those between (the bars on the plot show every one)."""
        theme = self.theme
        terms, total = self.terms(dosage)
        decimals = sum_decimals([v for _, v, _ in terms], total)
        label = make_text(f"{fmt(dosage)}:", theme.small_size, theme.muted)
        room = self.bench.column.width - label.width - 0.25
        whole = sum_equation(terms, total, decimals=decimals, size=theme.label_size)
        if whole.width <= room:
            return label, whole, False
        for last in range(len(terms) - 2, 0, -1):
            eq = self.compact_sum(terms[:1], terms[-last:], total, decimals)
            if eq.width <= room:
                break
        return label, eq, True

    def compact_sum(self, first, last, total: float, decimals: int) -> Equation:
        """``a + … + y + z = total``: the ``first`` terms, an ellipsis, the ``last``."""
        parts: list = []
        for i, (name, value, _) in enumerate([*first, (None, None, None), *last]):
            text = "…" if name is None else fmt_term(value, decimals) if i else fmt(value, decimals)
            parts += ([" + "] if i else []) + [(name, text)]
        parts += [" = ", ("total", fmt(total, decimals))]
        colors = {name: color for name, _, color in [*first, *last]} | {"total": self.theme.output}
        return Equation(parts, colors=colors, size=self.theme.label_size)

    def dim_earlier_bars(self) -> None:
        for bars in self.bars.values():
            for bar in bars:
                bar.set_stroke(opacity=0.35)

    def sweep(self) -> None:
        net, theme, plot = self.lesson.network, self.theme, self.plot
        tracer = DotTracer(net, plot, "sum")
        widths = [*[BLUE_WIDTH] * (self.count - 1), ORANGE_WIDTH]  # top first: the bottom node's bar the widest
        live = VGroup(*stacked_terms(plot, tracer, stroke_widths=widths))
        old_bars = VGroup(*(bar for bars in self.bars.values() for bar in bars))
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
        gone = VGroup(*self.lines, *(d for x, d in self.sum_dots.items() if x not in kept))
        self.play(self.diagram.unhighlight(), FadeOut(gone), run_time=1)
        self.play(self.plot.animate_to_fit(self.wedge.y), run_time=1.5)
        rows = dict(zip(self.sum_dots, self.rows))
        for dosage, words in ((MEDIUM, self.medium_verb()), (HIGH, "ends at")):
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
        bias_box = SurroundingRectangle(
            label, color=theme.highlight, buff=self.bias_box_buff(), corner_radius=0.06, stroke_width=BIAS_BOX_STROKE
        )
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
        if block.get_bottom()[1] < self.bench.column.get_bottom()[1]:  # a short column (a tall diagram)
            self.bench.stack_in_column(block, under=self.rows)
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
        self.until_said(f"and the whole {self.noun}")
        self.play(ChangeData(self.wedge, y=biased), run_time=2.5)

    def bias_box_buff(self) -> tuple[float, float]:
        """:data:`BIAS_BOX_BUFF`, narrowed where the label sits close beside the sum node
        (the diagram of more nodes than two): the box stays clear of the node."""
        label, node = self.diagram.labels["final_bias"], self.diagram.nodes["sum"]
        beside = label.get_bottom()[1] < node.get_top()[1] and label.get_top()[1] > node.get_bottom()[1]
        gap = (
            label.get_left()[0] - node.get_right()[0] - 0.02 - STROKE_UNIT * BIAS_BOX_STROKE / 2
        )  # its stroke's outer edge
        across, up = BIAS_BOX_BUFF
        return (min(across, max(gap, 0.0)) if beside else across, up)

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
        return f"The shifted {self.noun}, to scale: {low} at low dosage, {medium} at medium, {high} at high. {tail}"

    def show_shifted(self) -> None:
        theme, plot = self.theme, self.plot
        self.play(FadeOut(self.ghost), FadeOut(self.bias_box), run_time=0.6)  # before the range shrinks
        self.play(plot.animate_to_fit(self.wedge.y), run_time=1.6)
        values = self.lesson.network.forward(KEY_DOSAGES).biased
        value_dots = VGroup(*(plot.get_dot(d, v, color=theme.output, radius=0.11) for d, v in zip(KEY_DOSAGES, values)))
        sides = (RIGHT + DOWN * 0.6, UR * 0.6 + UP * 0.4, LEFT + DOWN * 0.6)
        value_labels = VGroup()
        for v, dot, side in zip(values, value_dots, sides):  # clear of the axis' words and of each other
            label = make_text(fmt(v), theme.label_size, theme.output, weight="BOLD")
            value_labels.add(place_clear_of(label, dot, [self.wedge], [side], [*plot.x_labels, *value_labels]))
        for value, dot, label in zip(values, value_dots, value_labels):  # each as its value is said
            self.until_said(fmt(value))
            self.play(FadeIn(dot, scale=0.5), FadeIn(label), run_time=0.6)
