"""Stage 1, recap: Part 1's data, its softplus network and the green squiggle it fits."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Create,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    LaggedStart,
    VGroup,
)

from relu_anim.components import (
    SHOWCASE,
    Area,
    Beside,
    ChangeData,
    DosagePlot,
    NetworkDiagram,
    follow,
    output_said_twice,
)
from relu_anim.model import sample_dosages
from relu_anim.scene import LessonScene
from relu_anim.text import fmt, make_text

EFFECT_WORDS = {0.0: "not effective", 1.0: "effective"}  # what an observation means
DATA_Y_RANGE = (-0.5, 1.5)  # room under the axis for the 'not effective' labels


class Recap(LessonScene):
    @property
    def names(self):
        """The recap is Part 1's lesson: Part 1's names, whatever this lesson's are."""
        return self.lesson.recap_names

    def construct(self):
        net = self.lesson.recap
        self.plot = self.get_plot(SHOWCASE.alone)
        self.diagram = SHOWCASE.place_diagram(NetworkDiagram(net, names=self.names))

        # Part 1's data: low and high dosages did not work, the medium one did
        with self.beat(
            "Part 1 in brief: low and high dosages did not help against the virus, a medium one did.", hold=2
        ):
            self.show_data()

        # The softplus network fitted to it, with its weights and biases
        with self.beat(
            "A network with softplus in both hidden nodes, and these weights and biases, was fitted to it.", hold=2
        ):
            self.make_room()

        # Each hidden node gives a softplus curve, scaled by its output weight
        with self.beat(
            "Each hidden node bends a softplus curve into a shape of its own: one blue, one orange.", hold=1.5
        ):
            self.show_pieces()

        # Added together and shifted by the final bias, they make the green squiggle
        with self.beat(
            f"Add them up, shift by the final bias {fmt(net.final_bias)}, and out comes the green squiggle.", hold=1.5
        ):
            self.make_squiggle()

        # Drawn to scale, its peak is off to the left and high
        peak_d, peak_y = self.lesson.recap.peak()
        with self.beat(
            f"To scale, the squiggle tops out at {fmt(peak_y)} near dosage {fmt(peak_d)}, "
            "yet passes close to all three points.",
            hold=2.5,
        ):
            self.show_peak(peak_d, peak_y)

    def show_data(self) -> None:
        """The plot, the three observations and what each one means."""
        self.data_points = self.plot.get_data_points(self.lesson.recap_data)
        self.data_labels = VGroup(*(self.get_data_label(dot) for dot in self.data_points))
        self.play(*self.from_opening(FadeIn(self.plot)), run_time=1)
        self.play(LaggedStart(*(GrowFromCenter(dot) for dot in self.data_points), lag_ratio=0.3), run_time=1.2)
        self.play(FadeIn(self.data_labels, shift=DOWN * 0.1), run_time=1)

    def get_plot(self, area: Area) -> DosagePlot:
        return DosagePlot(y_range=DATA_Y_RANGE, width=area.width, height=area.height, names=self.names).place_area(
            area.point
        )

    def make_room(self) -> None:
        """The data plot moves over to the right, and the network comes in beside it."""
        old = VGroup(self.plot, self.data_points, self.data_labels)
        self.plot = self.get_plot(SHOWCASE.plot)
        self.data_points = self.plot.get_data_points(self.lesson.recap_data)
        self.data_labels = VGroup(*(self.get_data_label(dot) for dot in self.data_points))
        new = VGroup(self.plot, self.data_points, self.data_labels)
        if output_said_twice(self.diagram, self.plot):  # its arrow points at the axis title
            self.diagram.output_word.set_opacity(0)
        self.remove(*old.get_family())  # the plot shrinks to the side as one drawing (its frozen copy moves)
        self.carry([(old, new)], FadeIn(self.diagram), run_time=1.5)

    def get_data_label(self, dot) -> VGroup:
        """'effective' or 'not effective' by ``dot``, following it as the axes change: under
        or over it, from the dot's centre towards the plot's middle, so that
        each label reads with its own dosage (its centre nearer its dot than any other
        dosage), clear of the axes and of the squiggle."""
        words = EFFECT_WORDS[dot.y].replace(" ", "\n")  # stacked, so neighbours stay apart
        label = make_text(words, self.theme.small_size, self.theme.data)
        side = DOWN if dot.y <= 0 else UP  # a dose that did not help under the axis
        edge = LEFT if dot.x < 1 else RIGHT  # the last dose's label grows back into the plot
        return follow(label, Beside(dot, side, edge, buff=0.12))

    def show_pieces(self) -> None:
        """The two hidden nodes' scaled softplus curves, to scale."""
        net, theme = self.lesson.recap, self.theme
        self.pieces = VGroup(
            self.plot.plot_network(net, "top.scaled", color=theme.top, stroke_width=5),
            self.plot.plot_network(net, "bottom.scaled", color=theme.bottom, stroke_width=5),
        )
        everything = [piece.y for piece in self.pieces] + [net.predict(self.pieces[0].x)]
        self.play(self.plot.animate_to_fit(*everything), FadeOut(self.data_labels), run_time=1.5)
        self.play(self.diagram.highlight("top"), Create(self.pieces[0]), run_time=1.5)
        self.play(self.diagram.highlight("bottom"), Create(self.pieces[1]), run_time=1.5)

    def make_squiggle(self) -> None:
        """Orange plus blue, point by point, then the final bias: the green squiggle."""
        net, theme = self.lesson.recap, self.theme
        f = net.forward(sample_dosages(net))
        self.squiggle = self.plot.get_curve(f.dosage, f.bottom.scaled, color=theme.output)
        self.play(FadeIn(self.squiggle), run_time=0.5)
        dim = self.pieces.animate.set_stroke(opacity=0.3)
        self.play(ChangeData(self.squiggle, y=f.sum), dim, run_time=1.5)  # orange + blue
        self.play(ChangeData(self.squiggle, y=f.output), self.diagram.emphasize_label("final_bias"), run_time=1.5)

    def show_peak(self, dosage: float, value: float) -> None:
        """Let the pieces go, fit the axes to the squiggle and mark its peak."""
        self.play(FadeOut(self.pieces), self.diagram.unhighlight(), run_time=0.6)  # before the axes narrow
        self.play(self.plot.animate_to_fit(self.squiggle.y), run_time=1.2)
        peak_dot = self.plot.get_dot(dosage, value, radius=0.09)
        words = self.say(f"peak {fmt(value)}\nat dosage {fmt(dosage)}")  # two lines: it stays inside the margin
        peak_label = make_text(words, self.theme.small_size, self.theme.output)
        peak_label.next_to(peak_dot, UR, buff=0.1)  # above the squiggle, which falls to its right
        marks = (GrowFromCenter(peak_dot), FadeIn(peak_label, shift=LEFT * 0.1), FadeIn(self.data_labels))
        self.play(*marks, run_time=1)
