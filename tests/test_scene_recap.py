"""Stage 1, recap: the data, the softplus network and its squiggle, against the storyboard.

Expected values are worked by hand from shared/LESSON.md's Part 1 row:
top node w = -34.4, b = 2.14, output weight -1.30; bottom node w = -2.52, b = 1.29,
output weight 2.28; final bias -0.58; softplus(x) = ln(1 + e^x).
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose


def softplus(x):
    return math.log(1.0 + math.exp(x))


def squiggle_by_hand(d):
    top = softplus(-34.4 * d + 2.14) * -1.30
    bottom = softplus(-2.52 * d + 1.29) * 2.28
    return top + bottom - 0.58


@pytest.fixture(scope="module")
def scene(played):
    return played("recap")


def test_data_points_sit_on_the_observations(scene):
    plot = scene.plot
    expected = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]  # low, medium, high dosage
    assert [(dot.x, dot.y) for dot in scene.data_points] == expected
    for dot, (d, v) in zip(scene.data_points, expected):
        assert_allclose(dot.get_center(), plot.c2p(d, v), atol=1e-6)


def test_data_points_say_what_they_mean(scene):
    words = [" ".join(label.original_text.split()) for label in scene.data_labels]
    assert words == ["not effective", "effective", "not effective"]
    for label, dot in zip(scene.data_labels, scene.data_points):
        assert np.linalg.norm(label.get_center() - dot.get_center()) < 1.2  # beside its own dot


@pytest.mark.parametrize("dosage", [0.0, 0.5, 1.0])
def test_squiggle_values_match_part_1(scene, dosage):
    # by hand: d=0 -> -1.30*ln(1+e^2.14) + 2.28*ln(1+e^1.29) - 0.58 = -0.011
    assert scene.squiggle.y_at(dosage) == pytest.approx(squiggle_by_hand(dosage), abs=1e-6)


def test_squiggle_passes_near_the_data(scene):
    for dosage, observed in [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]:
        assert abs(scene.squiggle.y_at(dosage) - observed) < 0.05


def test_squiggle_peak_is_off_centre_and_marked(scene):
    grid = np.linspace(0.0, 1.0, 10001)
    values = np.array([squiggle_by_hand(d) for d in grid])
    peak_d, peak_y = grid[values.argmax()], values.max()
    assert 0.12 < peak_d < 0.15 and 2.2 < peak_y < 2.25  # the storyboard: near 0.15, about 2.2
    assert scene.peak_dot.x == pytest.approx(peak_d, abs=1e-3)
    assert scene.peak_dot.y == pytest.approx(peak_y, abs=1e-4)
    assert scene.squiggle.y.max() == pytest.approx(peak_y, abs=2e-3)
    assert " ".join(scene.peak_label.original_text.split()) == f"peak {peak_y:.2f} at dosage {peak_d:.2f}"


def test_squiggle_is_drawn_to_scale_and_fully_visible(scene):
    plot, squiggle = scene.plot, scene.squiggle
    assert plot.contains(squiggle.x, squiggle.y)
    lo, hi = plot.y_range
    assert hi >= 2.25 and lo <= -0.02  # the peak and the dip below 0 at dosage 0 are on screen
    assert_allclose(squiggle.points[0], plot.c2p(squiggle.x[0], squiggle.y[0]), atol=1e-6)
    top_point = squiggle.points[np.argmax(squiggle.points[:, 1])]
    assert_allclose(top_point, plot.c2p(scene.peak_dot.x, scene.peak_dot.y), atol=0.02)


def test_diagram_shows_part_1_and_sits_beside_the_plot(scene):
    diagram = scene.diagram
    assert {diagram.icons[n].activation for n in ("top", "bottom")} == {"softplus"}
    assert diagram.labels["top.weight"].original_text == "× −34.40"
    assert diagram.labels["final_bias"].original_text == "− 0.58"
    assert diagram.get_right()[0] < scene.plot.y_title.get_left()[0]  # side by side, no overlap
    for mob in (diagram, scene.plot, scene.peak_label):  # everything inside the frame
        assert mob.get_left()[0] > -7.11 and mob.get_right()[0] < 7.11
        assert mob.get_bottom()[1] > -4 and mob.get_top()[1] < 4
