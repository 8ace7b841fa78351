"""What the up-to-date check costs: a no-change run against a cold one.

A no-change run reads each stage's record, hashes again the source files its render
read (the depfile) and checks each output by content: trusted when its size,
modification time and inode are the recorded ones, else hashed again. Prints, each
run a `relu-anim render --all` subprocess (wall seconds, medians):

  cold          into a fresh media folder: every stage rendered, joined
  no-change     the same command again (target: under 2% of cold)
  touched       after touching every output (new mtimes, same bytes): every output
                is hashed again, the worst case of the check

    .venv/bin/python benchmarks/up_to_date.py                 # -q l, 1 cold, 5 no-change
    .venv/bin/python benchmarks/up_to_date.py --cold 3 --runs 9
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


def render(media: str, quality: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "relu_anim", "render", "--all", "-q", quality, "--quiet", "--media-dir", media],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def touch_outputs(media: str) -> int:
    count = 0
    for path in Path(media).rglob("*"):
        if path.is_file() and ".work" not in path.parts and not path.name.endswith((".inputs", "manifest.json")):
            os.utime(path)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-q", "--quality", default="l")
    parser.add_argument("--cold", type=int, default=1, help="cold runs (each into a fresh folder)")
    parser.add_argument("-n", "--runs", type=int, default=5, help="no-change and touched runs")
    args = parser.parse_args()
    colds, again, touched = [], [], []
    with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as root:
        for index in range(args.cold):
            media = str(Path(root) / f"media-{index}")
            colds.append(render(media, args.quality))
            print(f"cold -q {args.quality}: {colds[-1]:.2f} s", flush=True)
        for _ in range(args.runs):
            again.append(render(media, args.quality))
        for _ in range(args.runs):
            files = touch_outputs(media)
            touched.append(render(media, args.quality))
    cold = statistics.median(colds)
    print(f"cold          median {cold:8.3f} s  ({len(colds)} runs)")
    print(
        f"no-change     median {statistics.median(again):8.3f} s  ({len(again)} runs)"
        f"  ratio {statistics.median(again) / cold:.4f}  (target < 0.02)"
    )
    print(
        f"touched       median {statistics.median(touched):8.3f} s  ({len(touched)} runs, {files} outputs hashed)"
        f"  ratio {statistics.median(touched) / cold:.4f}"
    )


if __name__ == "__main__":
    main()
