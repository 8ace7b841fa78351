"""Narration, without Manim: voices, the spoken form of captions, cached clips, the track.

    voices.py   the voices (joe, espeak, none) behind one interface
    spoken.py   a caption -> the words to say
    cache.py    clips by hash, in the media folder, safe for parallel workers
    track.py    clips placed at their cues' starts, loudness, one track

A scene asks :func:`current_narrator` for the clips of a beat's cues; whoever plays the
scene chooses the voice with :func:`use_voice` (the default: silent, today's timing).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import Clip, get_clip, user_cache_dir
from .spoken import spoken
from .voices import DEFAULT_VOICE, VOICE_NAMES, Voice, VoiceError, default_voice, get_voice

__all__ = [
    "DEFAULT_VOICE",
    "VOICE_NAMES",
    "Clip",
    "Narrator",
    "Voice",
    "VoiceError",
    "current_narrator",
    "default_voice",
    "get_voice",
    "spoken",
    "use_voice",
]


@dataclass(frozen=True)
class Narrator:
    """A voice and the folder its clips are cached in (in its ``.voice``): the media
    folder, or the user's cache folder (:func:`relu_anim.voice.cache.user_cache_dir`)."""

    voice: Voice
    media_dir: Path

    @property
    def silent(self) -> bool:
        return self.voice.silent

    def clips(self, cues: Sequence[str]) -> list[Clip]:
        """Each cue spoken (its spoken form, one line), or ``[]`` for a silent voice."""
        if self.silent:
            return []
        return [get_clip(self.voice, spoken(cue), self.media_dir) for cue in cues]


_SILENT = Narrator(Voice(), Path(tempfile.gettempdir()))
_current: list[Narrator] = [_SILENT]


def current_narrator() -> Narrator:
    return _current[-1]


@contextlib.contextmanager
def use_voice(voice: str | Voice | None, media_dir: Path | str | None = None) -> Iterator[Narrator]:
    """Scenes played inside this block are narrated by ``voice`` (a name, a
    :class:`Voice`, or ``None``: silent), clips cached under ``media_dir`` (default: the
    user's cache folder, never the current folder)."""
    voice = Voice() if voice is None else get_voice(voice) if isinstance(voice, str) else voice
    narrator = Narrator(voice, Path(media_dir) if media_dir is not None else user_cache_dir())
    _current.append(narrator)
    try:
        yield narrator
    finally:
        _current.pop()
