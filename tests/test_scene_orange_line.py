"""Stage 6, orange-line: the bottom node's straight orange line, before and after scaling,
read off the frames at the end of every beat.

Expected values come from LESSON.md's reference table or by hand: bottom x = 12.6 * dosage
(never negative, so ReLU leaves it alone), then multiplied by 2.70.
"""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.composition import overlap
from relu_anim.theme import THEMES

from .screen import area_box, holds, inside_frame_box, marks, points, scene_point, title_clear_of_diagram, y_at
from .storyboard import PART3_LABELS

MINUS = "\u2212"
BLUE, ORANGE = THEMES["light"].top, THEMES["light"].bottom
RELU = {0.0: 0.0, 0.2: 2.52, 0.5: 6.30, 1.0: 12.6}  # storyboard table, "bottom x = 12.6d"
SCALED = {0.0: 0.0, 0.2: 6.804, 0.5: 17.01, 1.0: 34.02}  # the "x 2.70" column


def orange_lines(record: dict) -> list[dict]:
    """The finished orange lines on the plot (not the sweep's trail), seen in full."""
    found = marks(record["graphs"]["plot"], "curve", ORANGE)
    return [c for name, c in found.items() if not name.startswith("curve[trail:") and c["opacity"] == 1]


def test_the_relu_line_is_straight(records):
    line = next(lines[0] for lines in map(orange_lines, records) if lines)  # the sweep's line, settled
    for dosage, value in RELU.items():
        np.testing.assert_allclose(y_at(line, dosage), value, atol=1e-4)
    np.testing.assert_allclose(line["y"], 12.6 * np.array(line["x"]), atol=1e-3)  # no bend anywhere in 0..1


def test_the_final_orange_line_is_scaled_by_the_output_weight(end):
    plot = end["graphs"]["plot"]
    (line,) = orange_lines(end)
    for dosage, value in SCALED.items():
        np.testing.assert_allclose(y_at(line, dosage), value, atol=1e-4)
    np.testing.assert_allclose(line["y"], 2.70 * 12.6 * np.array(line["x"]), atol=1e-3)
    assert points(plot, ORANGE) == [(0.2, 6.804)]  # the worked example's dot went with the line
    (dot,) = marks(plot, "dot", ORANGE).values()
    np.testing.assert_allclose(dot["at"], scene_point(plot, 0.2, 6.804), atol=0.02)


def test_the_worked_example(records):
    texts = {text for record in records for text in record["texts"]}
    assert {"0.20 \u00d7 12.60 + 0.00 = 2.52", "max(0, 2.52) = 2.52", "2.52 \u00d7 2.70 = 6.80"} <= texts
    relu_dots = {xy for r in records if "activation" in r["graphs"] for xy in points(r["graphs"]["activation"])}
    assert (2.52, 2.52) in relu_dots  # on the bottom node's ReLU graph
    assert (12.6, 12.6) in relu_dots  # the sweep reached dosage 1
    relu = next(r["graphs"]["activation"] for r in records if "activation" in r["graphs"])
    assert relu["x_range"][1] >= 12.6 and relu["y_range"][1] >= 12.6


def test_everything_stays_on_the_rescaled_axes(records, end):
    plot = end["graphs"]["plot"]
    (blue,) = marks(plot, "curve", BLUE).values()  # scale-top's line, still there: 0.85 x -40.8 at dosage 1
    np.testing.assert_allclose(y_at(blue, 1.0), -34.68, atol=1e-4)
    for record in records:
        graph = record["graphs"]["plot"]
        assert all(holds(graph, curve) for curve in marks(graph, "curve").values())
    lo, hi = plot["y_range"]
    assert hi - lo <= 1.5 * (34.02 - -34.68)  # fitted to both lines, not lost in a huge range
    assert inside_frame_box(area_box(plot))
    assert blue["opacity"] == 1  # back in full for the next stage


def test_the_new_axis_title_stays_clear_of_the_diagram(end):
    assert title_clear_of_diagram(end, "plot", PART3_LABELS.values()) == []


@pytest.mark.parametrize("time", [16.5, 17.5, 18.5, 19.5])
def test_the_diagrams_output_word_stays_clear_of_the_growing_axis_numbers(time):
    """Issue 30: while the axes grew (the sweep), "Effectiveness" at the diagram's end ran
    into the plot's "10". The word and every tick number are apart at every moment of it."""
    from manim import DL, UR

    from relu_anim.frames import capture_frames

    scene = capture_frames("orange-line", [time], frames=False, whole=False).scene
    word = scene.bench.diagram.nodes["out"]
    numbers = [part for part in scene.bench.plot.axes.submobjects if getattr(part, "text", "") and part.width > 0]
    assert numbers
    box = lambda mob: (*mob.get_corner(DL)[:2], *mob.get_corner(UR)[:2])  # noqa: E731
    for number in numbers:
        assert not overlap(box(word), box(number), touch=0.0), number.text
