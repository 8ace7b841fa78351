"""One stage on several workers (issue 35): what splitting a stage into chunks gains.

For derivative and the median stage (by video length), at ``-q`` (default h):

  1 vs 2 workers   ``relu-anim render STAGE --jobs 1`` (one piece) and ``--jobs 2 --split``
                   (split in two, whatever the cores), alternating, each into a fresh
                   media folder: medians of ``--runs`` with their spread, wall and
                   CPU (user + system, every process)
  chunk times      in this process: the plan pass, each of the two chunks, the join
  scaling          for 1, 2, 4, 8, 16, 64 workers: the critical path (plan + the slowest
                   chunk + join), each chunk's time computed from measured costs: the
                   chunk's setup, every animation before it played undrawn (measured per
                   animation in an all-undrawn play) and its own animations drawn and
                   encoded (measured per animation in an all-drawn play); next to it what
                   stage-level parallelism alone gives (the stage in one piece, whatever
                   the workers). The modelled 2-chunk path is printed beside the measured
                   one, to show how far the model is to be trusted.
  Dask             ``relu-anim render STAGE --scheduler --split`` on a local Dask cluster
                   of 2 worker processes (one thread each), if ``distributed`` is
                   installed: wall, and CPU of the command and the cluster's
                   processes (from starting the cluster to closing it)

    .venv/bin/python benchmarks/split.py                 # -q h, medians of 3
    .venv/bin/python benchmarks/split.py -q l --runs 1   # a quick look on a shared machine
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from batch import timed  # noqa: E402 - benchmarks/batch.py, beside this file

from relu_anim.chunks import OPEN_END, cut, plan_chunks  # noqa: E402
from relu_anim.play import Play  # noqa: E402
from relu_anim.render import join_chunks, render_chunk  # noqa: E402
from relu_anim.stages import get_stage, lesson_order  # noqa: E402

WORKERS = (1, 2, 4, 8, 16, 64)


def spread(values: list[float]) -> str:
    """A median and its spread: ``12.3 s (11.9-13.0)``."""
    return f"{statistics.median(values):7.2f} s ({min(values):.2f}-{max(values):.2f})"


def one_vs_two(name: str, quality: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    """``render NAME --jobs 1`` and ``--jobs 2``, alternating, each in a fresh folder."""
    results: dict[str, list] = {"1": [], "2": []}
    for _ in range(runs):
        for jobs in ("2", "1"):
            with tempfile.TemporaryDirectory(prefix="relu-anim-split-") as media:
                results[jobs].append(timed(name, "-q", quality, "--jobs", jobs, "--split", media=media))
    return results


def on_dask(name: str, quality: str) -> tuple[float, float] | None:
    """``render NAME --scheduler`` on a local cluster of 2 worker processes: wall of the
    render, CPU of the render and the cluster; None without ``distributed``."""
    try:
        import distributed
    except ImportError:
        return None
    import logging
    import resource

    os.environ["PYTHONPATH"] = str(ROOT)  # the workers import relu_anim from here
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (
        tempfile.TemporaryDirectory(prefix="relu-anim-split-") as media,
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
        ) as cluster,
    ):
        wall, _ = timed(name, "-q", quality, "--scheduler", cluster.scheduler_address, "--split", media=media)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def per_animation(stage, play: Play, keep: range, folder: Path) -> tuple[list[float], float]:
    """Each animation's seconds in one chunk render of ``keep`` (undrawn before it), and
    the rest of the chunk's time (loading the scene, setup, the end)."""
    from relu_anim.segments import ChunkRenderer

    times: list[float] = []
    original = ChunkRenderer.play

    def play_timed(self, scene, *args, **kwargs):
        start = time.perf_counter()
        try:
            original(self, scene, *args, **kwargs)
        finally:
            if self.num_plays > len(times):  # played (not ended the scene)
                times.append(time.perf_counter() - start)

    ChunkRenderer.play = play_timed
    try:
        start = time.perf_counter()
        render_chunk(stage, folder, play, keep)
        total = time.perf_counter() - start
    finally:
        ChunkRenderer.play = original
    return times, total - sum(times)


def measure(name: str, quality: str, folder: Path) -> dict:
    stage, play = get_stage(name), Play.of(quality, clips=folder)
    start = time.perf_counter()
    plan = plan_chunks(stage, play)
    plan_s = time.perf_counter() - start
    drawn, setup = per_animation(stage, play, range(0, OPEN_END), folder / "drawn")
    undrawn, _ = per_animation(stage, play, range(OPEN_END - 1, OPEN_END), folder / "undrawn")
    chunk_s, chunks = [], []
    for i, keep in enumerate(cut(plan.lengths, 2)):
        start = time.perf_counter()
        chunks.append(render_chunk(stage, folder / f"chunk{i}", play, keep if i == 0 else range(keep.start, OPEN_END)))
        chunk_s.append(time.perf_counter() - start)
    start = time.perf_counter()
    join_chunks(stage, chunks, folder / "joined", play)
    join_s = time.perf_counter() - start
    return {
        "plan": plan,
        "plan_s": plan_s,
        "drawn": drawn,
        "undrawn": undrawn,
        "setup": setup,
        "chunk_s": chunk_s,
        "join_s": join_s,
        "whole_s": setup + sum(drawn),
    }


def critical_path(m: dict, workers: int) -> float:
    """Plan + the slowest chunk + join, each chunk's time from the measured costs."""
    if workers == 1:
        return m["whole_s"]
    chunks = cut(m["plan"].lengths, workers)
    slowest = max(m["setup"] + sum(m["undrawn"][: r.start]) + sum(m["drawn"][r.start : r.stop]) for r in chunks)
    return m["plan_s"] + slowest + m["join_s"]


def report(name: str, quality: str, runs: int) -> None:
    print(f"\n== {name} at -q {quality}", flush=True)
    timings = one_vs_two(name, quality, runs)
    one_wall = statistics.median(w for w, _ in timings["1"])
    for jobs in ("1", "2"):
        walls, cpus = [w for w, _ in timings[jobs]], [c for _, c in timings[jobs]]
        print(f"  --jobs {jobs}: wall {spread(walls)}   cpu {spread(cpus)}", flush=True)
    two_wall = statistics.median(w for w, _ in timings["2"])
    print(f"  2 workers / 1 = {two_wall / one_wall:.3f}  (goal <= 0.55)", flush=True)
    dask = on_dask(name, quality)
    if dask is not None:
        print(f"  Dask, 2 worker processes: wall {dask[0]:.2f} s, cpu {dask[1]:.2f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="relu-anim-split-") as folder:
        m = measure(name, quality, Path(folder))
    print(
        f"  in this process: plan {m['plan_s']:.2f} s, chunks of 2: "
        + ", ".join(f"{s:.2f} s" for s in m["chunk_s"])
        + f", join {m['join_s']:.2f} s; one piece {m['whole_s']:.2f} s "
        f"(setup {m['setup']:.2f} s, undrawn play of all {sum(m['undrawn']):.2f} s, "
        f"{sum(m['undrawn']) / sum(m['drawn']):.2f} of drawing them)",
        flush=True,
    )
    measured_two = m["plan_s"] + max(m["chunk_s"]) + m["join_s"]
    print(f"  2 workers: measured path {measured_two:.2f} s, modelled {critical_path(m, 2):.2f} s", flush=True)
    print("  workers   chunks path    stage-level alone", flush=True)
    for workers in WORKERS:
        print(f"  {workers:>7}   {critical_path(m, workers):10.2f} s   {m['whole_s']:10.2f} s", flush=True)


def median_stage(quality: str) -> str:
    """The stage (not a card) whose video length is the median of the lesson's."""
    with tempfile.TemporaryDirectory(prefix="relu-anim-split-") as folder:
        play = Play.of(quality, clips=folder)
        lengths = sorted((plan_chunks(s, play).seconds, s.name) for s in lesson_order() if not s.is_card)
    return lengths[len(lengths) // 2][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", default="h")
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument("--stages", help="comma-separated (default: derivative and the median stage)")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    names = args.stages.split(",") if args.stages else ["derivative", median_stage(args.quality)]
    for name in names:
        report(name, args.quality, args.runs)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
