"""What drawing a stage costs with Manim's Cairo renderer and with relu-anim's layered
one (issue 35: still mobjects drawn once per animation), frames drawn and none encoded.

    .venv/bin/python benchmarks/layers.py recap swap -q h --runs 3

Each run plays the stage once with each renderer, one after the other (so both meet the
same load), in this process, and reads the CPU seconds each play took (the machine may be
shared: CPU seconds are the figure to read). Prints medians with the spread, and the
mobject drawings (Cairo paths) each renderer made.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manim.renderer.cairo_renderer import CairoRenderer  # noqa: E402

from relu_anim.layers import LayeredRenderer  # noqa: E402
from tests.test_layers import recorded  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="+")
    parser.add_argument("--quality", "-q", default="h")
    parser.add_argument("--runs", "-n", type=int, default=3)
    args = parser.parse_args()
    print("| stage | q | frames drawn | Manim's renderer: CPU s | layered: CPU s | layered / Manim | drawings |")
    print("|---|---|---|---|---|---|---|")
    for stage in args.stages:
        cpu: dict[type, list[float]] = {CairoRenderer: [], LayeredRenderer: []}
        drawings, frames = {}, 0
        for _ in range(args.runs):
            for renderer in cpu:
                start = time.process_time()
                played, drawings[renderer] = recorded(stage, renderer, args.quality, digest=False)
                cpu[renderer].append(time.process_time() - start)
                frames = len(played)
        manim, layered = (statistics.median(cpu[r]) for r in cpu)
        spread = ", ".join(f"{min(v):.1f}-{max(v):.1f}" for v in cpu.values())
        print(
            f"| {stage} | {args.quality} | {frames} | {manim:.1f} | {layered:.1f} | **{layered / manim:.2f}** | "
            f"{drawings[CairoRenderer]} → {drawings[LayeredRenderer]} |  (spread {spread})",
            flush=True,
        )


if __name__ == "__main__":
    main()
