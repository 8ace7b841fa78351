"""The whole lesson rendered twice, as a user renders it: reproducible bytes, and the
narration's sound in every stage, card and the joined lesson.

One session fixture runs ``relu-anim render --all -q l --voice espeak --jobs 2`` twice,
each run a fresh process into its own fresh media folder (so the voice's clips are made
twice too). Every test here reads those two runs; tests/conftest.py's ``stage_group``
sends the module to one worker, so the lesson is rendered twice per suite, not twice per
worker. espeak, not joe (the default voice), so that the sound path is exercised on every
stage without joe's synthesis cost; tests/test_narration.py renders with joe.

Reproducible. Before x264's macroblock tree was turned off (relu_anim/media/__init__.py,
``MANIM_ENCODER``), one render of ``swap`` at -q l in two or three differed from the
others (x264 read memory it never wrote, at the end of each animation's segment, so its
quantisers depended on what the heap held; NOTES.md, "Reproducible renders"). Two renders
meet a heap in two different states, which is what made the bytes differ. Why -q l: it is
where the fault showed (two renders at -q t matched, and -q t's frames are too small for
x264 to leave a macroblock's quantiser to the tree), and -q h would cost ten times as much.
The files are compared by their own bytes; the encoder settings each MP4 was made with
are read from the file too (x264 writes them into the stream), so a render with the
macroblock tree on fails here even on a run where the bytes happen to agree.

Sound. Measured from the decoded sound itself (tests/sound.py: its energy envelope,
pyloudnorm), against each file's own captions and video stream, never against the plan
the code made.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from relu_anim.render import lesson_names, output_names
from relu_anim.stages import lesson_order

from .sound import check_sound, decoded_sound, frame_seconds, speech_against_captions, video_seconds

QUALITY = "l"
FOLDER = "low"  # where -q l's files go in a media folder
ORDER = [stage.name for stage in lesson_order()]
RECORDS = ("manifest.json",)  # written by the batch with its own wall times, not outputs


class LessonRenders:
    """The two runs' output folders and how long each took (wall seconds)."""

    def __init__(self, folders: list[Path], seconds: list[float]):
        self.folders, self.seconds = folders, seconds

    @property
    def first(self) -> Path:
        return self.folders[0]


@pytest.fixture(scope="session")
def lesson_renders(tmp_path_factory) -> LessonRenders:
    """``render --all -q l --voice espeak --jobs 2``, twice, each into a fresh media folder."""
    folders, seconds = [], []
    for run in (1, 2):
        media = tmp_path_factory.mktemp(f"lesson-run{run}")
        command = [sys.executable, "-m", "relu_anim", "render", "--all", "-q", QUALITY, "--voice", "espeak"]
        command += ["--jobs", "2", "--quiet", "--media-dir", str(media)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
        seconds.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr[-2000:]
        folders.append(media / FOLDER)
    print(f"\nlesson renders: {', '.join(f'{s:.0f} s' for s in seconds)}", file=sys.stderr)
    return LessonRenders(folders, seconds)


def outputs() -> list[str]:
    """Every file a stage, a card and the joined lesson give in MP4."""
    names = [name for stage in ORDER for name in output_names(stage, "mp4").values()]
    return names + list(lesson_names("mp4").values())


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder`` but the batch's records."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name not in RECORDS and not path.name.endswith(".inputs")
    }


# -- reproducible -------------------------------------------------------------------------


def test_every_output_of_the_lesson_has_the_same_bytes_in_both_runs(lesson_renders):
    first, second = (digests(folder) for folder in lesson_renders.folders)
    missing = sorted(set(outputs()) - set(first))
    assert not missing, f"not written: {missing}"
    assert sorted(first) == sorted(second), "the two runs wrote different files"
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, f"{len(differ)} of {len(first)} files differ between two renders: {', '.join(differ)}"


def x264_settings(path: Path) -> dict[str, str]:
    """The encoder settings x264 wrote into the video stream of ``path`` (its SEI
    "options:" string, in the first packet)."""
    with av.open(str(path)) as container:
        packet = next(container.demux(container.streams.video[0]))
        found = re.search(rb"x264 - core \d+.*? options: ([^\x00]*)", bytes(packet))
    assert found, f"{path.name}: no x264 settings in its first packet"
    return dict(item.split("=", 1) for item in found.group(1).decode("ascii").split() if "=" in item)


def test_every_video_was_encoded_without_the_macroblock_tree(lesson_renders):
    videos = [output_names(stage, "mp4")["video"] for stage in ORDER] + [lesson_names("mp4")["video"]]
    with_tree = [name for name in videos if x264_settings(lesson_renders.first / name).get("mbtree") != "0"]
    assert not with_tree, f"encoded with mbtree on (not reproducible): {with_tree}"


def test_the_settings_reader_sees_the_macroblock_tree_when_it_is_on(tmp_path):
    """The check above, on a video encoded with x264's defaults (mbtree on)."""
    import numpy as np

    path = tmp_path / "tree.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15, options={"preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for index in range(8):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), index * 30, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    assert x264_settings(path)["mbtree"] == "1"


# -- the sound of every stage and card, and of the lesson ----------------------------------


@pytest.mark.parametrize("name", [*ORDER, "lesson"])
def test_the_sound_is_aac_as_long_as_the_video_at_the_loudness(lesson_renders, name):
    check_sound(lesson_renders.first / f"{name}.mp4", "aac")


@pytest.mark.parametrize("name", [*ORDER, "lesson"])
def test_speech_starts_with_each_cue_and_ends_before_it_does(lesson_renders, name):
    count, wrong = speech_against_captions(lesson_renders.first / f"{name}.mp4", lesson_renders.first / f"{name}.srt")
    assert count, f"{name}.srt has no cues"
    assert not wrong, f"{len(wrong)} of {count} cues: " + "; ".join(wrong)


def test_the_lesson_carries_one_track_as_long_as_its_parts(lesson_renders):
    folder = lesson_renders.first
    lesson = folder / "lesson.mp4"
    with av.open(str(lesson)) as container:
        assert len(container.streams.audio) == 1
    samples, rate = decoded_sound(lesson)
    parts = sum(video_seconds(folder / f"{name}.mp4") for name in ORDER)
    frame = frame_seconds(lesson)
    assert samples.size / rate == pytest.approx(parts, abs=frame * len(ORDER))  # within a frame a part


def test_the_speech_check_finds_late_words_and_words_running_past_their_cue(tmp_path):
    """tests/sound.py's check on a sound made here: tones where the words are."""
    import wave

    import numpy as np

    rate = 48_000
    sound = np.zeros(8 * rate)
    # on time; 0.3 s late; 0.3 s past its cue; a cue going on with its sentence, said after a pause
    for start, end in ((1.0, 2.0), (3.3, 4.0), (5.0, 6.3), (7.3, 7.6)):
        t = np.arange(round(start * rate), round(end * rate)) / rate
        sound[round(start * rate) : round(end * rate)] = 0.3 * np.sin(2 * np.pi * 200 * t)
    with wave.open(str(tmp_path / "said.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((sound * 32767).astype("<i2").tobytes())
    cues = [
        ("00:00:01,000 --> 00:00:02,500", "Cue one."),
        ("00:00:03,000 --> 00:00:04,500", "Cue two."),
        ("00:00:05,000 --> 00:00:06,000", "Cue three,"),
        ("00:00:06,800 --> 00:00:07,900", "and on."),
    ]
    text = "".join(f"{n}\n{times}\n{words}\n\n" for n, (times, words) in enumerate(cues, 1))
    (tmp_path / "said.srt").write_text(text, encoding="utf-8")
    count, wrong = speech_against_captions(tmp_path / "said.wav", tmp_path / "said.srt")
    assert count == 4
    assert wrong == [
        "'Cue two.': speech starts at 3.30, the cue at 3.00",
        "'Cue three,': speech runs on to 6.30, past the cue's end 6.00",
        "'and on.': not said in the same breath as the cue before it, at 6.80",
    ]
