"""Where a stage's render time goes: it draws every frame of STAGE without encoding any
(format png), under cProfile, and prints the drawing time and the functions that take it.

    .venv/bin/python benchmarks/profile_stage.py orange-line -q h --top 12

Set beside benchmarks/run.py's figures for the same stage: the render takes about the
encoder's floor plus the share of this drawing that the cores cannot overlap with x264
(both share two cores), plus a fixed start of about 2 s (Python, Manim's import, the
worker).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relu_anim.play import Play  # noqa: E402
from relu_anim.render import render_stage_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage")
    parser.add_argument("--quality", "-q", default="h")
    parser.add_argument("--top", type=int, default=12, help="functions listed  [default: 12]")
    args = parser.parse_args()
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="relu-anim-profile-") as folder:
        start, cpu = time.perf_counter(), time.process_time()
        profile.enable()
        files = render_stage_files(args.stage, folder, Play.of(args.quality), format="png")
        profile.disable()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{args.stage} -q {args.quality}: {files.frames} frames drawn, none encoded: {wall:.1f} s wall under cProfile, "
        f"{cpu:.1f} s CPU"
    )
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = sum(row[2] for row in stats.stats.values())  # tottime of every function
    print(f"profiled time: {total:.1f} s; by own time (share of it):")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]
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
                "_number",
                "copy",
            }
            and cumulative > 0.02 * total
        ):
            print(f"  {cumulative:7.1f} s {cumulative / total:6.1%}  {name}  ({Path(path).name}:{line})")


if __name__ == "__main__":
    main()
