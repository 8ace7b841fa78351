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


def test_the_risen_dot_is_bent_lines_last_hand_over(monkeypatch):
    """Bent-line hands over other dots (its last at 0.8, not 0.6): scale-top still plays,
    and its second worked example is the new last dot. By hand: at 0.8 the bent line is
    1.70 x 0.8 - 0.85 = 0.51, and 0.51 x -40.8 = -20.808."""
    from relu_anim import handovers
    from relu_anim.frames import capture_frames

    monkeypatch.setattr(handovers, "BENT_LINE_DOTS", (0.0, 0.2, 0.4, 0.8))
    moments = capture_frames("scale-top", frames=False).moments
    texts = {text for m in moments for text in m.record["texts"]}
    assert f"0.51 \u00d7 ({MINUS}40.80) = {MINUS}20.81" in texts
    assert f"The dot at dosage 0.80 went from 0.51 down to {MINUS}20.81." in [m.caption for m in moments]
    moved = {**SCALED, 0.8: -20.808}
    del moved[0.6]
    np.testing.assert_allclose(points(moments[-1].record["graphs"]["plot"], BLUE), sorted(moved.items()), atol=1e-4)
