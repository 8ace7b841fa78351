"""Rendering real files: the CLI writes playable, web-ready MP4s with captions."""

from pathlib import Path

import av
import pytest
import srt
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.render import RenderedStage, join_lesson, output_dir, render_stage, staged
from relu_anim.stages import get_stage

from .conftest import stage_frames


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """``relu-anim render first-dot -q t`` (the tiny test quality) into a fresh media folder."""
    media = tmp_path_factory.mktemp("media")
    result = CliRunner().invoke(main, ["render", "first-dot", "-q", "t", "--media-dir", str(media)])
    assert result.exit_code == 0, result.output
    return media, result.stdout.splitlines(), result.stderr.splitlines()


def moov_before_mdat(path: Path) -> bool:
    data = path.read_bytes()
    return 0 < data.find(b"moov") < data.find(b"mdat")


def test_render_prints_each_file_it_writes(rendered):
    media, lines, progress = rendered
    assert lines == [str(media / "tiny" / "first-dot.mp4"), str(media / "tiny" / "first-dot.srt")]
    assert progress == ["relu-anim: rendering first-dot (1/1)"]  # on stderr, apart from the paths


def test_rendered_video_is_playable_h264_of_the_scene_length(rendered):
    media, *_ = rendered
    video = media / "tiny" / "first-dot.mp4"
    expected_seconds = stage_frames("first-dot").duration  # the scene's own clock, no video involved
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (256, 144)
        assert stream.average_rate == pytest.approx(5, rel=1e-3)
        frames = sum(1 for _ in container.decode(stream))
    assert frames == pytest.approx(expected_seconds * 5, abs=1)
    assert moov_before_mdat(video)  # faststart: plays in a browser before it has fully arrived


def test_rendered_captions_cover_every_beat(rendered):
    media, *_ = rendered
    captions = list(srt.parse((media / "tiny" / "first-dot.srt").read_text(encoding="utf-8")))
    assert len(captions) == len(stage_frames("first-dot").scene.renderer.file_writer.subcaptions) == 5
    assert captions[0].start.total_seconds() == 0
    for before, after in zip(captions, captions[1:]):
        assert before.end <= after.start  # in order, never overlapping
    assert "−0.85" in captions[1].content  # the model's number, in the one format


def test_join_lasts_as_long_as_its_parts(rendered):
    """The end-to-end test: two real stages (first-dot, then swap) rendered and joined;
    the lesson's length, frames and caption times follow from its parts."""
    media, *_ = rendered
    swap = render_stage("swap", quality="t", media_dir=media)
    first = RenderedStage(get_stage("first-dot"), media / "tiny" / "first-dot.mp4", media / "tiny" / "first-dot.srt")
    parts = [first, swap]
    lesson = join_lesson(parts, media / "joined")
    lengths, frames = [], []
    for part in parts:
        with av.open(str(part.video)) as video:
            stream = video.streams.video[0]
            lengths.append(float(stream.duration * stream.time_base))
            frames.append(sum(1 for _ in video.decode(stream)))
    assert lesson.duration == pytest.approx(sum(lengths), abs=1e-3)
    with av.open(str(lesson.video)) as joined:
        assert sum(1 for _ in joined.decode(video=0)) == sum(frames)
    joined_captions = list(srt.parse(lesson.captions.read_text(encoding="utf-8")))
    first_captions = list(srt.parse(first.captions.read_text(encoding="utf-8")))
    swap_captions = list(srt.parse(swap.captions.read_text(encoding="utf-8")))
    assert len(joined_captions) == len(first_captions) + len(swap_captions)
    second_start = joined_captions[len(first_captions)]
    assert second_start.content == swap_captions[0].content
    assert second_start.start.total_seconds() == pytest.approx(lengths[0], abs=1e-3)  # swap starts after first-dot
    assert joined_captions[-1].end.total_seconds() == pytest.approx(lesson.duration, abs=0.1)
    assert moov_before_mdat(lesson.video)


def test_dark_theme_goes_to_its_own_folder(tmp_path):
    assert output_dir(tmp_path, "l", "dark") == tmp_path / "low-dark"
    assert output_dir(tmp_path, "h", "light") == tmp_path / "high"


def test_a_failed_render_leaves_nothing_half_written(tmp_path, monkeypatch):
    dest = output_dir(tmp_path, "t") / "first-dot.mp4"
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"the previous, finished video")

    def broken(*_args, **_kwargs):
        raise RuntimeError("encoder died")

    monkeypatch.setattr("relu_anim.render.join", broken)
    with pytest.raises(RuntimeError, match="encoder died"):
        render_stage("first-dot", quality="t", media_dir=tmp_path)
    assert dest.read_bytes() == b"the previous, finished video"
    assert not [p for p in dest.parent.iterdir() if ".part" in p.name]


def test_staged_replaces_only_on_success(tmp_path):
    dest = tmp_path / "out.txt"
    with staged(dest) as tmp:
        tmp.write_text("done")
    assert dest.read_text() == "done"
    with pytest.raises(ValueError):
        with staged(dest) as tmp:
            tmp.write_text("half")
            raise ValueError
    assert dest.read_text() == "done" and list(tmp_path.iterdir()) == [dest]
