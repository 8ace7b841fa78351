"""The frame-record helpers the stage tests read with (tests/screen.py), each shown to
catch what it is for, on records written out by hand."""

from __future__ import annotations

import pytest

from .screen import area_box, holds, points, scene_point, title_clear_of_diagram, words_over, y_at

# a graph of x 0..1, y -10..10 on an axes area 4 wide and 2 high, centred at (1, 0)
GRAPH = {
    "x_range": [0.0, 1.0],
    "y_range": [-10.0, 10.0],
    "at": [1.0, 0.0],
    "size": [4.0, 2.0],
    "title_boxes": {"y": [-1.6, -0.8, -1.2, 0.8]},
    "marks": {
        "curve[top]": {"x": [0.0, 0.5, 1.0], "y": [0.0, 0.0, 8.0], "color": "#1F6FEB", "opacity": 1.0},
        "dot[0.50]": {"x": 0.5, "y": 0.0, "color": "#1F6FEB", "opacity": 1.0},
        "dot[0.20]": {"x": 0.2, "y": 5.0, "color": "#E0700B", "opacity": 1.0},
    },
}


def test_scene_point_maps_the_ranges_onto_the_axes_area():
    assert area_box(GRAPH) == [-1.0, -1.0, 3.0, 1.0]
    assert scene_point(GRAPH, 0.0, -10.0) == [-1.0, -1.0]  # bottom left
    assert scene_point(GRAPH, 0.5, 0.0) == [1.0, 0.0]  # the centre
    assert scene_point(GRAPH, 1.0, 10.0) == [3.0, 1.0]


def test_curves_read_between_their_points_and_must_stay_in_range():
    curve = GRAPH["marks"]["curve[top]"]
    assert y_at(curve, 0.75) == pytest.approx(4.0)
    assert holds(GRAPH, curve)
    assert not holds(GRAPH, {**curve, "y": [0.0, 0.0, 12.0]})  # above y = 10


def test_dots_by_colour_left_to_right():
    assert points(GRAPH) == [(0.2, 5.0), (0.5, 0.0)]
    assert points(GRAPH, "#1F6FEB") == [(0.5, 0.0)]


def test_words_over_a_panel_are_the_texts_just_above_it():
    record = {
        "graphs": {"plot": GRAPH},
        "texts": {
            "tag": {"box": [0.5, 1.1, 1.5, 1.3]},  # centred over the area, just above its top (1.0)
            "heading": {"box": [0.0, 1.5, 2.0, 1.8]},
            "far above": {"box": [0.5, 2.5, 1.5, 2.7]},
            "beside": {"box": [3.5, 1.1, 4.5, 1.3]},
        },
    }
    assert words_over(record, "plot") == ["heading", "tag"]


def test_a_title_over_a_node_or_a_label_is_caught():
    record = {
        "graphs": {"plot": GRAPH},
        "diagrams": {"diagram": {"nodes": {"top": [-3.0, 0.0, -2.0, 1.0], "sum": [-1.5, 0.5, -1.0, 0.9]}}},
        "texts": {"× 1.70": {"box": [-3.0, -1.0, -2.0, -0.8]}, "− 0.85": {"box": [-1.4, -0.5, -1.3, -0.4]}},
    }
    assert title_clear_of_diagram(record, "plot", ["× 1.70"]) == ["sum"]
    assert title_clear_of_diagram(record, "plot", ["− 0.85"]) == ["sum", "− 0.85"]
    flat = {**record, "graphs": {"plot": {**GRAPH, "title_boxes": {"y": [-3.0, 0.0, 0.0, 0.2]}}}}
    with pytest.raises(AssertionError, match="lies flat"):
        title_clear_of_diagram(flat, "plot", [])
