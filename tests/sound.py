"""The sound of a rendered video, measured from the file itself (tests/test_narration.py,
tests/test_lesson_renders.py): its stream, its length against the video's, where speech
is (the decoded sound's own energy envelope, never the plan the code made) against the
captions, and its loudness (pyloudnorm on the decoded sound)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
import srt

WINDOW = 0.01  # seconds of sound per step of the energy envelope
QUIET_DB = -35  # a window quieter than the loudest by more than this is not speech
LEAD = 0.2  # seconds before a cue searched for its onset (the words before end 0.3 s before this cue starts)
#: A cue that goes on with its sentence (the cue before it does not end one) starts inside
#: one utterance: words are heard within this many seconds on each side of its start.
RUN_ON = 0.3


def decoded_sound(path: Path) -> tuple[np.ndarray, int]:
    """The first sound stream, decoded: (mono samples, rate)."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [frame.to_ndarray()[0] for frame in container.decode(stream)]
        return np.concatenate(chunks).astype(np.float32), stream.rate


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is None:  # WebM keeps only the file's duration
            return container.duration / av.time_base
        return float(stream.duration * stream.time_base)


def frame_seconds(path: Path) -> float:
    """One frame of the video, in seconds: a tick of its own frame rate (its base rate; a
    held picture is one frame shown for several ticks, so the average rate is lower)."""
    with av.open(str(path)) as container:
        return float(1 / container.streams.video[0].base_rate)


def loud_windows(samples: np.ndarray, rate: int, window: float = WINDOW) -> np.ndarray:
    """For each ``window`` of the sound: whether it is speech (RMS within 35 dB of the loudest window)."""
    size = round(window * rate)
    frames = samples[: samples.size // size * size].reshape(-1, size).astype(np.float64)
    rms = np.sqrt((frames**2).mean(axis=1)) + 1e-12
    return 20 * np.log10(rms / rms.max()) > QUIET_DB


def speech_against_captions(video: Path, captions: Path) -> tuple[int, list[str]]:
    """(the number of cues, what is wrong): speech must start within 0.1 s of every cue's
    start and stop before its end; a cue that goes on with the sentence of the cue before
    (which ends without ``.``, ``!`` or ``?``) is said in the same breath, so words are
    heard within :data:`RUN_ON` on both sides of its start instead of an onset there.

    A cue's speech is what is heard from :data:`LEAD` before its start until :data:`LEAD`
    before the next cue's (or the end of the sound), so that words running on past a cue's
    end are heard as this cue's, not cut off at its end."""
    samples, rate = decoded_sound(video)
    loud = loud_windows(samples, rate)
    steps = round(1 / WINDOW)  # windows a second; window k is [k, k + 1) / steps seconds
    cues = list(srt.parse(captions.read_text(encoding="utf-8")))
    wrong = []
    for index, cue in enumerate(cues):
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        since = max(0, round((start - LEAD) * steps))
        until = round((cues[index + 1].start.total_seconds() - LEAD) * steps) if index + 1 < len(cues) else loud.size
        heard = since + np.flatnonzero(loud[since:until])
        said = cue.content.replace("\n", " ")
        if not heard.size:
            wrong.append(f"{said!r} ({start:.2f}-{end:.2f}): no speech at all")
            continue
        onset, last = heard[0] / steps, (heard[-1] + 1) / steps  # the first loud window's start, the last's end
        if index and not cues[index - 1].content.rstrip().endswith((".", "!", "?")):
            around = loud[max(0, round((start - RUN_ON) * steps)) : round((start + RUN_ON) * steps)]
            middle = round(RUN_ON * steps) if start >= RUN_ON else round(start * steps)
            if not (around[:middle].any() and around[middle:].any()):
                wrong.append(f"{said!r}: not said in the same breath as the cue before it, at {start:.2f}")
        elif abs(onset - start) > 0.1:
            wrong.append(f"{said!r}: speech starts at {onset:.2f}, the cue at {start:.2f}")
        if heard[-1] + 1 > round(end * steps):
            wrong.append(f"{said!r}: speech runs on to {last:.2f}, past the cue's end {end:.2f}")
    return len(cues), wrong


def check_speech_follows_captions(video: Path, captions: Path) -> int:
    """Speech starts within 0.1 s of every cue's start and stops before its end; returns the cue count."""
    count, wrong = speech_against_captions(video, captions)
    assert count, f"{captions.name} has no cues"
    assert not wrong, f"{video.name}: " + "; ".join(wrong)
    return count


def check_sound(path: Path, codec: str) -> None:
    """One mono 48 kHz stream in ``codec``, as long as the video within one frame, about
    -16 LUFS integrated, peaks under -1 dBFS."""
    import pyloudnorm

    with av.open(str(path)) as container:
        (stream,) = container.streams.audio
        assert (stream.codec_context.name, stream.channels, stream.rate) == (codec, 1, 48_000)
    samples, rate = decoded_sound(path)
    assert samples.size / rate == pytest.approx(video_seconds(path), abs=frame_seconds(path)), path.name
    loudness = pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64))
    assert loudness == pytest.approx(-16, abs=1), f"{path.name}: {loudness:.2f} LUFS"
    peak = 20 * np.log10(np.abs(samples).max())
    assert peak < -1, f"{path.name}: peak {peak:.2f} dBFS"
