"""Stage 9, shapes: the chain of small graphs and the side-by-side, against values
worked out by hand from shared/LESSON.md.

Part 3: top node w = 1.70, b = -0.85, output weight -40.8; bottom node w = 12.6, b = 0,
output weight 2.70; final bias -16; ReLU everywhere. Part 1 (softplus, no output
activation): top -34.4, 2.14, -1.30; bottom -2.52, 1.29, 2.28; final bias -0.58.
"""

import math

import numpy as np
import pytest
from manim import config
from numpy.testing import assert_allclose


def relu(x):
    return max(0.0, x)


def softplus(x):
    return math.log(1.0 + math.exp(x))


def squiggle_by_hand(d):
    return softplus(-34.4 * d + 2.14) * -1.30 + softplus(-2.52 * d + 1.29) * 2.28 - 0.58


@pytest.fixture(scope="module")
def scene(played):
    return played("shapes")


# Each panel's curve, at dosages 0, 0.5 and 1, worked by hand:
# top.y = ReLU(1.70 d - 0.85): 0, ReLU(0) = 0, ReLU(0.85) = 0.85
# top.scaled = top.y * -40.8: 0, 0, 0.85 * -40.8 = -34.68
# bottom.y = ReLU(12.6 d): 0, 6.3, 12.6; bottom.scaled = * 2.70: 0, 17.01, 34.02
# sum: 0, 17.01, -34.68 + 34.02 = -0.66; biased = sum - 16: -16, 1.01, -16.66
PANEL_VALUES = {
    "top.y": (0.0, 0.0, 0.85),
    "top.scaled": (0.0, 0.0, -34.68),
    "bottom.y": (0.0, 6.3, 12.6),
    "bottom.scaled": (0.0, 17.01, 34.02),
}


@pytest.mark.parametrize("quantity", list(PANEL_VALUES))
def test_hidden_panels_show_the_sliced_and_stretched_relu(scene, quantity):
    curve, panel = scene.curves[quantity], scene.panels[quantity]
    for d, expected in zip((0.0, 0.5, 1.0), PANEL_VALUES[quantity]):
        assert curve.y_at(d) == pytest.approx(expected, abs=1e-9)
    assert panel.contains(curve.x, curve.y)  # drawn to scale, nothing off the panel
    assert_allclose(curve.points[0], panel.c2p(curve.x[0], curve.y[0]), atol=1e-6)


def test_the_top_bend_is_where_1_70_d_minus_0_85_is_zero(scene):
    curve = scene.curves["top.y"]
    bend = 0.85 / 1.70  # = 0.5
    assert curve.y_at(bend - 0.01) == pytest.approx(0.0)
    assert curve.y_at(bend + 0.1) == pytest.approx(1.70 * 0.1)


@pytest.mark.parametrize(
    "name, expected",
    [("wedge", (0.0, 17.01, -0.66)), ("shifted", (-16.0, 1.01, -16.66))],
)
def test_add_and_shift_panels(scene, name, expected):
    curve = getattr(scene, name)
    for d, value in zip((0.0, 0.5, 1.0), expected):
        assert curve.y_at(d) == pytest.approx(value, abs=1e-9)


def test_panels_are_labelled_with_the_models_numbers(scene):
    def words(panel):
        return [" ".join(part.original_text.split()) for part in panel.tag]

    assert words(scene.panels["top.y"]) == ["slice", "1.70 × dosage − 0.85"]
    assert words(scene.panels["bottom.y"]) == ["slice", "12.60 × dosage + 0.00"]
    assert words(scene.panels["top.scaled"]) == ["flip + stretch", "× (−40.80)"]
    assert words(scene.panels["bottom.scaled"]) == ["stretch", "× 2.70"]
    assert words(scene.sum_panel)[0] == "add"
    assert words(scene.shift_panel) == ["shift", "− 16.00"]
    assert words(scene.clip_panel)[0] == "clip"


def test_pointy_thing_beside_the_data(scene):
    plot = scene.side_plots["relu"]
    # ReLU(biased): ReLU(-16) = 0, ReLU(1.01) = 1.01, ReLU(-16.66) = 0
    for d, expected in ((0.0, 0.0), (0.5, 1.01), (1.0, 0.0)):
        assert scene.pointy.y_at(d) == pytest.approx(expected, abs=1e-9)
    assert scene.pointy.graph is plot
    assert [(dot.x, dot.y) for dot in scene.data_points["relu"]] == [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]
    assert [(dot.x, dot.y) for dot in scene.data_points["softplus"]] == [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]
    peak = scene.peak_dots["relu"]  # the pointy thing's tip: dosage 0.5, 1.70 * 0.5 - 0.85 = 0 there
    assert (peak.x, peak.y) == (pytest.approx(0.5), pytest.approx(1.01))
    assert scene.peak_labels["relu"].original_text == "peak 1.01"


def test_squiggle_is_drawn_to_scale_with_its_true_peak(scene):
    d = np.linspace(0, 1, 100001)
    y = np.array([squiggle_by_hand(x) for x in d])
    peak_d, peak_y = d[y.argmax()], y.max()
    assert 0.12 < peak_d < 0.15 and 2.2 < peak_y < 2.25  # the storyboard: about 2.2, near 0.13-0.15
    dot, plot = scene.squiggle_peak, scene.side_plots["softplus"]
    assert dot.x == pytest.approx(peak_d, abs=1e-3)
    assert dot.y == pytest.approx(peak_y, abs=1e-5)
    assert_allclose(dot.get_center(), plot.c2p(dot.x, dot.y), atol=1e-6)
    assert scene.peak_label.original_text == f"peak {peak_y:.2f}"
    for x in (0.0, peak_d, 0.5, 1.0):
        assert scene.squiggle.y_at(x) == pytest.approx(squiggle_by_hand(x), abs=1e-4)
    assert plot.contains(scene.squiggle.x, scene.squiggle.y)
    # both side plots share one y-scale, so the two shapes compare honestly
    assert plot.y_range == scene.side_plots["relu"].y_range


def test_final_picture_stays_in_frame(scene):
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    for mob in scene.mobjects:
        if len(mob.get_all_points()):
            (x0, y0, _), (x1, y1, _) = mob.get_corner([-1, -1, 0]), mob.get_corner([1, 1, 0])
            assert -half_w <= x0 and x1 <= half_w and -half_h <= y0 and y1 <= half_h, mob
