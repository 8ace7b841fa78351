"""Where a stage's render time goes: it draws every frame of STAGE without encoding any
(format png), under cProfile, and prints the drawing time and the functions that take it.

    .venv/bin/python benchmarks/profile_stage.py orange-line -q h --top 12
    .venv/bin/python benchmarks/profile_stage.py orange-line bent-line derivative -q l --runs 3
    .venv/bin/python benchmarks/profile_stage.py wedge -q l --network tests/data/eight-nodes.toml

With ``--runs N`` it profiles nothing: each stage is drawn N times, each time in a
fresh process, and it prints the CPU seconds (user + system) of the drawing alone
(Python's start and Manim's import left out), median and spread, beside the wall time.
CPU is the figure to compare on a shared machine.

Set beside benchmarks/run.py's figures for the same stage: the render takes about the
encoder's floor plus the share of this drawing that the cores cannot overlap with x264
(both share two cores), plus a fixed start of about 2 s (Python, Manim's import, the
worker).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relu_anim.model import load_lesson  # noqa: E402
from relu_anim.play import Play  # noqa: E402
from relu_anim.render import render_stage_files  # noqa: E402


def draw(stage: str, quality: str, network: str | None = None) -> dict:
    """Draw every frame of ``stage`` once, in this process (for ``network``'s lesson, a
    preset's name or a file: by default the stage's own): frames, wall and CPU seconds."""
    lesson = None if network is None else load_lesson(network)
    with tempfile.TemporaryDirectory(prefix="relu-anim-profile-") as folder:
        start, cpu = time.perf_counter(), time.process_time()
        files = render_stage_files(stage, folder, Play.of(quality, lesson=lesson), format="png")
        return {"frames": files.frames, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def timed_runs(stage: str, quality: str, runs: int, network: str | None = None) -> None:
    """Draw ``stage`` ``runs`` times, each in a fresh process; print CPU and wall seconds."""
    found = []
    chosen = [] if network is None else ["--network", network]
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, stage, "-q", quality, "--draw-once", *chosen],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        found.append(json.loads(out.splitlines()[-1]))
    cpu, wall = sorted(r["cpu"] for r in found), sorted(r["wall"] for r in found)
    print(
        f"{stage} -q {quality}: {found[0]['frames']} frames drawn, none encoded; drawing CPU "
        f"{statistics.median(cpu):.2f} s (runs {', '.join(f'{c:.2f}' for c in cpu)}), wall "
        f"{statistics.median(wall):.2f} s (runs {', '.join(f'{w:.2f}' for w in wall)})",
        flush=True,
    )


def profiled(stage: str, quality: str, top: int, network: str | None = None) -> None:
    profile = cProfile.Profile()
    profile.enable()
    found = draw(stage, quality, network)
    profile.disable()
    print(
        f"{stage} -q {quality}: {found['frames']} frames drawn, none encoded: {found['wall']:.1f} s wall under "
        f"cProfile, {found['cpu']:.1f} s CPU"
    )
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = sum(row[2] for row in stats.stats.values())  # tottime of every function
    print(f"profiled time: {total:.1f} s; by own time (share of it):")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for (path, line, name), (_, calls, own, _cumulative, _) in rows:
        where = f"{Path(path).parent.name}/{Path(path).name}:{line}" if path != "~" else "built-in"
        print(f"  {own:7.1f} s {own / total:6.1%}  {calls:>9}  {name}  ({where})")
    print("by cumulative time, selected:")
    for (path, line, name), (_, _calls, _own, cumulative, _) in stats.stats.items():
        if (
            name
            in {
                "capture_mobjects",
                "update_mobjects",
                "update_frame",
                "_redraw_axes",
                "redraw",
                "get_moving_mobjects",
                "prepare_redraw",
                "display_vectorized",
                "write_frame",
                "add_frame",
                "make_text",
                "replace_text",
                "_refresh",
                "_follow_progress",
                "_number",
                "copy",
            }
            and cumulative > 0.02 * total
        ):
            print(f"  {cumulative:7.1f} s {cumulative / total:6.1%}  {name}  ({Path(path).name}:{line})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="+", metavar="STAGE")
    parser.add_argument("--quality", "-q", default="h")
    parser.add_argument("--top", type=int, default=12, help="functions listed  [default: 12]")
    parser.add_argument("--runs", "-n", type=int, help="no profile: CPU seconds of N draws, each a fresh process")
    parser.add_argument("--network", metavar="NAME|FILE", help="the lesson's network  [default: the stage's own]")
    parser.add_argument("--draw-once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for stage in args.stages:
        if args.draw_once:
            print(json.dumps(draw(stage, args.quality, args.network)))
        elif args.runs:
            timed_runs(stage, args.quality, args.runs, args.network)
        else:
            profiled(stage, args.quality, args.top, args.network)


if __name__ == "__main__":
    main()
