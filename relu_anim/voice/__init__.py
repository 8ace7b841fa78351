"""Narration, without Manim: voices, the spoken form of captions, cached clips, the track.

    voices.py   the voices (joe, espeak, none) behind one interface
    spoken.py   a caption -> the words to say
    cache.py    clips by hash, in the media folder, safe for parallel workers
    track.py    clips placed at their cues' starts, loudness, one track

A scene asks :func:`current_narrator` for the clips of a beat's cues; whoever plays the
scene puts the voice in force with :func:`use_voice` (:func:`relu_anim.play.playing`
does), a context variable as the theme is (:func:`relu_anim.theme.use_theme`); outside
any play, the narrator is silent (the scenes' own timing).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .cache import Clip, get_clip, user_cache_dir
from .spoken import spoken
from .voices import DEFAULT_VOICE, VOICE_NAMES, Voice, VoiceError, default_voice, get_voice

__all__ = [
    "DEFAULT_VOICE",
    "SILENT_VOICE",
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

    def time_to(self, sentence: str, offset: int) -> float:
        """Seconds from the start of ``sentence``, said whole, to its word at character
        ``offset``: how long the words before it take, said on their own (a clip of its
        own, cached like any other; 0 at the start or for a silent voice). Said alone
        they end on a falling tone, which lengthens them by a little: the time is at
        most a syllable late, never early."""
        before = sentence[:offset].strip()
        if self.silent or not before:
            return 0.0
        return get_clip(self.voice, spoken(before), self.media_dir).duration


#: The voice ``--voice none`` names: silent.
SILENT_VOICE = Voice()
_SILENT = Narrator(SILENT_VOICE, Path(tempfile.gettempdir()))
#: The narrator :func:`use_voice` put in force (per thread and task).
_in_force: ContextVar[Narrator | None] = ContextVar("relu_anim_narrator", default=None)


def current_narrator() -> Narrator:
    """The narrator in force: the one :func:`use_voice` set, else a silent one."""
    return _in_force.get() or _SILENT


@contextlib.contextmanager
def use_voice(voice: Voice, media_dir: Path | str | None = None) -> Iterator[Narrator]:
    """Scenes played inside this block are narrated by ``voice``
    (:func:`get_voice`), clips cached under ``media_dir`` (default: the user's cache
    folder, never the current folder)."""
    narrator = Narrator(voice, Path(media_dir) if media_dir is not None else user_cache_dir())
    token = _in_force.set(narrator)
    try:
        yield narrator
    finally:
        _in_force.reset(token)
