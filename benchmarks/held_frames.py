"""What a still picture costs to encode: x264 on identical 1080p frames, and a Manim
scene that holds for 10 s rendered through relu-anim's segment writer (one encoded frame
per ``segments.HOLD_STEP`` seconds) and through Manim's own (one per tick).

    .venv/bin/python benchmarks/held_frames.py [--runs 3]

Prints medians, for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time


def identical_frames(count: int) -> float:
    """Milliseconds per frame for ``count`` identical 1080p frames at our x264 settings."""
    import av
    import numpy as np

    from relu_anim.media import MANIM_ENCODER

    picture = np.full((1080, 1920, 3), 245, np.uint8)
    picture[300:700, 400:1500] = np.random.default_rng(0).integers(0, 255, (400, 1100, 3))
    with av.open(io.BytesIO(), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=60, options=MANIM_ENCODER["video_encoder_options"])
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        frame = av.VideoFrame.from_ndarray(picture, format="rgb24").reformat(1920, 1080, "yuv420p")
        start = time.perf_counter()
        for index in range(count):
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
        return (time.perf_counter() - start) / count * 1000


def held_scene(ours: bool) -> tuple[float, int]:
    """Seconds to render a scene that draws for 1 s and holds for 10 s at 1080p60, and
    the frames encoded."""
    import av
    from manim import Circle, NumberPlane, Scene, Text, tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer

    from relu_anim.media import MANIM_ENCODER
    from relu_anim.segments import SegmentWriter

    class Hold(Scene):
        def construct(self):
            circle = Circle()
            self.add(NumberPlane(), Text("held"), circle)
            self.play(circle.animate.shift([1, 0, 0]), run_time=1)
            self.wait(10)

    with tempfile.TemporaryDirectory() as media:
        settings = {"pixel_width": 1920, "pixel_height": 1080, "frame_rate": 60, "media_dir": media}
        settings.update(verbosity="ERROR", progress_bar="none", disable_caching=True, **MANIM_ENCODER)
        with tempconfig(settings):
            renderer = CairoRenderer(file_writer_class=SegmentWriter) if ours else CairoRenderer()
            scene = Hold(renderer=renderer)
            start = time.perf_counter()
            scene.render()
            seconds = time.perf_counter() - start
            with av.open(str(scene.renderer.file_writer.movie_file_path)) as video:
                frames = sum(1 for packet in video.demux(video.streams.video[0]) if packet.size)
    return seconds, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    per_frame = statistics.median(identical_frames(300) for _ in range(args.runs))
    print(f"x264, 300 identical 1080p frames: {per_frame:.1f} ms a frame (median of {args.runs})")
    for ours, name in ((False, "Manim's writer (a frame per tick)"), (True, "relu-anim's segment writer")):
        runs = [held_scene(ours) for _ in range(args.runs)]
        seconds = statistics.median(s for s, _ in runs)
        print(f"1 s drawn + 10 s held at 1080p60, {name}: {seconds:.2f} s, {runs[0][1]} frames encoded")


if __name__ == "__main__":
    main()
