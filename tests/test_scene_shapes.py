"""Stage 9, shapes: the chain of small graphs and the side-by-side, against values worked
out by hand from shared/LESSON.md, read off the frames at the end of every beat.

Part 3: top node w = 1.70, b = -0.85, output weight -40.8; bottom node w = 12.6, b = 0,
output weight 2.70; final bias -16; ReLU everywhere. Part 1 (softplus, no output
activation): top -34.4, 2.14, -1.30; bottom -2.52, 1.29, 2.28; final bias -0.58.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from relu_anim.theme import THEMES

from .screen import area_box, holds, inside_frame_box, marks, points, scene_point, words_over, y_at

LIGHT = THEMES["light"]
OBSERVED = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]


def softplus(x):
    return math.log(1.0 + math.exp(x))


def squiggle_by_hand(d):
    return softplus(-34.4 * d + 2.14) * -1.30 + softplus(-2.52 * d + 1.29) * 2.28 - 0.58


def panel(records, words: str) -> tuple[dict, dict]:
    """The frame record and graph record of the panel tagged ``words`` (first seen)."""
    for record in records:
        for name, graph in record["graphs"].items():
            if words in words_over(record, name):
                return record, graph
    raise AssertionError(f"no panel tagged {words!r}")


def curve_of(graph: dict, color: str) -> dict:
    """The graph's one curve of ``color`` drawn in full (not a ghost)."""
    (curve,) = [c for c in marks(graph, "curve", color).values() if c["opacity"] == 1]
    return curve


# Each panel's curve, at dosages 0, 0.5 and 1, worked by hand:
# top.y = ReLU(1.70 d - 0.85): 0, ReLU(0) = 0, ReLU(0.85) = 0.85
# top.scaled = top.y * -40.8: 0, 0, 0.85 * -40.8 = -34.68
# bottom.y = ReLU(12.6 d): 0, 6.3, 12.6; bottom.scaled = * 2.70: 0, 17.01, 34.02
# sum: 0, 17.01, -34.68 + 34.02 = -0.66; biased = sum - 16: -16, 1.01, -16.66
PANELS = {  # tag (as the storyboard's numbers read), colour, values at dosage 0, 0.5 and 1
    "1.70 × dosage − 0.85": (LIGHT.top, (0.0, 0.0, 0.85)),
    "× (−40.80)": (LIGHT.top, (0.0, 0.0, -34.68)),
    "12.60 × dosage + 0.00": (LIGHT.bottom, (0.0, 6.3, 12.6)),
    "× 2.70": (LIGHT.bottom, (0.0, 17.01, 34.02)),
    "blue + orange": (LIGHT.output, (0.0, 17.01, -0.66)),
    "− 16.00": (LIGHT.output, (-16.0, 1.01, -16.66)),
}


@pytest.mark.parametrize("tag", list(PANELS))
def test_each_panel_shows_its_step_of_the_chain(records, tag):
    color, values = PANELS[tag]
    _, graph = panel(records, tag)
    curve = curve_of(graph, color)
    assert_allclose(y_at(curve, [0.0, 0.5, 1.0]), values, atol=1e-4)
    assert holds(graph, curve)  # drawn to scale, nothing off the panel


def test_the_top_bend_is_where_1_70_d_minus_0_85_is_zero(records):
    curve = curve_of(panel(records, "1.70 × dosage − 0.85")[1], LIGHT.top)
    bend = 0.85 / 1.70  # = 0.5
    assert y_at(curve, bend - 0.01) == pytest.approx(0.0, abs=1e-4)
    assert y_at(curve, bend + 0.1) == pytest.approx(1.70 * 0.1, abs=1e-4)


def test_panels_are_labelled_with_the_models_numbers(records):
    tags = []
    for record in records:
        for name in record["graphs"]:
            if words_over(record, name) and words_over(record, name) not in tags:
                tags.append(words_over(record, name))
    assert ["slice", "1.70 × dosage − 0.85"] in tags
    assert ["slice", "12.60 × dosage + 0.00"] in tags
    assert ["flip + stretch", "× (−40.80)"] in tags
    assert ["stretch", "× 2.70"] in tags
    assert ["add", "blue + orange"] in tags
    assert ["shift", "− 16.00"] in tags
    assert any(tag[0] == "clip" for tag in tags)


def test_pointy_thing_beside_the_data(records, end):
    record, plot = panel([end], "ReLU network")
    _, other = panel([end], "Part 1: softplus network")
    # ReLU(biased): ReLU(-16) = 0, ReLU(1.01) = 1.01, ReLU(-16.66) = 0
    assert_allclose(y_at(curve_of(plot, LIGHT.output), [0.0, 0.5, 1.0]), [0.0, 1.01, 0.0], atol=1e-4)
    assert points(plot, LIGHT.data) == OBSERVED and points(other, LIGHT.data) == OBSERVED
    # the pointy thing's tip: dosage 0.5, where 1.70 * 0.5 - 0.85 = 0
    assert points(plot, LIGHT.highlight) == [(0.5, 1.01)]
    assert "peak 1.01" in record["texts"]


def test_squiggle_is_drawn_to_scale_with_its_true_peak(end):
    d = np.linspace(0, 1, 100001)
    y = np.array([squiggle_by_hand(x) for x in d])
    peak_d, peak_y = d[y.argmax()], y.max()
    assert 0.12 < peak_d < 0.15 and 2.2 < peak_y < 2.25  # the storyboard: about 2.2, near 0.13-0.15
    _, plot = panel([end], "Part 1: softplus network")
    (dot,) = marks(plot, "dot", LIGHT.highlight).values()
    assert dot["x"] == pytest.approx(peak_d, abs=1e-3)
    assert dot["y"] == pytest.approx(peak_y, abs=1e-4)
    assert_allclose(dot["at"], scene_point(plot, dot["x"], dot["y"]), atol=0.02)
    assert f"peak {peak_y:.2f}" in end["texts"]
    squiggle = curve_of(plot, LIGHT.output)
    for x in (0.0, peak_d, 0.5, 1.0):
        assert y_at(squiggle, x) == pytest.approx(squiggle_by_hand(x), abs=1e-4)
    assert holds(plot, squiggle)
    # both side plots share one y-scale, so the two shapes compare honestly
    assert plot["y_range"] == panel([end], "ReLU network")[1]["y_range"]


def test_final_picture_stays_in_frame(end):
    boxes = [area_box(graph) for graph in end["graphs"].values()] + [t["box"] for t in end["texts"].values()]
    assert all(inside_frame_box(box) for box in boxes)
