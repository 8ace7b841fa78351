"""Stage 10, derivative: ReLU's slopes, and gradient descent on the final bias with the
bend's slope taken as 0 and as 1, against values worked out by hand.

Part 3 with the final bias b (shared/LESSON.md): before the output ReLU the network gives
0 + b at dosage 0, 17.01 + b at 0.5 and -0.66 + b at 1. The data: 0, 1, 0.
"""

import re

import numpy as np
import pytest
from numpy.testing import assert_allclose

from relu_anim.text import MINUS


@pytest.fixture(scope="module")
def scene(played):
    return played("derivative")


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+\.\d+", text.replace(MINUS, "-"))]


@pytest.mark.parametrize("side, x, slope", [("left", -1.0, 0.0), ("right", 1.0, 1.0)])
def test_tangents_have_slope_0_left_and_1_right(scene, side, x, slope):
    tangent, graph = scene.tangents[side], scene.relu
    (x0, x1), (y0, y1) = tangent.x, tangent.y
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope)
    assert tangent.y_at(x) == pytest.approx(max(0.0, x))  # touches ReLU where it is drawn
    # on screen too: the segment's ends are where the graph puts those data points
    assert_allclose(tangent.points[0], graph.c2p(x0, y0), atol=1e-6)
    assert_allclose(tangent.points[-1], graph.c2p(x1, y1), atol=1e-6)
    assert scene.slope_labels[side].original_text == f"slope {slope:.0f}"


def test_candidate_lines_all_pass_through_the_bend(scene):
    slopes = []
    for line in scene.candidates:
        assert line.y_at(0.0) == pytest.approx(0.0, abs=1e-12)
        (x0, x1), (y0, y1) = line.x, line.y
        slopes.append((y1 - y0) / (x1 - x0))
        assert scene.relu.contains(line.x, line.y)
    assert slopes[0] == pytest.approx(0.0) and slopes[-1] == pytest.approx(1.0)
    assert len(set(np.round(slopes, 6))) == len(slopes) >= 3  # several different lines
    # the two kept lines take their descent runs' colours (blue for 0, orange for 1), unlike the magenta tangents
    theme = scene.theme
    assert (scene.candidates[0].get_stroke_color().to_hex(), scene.candidates[-1].get_stroke_color().to_hex()) == (
        theme.top,
        theme.bottom,
    )
    assert all(t.get_stroke_color().to_hex() == theme.highlight for t in scene.tangents.values())


@pytest.mark.parametrize("choice", [0, 1])
def test_first_step_as_shown(scene, choice):
    track = scene.tracks[choice]
    # bias 0: outputs ReLU(0) = 0, ReLU(17.01) = 17.01, ReLU(-0.66) = 0
    ssr = (0 - 0) ** 2 + (1 - 17.01) ** 2 + (0 - 0) ** 2  # = 256.3201
    # dSSR/db = sum of -2 (observed - output) ReLU'(input): only the medium point counts,
    # ReLU'(17.01) = 1; dosage 0's input is exactly 0 but its residual is 0; ReLU'(-0.66) = 0.
    slope = -2 * (1 - 17.01) * 1  # = 32.02
    assert ssr == pytest.approx(256.3201) and slope == pytest.approx(32.02)
    dot = track.dots[0]
    assert (dot.x, dot.y) == (0.0, pytest.approx(ssr))
    assert_allclose(dot.get_center(), scene.ssr_graph.c2p(0.0, ssr), atol=1e-6)
    assert numbers(track.shown[0]) == [0.00, 256.32, 32.02]


@pytest.mark.parametrize("choice", [0, 1])
def test_descent_ends_at_the_bias_that_fits_the_medium_point(scene, choice):
    track = scene.tracks[choice]
    best = 1 - 17.01  # 17.01 + b = 1 puts the medium dosage exactly on its data point
    bias, ssr, _ = numbers(track.shown[-1])
    assert abs(bias - best) <= 0.01
    assert ssr == pytest.approx(0.0, abs=0.005)
    assert track.progress.get_value() == track.last  # the run was played to its end
    assert all(d.get_stroke_opacity() == 1 or d.get_fill_opacity() == 1 for d in track.dots)


@pytest.mark.parametrize("choice", [0, 1])
def test_ssr_shown_never_rises(scene, choice):
    track = scene.tracks[choice]
    ssr_dots = np.array([dot.y for dot in track.dots])
    assert np.all(np.diff(ssr_dots) <= 1e-12)
    shown = np.array([numbers(text)[1] for text in track.shown])
    assert np.all(np.diff(shown) <= 0)  # (which readouts appear depends on the frame rate)
    assert len(track.dots) > 10  # many steps, each a dot
    assert scene.ssr_graph.contains([d.x for d in track.dots], ssr_dots)


def test_both_choices_give_the_same_run(scene):
    a, b = (scene.tracks[c] for c in (0, 1))
    assert [(d.x, d.y) for d in a.dots] == [(d.x, d.y) for d in b.dots]
    assert (a.shown[0], a.shown[-1]) == (b.shown[0], b.shown[-1])


def test_dosage_0_sits_on_the_bend_with_zero_residual(scene):
    # bias 0, dosage 0: ReLU(-0.85) * -40.8 + ReLU(0) * 2.70 + 0 = 0: on the output ReLU's bend;
    # output ReLU(0) = 0 and observed 0, so the residual is 0.
    at_bend, residuals = scene.bend_points()
    assert list(at_bend) == [True, False, False]
    assert_allclose(residuals, [0.0])
    caption = scene.beat_captions[6][2]  # the beat's whole caption (its cues are several subcaptions)
    assert "bend" in caption and "0.00" in caption


def test_final_fit_is_the_pointy_thing_through_the_data(scene):
    best = 1 - 17.01
    # with b = -16.01: ReLU(-16.01) = 0, ReLU(17.01 - 16.01) = 1, ReLU(-0.66 - 16.01) = 0
    for d, expected in ((0.0, 0.0), (0.5, 17.01 + best), (1.0, 0.0)):
        assert scene.fit.y_at(d) == pytest.approx(expected, abs=0.01)
    assert scene.fit_plot.contains(scene.fit.x, scene.fit.y)
    assert [(dot.x, dot.y) for dot in scene.data_points] == [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]
    assert scene.other_fit in scene.mobjects


def test_final_picture_stays_in_frame(scene):
    from manim import ValueTracker, config

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    for mob in scene.mobjects:
        if len(mob.get_all_points()) and not isinstance(mob, ValueTracker):  # trackers hold numbers, not shapes
            (x0, y0, _), (x1, y1, _) = mob.get_corner([-1, -1, 0]), mob.get_corner([1, 1, 0])
            assert -half_w <= x0 and x1 <= half_w and -half_h <= y0 and y1 <= half_h, mob
