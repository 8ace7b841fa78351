"""Which x264 settings to render with (issue 11): encode time, file size and picture
quality of x264 presets and tunes, on the lesson's own frames. Prints a table.

    .venv/bin/python benchmarks/encoder.py                              # first-dot and wedge at -q h
    .venv/bin/python benchmarks/encoder.py -s first-dot --presets medium,veryfast --tunes none
    .venv/bin/python benchmarks/encoder.py --crfs 23,21 --frames 600     # the first 600 frames only
    .venv/bin/python benchmarks/encoder.py --also 21:veryfast:animation  # one more setting

How:
  reference   each stage is rendered once at the quality asked for, through relu-anim,
              but losslessly (x264 qp 0, yuv420p): the exact frames every setting gets
              as its input (Manim converts its RGBA frames to yuv420p before x264 sees
              them, the same way for every setting). Kept in a temporary folder.
  encode      for each setting, the reference frames are decoded into memory (untimed,
              in chunks of --memory MB) and fed to one continuous libx264 stream; only
              the encoding is timed (x264's default threads: both cores here)
  quality     the encoded stream is decoded again and compared with the reference,
              frame by frame: PSNR of Y (luma) and of all three planes together (from the
              summed squared error of every frame), and SSIM of Y (8x8 blocks, no
              overlap; every --ssim-every'th frame). Higher is better for both.
  size        the encoded stream's bytes, and against the first setting's (today's:
              crf 23, preset medium, no tune)

Figures are single runs; times move with the machine's load (printed at the start),
sizes and quality figures do not.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import av  # noqa: E402
import numpy as np  # noqa: E402

from relu_anim.quality import get_quality  # noqa: E402

LOSSLESS = {
    "video_codec": "libx264",
    "pixel_format": "yuv420p",
    "video_encoder_options": {"qp": "0", "preset": "ultrafast"},
}


def reference(stage: str, quality: str, folder: Path) -> Path:
    """Render ``stage`` losslessly into ``folder``; returns the video."""
    import relu_anim.render as render

    render.MANIM_ENCODER = LOSSLESS  # this process only: the reference is lossless
    from relu_anim.play import Play

    made = render.render_stage_files(stage, folder, Play.of(quality))
    return folder / made.files["video"]


def planes(frame) -> list[np.ndarray]:
    """A yuv420p frame's Y, U and V planes as 2-D uint8 arrays (no row padding)."""
    out = []
    for index, plane in enumerate(frame.planes):
        width = frame.width if index == 0 else (frame.width + 1) // 2
        rows = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
        out.append(rows[:, :width])
    return out


def encode(source: Path, dest: Path, options: dict[str, str], memory_mb: int, limit: int | None) -> tuple[float, int]:
    """Encode ``source``'s frames into ``dest`` with libx264 ``options``: (seconds, frames)."""
    with av.open(str(source)) as src, av.open(str(dest), "w", format="mp4") as out:
        stream = src.streams.video[0]
        rate = Fraction(stream.base_rate or stream.guessed_rate)  # its ticks: a held picture is one frame
        encoder = out.add_stream("libx264", rate=rate, options=options)
        encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, "yuv420p"
        per_chunk = max(1, memory_mb * 2**20 // (stream.width * stream.height * 3 // 2))
        decoded = src.decode(stream)
        seconds, frames = 0.0, 0
        while limit is None or frames < limit:
            chunk = []
            for frame in decoded:
                frame.pts, frame.time_base = frames + len(chunk), 1 / Fraction(rate)
                frame.pict_type = av.video.frame.PictureType.NONE  # let x264 choose
                chunk.append(frame)
                if len(chunk) == per_chunk or (limit is not None and frames + len(chunk) >= limit):
                    break
            if not chunk:
                break
            start = time.perf_counter()
            for frame in chunk:
                out.mux(encoder.encode(frame))
            seconds += time.perf_counter() - start
            frames += len(chunk)
            del chunk
        start = time.perf_counter()
        out.mux(encoder.encode())
        seconds += time.perf_counter() - start
    return seconds, frames


def block_ssim(a: np.ndarray, b: np.ndarray, block: int = 8) -> float:
    """Mean SSIM over non-overlapping ``block`` x ``block`` windows (8-bit luma)."""
    h, w = (a.shape[0] // block) * block, (a.shape[1] // block) * block
    x = a[:h, :w].astype(np.float64).reshape(h // block, block, w // block, block)
    y = b[:h, :w].astype(np.float64).reshape(h // block, block, w // block, block)
    mx, my = x.mean(axis=(1, 3)), y.mean(axis=(1, 3))
    vx, vy = x.var(axis=(1, 3)), y.var(axis=(1, 3))
    cov = (x * y).mean(axis=(1, 3)) - mx * my
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    ssim = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx**2 + my**2 + c1) * (vx + vy + c2))
    return float(ssim.mean())


def compare(reference_video: Path, test: Path, ssim_every: int) -> dict[str, float]:
    """PSNR (Y, and YUV together) and SSIM (Y) of ``test`` against the reference."""
    squared = np.zeros(3)
    counts = np.zeros(3)
    ssims = []
    with av.open(str(reference_video)) as ref, av.open(str(test)) as out:
        pairs = zip(ref.decode(video=0), out.decode(video=0))
        for index, (a, b) in enumerate(pairs):
            for p, (x, y) in enumerate(zip(planes(a), planes(b))):
                diff = x.astype(np.int16) - y
                squared[p] += float(np.einsum("ij,ij->", diff, diff, dtype=np.int64))
                counts[p] += diff.size
            if index % ssim_every == 0:
                ssims.append(block_ssim(planes(a)[0], planes(b)[0]))

    def psnr(mse: float) -> float:
        return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)

    return {
        "psnr_y": psnr(squared[0] / counts[0]),
        "psnr": psnr(squared.sum() / counts.sum()),
        "ssim_y": float(np.mean(ssims)),
    }


def setting(crf: str, preset: str, tune: str) -> dict[str, str]:
    return {"crf": crf, "preset": preset, **({} if tune == "none" else {"tune": tune})}


def settings(presets: list[str], tunes: list[str], crfs: list[str], also: list[str]) -> list[dict[str, str]]:
    """Today's setting first (crf 23, medium, no tune), then every combination asked for,
    then the single settings of ``also`` ("CRF:PRESET:TUNE")."""
    found = [setting("23", "medium", "none")]
    wanted = [setting(c, p, t) for c in crfs for p in presets for t in tunes]
    wanted += [setting(*item.split(":")) for item in also if item]
    for option in wanted:
        if option not in found:
            found.append(option)
    return found


def describe(option: dict[str, str]) -> str:
    return f"crf {option['crf']}, {option['preset']}" + (f", tune {option['tune']}" if "tune" in option else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", "-s", default="first-dot,wedge", help="comma-separated  [default: first-dot,wedge]")
    parser.add_argument("--quality", "-q", default="h", help="render quality  [default: h]")
    parser.add_argument("--presets", default="medium,faster,veryfast,superfast", help="x264 presets")
    parser.add_argument("--tunes", default="none,animation", help="x264 tunes (none: no tune)")
    parser.add_argument("--crfs", default="23", help="x264 crf values")
    parser.add_argument("--also", default="", help="more settings, CRF:PRESET:TUNE, comma-separated")
    parser.add_argument("--frames", type=int, help="only the first N frames of each stage")
    parser.add_argument(
        "--memory", type=int, default=1200, metavar="MB", help="frames decoded at once  [default: 1200]"
    )
    parser.add_argument(
        "--ssim-every", type=int, default=10, metavar="N", help="SSIM on every Nth frame  [default: 10]"
    )
    args = parser.parse_args()
    options = settings(args.presets.split(","), args.tunes.split(","), args.crfs.split(","), args.also.split(","))
    size = get_quality(args.quality)
    print(f"load average before: {os.getloadavg()[0]:.2f}; {size.width}x{size.height} at {size.fps} fps", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="relu-anim-encoder-") as tmp:
        for stage in args.stages.split(","):
            folder = Path(tmp) / stage
            folder.mkdir()
            start = time.perf_counter()
            source = reference(stage, args.quality, folder)
            print(f"{stage}: lossless reference rendered in {time.perf_counter() - start:.1f} s", flush=True)
            base = None
            for option in options:
                test = folder / "test.mp4"
                seconds, frames = encode(source, test, option, args.memory, args.frames)
                quality = compare(source, test, args.ssim_every)
                bytes_ = test.stat().st_size
                base = base or bytes_
                row = {
                    "stage": stage,
                    "setting": describe(option),
                    "frames": frames,
                    "seconds": seconds,
                    "bytes": bytes_,
                    "size": bytes_ / base,
                    **quality,
                }
                rows.append(row)
                print(line(row), flush=True)
                test.unlink()
    print()
    print(HEAD)
    print("|" + "---|" * 10)
    for row in rows:
        print(line(row))


HEAD = "| stage | setting | frames | encode s | encode fps | MB | size / today | PSNR-Y dB | PSNR-YUV dB | SSIM-Y |"


def line(row: dict) -> str:
    return (
        f"| {row['stage']} | {row['setting']} | {row['frames']} | {row['seconds']:.1f} | "
        f"{row['frames'] / row['seconds']:.0f} | {row['bytes'] / 1e6:.2f} | {row['size']:.2f} | "
        f"{row['psnr_y']:.2f} | {row['psnr']:.2f} | {row['ssim_y']:.4f} |"
    )


if __name__ == "__main__":
    main()
