"""How fast relu-anim renders, against plain Manim rendering the same scene files.

Prints medians over repeated runs (machines here are noisy: compare ratios, not
absolute seconds). Every run renders into a fresh folder, so no cache helps.

    .venv/bin/python benchmarks/render_speed.py                  # first-dot and wedge, 480p, 3 runs
    .venv/bin/python benchmarks/render_speed.py -s wedge -q m -n 5

Figures:
  relu-anim   `relu-anim render STAGE` (Manim render + faststart copy), one process each
  plain       `manim -q? scenes/FILE.py CLASS`, the plain Manim CLI, one process each
  stills      the same scene played with no video encoding (Manim's format none): the
              drawing alone, so relu-anim - stills ~ the encoding's share
  join        joining the rendered stages into one lesson video (stream copy)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from relu_anim.media.captions import merge_captions  # noqa: E402
from relu_anim.media.video import duration, join  # noqa: E402
from relu_anim.quality import QUALITIES  # noqa: E402
from relu_anim.stages import get_stage  # noqa: E402


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


# Every frame drawn, nothing encoded: Manim's "format none".
DRAW_ONLY = """
import tempfile
from manim import tempconfig
from relu_anim.quality import QUALITIES  # noqa: E402
from relu_anim.stages import get_stage
with tempfile.TemporaryDirectory() as media, tempconfig({{**QUALITIES[{quality!r}].manim_settings(),
        "format": "none", "media_dir": media, "disable_caching": True, "verbosity": "ERROR"}}):
    get_stage({name!r}).load()().render()
"""


def bench_stage(name: str, quality: str, runs: int) -> dict:
    stage = get_stage(name)
    scene_file = ROOT / "scenes" / f"{name.replace('-', '_')}.py"
    ours, plain, stills = [], [], []
    video = None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as media:
            ours.append(
                timed([sys.executable, "-m", "relu_anim", "render", name, "-q", quality, "--media-dir", media], ROOT)
            )
            video_path = Path(media) / QUALITIES[quality].folder / f"{name}.mp4"
            video = duration(video_path)
        with tempfile.TemporaryDirectory() as media:
            plain.append(
                timed(
                    [
                        sys.executable,
                        "-m",
                        "manim",
                        f"-q{quality}",
                        "--media_dir",
                        media,
                        str(scene_file),
                        stage.scene_class,
                    ],
                    ROOT,
                )
            )
        stills.append(timed([sys.executable, "-c", DRAW_ONLY.format(name=name, quality=quality)], ROOT))
    return {"name": name, "video": video, "ours": ours, "plain": plain, "stills": stills}


def bench_join(names: list[str], quality: str, runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as media:
        for name in names:
            subprocess.run(
                [sys.executable, "-m", "relu_anim", "render", name, "-q", quality, "--media-dir", media],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        folder = Path(media) / QUALITIES[quality].folder
        videos = [folder / f"{n}.mp4" for n in names]
        joined = Path(media) / "joined.mp4"
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            join(videos, joined)
            merge_captions([(v.with_suffix(".srt"), duration(v)) for v in videos], Path(media) / "joined.srt")
            times.append(time.perf_counter() - start)
        return statistics.median(times), duration(joined)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--stage", action="append", help="stage to time (repeatable)")
    parser.add_argument("-q", "--quality", default="l", choices=list(QUALITIES))
    parser.add_argument("-n", "--runs", type=int, default=3)
    args = parser.parse_args()
    names = args.stage or ["first-dot", "wedge"]

    print(f"quality {args.quality} ({QUALITIES[args.quality].description}), {args.runs} runs each, medians in seconds")
    print(f"{'stage':<12} {'video':>6} {'relu-anim':>10} {'plain':>8} {'ratio':>6} {'stills':>7} {'x realtime':>11}")
    for result in (bench_stage(name, args.quality, args.runs) for name in names):
        ours, plain, stills = (statistics.median(result[k]) for k in ("ours", "plain", "stills"))
        print(
            f"{result['name']:<12} {result['video']:>6.1f} {ours:>10.2f} {plain:>8.2f} {ours / plain:>6.2f}"
            f" {stills:>7.2f} {result['video'] / ours:>11.2f}"
        )
    join_time, lesson_seconds = bench_join(names, args.quality, args.runs)
    print(f"join of {len(names)} stages ({lesson_seconds:.1f} s of video): {join_time * 1000:.0f} ms")


if __name__ == "__main__":
    main()
