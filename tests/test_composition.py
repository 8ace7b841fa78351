"""Issue 12's composition rules, over the frame data of every beat of every stage: the
picture uses the frame, text reads at 480p, and each stage opens with its number and
title, briefly and out of the way."""

from __future__ import annotations

import pytest

from relu_anim.composition import FRAME_HEIGHT, problems, span
from relu_anim.frames import capture_frames
from relu_anim.stages import STAGES

NAMES = [stage.name for stage in STAGES]


@pytest.mark.parametrize("name", NAMES)
def test_every_beat_uses_the_frame_and_its_text_reads_at_480p(frames, name):
    found = []
    for moment in frames(name).moments:
        found += [f"{name} @ {moment.time:.2f}s ({moment.label}): {p}" for p in problems(moment.record)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", NAMES)
def test_each_stage_opens_with_its_number_and_title_then_lets_go(name):
    stage = next(s for s in STAGES if s.name == name)
    shown = capture_frames(name, at=[0.0, 1.5, 4.0], frames=False, whole=False).moments
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


def test_the_rules_catch_a_cramped_picture_and_small_text():
    """Records made by hand: a picture in one corner, a caption too small to read."""
    cramped = {"content": [-7.0, 1.0, -1.0, 4.0], "texts": {"tiny words": {"size": 0.15}, "Dosage": {"size": 0.2}}}
    assert span(cramped) == pytest.approx((6.0 / (128 / 9), 3.0 / 8.0))
    found = problems(cramped)
    assert len(found) == 2 and "42% of the width and 38% of the height" in found[0] and "'tiny words'" in found[1]
    assert problems({"content": [-6.0, -3.0, 6.0, 3.0], "texts": {"Dosage": {"size": 0.2}}}) == []
    assert problems({"content": [], "texts": {}})[0].startswith("the picture spans 0%")
