"""A stage split into chunks (relu_anim/chunks.py, render.render_chunk, render.join_chunks)
gives the same bytes as the stage rendered in one piece: every file, every stage and card,
narrated (espeak) and silent, at -q t, and one stage at -q l (issue 35).

The truth is the render in one piece (render_stage_files), compared byte for byte with
the join of three chunks rendered one after another, each in a folder of its own.
"""

from __future__ import annotations

import numpy as np
import pytest

from relu_anim.chunks import OPEN_END, cut, plan_chunks
from relu_anim.play import Play
from relu_anim.render import join_chunks, render_chunk, render_stage_files
from relu_anim.stages import get_stage, lesson_order, use_stages

from .batch_stages import FRAMES, TALLY

STAGES = [s.name for s in lesson_order()]  # the title card, every stage, the summary card
CHUNKS = 3  # a first chunk, a middle one (played from undrawn animations and ended early) and a last


def test_cut_makes_the_costliest_chunk_as_cheap_as_it_can_be():
    # by hand, undrawn animations free: [1, 1, 1, 1] in two is 2 + 2
    assert cut([1, 1, 1, 1], 2, undrawn=0) == [range(0, 2), range(2, 4)]
    # [5, 1, 1, 1, 1, 1] (10 s) in two: 5 + 5, the first animation alone
    assert cut([5, 1, 1, 1, 1, 1], 2, undrawn=0) == [range(0, 1), range(1, 6)]
    # [1, 10, 1] in three: the 10 s animation is the costliest whatever the cut
    assert cut([1, 10, 1], 3, undrawn=0) == [range(0, 1), range(1, 2), range(2, 3)]
    assert cut([1] * 6, 3, undrawn=0) == [range(0, 2), range(2, 4), range(4, 6)]
    # undrawn at half price: [1, 1, 1, 1] cut after 3 costs 3 and 0.5 * 3 + 1 = 2.5;
    # after 2 it would cost 2 and 0.5 * 2 + 2 = 3, after 1: 1 and 3.5
    assert cut([1, 1, 1, 1], 2, undrawn=0.5) == [range(0, 3), range(3, 4)]
    # ten 1 s animations at 0.35: after 6, 6 and 0.35 * 6 + 4 = 6.1; after 5: 5 and 6.75; after 7: 7
    assert cut([1] * 10, 2, undrawn=0.35) == [range(0, 6), range(6, 10)]


def test_cut_never_makes_an_empty_chunk():
    assert cut([1, 1], 5) == [range(0, 1), range(1, 2)]  # more workers than animations
    assert cut([0.1, 100, 0.1], 4) == [range(0, 1), range(1, 2), range(2, 3)]
    assert cut([3.0], 8) == [range(0, 1)]
    assert cut([], 3) == []
    assert cut([1, 2, 3], 1) == [range(0, 3)]


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    """One clip cache for the module: espeak makes each sentence once."""
    return tmp_path_factory.mktemp("clips")


def split_render(name: str, play: Play, folder, count: int = CHUNKS):
    """``name`` rendered in one piece into ``folder/whole`` and in ``count`` chunks joined
    into ``folder/split``; returns both StageFiles and the chunks' animation ranges."""
    stage = get_stage(name)
    whole = render_stage_files(stage, folder / "whole", play)
    ranges = plan_chunks(stage, play).chunks(count)
    chunks = [render_chunk(stage, folder / f"chunk{i}", play, keep) for i, keep in enumerate(ranges)]
    split = join_chunks(stage, chunks, folder / "split", play)
    return whole, split, ranges


def assert_same_files(whole, split, folder) -> None:
    assert split == whole  # names, frames, duration, the opening picture's moment
    assert set(whole.files) >= {"video", "srt", "vtt", "poster"}
    for role, name in whole.files.items():
        one, joined = (folder / "whole" / name).read_bytes(), (folder / "split" / name).read_bytes()
        assert joined == one, f"{name} ({role}): {len(joined)} bytes joined, {len(one)} whole"


@pytest.mark.parametrize("voice", ["none", "espeak"])
@pytest.mark.parametrize("name", STAGES)
def test_a_stage_in_chunks_is_the_same_bytes_as_in_one_piece(name, voice, clips, tmp_path):
    play = Play.of("t", voice=voice, clips=clips)
    whole, split, ranges = split_render(name, play, tmp_path)
    assert len(ranges) >= 2  # really split
    assert_same_files(whole, split, tmp_path)


def test_a_stage_in_chunks_at_low_quality_is_the_same_bytes(clips, tmp_path):
    play = Play.of("l", voice="espeak", clips=clips)
    whole, split, ranges = split_render("swap", play, tmp_path)
    assert len(ranges) == CHUNKS
    assert_same_files(whole, split, tmp_path)


def test_a_chunk_reaches_its_start_exactly_where_updaters_count_frames_and_follow_rate_functions(tmp_path):
    """A chunk skips its way to its first animation (relu_anim/segments.py): the Tally
    scene (tests/batch_scenes.py) draws what an inexact skip gets wrong (a bar that
    grows once per frame, one that follows a tracker through non-linear rate functions,
    the stage title's fade on its own clock), cut into three chunks at 1 s boundaries
    of its five 1 s plays: the joined chunks are the bytes of the render in one piece."""
    play = Play.of("t", clips=tmp_path / "clips")
    with use_stages((TALLY,)):
        whole, split, ranges = split_render(TALLY.name, play, tmp_path)
    assert len(ranges) == CHUNKS and all(r.start > 0 for r in ranges[1:])  # two chunks reached by a skip
    assert whole.frames == FRAMES[TALLY.name]
    assert_same_files(whole, split, tmp_path)


def states_at_each_play(stage, play: Play, folder, monkeypatch, *, skip: bool) -> list:
    """The renderer's clock and every mobject's kind, points and colours as each animation
    of ``stage`` begins, all of them played undrawn (a chunk whose first animation is past
    the end): skipped through where the renderer can, or (``skip=False``) frame by frame
    as Manim plays them."""
    from relu_anim import segments
    from relu_anim.components import motion

    states, play_one = [], segments.ChunkRenderer.play

    def recording(renderer, scene, *args, **kwargs):
        mobjects = scene.get_mobject_family_members()
        colours = ("fill_rgbas", "stroke_rgbas", "background_stroke_rgbas")
        states.append(
            (
                renderer.time,
                [type(m).__name__ for m in mobjects],
                [np.array(m.points, dtype=float) for m in mobjects],
                [[np.array(getattr(m, c, ()), dtype=float) for c in colours] for m in mobjects],
            )
        )
        return play_one(renderer, scene, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(segments.ChunkRenderer, "play", recording)
        if not skip:
            patch.setattr(motion, "skippable", lambda *_: False)
        render_chunk(stage, folder, play, range(OPEN_END - 1, OPEN_END))
    return states


@pytest.mark.parametrize("name", STAGES)
def test_a_skip_to_a_chunk_s_start_leaves_the_state_of_playing_every_frame(name, monkeypatch, tmp_path):
    """At every animation's start, a stage whose animations were skipped through has the
    clock of one played frame by frame (to the bit), the same mobjects in the same order,
    the same colours (to the bit) and the same points to within 1e-12 scene units (a
    relative move, ``shift`` by a difference, rounds differently from another start:
    1e-12 units is 2e-10 of a pixel at 4K, where Cairo rounds to 1/256 of a pixel)."""
    stage, play = get_stage(name), Play.of("t")
    skipped = states_at_each_play(stage, play, tmp_path / "skipped", monkeypatch, skip=True)
    played = states_at_each_play(stage, play, tmp_path / "played", monkeypatch, skip=False)
    assert len(skipped) == len(played)
    for i, ((t1, kinds1, points1, colours1), (t2, kinds2, points2, colours2)) in enumerate(zip(skipped, played)):
        assert t1 == t2, f"animation {i}: clock {t1!r} skipped, {t2!r} played"
        assert kinds1 == kinds2, f"animation {i}: other mobjects"
        for kind, a, b in zip(kinds1, points1, points2):
            assert a.shape == b.shape and (a.size == 0 or np.max(np.abs(a - b)) < 1e-12), f"animation {i}: {kind}"
        for kind, a, b in zip(kinds1, colours1, colours2):
            assert all(np.array_equal(x, y) for x, y in zip(a, b)), f"animation {i}: {kind}'s colours"


def test_the_plan_counts_every_animation_and_the_video_s_length(clips, tmp_path):
    """The plan's animations are the segments a whole render joins (Manim's concat list,
    read from its own file), and their lengths add up to the video's frames."""
    play = Play.of("t", voice="espeak", clips=clips)
    stage = get_stage("derivative")
    plan = plan_chunks(stage, play)
    keep = range(0, len(plan.lengths))
    chunk = render_chunk(stage, tmp_path, play, keep)
    assert sorted(chunk.segments) == list(keep)
    assert round(plan.seconds * play.quality.fps) == chunk.frames
