"""The words for the sum's shape and for orange-line's worked example, for any number
of hidden nodes (issue 34): hand-worked networks whose shapes are known (a ramp, a
wedge, a valley, two bumps, a zigzag, a flat line), their words checked against them,
and the stages that say them played for the one-node ramp and the 1-3-1 wedge.

Every shape below is worked out by hand from the network's numbers, in its comment.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.model import HiddenNode, Network, default_lesson, load_lesson, story
from relu_anim.play import Play

DATA = Path(__file__).resolve().parent / "data"


def net(*nodes: tuple[float, float, float], final_bias: float = 0.0) -> Network:
    """A ReLU network of the given (weight, bias, output weight) nodes, top first."""
    return Network("hand", tuple(HiddenNode(*node) for node in nodes), final_bias)


#: name: (network, its shape's kind, its peaks inside 0..1), each worked by hand
HAND = {
    # relu(2d - 1): 0 up to d = 0.5, then up to 1 at d = 1
    "ramp up": (net((2, -1, 1)), "ramp up", 0),
    # -relu(2d - 1): 0, then down to -1
    "ramp down": (net((2, -1, -1)), "ramp down", 0),
    # relu(2d) - 2 relu(2d - 1): up to 1 at d = 0.5, then down to 0 at d = 1
    "wedge": (net((2, 0, 1), (2, -1, -2)), "wedge", 1),
    # the wedge upside down: down to -1 at 0.5, up to 0 at 1
    "valley": (net((2, 0, -1), (2, -1, 2)), "valley", 0),
    # 0.5 relu(10d - 1) - relu(10d - 3) + relu(10d - 5) - relu(10d - 7): slopes 5, -5, 5, -5
    # after the bends at 0.1, 0.3, 0.5, 0.7: up to 1 at 0.3, down to 0 at 0.5, up to 1 at
    # 0.7, down to -0.5 at 1: two peaks
    "two bumps": (net((10, -1, 0.5), (10, -3, -1), (10, -5, 1), (10, -7, -1)), "bumps", 2),
    # the same without its last node: up to 1, down to 0, up to 2.5 at 1: one peak inside
    "zigzag": (net((10, -1, 0.5), (10, -3, -1), (10, -5, 1)), "zigzag", 1),
    # relu(2d - 1) times 0.001: at most 0.001, which shows as 0.00
    "flat": (net((2, -1, 0.001)), "flat", 0),
    # the wedge and a wiggle past d = 0.9: relu(20d - 18) * 0.125 adds slope 2.5 to the fall's
    # -2, so the wedge, down to 0.2 at 0.9, rises again by 0.05 to 1: 5 % of its height of 1,
    # under MOVE_SHARE, not a move of its own
    "wedge with a wiggle": (net((2, 0, 1), (2, -1, -2), (20, -18, 0.125)), "wedge", 1),
    # the same wiggle ten times as steep rises by 0.8: a move, so up, down, up
    "wedge and a rise": (net((2, 0, 1), (2, -1, -2), (20, -18, 1.25)), "zigzag", 1),
}


@pytest.mark.parametrize("name", HAND)
def test_the_shape_of_a_hand_worked_sum_is_what_its_numbers_draw(name):
    network, kind, peaks = HAND[name]
    assert story.sum_shape(network) == story.Shape(kind, peaks)


def test_the_words_for_each_shape():
    shape = {name: story.sum_shape(network) for name, (network, _, _) in HAND.items()}
    assert story.green_shape(shape["ramp up"]) == "green ramp" and story.shape_noun(shape["ramp down"]) == "ramp"
    assert story.green_shape(shape["wedge"]) == "green wedge" and story.shape_noun(shape["wedge"]) == "wedge"
    assert story.green_shape(shape["valley"]) == "green valley"
    assert story.green_shape(shape["two bumps"]) == "green curve with two bumps"
    assert story.shape_noun(shape["two bumps"]) == "curve"
    assert story.green_shape(shape["flat"]) == "flat green line" and story.shape_noun(shape["flat"]) == "line"
    # peak words only where a peak lies inside the range
    assert story.highest_verb(shape["wedge"]) == story.highest_verb(shape["two bumps"]) == "peaks at"
    assert story.highest_verb(shape["ramp up"]) == "tops out at"


def test_the_bias_does_not_change_the_shape_and_a_ramp_loses_nothing_to_the_clip():
    wedge = dataclasses.replace(HAND["wedge"][0], final_bias=-0.5)  # 1 - 0.5 at the peak: only a middle part above 0
    assert story.sum_shape(wedge, "biased") == story.sum_shape(wedge) == story.Shape("wedge", 1)
    assert story.clip_effect(wedge) == "some"
    # the ramp is 0 up to its bend, never below: the output ReLU takes nothing away
    assert story.clip_effect(HAND["ramp up"][0]) == "nothing"
    assert story.clip_effect(HAND["ramp down"][0]) == "all"
    assert story.clipped_shape(HAND["ramp up"][0]) == "output curve"


def test_the_lessons_own_networks_draw_a_wedge():
    """Part 3 (17.01 at medium dosage, down to -0.66 at high: the storyboard) and Part 1."""
    assert story.sum_shape(default_lesson().network) == story.Shape("wedge", 1)
    assert story.sum_shape(load_lesson("part1").network) == story.Shape("wedge", 1)


def captions(stage: str, source) -> list[str]:
    lesson = load_lesson(source)
    frames = capture_frames(stage, play=Play.of(FRAME_QUALITY, lesson=lesson), frames=False, opening=False)
    return [" ".join(m.caption.split()) for m in frames.moments if m.label.startswith("beat")]


def test_one_node_draws_a_ramp_in_wedge_and_shapes_and_no_peak_is_said():
    """one-node: relu(2d - 1), output weight 1, final bias 0 (its file): a ramp up from 0
    at medium dosage to 1 at high."""
    said = " ".join(captions("wedge", "one-node") + captions("shapes", "one-node"))
    assert "wedge" not in said, said
    assert "the sums draw a green ramp." in said
    assert "the ramp is at 0.00 at medium dosage and ends at 1.00" in said
    assert "it is the green ramp." in said
    assert "The output curve tops out at 1.00" in said and "peaks at 1.00" not in said


def test_three_nodes_still_draw_a_wedge_and_eight_draw_two_bumps():
    """three-nodes: 1.5 at medium (5 * 0.5 - 1), 0 at high (4 - 5 + 1); eight-nodes: two plateaus."""
    three = " ".join(captions("wedge", DATA / "three-nodes.toml"))
    assert "the sums draw a green wedge." in three and "the wedge peaks at 1.50 at medium dosage" in three
    eight = " ".join(captions("wedge", DATA / "eight-nodes.toml"))
    assert "the sums draw a green curve with two bumps." in eight and "peaks" not in eight
    assert "wedge" not in eight, eight


# -- orange-line's worked example ----------------------------------------------------------------


def test_the_worked_dosage_is_0_2_where_the_node_is_active_there_else_the_nearest_active_tenth():
    assert story.worked_dosage(default_lesson().network, "bottom", 0.2) == 0.2  # 0.2 * -2.52 + 1.87 > 0
    bottom = tomllib.loads((DATA / "three-nodes.toml").read_text())["hidden"][-1]
    assert (bottom["weight"], bottom["bias"]) == (5.0, -4.0)  # 5d - 4: 0 up to 0.8, 0.5 at 0.9
    three = load_lesson(DATA / "three-nodes.toml").network
    assert story.worked_dosage(three, three.node_names[-1], 0.2) == 0.9
    # a node that is active nowhere keeps 0.2 (its 0 is the truth)
    never = net((1, -5, 1))
    assert story.worked_dosage(never, never.node_names[0], 0.2) == 0.2


def test_orange_line_works_its_example_where_the_bottom_node_is_active():
    """three-nodes' bottom node, 5d - 4, output weight 1: at 0.9 it gives 0.5, scaled 0.5."""
    said = " ".join(captions("orange-line", DATA / "three-nodes.toml"))
    assert "dosage 0.90 gives 0.50." in said, said
    assert "0.50 is positive, so ReLU keeps it" in said
    assert "0.50 becomes 0.50." in said
    assert not re.search(r"0\.00 becomes 0\.00", said)
    # the others' lines already span -5 (the second: -2 (5 - 2.5)) to 4 (the top: 5 - 1): the
    # bottom node's 0..1 fits the axes as they are, which do not grow
    assert "up to 1.00: the line stays inside these axes." in said and "the axes grow" not in said


def test_no_stage_names_a_wedge_or_a_pointy_thing_for_another_number_of_nodes():
    """A stage's heading, description and key sentence (title line, manifest, page) know
    only the number of nodes, not the sum's shape: for other than two they name none."""
    from relu_anim.stages import CARDS, STAGES, get_stage

    assert "wedge" in get_stage("clip").told(2).description  # the storyboard's, kept for two
    for n in (1, 3, 8):
        for stage in (*STAGES, *CARDS):
            told = stage.told(n)
            said = " ".join((told.heading, told.description, told.key_sentence))
            assert not re.search(r"\b(wedge|pointy)\b", said), (n, stage.name, said)


def test_scale_top_says_the_axes_stay_when_the_scaled_line_fits_them():
    """three-nodes' top node: 5d - 1 (0 up to 0.2, 4 at 1) times output weight 1: the scaled
    line is the line, so the axes have nothing to refit to."""
    said = " ".join(captions("scale-top", DATA / "three-nodes.toml"))
    assert "4.00 is already on these axes, which stay as they are." in said, said
    assert "they refit" not in said
