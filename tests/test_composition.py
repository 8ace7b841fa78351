"""The composition rules (relu_anim.composition) over every stage of the lesson, at every
0.25 s and at every beat's end, in the one play each stage gets per test worker; the
same rules at every beat's end in the dark theme; each stage opens with its number and
title; and each rule, broken on purpose in a record made by hand, is caught."""

from __future__ import annotations

import copy

import pytest

from relu_anim.composition import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    all_problems,
    box_problems,
    doubled_text_problems,
    problems,
    repeated_text_problems,
    resting_problems,
    span,
)
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.play import Play
from relu_anim.stages import STAGES

from .conftest import grid_moment

NAMES = [stage.name for stage in STAGES]


@pytest.mark.parametrize("name", NAMES)
def test_every_moment_keeps_the_composition_rules(grid_frames, name):
    moments = grid_frames(name).moments
    assert sum(m.on_grid for m in moments) >= 4 * grid_frames(name).duration - 1  # every 0.25 s
    found = [f"{name} {p}" for p in all_problems(moments)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", NAMES)
def test_every_beat_keeps_the_rules_in_the_dark_theme(name):
    played = capture_frames(name, play=Play.of(FRAME_QUALITY, "dark"), frames=False)
    found = [f"{name} {p}" for p in all_problems(m for m in played.moments if m.label.startswith("beat"))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", NAMES)
def test_each_stage_opens_with_its_number_and_title_then_lets_go(name):
    stage = next(s for s in STAGES if s.name == name)
    shown = [grid_moment(name, t) for t in (0.0, 1.5, 4.0)]
    words = {str(stage.number), stage.heading}
    at_start, meanwhile, later = (set(m.record["texts"]) for m in shown)
    assert not words & at_start  # it fades in: the first frame is the stage before's last
    assert words <= meanwhile
    assert not words & later  # brief: gone within 4 s
    for word in words:  # out of the way: in the top-right corner, and readable
        entry = shown[1].record["texts"][word]
        x, y = entry["at"]
        assert x > 0 and y > FRAME_HEIGHT / 2 - 0.6, (word, entry["at"])
        assert entry["size"] >= 0.2


# -- each rule, broken on purpose ------------------------------------------------------------


def text(box, size=0.25, opacity=1.0) -> dict:
    return {"at": [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], "box": box, "size": size, "opacity": opacity}


def relu_graph(dots: dict, x_range=(-2.0, 2.0), y_range=(-0.5, 2.0)) -> dict:
    """An activation graph record: a 4 x 2.5 area centred at (0, 0), the ReLU curve drawn
    over the x-range, and ``dots`` (name -> scene point)."""
    (x0, x1) = x_range
    marks = {"curve[relu]": {"x": [x0, 0.0, x1], "y": [0.0, 0.0, x1], "opacity": 1.0}}
    marks.update({name: {"x": 0.0, "y": 0.0, "at": list(at), "opacity": 1.0} for name, at in dots.items()})
    return {
        "kind": "ActivationGraph",
        "x_range": list(x_range),
        "y_range": list(y_range),
        "at": [0.0, 0.0],
        "size": [4.0, 2.5],
        "titles": {},
        "title_boxes": {},
        "marks": marks,
    }


def scene_y(value: float, graph: dict) -> float:
    """Where y = ``value`` is drawn on ``relu_graph``'s area, worked out by hand:
    the area's bottom is -1.25 and 2.5 units cover the range -0.5..2 (1 unit per unit)."""
    return -1.25 + (value - graph["y_range"][0]) / 2.5 * 2.5


#: A good picture: a diagram node, a label beside it, a plot's curve, margins kept.
GOOD = {
    "content": [-6.0, -3.4, 6.0, 3.4],
    "texts": {"− 16.00": text([3.0, 2.0, 3.8, 2.3]), "Effectiveness": text([4.6, 2.0, 6.0, 2.3])},
    "diagrams": {"diagram": {"nodes": {"output": [3.9, 1.8, 4.5, 2.4], "sum": [2.2, 1.9, 2.8, 2.5]}}},
    "graphs": {"relu": relu_graph({"dot[1.00]": (1.0, 0.0)})},
}


def good() -> dict:
    record = copy.deepcopy(GOOD)
    # the dot at x = 1 on a range of -2..2 over 4 units sits at scene x 1.0; on the curve at y = 1
    graph = record["graphs"]["relu"]
    graph["marks"]["dot[1.00]"].update(x=1.0, y=1.0, at=[1.0, scene_y(1.0, graph)])
    return record


def test_a_good_record_has_no_problems():
    assert problems(good()) == []
    assert resting_problems([(0.0, good()), (0.25, good())]) == []


def test_the_rules_catch_a_cramped_picture_and_small_text():
    """Records made by hand: a picture in one corner, a caption too small to read."""
    cramped = {
        "content": [-6.0, 1.0, -1.0, 3.5],
        "texts": {"tiny words": text([-5, 2, -4, 2.1], size=0.15), "Dosage": text([-3, 2, -2, 2.2])},
    }
    assert span(cramped) == pytest.approx((5.0 / (128 / 9), 2.5 / 8.0))
    found = problems(cramped)
    assert len(found) == 2 and "35% of the width and 31% of the height" in found[0] and "'tiny words'" in found[1]
    assert problems(cramped, beat_end=False) == []  # a picture still building up is not judged on span
    assert problems({"content": [], "texts": {}})[0].startswith("the picture spans 0%")


def test_the_margin_rule_catches_a_label_8_px_from_the_edge():
    record = good()
    record["content"][2] = FRAME_WIDTH / 2 - 8 / 1920 * FRAME_WIDTH  # "High" 8 px from the right at 1080p
    assert problems(record) == ["the drawing is 0.06 from the right edge (at least 0.43)"]
    record = good()
    record["content"][1] = -FRAME_HEIGHT / 2 + 10 / 1080 * FRAME_HEIGHT  # a box 10 px from the bottom
    assert problems(record) == ["the drawing is 0.07 from the bottom edge (at least 0.24)"]


def test_the_overlap_rule_catches_a_label_on_a_node_and_on_another_text():
    record = good()
    record["texts"]["− 16.00"]["box"] = [3.2, 2.0, 4.0, 2.3]  # into the output node (3.9 ...)
    assert problems(record) == ["text '− 16.00' overlaps the output node"]
    record = good()
    record["graphs"]["plot"] = {
        **relu_graph({}),
        "marks": {},
        "title_boxes": {"y": [4.8, 0.5, 5.1, 2.2]},
        "titles": {"y": "Effectiveness"},
        "kind": "DosagePlot",
    }
    assert problems(record) == [
        "text 'Effectiveness' overlaps text \"plot: y title 'Effectiveness'\"",
        "'Effectiveness' is written twice, 0.00 apart ('Effectiveness', \"plot: y title 'Effectiveness'\")",
    ]
    record = good()
    record["texts"]["+"] = text([2.35, 2.05, 2.65, 2.35])  # the sum node's own sign, inside it
    assert problems(record) == []


def test_the_overlap_rule_catches_a_note_lying_on_a_curve():
    record = good()
    # the ReLU's positive arm runs from scene (0, -0.75) to (2, 1.25): a note across it
    record["texts"]["on the bend, residual 0.00"] = text([0.5, -0.5, 1.8, 0.0])
    assert problems(record) == ["text 'on the bend, residual 0.00' lies on relu's curve[relu]"]
    record["texts"]["on the bend, residual 0.00"] = text([-1.8, 0.0, -0.5, 0.5])  # above the flat arm: clear
    assert problems(record) == []


def test_the_axes_rule_catches_a_ghost_drawn_above_the_axes_unless_declared():
    record = good()
    ghost = {"x": [0.0, 0.5, 1.0], "y": [0.0, 4.0, 0.0], "opacity": 0.3}  # up to 4 on a range to 2
    record["graphs"]["relu"]["marks"]["curve[output]"] = ghost
    assert problems(record) == ["relu's curve[output] is drawn outside its axes"]
    ghost["may_leave_axes"] = True
    assert problems(record) == []


def test_the_rest_rule_catches_a_dot_left_on_the_x_axis_below_its_value():
    """Clip's teaching error: the dot for 1.01 stayed at height 0 while max(0, 1.01) = 1.01."""
    stuck = good()
    graph = stuck["graphs"]["relu"]
    graph["marks"]["dot[1.00]"]["at"] = [1.0, scene_y(0.0, graph)]  # on the x-axis at x = 1
    moments = [(t / 4, stuck) for t in range(25)]  # 6 s at rest
    found = resting_problems(moments)
    # at rest from 0.25 s (first seen at 0 s); a pause of 4 s is allowed
    assert found == ["@ 4.50s: relu's dot[1.00] rests 1.00 off the curve"]
    rises = moments[:8] + [(2.0 + t / 4, good()) for t in range(8)]  # waits 1.75 s, then rises
    assert resting_problems(rises) == []
    floating = good()
    floating["graphs"]["relu"]["marks"]["dot[1.00]"]["at"][1] += 0.3  # off the curve, not on the axis
    assert resting_problems([(0.0, floating), (0.25, floating)]) == [
        "@ 0.25s: relu's dot[1.00] rests 0.30 off the curve"
    ]


def test_moving_labels_are_not_held_to_the_overlap_rule():
    """A label carried across the picture (to become a dot) crosses what lies between."""
    before, now = good(), good()
    now["texts"]["1.01"] = text([4.1, 2.2, 4.5, 2.6])  # over the output node's top, in flight
    before["texts"]["1.01"] = text([3.0, 2.6, 3.8, 2.9])
    assert problems(now, before=before) == []
    assert problems(now, before=now) == ["text '1.01' overlaps the output node"]  # at rest there: caught


def test_a_dissolve_is_in_flight_and_a_faded_title_or_diagram_is_a_ghost():
    """A stage dissolving from the one before: the old picture fades out while the new
    fades in, so for a moment a fading text lies over a curve, a title over a title."""
    before, now = good(), good()
    before["texts"]["effective"] = text([0.5, -0.5, 1.8, 0.0], opacity=0.8)  # across the positive arm
    now["texts"]["effective"] = text([0.5, -0.5, 1.8, 0.0], opacity=0.6)  # fading out
    assert problems(now, before=before) == []
    assert problems(now, before=now) == ["text 'effective' lies on relu's curve[relu]"]  # held there: caught
    # a curve fading in under a text at rest is in flight too
    before, now = good(), good()
    for record, opacity in ((before, 0.55), (now, 0.7)):
        record["texts"]["effective"] = text([0.5, -0.5, 1.8, 0.0])
        record["graphs"]["relu"]["marks"]["curve[relu]"]["opacity"] = opacity
    assert problems(now, before=before) == []
    assert problems(now, before=now) == ["text 'effective' lies on relu's curve[relu]"]
    # an axis title or a diagram below half opacity is a ghost, as a text is
    record = good()
    graph = record["graphs"]["relu"]
    graph["titles"], graph["title_boxes"] = {"y": "Value"}, {"y": [3.1, 2.0, 3.7, 2.3]}  # on the "− 16.00" label
    assert problems(record) == ["text \"relu: y title 'Value'\" overlaps text '− 16.00'"]
    graph["title_opacity"] = {"y": 0.3}
    assert problems(record) == []
    record = good()
    record["texts"]["ReLU"] = text([4.2, 2.3, 4.8, 2.6])  # across the output node's top edge
    assert problems(record) == ["text 'ReLU' overlaps the output node"]
    record["diagrams"]["diagram"]["opacity"] = 0.2
    assert problems(record) == []


def test_the_copy_rule_catches_a_graph_cross_faded_into_its_smaller_self():
    """Shapes 2.8-3.4 s: the big ReLU graph faded out while its small copy faded in, so
    its labels were seen twice, a little apart."""
    record = good()
    record["texts"]["ReLU"] = text([-1.9, 2.2, -1.0, 2.5], opacity=0.78)
    record["texts"]["ReLU#2"] = text([-2.3, 1.9, -0.8, 2.3], opacity=0.22)
    assert problems(record) == ["two copies of text 'ReLU' are seen at once ('ReLU', 'ReLU#2')"]
    record["texts"]["ReLU#2"]["opacity"] = 0.05  # all but gone: a ghost
    assert problems(record) == []
    record["texts"]["ReLU#2"] = text([-1.9, 2.2, -1.0, 2.5], opacity=0.3)  # one drawing over the other
    assert problems(record) == []
    record["texts"]["ReLU#2"] = text([3.0, -3.0, 3.9, -2.7])  # another graph's label, elsewhere
    assert problems(record) == []
    record["texts"]["ReLU"]["opacity"] = 1.0  # an opaque copy leaving its original: a value carried
    record["texts"]["ReLU#2"] = text([-2.0, 2.15, -1.1, 2.45])
    assert doubled_text_problems(record) == []


def test_the_ring_rule_catches_a_dot_lost_on_a_line_of_its_own_colour():
    """First-dot: the blue input dot sat on the blue ReLU line with nothing around it."""
    record = good()
    marks = record["graphs"]["relu"]["marks"]
    marks["curve[relu]"]["color"] = "#2F6FDB"
    marks["dot[1.00]"]["color"] = "#2F6FDB"  # on the arm at (1, 1), the line's own blue
    assert problems(record) == ["relu's dot[1.00] lies on its curve[relu] of its own colour without a ring"]
    marks["dot[1.00]"]["ring"] = "#FBFAF7"  # ringed in the background's colour
    assert problems(record) == []
    marks["dot[1.00]"]["ring"] = "#2F6FDB"  # a ring of the same blue is no ring
    assert len(problems(record)) == 1
    del marks["dot[1.00]"]["ring"]
    marks["curve[relu]"]["color"] = "#E08A1E"  # a blue dot on an orange line stands out
    assert problems(record) == []


def test_the_style_rule_catches_one_hollow_data_point_among_filled_ones():
    """Clip's last beat: High hollow while Low and Medium were filled."""
    record = good()
    graph = record["graphs"]["relu"]
    for name, x in (("dot[low]", -1.0), ("dot[medium]", 0.0), ("dot[high]", 1.5)):
        graph["marks"][name] = {"x": x, "y": 1.5, "at": [x, scene_y(1.5, graph)], "color": "#1F2328", "opacity": 1.0}
    assert problems(record) == []
    graph["marks"]["dot[high]"]["hollow"] = True
    assert problems(record) == ["relu's dots coloured #1F2328 are drawn both filled and hollow"]
    for name in ("dot[low]", "dot[medium]"):
        graph["marks"][name]["hollow"] = True
    assert problems(record) == []


def test_the_tick_rule_catches_steps_of_0_2_swapped_for_0_25():
    """Scale-top 7.82 s: the axes' ticks jumped from steps of 0.2 to 0.25 as the zoom began."""
    from relu_anim.composition import tick_problems

    def axes(y_range, ticks, at=(0.0, 0.0)):
        plot = {**relu_graph({}), "y_range": y_range, "ticks": {"y": ticks}, "at": list(at)}
        return {"graphs": {"plot": plot}}

    fifths = axes([0.0, 1.0], ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    quarters = axes([-0.06, 1.01], ["0.00", "0.25", "0.50", "0.75", "1.00"])
    assert tick_problems([(7.75, fifths), (8.0, quarters)]) == [
        "@ 8.00s: plot's y ticks jump from [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] to [0.0, 0.25, 0.5, 0.75, 1.0]"
    ]
    wider = axes([-1.3, 1.3], ["\u22121", "0", "1"])  # fewer ticks, all of them among the old: a zoom
    grown = axes([-0.33, 1.07], ["\u22120.2", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])  # one more at the edge
    assert tick_problems([(7.75, fifths), (8.0, grown), (8.25, wider)]) == []
    elsewhere = axes([-0.06, 1.01], ["0.00", "0.25", "0.50", "0.75", "1.00"], at=(2.0, 0.0))  # a new plot
    assert tick_problems([(7.75, fifths), (8.0, elsewhere)]) == []


def test_the_rewrite_rule_catches_an_equation_written_again_where_it_stood():
    """Orange-line 8.00 s: the worked equation, already on screen, was written again."""
    from relu_anim.composition import rewrite_problems

    def shown(written=None):
        record = good()
        entry = text([-6.2, 0.1, -0.4, 0.5])
        if written is not None:
            entry["written"] = written
            entry["box"] = [-6.2, 0.1, -0.6, 0.5]  # the last glyphs not drawn yet
        record["texts"]["0.20 × 12.60 + 0.00 = 2.52"] = entry
        return record

    first = [(6.0, shown(0.3)), (6.25, shown(0.8)), (6.5, shown()), (8.0, shown())]  # written once: fine
    assert rewrite_problems(first) == []
    again = first + [(8.25, shown(0.2)), (8.5, shown(0.65)), (8.75, shown())]
    assert rewrite_problems(again) == ["@ 8.25s: text '0.20 × 12.60 + 0.00 = 2.52' is written again where it stood"]


def outline(box, stroke_width=4.0) -> dict:
    """A shape record of an unfilled rectangle drawn around ``box`` (its path, no stroke)."""
    return {
        "class": "SurroundingRectangle",
        "at": [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2],
        "size": [box[2] - box[0], box[3] - box[1]],
        "stroke_opacity": 1.0,
        "stroke_width": stroke_width,
        "fill_opacity": 0.0,
    }


def test_the_box_rule_catches_a_highlight_box_on_the_node_above_its_label():
    """Wedge 70-90 s (issue 30): the final bias' box reached the output node's bottom edge
    (1.8 here), its stroke over it; a box clear of it, or holding the node whole, is fine."""
    record = good()
    record["shapes"] = {"SurroundingRectangle": outline([2.9, 1.5, 3.9, 1.8])}  # path on the edge, stroke across
    assert problems(record) == ["box 'SurroundingRectangle' cuts into the output node"]
    record["shapes"] = {"SurroundingRectangle": outline([2.9, 1.5, 3.9, 1.75])}  # 0.05 below: 0.03 clear
    assert box_problems(record) == []
    record["shapes"] = {"SurroundingRectangle": outline([3.8, 1.7, 4.6, 2.5])}  # around the node: pointing at it
    assert box_problems(record, texts=False) == []  # (its edge grazes "− 16.00": the text rule's case)
    record["shapes"] = {"SurroundingRectangle": {**outline([2.9, 1.5, 3.9, 1.8]), "fill_opacity": 1.0}}
    assert box_problems(record) == []  # a filled shape is a mark, not a highlight


def test_the_box_rule_catches_a_highlight_touching_a_text_outside_it():
    """Summary (issue 30): the highlight around panel 6 touched panel 3's "High" above it.
    At rest, a box keeps clear of texts outside it; one holding a text (or a term of an
    equation) points at it; in motion (not a beat's end) only nodes are checked."""
    record = good()
    record["texts"]["High#3"] = text([5.75, -0.03, 6.45, 0.29])
    record["shapes"] = {"SurroundingRectangle": outline([2.33, -3.7, 6.57, 0.02])}  # buff 0.12 over the heading
    assert box_problems(record) == ["box 'SurroundingRectangle' touches the text 'High#3' outside it"]
    assert box_problems(record, texts=False) == []
    record["shapes"] = {"SurroundingRectangle": outline([2.33, -3.7, 6.57, -0.07])}  # buff 0.06, the row 0.05 up
    assert box_problems(record) == []
    record["shapes"] = {"SurroundingRectangle": outline([5.7, -0.1, 6.5, 0.35])}  # around the word: pointing
    assert box_problems(record) == []


def test_the_repeat_rule_catches_an_axis_title_said_again_beside_it():
    """Recap, title card, clip (issue 30): the diagram's output "Effectiveness" stood
    0.11-0.91 scene units from the plot's rotated axis title "Effectiveness"."""
    record = good()  # its "Effectiveness" text ends at x = 6.0
    record["graphs"]["plot"] = {
        **relu_graph({}),
        "marks": {},
        "title_boxes": {"y": [6.3, 0.5, 6.6, 2.5]},
        "titles": {"y": "Effectiveness"},
        "kind": "DosagePlot",
    }
    assert problems(record) == [
        "'Effectiveness' is written twice, 0.30 apart ('Effectiveness', \"plot: y title 'Effectiveness'\")"
    ]
    record["graphs"]["plot"]["titles"]["y"] = "Value"
    assert repeated_text_problems(record) == []  # other words
    record["graphs"]["plot"]["titles"]["y"] = "Effectiveness"
    record["graphs"]["plot"]["title_boxes"]["y"] = [-6.6, 0.5, -6.3, 2.5]  # across the frame
    assert repeated_text_problems(record) == []
    record["texts"]["not effective"] = text([-2.0, -3.0, -1.0, -2.6])  # two data labels may say the same
    record["texts"]["not effective#2"] = text([-0.5, -3.0, 0.5, -2.6])
    assert repeated_text_problems(record) == []
