"""Frame data agrees with the video (issue 30): a narrated stage's captions start and
end, and its beats end, at the times its real render's SRT gives, and the video's
picture at a time is the frame data's picture at that time, not one a frame or two off.

The video is rendered at -q l (the frame data's frame rate, 15 fps) with espeak, its
clips cached in the render's media folder, which the frame data reads too: same voice,
same clips. The SRT is read here, the video decoded with PyAV (tests/pictures.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.play import Play

from .pictures import frames_of, shown_at

STAGE = "clip"
FPS = 15


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    media = tmp_path_factory.mktemp("video")
    result = CliRunner().invoke(
        main, ["render", STAGE, "-q", "l", "--quiet", "--voice", "espeak", "--media-dir", str(media)]
    )
    assert result.exit_code == 0, result.output
    return media


def srt_cues(path: Path) -> list[tuple[float, float]]:
    """Each cue's (start, end) in seconds, read from the SRT's time lines."""
    stamp = r"(\d+):(\d+):(\d+),(\d+)"
    times = []
    for match in re.finditer(rf"{stamp} --> {stamp}", path.read_text(encoding="utf-8")):
        h, m, s, ms, h2, m2, s2, ms2 = map(int, match.groups())
        times.append((h * 3600 + m * 60 + s + ms / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000))
    return times


def frame_data(media: Path, at=None, frames: bool = False, **options):
    play = Play.of(FRAME_QUALITY, voice="espeak", clips=media)
    return capture_frames(STAGE, at, play=play, frames=frames, **options)


def test_the_frame_data_keeps_the_videos_times_and_pictures(rendered):
    """The frame data's captions and beat ends fall where the SRT's cues do; and at the
    video's busiest moments, of the frame data's pictures from two frames before to two
    after, the one at that very time is the closest to the video's."""
    cues = srt_cues(rendered / "low" / f"{STAGE}.srt")
    data = frame_data(rendered)
    captured = [(c.start.total_seconds(), c.end.total_seconds()) for c in data.scene.renderer.file_writer.subcaptions]
    assert len(cues) == len(captured) > 5
    assert np.abs(np.array(captured) - np.array(cues)).max() < 0.002  # the SRT's milliseconds
    beat_ends = [m.time for m in data.moments if m.label.startswith("beat")]
    ends = [end for _, end in cues]
    assert all(min(abs(end - t) for t in ends) < 0.002 for end in beat_ends)  # each beat ends as a cue does
    assert data.duration == pytest.approx(cues[-1][1], abs=0.002)

    video = frames_of(rendered / "low" / f"{STAGE}.mp4")
    offsets = [k / FPS for k in range(-2, 3)]
    for start in busiest(video):
        asked = [round(start + o, 4) for o in offsets]
        pictures = [m.frame[..., :3] for m in frame_data(rendered, at=asked, frames=True, size=None).moments]
        differences = [float(np.abs(shown_at(video, start).astype(float) - p).mean()) for p in pictures]
        assert int(np.argmin(differences)) == 2, (start, differences)


def busiest(video: list[tuple[float, np.ndarray]], count: int = 3) -> list[float]:
    """The starts of the ``count`` frames (at least 2 s apart) that the picture moves most
    into and out of: in the middle of an animation, read from the video alone."""
    moved = [float(np.abs(a.astype(float) - b).mean()) for (_, a), (_, b) in zip(video, video[1:])]
    score = {i: min(moved[i - 1], moved[i]) for i in range(1, len(moved)) if video[i][0] > 1.0}
    chosen: list[float] = []
    for i in sorted(score, key=score.get, reverse=True):
        if all(abs(video[i][0] - t) >= 2.0 for t in chosen):
            chosen.append(video[i][0])
        if len(chosen) == count:
            break
    return chosen
