"""Consecutive entries of the joined lesson hand over: the first frame of a stage or
card shows what the one before it ended on (graphs with their ranges, titles and marks,
the diagram's highlights, the texts), so the joined lesson never cuts to an empty frame.
A stage rebuilds that picture from :mod:`relu_anim.handovers`, or (``replays_previous``)
opens on the previous stage played again and dissolves from it. Only the lesson's first
picture opens fresh (``Stage.opens_fresh`` says why)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relu_anim.frames import capture_frames
from relu_anim.stages import FADES_IN, STAGES, lesson_order

from .conftest import grid_moment, stage_frames

SNAPSHOTS = Path(__file__).parent / "snapshots"
STAGE_NAMES = {stage.name for stage in STAGES}  # the rest of the lesson's order is its cards
ORDER = lesson_order()
PAIRS = list(zip(ORDER, ORDER[1:]))


def carried(record: dict) -> dict:
    """The parts of a frame record that a following stage carries over. A curve is
    keyed by what it shows on screen (its points and colour), not by the name of the
    forward-pass value it was first drawn from (scale-top scales ``top.y`` in place)."""
    graphs = {
        name: {
            **{k: graph[k] for k in ("kind", "x_range", "y_range", "titles", "ticks", "at", "size")},
            "marks": sorted(json.dumps(mark, sort_keys=True) for mark in graph["marks"].values()),
        }
        for name, graph in record["graphs"].items()
    }
    diagrams = {
        name: {k: d[k] for k in ("highlighted", "activations", "at", "width")} for name, d in record["diagrams"].items()
    }
    return {"graphs": graphs, "diagrams": diagrams, "texts": record["texts"]}


def last_record(stage) -> dict:
    """Stage N's last frame, from its snapshot (test_snapshots keeps the snapshot true)."""
    return json.loads((SNAPSHOTS / stage.name / "frames.json").read_text(encoding="utf-8"))["moments"][-1]


def first_record(stage) -> dict:
    return capture_frames(stage.name, at=[0.0], frames=False, whole=False).moments[0].record


def differences(before: dict, after: dict) -> list[str]:
    out = []
    for section in before:
        for key in sorted(set(before[section]) | set(after[section])):
            if before[section].get(key) != after[section].get(key):
                out.append(f"{section}.{key}")
    return out


@pytest.mark.parametrize("before, after", [pytest.param(a, b, id=f"{a.name}->{b.name}") for a, b in PAIRS])
def test_each_stage_opens_on_the_picture_the_one_before_ended_on_or_says_why_not(before, after):
    # a stage's opening is its grid moment at 0 s, from the play its other tests share
    # (tests/conftest.py's stage_group sends "a->b" to b's worker); a card's is its own
    opening = grid_moment(after.name, 0.0).record if after.name in STAGE_NAMES else first_record(after)
    changed = differences(carried(last_record(before)), carried(opening))
    if after.opens_fresh:
        assert changed, f"{after.name} says it opens fresh ({after.opens_fresh}), yet it opens on {before.name}'s end"
        if after.opens_fresh.startswith(FADES_IN):
            assert opening == {"graphs": {}, "diagrams": {}, "texts": {}, "content": []}, (
                f"{after.name} does not open on an empty frame"
            )
    else:
        assert not changed, f"{after.name} opens on a different picture from {before.name}'s end: {changed}"


def test_only_the_lessons_first_picture_opens_fresh_and_its_reason_is_words():
    assert ORDER[0].opens_fresh.startswith(FADES_IN) and len(ORDER[0].opens_fresh.split()) >= 3
    assert [entry.name for entry in ORDER[1:] if entry.opens_fresh] == []


@pytest.mark.parametrize("stage", [s for s in ORDER if s.replays_previous], ids=lambda s: s.name)
def test_a_stage_that_replays_the_one_before_opens_well_alone_and_ends_its_first_beat_alike(stage):
    """Played without the stage before it (as plain ``manim`` plays its file), a stage
    that dissolves from the previous picture fades its own in from an empty frame; with
    or without that opening, nothing of the old picture is left once the first beat ends."""
    # with the opening: the first beat of the play the stage's other tests share (a card: its own)
    if stage.name in STAGE_NAMES:
        first_beat = next(m for m in stage_frames(stage.name).moments if m.label.startswith("beat"))
        beat, with_opening = first_beat.time, first_beat.record
    else:
        beat = next(m.time for m in capture_frames(stage.name, frames=False).moments if m.label != "end")
        with_opening = capture_frames(stage.name, at=[beat], frames=False, whole=False).moments[0].record
    alone, without = (
        m.record for m in capture_frames(stage.name, at=[0.0, beat], frames=False, whole=False, opening=False).moments
    )
    assert alone == {"graphs": {}, "diagrams": {}, "texts": {}, "content": []}
    assert with_opening == without


def test_a_stage_that_changed_its_opening_fails_the_handover():
    """The check catches a real jump: orange-line opening on scale-top's unscaled line."""
    end = carried(last_record(STAGES[4]))
    opening = carried(first_record(STAGES[5]))
    assert differences(end, opening) == []
    plot = end["graphs"]["plot"]
    moved = {**end, "graphs": {**end["graphs"], "plot": {**plot, "titles": {**plot["titles"], "y": "Top node output"}}}}
    assert differences(moved, opening) == ["graphs.plot"]


def test_a_capture_that_need_not_play_to_the_end_stops_early():
    """``whole=False`` takes the same moment as a whole capture, and plays no further:
    Boom raises after its first animation (0.4 s), which a capture at 0.1 s never reaches."""
    from .batch_scenes import Boom, TinyB

    whole = capture_frames(TinyB, at=[1.5], frames=False)
    part = capture_frames(TinyB, at=[1.5], frames=False, whole=False)
    assert part.moments[0].record == whole.moments[0].record and whole.duration == pytest.approx(3.0)
    assert len(capture_frames(Boom, at=[0.1], frames=False, whole=False).moments) == 1
    with pytest.raises(RuntimeError, match="on purpose"):
        capture_frames(Boom, at=[0.1], frames=False)


def test_what_the_opening_leaves_fades_with_it_even_a_follower():
    """Issue 30: summary opens on derivative's last picture; its SSR dots (redrawn every
    frame by their track's follower) stayed fully drawn over the new panels, then
    vanished in one frame. Halfway through the 1.2 s fade, they are half gone."""
    record = capture_frames("summary", [0.6], frames=False).moments[0].record
    dots = [mark for graph in record["graphs"].values() for name, mark in graph.get("marks", {}).items()]
    assert len(dots) >= 30  # both runs' dots, from derivative's SSR graph
    assert all(mark["opacity"] <= 0.6 for mark in dots), sorted({mark["opacity"] for mark in dots})
