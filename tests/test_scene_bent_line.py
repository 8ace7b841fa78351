"""Stage 4, bent-line: the blue dots and the bent blue line sit where the storyboard says.

Expected values come from LESSON.md's reference table or by hand:
top x = 1.70 * dosage - 0.85, and the blue line is max(0, x).
"""

from __future__ import annotations

import numpy as np
import pytest

MINUS = "\u2212"
# dosage: (top x, ReLU(top x)), from the storyboard table
TABLE = {
    0.0: (-0.85, 0.0),
    0.2: (-0.51, 0.0),
    0.4: (-0.17, 0.0),
    0.6: (0.17, 0.17),
}


@pytest.mark.parametrize("dosage", sorted(TABLE))
def test_blue_dots_sit_at_relu_of_the_top_connection(played, dosage):
    scene = played("bent-line")
    dots = {round(dot.x, 9): dot for dot in scene.plot_dots}
    assert sorted(dots) == sorted(TABLE)  # one dot per dosage sent, the first from first-dot
    dot = dots[dosage]
    np.testing.assert_allclose([dot.x, dot.y], [dosage, TABLE[dosage][1]], atol=1e-9)
    np.testing.assert_allclose(dot.get_center(), scene.bench.plot.c2p(dosage, TABLE[dosage][1]), atol=1e-6)


@pytest.mark.parametrize("dosage", sorted(TABLE))
def test_each_dosage_passes_through_the_relu_graph(played, dosage):
    scene = played("bent-line")
    step = scene.passes[dosage]
    x, y = TABLE[dosage]
    np.testing.assert_allclose([step.input_dot.x, step.input_dot.y], [x, y], atol=1e-9)  # on the curve
    assert step.input_dot.graph is scene.bench.graph


def test_the_readouts_read_as_the_storyboard(played):
    passes = played("bent-line").passes
    assert passes[0.2].equation.string == f"0.20 \u00d7 1.70 + ({MINUS}0.85) = {MINUS}0.51"
    assert passes[0.2].activation_equation.string == f"max(0, {MINUS}0.51) = 0.00"
    assert passes[0.4].equation.string == f"0.40 \u00d7 1.70 + ({MINUS}0.85) = {MINUS}0.17"
    assert passes[0.6].equation.string == f"0.60 \u00d7 1.70 + ({MINUS}0.85) = 0.17"
    assert passes[0.6].activation_equation.string == "max(0, 0.17) = 0.17"  # 0.17, not the narration's 0.16


def test_the_bent_line_is_flat_then_climbs_from_its_bend(played):
    scene = played("bent-line")
    line, plot = scene.bent_line, scene.bench.plot
    np.testing.assert_allclose(line.y_at(1.0), 0.85, atol=1e-9)  # 1.70 - 0.85
    np.testing.assert_allclose(line.y_at(0.6), 0.17, atol=1e-9)
    # the bend: 1.70 * d - 0.85 = 0 at d = 0.85 / 1.70 = 0.5, drawn exactly as a corner
    assert np.isclose(line.x, 0.5).any()
    np.testing.assert_allclose([line.y_at(0.0), line.y_at(0.3), line.y_at(0.5)], 0.0, atol=1e-9)
    np.testing.assert_allclose(line.y_at(0.55), 1.70 * 0.05, atol=1e-9)  # slope 1.70 right of it
    assert plot.contains(line.x, line.y)
    np.testing.assert_allclose(line.points[-1], plot.c2p(1.0, 0.85), atol=1e-6)


def test_the_sweep_ended_at_the_highest_dosage(played):
    scene = played("bent-line")
    assert scene.tracer.dosage.get_value() == pytest.approx(1.0)
    dot = scene.tracer.graph_dot  # on the ReLU graph at x = y = 1.70 - 0.85
    np.testing.assert_allclose([dot.x, dot.y], [0.85, 0.85], atol=1e-9)
    assert scene.tracer.trail not in scene.mobjects  # replaced by the finished line
    assert scene.bent_line in scene.mobjects
