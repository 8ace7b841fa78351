"""Stage 8, clip: the output ReLU turns the shifted wedge into the green pointy thing, read
off the frames at the end of every beat.

Expected values are the storyboard's reference table (LESSON.md, columns "sum - 16" and
"output ReLU") or hand arithmetic: wedge = 2.70 * 12.6 * d - 40.8 * max(0, 1.70 * d - 0.85) - 16.
"""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.theme import THEMES

from .screen import holds, marks, points, y_at

GREEN, DATA = THEMES["light"].output, THEMES["light"].data
# dosage: (shifted wedge, output ReLU), from the storyboard table
TABLE = {0.0: (-16.0, 0.0), 0.2: (-9.196, 0.0), 0.5: (1.01, 1.01), 1.0: (-16.66, 0.0)}
# where the wedge crosses 0, by hand: 34.02 d = 16 on the way up, 18.68 = 35.34 d on the way down
CROSSINGS = (16 / 34.02, 18.68 / 35.34)


def by_hand(d):
    d = np.asarray(d, dtype=float)
    return 2.70 * 12.6 * d - 40.8 * np.maximum(0, 1.70 * d - 0.85) - 16


def test_captions_use_the_model_values_not_the_sketch(frames):
    text = " ".join(m.caption for m in frames("clip").moments)
    assert "\u22129.20" in text and "\u221216.00" in text and "1.01" in text
    assert "0.49" not in text  # the source's not-to-scale value


def test_the_wedge_going_in_is_the_shifted_wedge(records):
    (wedge,) = marks(records[0]["graphs"]["plot"], "curve", GREEN).values()
    for dosage, (value, _) in TABLE.items():
        np.testing.assert_allclose(y_at(wedge, dosage), value, atol=1e-4)


@pytest.mark.parametrize("dosage", [0.0, 0.2, 0.5])
def test_each_value_goes_through_the_output_relu(records, dosage):
    value, output = TABLE[dosage]
    through = [r for r in records if (value, output) in points(r["graphs"]["activation"])]
    assert through, f"no frame shows {value} on the output ReLU"
    for record in through:  # inside the ReLU graph's ranges where it is shown
        (x0, x1), (y0, y1) = record["graphs"]["activation"]["x_range"], record["graphs"]["activation"]["y_range"]
        assert x0 <= value <= x1 and y0 <= output <= y1
    assert any((dosage, output) in points(r["graphs"]["plot"], GREEN) for r in records)


def test_the_relu_graph_spans_every_value_of_the_wedge(records, end):
    for record in (records[0], end):  # (it zooms onto the positive arm for medium dosage, between)
        lo, hi = record["graphs"]["activation"]["x_range"]
        assert lo <= -16.66 and hi >= 1.01
        assert lo >= -20 and hi <= 3  # about -17 .. 2: the wedge's values fill it


def test_the_pointy_thing_is_the_clipped_wedge(end):
    (pointy,) = marks(end["graphs"]["plot"], "curve", GREEN).values()
    x, y = np.array(pointy["x"]), np.array(pointy["y"])
    for dosage, (_, output) in TABLE.items():
        np.testing.assert_allclose(y_at(pointy, dosage), output, atol=1e-4)
    np.testing.assert_allclose(y, np.maximum(0, by_hand(x)), atol=1e-3)
    negative = by_hand(x) < 0
    assert negative.sum() > len(x) / 2
    assert np.all(y[negative] == 0)  # zero wherever the wedge is negative
    # positive only between the two crossings, and with a bend exactly at each
    assert np.all((x[y > 0] > CROSSINGS[0]) & (x[y > 0] < CROSSINGS[1]))
    for crossing in CROSSINGS:
        assert np.isclose(x, crossing, atol=1e-4).any()


def test_it_ends_zoomed_on_the_pointy_thing_and_the_data(end):
    plot = end["graphs"]["plot"]
    (pointy,) = marks(plot, "curve", GREEN).values()
    lo, hi = plot["y_range"]
    assert holds(plot, pointy)
    observed = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]  # Part 1's data
    assert points(plot, DATA) == observed
    assert all(lo <= v <= hi for _, v in observed)
    assert hi - lo <= 3 * 1.01  # zoomed: the peak is at least a third of the height
    # near all three points: within 0.05 of each observation
    for d, observed_value in observed:
        assert abs(y_at(pointy, d) - observed_value) <= 0.05


def test_the_plot_and_the_relu_graph_stay_on_screen(beats):
    snapshots = beats("clip")
    assert len(snapshots) == 7
    for caption, graphs in snapshots:
        assert len(graphs) >= 2, f"the plot and the ReLU graph should be on screen after: {caption}"
