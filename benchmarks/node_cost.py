"""What a hidden node costs per second of lesson (issue 34): for one network, each
stage's and card's length (silent frame data), the CPU seconds of its undrawn play
(frame data, nothing drawn) and, with ``--draw``, of drawing every frame at ``-q l``
(none encoded, as benchmarks/profile_stage.py does), each divided by the length.

    .venv/bin/python benchmarks/node_cost.py part3
    .venv/bin/python benchmarks/node_cost.py tests/data/eight-nodes.toml --draw
    .venv/bin/python benchmarks/node_cost.py part3 --stages wedge,clip --profile 15

Each figure is one stage in this process (Python's start and Manim's import left out);
``--profile N`` prints cProfile's N functions of most own time over the undrawn plays.
CPU is the figure to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relu_anim.frames import FRAME_QUALITY, capture_frames  # noqa: E402
from relu_anim.model import load_lesson  # noqa: E402
from relu_anim.play import Play  # noqa: E402
from relu_anim.render import render_stage_files  # noqa: E402
from relu_anim.stages import lesson_order  # noqa: E402


def measure(stage, lesson, draw: bool) -> dict:
    """One stage's silent length, and the CPU seconds of its undrawn play (and drawing)."""
    cpu = time.process_time()
    played = capture_frames(stage, play=Play.of(FRAME_QUALITY, lesson=lesson), frames=False, opening=False)
    row = {"stage": stage.name, "seconds": played.duration, "play": time.process_time() - cpu}
    if draw:
        with tempfile.TemporaryDirectory(prefix="relu-anim-nodecost-") as folder:
            cpu = time.process_time()
            render_stage_files(stage, folder, Play.of("l", voice="none", lesson=lesson), format="png")
            row["draw"] = time.process_time() - cpu
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("network", help="a preset's name or a network file")
    parser.add_argument("--stages", help="the stages to measure, comma-separated  [default: all]")
    parser.add_argument("--draw", action="store_true", help="also draw every frame at -q l")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile the plays; print the top N")
    parser.add_argument("--json", action="store_true", help="one JSON line per stage")
    args = parser.parse_args()
    lesson = load_lesson(args.network)
    wanted = None if args.stages is None else set(args.stages.split(","))
    profile = cProfile.Profile() if args.profile else None
    for stage in lesson_order():
        if wanted is not None and stage.name not in wanted:
            continue
        if profile:
            profile.enable()
        row = measure(stage, lesson, args.draw)
        if profile:
            profile.disable()
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            per = f"{row['play'] / row['seconds']:.3f}" + (
                f"  draw {row['draw'] / row['seconds']:.3f}" if args.draw else ""
            )
            print(f"{row['stage']:14} {row['seconds']:6.1f} s  play {row['play']:6.2f} s  per s {per}", flush=True)
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
