"""Stage 7, wedge: the bars, dots and wedge sit where the storyboard's table says.

Expected values are the storyboard's reference table (LESSON.md) or hand arithmetic:
orange = 2.70 * 12.6 * dosage, blue = -40.8 * max(0, 1.70 * dosage - 0.85).
"""

from __future__ import annotations

import numpy as np
import pytest

# dosage: (orange term, blue term, their sum), from the storyboard table / by hand
STACKS = {
    0.2: (2.70 * 12.6 * 0.2, 0.0, 6.804),
    0.5: (17.01, 0.0, 17.01),
    0.6: (20.412, -6.936, 13.476),  # 20.412 - 6.936
    1.0: (34.02, -34.68, -0.66),  # 2.70 * 12.6 and -40.8 * 0.85
}
# the wedge before and after the final bias of -16
WEDGE = {0.0: 0.0, 0.5: 17.01, 1.0: -0.66}
SHIFTED = {0.0: -16.0, 0.5: 1.01, 1.0: -16.66}  # 17.01 - 16 and -0.66 - 16


def test_the_two_lines_are_the_scaled_hidden_outputs(played):
    scene = played("wedge")
    np.testing.assert_allclose(scene.blue_line.y_at(1.0), -34.68, atol=1e-9)  # -40.8 * 0.85
    np.testing.assert_allclose(scene.blue_line.y_at(0.4), 0.0, atol=1e-9)  # flat before the bend
    np.testing.assert_allclose(scene.orange_line.y_at(1.0), 34.02, atol=1e-9)  # 2.70 * 12.6
    np.testing.assert_allclose(scene.orange_line.y_at(0.2), 6.804, atol=1e-9)


@pytest.mark.parametrize("dosage", sorted(STACKS))
def test_bars_stack_blue_on_orange_and_the_dot_sits_at_the_sum(played, dosage):
    scene = played("wedge")
    orange_term, blue_term, total = STACKS[dosage]
    orange, blue = scene.bars[dosage]
    assert orange.x == blue.x == dosage
    np.testing.assert_allclose([orange.start_value, orange.end_value], [0.0, orange_term], atol=1e-9)
    np.testing.assert_allclose([blue.start_value, blue.end_value], [orange_term, orange_term + blue_term], atol=1e-9)
    dot = scene.sum_dots[dosage]
    np.testing.assert_allclose([dot.x, dot.y], [dosage, total], atol=1e-9)


def test_the_sum_rows_add_up_on_screen(played):
    scene = played("wedge")
    texts = [row.equation.string for row in scene.rows]
    assert texts[2] == "20.412 + (\u22126.936) = 13.476"  # three decimals, so the row adds up
    assert texts[0] == "6.80 + 0.00 = 6.80"
    assert texts[3] == "34.02 + (\u221234.68) = \u22120.66"


def test_the_wedge_is_lowered_by_the_final_bias(played):
    scene = played("wedge")
    for dosage, value in SHIFTED.items():
        np.testing.assert_allclose(scene.wedge.y_at(dosage), value, atol=1e-9)
    # the ghost of the wedge before the bias, at the sums
    for dosage, value in WEDGE.items():
        np.testing.assert_allclose(scene.ghost.y_at(dosage), value, atol=1e-9)
    np.testing.assert_allclose(scene.wedge.y, scene.ghost.y - 16.0, atol=1e-9)
    assert scene.bias_equation.string == "17.01 + (\u221216.00) = 1.01"


def test_the_shifted_wedge_is_labelled_at_low_medium_and_high(played):
    scene = played("wedge")
    got = [(dot.x, dot.y) for dot in scene.value_dots]
    np.testing.assert_allclose(got, list(SHIFTED.items()), atol=1e-9)
    assert [label.text for label in scene.value_labels] == ["\u221216.00", "1.01", "\u221216.66"]


def test_the_final_plot_is_zoomed_onto_the_shifted_wedge(played):
    scene = played("wedge")
    lo, hi = scene.plot.y_range
    assert scene.plot.contains(scene.wedge.x, scene.wedge.y)
    assert hi - lo <= 2 * (1.01 + 16.66)  # zoomed in: the wedge fills at least half the height
    assert scene.plot.get_right()[0] <= 7.11 and scene.diagram.get_left()[0] >= -7.11


def test_every_kind_of_mark_is_on_the_plot_at_some_beat(beats):
    snapshots = beats("wedge")
    # the lines, the storyboard's four dosages added by hand, every dosage, closer, the bias, the tip
    assert len(snapshots) == 1 + len((0.2, 0.5, 0.6, 1.0)) + 4
    kinds = {name.split("[")[0] for _, graphs in snapshots for graph in graphs.values() for name in graph["marks"]}
    assert {"curve", "bar", "dot"} <= kinds  # the lines, the bars and the wedge were all on screen
