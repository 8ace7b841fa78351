"""Still mobjects drawn once per animation, even over moving ones (issue 35,
``relu_anim.layers``): every frame the same to the byte as Manim's own full redraw.

The truth is Manim's ``CairoRenderer`` drawing the same scene: each test plays a scene
with it and with :class:`~relu_anim.layers.LayeredRenderer` and compares the pixels of
every frame handed to the video.
"""

import hashlib
import tempfile

import numpy as np
import pytest
from manim import DL, DOWN, LEFT, RIGHT, UP, UR, Circle, Dot, FadeIn, Indicate, Line, Square
from manim.renderer.cairo_renderer import CairoRenderer

from relu_anim.layers import LayeredRenderer
from relu_anim.play import Play, playing
from relu_anim.scene import LessonScene
from relu_anim.stages import get_stage
from relu_anim.text import make_text

NO_FILES = {"format": "none", "write_to_movie": False}


def recorded(scene, renderer_class, quality: str = "l", digest: bool = True):
    """Every frame ``scene`` (a stage's name or a scene class) hands to the video, as
    (sha1 of its pixels, ticks shown), and how many mobject drawings it took. Nothing is
    encoded; with ``digest=False`` the frames are only counted (benchmarks/layers.py
    times this)."""
    frames, drawings = [], []

    class Recording(renderer_class):
        def add_frame(self, frame, num_frames=1):
            if not self.skip_animations:
                frames.append((hashlib.sha1(frame.tobytes()).hexdigest() if digest else None, num_frames))
            super().add_frame(frame, num_frames)

    played = get_stage(scene) if isinstance(scene, str) else scene
    with (
        tempfile.TemporaryDirectory(prefix="relu-anim-layers-") as media,  # private: Manim caches texts there
        playing(played, Play.of(quality), manim={**NO_FILES, "media_dir": media}, renderer=Recording) as made,
    ):
        display = made.renderer.camera.display_vectorized

        def counted(vmobject, ctx):
            drawings.append(vmobject)
            return display(vmobject, ctx)

        made.renderer.camera.display_vectorized = counted
        made.render()
    return frames, len(drawings)


class StillOverMoving(LessonScene):
    """A dot moving under still mobjects drawn after it: a long diagonal line (a stroke
    crossing the dot's box: Cairo anti-aliases a clipped stroke differently), a square
    outline with a wide miter-joined stroke, a word; and one pulse of a word at the back."""

    def construct(self):
        dot = Dot(LEFT * 4, radius=0.2, color="#c04000")
        back = make_text("behind", 36).move_to(UP * 2.5)
        self.add(back, dot)
        self.add(Line(DL * 3, UR * 3 + RIGHT, stroke_width=7, color="#205080"))
        self.add(Square(1.5, stroke_width=12).move_to(RIGHT * 0.3 + DOWN * 0.2))
        self.add(make_text("over", 40).move_to(RIGHT * 2 + DOWN * 0.1))
        self.add(Circle(0.5, color="#208040").move_to(UP * 2 + RIGHT * 5))  # far from the dot: never redrawn
        self.play(dot.animate.move_to(RIGHT * 4 + UP * 0.3), run_time=1.5)
        self.play(Indicate(back), run_time=1)
        self.play(FadeIn(make_text("new", 30).move_to(DOWN * 2.5)), run_time=0.5)


def test_still_mobjects_over_a_moving_one_give_manims_frames_and_are_not_redrawn_whole():
    manim_frames, manim_drawings = recorded(StillOverMoving, CairoRenderer)
    layered_frames, layered_drawings = recorded(StillOverMoving, LayeredRenderer)
    assert len(layered_frames) == len(manim_frames) > 30  # 3 s at 15 fps, the waits' frames held
    different = [i for i, (a, b) in enumerate(zip(manim_frames, layered_frames)) if a != b]
    assert different == []
    # Manim redraws the dot and the five mobjects after it (with the words' glyphs) on
    # every frame of the move; the layers redraw the dot and what lies over its path.
    assert layered_drawings < 0.8 * manim_drawings


@pytest.mark.parametrize("stage", ["recap", "swap"])
def test_a_stage_is_drawn_to_the_byte_as_manim_draws_it_at_480p(stage):
    manim_frames, manim_drawings = recorded(stage, CairoRenderer)
    layered_frames, layered_drawings = recorded(stage, LayeredRenderer)
    assert len(layered_frames) == len(manim_frames)
    assert [i for i, (a, b) in enumerate(zip(manim_frames, layered_frames)) if a != b] == []
    assert layered_drawings < manim_drawings  # the point of it: what keeps still is drawn once


@pytest.mark.parametrize(
    "stage",
    ["title", "first-dot", "bent-line", "scale-top", "orange-line", "wedge", "clip", "shapes", "derivative", "summary"],
)
def test_every_other_stage_and_card_is_drawn_to_the_byte_as_manim_draws_it(stage):
    manim_frames, _ = recorded(stage, CairoRenderer, "t")
    layered_frames, _ = recorded(stage, LayeredRenderer, "t")
    assert len(layered_frames) == len(manim_frames)
    assert [i for i, (a, b) in enumerate(zip(manim_frames, layered_frames)) if a != b] == []


def test_a_box_holds_a_mitered_stroke_and_the_anti_aliasing_around_it(tmp_path):
    """Every pixel Cairo touches for a shape lies in the box the layers give it."""
    from relu_anim.layers import _pixel_box

    with playing(StillOverMoving, Play.of("l"), manim={**NO_FILES, "media_dir": str(tmp_path)}) as scene:
        camera = scene.renderer.camera
        sharp = Line(LEFT * 2, RIGHT * 2 + UP * 0.05, stroke_width=20).add_points_as_corners([LEFT * 2 + UP * 0.4])
        for shape in (sharp, make_text("Wg", 60).shift(UP), Circle(0.3, stroke_width=30).shift(RIGHT * 6.9)):
            for part in shape.family_members_with_points():
                camera.reset()
                blank = camera.pixel_array.copy()
                camera.capture_mobjects([part], include_submobjects=False)
                touched = np.argwhere(np.any(camera.pixel_array != blank, axis=2))
                x0, y0, x1, y1 = _pixel_box(camera, part)
                assert touched.size
                assert (touched[:, 1] >= x0).all() and (touched[:, 1] < x1).all()
                assert (touched[:, 0] >= y0).all() and (touched[:, 0] < y1).all()
