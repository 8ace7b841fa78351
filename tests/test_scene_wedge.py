"""Stage 7, wedge: the bars, dots and wedge sit where the storyboard's table says, read off
the frames at the end of every beat.

Expected values are the storyboard's reference table (LESSON.md) or hand arithmetic:
orange = 2.70 * 12.6 * dosage, blue = -40.8 * max(0, 1.70 * dosage - 0.85).
"""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.composition import SEEN, box_problems
from relu_anim.frames import capture_frames
from relu_anim.theme import THEMES

from .screen import area_box, holds, marks, points, y_at

LIGHT = THEMES["light"]
BLUE, ORANGE, GREEN = LIGHT.top, LIGHT.bottom, LIGHT.output
# dosage: (orange term, blue term, their sum), from the storyboard table / by hand
STACKS = {
    0.2: (2.70 * 12.6 * 0.2, 0.0, 6.804),
    0.5: (17.01, 0.0, 17.01),
    0.6: (20.412, -6.936, 13.476),  # 20.412 - 6.936
    1.0: (34.02, -34.68, -0.66),  # 2.70 * 12.6 and -40.8 * 0.85
}
# the wedge before and after the final bias of -16
WEDGE = {0.0: 0.0, 0.5: 17.01, 1.0: -0.66}
SHIFTED = {0.0: -16.0, 0.5: 1.01, 1.0: -16.66}  # 17.01 - 16 and -0.66 - 16


def test_the_two_lines_are_the_scaled_hidden_outputs(records):
    plot = records[0]["graphs"]["plot"]  # the first beat: the two lines, nothing added yet
    (blue,), (orange,) = marks(plot, "curve", BLUE).values(), marks(plot, "curve", ORANGE).values()
    np.testing.assert_allclose(y_at(blue, 1.0), -34.68, atol=1e-4)  # -40.8 * 0.85
    np.testing.assert_allclose(y_at(blue, 0.4), 0.0, atol=1e-4)  # flat before the bend
    np.testing.assert_allclose(y_at(orange, 1.0), 34.02, atol=1e-4)  # 2.70 * 12.6
    np.testing.assert_allclose(y_at(orange, 0.2), 6.804, atol=1e-4)


@pytest.mark.parametrize("dosage", sorted(STACKS))
def test_bars_stack_blue_on_orange_and_the_dot_sits_at_the_sum(records, dosage):
    plot = max((r["graphs"]["plot"] for r in records), key=lambda g: len(marks(g, "bar")))  # every bar up
    orange_term, blue_term, total = STACKS[dosage]
    bars = {bar["color"]: bar for bar in marks(plot, "bar").values() if bar["x"] == dosage}
    np.testing.assert_allclose([bars[ORANGE]["from"], bars[ORANGE]["to"]], [0.0, orange_term], atol=1e-4)
    if blue_term:  # a blue bar of height 0 is not drawn
        np.testing.assert_allclose([bars[BLUE]["from"], bars[BLUE]["to"]], [orange_term, total], atol=1e-4)
    else:
        assert BLUE not in bars
    assert (dosage, pytest.approx(total, abs=1e-4)) in points(plot, GREEN)


def test_the_sum_rows_add_up_on_screen(end):
    rows = [
        "6.80 + 0.00 = 6.80",
        "17.01 + 0.00 = 17.01",
        "20.412 + (\u22126.936) = 13.476",
        "34.02 + (\u221234.68) = \u22120.66",
    ]
    heights = [end["texts"][row]["at"][1] for row in rows]  # three decimals at 0.60, so the row adds up
    assert heights == sorted(heights, reverse=True)  # one row per dosage, top to bottom


def test_the_wedge_is_lowered_by_the_final_bias(records, end):
    (wedge,) = marks(end["graphs"]["plot"], "curve", GREEN).values()
    for dosage, value in SHIFTED.items():
        np.testing.assert_allclose(y_at(wedge, dosage), value, atol=1e-4)
    # while it moves down, the ghost of the wedge before the bias stays, at the sums
    moving = next(r for r in records if "17.01 + (\u221216.00) = 1.01" in r["texts"])
    curves = marks(moving["graphs"]["plot"], "curve", GREEN).values()
    (ghost,), (shifted,) = ([c for c in curves if c["opacity"] < 1], [c for c in curves if c["opacity"] == 1])
    for dosage, value in WEDGE.items():
        np.testing.assert_allclose(y_at(ghost, dosage), value, atol=1e-4)
    np.testing.assert_allclose(shifted["y"], np.array(ghost["y"]) - 16.0, atol=1e-3)


def test_the_shifted_wedge_is_labelled_at_low_medium_and_high(end):
    assert points(end["graphs"]["plot"], GREEN) == list(SHIFTED.items())
    assert {"\u221216.00", "1.01", "\u221216.66"} <= set(end["texts"])


def test_the_final_plot_is_zoomed_onto_the_shifted_wedge(end):
    plot, diagram = end["graphs"]["plot"], end["diagrams"]["diagram"]
    (wedge,) = marks(plot, "curve", GREEN).values()
    lo, hi = plot["y_range"]
    assert holds(plot, wedge)
    assert hi - lo <= 2 * (1.01 + 16.66)  # zoomed in: the wedge fills at least half the height
    assert area_box(plot)[2] <= 7.11 and diagram["at"][0] - diagram["width"] / 2 >= -7.11


def test_every_kind_of_mark_is_on_the_plot_at_some_beat(beats):
    snapshots = beats("wedge")
    # the lines, the storyboard's four dosages added by hand, every dosage, closer, the bias, the tip
    assert len(snapshots) == 1 + len((0.2, 0.5, 0.6, 1.0)) + 4
    kinds = {name.split("[")[0] for _, graphs in snapshots for graph in graphs.values() for name in graph["marks"]}
    assert {"curve", "bar", "dot"} <= kinds  # the lines, the bars and the wedge were all on screen


def test_the_lines_are_carried_over_from_the_opening_never_leaving_the_axes_empty():
    """Wedge 0.5-6.4 s (issue 30): both lines faded out with orange-line's plot and the
    axes stood empty while the narrator described them. At every moment of the opening
    move both lines are drawn, seen (the orange one still named for the ``bottom.y`` line
    orange-line stretched into it, while it moves)."""
    times = [0.25 * i for i in range(1, 7)]  # through the 1.2 s move onto this stage's plot
    for moment in capture_frames("wedge", times, frames=False).moments:
        if moment.label.startswith("beat"):
            continue
        seen = {
            mark["color"]
            for graph in moment.record["graphs"].values()
            for name, mark in graph["marks"].items()
            if name.startswith("curve[") and mark["opacity"] >= SEEN
        }
        assert seen == {BLUE, ORANGE}, f"@ {moment.time} s only {seen} drawn"


def test_the_final_bias_box_stays_clear_of_the_output_node(records):
    """The highlight box around the final bias' label cut into the output node above it
    (wedge 70-90 s, issue 30)."""
    boxed = [r for r in records if r.get("shapes")]
    assert boxed, "no box drawn at any beat's end: nothing was checked"
    for record in boxed:
        assert box_problems(record) == []


def test_the_rows_are_sums_only_no_note_on_decimals(end):
    """The 0.60 row's three decimals came with an engineering note ("3 decimals: at 2, this
    row would not add up"): a teacher writes the sum; no text speaks of decimals."""
    assert not [text for text in end["texts"] if "decimals" in text]
