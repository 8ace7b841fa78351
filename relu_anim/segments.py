"""Manim's video segments, written with less work for a held picture (imports Manim).

Manim encodes each animation into a segment on a thread of its own, converting every
RGBA frame it is given to the encoder's pixel format (yuv420p) first. A wait hands the
writer one frame with a repeat count, and Manim converts that same frame again for each
repeat: at 1080p a copy and a conversion take about 11 ms, as long as x264 (veryfast)
spends on a frame.
:class:`SegmentWriter` converts it once and sends the converted frame for each repeat,
through the same conversion PyAV would make (the bytes written are the same).
"""

from __future__ import annotations

from fractions import Fraction

import av
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder


class HeldFrameEncoder(VideoSegmentEncoder):
    """A segment encoder that converts a repeated frame once."""

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat == 1:
            super().write_frame(pixels, repeat=1)
            return
        self._validate_frame(pixels, repeat)
        rate = self.spec.frame_rate
        time_base = Fraction(rate.denominator, rate.numerator)
        context = self._stream.codec_context
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
            # What PyAV does to each frame it is given (VideoCodecContext's encode).
            frame = frame.reformat(self.spec.width, self.spec.height, self.spec.pixel_format,
                                   threads=context.thread_count)  # fmt: skip
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
