"""How long ``relu-anim fit`` takes on a large data set (issue 18: 10,000 points took
about 12 minutes at the default steps; the aim is under 30 s), and whether the fit is
still right. Prints the figures.

    .venv/bin/python benchmarks/fit_large.py                 # 10,000 points, 3 runs
    .venv/bin/python benchmarks/fit_large.py --points 50000 --runs 1

The data: dosages drawn uniformly from 0..1 (seeded), observed = the lesson's network
(part3) plus Gaussian noise of standard deviation --noise, clipped at 0 as the
network's output is. A right fit leaves residuals the size of the noise: its SSR per
point is near noise² (the true network's own SSR per point is printed beside it).

Timed: the ``relu-anim fit`` command itself (reading the CSV, fitting at the default
settings, writing the network file), --runs times in a row; the median and the spread
of the wall time are printed, and the median CPU time of the command (on a shared,
busy machine the wall time is mostly waiting for a core; the CPU time is what an idle
core would take). Beside it, the cost of one descent step (all 32 starts) by the two
evaluations :func:`relu_anim.model.training.fit` can use: point by point
(``ssr_and_gradient``, what every fit used before) and from running sums
(``relu_anim.model.piecewise``, used above FIT_EXACT_POINTS points), with their ratio
and what the point-by-point way would take for the same number of steps.
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

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from relu_anim.model import load_lesson  # noqa: E402
from relu_anim.model.files import read_network_file  # noqa: E402
from relu_anim.model.network import DataSet  # noqa: E402
from relu_anim.model.piecewise import SortedSums  # noqa: E402
from relu_anim.model.piecewise import ssr_and_gradient as by_sums  # noqa: E402
from relu_anim.model.training import FIT_EXACT_POINTS, FIT_RESTARTS, random_starts, ssr_and_gradient  # noqa: E402


def make_data(points: int, noise: float, seed: int) -> DataSet:
    rng = np.random.default_rng(seed)
    dosage = rng.uniform(0.0, 1.0, points)
    truth = load_lesson("part3").network.forward(dosage).output
    return DataSet(dosage, np.maximum(truth + rng.normal(0.0, noise, points), 0.0))


def per_step(evaluate, theta, repeats: int) -> float:
    """Seconds per evaluation (one descent step evaluates once), best of a few rounds."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            evaluate(theta)
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    data = make_data(args.points, args.noise, args.seed)
    truth_ssr = float(np.sum((data.observed - load_lesson("part3").network.forward(data.dosage).output) ** 2))
    print(
        f"fit on {args.points:,} points (noise {args.noise}), load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cores; piecewise above {FIT_EXACT_POINTS:,} points"
    )
    relu_anim = Path(sys.executable).with_name("relu-anim")
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        lines = ["Dosage,Effectiveness"] + [f"{d:.9f},{o:.9f}" for d, o in zip(data.dosage, data.observed)]
        csv.write_text("\n".join(lines) + "\n")
        times, cpu, out = [], [], Path(tmp) / "fitted.toml"
        for _ in range(args.runs):
            start, before = time.perf_counter(), os.times()
            done = subprocess.run([str(relu_anim), "fit", str(csv), "--out", str(out)], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            after = os.times()
            cpu.append(after.children_user + after.children_system - before.children_user - before.children_system)
            if done.returncode:
                sys.exit(f"relu-anim fit failed: {done.stderr.strip()}")
        summary = done.stderr.strip().splitlines()[-1]
        fitted = read_network_file(out).network
    ssr = float(np.sum((data.observed - fitted.forward(data.dosage).output) ** 2))
    print(
        f"relu-anim fit: median {statistics.median(times):.2f} s over {args.runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}); CPU time median {statistics.median(cpu):.2f} s "
        f"(what an idle core would take); {summary.removeprefix('relu-anim: ')}"
    )
    print(
        f"SSR per point: fitted {ssr / args.points:.6f}, the true network {truth_ssr / args.points:.6f}, "
        f"noise squared {args.noise**2:.6f}"
    )
    steps = int(summary.split(" after ")[1].split()[0])

    theta = random_starts(FIT_RESTARTS, 1)
    sums = SortedSums.of(data)
    exact = per_step(lambda t: ssr_and_gradient(t, "relu", "relu", data), theta, 3)
    fast = per_step(lambda t: by_sums(t, "relu", sums), theta, 200)
    print(
        f"one step, {FIT_RESTARTS} starts: point by point {exact * 1e3:.2f} ms, from running sums "
        f"{fast * 1e3:.3f} ms (ratio {exact / fast:.0f}x); {steps} steps point by point: about "
        f"{exact * steps:.0f} s"
    )


if __name__ == "__main__":
    main()
