"""Frame data of any Manim scene: moments at every play and wait, labelled by their
animations; the describers' registry (Manim's mobjects, a project's own); stable names;
``relu-anim frames file.py:Scene``. Expected values come from the scenes' own code
(run times, coordinates given to ``c2p``, camera angles set), not from captured output."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from manim import BLUE, RED, Circle, Create, Dot, FadeIn, Scene, Square, Text, VGroup, VMobject

from relu_anim.cli import main
from relu_anim.frames import FramesError, capture_frames, describes

from .plain_scenes import gallery

GALLERY = Path(__file__).parent / "plain_scenes" / "gallery.py"


def end_record(scene):
    return capture_frames(scene, ["end"], frames=False).moments[-1].record


# -- moments --------------------------------------------------------------------------------


def test_a_plain_scene_has_a_moment_at_the_end_of_every_play_and_wait():
    frames = capture_frames(gallery.SquareToCircle, frames=False)
    # four plays of Manim's default 1 s, then wait(0.5); then the last frame. Times are the
    # video's: at 15 fps a 1 s play is 15 frames, and a still wait(0.5) int(0.5 / (1 / 15)) = 7
    # frames (the division is 7.4999... in floating point), as Manim's Cairo renderer writes it
    end = 4.0 + 7 / 15
    assert [(m.time, m.label) for m in frames.moments] == [
        (1.0, "Create(Square)"),
        (2.0, "Rotate(Square)"),
        (3.0, "ReplacementTransform(Square, Circle)"),
        (4.0, "Circle.animate.shift"),
        (pytest.approx(end), "wait 0.5s"),
        (pytest.approx(end), "end"),
    ]
    assert frames.duration == pytest.approx(end)


def test_subcaptions_are_the_moments_captions():
    frames = capture_frames(gallery.TrackedNumber, frames=False)
    assert [(m.time, m.caption) for m in frames.moments] == [
        (1.0, "The tracker starts at 1."),
        (3.0, "It moves to its target."),
        (pytest.approx(3.0 + 7 / 15), ""),  # wait(0.5): 7 frames at 15 fps, as the video has it
        (pytest.approx(3.0 + 7 / 15), ""),
    ]


def test_a_moment_inside_an_animation():
    frames = capture_frames(gallery.SquareToCircle, [1.5, "end"], frames=False)
    (half, end) = frames.moments
    assert half.label == "at 1.5s" and end.label == "end"
    # Rotate(square, PI/4) half way (Manim's smooth rate is 0.5 at half time): 22.5 degrees,
    # so the 2-wide square's box is 2 cos(22.5) + 2 sin(22.5) wide
    width = 2 * (math.cos(math.pi / 8) + math.sin(math.pi / 8))
    assert half.record["shapes"]["Square"]["size"] == [round(width, 2)] * 2


def test_a_lesson_scene_keeps_its_beats(frames):
    assert [m.label for m in frames("first-dot").moments][:2] == ["beat 1", "beat 2"]


# -- Manim's own mobjects ----------------------------------------------------------------------


def test_shapes_and_curves_on_axes_are_in_the_axes_coordinates():
    record = end_record(gallery.SineOnAxes)
    axes = record["axes"]["Axes"]
    assert axes["x"]["range"] == [0, 6, 1] and axes["y"]["range"] == [-1.5, 1.5, 0.5]
    assert (axes["x"]["length"], axes["y"]["length"]) == (10, 5)
    assert record["shapes"]["Dot"]["coords"] == [2.0, round(math.sin(2), 4)]
    assert record["shapes"]["Polygon"]["coords"] == {"x": [1.0, 2.0, 2.0], "y": [0.0, 0.0, round(math.sin(2), 4)]}
    vector = record["shapes"]["Vector"]["coords"]
    assert vector == {"from": [3.0, 1.4], "to": [2.0, round(math.sin(2), 4)]}
    line_graph = record["curves"]["VDict/line_graph"]
    assert line_graph["on"] == "Axes" and (line_graph["x"][0], line_graph["x"][-1]) == (0.0, 6.0)
    assert [record["shapes"][f"VDict/vertex_dots/Dot{n}"]["coords"] for n in ("", "#2", "#3", "#4")] == [
        [0.0, 0.0],
        [2.0, 0.5],
        [4.0, -0.5],
        [6.0, 0.0],
    ]
    assert set(record["texts"]) == {"x", "f(x)"}  # the axis labels


def test_the_camera_is_data():
    frames = capture_frames(gallery.CameraCloseUp, frames=False)
    close = frames.moments[1].record["camera"]["frame"]
    assert close == {"at": [2.0, 1.0], "width": round(8 * 16 / 9 * 0.5, 2), "height": 4.0}
    cube = end_record(gallery.TiltedCube)["camera"]
    assert (cube["phi"], cube["theta"]) == (60.0, 30.0)  # set_camera_orientation, then move_camera
    zoomed = end_record(gallery.ZoomedDetail)["camera"]["zoomed"]
    assert zoomed["active"] and zoomed["frame"]["at"] == [-1.8, 0.0]  # moved to -2, shifted 0.2


def test_trackers_read_by_updaters_are_found_without_being_added():
    class Reads(Scene):
        def construct(self):
            from manim import ValueTracker, always_redraw

            t = ValueTracker(0.25)
            self.add(always_redraw(lambda: Dot([t.get_value(), 0, 0])))
            self.wait(0.1)

    assert end_record(Reads)["trackers"] == {"ValueTracker": 0.25}


def test_any_other_mobject_is_there_with_its_class_and_box():
    record = end_record(gallery.BooleanShapes)
    union = record["mobjects"]["Union"]
    assert union["class"] == "Union" and union["fill"] == "#83C167"  # GREEN
    left, bottom, right, top = union["box"]
    assert (left + right) / 2 == pytest.approx(-4.5, abs=0.3) and (bottom + top) / 2 == pytest.approx(-2, abs=0.1)


# -- names ---------------------------------------------------------------------------------------


def scene_of(*make):
    class Shapes(Scene):
        def construct(self):
            self.add(*(m() for m in make))
            self.wait(0.1)

    return Shapes


def test_adding_a_mobject_renames_no_other_kind():
    before = end_record(scene_of(lambda: Circle(), lambda: Circle(color=RED).shift([2, 0, 0])))["shapes"]
    after = end_record(scene_of(lambda: Square(), lambda: Circle(), lambda: Circle(color=RED).shift([2, 0, 0])))[
        "shapes"
    ]
    assert set(after) == {"Square", "Circle", "Circle#2"}
    assert after["Circle"] == before["Circle"] and after["Circle#2"] == before["Circle#2"]


def test_a_name_the_scene_sets_and_a_group_make_the_path():
    record = end_record(scene_of(lambda: Dot(name="sun"), lambda: VGroup(Dot(), Dot(color=BLUE))))
    assert set(record["shapes"]) == {"sun", "VGroup/Dot", "VGroup/Dot#2"}


class Gauge(VMobject):
    """A project's own mobject, described the way a project would describe it."""

    def __init__(self, level: float, **kwargs):
        super().__init__(**kwargs)
        self.level = level
        self.add(Square(), Text("gauge"))


def test_a_project_registers_its_own_mobjects_the_same_way():
    describes(Gauge, "gauges")(lambda gauge, context: {"level": gauge.level, **context.look(gauge[0])})
    record = end_record(scene_of(lambda: Gauge(0.75)))
    assert record["gauges"] == {
        "Gauge": {
            "level": 0.75,
            "stroke": "#FFFFFF",
            "stroke_opacity": 1.0,
            "stroke_width": 4.0,
            "fill": "#FFFFFF",
            "fill_opacity": 0.0,
        }
    }
    assert "shapes" not in record and record["texts"] == {}  # its parts are its record's


# -- the command line -----------------------------------------------------------------------------


def test_frames_plays_a_scene_from_a_file_either_way():
    runner = CliRunner()
    joined = runner.invoke(main, ["frames", f"{GALLERY}:SquareToCircle", "--json"])
    apart = runner.invoke(main, ["frames", str(GALLERY), "SquareToCircle", "--json"])
    assert joined.exit_code == 0, joined.output
    assert joined.stdout == apart.stdout
    data = json.loads(joined.stdout)
    assert data["scene"] == "square-to-circle" and data["moments"][3]["label"] == "Circle.animate.shift"
    assert data["moments"][-1]["shapes"]["Circle"]["at"] == [2.0, 0.0]  # shifted RIGHT * 2
    summary = runner.invoke(main, ["frames", f"{GALLERY}:SineOnAxes"])
    assert "ParametricFunction on Axes" in summary.stdout and "Axes: x 0..6, y -1.5..1.5" in summary.stdout


def test_stills_of_a_scene_from_a_file(tmp_path):
    result = CliRunner().invoke(main, ["stills", f"{GALLERY}:SquareToCircle", "-q", "t", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "square-to-circle-end.png")]


BLINK = """from manim import Scene, Square

class Blink(Scene):
    def construct(self):
        self.wait(0.04)  # Manim lengthens a wait to one frame: 1/15 s at 15 fps, none at 30
        self.add(Square())
        self.wait(1)
"""


def test_stills_play_at_the_qualitys_frame_rate(tmp_path):
    """Before, stills played every quality at 15 frames a second: at -q m (30 fps, as its
    video plays) the 0.04 s wait ends before 0.05 s and the square shows; at 15 fps Manim
    holds the wait for a whole frame (1/15 s), so the picture at 0.05 s was empty."""
    from PIL import Image

    scene = tmp_path / "blink.py"
    scene.write_text(BLINK)
    shots = {}
    for quality in ("m", "l"):
        result = CliRunner().invoke(main, ["stills", str(scene), "--at", "0.05", "-q", quality, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        shots[quality] = np.asarray(Image.open(result.stdout.strip()).convert("RGB"))
    assert shots["m"].shape == (720, 1280, 3) and shots["m"].max() > 0  # the square, at 30 fps
    assert shots["l"].shape == (480, 854, 3) and shots["l"].max() == 0  # nothing yet, at 15 fps


BROKEN = {
    "syntax.py": "class A(:\n",
    "raises.py": "from manim import Scene\n\nclass Boom(Scene):\n    def construct(self):\n        self.wait(0.1)\n        1 / 0\n",
    "two.py": "from manim import Scene\n\nclass A(Scene):\n    pass\n\nclass B(Scene):\n    pass\n",
}


@pytest.mark.parametrize(
    "args, needle",
    [
        (["frames", "{tmp}/missing.py:A"], "no such file"),
        (["frames", "{tmp}/syntax.py"], "syntax.py: line 1"),
        (["frames", "{tmp}/two.py"], "name the scene (file.py:SceneName); it defines A, B"),
        (["frames", "{tmp}/two.py:C"], "no scene named 'C' (it defines A, B)"),
        (["frames", "{tmp}/two.py:A", "B"], "two scene names"),
        (["frames", "{tmp}/raises.py:Boom"], "raises.py (line 6): the scene failed: ZeroDivisionError"),
        (["frames", "{tmp}/two.py:A", "--network", "part1"], "not a LessonScene"),
        (["frames", "wedge", "Wedge"], "a scene name goes with a file"),
    ],
)
def test_bad_scene_files_are_one_line_and_exit_2(args, needle, tmp_path):
    for name, text in BROKEN.items():
        (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relu-anim: ") and needle in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_a_scene_file_in_the_library_call():
    with pytest.raises(FramesError, match="no scene named"):
        capture_frames(f"{GALLERY}:Nope")
    assert capture_frames(f"{GALLERY}:FollowTheDot", ["end"], frames=False).scene_name == "follow-the-dot"


def test_create_labels_name_the_mobject():
    class One(Scene):
        def construct(self):
            self.play(Create(Circle()), FadeIn(Square()))

    assert capture_frames(One, frames=False).moments[0].label == "Create(Circle), FadeIn(Square)"


def test_axes_kinds_numbers_and_labels():
    from manim import NumberPlane, ThreeDAxes

    numbers = end_record(gallery.TrackedNumber)["axes"]["NumberLine"]["x"]
    assert numbers["range"] == [0, 5, 1] and numbers["numbers"] == ["0", "1", "2", "3", "4", "5"]

    def plane():
        axes = NumberPlane(x_range=[-2, 2, 1], y_range=[-1, 1, 0.5])
        return axes.add(axes.get_axis_labels(Text("t"), Text("v")))  # labels inside the axes

    def cube_axes():
        return ThreeDAxes(x_range=[0, 2, 1], y_range=[0, 2, 1], z_range=[0, 1, 0.5]).scale(0.3)

    record = end_record(scene_of(plane, cube_axes))["axes"]
    assert record["NumberPlane"]["labels"] == ["t", "v"]
    assert record["ThreeDAxes"]["z"]["range"] == [0, 1, 0.5]
    assert record["ThreeDAxes"]["x"]["length"] == round(10.5 * 0.3, 2)  # ThreeDAxes' default x_length, scaled
