"""Stage 5, scale-top: the bent blue line times the top output weight, to scale.

Expected values come from LESSON.md's reference table or by hand: the bent line is
max(0, 1.70 * dosage - 0.85), then multiplied by -40.8.
"""

from __future__ import annotations

import numpy as np
import pytest

from .conftest import inside_frame, overlaps

MINUS = "\u2212"
# dosage: ReLU(top x) x -40.8, from the storyboard table
SCALED = {0.0: 0.0, 0.2: 0.0, 0.4: 0.0, 0.6: -6.936, 1.0: -34.68}


def test_the_line_is_flipped_and_stretched(played):
    line = played("scale-top").blue_line
    np.testing.assert_allclose(line.y_at(1.0), 0.85 * -40.8, atol=1e-9)  # -34.68
    np.testing.assert_allclose(line.y_at(1.0), -34.68, atol=1e-9)
    np.testing.assert_allclose(line.y_at(0.6), -6.936, atol=1e-9)  # 0.17 x -40.8
    np.testing.assert_allclose([line.y_at(0.0), line.y_at(0.5)], 0.0, atol=1e-9)  # the flat part stays at 0
    np.testing.assert_allclose(line.y_at(0.75), -40.8 * (1.70 * 0.75 - 0.85), atol=1e-9)


def test_the_dots_went_with_the_line(played):
    scene = played("scale-top")
    dots = {round(dot.x, 9): dot for dot in [*scene.plot_dots, scene.end_dot]}
    assert sorted(dots) == sorted(SCALED)
    for dosage, value in SCALED.items():
        np.testing.assert_allclose(dots[dosage].y, value, atol=1e-9)
        np.testing.assert_allclose(dots[dosage].get_center(), scene.bench.plot.c2p(dosage, value), atol=1e-6)


def test_the_axes_followed_the_line(played):
    scene = played("scale-top")
    plot, line = scene.bench.plot, scene.blue_line
    assert plot.contains(line.x, line.y)
    lo, hi = plot.y_range
    assert hi - lo <= 2 * (0.0 - -34.68)  # fitted, not lost in a huge range
    for corner in (plot.area.get_corner(np.array([-1, -1, 0])), plot.area.get_corner(np.array([1, 1, 0]))):
        assert inside_frame(corner)


def test_the_worked_examples(played):
    scene = played("scale-top")
    assert [eq.string for eq in scene.examples] == [
        f"0.85 \u00d7 ({MINUS}40.80) = {MINUS}34.68",
        f"0.17 \u00d7 ({MINUS}40.80) = {MINUS}6.94",
    ]
    edge = scene.bench.diagram.edges["top-sum"]
    assert edge.get_color().to_hex() == scene.theme.top  # the top output weight's connection is lit
    assert edge.get_stroke_width() == pytest.approx(8)


def test_the_new_axis_title_stays_clear_of_the_diagram(played):
    scene = played("scale-top")
    title, diagram = scene.bench.plot.y_title, scene.bench.diagram
    assert title.height > title.width  # upright beside the axis
    for part in (*diagram.nodes.values(), *diagram.labels.values()):
        assert not overlaps(title, part)
