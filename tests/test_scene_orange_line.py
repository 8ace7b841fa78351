"""Stage 6, orange-line: the bottom node's straight orange line, before and after scaling.

Expected values come from LESSON.md's reference table or by hand: bottom x = 12.6 * dosage
(never negative, so ReLU leaves it alone), then multiplied by 2.70.
"""

from __future__ import annotations

import numpy as np

from .conftest import inside_frame, overlaps

MINUS = "\u2212"
RELU = {0.0: 0.0, 0.2: 2.52, 0.5: 6.30, 1.0: 12.6}  # storyboard table, "bottom x = 12.6d"
SCALED = {0.0: 0.0, 0.2: 6.804, 0.5: 17.01, 1.0: 34.02}  # the "x 2.70" column


def test_the_relu_line_is_straight(played):
    line = played("orange-line").orange_relu_line
    for dosage, value in RELU.items():
        np.testing.assert_allclose(line.y_at(dosage), value, atol=1e-9)
    np.testing.assert_allclose(line.y, 12.6 * line.x, atol=1e-9)  # no bend anywhere in 0..1


def test_the_final_orange_line_is_scaled_by_the_output_weight(played):
    scene = played("orange-line")
    line = scene.orange_line
    for dosage, value in SCALED.items():
        np.testing.assert_allclose(line.y_at(dosage), value, atol=1e-9)
    np.testing.assert_allclose(line.y, 2.70 * 12.6 * line.x, atol=1e-9)
    dot = scene.example.plot_dot  # the worked example's dot went with the line
    np.testing.assert_allclose([dot.x, dot.y], [0.2, 6.804], atol=1e-9)
    np.testing.assert_allclose(dot.get_center(), scene.bench.plot.c2p(0.2, 6.804), atol=1e-6)


def test_the_worked_example(played):
    scene = played("orange-line")
    assert scene.example.equation.string == "0.20 \u00d7 12.60 + 0.00 = 2.52"
    assert scene.example.activation_equation.string == "max(0, 2.52) = 2.52"
    assert scene.scale_example.string == "2.52 \u00d7 2.70 = 6.80"
    dot = scene.example.input_dot  # on the bottom node's ReLU graph
    np.testing.assert_allclose([dot.x, dot.y], [2.52, 2.52], atol=1e-9)
    np.testing.assert_allclose(scene.tracer.graph_dot.x, 12.6, atol=1e-9)  # the sweep reached dosage 1
    assert scene.bench.graph.contains(12.6, 12.6)


def test_everything_stays_on_the_rescaled_axes(played):
    scene = played("orange-line")
    plot = scene.bench.plot
    blue = scene.blue_line  # scale-top's line, still there: 0.85 x -40.8 at dosage 1
    np.testing.assert_allclose(blue.y_at(1.0), -34.68, atol=1e-9)
    for line in (scene.orange_line, scene.orange_relu_line, blue):
        assert plot.contains(line.x, line.y)
    lo, hi = plot.y_range
    assert hi - lo <= 1.5 * (34.02 - -34.68)  # fitted to both lines, not lost in a huge range
    for corner in (plot.area.get_corner(np.array([-1, -1, 0])), plot.area.get_corner(np.array([1, 1, 0]))):
        assert inside_frame(corner)
    assert scene.blue_line.get_stroke_opacity() == 1  # back in full for the next stage


def test_the_new_axis_title_stays_clear_of_the_diagram(played):
    scene = played("orange-line")
    title, diagram = scene.bench.plot.y_title, scene.bench.diagram
    assert title.height > title.width  # upright beside the axis
    for part in (*diagram.nodes.values(), *diagram.labels.values()):
        assert not overlaps(title, part)
