"""Whether each stage renders to the same bytes every time (the README's promise).

Renders each stage ``--runs`` times at ``-q l`` (each render a fresh process, as a
batch worker's first job is), and prints per stage how many different MP4s came out
(1 is reproducible) and the median seconds of a render.

    .venv/bin/python benchmarks/reproducible.py                  # every stage, 3 runs
    .venv/bin/python benchmarks/reproducible.py swap -n 5
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDER = (
    "import sys; from relu_anim.play import Play; from relu_anim.render import render_stage_files; "
    "render_stage_files(sys.argv[1], sys.argv[2], Play.of(sys.argv[3]))"
)


def main() -> None:
    from relu_anim.stages import lesson_order

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stages", nargs="*", help="stages or cards (default: all, in lesson order)")
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument("-q", "--quality", default="l")
    args = parser.parse_args()
    names = args.stages or [stage.name for stage in lesson_order()]
    failures = 0
    for name in names:
        hashes, seconds = [], []
        for _run in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="relu-anim-repro-") as folder:
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", RENDER, name, folder, args.quality], cwd=ROOT, check=True)
                seconds.append(time.perf_counter() - start)
                hashes.append(hashlib.sha256((Path(folder) / f"{name}.mp4").read_bytes()).hexdigest())
        distinct = len(set(hashes))
        failures += distinct > 1
        print(
            f"{name:12} {args.runs} renders -q {args.quality}: {distinct} different MP4(s)  "
            f"median {statistics.median(seconds):.1f} s",
            flush=True,
        )
    print(f"{len(names) - failures} of {len(names)} stages reproducible")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
