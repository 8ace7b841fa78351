"""Components against the model: geometry, labels and numbers.

Expected values are the storyboard's (shared/LESSON.md) or worked by hand here.
"""

import re

import numpy as np
import pytest
from manim import DOWN, RIGHT, Scene, VGroup, tempconfig
from numpy.testing import assert_allclose

from relu_anim.components import (
    ActivationGraph,
    ChangeData,
    DosagePlot,
    DotTracer,
    Equation,
    NetworkDiagram,
    activation_equation,
    node_equation,
    scale_equation,
    sum_equation,
)
from relu_anim.components.activation import clip_to_range
from relu_anim.components.graph import nice_range, nice_step, step_decimals
from relu_anim.components.layout import activation_ranges
from relu_anim.model import DOSAGE_DATA, preset
from relu_anim.text import fmt, fmt_signed, fmt_term
from relu_anim.theme import DARK, LIGHT, UnknownTheme, current_theme, get_theme, use_theme

from .storyboard import PART1_LABELS, PART3_LABELS


@pytest.fixture(scope="module", autouse=True)
def quiet_config(tmp_path_factory):
    # A private media folder: Manim caches text drawings there, and test workers
    # sharing one read each other's half-written files.
    media = str(tmp_path_factory.mktemp("manim-media"))
    with tempconfig(
        {"verbosity": "ERROR", "progress_bar": "none", "format": "none", "quality": "low_quality", "media_dir": media}
    ):
        yield


def play(*animations, on_screen=(), run_time=1.0):
    """Run animations to their end in a throwaway scene (no frames drawn), with the
    ``on_screen`` mobjects in it; then update once, as the next frame would."""
    scene = Scene(skip_animations=True)
    scene.add(*on_screen)
    scene.play(*animations, run_time=run_time)
    scene.update_mobjects(0)
    return scene


# -- number format --------------------------------------------------------------------


def test_one_number_format():
    assert fmt(-0.85) == "\u22120.85"
    assert fmt(1.7) == "1.70"
    assert fmt(-0.0001) == "0.00"  # no negative zero on screen
    assert fmt(-9.196) == "\u22129.20"
    assert fmt_term(-0.85) == "(\u22120.85)" and fmt_term(1.7) == "1.70"
    assert fmt_signed(-16) == "\u2212 16.00" and fmt_signed(2.7) == "+ 2.70"


# -- plot geometry ----------------------------------------------------------------------


def test_plot_maps_data_to_its_area():
    plot = DosagePlot(y_range=(0, 2), width=4, height=3).place_area([1, -1, 0])
    assert_allclose(plot.c2p(0, 0), [-1, -2.5, 0])  # bottom-left corner
    assert_allclose(plot.c2p(1, 2), [3, 0.5, 0])  # top-right corner
    assert_allclose(plot.c2p(0.5, 1), [1, -1, 0])  # the centre
    assert_allclose(plot.p2c(plot.c2p(0.3, 1.7)), (0.3, 1.7))


def test_marks_follow_a_rescaled_y_axis():
    net = preset("part3")
    plot = DosagePlot(y_range=(0, 1))
    dot = plot.get_dot(0.6, 0.17)
    curve = plot.plot_network(net, "top.scaled")
    play(plot.animate_y_range(-40, 5), ChangeData(dot, y=-6.936), on_screen=[plot, curve])
    assert plot.y_range == pytest.approx((-40, 5))
    # the dot is drawn where (0.6, -6.936) belongs on the new axes
    assert_allclose(dot.get_center(), plot.c2p(0.6, -6.936), atol=1e-9)
    # and the curve's last point is the storyboard's -34.68 at dosage 1
    assert_allclose(curve.points[-1], plot.c2p(1.0, -34.68), atol=1e-6)


def test_network_curves_include_their_bends():
    net = preset("part3")
    plot = DosagePlot(y_range=(-20, 20))
    wedge = plot.plot_network(net, "biased")
    # the peak of the biased wedge is at dosage 0.5 (where the top node bends): 17.01 - 16
    assert 0.5 in wedge.x
    assert wedge.y.max() == pytest.approx(1.01)
    assert wedge.y_at(0.6) == pytest.approx(-2.524)
    pointy = plot.plot_network(net, "output")
    # the output ReLU bends where 34.02 d - 16 = 0 and where 18.68 - 35.34 d = 0
    assert np.min(np.abs(pointy.x - 16 / 34.02)) < 1e-9
    assert np.min(np.abs(pointy.x - 18.68 / 35.34)) < 1e-9


def test_data_points_sit_on_the_data():
    plot = DosagePlot(y_range=(0, 1.2))
    points = plot.get_data_points(DOSAGE_DATA)
    for dot, d, v in zip(points, [0, 0.5, 1], [0, 1, 0]):
        assert_allclose(dot.get_center(), plot.c2p(d, v))


def test_nice_ranges_cover_their_values():
    assert nice_step(1.0) == 0.2
    assert nice_step(50) == 10
    assert step_decimals(0.25) == 2 and step_decimals(5) == 0 and step_decimals(0.5) == 1
    for values in ([0, 0.85], [-34.68, 0], [-16.66, 1.01], [0, 12.6], [2.2, 0.0]):
        lo, hi = nice_range(values)
        assert lo <= min(values) and hi >= max(values) and lo <= 0 <= hi
    assert nice_range([0, 0.85]) == pytest.approx((0, 1.0))


# -- activation graph -------------------------------------------------------------------


@pytest.mark.parametrize("x, expected", [(-0.85, 0.0), (-0.51, 0.0), (0.17, 0.17), (0.85, 0.85)])
def test_activation_graph_moves_dots_onto_relu(x, expected):
    graph = ActivationGraph("relu", x_range=(-1, 1), y_range=(-0.25, 1))
    dot = graph.get_input_dot(x)
    assert_allclose(dot.get_center(), graph.c2p(x, 0))  # on the x-axis first
    play(graph.apply(dot))
    assert dot.y == pytest.approx(expected)
    assert_allclose(dot.get_center(), graph.c2p(x, expected), atol=1e-9)


def test_activation_curve_stays_inside_its_axes():
    graph = ActivationGraph("relu", x_range=(-2, 2), y_range=(-0.5, 1))
    xs, ys = graph.curve.x, graph.curve.y
    assert ys.max() == pytest.approx(1.0) and xs.max() == pytest.approx(1.0)  # cut where y = 1
    assert graph.contains(xs, ys)
    x, y = clip_to_range(np.array([-1.0, 0.0, 1.0, 2.0]), np.array([0.0, 0.0, 1.0, 2.0]), 0, 1.5)
    assert_allclose(x, [-1, 0, 1, 1.5]) and assert_allclose(y, [0, 0, 1, 1.5])


def test_activation_ranges_show_the_bend():
    x_range, y_range = activation_ranges(preset("part3"), "top")
    assert x_range == pytest.approx((-1, 1))
    assert y_range[0] < 0 < 0.85 <= y_range[1]
    x_range, _ = activation_ranges(preset("part3"), "bottom")
    assert x_range[0] < 0 and x_range[1] >= 12.6  # the bottom node's x reaches 12.6 x 1


# -- network diagram ----------------------------------------------------------------------


def label_texts(diagram):
    return {name: label.original_text for name, label in diagram.labels.items()}


def test_diagram_labels_show_the_parameters():
    assert label_texts(NetworkDiagram(preset("part3"))) == PART3_LABELS
    assert label_texts(NetworkDiagram(preset("part1"))) == PART1_LABELS


def test_diagram_names_what_matters():
    diagram = NetworkDiagram(preset("part3"))
    assert set(diagram.nodes) == {"input", "top", "bottom", "sum", "output", "out"}
    assert set(diagram.edges) == {"input-top", "input-bottom", "top-sum", "bottom-sum", "sum-output", "output-out"}
    assert {diagram.icons[n].activation for n in ("top", "bottom", "output")} == {"relu"}
    # the input-top edge runs from the input node to the top node
    edge, top, source = diagram.edges["input-top"], diagram.nodes["top"], diagram.nodes["input"]
    assert np.linalg.norm(edge.get_end() - top.get_center()) < np.linalg.norm(edge.get_start() - top.get_center())
    assert np.linalg.norm(edge.get_start() - source.get_center()) < 1.2


def test_part1_diagram_has_no_output_activation_until_swapped():
    diagram = NetworkDiagram(preset("part1")).scale(0.6)
    assert diagram.nodes["output"].get_fill_opacity() == 0
    assert diagram.icons["top"].activation == "softplus"
    height = diagram.labels["top.weight"].height
    play(diagram.animate_network(preset("part3")), on_screen=[diagram])
    assert diagram.nodes["output"][0].get_fill_opacity() == 1
    assert diagram.icons["top"].activation == "relu" and diagram.icons["bottom"].activation == "relu"
    assert label_texts(diagram) == PART3_LABELS
    assert diagram.labels["top.weight"].height == pytest.approx(height, rel=0.05)  # sized for the scaled diagram
    assert all(label in diagram.get_family() for label in diagram.labels.values())


def test_the_output_relu_comes_in_as_a_line_drawing_fed_by_the_sum():
    """swap's bonus ReLU (built here: the stage test reads the frames), drawn as the
    hidden nodes' icons are: a filled box, the icon a line, the sum's arrow into it."""
    diagram = NetworkDiagram(preset("part1"))
    play(diagram.show_output_activation(), on_screen=[diagram])
    box = diagram.nodes["output"][0]
    assert box.get_fill_opacity() == 1 and box.get_stroke_opacity() == 1
    assert diagram.icons["output"][1].get_fill_opacity() == 0  # drawn as a line, not a filled shape
    assert diagram.edges["output-out"].get_stroke_opacity() == 1
    end = diagram.edges["sum-output"].get_end()  # the sum feeds the ReLU, not the word directly
    assert np.linalg.norm(end - box.get_center()) < box.width


# -- equations ------------------------------------------------------------------------------


def test_equations_read_as_the_storyboard():
    net = preset("part3")
    assert node_equation(net, "top", 0.0).string == "0.00 × 1.70 + (−0.85) = −0.85"
    assert node_equation(net, "top", 0.6).string == "0.60 × 1.70 + (−0.85) = 0.17"
    assert node_equation(net, "bottom", 0.2).string == "0.20 × 12.60 + 0.00 = 2.52"
    assert activation_equation("relu", -0.85, 0.0).string == "max(0, −0.85) = 0.00"
    assert scale_equation(0.85, -40.8, -34.68).string == "0.85 × (−40.80) = −34.68"
    eq = sum_equation([("blue", -6.936, None), ("orange", 20.412, None)], 13.476)
    assert eq.string == "−6.94 + 20.41 = 13.48"


def test_equation_parts_are_addressable():
    eq = Equation([("a", "2.00"), " + ", ("b", "(−3.00)"), " = ", ("total", "−1.00")])
    assert len(eq.part("a")) == 4 and len(eq.part("b")) == 7 and len(eq.part("total")) == 5
    assert eq.part("a").get_center()[0] < eq.part("b").get_center()[0] < eq.part("total").get_center()[0]


# -- the diagram of 1 to 8 hidden nodes --------------------------------------------------------

#: The nodes' names by the issue's contract, written out here: "hidden" alone, "top" and
#: "bottom" for two, else by place from the top.
PLACES = ("second", "third", "fourth", "fifth", "sixth", "seventh")


def names_by_place(n: int) -> tuple[str, ...]:
    return {1: ("hidden",), 2: ("top", "bottom")}.get(n, ("top", *PLACES[: n - 2], "bottom"))


#: (weight, bias, output weight) of the networks' nodes, in turn from the top.
NODE_ROWS = ((1.70, -0.85, -40.8), (12.6, 0.0, 2.70), (-3.5, 2.25, 18.4), (0.75, -0.12, -1.05))


def network_of(n: int, hidden_activation: str = "relu"):
    """A network of ``n`` nodes, each with one of four rows of numbers (the storyboard's
    two, then two more with a negative weight and a small output weight), in turn: the
    widest labels (``× −40.80``, ``× 12.60``) on every other rung."""
    from relu_anim.model import HiddenNode, Network

    return Network(f"n{n}", tuple(HiddenNode(*NODE_ROWS[i % 4]) for i in range(n)), -16.0, hidden_activation)


#: How the layouts draw a diagram: (scale, words enlarged by), Workbench's and the
#: recap's 0.6; SideBench's 0.5 with its words at 1.2; the summary card's words at 1.15.
DIAGRAM_SIZES = ((0.6, 1.0), (0.5, 1.2), (0.6, 1.15))
#: How far a diagram's words keep from each other (0.1: 6 px at 480p; a ladder's rows at a
#: pitch of 1.25, seen to all but touch, were 0.085) and from its nodes (0.05: the lesson's
#: two-node diagram, at SideBench's size, puts its biases 0.04 from their nodes).
LABEL_CLEAR = (0.1, 0.04)


def diagram_problems(diagram) -> list[str]:
    """The composition rules for a diagram alone on the screen (all but the span of the
    whole picture, which is the stage's): margins, text size, no text over another or
    over a node; and, as for a curve, no label on any connection."""
    from relu_anim.composition import MIN_TEXT_HEIGHT, box_gap, crosses, inside, margin_problems, overlap_problems
    from relu_anim.frames import describe

    scene = Scene(skip_animations=True)
    scene.add(diagram)
    record = describe(scene)
    found = margin_problems(record) + overlap_problems(record)
    found += [f"{t!r} is {e['size']} tall" for t, e in record["texts"].items() if e["size"] < MIN_TEXT_HEIGHT - 1e-9]
    texts, nodes = record["texts"], record["diagrams"]["diagram"]["nodes"]
    for text, entry in texts.items():  # clear, not touching
        near = [(box_gap(entry["box"], other["box"]), o, LABEL_CLEAR[0]) for o, other in texts.items() if o != text]
        near += [
            (box_gap(entry["box"], box), f"the {node} node", LABEL_CLEAR[1])
            for node, box in nodes.items()
            if not inside(entry["box"], box)  # the input's word, the sum's plus: inside their own
        ]
        found += [f"{text!r} is {gap:.2f} from {what}" for gap, what, least in near if gap < least - 1e-9]
    for name, label in diagram.labels.items():
        (left, bottom, _), (right, top, _) = label.get_corner([-1, -1, 0]), label.get_corner([1, 1, 0])
        for key, edge in diagram.edges.items():
            line = [(float(x), float(y)) for x, y, _ in edge.get_all_points()]
            if crosses(line, (left, bottom, right, top)):
                found.append(f"label {name} lies on the {key} connection")
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("n", range(1, 9))
def test_a_diagram_of_any_number_of_nodes_keeps_the_composition_rules(n, theme):
    """Every label legible at 480p and clear of every other label, connection and node,
    for 1 to 8 nodes, at each size a layout draws the diagram."""
    with use_theme(theme):
        for scale, words in DIAGRAM_SIZES:
            diagram = NetworkDiagram(network_of(n)).scale(scale)
            diagram.enlarge_words(words)
            found = diagram_problems(diagram)
            assert not found, (n, theme, scale, words, found)


@pytest.mark.parametrize("n", range(1, 9))
def test_a_diagram_names_each_node_by_place_in_its_own_colour(n):
    diagram = NetworkDiagram(network_of(n, "softplus"), theme=DARK)
    names = names_by_place(n)
    assert set(diagram.nodes) == {"input", *names, "sum", "output", "out"}
    assert set(diagram.edges) == {
        *(f"input-{m}" for m in names),
        *(f"{m}-sum" for m in names),
        "sum-output",
        "output-out",
    }
    assert set(diagram.labels) == {f"{m}.{f}" for m in names for f in ("weight", "bias", "output_weight")} | {
        "final_bias"
    }
    assert {diagram.icons[m].activation for m in names} == {"softplus"}
    heights = [diagram.nodes[m].get_center()[1] for m in names]
    assert heights == sorted(heights, reverse=True)  # top first
    for i, name in enumerate(names):
        weight, bias, out = NODE_ROWS[i % 4]
        tone = DARK.node_colors(n)[i]
        assert diagram.labels[f"{name}.weight"].original_text == f"\u00d7 {weight:.2f}".replace("-", "\u2212")
        assert diagram.labels[f"{name}.output_weight"].original_text == f"\u00d7 {out:.2f}".replace("-", "\u2212")
        assert diagram.labels[f"{name}.bias"].original_text.replace(" ", "") == f"{bias:+.2f}".replace("-", "\u2212")
        assert diagram.icons[name][1].get_stroke_color().to_hex() == tone
        assert diagram.labels[f"{name}.bias"][0].get_fill_color().to_hex() == DARK.ink(tone)
        # its connections: from the input to it, from it to the sum, lit in its colour
        edge_in, edge_out = diagram.edges[f"input-{name}"], diagram.edges[f"{name}-sum"]
        assert edge_in.get_end()[1] == pytest.approx(heights[i], abs=0.6)
        assert edge_out.get_start()[1] == pytest.approx(heights[i], abs=0.6)
        diagram.set_highlight(name)
        assert edge_in.get_color().to_hex() == tone and edge_out.get_color().to_hex() == tone
        assert diagram.edges["sum-output"].get_color().to_hex() == DARK.muted


def test_a_ladder_takes_its_words_enlarged_without_a_label_meeting_its_bar():
    """A ladder's input bar grows only in width with its word (a bar as tall as the rows
    stays as tall): the connections still start on it."""
    diagram = NetworkDiagram(network_of(5)).scale(0.5)
    bar = diagram.nodes["input"][0]
    height = bar.height
    diagram.enlarge_words(1.2)
    assert bar.height == pytest.approx(height)
    for name in names_by_place(5):
        assert diagram.edges[f"input-{name}"].get_start()[0] == pytest.approx(bar.get_right()[0], abs=0.05)


def test_a_tracer_and_a_dosage_pass_follow_any_node_in_its_colour():
    """The second node of three at dosage 0.6, by hand: x = 0.6 x 12.6 + 0 = 7.56, ReLU
    gives 7.56; the third (bottom) at 0.2: x = 0.2 x -3.5 + 2.25 = 1.55."""
    from relu_anim.components import DosagePass

    net, plot = network_of(3), DosagePlot(y_range=(0, 10))
    relu = ActivationGraph("relu", x_range=(-1, 10), y_range=(-1, 10))
    tracer = DotTracer(net, plot, "second.y", activation_graph=relu, theme=LIGHT)
    play(tracer.move_to_dosage(0.6), on_screen=[plot, relu, tracer])
    assert tracer.node == "second" and tracer.tone == LIGHT.node_colors(3)[1]
    assert_allclose(tracer.graph_dot.get_center(), relu.c2p(7.56, 7.56), atol=1e-9)
    assert tracer.readout.content() == "dosage 0.60  \u2192  x 7.56  \u2192  y 7.56"
    step = DosagePass(net, "bottom", 0.2, relu, plot, theme=LIGHT)
    assert (step.x, step.y) == pytest.approx((1.55, 1.55))
    assert step.tone == LIGHT.node_colors(3)[2] and step.plot_dot.get_center() == pytest.approx(plot.c2p(0.2, 1.55))
    assert step.equation.string == "0.20 \u00d7 (\u22123.50) + 2.25 = 1.55"


def test_the_sum_stacks_one_bar_per_node_at_the_tracers_dosage():
    """Three nodes at dosage 0.6, by hand: top 0.17 x -40.8 = -6.936, second 7.56 x 2.7 =
    20.412, bottom 0.15 x 18.4 = 2.76; stacked from the bottom: 0 to 2.76, 2.76 to 23.172,
    23.172 down to the sum 16.236. Two nodes: the wedge's two bars."""
    from relu_anim.components import TrackedBar, stacked_terms

    plot = DosagePlot(y_range=(-20, 30))
    tracer = DotTracer(network_of(3), plot, "sum", theme=LIGHT)
    bars = stacked_terms(plot, tracer, stroke_widths=[4, 6, 8])
    play(tracer.move_to_dosage(0.6), on_screen=[plot, tracer, *bars])
    got = [(bar.start_value, bar.end_value) for bar in bars]
    assert got == [pytest.approx(pair) for pair in ((0, 2.76), (2.76, 23.172), (23.172, 16.236))]
    assert [bar.get_stroke_color().to_hex() for bar in bars] == list(LIGHT.node_colors(3)[::-1])
    assert [bar.get_stroke_width() for bar in bars] == [8, 6, 4]
    two = DotTracer(preset("part3"), plot, "sum")
    stacked = stacked_terms(plot, two)
    wedge = [TrackedBar(plot, two, None, "bottom.scaled"), TrackedBar(plot, two, "bottom.scaled", "sum")]
    play(two.move_to_dosage(0.3), on_screen=[plot, two, *stacked, *wedge])
    assert [(b.start_value, b.end_value) for b in stacked] == [(b.start_value, b.end_value) for b in wedge]


def test_a_workbench_follows_the_one_node_of_a_network_of_one():
    from relu_anim.components import Workbench

    bench = Workbench(network_of(1), theme=LIGHT)
    assert bench.graph.curve_color == LIGHT.top  # the one node's colour: the palette's first
    assert set(bench.diagram.paths) == {"hidden", "output"}


def test_frame_data_names_a_curve_in_a_third_nodes_colour_by_its_place():
    from relu_anim.frames import describe

    plot = DosagePlot(y_range=(-20, 30))
    with use_theme("light"):
        scene = Scene(skip_animations=True)
        scene.add(plot, plot.get_curve([0.0, 1.0], [0.0, 1.0], color=LIGHT.node_colors(3)[2]))  # named by colour
        marks = describe(scene)["graphs"]["plot"]["marks"]
    assert list(marks) == ["curve[node3]"]


# -- dot tracer -------------------------------------------------------------------------------


def test_tracer_dots_sit_at_the_model_values():
    net = preset("part3")
    plot = DosagePlot(y_range=(0, 1))
    relu = ActivationGraph("relu", x_range=(-1, 1), y_range=(-0.25, 1))
    tracer = DotTracer(net, plot, "top.y", activation_graph=relu)
    play(tracer.move_to_dosage(0.6), on_screen=[plot, relu, tracer])
    # by hand: x = 0.6 x 1.70 - 0.85 = 0.17, ReLU(0.17) = 0.17
    assert_allclose(tracer.plot_dot.get_center(), plot.c2p(0.6, 0.17), atol=1e-9)
    assert_allclose(tracer.graph_dot.get_center(), relu.c2p(0.17, 0.17), atol=1e-9)
    left = tracer.leave_dot()
    play(tracer.move_to_dosage(1.0), on_screen=[plot, relu, tracer, left])
    assert_allclose(left.get_center(), plot.c2p(0.6, 0.17), atol=1e-9)  # stays behind
    # the trail is the bent line from 0 to 1: flat to 0.5, then up to 0.85
    assert tracer.trail.y_at(0.5) == pytest.approx(0.0, abs=1e-9)
    assert tracer.trail.y_at(1.0) == pytest.approx(0.85)
    assert tracer.readout.content() == "dosage 1.00  →  x 0.85  →  y 0.85"


# -- theme ------------------------------------------------------------------------------------


def test_themes():
    assert get_theme("light") is LIGHT and get_theme("dark") is DARK
    with use_theme("dark"):
        assert current_theme() is DARK
        assert DosagePlot().theme is DARK
    assert current_theme() is LIGHT
    with pytest.raises(UnknownTheme):
        get_theme("sepia")
    for theme in (LIGHT, DARK):  # the three paths stay distinct colours
        assert len({theme.top.upper(), theme.bottom.upper(), theme.output.upper()}) == 3


def test_the_theme_is_an_argument_and_the_environment_only_a_fallback(monkeypatch):
    import os

    from relu_anim.scene import LessonScene
    from relu_anim.theme import THEME_ENV

    monkeypatch.delenv(THEME_ENV, raising=False)
    with use_theme("dark"):
        assert THEME_ENV not in os.environ  # nothing leaks into the environment (or child processes)
    assert LessonScene(theme="dark").theme is DARK and LessonScene().theme is LIGHT
    monkeypatch.setenv(THEME_ENV, "dark")  # the plain Manim CLI's way: RELU_ANIM_THEME=dark manim ...
    assert current_theme() is DARK and LessonScene().theme is DARK
    with use_theme("light"):  # an argument wins over the environment
        assert current_theme() is LIGHT


def test_a_scene_builds_its_components_in_its_own_theme():
    from manim import tempconfig

    from relu_anim.scene import LessonScene

    class Plain(LessonScene):
        def construct(self):
            self.plot = DosagePlot()

    with tempconfig({"dry_run": True, "disable_caching": True}):
        scene = Plain(theme="dark", skip_animations=True)
        scene.render()
    assert current_theme() is LIGHT and scene.plot.theme is DARK


# -- one dosage through a node; graphs that fade; readouts that change in place -----------


def test_dosage_pass_sends_one_dosage_through_a_node():
    from relu_anim.components import DosagePass

    relu, plot = ActivationGraph("relu"), DosagePlot()
    step = DosagePass(preset("part3"), "top", 0.6, relu, plot, at=np.array([-3.0, 0.0, 0.0]))
    assert step.equation.string == "0.60 \u00d7 1.70 + (\u22120.85) = 0.17"  # 0.6 * 1.70 - 0.85
    assert step.activation_equation.string == "max(0, 0.17) = 0.17"
    assert_allclose(step.equation.get_center(), [-3.0, 0.0, 0.0], atol=1e-9)
    assert step.activation_equation.get_center()[1] < step.equation.get_center()[1]  # underneath
    scene = Scene(skip_animations=True)
    scene.add(relu, plot)
    for animation in step.steps():
        scene.play(animation)
    assert_allclose([step.input_dot.x, step.input_dot.y], [0.17, 0.17], atol=1e-9)  # onto the curve
    assert_allclose([step.plot_dot.x, step.plot_dot.y], [0.6, 0.17], atol=1e-9)
    assert_allclose(step.plot_dot.get_center(), plot.c2p(0.6, 0.17), atol=1e-9)
    scene.play(step.clear())
    on_screen = scene.get_mobject_family_members()
    assert step.plot_dot in on_screen and step.equation not in on_screen and step.input_dot not in on_screen


def test_a_moved_graph_fades_in_with_its_axes():
    from manim import RIGHT, FadeIn

    graph = ActivationGraph("relu").shift(RIGHT * 2)  # moved before it was ever drawn
    fade = FadeIn(graph)
    fade.begin()
    fade.update_mobjects(0.1)  # updates the faded start copy too
    fade.interpolate(0.1)
    lines = [m for m in graph.axes.get_family() if len(m.points)]
    assert lines and max(m.get_stroke_opacity() for m in lines) < 0.2


def test_tracer_readout_changes_its_text_in_place():
    plot = DosagePlot()
    tracer = DotTracer(preset("part3"), plot, "top.y")
    shown = tracer.readout.submobjects[0]
    tracer.dosage.set_value(0.6)
    tracer.readout.update(0)
    assert tracer.readout.content() == "dosage 0.60  \u2192  x 0.17  \u2192  y 0.17"
    assert tracer.readout.submobjects == [shown]  # a replaced Text would linger mid-animation


def readouts_shown() -> list[tuple[str, bool]]:
    """Words the lesson's readouts show (and whether in the mono font): the tracers' of
    the top node, the bottom node and the sum at dosages across 0-1, and every step of
    derivative's descent."""
    from relu_anim.components import DescentTrack, Graph
    from relu_anim.model import gradient_descent

    net, plot = preset("part3"), DosagePlot(y_range=(-20, 20))
    shown = []
    for quantity in ("top.y", "bottom.y", "sum"):
        tracer = DotTracer(net, plot, quantity)
        for dosage in np.linspace(0, 1, 5):
            tracer.dosage.set_value(dosage)
            shown.append((tracer.readout.content(), False))
    descent = gradient_descent(net, "final_bias", start=0.0, data=DOSAGE_DATA, relu_at_zero=0, learning_rate=0.1)
    track = DescentTrack(descent, DOSAGE_DATA, Graph(), "#000000", False, "run", current_theme())
    shown += [(track.readout_text(i), True) for i in range(0, track.last + 1, 6)]
    return shown


def test_a_readout_built_from_glyphs_is_pangos_layout_of_the_whole_string():
    """Issue 35: a readout's digits are placed, not laid out anew; Pango's layout of the
    whole string (make_text) is the truth. Each glyph within a millionth of a scene unit
    (a 7,000th of a pixel at 1080p: nothing a viewer, or frame data at 0.01, could see),
    and the same words and font size for frame data."""
    from relu_anim.text import make_readout_text, make_text

    shown = readouts_shown()
    assert set("0123456789\u2212") <= set("".join(words for words, _ in shown))  # every digit, and a minus
    theme = current_theme()
    for words, mono in shown:
        pango = make_text(words, theme.label_size, theme.top, mono=mono)
        built = make_readout_text(words, theme.label_size, theme.top, mono=mono)
        assert (built.text, built.original_text) == (pango.text, pango.original_text)
        assert built.font_size == pytest.approx(pango.font_size, rel=1e-12)
        assert len(built.submobjects) == len(pango.submobjects), words
        for ours, theirs in zip(built.submobjects, pango.submobjects):
            assert_allclose(ours.points, theirs.points, atol=1e-6, err_msg=words)


def test_a_readout_with_a_ligature_is_laid_out_whole():
    """DejaVu Sans writes "fi" as one glyph: the glyphs are not one per character, so
    the digits cannot be found by position; the whole string is laid out instead."""
    from relu_anim.text import make_readout_text, make_text

    pango, built = make_text("fit 1.25"), make_readout_text("fit 1.25")
    assert len(pango.submobjects) == 6  # f-i, t, 1, ., 2, 5
    assert len(built.submobjects) == 6
    for ours, theirs in zip(built.submobjects, pango.submobjects):
        assert_allclose(ours.points, theirs.points, atol=1e-9)


def test_a_moving_tracer_lays_out_no_text_per_frame(monkeypatch):
    """Issue 35: the sweep's readout changed on every frame and each change was laid out
    by Pango and its SVG parsed again (half of orange-line's drawing). Once a number's
    shape has been laid out, new numbers of that shape make no Text at all."""
    import relu_anim.text

    made = []

    class CountedText(relu_anim.text.Text):
        def __init__(self, *args, **kwargs):
            made.append(args[0])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(relu_anim.text, "Text", CountedText)
    tracer = DotTracer(preset("part3"), DosagePlot(), "bottom.y", dosage=0.5)  # shape "dosage 0.00 -> x 0.00 -> y 0.00"
    made.clear()
    for dosage in np.linspace(0.51, 0.79, 15):  # x = 12.6 d: 6.43 to 9.95, one shape
        tracer.dosage.set_value(dosage)
        tracer.readout.update(0)
    assert tracer.readout.content() == "dosage 0.79  \u2192  x 9.95  \u2192  y 9.95"  # 12.6 x 0.79 = 9.954
    assert tracer.readout.submobjects[0].original_text == tracer.readout.content()
    assert made == []


def test_retitled_y_axis_and_instant_highlight():
    plot = DosagePlot(y_title="Before")
    play(plot.animate_y_title("After, much longer"), on_screen=[plot])
    assert plot.y_title.height > plot.y_title.width  # still upright beside the axis
    assert plot.y_title.get_center()[1] == pytest.approx(plot.area.get_center()[1])
    assert plot.y_title.get_right()[0] < plot.area.get_left()[0]
    diagram = NetworkDiagram(preset("part3")).set_highlight("top")
    theme = current_theme()
    for key in ("input-top", "top-sum"):
        assert diagram.edges[key].get_color().to_hex() == theme.top and diagram.edges[key].get_stroke_width() == 8
    assert diagram.edges["input-bottom"].get_color().to_hex() == theme.muted


def test_a_y_title_animation_changes_the_recorded_title_when_it_begins():
    plot = DosagePlot(y_title="Before")
    retitle = plot.animate_y_title("After")
    assert plot.titles["y"] == "Before"  # made, not yet played: the screen still says Before
    play(retitle, on_screen=[plot])
    assert plot.titles["y"] == "After"


def test_a_tracer_past_the_hidden_nodes_needs_no_node():
    net, plot = preset("part3"), DosagePlot(y_range=(-20, 20))
    tracer = DotTracer(net, plot, "sum")
    assert tracer.node is None and tracer.graph_dot is None
    tracer.dosage.set_value(0.2)
    tracer.readout.update(0)
    # by hand: top 0.2 x 1.70 - 0.85 < 0 gives 0; bottom 0.2 x 12.6 = 2.52, x 2.70 = 6.804
    assert tracer.readout.content() == "dosage 0.20  \u2192  sum 6.80"
    assert DotTracer(net, plot, "bottom.y").node == "bottom"
    with pytest.raises(ValueError, match="past the hidden nodes"):
        DotTracer(net, plot, "output", activation_graph=ActivationGraph("relu"))


def test_a_fit_curve_sets_its_graphs_range_and_axes_at_once():
    from relu_anim.components import DescentTrack, FitCurve, Graph
    from relu_anim.model import DOSAGE_DATA, gradient_descent

    net = preset("part3")
    descent = gradient_descent(net, "final_bias", start=0.0, data=DOSAGE_DATA, relu_at_zero=0, learning_rate=0.1)
    track = DescentTrack(
        descent,
        DOSAGE_DATA,
        Graph(x_range=(0, 40), y_range=(0, 10)),
        "#000000",
        hollow=False,
        header="run",
        theme=current_theme(),
    )
    plot = DosagePlot(y_range=(0, 1), max_ticks=4)
    FitCurve(plot, net, track, data_top=1.0)
    # at bias 0 the fit is the wedge, whose peak is at the bend, dosage 0.5: by hand
    # 0.5 x 12.6 x 2.70 = 17.01 (the top node gives 0 there), with 15% headroom
    assert plot.y_range[1] == pytest.approx(1.15 * 17.01)
    assert (
        plot.tick_labels["y"] and float(plot.tick_labels["y"][-1].replace("\u2212", "-")) > 1
    )  # axes redrawn, no update()


def test_a_descent_tracks_readout_shows_each_step_as_it_comes():
    """derivative's readouts (the stage test reads the captions and the SSR dots; the
    readout's words are a component's, so built here), against the hand arithmetic of
    tests/test_scene_derivative.py: bias 0 gives SSR (1 - 17.01)^2 = 256.32, slope 32.02;
    the run ends where 17.01 + b = 1, with SSR 0, whichever slope the bend is given."""
    from relu_anim.components import DescentTrack, Graph
    from relu_anim.model import DOSAGE_DATA, gradient_descent

    def numbers(text: str) -> list[float]:
        return [float(n) for n in re.findall(r"-?\d+\.\d+", text.replace("\u2212", "-"))]

    def run(at_zero: int) -> tuple[list, list]:
        """The readout drawn at the first and the last step, and every step's words."""
        descent = gradient_descent(
            preset("part3"), "final_bias", start=0.0, data=DOSAGE_DATA, relu_at_zero=at_zero, learning_rate=0.1
        )
        graph = Graph(x_range=(0, 40), y_range=(0, 300))
        track = DescentTrack(descent, DOSAGE_DATA, graph, "#000000", False, "run", current_theme())
        drawn = []
        for step in (0, track.last):
            track.progress.set_value(step)
            track.update()
            drawn.append(numbers(track.readout.original_text))
        return drawn, [numbers(track.readout_text(i)) for i in range(track.last + 1)]

    (first, last), steps = run(0)
    assert first == [0.00, 256.32, 32.02]
    assert abs(last[0] - (1 - 17.01)) <= 0.01 and last[1] == pytest.approx(0.0, abs=0.005)
    assert all(b[1] <= a[1] for a, b in zip(steps, steps[1:]))  # the SSR shown never rises
    assert run(1) == ([first, last], steps)


def test_a_tracer_readout_computes_from_the_dosage_it_shows():
    """Issue 20: "dosage 0.49 → x −0.01" came from x at 0.4937. By hand from what is
    shown: 1.70 × 0.49 − 0.85 = −0.017 -> −0.02; 12.60 × 0.80 + 0.00 = 10.08."""
    net, plot = preset("part3"), DosagePlot()
    top = DotTracer(net, plot, "top.y")
    top.dosage.set_value(0.4937)
    assert top.readout.content() == "dosage 0.49  \u2192  x \u22120.02  \u2192  y 0.00"
    bottom = DotTracer(net, plot, "bottom.y")
    bottom.dosage.set_value(0.7968)
    assert bottom.readout.content() == "dosage 0.80  \u2192  x 10.08  \u2192  y 10.08"


def test_a_sharp_peak_is_drawn_at_its_height_not_as_a_spike_above_it():
    """Shapes' pointy thing: a peak 0.48 units wide at its foot and 2 tall (a half-angle
    of 6.8 degrees). With Cairo's default mitred join the stroke's outer corner reaches
    1 / sin(6.8 deg) = 8.4 half-widths above the peak (Cairo bevels only past 10); joined
    round, one half-width. Counted in the pixels of a drawn frame."""
    from manim import Camera

    with tempconfig({"pixel_width": 640, "pixel_height": 360, "frame_rate": 15}):
        graph = DosagePlot(y_range=(0.0, 2.0), width=4.0, height=4.0, y_title="", x_title="")
        graph.place_area((0.0, 0.0, 0.0))
        curve = graph.get_curve([0.0, 0.44, 0.5, 0.56, 1.0], [0.0, 0.0, 1.0, 0.0, 0.0], color="#FF0000")
        camera = Camera()
        camera.capture_mobject(curve)
        image = np.asarray(camera.get_image())
    red = (image[:, :, 0] > 200) & (image[:, :, 1] < 80) & (image[:, :, 2] < 80)
    top_row = np.nonzero(red.any(axis=1))[0].min()
    pixels_per_unit = 360 / 8.0
    peak_row = 360 / 2  # y = 1 is the middle of the range 0..2: the area's centre, the frame's
    half_width = curve.get_stroke_width() * 0.01 / 2 * pixels_per_unit  # Cairo: 0.01 units per stroke unit
    assert peak_row - top_row <= half_width + 1.5, (peak_row - top_row, half_width)


def test_zoom_ticks_nest_from_one_step_to_the_next():
    """Scale-top's zoom from 0..1 (steps of 0.2) to -40..10 (steps of 10): by hand,
    0.2 x 5 = 1, x 2 = 2, x 5 = 10, each a whole multiple of the one before. Steps that
    do not nest (0.2 and 0.25; 2 and 5) share the multiples of 1 and of 10."""
    from relu_anim.components.graph import common_step, nested_steps

    assert nested_steps(0.2, 10.0) == pytest.approx([0.2, 1.0, 2.0, 10.0])
    assert nested_steps(2.0, 0.25) == pytest.approx([0.25, 0.5, 1.0, 2.0])
    assert nested_steps(0.2, 0.25) is None and nested_steps(2.0, 5.0) is None
    assert common_step(0.2, 0.25) == pytest.approx(1.0) and common_step(2.0, 5.0) == pytest.approx(10.0)
    plot = DosagePlot(y_range=(0.0, 1.0), y_title="", x_title="")
    at_rest = plot.ticks("y")
    assert at_rest == ([(pytest.approx(v), 1.0) for v in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)], 1)
    plot._zoom_steps, plot._zoom_alpha = {"y": (0.2, 10.0)}, 0.0  # as animate_ranges begins
    values, decimals = plot.ticks("y")
    assert decimals == 1 and [v for v, o in values if o >= 0.5] == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    plot.y_min.set_value(-4.0)  # halfway: span 5, steps of 0.2 crowd (25 ticks): gone; 1 and 2 seen
    values, decimals = plot.ticks("y")
    assert decimals == 0 and [v for v, o in values if o >= 0.5] == pytest.approx([-4.0, -3.0, -2.0, -1.0, 0.0, 1.0])


def test_the_axis_lines_are_drawn_in_full_after_a_zoom_through_faded_ticks():
    """Scale-top's x-axis right of the bend vanished from the 1080p video after the zoom:
    the axes reuse their old lines, and a tick line faded out mid-zoom came back as an axis
    line still at its tick's opacity (the frame data, played with fewer frames, had no faded
    tick to reuse). Every axis line is drawn at full opacity after a redraw."""
    plot = DosagePlot(y_range=(0.0, 1.0), y_title="", x_title="")
    plot._zoom_steps, plot._zoom_alpha = {"y": (0.2, 10.0)}, 0.0  # scale-top's zoom, as it begins
    lines = lambda: [part for part in plot.axes.submobjects if type(part).__name__ == "Line"]  # noqa: E731
    faded = 0
    for low in (-0.5, -1.0, -2.0, -4.0, -8.0, -16.0, -30.0):  # frames of the zoom to -40
        plot.y_min.set_value(low)
        plot.update()
        faded += sum(0 < line.get_stroke_opacity() < 1 for line in lines()[2:])
    assert faded  # ticks faded on the way
    plot._zoom_steps = {}  # the zoom ends
    plot.y_min.set_value(-40.0)
    plot.y_max.set_value(10.0)
    plot.update()
    y_axis, x_axis = lines()[:2]  # get_axis_parts: the y-axis line, then the x-axis line
    assert (y_axis.get_stroke_opacity(), x_axis.get_stroke_opacity()) == (1.0, 1.0)


def test_fade_through_shows_the_old_words_or_the_new_never_a_morph_of_both():
    """Issue 30: numbers that changed mid-sentence passed through unreadable glyphs (a
    Transform morphs "0.85" into "−40.80" point by point). FadeThrough shows, at every
    moment, the old words whole (fading out) or the new words whole (fading in): the same
    glyphs in the same places, at the opacity of the fade."""
    from manim import Transform

    from relu_anim.text import FadeThrough, make_text

    def glyphs(text) -> list:
        boxes = []
        for m in text.family_members_with_points():
            if m.get_fill_opacity() > 0 and m.width + m.height > 1e-6:  # not an aligned, empty copy
                boxes.append(tuple(np.round([*m.get_center()[:2], m.width, m.height], 4)))
        return sorted(boxes)

    old, new = make_text("0.85"), make_text("−40.80").shift(RIGHT)
    for kind, morphs in ((FadeThrough, False), (Transform, True)):
        moving = old.copy()
        animation = kind(moving, new.copy(), rate_func=lambda t: t)
        animation.begin()
        for alpha, words, opacity in ((0.25, old, 0.5), (0.75, new, 0.5), (1.0, new, 1.0)):
            animation.interpolate(alpha)
            reads = glyphs(moving) == glyphs(words)
            assert reads is (not morphs or alpha == 1.0), (kind.__name__, alpha)
            if not morphs:
                shown = {round(float(m.get_fill_opacity()), 6) for m in moving.family_members_with_points()}
                assert shown - {0.0} == {opacity}


def test_a_label_is_placed_clear_of_the_texts_already_there_and_else_where_place_clear_puts_it():
    """Two "0.00" labels for dots 0.4 apart on a flat line (clip and wedge for one node):
    placed to the right as asked, the second would sit on the first (0.4 apart, each
    wider); kept clear of it, it goes elsewhere, off the line. Nothing in the way: the
    very place place_clear alone gives."""
    from manim import DL, UR, Dot, Line

    from relu_anim.components import place_clear, place_clear_of
    from relu_anim.text import make_text

    line = Line([-3, 0, 0], [3, 0, 0])
    first = place_clear(make_text("0.00", 24), Dot([0, 0, 0]), [line], [RIGHT])
    second = make_text("0.00", 24)
    place_clear_of(second, Dot([0.4, 0, 0]), [line], [RIGHT], [first])
    (l1, b1, _), (r1, t1, _) = first.get_corner(DL), first.get_corner(UR)
    (l2, b2, _), (r2, t2, _) = second.get_corner(DL), second.get_corner(UR)
    assert r1 - l1 > 0.4  # wide enough to collide if put to the right of the next dot
    assert l2 >= r1 or r2 <= l1 or b2 >= t1 or t2 <= b1, ((l1, b1, r1, t1), (l2, b2, r2, t2))
    assert b2 > 0 or t2 < 0  # and off the line
    alone = place_clear(make_text("0.00", 24), Dot([3, 2, 0]), [line], [RIGHT])
    kept = place_clear_of(make_text("0.00", 24), Dot([3, 2, 0]), [line], [RIGHT], [first])
    assert_allclose(kept.get_center(), alone.get_center())


#: The plot titles the node-following stages give a workbench's plot, the longest of each
#: kind (two lines: a scaled node's, every node's); a one-node network's one-line title.
WORKBENCH_TITLES = ("Top node output", "Bottom node\noutput × −40.80", "Node outputs\n× output weights")


def _box(mob) -> list[float]:
    (left, bottom, _), (right, top, _) = mob.get_corner([-1, -1, 0]), mob.get_corner([1, 1, 0])
    return [left, bottom, right, top]


def word_on_axis(diagram, plot, titles, state: str) -> list[str]:
    """Where the diagram's output word stands on the plot's tick numbers (0.3 clear: they
    are no texts in the frame data, so no rule sees them; a range of -7.5..5 gives them the
    width of "−7.5") or, 0.1 clear, on one of its y ``titles`` (a title saying the output's
    own name is left out: the layouts hide the word beside it, ``output_said_twice``)."""
    from relu_anim.components import output_said_twice
    from relu_anim.composition import box_gap

    found, word = [], _box(diagram.output_word)
    plot.set_y_range(-7.5, 5.0)
    numbers = [m for m in plot.axes.get_family() if hasattr(m, "original_text")]
    found += [f"{state}: the output word is on tick {m.original_text}" for m in numbers if box_gap(word, _box(m)) < 0.3]
    for title in titles:
        plot.set_y_title(title)
        if box_gap(word, _box(plot.y_title)) < 0.1 and not output_said_twice(diagram, plot):
            found.append(f"{state}: the output word is on the y title {title!r}")
    return found


def workbench_problems(bench, state: str) -> list[str]:
    """What of a workbench with its diagram in ``state`` ("corner", "lowered") runs into
    what: the diagram off the frame, its output word on the plot's tick numbers (0.3
    clear: they are no texts in the frame data) or its y title, the equation readouts
    on the diagram or the activation graph, the diagram on the activation graph."""
    from relu_anim.components import DosagePass
    from relu_anim.composition import FRAME_HEIGHT, FRAME_WIDTH, MARGIN, box_gap

    net, diagram, plot = bench.diagram.network, bench.diagram, bench.plot
    found = []
    x_limit, y_limit = FRAME_WIDTH / 2 - MARGIN * FRAME_WIDTH, FRAME_HEIGHT / 2 - MARGIN * FRAME_HEIGHT
    left, bottom, right, top = _box(diagram)
    if max(-left, right) > x_limit or max(-bottom, top) > y_limit:
        found.append(f"{state}: the diagram {[round(v, 2) for v in (left, bottom, right, top)]} leaves the frame")
    found += word_on_axis(diagram, plot, WORKBENCH_TITLES, state)
    if state == "corner":
        readout = DosagePass(net, net.node_names[0], 0.2, bench.graph, plot, at=bench.equation_spot)
        parts = {"readout": readout, "diagram": diagram}
    else:  # scale-top's two worked examples, one under the other
        first = scale_equation(2.04, -40.8, -83.23).move_to(bench.equation_spot)
        parts = {"examples": VGroup(first, scale_equation(0.0, -40.8, 0.0).next_to(first, DOWN, buff=0.3))}
        parts["diagram"] = diagram
    if state == "corner":
        parts["activation graph"] = bench.graph
    names = list(parts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if box_gap(_box(parts[a]), _box(parts[b])) < 0.1:
                found.append(f"{state}: the {a} meets the {b}")
    return found


@pytest.mark.parametrize("n", [1, 3, 4, 5, 6, 7, 8])
def test_a_workbench_lays_out_a_diagram_of_any_number_of_nodes(n):
    """Workbench's diagram, equations, activation graph and plot clear of each other for
    1 to 8 nodes (two: the lesson's layout, held by the snapshots), the diagram in its
    corner and lowered, its words at least as large as the two-node diagram's (the
    composition rules' text size at 480p)."""
    from relu_anim.components import Workbench
    from relu_anim.theme import MIN_TEXT_HEIGHT

    bench = Workbench(network_of(n))
    label = bench.diagram.labels["final_bias"]
    assert label.height >= NetworkDiagram(network_of(2)).scale(0.6).labels["final_bias"].height - 1e-9, n
    assert label.height >= MIN_TEXT_HEIGHT
    found = workbench_problems(bench, "corner")
    bench.lower_diagram(animate=False)
    found += workbench_problems(bench, "lowered")
    bench.corner_diagram(animate=False)
    assert bench.equation_spot[1] == pytest.approx(Workbench(network_of(n)).equation_spot[1])
    assert not found, (n, found)


def test_a_ladder_is_sized_on_one_copy_per_size_and_once_per_process(monkeypatch):
    """fit_ladder tries each of its 9 sizes (1 down to 1 / WORD_GROWTH in steps of about
    2%) on one copy of the diagram whatever the rooms (an 8-node ladder took 14 copies of
    about 85 ms each), and a second Workbench of the same network takes the first one's
    size without a copy (every stage builds it again: issue 34's cost per node), point for
    point the same diagram; another network's ladder is sized for itself, as it would be
    afresh."""
    from relu_anim.components import Workbench, layout

    monkeypatch.setattr(layout, "_LADDER_FITS", {})
    copies = []
    copy = NetworkDiagram.copy
    monkeypatch.setattr(NetworkDiagram, "copy", lambda self: copies.append(self) or copy(self))
    first = Workbench(network_of(8))
    assert 0 < len(copies) <= 9
    copies.clear()
    again = Workbench(network_of(8))
    assert copies == []
    assert np.array_equal(again.diagram.get_all_points(), first.diagram.get_all_points())
    three = Workbench(network_of(3))
    assert copies
    monkeypatch.setattr(layout, "_LADDER_FITS", {})
    assert np.array_equal(three.diagram.get_all_points(), Workbench(network_of(3)).diagram.get_all_points())


def test_a_label_placed_clear_of_a_curve_stays_clear_in_the_rounded_frame_data():
    """place_clear keeps a label off a line by more than the rules' touch: the rules read
    boxes rounded to 0.01, and a label 0.002 clear of a line, rounded, lay on it (the end
    value of orange-line's line, 4 nodes)."""
    from manim import LEFT, Line

    from relu_anim.components import place_clear
    from relu_anim.composition import TOUCH, crosses
    from relu_anim.text import make_text

    dot = np.array([1.0, 0.5, 0.0])
    label = make_text("−3.00", current_theme().small_size).next_to(dot, LEFT, buff=0.12)
    top = label.get_top()[1]
    dot[1] += round(top, 2) + 0.006 - top  # the label's top at x.xx6: rounded up
    top = label.next_to(dot, LEFT, buff=0.12).get_top()[1]
    line_y = top - TOUCH + 0.002  # just outside the box the rules shrink by TOUCH, inside once rounded
    line = Line([label.get_left()[0] - 1, line_y, 0], [label.get_right()[0] + 1, line_y, 0])
    place_clear(label, dot, avoid=[line], sides=(LEFT,))
    box = [round(v, 2) for v in (label.get_left()[0], label.get_bottom()[1], label.get_right()[0], label.get_top()[1])]
    assert not crosses([(p[0], p[1]) for p in line.get_all_points()], box), box


#: The y titles wedge and clip give a side bench's plot ("Value", then the output's).
SIDE_TITLES = ("Value", "Effectiveness")


@pytest.mark.parametrize("n", [1, 3, 4, 5, 6, 7, 8])
def test_a_side_bench_lays_out_a_diagram_of_any_number_of_nodes(n):
    """SideBench's diagram, plot and free column clear of each other for 1 to 8 nodes (two:
    the lesson's layout, held by the snapshots): its words at least the two-node
    diagram's at the Workbench's size (the rules' text size at 480p), its output word
    0.3 from every tick number and clear of the y titles, the column as high as wedge's
    rows and clip's output ReLU need (:attr:`SideBench.LADDER_COLUMN`, or under the plot
    for a tall ladder), and clip's output ReLU in it, its equation inside the frame."""
    from relu_anim.components import SideBench, activation_equation, pull_inside
    from relu_anim.composition import FRAME_HEIGHT, FRAME_WIDTH, MARGIN, box_gap

    bench = SideBench(network_of(n), plot_title="Value")
    diagram, plot, column = bench.diagram, bench.plot, bench.column
    assert (
        diagram.labels["final_bias"].height
        >= NetworkDiagram(network_of(2)).scale(0.6).labels["final_bias"].height - 1e-9
    )
    found = word_on_axis(diagram, plot, SIDE_TITLES, "side")
    x_limit, y_limit = FRAME_WIDTH / 2 - MARGIN * FRAME_WIDTH, FRAME_HEIGHT / 2 - MARGIN * FRAME_HEIGHT
    relu = bench.get_column_activation("relu", [-7.5, 2.5])
    equation = activation_equation("relu", -7.5, 0.0, size=current_theme().label_size)
    pull_inside(equation.next_to(relu.area, DOWN, buff=0.55))  # as clip puts it
    parts = {"diagram": diagram, "plot": plot, "column": column}
    for name, mob in (*parts.items(), ("output ReLU", relu), ("its equation", equation)):
        left, bottom, right, top = _box(mob)
        if max(-left, right) > x_limit or max(-bottom, top) > y_limit:
            found.append(f"the {name} {[round(v, 2) for v in _box(mob)]} leaves the frame")
    if box_gap(_box(plot), _box(column)) < 0.1:
        found.append("the plot meets the column")
    members = diagram.family_members_with_points()
    found += [f"the diagram's {m} meets the column" for m in members if box_gap(_box(m), _box(column)) < 0.1]
    assert column.height >= (2.4 if bench.tall else SideBench.LADDER_COLUMN) - 1e-9, (n, column.height)
    assert not found, (n, found)


@pytest.mark.parametrize("n", [1, 3, 4, 5, 6, 7, 8])
def test_the_title_card_draws_a_diagram_of_any_number_of_nodes_with_words_that_read(n):
    """The title card's ladder under its three lines (a network of the teacher's own), in
    the frame: its words at least the two-node diagram's at the Workbench's size (0.2
    tall: the rules' text size at 480p; it shrank ladders to 0.19 and, of 8 nodes, under),
    clear of each other, the nodes and the connections (the diagram's own rules), its
    output word 0.3 from the plot's tick numbers."""
    from relu_anim.components import TitleBench
    from relu_anim.composition import FRAME_HEIGHT
    from relu_anim.model import DOSAGE_DATA
    from relu_anim.theme import MIN_TEXT_HEIGHT

    about = ["One input, eight hidden ReLU nodes and a ReLU before the output,", "fitted to 3 data points", "With it"]
    bench = TitleBench(network_of(n), DOSAGE_DATA, "Neural Networks Part 3: ReLU in Action", about)
    diagram = bench.diagram
    assert (
        diagram.labels["final_bias"].height
        >= NetworkDiagram(network_of(2)).scale(0.6).labels["final_bias"].height - 1e-9
    )
    assert diagram.labels["final_bias"].height >= MIN_TEXT_HEIGHT
    assert diagram.get_top()[1] <= bench.about.get_bottom()[1] - bench.DIAGRAM_GAP + 1e-9
    assert diagram.get_bottom()[1] >= -FRAME_HEIGHT / 2 + 0.24
    found = diagram_problems(diagram.copy())
    found += word_on_axis(diagram, bench.plot, (), "title")
    assert not found, (n, found)


def test_a_label_with_no_clear_side_next_to_its_dot_is_placed_further_out():
    """A curve all round the dot, 0.2 from it (clip's fed value with the steep wedge of
    four nodes through it): every side at place_clear's 0.12 crosses it; twice as far out,
    the first side asked for is clear (before, the label was left on the curve)."""
    from manim import UP, Circle

    from relu_anim.components import place_clear
    from relu_anim.composition import crosses
    from relu_anim.text import make_text

    ring = Circle(radius=0.2)
    line = [(float(x), float(y)) for x, y, _ in ring.get_all_points()]
    label = place_clear(make_text("0.50", current_theme().label_size), np.zeros(3), avoid=[ring], sides=(UP,))
    assert not crosses(line, _box(label)), _box(label)
    assert label.get_bottom()[1] == pytest.approx(0.24) and label.get_x() == pytest.approx(0.0)
