"""How fast the batch engine is: up-to-date checks and parallel rendering.

Prints, each run a `relu-anim render` subprocess into a fresh media folder:

  cold          the whole lesson (``render --all``) at -q l: every stage rendered, joined
  no-change     the same command again: everything up to date (target <= 2% of cold)
  jobs 1 / 2    the whole lesson at -q l with --jobs 1 and --jobs 2 (target ratio <= 0.6)
  -q h          with --high: two stages at 1080p60, --jobs 1 and --jobs 2

``--jobs 1`` and ``--jobs 2`` runs alternate, so that both meet the same background load
(the development machine has 2 cores and is shared). Besides wall time, each run's CPU
time (user + system, all its processes) shows how many cores it kept busy: a run that
already keeps 1.4 cores busy with one job cannot go more than 2/1.4 times faster on 2.

    .venv/bin/python benchmarks/batch.py                  # -q l, one run each
    .venv/bin/python benchmarks/batch.py --runs 3 --high  # medians of 3, plus -q h
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(*args: str, media: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `relu-anim render` (CPU: the command and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "relu_anim", "render", *args, "--quiet", "--media-dir", media],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(args: list[str], runs: int, no_change: bool = False) -> dict[str, list[tuple[float, float]]]:
    """--jobs 1 and --jobs 2 runs, alternating; with ``no_change`` a re-run after each."""
    results: dict[str, list] = {"1": [], "2": [], "again": []}
    for _ in range(runs):
        for jobs in ("2", "1"):
            with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
                results[jobs].append(timed(*args, "--jobs", jobs, media=media))
                if no_change and jobs == "2":
                    results["again"].append(timed(*args, "--jobs", jobs, media=media))
    return results


def show(label: str, runs: list[tuple[float, float]]) -> float:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    detail = ", ".join(f"{w:.2f}" for w, _ in runs)
    print(f"{label:<40} {wall:8.2f} s  cpu {cpu:7.1f} s = {cpu / wall:4.2f} cores   (runs: {detail})", flush=True)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=1)
    parser.add_argument("-q", "--quality", default="l")
    parser.add_argument("--high", action="store_true", help="also two stages at -q h, --jobs 1 vs 2")
    parser.add_argument("--high-stages", default="first-dot,orange-line")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    lesson = compare(["--all", "-q", args.quality], args.runs, no_change=True)
    cold = show(f"whole lesson -q {args.quality} --jobs 2 (cold)", lesson["2"])
    again = show("no-change re-run", lesson["again"])
    print(f"  no-change / cold = {again / cold:.4f}  (target <= 0.02)", flush=True)
    one = show(f"whole lesson -q {args.quality} --jobs 1 (cold)", lesson["1"])
    print(f"  jobs 2 / jobs 1 = {cold / one:.3f}  (target <= 0.6)", flush=True)
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
    if args.high:
        names = args.high_stages.split(",")
        high = compare([*names, "-q", "h"], args.runs)
        h1 = show(f"{' + '.join(names)} -q h --jobs 1", high["1"])
        h2 = show(f"{' + '.join(names)} -q h --jobs 2", high["2"])
        print(f"  jobs 2 / jobs 1 = {h2 / h1:.3f}", flush=True)
        print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
