"""What makes renders fast without changing them (issue 11): only what an animation can
change is redrawn every frame, axes and texts are reused, a held frame is converted once.

No frames are drawn here (Manim's format "none"); each test takes well under a second.
"""

import numpy as np
import pytest
from manim import RIGHT, Circle, FadeIn, Text, tempconfig
from manim.animation.animation import prepare_animation
from numpy.testing import assert_allclose

from relu_anim.components import DosagePlot, DotTracer
from relu_anim.components.graph import nice_step
from relu_anim.model import preset
from relu_anim.scene import LessonScene
from relu_anim.text import make_text
from relu_anim.theme import current_theme


@pytest.fixture(scope="module", autouse=True)
def quiet_config(tmp_path_factory):
    media = str(tmp_path_factory.mktemp("manim-media"))  # private: Manim caches texts there
    with tempconfig(
        {"verbosity": "ERROR", "progress_bar": "none", "format": "none", "quality": "low_quality", "media_dir": media}
    ):
        yield


def stage_with_a_tracer():
    """A plot with a curve and a tracer's dot, and a text added after them."""
    scene = LessonScene(skip_animations=True)
    net = preset("part3")
    plot = DosagePlot(y_range=(0.0, 1.0))
    curve = plot.plot_network(net, "top.y")
    tracer = DotTracer(net, plot, "top.y")
    words = make_text("words")
    scene.add(plot, curve, tracer.plot_dot, words)
    return scene, plot, curve, tracer, words


def moving(scene, animation):
    return scene.get_moving_mobjects(prepare_animation(animation))


def test_a_moving_dosage_redraws_only_its_dot_and_what_comes_after_it():
    scene, plot, curve, tracer, words = stage_with_a_tracer()
    found = moving(scene, tracer.move_to_dosage(1.0))
    assert tracer.plot_dot in found
    assert words in found  # after the dot in the scene's list: drawn over it, so redrawn too
    for still in (plot, plot.axes, *plot.axes.submobjects, curve):
        assert still not in found


def test_an_animated_range_redraws_the_axes_and_every_mark():
    scene, plot, curve, tracer, words = stage_with_a_tracer()
    found = moving(scene, plot.animate_ranges(y_range=(-1.0, 2.0)))
    for changing in (plot.axes, curve, tracer.plot_dot):
        assert changing in found


def test_an_updater_of_another_kind_leaves_the_choice_to_manim():
    from manim import Scene

    scene, plot, curve, tracer, words = stage_with_a_tracer()
    other = Circle().add_updater(lambda m: m.next_to(words, RIGHT))
    scene.add(other)
    animation = prepare_animation(FadeIn(words))
    assert scene.get_moving_mobjects(animation) == Scene.get_moving_mobjects(scene, animation)
    assert plot in scene.get_moving_mobjects(animation)  # Manim counts every updater as moving


def test_a_still_mark_catches_up_with_a_range_set_between_animations():
    scene, plot, curve, tracer, words = stage_with_a_tracer()
    plot.y_min.set_value(-1.0)  # set directly, not animated: nothing has redrawn the curve
    plot.y_max.set_value(3.0)
    found = moving(scene, FadeIn(words))
    assert curve not in found
    # The top node's output at dosage 0 is 0 (storyboard); y = 0 is a quarter of the way
    # up a -1..3 axis, and dosage 0 is the plot's left edge.
    assert curve.x[0] == 0 and curve.y[0] == 0
    bottom, top = plot.area.get_bottom()[1], plot.area.get_top()[1]
    assert_allclose(curve.points[0][:2], [plot.area.get_left()[0], bottom + (top - bottom) / 4])


def test_redrawn_axes_reuse_their_parts_and_empty_the_rest():
    plot = DosagePlot(y_range=(0.0, 1.0))
    before = list(plot.axes.submobjects)
    plot.set_y_range(0.0, 10.0)  # ticks 0, 2, 4... instead of 0, 0.2, 0.4...
    after = plot.axes.submobjects
    step = nice_step(10.0)
    assert step == 2
    assert plot.tick_labels["y"] == ["0", "2", "4", "6", "8", "10"]  # no x numbers: 0 is numbered
    assert any(part in after for part in before)  # the axis lines, moved
    for part in before:
        if part not in after:  # a frame listed before the change must draw nothing of it
            assert all(len(piece.points) == 0 for piece in part.get_family())


def test_make_text_gives_a_fresh_copy_of_a_remembered_text():
    theme = current_theme()
    first = make_text("0.50", theme.small_size, theme.muted)
    first.shift(RIGHT * 3).set_color("#ff0000")
    second = make_text("0.50", theme.small_size, theme.muted)
    made = Text("0.50", font=theme.font, font_size=theme.small_size, color=theme.muted)
    assert second is not first and second.text == "0.50"
    assert_allclose(second.get_all_points(), made.get_all_points())
    assert second.get_color() == made.get_color()


def test_a_text_remembered_for_a_small_video_is_not_given_for_a_larger_one(tmp_path):
    """Pango wraps a line wider than the video's page in pixels: a title laid out during a
    256x144 render is three lines, and make_text remembered it for every later render in
    the same process (the title card's layout then broke in a whole-suite run)."""
    from manim import tempconfig

    words, theme = "Neural Networks Part 3: ReLU in Action", current_theme()
    # each in a media folder of its own, as each render has (Manim's own file of the
    # text's drawing is named without the page)
    with tempconfig({"pixel_width": 256, "pixel_height": 144, "media_dir": str(tmp_path / "small")}):
        small = make_text(words, 48, theme.text, weight="BOLD")
    with tempconfig({"pixel_width": 1920, "pixel_height": 1080, "media_dir": str(tmp_path / "large")}):
        large = make_text(words, 48, theme.text, weight="BOLD")
        made = Text(words, font=theme.font, font_size=48, color=theme.ink(theme.text), weight="BOLD")
    assert small.height > 2 * large.height  # wrapped on the small page
    assert_allclose(large.get_all_points(), made.get_all_points())


def test_a_dot_already_in_place_is_left_as_it_is_and_a_moved_graph_carries_it(monkeypatch):
    """Issue 35: every dot on a graph re-centred itself on every frame through Manim's
    general ``move_to`` (derivative: 78 dots). Where it already sits on its data point
    its points stay the very same array; when the graph moves or rescales, it lands on
    the new screen point of its data, as the graph's c2p says."""
    plot = DosagePlot(y_range=(0.0, 10.0))
    dot = plot.get_dot(0.5, 4.0)
    points = dot.points
    dot.update(0)
    assert dot.points is points  # nothing rebuilt
    plot.shift(RIGHT * 1.5)
    plot.y_max.set_value(20.0)
    dot.update(0)
    assert_allclose(dot.get_center(), plot.c2p(0.5, 4.0), atol=1e-12)
    # by hand: half-way across and a fifth of the way up the moved plotting area
    left, bottom, right, top = plot.area_box()
    assert_allclose(dot.get_center()[:2], [(left + right) / 2, bottom + (top - bottom) / 5], atol=1e-12)


def test_a_descent_sets_only_the_opacities_that_change(monkeypatch):
    """Issue 35: the descent's track set every dot's opacity on every frame, rebuilding
    its colours (with the readouts, 29% of derivative's updating under cProfile). A frame at the same progress sets
    none; each dot's opacity is still the fade's."""
    from relu_anim.components import DescentTrack, Graph
    from relu_anim.components.graph import GraphDot
    from relu_anim.model import DOSAGE_DATA, gradient_descent

    descent = gradient_descent(preset("part3"), "final_bias", start=0.0, data=DOSAGE_DATA, relu_at_zero=0)
    for hollow in (False, True):
        graph = Graph(x_range=(0, 40), y_range=(0, 300))
        track = DescentTrack(descent, DOSAGE_DATA, graph, "#000000", hollow, "run", current_theme())
        track.progress.set_value(2.75)
        track.update(0)
        calls = []
        for name in ("set_opacity", "set_stroke", "set_fill"):
            real = getattr(GraphDot, name)
            monkeypatch.setattr(
                GraphDot, name, lambda self, *a, _real=real, _calls=calls, **k: _calls.append(a) or _real(self, *a, **k)
            )
        track.update(0)
        monkeypatch.undo()
        assert calls == []
        # by hand: dot i fades in over the half-step before it, (2.75 - i) x 2 + 1 clipped to 0-1
        seen = [d.get_stroke_opacity() if hollow else d.get_fill_opacity() for d in track.dots[:5]]
        assert_allclose(seen, [1, 1, 1, 0.5, 0], atol=1e-12)


def test_manim_learns_whether_a_follower_takes_dt_without_building_its_signature(monkeypatch):
    """Issue 35: Manim asks ``inspect.signature`` of every updater on every frame; for a
    callable object that built a signature each time. A Follower (no dt) and a Ticking
    (dt) answer at once, and Manim still calls each the right way."""
    import inspect

    from manim import Mobject

    from relu_anim.components.motion import Follower, Ticking

    built = []
    real = inspect._signature_from_function
    monkeypatch.setattr(inspect, "_signature_from_function", lambda *a, **k: built.append(a) or real(*a, **k))
    redrawn, ticked = [], []
    mob = Mobject()
    mob.updaters = [Follower(lambda: redrawn.append(1), tuple), Ticking(ticked.append)]  # as add_updater leaves them
    mob.update(0.25)
    assert (redrawn, ticked) == ([1], [0.25])
    assert built == []


@pytest.mark.parametrize("width, height", [(64, 48), (50, 30)])  # 50 * 4 bytes: PyAV pads its lines
def test_a_held_frame_shows_the_same_pictures_at_every_tick_in_fewer_frames(tmp_path, width, height):
    """Manim's own segment encoder and ours, given one picture, a picture held for 6
    ticks, then two more (the last in the same frame object filled again): at every tick
    of 15 fps both show the picture given for it, and ours encodes the hold as 2 frames
    of 3 ticks (relu_anim.segments.HOLD_STEP: 0.25 s is 3.75 ticks, floored)."""
    import av
    from manim._config.output import OutputFormat, OutputSpec
    from manim._config.video_encoder import resolve_video_encoder
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from relu_anim.media import MANIM_ENCODER
    from relu_anim.segments import HeldFrameEncoder

    output = OutputSpec(format=OutputFormat.MP4, transparent=False, save_sections=False, fallback_to_still=False)
    spec = resolve_video_encoder(
        output,
        width=width,
        height=height,
        frame_rate=15,
        codec=MANIM_ENCODER["video_codec"],
        pixel_format=MANIM_ENCODER["pixel_format"],
        options=MANIM_ENCODER["video_encoder_options"],
    )
    rng = np.random.default_rng(3)
    frames = [rng.integers(0, 256, (height, width, 4), dtype=np.uint8) for _ in range(4)]
    given = [0, 1, 1, 1, 1, 1, 1, 2, 3]  # the picture given for each tick
    counts = {}
    for kind in (VideoSegmentEncoder, HeldFrameEncoder):
        encoder = kind(target=tmp_path / f"{kind.__name__}.mp4", spec=spec)
        encoder.write_frame(frames[0])
        encoder.write_frame(frames[1], repeat=6)
        encoder.write_frame(frames[2])
        encoder.write_frame(frames[3])  # the same frame object filled again
        encoder.finish()
        with av.open(str(encoder.target)) as video:
            stream = video.streams.video[0]
            shown = [
                (round(float(f.pts * stream.time_base) * 15), f.to_ndarray(format="rgb24"))
                for f in video.decode(stream)
            ]
            assert round(float(stream.duration * stream.time_base) * 15) == len(given)  # 9 ticks long
        counts[kind] = len(shown)
        for tick, want in enumerate(given):
            picture = [p for t, p in shown if t <= tick][-1].astype(int)
            errors = [np.abs(picture - frame[:, :, :3].astype(int)).mean() for frame in frames]
            assert int(np.argmin(errors)) == want, (kind.__name__, tick, errors)
    assert counts == {VideoSegmentEncoder: 9, HeldFrameEncoder: 5}


def test_a_highlight_of_two_edges_changes_those_edges_not_the_whole_diagram_it_names_as_its_group():
    """``NetworkDiagram.highlight`` is an AnimationGroup whose group is the whole diagram;
    Manim's AnimationGroup changes its group only through the animations it holds, so
    the nodes and labels keep still (the layered renderer draws them once; issue 35)."""
    from relu_anim.components import NetworkDiagram

    scene = LessonScene(skip_animations=True)
    diagram = NetworkDiagram(preset("part3"))
    scene.add(diagram)
    moving(scene, diagram.highlight("top"))
    changing = scene.changing_mobjects
    for edge in ("input-top", "top-sum"):  # PATHS["top"]: the top node's two connections
        assert diagram.edges[edge] in changing
    for still in (diagram.edges["input-bottom"], *diagram.nodes.values(), *diagram.labels.values()):
        assert still not in changing


def test_recap_s_data_labels_keep_still_with_their_dots_and_follow_them_when_the_axes_change():
    """recap's "effective" / "not effective" labels follow their dots. As a lambda updater
    they made every play they were in fall back to Manim's own test (the whole graph
    redrawn on every frame: issue 35's profile); as a follower a play that moves neither
    dot nor axes keeps them still, and one that refits the axes moves them with the dots.
    Where each stands is worked from the dot: under a dot at 0 (over one at 1), 0.12
    away, its left edge at the dot's centre (its right edge for the last dosage)."""
    from manim import FadeIn

    from relu_anim.components import SHOWCASE
    from relu_anim.scenes.recap import Recap

    scene = Recap(skip_animations=True)
    plot = scene.get_plot(SHOWCASE.alone)
    dots = plot.get_data_points(scene.lesson.recap_data)
    labels = [scene.get_data_label(dot) for dot in dots]
    scene.add(plot, dots, *labels)

    def beside(dot, label):
        centre = dot.get_center()
        if dot.y <= 0:
            assert label.get_top()[1] == pytest.approx(dot.get_bottom()[1] - 0.12)
        else:
            assert label.get_bottom()[1] == pytest.approx(dot.get_top()[1] + 0.12)
        edge = label.get_left()[0] if dot.x < 1 else label.get_right()[0]
        assert edge == pytest.approx(centre[0])

    for dot, label in zip(dots, labels, strict=True):
        beside(dot, label)
    moving(scene, FadeIn(make_text("words")))
    assert scene.changing_mobjects is not None
    for still in (plot.axes, *dots, *labels):
        assert still not in scene.changing_mobjects
    moving(scene, plot.animate_ranges(y_range=(-1.0, 2.0)))
    assert scene.changing_mobjects is not None
    for label in labels:
        assert label in scene.changing_mobjects
    was = [label.get_center() for label in labels]
    plot.set_y_range(-1.0, 2.0)  # where the refit ends
    for dot, label, then in zip(dots, labels, was, strict=True):
        dot.update()
        label.update()
        beside(dot, label)
        assert not np.allclose(label.get_center(), then)  # (the refit moved it)
