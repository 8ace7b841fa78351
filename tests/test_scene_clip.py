"""Stage 8, clip: the output ReLU turns the shifted wedge into the green pointy thing.

Expected values are the storyboard's reference table (LESSON.md, columns "sum - 16" and
"output ReLU") or hand arithmetic: wedge = 2.70 * 12.6 * d - 40.8 * max(0, 1.70 * d - 0.85) - 16.
"""

from __future__ import annotations

import numpy as np
import pytest

# dosage: (shifted wedge, output ReLU), from the storyboard table
TABLE = {0.0: (-16.0, 0.0), 0.2: (-9.196, 0.0), 0.5: (1.01, 1.01), 1.0: (-16.66, 0.0)}
# where the wedge crosses 0, by hand: 34.02 d = 16 on the way up, 18.68 = 35.34 d on the way down
CROSSINGS = (16 / 34.02, 18.68 / 35.34)


def by_hand(d):
    d = np.asarray(d, dtype=float)
    return 2.70 * 12.6 * d - 40.8 * np.maximum(0, 1.70 * d - 0.85) - 16


def test_captions_use_the_model_values_not_the_sketch(played):
    text = " ".join(c.content for c in played("clip").renderer.file_writer.subcaptions)
    assert "\u22129.20" in text and "\u221216.00" in text and "1.01" in text
    assert "0.49" not in text  # the source's not-to-scale value


def test_the_wedge_going_in_is_the_shifted_wedge(played):
    wedge = played("clip").wedge
    for dosage, (value, _) in TABLE.items():
        np.testing.assert_allclose(wedge.y_at(dosage), value, atol=1e-9)


@pytest.mark.parametrize("dosage", [0.0, 0.2, 0.5])
def test_each_value_goes_through_the_output_relu(played, dosage):
    scene = played("clip")
    value, output = TABLE[dosage]
    relu_dot = scene.relu_dots[dosage]
    np.testing.assert_allclose([relu_dot.x, relu_dot.y], [value, output], atol=1e-9)
    assert scene.relu.contains(relu_dot.x, relu_dot.y)
    dot = scene.output_dots[dosage]
    np.testing.assert_allclose([dot.x, dot.y], [dosage, output], atol=1e-9)


def test_the_relu_graph_spans_every_value_of_the_wedge(played):
    relu = played("clip").relu
    lo, hi = relu.x_range
    assert lo <= -16.66 and hi >= 1.01
    assert lo >= -20 and hi <= 3  # about -17 .. 2: the wedge's values fill it


def test_the_pointy_thing_is_the_clipped_wedge(played):
    pointy = played("clip").pointy
    for dosage, (_, output) in TABLE.items():
        np.testing.assert_allclose(pointy.y_at(dosage), output, atol=1e-9)
    np.testing.assert_allclose(pointy.y, np.maximum(0, by_hand(pointy.x)), atol=1e-9)
    negative = by_hand(pointy.x) < 0
    assert negative.sum() > len(pointy.x) / 2
    assert np.all(pointy.y[negative] == 0)  # zero wherever the wedge is negative
    # positive only between the two crossings, and with a bend exactly at each
    assert np.all((pointy.x[pointy.y > 0] > CROSSINGS[0]) & (pointy.x[pointy.y > 0] < CROSSINGS[1]))
    for crossing in CROSSINGS:
        assert np.isclose(pointy.x, crossing).any()


def test_it_ends_zoomed_on_the_pointy_thing_and_the_data(played):
    scene = played("clip")
    lo, hi = scene.plot.y_range
    assert scene.plot.contains(scene.pointy.x, scene.pointy.y)
    observed = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]  # Part 1's data
    np.testing.assert_allclose([(d.x, d.y) for d in scene.data_dots], observed)
    assert scene.plot.contains([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])
    assert hi - lo <= 3 * 1.01  # zoomed: the peak is at least a third of the height
    # near all three points: within 0.05 of each observation
    for d, observed_value in observed:
        assert abs(scene.pointy.y_at(d) - observed_value) <= 0.05


def test_the_plot_and_the_relu_graph_stay_on_screen(beats):
    snapshots = beats("clip")
    assert len(snapshots) == 7
    for caption, graphs in snapshots:
        assert len(graphs) >= 2, f"the plot and the ReLU graph should be on screen after: {caption}"
