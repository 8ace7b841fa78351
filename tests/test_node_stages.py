"""The node-following stages (first-dot, bent-line, scale-top, orange-line) for any number
of hidden nodes (issue 34): the top node in full, each middle node briefly, the bottom
node in full, and a short orange-line for one node; nodes and lines named by place
through the story rules, and the composition rules kept at every beat on both themes.

The networks: tests/data's 1-3-1 and 1-8-1 files (bends inside 0..1), and the presets of
one and of four or more nodes. Expected numbers are read from the files here, with
tomllib, not from the model.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from relu_anim.composition import all_problems
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.model import PRESET_NAMES, Lesson, load_lesson, preset, story
from relu_anim.play import Play

from .conftest import marks_outside

DATA = Path(__file__).resolve().parent / "data"
FILES = {3: DATA / "three-nodes.toml", 8: DATA / "eight-nodes.toml"}
STAGES = ("first-dot", "bent-line", "scale-top", "orange-line")
#: orange-line's beats for the bottom node in full: as many as today's, in its snapshot
BOTTOM_BEATS = sum(
    m["label"].startswith("beat")
    for m in json.loads((Path(__file__).parent / "snapshots" / "orange-line" / "frames.json").read_text())["moments"]
)


def lesson_of(n: int) -> Lesson:
    """The test network of ``n`` hidden nodes: tests/data's file, or the preset with ``n``."""
    if n in FILES:
        return load_lesson(FILES[n])
    name = next((name for name in PRESET_NAMES if len(preset(name).hidden) == n), None)
    assert name, f"no preset with {n} hidden nodes among {PRESET_NAMES}"
    return load_lesson(name)


def fmt2(value: float) -> str:
    """A number as the captions show it: two decimals, a real minus sign."""
    return f"{value:.2f}".replace("-", "\u2212")


# -- the story rules, against the words written out by hand --------------------------------


def test_nodes_are_named_by_place_and_lines_by_colour_only_for_two():
    assert [story.node_word(i, 3) for i in range(3)] == ["the top node", "the second node", "the bottom node"]
    assert story.node_word(0, 1) == "the hidden node"
    assert story.node_word(6, 8) == "the seventh node" and story.node_word(7, 8) == "the bottom node"
    assert [story.node_title(i, 2) for i in range(2)] == ["Top node", "Bottom node"]
    assert story.node_title(0, 1) == "Hidden node" and story.node_title(1, 4) == "Second node"
    assert [story.node_part(i, 2) for i in range(2)] == ["the top connection", "the bottom connection"]
    assert story.node_part(1, 2, "output weight") == "the bottom output weight"
    assert story.node_part(0, 1) == "the connection" and story.node_part(2, 4) == "the third connection"
    # two nodes: today's words, by colour
    assert story.line_word(0, 2) == "the blue line" and story.line_word(1, 2) == "the orange line"
    assert story.line_word(0, 2, "bent") == "the bent blue line"
    assert story.line_word(1, 2, "final straight") == "the final straight orange line"
    assert story.dot_word(0, 2) == "a blue dot" and story.dot_word(1, 2) == "an orange dot"
    assert story.dot_word(0, 2, "another") == "another blue dot"
    # any other number: by the node, no colour word
    assert (
        story.line_word(0, 3) == "the top node's line"
        and story.line_word(0, 1, "bent") == "the hidden node's bent line"
    )
    assert story.line_word(4, 8, "final bent") == "the fifth node's final bent line"
    assert story.dot_word(0, 1) == "a dot" and story.dot_word(2, 3, "another") == "another dot"
    assert story.colour_word(0, 3) == "" and story.colour_word(1, 2) == "orange"


# -- the stages played for 1, 3, 4 and 8 nodes -----------------------------------------------

PLAYS: dict = {}


def played(stage: str, n: int, theme: str = "light"):
    """``stage`` played for the ``n``-node network (first-dot opens on its own picture:
    swap's N-node picture is another stage's)."""
    key = (stage, n, theme)
    if key not in PLAYS:
        play = Play.of(FRAME_QUALITY, theme=theme, lesson=lesson_of(n))
        PLAYS[key] = capture_frames(stage, play=play, frames=False, opening=stage != "first-dot")
    return PLAYS[key]


def beats(frames) -> list:
    return [m for m in frames.moments if m.label.startswith("beat")]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("n", [1, 3, 4, 8])
@pytest.mark.parametrize("stage", STAGES)
def test_every_beat_keeps_the_composition_rules(stage, n, theme):
    moments = beats(played(stage, n, theme))
    assert moments, stage
    for moment in moments:
        for name, graph in moment.record["graphs"].items():
            assert not marks_outside(graph), (
                f"{stage}, {n} nodes: {marks_outside(graph)} leave {name}: {moment.caption}"
            )
    problems = all_problems(moments)
    assert not problems, f"{stage}, {n} nodes, {theme}:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("n", [3, 8])
def test_orange_line_shows_each_middle_node_briefly_then_the_bottom_in_full(n):
    table = tomllib.loads(FILES[n].read_text())["hidden"]
    frames = played("orange-line", n)
    captions = [m.caption for m in beats(frames)]
    assert len(captions) == 2 * (n - 2) + BOTTOM_BEATS, captions
    places = ["second", "third", "fourth", "fifth", "sixth", "seventh"][: n - 2]
    for index, place in enumerate(places, start=1):
        drawn, scaled = " ".join(captions[2 * index - 2].split()), " ".join(captions[2 * index - 1].split())
        node = table[index]
        assert drawn.startswith(f"The {place} node works the same way"), drawn
        assert f"weight {fmt2(node['weight'])}" in drawn and f"bias {fmt2(node['bias'])}" in drawn, drawn
        assert f"the {place} node's bent line" in drawn, drawn  # every bend of these files is inside 0..1
        assert f"output weight {fmt2(node['output_weight'])}" in scaled, scaled
    bottom = " ".join(" ".join(captions[2 * (n - 2) :]).split())
    assert "Now the bottom node" in bottom and "The bottom connection multiplies" in bottom
    assert not re.search(r"\b(blue|orange)\b", " ".join(captions)), "lines named by colour with more than two nodes"
    # each middle node is brief: at most about 8 s a beat (silent play)
    starts = [0.0] + [m.time for m in beats(frames)]
    lengths = [b - a for a, b in zip(starts, starts[1:])][: 2 * (n - 2)]
    assert max(lengths) <= 8.5, lengths


def test_one_node_orange_line_is_short_and_says_there_is_no_second_line():
    frames = played("orange-line", 1)
    captions = [" ".join(m.caption.split()) for m in beats(frames)]
    assert len(captions) == 2, captions
    assert "only the one hidden node" in captions[0] and "all the output node gets" in captions[1]
    assert frames.duration < 12, frames.duration
    last = beats(frames)[-1].record
    dots = [name for g in last["graphs"].values() for name in g["marks"] if "dot" in name]
    assert not dots, f"the top node's dots stay: {dots}"


@pytest.mark.parametrize("n", [1, 3])
def test_the_top_node_is_named_by_place_and_its_line_not_by_colour(n):
    text = " ".join(" ".join(m.caption.split()) for stage in STAGES[:3] for m in beats(played(stage, n)))
    expected = {
        1: ("The connection multiplies", "the hidden node's value"),
        3: ("The top connection", "the top node's value"),
    }
    for words in expected[n]:
        assert words in text, words
    assert not re.search(r"\b(blue|orange)\b", text), text


def test_stage_words_are_the_storyboards_for_two_nodes_and_never_say_two_otherwise():
    """Headings, descriptions and key sentences (title line, manifest, page, deck) speak of
    the lesson's two nodes: kept word for word for two; for another count no colour of the
    two lines, no "two lines", and one node is never "the top node"."""
    from relu_anim.stages import CARDS, STAGES, get_stage

    assert all(stage.told(2) is stage for stage in (*STAGES, *CARDS))
    assert get_stage("wedge").told(2).heading == "Adding the two lines"  # the storyboard's words
    assert get_stage("orange-line").told(2).heading == "The bottom node's line"
    for n, count in {1: "one", 3: "three", 4: "four", 8: "eight"}.items():
        for stage in (*STAGES, *CARDS):
            told = stage.told(n)
            said = " ".join((told.heading, told.description, told.key_sentence))
            assert not re.search(r"\b(blue|orange|two lines)\b", said), (n, stage.name, said)
            if n == 1:
                assert not re.search(r"\b(top|bottom) node|other nodes'", said), (stage.name, said)
        wedge = get_stage("wedge").told(n)
        assert wedge.heading == ("Adding the bias" if n == 1 else f"Adding the {count} lines"), wedge.heading
    assert get_stage("bent-line").told(1).heading == "The hidden node's bent line"
    assert get_stage("scale-top").told(1).heading == "Scaling the hidden node"
    assert get_stage("orange-line").told(3).description.startswith("The two other nodes' lines")


@pytest.mark.parametrize(
    "n, heading", [(1, "Adding the bias"), (2, "Adding the two lines"), (3, "Adding the three lines")]
)
def test_a_stages_title_line_says_its_networks_number_of_lines(n, heading):
    """The line a stage opens with ("7  Adding the two lines") is the heading for the
    network it plays (built, not played: the scene's setup makes it)."""
    import manim

    from relu_anim.stages import get_stage

    lesson = load_lesson({1: "one-node", 2: "part3", 3: str(FILES[3])}[n])
    with manim.tempconfig({"dry_run": True}):
        scene = get_stage("wedge").load()(lesson=lesson)
        scene.setup()
    assert scene.stage_title.title.text == heading.replace(" ", "")  # Manim's Text keeps no spaces in .text
