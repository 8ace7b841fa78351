"""What the narration's sound costs to encode: FFmpeg's AAC encoder with its default
coder ("twoloop") against the "fast" coder relu-anim uses (``relu_anim.media.AAC``, the MP4
format's sound), on speech made by espeak (the lesson's first stages' captions, said one
after another), mono 48 kHz at 96 kb/s, as a narrated render encodes it.

    .venv/bin/python benchmarks/aac_coder.py [--runs 3]

Prints the seconds of speech, each coder's median encoding time, real-time factor and
size, and the ratio, for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from fractions import Fraction


def speech() -> tuple[object, int]:
    """About a minute of espeak speech at 48 kHz (mono floats)."""
    import numpy as np

    from relu_anim.voice import get_voice
    from relu_anim.voice.track import RATE, resample

    words = [
        "A neural network with one input, the dosage, two hidden nodes and an output.",
        "Each connection multiplies by its weight, and each node adds its bias.",
        "The rectified linear unit keeps positive numbers and turns negative ones into zero.",
        "The top node's bent blue line goes down to negative thirty four point six eight at high dosage.",
        "The bottom node's straight orange line goes up to thirty four point zero two.",
        "Adding the two shapes point by point gives a brand new shape: the green wedge.",
        "The final bias shifts the whole wedge down, and the output clips everything below zero.",
    ] * 2
    voice = get_voice("espeak")
    parts = [resample(*voice.synthesize(sentence)) for sentence in words]
    return np.concatenate(parts).astype(np.float32), RATE


def encode(samples, rate: int, options: dict) -> tuple[float, int]:
    """Seconds to encode ``samples`` as AAC with ``options``, and the bytes written."""
    import av

    with av.open(io.BytesIO(), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate, layout="mono", options=options)
        stream.bit_rate = 96_000
        size, written = stream.codec_context.frame_size or 1024, 0
        start = time.perf_counter()
        for first in range(0, samples.size, size):
            frame = av.AudioFrame.from_ndarray(
                samples[first : first + size].reshape(1, -1), format="fltp", layout="mono"
            )
            frame.sample_rate, frame.pts, frame.time_base = rate, first, Fraction(1, rate)
            written += sum(packet.size for packet in stream.encode(frame))
        written += sum(packet.size for packet in stream.encode(None))
        return time.perf_counter() - start, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    samples, rate = speech()
    seconds = samples.size / rate
    print(f"speech: {seconds:.1f} s (espeak, mono {rate} Hz, 96 kb/s)")
    medians = {}
    for coder in ("twoloop", "fast"):
        results = [encode(samples, rate, {"aac_coder": coder}) for _ in range(runs)]
        medians[coder] = statistics.median(t for t, _ in results)
        size = results[0][1]
        print(
            f"{coder:>8}: {medians[coder]:.2f} s median of {runs}, {seconds / medians[coder]:.0f}x real time, "
            f"{size / 1000:.0f} kB"
        )
    print(f"fast is {medians['twoloop'] / medians['fast']:.2f}x as fast as twoloop")


if __name__ == "__main__":
    main()
