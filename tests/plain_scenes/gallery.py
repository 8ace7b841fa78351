"""Plain Manim scenes in the style of Manim's documentation gallery (written here), to
snapshot-test frame data of scenes that know nothing of relu-anim.

Each scene keeps the one thing its change test alters as a class attribute (a shift, a
colour, a tracker's target, a plotted function...), so that a test can play it changed.
None needs LaTeX: texts and numbers are Pango ``Text``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    BLUE,
    DEGREES,
    DL,
    DOWN,
    GREEN,
    LEFT,
    ORANGE,
    ORIGIN,
    PI,
    RED,
    RIGHT,
    UP,
    YELLOW,
    Arc,
    Axes,
    Circle,
    Create,
    Cube,
    DecimalNumber,
    Difference,
    Dot,
    Exclusion,
    FadeIn,
    Integer,
    Intersection,
    Line,
    MarkupText,
    MoveAlongPath,
    MovingCameraScene,
    NumberLine,
    Paragraph,
    Polygon,
    Rectangle,
    ReplacementTransform,
    Rotate,
    Scene,
    Square,
    Text,
    ThreeDScene,
    TracedPath,
    Union,
    ValueTracker,
    Vector,
    Write,
    ZoomedScene,
    always_redraw,
)


class SquareToCircle(Scene):
    """Shapes moving: a square turns and becomes a circle, which moves aside."""

    SHIFT = 2.0

    def construct(self):
        square = Square(side_length=2, color=BLUE)
        circle = Circle(radius=1, color=RED, fill_opacity=0.5)
        self.play(Create(square))
        self.play(Rotate(square, PI / 4))
        self.play(ReplacementTransform(square, circle))
        self.play(circle.animate.shift(RIGHT * self.SHIFT))
        self.wait(0.5)


class FollowTheDot(Scene):
    """Updaters: a square rides above a moving dot, a line always joins it to the centre."""

    RIDER_COLOR = ORANGE

    def construct(self):
        dot = Dot(LEFT * 3, color=YELLOW)
        rider = Square(side_length=0.5, color=self.RIDER_COLOR)
        rider.add_updater(lambda m: m.next_to(dot, UP))
        link = always_redraw(lambda: Line(ORIGIN, dot.get_center(), color=GREEN))
        self.add(dot, rider, link)
        self.play(dot.animate.shift(RIGHT * 6))
        self.play(dot.animate.shift(DOWN * 2))
        self.wait(0.5)


class TrackedNumber(Scene):
    """A ValueTracker drives a number, and a dot along a number line; subcaptions say so."""

    TARGET = 4.0

    def construct(self):
        line = NumberLine(x_range=[0, 5, 1], length=10, include_numbers=True, label_constructor=Text)
        tracker = ValueTracker(1)
        number = DecimalNumber(1, num_decimal_places=2, mob_class=Text).to_edge(UP)
        number.add_updater(lambda m: m.set_value(tracker.get_value()))
        marker = always_redraw(lambda: Dot(line.n2p(tracker.get_value()), color=RED))
        self.add(line, number, marker)
        self.add_subcaption("The tracker starts at 1.", duration=1)
        self.wait(1)
        self.play(tracker.animate.set_value(self.TARGET), run_time=2, subcaption="It moves to its target.")
        self.wait(0.5)


class AlongACircle(Scene):
    """MoveAlongPath, with a TracedPath drawing where the dot has been."""

    RADIUS = 2.0

    def construct(self):
        path = Arc(radius=self.RADIUS, start_angle=0, angle=PI, color=BLUE)
        dot = Dot(path.get_start(), color=YELLOW)
        trace = TracedPath(dot.get_center, stroke_color=YELLOW, stroke_width=3)
        self.add(path, trace, dot)
        self.play(MoveAlongPath(dot, path), run_time=2)
        self.play(dot.animate.move_to(DL * 1.5))
        self.wait(0.5)


class BooleanShapes(Scene):
    """Boolean operations of a circle and a square, side by side."""

    OFFSET = 0.6

    def construct(self):
        a, b = Circle(radius=1, color=BLUE), Square(side_length=1.6, color=RED).shift(RIGHT * self.OFFSET)
        self.play(FadeIn(a), FadeIn(b))
        results = [
            Union(a, b, color=GREEN, fill_opacity=0.5),
            Intersection(a, b, color=YELLOW, fill_opacity=0.5),
            Difference(a, b, color=ORANGE, fill_opacity=0.5),
            Exclusion(a, b, color=BLUE, fill_opacity=0.5),
        ]
        for result, x in zip(results, (-4.5, -1.5, 1.5, 4.5)):
            result.scale(0.6).move_to(RIGHT * x + DOWN * 2)
        self.play(*(FadeIn(r) for r in results))
        self.play(a.animate.shift(UP * 1.5), b.animate.shift(UP * 1.5))


class CameraCloseUp(MovingCameraScene):
    """A moving camera closes in on a dot, then pulls back."""

    ZOOM = 0.5

    def construct(self):
        dot = Dot(RIGHT * 2 + UP, color=RED)
        box = Rectangle(width=6, height=3, color=BLUE)
        self.play(Create(box), FadeIn(dot))
        self.play(self.camera.frame.animate.scale(self.ZOOM).move_to(dot))
        self.play(self.camera.frame.animate.scale(1 / self.ZOOM).move_to(ORIGIN))


class SineOnAxes(Scene):
    """Axes with a plotted function, a line graph, a dot on the curve, a triangle under it."""

    @staticmethod
    def function(x):
        return np.sin(x)

    def construct(self):
        axes = Axes(x_range=[0, 6, 1], y_range=[-1.5, 1.5, 0.5], x_length=10, y_length=5, tips=False)
        labels = axes.get_axis_labels(Text("x", font_size=28), Text("f(x)", font_size=28))
        curve = axes.plot(self.function, color=BLUE)
        steps = axes.plot_line_graph([0, 2, 4, 6], [0, 0.5, -0.5, 0], line_color=GREEN)
        dot = Dot(axes.c2p(2, self.function(2)), color=RED)
        under = Polygon(axes.c2p(1, 0), axes.c2p(2, 0), axes.c2p(2, self.function(2)), color=YELLOW, fill_opacity=0.4)
        arrow = Vector(axes.c2p(2, self.function(2)) - axes.c2p(3, 1.4), color=ORANGE).shift(axes.c2p(3, 1.4))
        self.play(Create(axes), FadeIn(labels))
        self.play(Create(curve), Create(steps))
        self.play(FadeIn(dot), FadeIn(under), FadeIn(arrow))


class ZoomedDetail(ZoomedScene):
    """Manim's zoomed scene: a zoomed camera's picture of a small square beside it."""

    TARGET = LEFT * 2

    def construct(self):
        square = Square(side_length=0.5, color=GREEN).move_to(LEFT * 2)
        self.add(square)
        self.zoomed_camera.frame.move_to(self.TARGET)
        self.activate_zooming()
        self.play(self.zoomed_camera.frame.animate.shift(RIGHT * 0.2))
        self.wait(0.5)


class TiltedCube(ThreeDScene):
    """A 3D camera's angles are part of the data."""

    PHI = 60

    def construct(self):
        self.set_camera_orientation(phi=self.PHI * DEGREES, theta=-45 * DEGREES)
        cube = Cube(side_length=2, fill_color=BLUE, fill_opacity=0.6)
        self.play(FadeIn(cube))
        self.move_camera(theta=30 * DEGREES, run_time=1)


class TextKinds(Scene):
    """Text, MarkupText, Paragraph and Integer: what they say, where and how big. (The
    number changes with ``set_value``: a ``Transform`` into another number would change
    its drawing but not its value.)"""

    TITLE_COLOR = BLUE

    def construct(self):
        title = Text("Frame data", color=self.TITLE_COLOR).to_edge(UP)
        styled = MarkupText('plain and <span fgcolor="#FF0000">red</span>', font_size=32)
        lines = Paragraph("first line", "second line", font_size=24).to_edge(DOWN)
        count = Integer(7, mob_class=Text).next_to(styled, RIGHT)
        self.play(Write(title))
        self.play(FadeIn(styled), FadeIn(lines), FadeIn(count))
        self.play(count.animate.set_value(8))
