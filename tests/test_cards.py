"""The joined lesson's title card and summary card: what they show (checked against the
storyboard's table in shared/LESSON.md and hand arithmetic), their composition at the
end of every beat, other networks and the dark theme, their snapshots, and how they are
registered (cards, not stages) and packaged (chapters, slides).

Expected numbers are typed here from the storyboard, never read back from the code.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from pptx import Presentation

from relu_anim.composition import all_problems
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.model import load_lesson
from relu_anim.play import Play
from relu_anim.stages import CARDS, LESSON_TITLE, current_stages, get_stage, lesson_order, use_stages

from .batch_stages import TINY, TINY_CARDS
from .conftest import grid_plays, inside_frame, marks_outside

_FRAMES: dict = {}


def card_frames(name: str, theme: str = "light", network: str | None = None, grid: bool = False):
    """A card's frame data at the end of every beat (played once per test process); for
    the default lesson in the light theme, from the play that also took a moment every
    0.25 s (``grid=True`` keeps those) when this run reads those moments at all."""
    every = 0.25 if (theme, network) == ("light", None) and (grid or grid_plays()) else None
    key = (name, theme, network, every)
    if key not in _FRAMES:
        _FRAMES[key] = capture_frames(
            name, play=Play.of(FRAME_QUALITY, theme, lesson=load_lesson(network) if network else None), every=every
        )
    return _FRAMES[key] if grid else _FRAMES[key].named()


# -- what the summary card shows: the storyboard's table ---------------------------------

#: dosage -> (ReLU(top x), x -40.8, bottom x 12.6 x 2.70, their sum, sum - 16, output ReLU),
#: from the storyboard's reference table (shared/LESSON.md); the sum's column by hand.
TABLE = {
    0.0: (0.0, 0.0, 0.0, 0.0, -16.0, 0.0),
    0.2: (0.0, 0.0, 6.804, 6.804, -9.196, 0.0),
    0.4: (0.0, 0.0, 13.608, 13.608, -2.392, 0.0),
    0.5: (0.0, 0.0, 17.01, 17.01, 1.01, 1.01),
    0.6: (0.17, -6.936, 20.412, 13.476, -2.524, 0.0),
    1.0: (0.85, -34.68, 34.02, -0.66, -16.66, 0.0),
}
#: The six steps in reading order (top row left to right, then the bottom row): each
#: panel's heading, its operation, and the curve it ends on.
STEPS = [
    ("1 slice", "ReLU(1.70 × dosage − 0.85)", "top.y"),
    ("2 flip + stretch", "blue × (−40.80)", "top.scaled"),  # -40.8: negative and larger than 1
    ("3 stretch", "orange × 2.70", "bottom.scaled"),
    ("4 add", "blue + orange", "sum"),
    ("5 shift", "green − 16.00", "biased"),
    ("6 clip", "ReLU(green)", "output"),
]


def panels_in_reading_order(record: dict) -> list[dict]:
    graphs = list(record["graphs"].values())
    return sorted(graphs, key=lambda g: (-round(g["at"][1], 1), g["at"][0]))


def y_at(curve: dict, dosage: float) -> float:
    i = int(np.argmin(np.abs(np.array(curve["x"]) - dosage)))
    assert abs(curve["x"][i] - dosage) < 1e-4, f"the curve is not drawn at dosage {dosage}"
    return curve["y"][i]


def test_summary_shows_the_six_steps_in_order_with_the_storyboards_numbers():
    end = card_frames("summary").moments[-1].record
    panels = panels_in_reading_order(end)
    assert len(panels) == 6
    texts = {" ".join(t.split()) for t in end["texts"]}
    for column, (panel, (heading, operation, quantity)) in enumerate(zip(panels, STEPS)):
        assert heading in texts and operation in texts, (heading, operation)
        curve = panel["marks"][f"curve[{quantity}]"]
        for dosage, row in TABLE.items():
            assert y_at(curve, dosage) == pytest.approx(row[column], abs=1e-3), (quantity, dosage)
    # each panel's y-range holds its curve: nothing leaves a panel
    assert not [name for p in panels for name in marks_outside(p)]


def test_summary_ends_on_the_fit_through_the_data():
    end = card_frames("summary").moments[-1]
    clip = panels_in_reading_order(end.record)[-1]
    dots = {(m["x"], m["y"]) for name, m in clip["marks"].items() if name.startswith("dot")}
    assert dots == {(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)}  # the data (storyboard)
    assert "passes close to all 3 data points" in end.caption


def test_summary_adds_blue_and_orange_in_the_add_panel():
    add = panels_in_reading_order(card_frames("summary").moments[-1].record)[3]
    assert {"curve[top.scaled]", "curve[bottom.scaled]", "curve[sum]"} <= set(add["marks"])
    assert y_at(add["marks"]["curve[top.scaled]"], 1.0) == pytest.approx(-34.68, abs=1e-3)
    assert y_at(add["marks"]["curve[bottom.scaled]"], 1.0) == pytest.approx(34.02, abs=1e-3)


def test_summary_captions_tell_the_steps_in_the_storyboards_words():
    captions = [m.caption for m in card_frames("summary").moments if m.label.startswith("beat")]
    expected = ["Slice", "Flip and stretch", "Stretch", "Add", "Shift", "Clip", "fit"]  # six panels, then the fit
    assert len(captions) == len(expected)
    for caption, word in zip(captions, expected):
        assert word in caption, (word, caption)
    assert "0.50" in captions[0]  # the top node bends at dosage 0.85 / 1.70 = 0.50
    assert "−40.80" in captions[1] and "2.70" in captions[2] and "−16.00" in captions[4] and "down" in captions[4]


def test_title_card_shows_the_title_the_network_and_its_fit():
    end = card_frames("title").moments[-1].record
    texts = {" ".join(t.split()) for t in end["texts"]}
    assert LESSON_TITLE in texts
    # the diagram's labels: the storyboard's Part 3 parameters
    assert {"× 1.70", "− 0.85", "× −40.80", "× 12.60", "+ 0.00", "× 2.70", "− 16.00"} <= texts
    assert any("two hidden ReLU nodes and a ReLU before the output" in t for t in texts)
    (plot,) = end["graphs"].values()
    dots = {(m["x"], m["y"]) for name, m in plot["marks"].items() if name.startswith("dot")}
    assert dots == {(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)}
    fit = plot["marks"]["curve[output]"]
    assert [y_at(fit, d) for d in TABLE] == pytest.approx([row[-1] for row in TABLE.values()], abs=1e-3)


# -- composition: every beat, both cards, both themes, another network ------------------

FRAME_CASES = (
    [(n, "light", None) for n in ("title", "summary")]
    + [(n, "dark", None) for n in ("title", "summary")]
    + [(n, "light", "part1") for n in ("title", "summary")]
)


@pytest.mark.parametrize("name, theme, network", FRAME_CASES)
def test_every_beat_keeps_the_composition_rules(name, theme, network):
    """Every beat's end; for the default lesson in the light theme, every 0.25 s too."""
    frames = card_frames(name, theme, network, grid=True)
    beats = [m for m in frames.moments if m.label.startswith("beat")]
    assert beats
    moments = frames.moments if (theme, network) == ("light", None) else beats
    found = [f"{name}: {p}" for p in all_problems(moments)]
    assert not found, "\n".join(found)
    outside = [type(m).__name__ for m in frames.scene.mobjects if not inside_frame(m)]
    assert not outside, f"{name}: {outside} leave the frame"


@pytest.mark.parametrize("name, theme, network", FRAME_CASES)
def test_every_beat_has_a_caption_and_the_card_is_short(name, theme, network):
    scene = card_frames(name, theme, network).scene
    captions = scene.renderer.file_writer.subcaptions
    assert captions and all(c.content.strip() for c in captions)
    assert captions[-1].end.total_seconds() == pytest.approx(scene.time, abs=0.05)
    assert scene.time <= (10 if name == "title" else 30)


def test_another_network_gets_its_own_words():
    """Part 1's network (softplus, no output ReLU, weights -1.30 and 2.28, bias -0.58)."""
    title = card_frames("title", "light", "part1").moments[-1]
    assert any("two hidden softplus nodes and no activation at the output" in t for t in title.record["texts"])
    summary = card_frames("summary", "light", "part1").moments[-1].record
    texts = {" ".join(t.split()) for t in summary["texts"]}
    assert {
        "2 flip + stretch",
        "blue × (−1.30)",
        "3 stretch",
        "orange × 2.28",
        "5 shift",
        "green − 0.58",
        "6 output",
    } <= texts
    captions = [m.caption for m in card_frames("summary", "light", "part1").moments]
    assert any(c.startswith("No clip") for c in captions)


# -- snapshots --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "summary"])
def test_card_matches_its_snapshot(name, frame_snapshot):
    frame_snapshot(card_frames(name))


# -- registration: cards are not stages ---------------------------------------------------


def test_cards_open_and_close_the_lesson_but_are_not_stages():
    stages = current_stages()
    assert len(stages) == 10 and [s.number for s in stages] == list(range(1, 11))
    assert [s.name for s in lesson_order()] == ["title", *(s.name for s in stages), "summary"]
    assert get_stage("summary") is CARDS[1] and get_stage("title").number is None
    from relu_anim.batch import make_plan
    from relu_anim.batch.clean import produced_names

    assert {"title.mp4", "title.srt", "summary.poster.png", "summary.mp4.inputs"} <= produced_names()
    assert [j.stage.name for j in make_plan(["summary"], Play.of("t")).jobs] == ["summary"]
    assert [j.stage.name for j in make_plan(None, Play.of("t")).jobs] == [s.name for s in lesson_order()]


def test_list_shows_the_stages_only():
    from relu_anim.cli import main

    lines = CliRunner().invoke(main, ["list"]).stdout.splitlines()
    assert [line.split()[0] for line in lines] == [s.name for s in current_stages()]


def test_the_lecture_gives_each_card_a_chapter_and_a_slide(tmp_path):
    """A package of two tiny stages between a tiny title card and summary card."""
    from relu_anim.cli import main

    with use_stages(TINY, cards=TINY_CARDS):
        result = CliRunner().invoke(main, ["lecture", "-q", "t", "--quiet", "--media-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    package = tmp_path / "tiny" / "lecture"
    page = (package / "index.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="lecture-data">')[1].split("</script>")[0])
    # hello (15 frames), tiny-a (10), tiny-b (15), bye (10) at 5 fps
    assert [(c["label"], c["start"]) for c in data["chapters"]] == [
        ("A tiny title card", 0.0),
        ("1. A square appears", 3.0),
        ("2. A circle fades in", 5.0),
        ("A tiny summary card", 8.0),
    ]
    assert page.count('<article class="stage"') == 2  # the stage-by-stage section: stages only
    deck = Presentation(str(package / "lesson.pptx"))
    # the title card's slide is its video alone, filling the slide (the card shows the title: not twice)
    titles = [slide.shapes.title.text if slide.shapes.title is not None else None for slide in deck.slides]
    assert titles == [None, "1   The square", "2   Tiny b", "Bye"]  # headings: the registry's, or the name
    opening = [s for s in deck.slides[0].shapes if s.element.xpath(".//a:videoFile")][0]
    assert (opening.left, opening.top, opening.height) == (0, 0, deck.slide_height)
    assert deck.core_properties.title == LESSON_TITLE
    assert (package / "videos" / "hello.mp4").exists() and (package / "videos" / "bye.mp4").exists()
