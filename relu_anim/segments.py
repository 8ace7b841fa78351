"""Manim's video segments, written with less work per frame (imports Manim).

Manim encodes each animation into a segment on a thread of its own. For every RGBA
frame it is given it makes a new PyAV frame (``VideoFrame.from_ndarray``: about 6 ms at
1080p here, most of it allocating the new frame, where copying the pixels into a frame
made once takes 0.5 ms), and PyAV converts that to the encoder's pixel format (yuv420p,
about 6 ms more). A wait hands the writer one frame with a repeat count, and Manim does
both again for each repeat.
:class:`SegmentWriter`'s encoder copies each frame into one PyAV frame kept for the
segment, and converts a repeated frame once, through the same conversion PyAV would
make: the bytes written are the same.
"""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder


class HeldFrameEncoder(VideoSegmentEncoder):
    """A segment encoder that fills one PyAV frame with every picture, and converts a
    repeated picture once."""

    _rgba = None  # the PyAV frame every picture is copied into
    _rows = None  # a numpy view of its pixels: one row per line (lines may be padded)

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
            for _ in range(repeat):
                frame.pts = self._next_pts
                frame.time_base = time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


class SegmentWriter(SceneFileWriter):
    """Manim's scene file writer, with :class:`HeldFrameEncoder` for its segments."""

    def _create_segment_encoder(self, target) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            return super()._create_segment_encoder(target)
        return HeldFrameEncoder(target=target, spec=self.video_encoder)


__all__ = ["HeldFrameEncoder", "SegmentWriter"]
