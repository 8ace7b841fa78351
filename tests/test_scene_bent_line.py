"""Stage 4, bent-line: the blue dots and the bent blue line sit where the storyboard says,
read off the frames at the end of every beat (what the viewer sees).

Expected values come from LESSON.md's reference table or by hand:
top x = 1.70 * dosage - 0.85, and the blue line is max(0, x).
"""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.theme import THEMES

from .screen import holds, marks, points, scene_point, y_at

MINUS = "\u2212"
BLUE = THEMES["light"].top
# dosage: (top x, ReLU(top x)), from the storyboard table
TABLE = {
    0.0: (-0.85, 0.0),
    0.2: (-0.51, 0.0),
    0.4: (-0.17, 0.0),
    0.6: (0.17, 0.17),
}


def test_blue_dots_sit_at_relu_of_the_top_connection(end):
    plot = end["graphs"]["plot"]
    # one dot per dosage sent, the first from first-dot
    assert points(plot, BLUE) == [(d, relu_x) for d, (_, relu_x) in sorted(TABLE.items())]
    for dot in marks(plot, "dot").values():
        np.testing.assert_allclose(dot["at"], scene_point(plot, dot["x"], dot["y"]), atol=0.02)


@pytest.mark.parametrize("dosage", [0.2, 0.4, 0.6])  # dosage 0's pass is first-dot's
def test_each_dosage_passes_through_the_relu_graph(records, dosage):
    seen = {xy for record in records for xy in points(record["graphs"]["activation"])}
    assert TABLE[dosage] in seen  # (x, ReLU(x)): on the curve


def test_the_readouts_read_as_the_storyboard(records):
    texts = {text for record in records for text in record["texts"]}
    assert f"0.20 \u00d7 1.70 + ({MINUS}0.85) = {MINUS}0.51" in texts
    assert f"max(0, {MINUS}0.51) = 0.00" in texts
    assert f"0.40 \u00d7 1.70 + ({MINUS}0.85) = {MINUS}0.17" in texts
    assert f"0.60 \u00d7 1.70 + ({MINUS}0.85) = 0.17" in texts
    assert "max(0, 0.17) = 0.17" in texts  # 0.17, not the narration's 0.16


def test_the_bent_line_is_flat_then_climbs_from_its_bend(end):
    plot = end["graphs"]["plot"]
    (line,) = marks(plot, "curve", BLUE).values()
    np.testing.assert_allclose(y_at(line, 1.0), 0.85, atol=1e-4)  # 1.70 - 0.85
    np.testing.assert_allclose(y_at(line, 0.6), 0.17, atol=1e-4)
    # the bend: 1.70 * d - 0.85 = 0 at d = 0.85 / 1.70 = 0.5, drawn exactly as a corner
    assert np.isclose(line["x"], 0.5, atol=1e-4).any()
    np.testing.assert_allclose(y_at(line, [0.0, 0.3, 0.5]), 0.0, atol=1e-4)
    np.testing.assert_allclose(y_at(line, 0.55), 1.70 * 0.05, atol=1e-4)  # slope 1.70 right of it
    assert holds(plot, line)
    assert (line["x"][-1], line["y"][-1]) == (1.0, 0.85)


def test_the_sweep_ended_at_the_highest_dosage(records, end):
    swept = next(r for r in records if any(name.startswith("curve[trail:") for name in r["graphs"]["plot"]["marks"]))
    assert "dosage 1.00 \u2192 x 0.85 \u2192 y 0.85" in swept["texts"]
    assert (0.85, 0.85) in points(swept["graphs"]["activation"])  # on the ReLU graph at x = y = 1.70 - 0.85
    assert (1.0, 0.85) in points(swept["graphs"]["plot"])
    # the trail is replaced by the finished line, and the sweep's dots are gone
    names = list(end["graphs"]["plot"]["marks"])
    assert not any(name.startswith("curve[trail:") for name in names) and "curve[top.y]" in names
    assert points(end["graphs"]["activation"]) == []
