"""Rendering real files: playable, web-ready videos with captions and posters.

Machinery is tested on tiny purpose-made scenes (tests/batch_scenes.py) at quality t
(256x144, 5 fps), whose lengths are known from their run times; one end-to-end test
renders the real lesson.
"""

import json
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from click.testing import CliRunner
from PIL import Image

from relu_anim.cli import main
from relu_anim.play import Play
from relu_anim.render import output_dir, render_stage, staged
from relu_anim.stages import use_stages

from .batch_stages import FRAMES, TEST_STAGES, TINY

FPS = 5  # quality t


@pytest.fixture(autouse=True)
def test_stages():
    with use_stages(TEST_STAGES):
        yield


def render(*args):
    return CliRunner().invoke(main, ["render", "-q", "t", *map(str, args)])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """``relu-anim render tiny-a tiny-b -q t --jobs 2`` into a fresh media folder."""
    media = tmp_path_factory.mktemp("media")
    with use_stages(TEST_STAGES):
        result = render("tiny-a", "tiny-b", "--jobs", "2", "--media-dir", media)
    assert result.exit_code == 0, result.output
    return media, result.stdout.splitlines(), result.stderr.splitlines()


def moov_before_mdat(path: Path) -> bool:
    data = path.read_bytes()
    return 0 < data.find(b"moov") < data.find(b"mdat")


def decoded(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def test_render_prints_each_file_it_writes(rendered):
    media, lines, progress = rendered
    folder = media / "tiny"
    expected = [
        folder / f"{name}.{ext}" for name in ("tiny-a", "tiny-b") for ext in ("mp4", "srt", "vtt", "poster.png")
    ]
    assert lines == [str(p) for p in expected]
    assert all(p.exists() for p in expected)
    assert "relu-anim: rendering tiny-a (1/2)" in progress and "relu-anim: rendering tiny-b (2/2)" in progress


def test_rendered_video_is_playable_h264_of_the_scene_length(rendered):
    media, *_ = rendered
    for name in ("tiny-a", "tiny-b"):
        video = media / "tiny" / f"{name}.mp4"
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            assert stream.codec_context.name == "h264" and stream.codec_context.pix_fmt == "yuv420p"
            assert (stream.width, stream.height) == (256, 144)
            assert stream.base_rate == FPS  # its ticks (a hold is one frame shown for several)
            frames = sum(1 for _ in container.decode(stream))
        assert frames == FRAMES[name]  # from the scene's run times
        assert moov_before_mdat(video)  # faststart: plays in a browser before it has fully arrived


def test_same_inputs_give_byte_identical_files_whatever_the_jobs(rendered, tmp_path):
    media, *_ = rendered  # rendered with --jobs 2: one stage per worker
    result = render("tiny-a", "tiny-b", "--jobs", "1", "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("tiny-a.mp4", "tiny-b.mp4", "tiny-b.poster.png", "tiny-b.vtt"):
        assert (tmp_path / "tiny" / name).read_bytes() == (media / "tiny" / name).read_bytes(), name


def test_captions_come_as_srt_and_matching_webvtt(rendered):
    media, *_ = rendered
    captions = list(srt.parse((media / "tiny" / "tiny-b.srt").read_text(encoding="utf-8")))
    assert [c.content for c in captions] == ["A circle fades in.", "It fills."]
    assert [(c.start.total_seconds(), c.end.total_seconds()) for c in captions] == [(0, 1), (1, 3)]
    vtt = (media / "tiny" / "tiny-b.vtt").read_text(encoding="utf-8")
    assert vtt.split("\n\n") == [
        "WEBVTT",
        "1\n00:00:00.000 --> 00:00:01.000\nA circle fades in.",
        "2\n00:00:01.000 --> 00:00:03.000\nIt fills.\n",
    ]


def test_poster_is_the_last_frame_or_the_stage_poster_time(rendered):
    media, *_ = rendered
    for name, index in (("tiny-a", -1), ("tiny-b", int(1.1 * FPS))):  # tiny-b names 1.1 s: frame 5
        poster = np.asarray(Image.open(media / "tiny" / f"{name}.poster.png").convert("RGB")).astype(int)
        frames = decoded(media / "tiny" / f"{name}.mp4")
        assert poster.shape == (144, 256, 3)
        errors = [np.abs(poster - frame.astype(int)).mean() for frame in frames]
        assert errors[index] < 2  # the same picture, give or take the video's compression
        # no other frame is closer, beyond the compression's noise (tiny-b's frames 4-6
        # differ from each other by less than that: 0.03 of 255, mean, at 256x144)
        assert errors[index] == pytest.approx(min(errors), abs=0.05)
        assert max(errors) > 3  # (and the frames do differ)
    assert errors[-1] > 3  # tiny-b's poster is not its last frame


@pytest.mark.parametrize("format, codec", [("webm", "vp9"), ("gif", "gif")])
def test_other_video_formats(format, codec, tmp_path):
    result = render("tiny-a", "--format", format, "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    video = tmp_path / "tiny" / f"tiny-a.{format}"
    assert result.stdout.splitlines()[0] == str(video)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == codec and (stream.width, stream.height) == (256, 144)
        assert sum(1 for _ in container.decode(stream)) == FRAMES["tiny-a"]
    assert (tmp_path / "tiny" / "tiny-a.vtt").exists() and (tmp_path / "tiny" / "tiny-a.poster.png").exists()


def test_png_format_is_the_last_frame_alone(tmp_path, rendered):
    result = render("tiny-a", "--format", "png", "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "tiny" / "tiny-a.png")]
    picture = np.asarray(Image.open(tmp_path / "tiny" / "tiny-a.png").convert("RGB")).astype(int)
    last = decoded(rendered[0] / "tiny" / "tiny-a.mp4")[-1]
    assert picture.shape == (144, 256, 3) and np.abs(picture - last).mean() < 3


def test_join_lasts_as_long_as_its_parts_with_chapters(tmp_path):
    """Two stages joined: the lesson's frames, caption times and chapters follow from
    its parts' known lengths (2 s and 3 s)."""
    with use_stages(TINY):
        result = render("--all", "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "tiny"
    assert result.stdout.splitlines()[-5:] == [
        str(folder / f"lesson.{ext}") for ext in ("mp4", "srt", "vtt", "chapters.vtt", "poster.png")
    ]
    frames = decoded(folder / "lesson.mp4")
    assert len(frames) == FRAMES["tiny-a"] + FRAMES["tiny-b"]
    assert moov_before_mdat(folder / "lesson.mp4")
    captions = list(srt.parse((folder / "lesson.srt").read_text(encoding="utf-8")))
    assert [(c.start.total_seconds(), c.end.total_seconds(), c.content) for c in captions] == [
        (0, 2, "A square appears."),
        (2, 3, "A circle fades in."),
        (3, 5, "It fills."),
    ]
    chapters = (folder / "lesson.chapters.vtt").read_text(encoding="utf-8")
    assert "00:00:00.000 --> 00:00:02.000\nA square appears\n" in chapters
    assert "00:00:02.000 --> 00:00:05.000\nA circle fades in\n" in chapters


def test_output_folders(tmp_path):
    assert output_dir(tmp_path, Play.of("l", "dark")) == tmp_path / "low-dark"
    assert output_dir(tmp_path, Play.of("h", "light")) == tmp_path / "high"
    assert output_dir(tmp_path, Play.of("h", "light"), network="part3") == tmp_path / "high"
    assert output_dir(tmp_path, Play.of("t", "dark"), network="part1") == tmp_path / "part1" / "tiny-dark"


def test_a_failed_render_leaves_nothing_half_written(tmp_path, monkeypatch):
    dest = output_dir(tmp_path, Play.of("t")) / "tiny-a.mp4"
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"the previous, finished video")

    def broken(*_args, **_kwargs):
        raise RuntimeError("encoder died")

    monkeypatch.setattr("relu_anim.media.video.faststart", broken)
    from relu_anim.render import RenderError

    with pytest.raises(RenderError, match="^tiny-a: RuntimeError: encoder died$"):
        render_stage("tiny-a", Play.of("t"), media_dir=tmp_path)
    assert dest.read_bytes() == b"the previous, finished video"
    assert [p.name for p in dest.parent.iterdir()] == ["tiny-a.mp4"]
    assert list((tmp_path / ".work").iterdir()) == []  # the working folder went too


def test_staged_replaces_only_on_success(tmp_path):
    dest = tmp_path / "out.txt"
    with staged(dest) as tmp:
        tmp.write_text("done")
    assert dest.read_text() == "done"
    with pytest.raises(ValueError), staged(dest) as tmp:
        tmp.write_text("half")
        raise ValueError
    assert dest.read_text() == "done" and list(tmp_path.iterdir()) == [dest]


def test_render_all_of_real_stages_writes_them_and_the_joined_lesson(tmp_path):
    """The end-to-end test: real stages of the lesson (two of them, to stay quick) between
    the real title and summary cards, rendered at the tiny quality and joined by
    ``render --all``: playable videos, then one lesson video as long as all four
    together, with captions timed to it and one chapter each, the cards' included."""
    from relu_anim.stages import CARDS, STAGES

    real = tuple(stage for stage in STAGES if stage.name in ("recap", "first-dot"))
    with use_stages(real, cards=CARDS):
        result = render("--all", "--media-dir", tmp_path)
    names = ["title", "recap", "first-dot", "summary"]  # the lesson's order: title card, stages, summary card
    assert result.exit_code == 0, result.output
    folder = tmp_path / "tiny"
    per_stage = ("mp4", "srt", "vtt", "poster.png")
    expected = [str(folder / f"{n}.{ext}") for n in names for ext in per_stage]
    lesson = [str(folder / f"lesson.{ext}") for ext in ("mp4", "srt", "vtt", "chapters.vtt", "poster.png")]
    assert result.stdout.splitlines() == expected + lesson
    total, captions, starts = 0.0, 0, []
    for name in names:
        with av.open(str(folder / f"{name}.mp4")) as video:
            stream = video.streams.video[0]
            assert stream.codec_context.name == "h264" and (stream.width, stream.height) == (256, 144)
            assert next(video.decode(stream)).width == 256  # it plays
            starts.append(total)
            total += float(stream.duration * stream.time_base)
        captions += len(list(srt.parse((folder / f"{name}.srt").read_text(encoding="utf-8"))))
        if name != "title":  # the title card's captions hold no negative number
            assert "−" in (folder / f"{name}.srt").read_text(encoding="utf-8")  # the model's numbers, in the one format
    with av.open(str(folder / "lesson.mp4")) as joined:
        stream = joined.streams.video[0]
        assert float(stream.duration * stream.time_base) == pytest.approx(total, abs=1e-3)
        assert sum(1 for _ in joined.decode(stream)) == pytest.approx(total * 5, abs=2)  # 5 fps, every frame there
    lesson_captions = list(srt.parse((folder / "lesson.srt").read_text(encoding="utf-8")))
    assert len(lesson_captions) == captions
    assert lesson_captions[-1].end.total_seconds() == pytest.approx(total, abs=0.3)
    chapters = list(webvtt_cues(folder / "lesson.chapters.vtt"))
    assert [text for _, _, text in chapters] == [stage.description for stage in (CARDS[0], *real, CARDS[1])]
    assert [start for start, _, _ in chapters] == pytest.approx(starts, abs=1e-3)
    assert chapters[-1][1] == pytest.approx(total, abs=1e-3)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    kinds = {o["stage"]: (o["kind"], o["number"]) for o in manifest["outputs"]}
    assert kinds == {
        "title": ("card", None),
        "recap": ("stage", 1),
        "first-dot": ("stage", 3),
        "summary": ("card", None),
        "lesson": ("lesson", None),
    }
    # the title card's poster: the summary card's would give the ending away
    assert (folder / "lesson.poster.png").read_bytes() == (folder / "title.poster.png").read_bytes()
    assert not list(tmp_path.rglob("*.part*"))  # nothing half-written left behind


def webvtt_cues(path: Path):
    """(start, end, text) of each cue of a WebVTT file, read here by hand (hh:mm:ss.mmm)."""

    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")[1:]
    for block in blocks:
        lines = block.splitlines()
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        start, end = (seconds(part.strip().split(" ")[0]) for part in lines[timing].split("-->"))
        yield start, end, " ".join(lines[timing + 1 :])


@pytest.mark.parametrize("format", ["mp4", "webm", "gif"])
def test_a_held_picture_is_one_frame_a_quarter_second_and_lasts_its_time(format, tmp_path):
    """tiny-a at -q l (15 fps): 1 s of drawing (15 frames, one per tick), then its beat
    holds for 1 s. The hold is written as one frame per 0.25 s at most (relu_anim.segments),
    each shown until the next: the video lasts 2 s, every frame sits on a tick, and every
    tick of the hold shows the finished square (the poster, the last frame)."""
    result = render("tiny-a", "-q", "l", "--format", format, "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "low"
    with av.open(str(folder / f"tiny-a.{format}")) as container:
        stream = container.streams.video[0]
        shown = [
            (float(frame.pts * stream.time_base), frame.to_ndarray(format="rgb24"))
            for frame in container.decode(stream)
        ]
        length = float(stream.duration * stream.time_base) if stream.duration else container.duration / av.time_base
    tick = 1 / 15
    assert length == pytest.approx(2.0, abs=0.01)
    times = [t for t, _ in shown]
    slack = {"gif": 0.005, "webm": 0.0005, "mp4": 0}[format] + 1e-6  # GIF counts hundredths, WebM ms
    assert all(abs(t - round(t / tick) * tick) <= slack for t in times), times  # on the frame rate's ticks
    drawing = [t for t in times if t < 1 - 1e-6]
    held = [t for t in times if t >= 1 - 1e-6]
    assert len(drawing) == 15  # the square being drawn: every tick a frame
    assert 4 <= len(held) < 15  # the hold: a frame per quarter second at most, not one per tick
    gaps = [b - a for a, b in zip(times, times[1:] + [length])]
    assert max(gaps) <= 0.25 + slack
    poster = np.asarray(Image.open(folder / "tiny-a.poster.png").convert("RGB")).astype(int)
    for t, picture in shown:
        if t >= 1 - 1e-6:  # every tick from 1 s to 2 s shows one of these frames
            assert np.abs(picture.astype(int) - poster).mean() < 2, t
    assert np.abs(shown[0][1].astype(int) - poster).mean() > 3  # (and the drawing differs from it)
