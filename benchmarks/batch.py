"""How fast the batch engine is: up-to-date checks and parallel rendering.

Prints, for the whole lesson (``relu-anim render --all``), each run in a subprocess
into a fresh media folder:

  cold          the whole lesson at -q l, --jobs 2 (every stage rendered, then joined)
  no-change     the same command again: everything up to date (target <= 2% of cold)
  jobs 1 / 2    the whole lesson at -q l, --jobs 1 and --jobs 2 (target ratio <= 0.6)
  -q h          optionally (--high) two stages at 1080p60, --jobs 1 and --jobs 2

Medians over --runs repeats. The development machine has 2 cores and is often shared:
quote ratios, and say when it was.

    .venv/bin/python benchmarks/batch.py                  # -q l, one run each
    .venv/bin/python benchmarks/batch.py --runs 3 --high  # medians of 3, plus -q h
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(*args: str, media: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "relu_anim", "render", *args, "--quiet", "--media-dir", media],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def lesson(quality: str, jobs: int, runs: int) -> tuple[list[float], list[float]]:
    """Cold runs of the whole lesson and, after each, a no-change re-run."""
    cold, again = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
            cold.append(timed("--all", "-q", quality, "--jobs", str(jobs), media=media))
            again.append(timed("--all", "-q", quality, "--jobs", str(jobs), media=media))
    return cold, again


def stages(names: list[str], quality: str, jobs: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
            times.append(timed(*names, "-q", quality, "--jobs", str(jobs), media=media))
    return times


def show(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:<34} {median:8.2f} s   (runs: {', '.join(f'{t:.2f}' for t in times)})", flush=True)
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=1)
    parser.add_argument("-q", "--quality", default="l")
    parser.add_argument("--high", action="store_true", help="also two stages at -q h, --jobs 1 vs 2")
    parser.add_argument("--high-stages", default="first-dot,orange-line")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    cold2, again = lesson(args.quality, 2, args.runs)
    c2 = show(f"whole lesson -q {args.quality} --jobs 2 (cold)", cold2)
    a = show("no-change re-run", again)
    print(f"  no-change / cold = {a / c2:.4f}  (target <= 0.02)", flush=True)
    cold1, _ = lesson(args.quality, 1, args.runs)
    c1 = show(f"whole lesson -q {args.quality} --jobs 1 (cold)", cold1)
    print(f"  jobs 2 / jobs 1 = {c2 / c1:.3f}  (target <= 0.6)", flush=True)
    if args.high:
        names = args.high_stages.split(",")
        h1 = show(f"{' + '.join(names)} -q h --jobs 1", stages(names, "h", 1, args.runs))
        h2 = show(f"{' + '.join(names)} -q h --jobs 2", stages(names, "h", 2, args.runs))
        print(f"  jobs 2 / jobs 1 = {h2 / h1:.3f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
