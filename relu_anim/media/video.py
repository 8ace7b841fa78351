"""Video files: web-ready MP4s, joining stages, WebM, GIF and pictures (PyAV, no Manim).

``faststart`` and ``join`` copy encoded packets (no re-encoding), so they are fast and
lossless. MP4s are written "faststart" (the index before the media) so browsers can
start playing before the whole file has arrived. ``to_webm`` and ``to_gif`` re-encode
a stage's MP4 (VP9, and a GIF with one palette per video).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from . import ENCODERS


class VideoError(RuntimeError):
    """A video that cannot be read, or stages that cannot be joined."""


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    fps: float
    frames: int
    duration: float  # seconds


def duration(path: Path) -> float:
    """The video stream's duration in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration / av.time_base)


def probe(path: Path) -> VideoInfo:
    """Size, frame rate, frame count and duration of a video (counting its packets)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for packet in container.demux(stream) if packet.size)
        rate = stream.average_rate or stream.guessed_rate or 0
        return VideoInfo(stream.width, stream.height, float(rate), frames, duration(path))


def faststart(source: Path, dest: Path) -> None:
    """A faststart copy of one MP4."""
    join([source], dest)


def join(sources: Sequence[Path], dest: Path) -> None:
    """Concatenate videos of identical encoding into ``dest`` (its suffix picks the
    container: .mp4, faststart, or .webm).

    With one source this is a plain copy. Timestamps run on across the joins, so the
    result lasts exactly as long as its parts together.
    """
    if not sources:
        raise VideoError("nothing to join")
    _check_same_encoding(sources)
    container = dest.suffix.lstrip(".")
    options = {"movflags": ENCODERS["mp4"]["movflags"]} if container == "mp4" else {}
    with av.open(str(dest), "w", format=container, options=options) as out:
        out_stream = None
        offset = 0  # in the input streams' time base
        for path in sources:
            with av.open(str(path)) as source:
                stream = source.streams.video[0]
                if out_stream is None:
                    out_stream = out.add_stream_from_template(stream)
                    time_base = stream.time_base
                elif stream.time_base != time_base:
                    raise VideoError(f"{path.name} has time base {stream.time_base}, not {time_base}")
                end = offset
                for packet in source.demux(stream):
                    if packet.dts is None:  # the demuxer's final flush packet
                        continue
                    packet.pts += offset
                    packet.dts += offset
                    end = max(end, packet.pts + (packet.duration or 0))
                    packet.stream = out_stream
                    out.mux(packet)
                offset = offset + stream.duration if stream.duration is not None else end


def _check_same_encoding(sources: Sequence[Path]) -> None:
    first = None
    for path in sources:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise VideoError(f"{path} has no video stream")
            ctx = container.streams.video[0].codec_context
            key = (ctx.name, ctx.width, ctx.height, ctx.pix_fmt, bytes(ctx.extradata or b""))
        if first is None:
            first = key
        elif key != first:
            raise VideoError(f"cannot join {path.name}: its encoding differs from the first video's")


def to_webm(source: Path, dest: Path) -> None:
    """Re-encode a video as VP9 in WebM (for browsers and players without H.264)."""
    settings = ENCODERS["webm"]
    with av.open(str(source)) as src, av.open(str(dest), "w", format="webm", options={"fflags": "+bitexact"}) as out:
        stream = src.streams.video[0]
        rate = stream.average_rate or Fraction(stream.guessed_rate)
        options = {key: settings[key] for key in ("crf", "b", "deadline", "cpu-used", "row-mt")}
        encoder = out.add_stream(settings["codec"], rate=rate, options=options)
        encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, settings["pix_fmt"]
        for index, frame in enumerate(src.decode(stream)):
            out.mux(encoder.encode(_restamped(frame, index, rate)))
        out.mux(encoder.encode())


def to_gif(source: Path, dest: Path) -> None:
    """Re-encode a video as an animated GIF, with one 256-colour palette made from
    all its frames (so the lesson's few colours come out clean)."""
    settings = ENCODERS["gif"]
    with av.open(str(source)) as src, av.open(str(dest), "w", format="gif") as out:
        stream = src.streams.video[0]
        rate = stream.average_rate or Fraction(stream.guessed_rate)
        encoder = out.add_stream(settings["codec"], rate=rate)
        encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, "pal8"
        graph = av.filter.Graph()
        buffer = graph.add_buffer(template=stream)
        split = graph.add("split")
        palette = graph.add("palettegen", settings["palettegen"])
        use = graph.add("paletteuse", settings["paletteuse"])
        sink = graph.add("buffersink")
        buffer.link_to(split)
        split.link_to(palette, 0, 0)
        split.link_to(use, 1, 0)
        palette.link_to(use, 0, 1)
        use.link_to(sink)
        graph.configure()
        for frame in src.decode(stream):
            graph.push(frame)
        graph.push(None)
        index = 0
        while True:
            try:
                frame = graph.pull()
            except (av.error.EOFError, av.error.BlockingIOError):
                break
            out.mux(encoder.encode(_restamped(frame, index, rate)))
            index += 1
        out.mux(encoder.encode())


def _restamped(frame, index: int, rate: Fraction):
    frame.pts, frame.time_base = index, 1 / Fraction(rate)
    return frame


def save_png(frame: np.ndarray, dest: Path) -> None:
    """Write an RGB(A) frame as a PNG."""
    from PIL import Image

    Image.fromarray(frame).save(dest, format="PNG")
