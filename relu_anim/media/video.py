"""Video files: web-ready MP4s, joining stages, WebM, GIF and pictures (PyAV, no Manim).

``faststart`` and ``join`` copy encoded packets (no re-encoding), so they are fast and
lossless. MP4s are written "faststart" (the index before the media) so browsers can
start playing before the whole file has arrived. ``to_webm`` and ``to_gif`` re-encode
a stage's MP4 (VP9, and a GIF with one palette per video).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from . import FORMATS, format_of

#: ``fix_peaks(samples, decoded)``: the samples to encode instead, or None if the file's
#: sound as decoded (``decoded``) is fine. See :func:`add_audio`.
PeakFix = Callable[[np.ndarray, np.ndarray], "np.ndarray | None"]
PEAK_TRIES = 4  # encodings of one track at most (one more is enough for every stage here)


class VideoError(RuntimeError):
    """A video that cannot be read, or stages that cannot be joined."""


def duration(path: Path) -> float:
    """The video stream's duration in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration / av.time_base)


def faststart(source: Path, dest: Path) -> None:
    """A faststart copy of one MP4."""
    join([source], dest)


def join(
    sources: Sequence[Path],
    dest: Path,
    sound: Callable[[np.ndarray], np.ndarray] | None = None,
    fix_peaks: PeakFix | None = None,
) -> None:
    """Concatenate videos of identical encoding into ``dest`` (its suffix picks the
    format, :func:`relu_anim.media.format_of`, and so the container: .mp4, faststart, or .webm).

    With one source this is a plain copy. Timestamps run on across the joins, so the
    result lasts exactly as long as its parts together. Parts with sound give one
    continuous track (decoded and encoded again once: AAC or Opus cannot be cut anywhere;
    ``sound``, if given, is applied to the decoded track first, e.g. a peak limiter;
    ``fix_peaks``: see :func:`add_audio`).
    """
    if not sources:
        raise VideoError("nothing to join")
    _check_same_encoding(sources)
    if any(has_audio(path) for path in sources) and format_of(dest).carries_sound:
        _join_with_sound(sources, dest, sound, fix_peaks)
    else:
        _join_pictures(sources, dest)


def _join_pictures(sources: Sequence[Path], dest: Path) -> None:
    """The video streams' packets, one after another (sound, if any, left out)."""
    encoder = format_of(dest).encoder
    movflags = encoder.get("movflags")  # MP4's faststart
    options = {"movflags": movflags} if movflags else {}
    with av.open(str(dest), "w", format=encoder["container"], options=options) as out:
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


def _join_with_sound(sources: Sequence[Path], dest: Path, sound=None, fix_peaks=None) -> None:
    """The pictures joined as :func:`join` does, and one continuous sound track: each
    part's sound (silence for a part without) made exactly as long as its pictures."""
    parts, rate = [], None
    for path in sources:
        samples, part_rate = read_audio(path)
        rate = rate or part_rate
        if has_audio(path) and part_rate != rate:
            raise VideoError(f"{path.name}'s sound is at {part_rate} Hz, not {rate} Hz")
        length = round(duration(path) * rate)
        parts.append(np.pad(samples[:length], (0, max(0, length - samples.size))))
    pictures = dest.with_name(f".{dest.stem}.pictures{dest.suffix}")
    try:
        _join_pictures(sources, pictures)
        track = np.concatenate(parts)
        add_audio(pictures, track if sound is None else sound(track), rate, dest, fix_peaks)
    finally:
        pictures.unlink(missing_ok=True)


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
    settings = FORMATS["webm"].encoder
    with (
        av.open(str(source)) as src,
        av.open(str(dest), "w", format=settings["container"], options={"fflags": "+bitexact"}) as out,
    ):
        stream = src.streams.video[0]
        rate = _ticks(stream)
        options = {key: settings[key] for key in ("crf", "b", "deadline", "cpu-used", "row-mt")}
        encoder = out.add_stream(settings["codec"], rate=rate, options=options)
        encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, settings["pix_fmt"]
        _encode_timed(out, encoder, src.decode(stream), rate, duration(source))


def to_gif(source: Path, dest: Path) -> None:
    """Re-encode a video as an animated GIF, with one 256-colour palette made from
    all its frames (so the lesson's few colours come out clean)."""
    settings = FORMATS["gif"].encoder
    with av.open(str(source)) as src, av.open(str(dest), "w", format="gif") as out:
        stream = src.streams.video[0]
        rate = _ticks(stream)
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

        def pulled():
            while True:
                try:
                    yield graph.pull()
                except (av.error.EOFError, av.error.BlockingIOError):
                    return

        _encode_timed(out, encoder, pulled(), rate, duration(source))


def _ticks(stream) -> Fraction:
    """A video's frame rate as its time base counts it (``base_rate``): a held picture is
    one frame shown for several ticks (relu_anim.segments), so frames per second on
    average are fewer."""
    return Fraction(stream.base_rate or stream.guessed_rate or stream.average_rate)


def _encode_timed(out, encoder, frames, rate: Fraction, end: float) -> None:
    """Encode decoded ``frames`` into ``out``, each at its own time and shown as long as
    it was (until the next frame, the last until ``end`` seconds), in ticks of ``rate``."""
    tick = 1 / rate
    shown: dict[int, int] = {}

    def mux(packets) -> None:
        for packet in packets:
            if packet.pts is not None:
                packet.duration = shown.pop(packet.pts, packet.duration)
            out.mux(packet)

    held = None
    for frame in frames:
        frame.pts, frame.time_base = round(frame.time / tick), tick
        if held is not None:
            shown[held.pts] = max(1, frame.pts - held.pts)
            mux(encoder.encode(held))
        held = frame
    if held is not None:
        shown[held.pts] = max(1, round(end / tick) - held.pts)
        mux(encoder.encode(held))
    mux(encoder.encode())


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The RGB picture ``path`` shows at ``seconds``: its last frame starting then or before
    (decoded from the key frame before it)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if shown is not None and frame.time > seconds + 1e-6:
                break
            shown = frame
        if shown is None:
            raise VideoError(f"{path.name}: no frame at {seconds} s")
        return shown.to_ndarray(format="rgb24")


def save_png(frame: np.ndarray, dest: Path) -> None:
    """Write an RGB(A) frame as a PNG."""
    from PIL import Image

    Image.fromarray(frame).save(dest, format="PNG")


# -- sound ------------------------------------------------------------------------------


def has_audio(path: Path) -> bool:
    with av.open(str(path)) as container:
        return bool(container.streams.audio)


def read_audio(path: Path) -> tuple[np.ndarray, int]:
    """A video's sound as mono float samples and their rate (empty without sound)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return np.zeros(0, np.float32), 48_000
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=stream.rate)
        chunks = [f.to_ndarray().reshape(-1) for frame in container.decode(stream) for f in resampler.resample(frame)]
        chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
        return (np.concatenate(chunks) if chunks else np.zeros(0, np.float32)), stream.rate


def add_audio(source: Path, samples: np.ndarray, rate: int, dest: Path, fix_peaks: PeakFix | None = None) -> None:
    """``source``'s video (its packets copied) with ``samples`` (mono floats at ``rate``)
    as its sound, in the format ``dest``'s suffix names: AAC in MP4 (faststart),
    Opus in WebM (their :attr:`relu_anim.media.Format.audio`). The two are interleaved by time.

    Encoding lifts some peaks (AAC by up to 4 dB on a sharp transient): with
    ``fix_peaks``, the finished file's sound is decoded and, while ``fix_peaks`` returns
    new samples, encoded again from those (at most :data:`PEAK_TRIES` encodings)."""
    for _ in range(PEAK_TRIES):
        _mux_audio(source, samples, rate, dest)
        if fix_peaks is None:
            return
        samples = fix_peaks(samples, read_audio(dest)[0])
        if samples is None:
            return


def _mux_audio(source: Path, samples: np.ndarray, rate: int, dest: Path) -> None:
    format = format_of(dest)
    settings = format.audio
    movflags = format.encoder.get("movflags")  # MP4's faststart
    options = {"movflags": movflags} if movflags else {"fflags": "+bitexact"}
    with (
        av.open(str(source)) as src,
        av.open(str(dest), "w", format=format.encoder["container"], options=options) as out,
    ):
        video_in = src.streams.video[0]
        video = out.add_stream_from_template(video_in)
        audio = out.add_stream(settings["codec"], rate=rate, layout="mono", options=settings["options"])
        audio.bit_rate = settings["bit_rate"]
        sound = list(_encode_audio(audio, np.asarray(samples, np.float32), rate, settings["format"]))
        pictures = [p for p in src.demux(video_in) if p.dts is not None]
        for packet in pictures:
            packet.stream = video
        for packet in _by_time(
            [(p, p.dts * p.time_base) for p in pictures], [(p, (p.dts or 0) * p.time_base) for p in sound]
        ):
            out.mux(packet)


def _encode_audio(stream, samples: np.ndarray, rate: int, sample_format: str):
    size = stream.codec_context.frame_size or 960
    for start in range(0, samples.size, size):
        chunk = samples[start : start + size]  # the last one may be shorter: nothing added
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format=sample_format, layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
        yield from stream.encode(frame)
    yield from stream.encode(None)


def _by_time(first: list, second: list):
    """Two lists of (packet, time), each in order, merged by time."""
    i = j = 0
    while i < len(first) or j < len(second):
        if j >= len(second) or (i < len(first) and first[i][1] <= second[j][1]):
            yield first[i][0]
            i += 1
        else:
            yield second[j][0]
            j += 1
