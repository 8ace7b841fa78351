"""Synthesised clips, cached by what decides their sound.

A clip's key is the sha256 of the voice's fingerprint (engine, version, model,
settings) and the exact text spoken, so editing a picture re-synthesises nothing and
changing a word re-synthesises that sentence only. Clips live in the media folder,
``media/.voice/<key>.wav`` (16-bit mono at the voice's own rate, silence trimmed at both
ends), or where no media folder is given (``frames``, ``stills``) in the user's cache
folder (:func:`user_cache_dir`), written to a temporary file and renamed into place: parallel workers that
synthesise the same sentence at once both finish, and a reader never sees half a clip.

:func:`clip_duration` is what a scene needs to time its beats (a WAV header read), and
:func:`clip_samples` what the sound track needs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .voices import Voice, read_wav

CACHE_DIR = ".voice"  # inside the media folder
#: Leading and trailing samples quieter than this (relative to the clip's peak) are cut.
SILENCE = 10 ** (-40 / 20)
#: ...keeping this much of the quiet around the speech, in seconds.
MARGIN = 0.02


@dataclass(frozen=True)
class Clip:
    text: str
    path: Path
    duration: float  # seconds


def clip_key(voice: Voice, text: str) -> str:
    data = json.dumps({"voice": voice.fingerprint, "text": text}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def user_cache_dir() -> Path:
    """The folder whose ``.voice`` holds clips when no media folder is given:
    ``$XDG_CACHE_HOME/relu-anim`` (``~/.cache/relu-anim`` when it is unset or relative,
    as the XDG Base Directory spec says). A clip depends on the voice and the words only,
    so every project shares these safely, and the current folder is never written."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no home folder at all
            base = Path(tempfile.gettempdir())
    return Path(base) / "relu-anim"


def get_clip(voice: Voice, text: str, media_dir: Path | str) -> Clip:
    """``text`` spoken by ``voice``: from the cache, or synthesised now and cached."""
    folder = Path(media_dir) / CACHE_DIR
    path = folder / f"{clip_key(voice, text)}.wav"
    if not path.exists():
        samples, rate = voice.synthesize(text)
        _write_atomically(path, trim(samples, rate), rate)
    return Clip(text, path, clip_duration(path))


def clip_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def clip_samples(clip: Clip) -> tuple[np.ndarray, int]:
    return read_wav(clip.path)


def trim(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` without the silence before and after the speech."""
    if samples.size == 0:
        return samples
    loud = np.flatnonzero(np.abs(samples) > SILENCE * max(float(np.abs(samples).max()), 1e-9))
    if loud.size == 0:
        return samples[:0]
    margin = round(MARGIN * rate)
    return samples[max(0, loud[0] - margin) : loud[-1] + 1 + margin]


def _write_atomically(path: Path, samples: np.ndarray, rate: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:12]}.", suffix=".part.wav")
    os.close(fd)
    try:
        with wave.open(name, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes((np.clip(samples, -1, 1) * 32767).round().astype("<i2").tobytes())
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)
