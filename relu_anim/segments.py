"""Manim's video segments, written with less work per frame (imports Manim).

Manim encodes each animation into a segment on a thread of its own. For every RGBA
frame it is given it makes a new PyAV frame (``VideoFrame.from_ndarray``: about 6 ms at
1080p here, most of it allocating the new frame, where copying the pixels into a frame
made once takes 0.5 ms), and PyAV converts that to the encoder's pixel format (yuv420p,
about 6 ms more). A wait hands the writer one frame with a repeat count, and Manim does
both again for each repeat, then x264 encodes every repeat as a frame of its own (about
13 ms at 1080p, even for a picture that has not changed): a second of stillness cost
0.8 s at 1080p60, which is what made a narrated lesson, whose beats hold on while the
voice speaks, dear.
:class:`SegmentWriter`'s encoder copies each frame into one PyAV frame kept for the
segment, converts a repeated frame once, through the same conversion PyAV would make,
and writes a held picture as one frame every :data:`HOLD_STEP` seconds, each shown for
that long (its duration in the file): the video keeps its frame rate as its time base
and lasts exactly as long, and every moment shows the same picture as before, but a
player decodes fewer frames in a hold (a variable frame rate, as screen recorders
write). Moving pictures are one frame per tick, as before.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from manim import config
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder
from manim.utils.exceptions import EndSceneEarlyException

#: The longest one encoded frame of a held picture is shown (seconds). Short enough that a
#: tool reading the first frame at or after a time in a hold gets the held picture, and
#: that seeking lands near where it was asked; long enough that a hold costs a fifteenth
#: of what it did at 60 fps.
HOLD_STEP = 0.25


class HeldFrameEncoder(VideoSegmentEncoder):
    """A segment encoder that fills one PyAV frame with every picture, converts a
    repeated picture once, and writes it once per :data:`HOLD_STEP`."""

    _rgba = None  # the PyAV frame every picture is copied into
    _rows = None  # a numpy view of its pixels: one row per line (lines may be padded)

    def __init__(self, *, target, spec) -> None:
        super().__init__(target=target, spec=spec)
        self._shown: dict[int, int] = {}  # a frame's pts -> how many ticks it is shown

    def _filled(self, pixels) -> av.VideoFrame:
        """``pixels`` copied into the segment's own RGBA frame. Safe to reuse: encoding
        converts it to a new frame before the codec sees it."""
        height, width = pixels.shape[:2]
        if self._rgba is None:
            self._rgba = av.VideoFrame(width, height, "rgba")
            plane = self._rgba.planes[0]
            self._rows = np.frombuffer(plane, np.uint8).reshape(height, plane.line_size)
        self._rows[:, : width * 4] = pixels.reshape(height, width * 4)
        return self._rgba

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        self._validate_frame(pixels, repeat)
        rate = self.spec.frame_rate
        time_base = Fraction(rate.denominator, rate.numerator)
        context = self._stream.codec_context
        try:
            frame = self._filled(pixels)
            if repeat > 1:  # what PyAV does to each frame it is given (VideoCodecContext's encode), once
                frame = frame.reformat(
                    self.spec.width, self.spec.height, self.spec.pixel_format, threads=context.thread_count
                )
            step = max(1, int(HOLD_STEP * rate))  # ticks a held frame is shown, at most HOLD_STEP
            while repeat > 0:
                shown = min(step, repeat)
                frame.pts, frame.time_base = self._next_pts, time_base
                self._shown[frame.pts] = shown
                self._next_pts += shown
                repeat -= shown
                for packet in self._stream.encode(frame):
                    self._mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    def _mux(self, packet) -> None:
        """Mux ``packet`` with its frame's duration: the muxer reads the others' from the
        next frame's time, but the segment's last frame lasts what its packet says."""
        if packet.pts is not None:
            packet.duration = self._shown.pop(packet.pts, packet.duration)
        self._container.mux(packet)

    def finish(self) -> None:
        """Flush the encoder (each packet with its duration) and close the segment."""
        if self._closed:
            return
        self._closed = True
        try:
            try:
                for packet in self._stream.encode():
                    self._mux(packet)
            finally:
                self._container.close()
        except Exception as error:
            raise self._operation_error("finish", error) from error


class SegmentWriter(SceneFileWriter):
    """Manim's scene file writer, with :class:`HeldFrameEncoder` for its segments."""

    def _create_segment_encoder(self, target) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            return super()._create_segment_encoder(target)
        return HeldFrameEncoder(target=target, spec=self.video_encoder)


class ChunkWriter(SegmentWriter):
    """A :class:`SegmentWriter` for one chunk of a stage (:mod:`relu_anim.chunks`): it
    encodes the segments of the animations in ``keep`` alone, and at the end joins
    nothing (the chunks' segments are joined together afterwards, :func:`join_segments`)."""

    def __init__(self, settings, *, keep: range) -> None:
        super().__init__(settings)
        self.keep = keep

    def add_partial_movie_file(self, hash_animation: str | None) -> None:
        kept = len(self.partial_movie_files) in self.keep
        super().add_partial_movie_file(hash_animation if kept else None)

    def begin_animation(self, allow_write: bool = False, *, animation_index: int, file_path=None) -> None:
        super().begin_animation(allow_write and animation_index in self.keep, animation_index=animation_index)

    def end_animation(self, allow_write: bool = False) -> None:
        super().end_animation(allow_write and self._current_encode_job is not None)

    def finish(self) -> None:
        self.join_all_encode_jobs()
        if self.subcaptions:
            self.write_subcaption_file()

    def segments(self) -> dict[int, str]:
        """The segments this chunk wrote, by animation index."""
        return {i: path for i, path in enumerate(self.partial_movie_files) if path is not None}


class ChunkRenderer(CairoRenderer):
    """Manim's Cairo renderer for one chunk of a stage: the animations before ``keep``
    are played undrawn, reaching the state a full render has after them (the clock
    advanced by the same sums, every updater where a full render leaves it; a follower
    that moves its mobject by a difference rounds differently from another start, by
    ~1e-14 scene units: tests/test_chunks.py); the play after ``keep`` ends the scene.
    What a chunk draws is then what a full render draws there (the same bytes, tested).

    An undrawn animation is skipped through where it can be
    (:func:`relu_anim.components.motion.skippable`): on every frame but its last the clock moves and the time-based updaters
    (:class:`~relu_anim.components.motion.Ticking`) tick with the frame's ``dt``; the
    interpolation and the followers run once, on the last frame, whose state does not
    depend on the frames before it. Otherwise it is played frame by frame as in a full
    render, only not drawn."""

    def __init__(self, *, keep: range, **kwargs) -> None:
        super().__init__(**kwargs)
        self.keep = keep

    @property
    def dry(self) -> bool:
        """Whether the animation being played comes before the chunk (not drawn)."""
        return self.num_plays < self.keep.start

    def play(self, scene, *args, **kwargs) -> None:
        if self.num_plays >= self.keep.stop:
            raise EndSceneEarlyException()
        if not self.dry:
            return super().play(scene, *args, **kwargs)
        scene.update_to_time = _SkippingClock(self, scene)  # (Manim's play_internal calls it each frame)
        try:
            super().play(scene, *args, **kwargs)
        finally:
            del scene.update_to_time

    def update_frame(self, *args, **kwargs) -> None:
        if not self.dry:
            super().update_frame(*args, **kwargs)

    def render(self, scene, time, moving_mobjects=None) -> None:
        if not self.dry:
            super().render(scene, time, moving_mobjects)
        else:  # the clock moves on as add_frame moves it; no picture to copy
            self.add_frame(self.camera.pixel_array)


class _SkippingClock:
    """``scene.update_to_time`` for one undrawn play: decides on its first frame whether
    the play can be skipped through (:func:`relu_anim.components.motion.skippable`);
    if so, ticks the time-based updaters on every frame but the last and brings
    everything up to the last frame's time on it; if not, updates every frame as Manim does."""

    def __init__(self, renderer: ChunkRenderer, scene) -> None:
        self.renderer, self.scene = renderer, scene
        self.ticking = None  # (mobject, updater) pairs ticked on a skipped frame; None: not decided
        self.last = None  # the play's last frame's time, when skipping

    def __call__(self, t: float) -> None:
        from .components.motion import skippable, ticking_updaters

        scene = self.scene
        if self.ticking is None:
            skip = skippable(scene, scene.animations)
            self.ticking = ticking_updaters(scene, scene.animations) if skip else False
            self.last = (
                np.arange(0, scene.duration, 1 / config["frame_rate"])[-1] if skip else None
            )  # Manim's frame times
        if self.ticking is False or t == self.last:
            type(scene).update_to_time(scene, t)
            return
        dt = t - scene.last_t
        scene.last_t = t
        for mobject, updater in self.ticking:
            if updater in mobject.updaters:  # (a Ticking one may remove itself)
                updater(mobject, dt)


def join_segments(segments: list[str | Path], output: Path) -> None:
    """Segments joined into one video as Manim joins a scene's (its ``combine_files``:
    packets copied, not re-encoded), so the bytes are those of a scene rendered whole."""
    from types import SimpleNamespace

    joiner = SimpleNamespace(
        _concat_manifest_bytes=SceneFileWriter._concat_manifest_bytes,
        output_spec=SimpleNamespace(transparent=False),
    )
    SceneFileWriter.combine_files(joiner, [str(s) for s in segments], Path(output))


__all__ = ["ChunkRenderer", "ChunkWriter", "HeldFrameEncoder", "SegmentWriter", "join_segments"]
