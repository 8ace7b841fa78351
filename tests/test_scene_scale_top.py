"""Stage 5, scale-top: the bent blue line times the top output weight, to scale, read off
the frames at the end of every beat.

Expected values come from LESSON.md's reference table or by hand: the bent line is
max(0, 1.70 * dosage - 0.85), then multiplied by -40.8.
"""

from __future__ import annotations

import numpy as np

from relu_anim.theme import THEMES

from .screen import area_box, holds, inside_frame_box, marks, points, scene_point, title_clear_of_diagram, y_at
from .storyboard import PART3_LABELS

MINUS = "\u2212"
BLUE = THEMES["light"].top
# dosage: ReLU(top x) x -40.8, from the storyboard table
SCALED = {0.0: 0.0, 0.2: 0.0, 0.4: 0.0, 0.6: -6.936, 1.0: -34.68}


def test_the_line_is_flipped_and_stretched(end):
    (line,) = marks(end["graphs"]["plot"], "curve", BLUE).values()
    np.testing.assert_allclose(y_at(line, 1.0), 0.85 * -40.8, atol=1e-4)  # -34.68
    np.testing.assert_allclose(y_at(line, 0.6), -6.936, atol=1e-4)  # 0.17 x -40.8
    np.testing.assert_allclose(y_at(line, [0.0, 0.5]), 0.0, atol=1e-4)  # the flat part stays at 0
    np.testing.assert_allclose(y_at(line, 0.75), -40.8 * (1.70 * 0.75 - 0.85), atol=1e-3)


def test_the_dots_went_with_the_line(end):
    plot = end["graphs"]["plot"]
    assert points(plot, BLUE) == sorted(SCALED.items())
    for dot in marks(plot, "dot").values():
        np.testing.assert_allclose(dot["at"], scene_point(plot, dot["x"], dot["y"]), atol=0.02)


def test_the_axes_followed_the_line(end):
    plot = end["graphs"]["plot"]
    (line,) = marks(plot, "curve", BLUE).values()
    assert holds(plot, line)
    lo, hi = plot["y_range"]
    assert hi - lo <= 2 * (0.0 - -34.68)  # fitted, not lost in a huge range
    assert inside_frame_box(area_box(plot))


def test_the_worked_examples(records, end):
    shown = [text for record in records for text in record["texts"] if MINUS + "40.80) =" in text]
    assert list(dict.fromkeys(shown)) == [
        f"0.85 \u00d7 ({MINUS}40.80) = {MINUS}34.68",
        f"0.17 \u00d7 ({MINUS}40.80) = {MINUS}6.94",
    ]
    edge = end["diagrams"]["diagram"]["edges"]["top-sum"]
    assert edge == {"color": BLUE, "width": 8.0}  # the top output weight's connection is lit


def test_the_new_axis_title_stays_clear_of_the_diagram(end):
    assert title_clear_of_diagram(end, "plot", PART3_LABELS.values()) == []
