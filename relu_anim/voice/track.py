"""One sound track from a stage's clips: each clip placed at its cue's start, the
whole at broadcast loudness, exactly as long as the video.

- Sample rate :data:`RATE` (48 kHz: what Opus takes, and AAC's usual rate); each clip
  is resampled from its voice's rate (polyphase filter, exact and repeatable).
- Loudness: :data:`TARGET_LUFS` integrated (ITU-R BS.1770, measured by pyloudnorm),
  then no sample above :data:`PEAK_DBFS` (a gain envelope that dips around each peak,
  never a clip); the loudness is measured again after the dip and lifted, until within 0.05 LU.
- Peaks after encoding: no decoded sample of the finished file above
  :data:`ENCODED_PEAK_DBFS` (:func:`fix_encoded_peaks`, called by the muxer).
- Length: ``round(duration * RATE)`` samples, silence where nobody speaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

RATE = 48_000
TARGET_LUFS = -16.0
PEAK_DBFS = -2.0  # the track, before encoding: under the -1 dBFS limit
#: The finished file's sound, decoded, peaks under this (the -1 dBFS limit, with room):
#: AAC lifts a sharp transient's peak by up to 4 dB (espeak's voice has many), so the
#: encoded file is decoded and, where it is louder, the track dips there and is encoded
#: again (:func:`fix_encoded_peaks`), this much under the limit.
ENCODED_PEAK_DBFS = -1.2
ENCODED_MARGIN_DB = 0.3
#: The gain envelope's window around a peak (seconds): short enough not to pump.
LIMITER_WINDOW = 0.01


def build_track(placements: Sequence[tuple[float, np.ndarray, int]], duration: float) -> np.ndarray:
    """Mono float32 samples at :data:`RATE`: every (start in seconds, samples, their
    rate) mixed in, normalised (see the module), ``round(duration * RATE)`` long.
    A clip running past ``duration`` is cut there."""
    length = round(duration * RATE)
    track = np.zeros(length, np.float64)
    for start, samples, rate in placements:
        clip = resample(np.asarray(samples, np.float64), rate)
        begin = round(start * RATE)
        end = min(length, begin + clip.size)
        if end > begin >= 0:
            track[begin:end] += clip[: end - begin]
    return normalise(track).astype(np.float32)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == RATE or samples.size == 0:
        return samples
    from scipy.signal import resample_poly

    ratio = Fraction(RATE, rate)
    return resample_poly(samples, ratio.numerator, ratio.denominator)


def loudness(samples: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness in LUFS (``-inf`` for silence or under 0.4 s)."""
    import pyloudnorm

    if samples.size < 0.4 * rate or not np.any(samples):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(np.asarray(samples, np.float64)))


def peak_dbfs(samples: np.ndarray) -> float:
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def normalise(samples: np.ndarray) -> np.ndarray:
    """At :data:`TARGET_LUFS`, peaks under :data:`PEAK_DBFS` (silence stays silence)."""
    for _ in range(6):  # the limiter takes a little loudness away: measure and lift again
        measured = loudness(samples)
        if not np.isfinite(measured) or abs(measured - TARGET_LUFS) < 0.05:
            return samples
        samples = limit(samples * 10 ** ((TARGET_LUFS - measured) / 20))
    return samples


def limit(samples: np.ndarray) -> np.ndarray:
    """No sample above :data:`PEAK_DBFS`: the gain dips smoothly around each louder peak
    (:func:`dip`)."""
    ceiling = 10 ** (PEAK_DBFS / 20)
    if np.abs(samples).max(initial=0.0) <= ceiling:
        return samples
    return np.clip(dip(samples, np.abs(samples), PEAK_DBFS), -ceiling, ceiling)  # only float rounding is left to clip


def dip(samples: np.ndarray, levels: np.ndarray, ceiling_db: float) -> np.ndarray:
    """``samples`` with a gain that dips smoothly wherever ``levels`` (as long as the
    samples) rise above ``ceiling_db``: the least gain needed within a window, then
    averaged over it, so the dip starts before the peak and never falls short of it."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    window = max(3, round(LIMITER_WINDOW * RATE)) | 1
    gain = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(levels, 1e-12))
    gain = minimum_filter1d(gain, size=2 * window + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=window, mode="nearest")
    return samples * gain


def fix_encoded_peaks(samples: np.ndarray, decoded: np.ndarray) -> np.ndarray | None:
    """For :func:`relu_anim.media.video.add_audio`: None when the file's sound, as it
    decodes (``decoded``), peaks under :data:`ENCODED_PEAK_DBFS`; else ``samples`` dipped
    where the decoded sound is louder than that (to :data:`ENCODED_PEAK_DBFS` less
    :data:`ENCODED_MARGIN_DB`), to be encoded again. The dips are a few milliseconds
    around a transient: the loudness does not move."""
    if peak_dbfs(decoded) <= ENCODED_PEAK_DBFS:
        return None
    levels = np.zeros(samples.size)
    common = min(samples.size, decoded.size)
    levels[:common] = np.abs(decoded[:common])
    return dip(np.asarray(samples, np.float64), levels, ENCODED_PEAK_DBFS - ENCODED_MARGIN_DB).astype(np.float32)
