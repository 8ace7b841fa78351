"""Stage 10, derivative: ReLU's slopes, and gradient descent on the final bias with the
bend's slope taken as 0 and as 1, against values worked out by hand, read off the frames
at the end of every beat (the captions say the numbers the readouts show).

Part 3 with the final bias b (shared/LESSON.md): before the output ReLU the network gives
0 + b at dosage 0, 17.01 + b at 0.5 and -0.66 + b at 1. The data: 0, 1, 0.
"""

import re

import numpy as np
import pytest
from manim import DL, UR
from numpy.testing import assert_allclose

from relu_anim.text import MINUS
from relu_anim.theme import THEMES

from .screen import area_box, holds, inside_frame_box, marks, points, scene_point, y_at

LIGHT = THEMES["light"]
OBSERVED = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]
BEST = 1 - 17.01  # 17.01 + b = 1 puts the medium dosage exactly on its data point
RUNS = {0: LIGHT.top, 1: LIGHT.bottom}  # the bend's slope taken as 0 (blue) and as 1 (orange)


@pytest.fixture(scope="module")
def moments(frames):
    return frames("derivative").moments


@pytest.fixture(scope="module")
def end(moments):
    return moments[-1].record


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+\.\d+", text.replace(MINUS, "-"))]


def slope(segment: dict) -> float:
    (x0, x1), (y0, y1) = (segment["x"][0], segment["x"][-1]), (segment["y"][0], segment["y"][-1])
    return (y1 - y0) / (x1 - x0)


def segments(graph: dict, color: str) -> list[dict]:
    """The straight segments (two-point curves) of one colour drawn on a graph."""
    return [c for c in marks(graph, "curve", color).values() if len(c["x"]) == 2]


def said(moments, words: str):
    """The first moment whose caption says ``words``."""
    return next(m for m in moments if words in m.caption)


@pytest.mark.parametrize("x, expected", [(-1.0, 0.0), (1.0, 1.0)])
def test_tangents_have_slope_0_left_and_1_right(moments, x, expected):
    record = said(moments, "Left of the bend").record
    relu = record["graphs"]["activation"]
    (tangent,) = [t for t in segments(relu, LIGHT.highlight) if t["x"][0] <= x <= t["x"][-1]]
    assert slope(tangent) == pytest.approx(expected, abs=1e-3)
    assert y_at(tangent, x) == pytest.approx(max(0.0, x), abs=1e-4)  # touches ReLU where it is drawn
    assert holds(relu, tangent)
    assert f"slope {expected:.0f}" in record["texts"]


def test_candidate_lines_all_pass_through_the_bend(moments):
    relu = said(moments, "many lines touch the corner").record["graphs"]["activation"]
    candidates = segments(relu, LIGHT.muted)
    slopes = sorted(slope(line) for line in candidates)
    for line in candidates:
        assert y_at(line, 0.0) == pytest.approx(0.0, abs=1e-4)
        assert holds(relu, line)
    assert slopes[0] == pytest.approx(0.0, abs=1e-3) and slopes[-1] == pytest.approx(1.0, abs=1e-3)
    assert len(set(np.round(slopes, 3))) == len(slopes) >= 3  # several different lines
    # the two kept lines take their descent runs' colours (blue for 0, orange for 1), unlike the magenta tangents
    kept = said(moments, "we simply declare it").record["graphs"]["activation"]
    for choice, color in RUNS.items():
        (line,) = segments(kept, color)
        assert slope(line) == pytest.approx(choice, abs=1e-3)
    assert len(segments(kept, LIGHT.highlight)) == 2  # the tangents


def test_first_step_as_shown(moments):
    moment = said(moments, "sum of squared residuals")
    # bias 0: outputs ReLU(0) = 0, ReLU(17.01) = 17.01, ReLU(-0.66) = 0
    ssr = (0 - 0) ** 2 + (1 - 17.01) ** 2 + (0 - 0) ** 2  # = 256.3201
    # dSSR/db = sum of -2 (observed - output) ReLU'(input): only the medium point counts,
    # ReLU'(17.01) = 1; dosage 0's input is exactly 0 but its residual is 0; ReLU'(-0.66) = 0.
    slope_by_hand = -2 * (1 - 17.01) * 1  # = 32.02, and a step of 0.1 x 32.02 down
    assert ssr == pytest.approx(256.3201) and slope_by_hand == pytest.approx(32.02)
    # the step is taken while it is said: bias -3.20, so the medium point's input is
    # 17.01 - 3.20 = 13.81 and the SSR (1 - 13.81)^2 = 164.0961; the other two stay at 0
    # (17.01 and 3.20 are rounded, by 0.005 each at most: the SSR by 2 x 12.81 x 0.01 at most)
    after = (1 - (17.01 - 3.20)) ** 2
    graph = moment.record["graphs"]["graph"]
    assert points(graph, LIGHT.top) == [(0.0, pytest.approx(ssr, abs=1e-4)), (1.0, pytest.approx(after, abs=0.26))]
    first, second = sorted(marks(graph, "dot").values(), key=lambda dot: dot["x"])
    assert_allclose(first["at"], scene_point(graph, 0.0, ssr), atol=0.02)
    assert numbers(moment.caption) == [0.00, 256.32, 32.02, 3.20]
    assert any(text.split()[:2] == ["bias", "\u22123.20"] for text in moment.record["texts"])  # the readout


@pytest.mark.parametrize("choice", RUNS)
def test_descent_ends_at_the_bias_that_fits_the_medium_point(moments, end, choice):
    bias = numbers(said(moments, "gradient descent stops").caption)[0]
    assert abs(bias - BEST) <= 0.01 and numbers(moments[-1].caption) == [bias]  # both runs end there
    run = marks(end["graphs"]["graph"], "dot", RUNS[choice]).values()
    assert all(dot["opacity"] == 1 for dot in run)  # the run was played to its end
    assert max(run, key=lambda dot: dot["x"])["y"] == pytest.approx(0.0, abs=0.005)


@pytest.mark.parametrize("choice", RUNS)
def test_ssr_shown_never_rises(end, choice):
    graph = end["graphs"]["graph"]
    ssr = np.array([y for _, y in points(graph, RUNS[choice])])
    assert np.all(np.diff(ssr) <= 1e-9)
    assert len(ssr) > 10  # many steps, each a dot
    assert all(holds(graph, {"x": [dot["x"]], "y": [dot["y"]]}) for dot in marks(graph, "dot").values())


def test_both_choices_give_the_same_run(end):
    graph = end["graphs"]["graph"]
    assert points(graph, RUNS[0]) == points(graph, RUNS[1])


def test_dosage_0_sits_on_the_bend_with_zero_residual(moments):
    # bias 0, dosage 0: ReLU(-0.85) * -40.8 + ReLU(0) * 2.70 + 0 = 0: on the output ReLU's bend;
    # output ReLU(0) = 0 and observed 0, so the residual is 0. The other two are off the bend.
    moment = said(moments, "bend. But its residual")
    assert "0.00" in moment.caption and "residual 0.00" in moment.record["texts"]
    rings = [s for s in moment.record["shapes"].values() if s["class"] == "Circle"]
    plot = moment.record["graphs"]["plot"]
    assert len(rings) == 1  # one point only: dosage 0's
    assert_allclose(rings[0]["at"], scene_point(plot, 0.0, 0.0), atol=0.02)


def test_final_fit_is_the_pointy_thing_through_the_data(end):
    plot = end["graphs"]["plot"]
    (fit,) = marks(plot, "curve", LIGHT.output).values()
    # with b = -16.01: ReLU(-16.01) = 0, ReLU(17.01 - 16.01) = 1, ReLU(-0.66 - 16.01) = 0
    for d, expected in ((0.0, 0.0), (0.5, 17.01 + BEST), (1.0, 0.0)):
        assert y_at(fit, d) == pytest.approx(expected, abs=0.01)
    assert holds(plot, fit)
    assert points(plot, LIGHT.data) == OBSERVED
    assert any(m["class"] == "DashedVMobject" and m["stroke"] == LIGHT.bottom for m in end["mobjects"].values())


def test_final_picture_stays_in_frame(end):
    boxes = [area_box(graph) for graph in end["graphs"].values()]
    boxes += [t["box"] for t in end["texts"].values()] + [m["box"] for m in end["mobjects"].values()]
    assert all(inside_frame_box(box) for box in boxes)


def test_the_bend_ring_stays_clear_of_the_axis_numbers():
    """Issue 30: the ring around the point on the output ReLU's bend covered the fit plot's
    "0" beside it. The ring's stroke (its outer edge) keeps clear of every tick number."""
    from relu_anim.frames import capture_frames

    frames = capture_frames("derivative", frames=False)
    ringed = next(m.time for m in frames.moments if "lands exactly on the output" in m.caption)
    scene = capture_frames("derivative", [ringed], frames=False, whole=False).scene
    assert len(scene.bend_rings) == 1
    ring = scene.bend_rings[0]
    centre, outer = ring.get_center()[:2], ring.width / 2 + ring.get_stroke_width() * 0.01 / 2
    numbers = [part for part in scene.fit_plot.axes.submobjects if getattr(part, "text", "") and part.width > 0]
    assert numbers
    for number in numbers:
        (left, bottom, _), (right, top, _) = number.get_corner(DL), number.get_corner(UR)
        nearest = np.clip(centre, [left, bottom], [right, top])  # the number's box point nearest the ring's centre
        assert np.linalg.norm(nearest - centre) > outer, number.text
