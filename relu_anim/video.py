"""Video and caption files: web-ready MP4s, joining stages, merging captions.

Everything here copies encoded packets (no re-encoding), so it is fast and lossless.
MP4s are written "faststart" (the index before the media) so browsers can start
playing before the whole file has arrived.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

import av
import srt


class VideoError(RuntimeError):
    """A video that cannot be read, or stages that cannot be joined."""


def duration(path: Path) -> float:
    """The video stream's duration in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration / av.time_base)


def join(sources: Sequence[Path], dest: Path) -> None:
    """Concatenate MP4s of identical encoding into ``dest``, faststart.

    With one source this is a plain faststart copy. Timestamps run on across the
    joins, so the result lasts exactly as long as its parts together.
    """
    if not sources:
        raise VideoError("nothing to join")
    _check_same_encoding(sources)
    with av.open(str(dest), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        out_stream = None
        offset = 0  # in the input streams' time base
        for path in sources:
            with av.open(str(path)) as container:
                stream = container.streams.video[0]
                if out_stream is None:
                    out_stream = out.add_stream_from_template(stream)
                    time_base = stream.time_base
                elif stream.time_base != time_base:
                    raise VideoError(f"{path.name} has time base {stream.time_base}, not {time_base}")
                end = offset
                for packet in container.demux(stream):
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


def merge_captions(parts: Sequence[tuple[Path | None, float]], dest: Path) -> int:
    """Write one .srt from each part's captions shifted by the durations before it.

    ``parts`` holds (caption file or None, video duration) in playing order.
    Returns the number of captions written.
    """
    merged: list[srt.Subtitle] = []
    offset = 0.0
    for captions, length in parts:
        if captions is not None and captions.exists():
            shift = datetime.timedelta(seconds=offset)
            for sub in srt.parse(captions.read_text(encoding="utf-8")):
                merged.append(srt.Subtitle(len(merged) + 1, sub.start + shift, sub.end + shift, sub.content))
        offset += length
    dest.write_text(srt.compose(merged, reindex=True), encoding="utf-8")
    return len(merged)
