"""How the lesson grows with its hidden nodes (issue 34): for N = 1..8, the lesson's
length from frame data (every stage and card played silently, nothing drawn), the CPU
time that play took, and with ``--render`` the ``-q l`` render of the whole lesson.

    .venv/bin/python benchmarks/hidden_nodes.py                # frame data only
    .venv/bin/python benchmarks/hidden_nodes.py --render       # and render --all -q l
    .venv/bin/python benchmarks/hidden_nodes.py --write        # and into RESULTS.md
    .venv/bin/python benchmarks/hidden_nodes.py --stages nodes # the node-following stages only

The networks, by one fixed rule for every N (:func:`spread`): node i of N bends at
dosage (i + 1) / (N + 1), with weight 2 (N + 1) and output weights 1.5, -2, 2.5, -3...,
so every bend lies inside 0..1 and no two nodes are alike; the storyboard's ``part3`` is
a row of its own (N = 2 as the lesson has it). Each stage plays on its own picture
(``opening=False``: a stage that replays the one before lasts as long either way). A stage that fails for some N is named in
the table and left out of that row's length, which is then a lower bound.

Prints Markdown, the section "Issue 34: hidden nodes" of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from relu_anim.model import MAX_HIDDEN, HiddenNode, Lesson, Network, load_lesson  # noqa: E402
from relu_anim.model.files import NetworkFile, write_network_file  # noqa: E402

#: The stages that follow the nodes one by one (this issue's node-following stages).
NODE_STAGES = ("first-dot", "bent-line", "scale-top", "orange-line")
SECTION = "## Issue 34: hidden nodes"


def spread(n: int) -> Network:
    """The rule's network of ``n`` hidden nodes (see the module's docstring)."""
    weight = 2.0 * (n + 1)
    nodes = tuple(
        HiddenNode(weight, round(-weight * (i + 1) / (n + 1), 4), (1.5 + 0.5 * i) * (-1) ** i) for i in range(n)
    )
    return Network(f"spread-{n}", nodes, 0.0)


def lessons() -> list[tuple[str, Lesson]]:
    """(row label, lesson) for N = 1..8 by the rule, and the storyboard's part3."""
    part3 = load_lesson("part3")
    rows = [
        (f"{n} (rule)", Lesson(spread(n), part3.recap, part3.data, names=part3.names)) for n in range(1, MAX_HIDDEN + 1)
    ]
    return rows[:2] + [("2 (part3)", part3)] + rows[2:]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def play_lesson(lesson: Lesson, only: tuple[str, ...] | None = None) -> dict:
    """Every stage and card of ``lesson`` (or those named in ``only``) played for its
    frame data: the seconds of each, the stages that failed, and the CPU and wall
    seconds the play took."""
    from relu_anim.frames import FRAME_QUALITY, capture_frames
    from relu_anim.play import Play
    from relu_anim.stages import lesson_order

    seconds, failed = {}, []
    cpu, wall = cpu_seconds(), time.perf_counter()
    for stage in lesson_order():
        if only is not None and stage.name not in only:
            continue
        try:
            played = capture_frames(stage, play=Play.of(FRAME_QUALITY, lesson=lesson), frames=False, opening=False)
        except Exception as error:  # noqa: BLE001  # a stage not yet generalised: named in the table
            failed.append(f"{stage.name} ({type(error).__name__})")
            continue
        seconds[stage.name] = played.duration
    return {
        "seconds": seconds,
        "failed": failed,
        "cpu": cpu_seconds() - cpu,
        "wall": time.perf_counter() - wall,
    }


def render_lesson(lesson: Lesson) -> tuple[float, float]:
    """``relu-anim render --all -q l --voice none`` of ``lesson``'s network into a fresh
    media folder: (wall seconds, CPU seconds of the command and its children). Silent, as
    the lengths beside it are (a voice lengthens beats by what it says, not by N)."""
    with tempfile.TemporaryDirectory() as folder:
        network = write_network_file(
            NetworkFile(lesson.network, lesson.data, lesson.names), Path(folder) / "network.toml"
        )
        command = [sys.executable, "-m", "relu_anim", "render", "--all", "--quiet", "-q", "l", "--voice", "none"]
        command += ["--network", str(network), "--media-dir", str(Path(folder) / "media")]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(ROOT)}
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            return wall, float("nan")
        return wall, usage.ru_utime + usage.ru_stime


def table(rows: list[tuple[str, dict]], render: bool) -> str:
    head = "| N | lesson s | node stages s | orange-line s | play CPU s | play wall s |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if render:
        head += " render -q l wall s | render CPU s |"
        rule += "---:|---:|"
    lines = [head + " stages that failed |", rule + "---|"]
    for label, row in rows:
        s = row["seconds"]
        cells = [
            label,
            f"{sum(s.values()):.1f}",
            f"{sum(s.get(name, 0.0) for name in NODE_STAGES):.1f}",
            f"{s.get('orange-line', float('nan')):.1f}",
            f"{row['cpu']:.1f}",
            f"{row['wall']:.1f}",
        ]
        if render:
            cells += [f"{row['render'][0]:.1f}", f"{row['render'][1]:.1f}"]
        cells.append(", ".join(row["failed"]) or "none")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render", action="store_true", help="also render the whole lesson at -q l")
    parser.add_argument("--only", help="the rows to run, comma-separated N (e.g. 1,3,8)  [default: all]")
    parser.add_argument(
        "--stages", choices=("lesson", "nodes"), default="lesson", help="the whole lesson, or the node stages only"
    )
    parser.add_argument("--write", action="store_true", help=f"replace the section '{SECTION[3:]}' of RESULTS.md")
    args = parser.parse_args()
    wanted = None if args.only is None else {int(n) for n in args.only.split(",")}
    rows = []
    for label, lesson in lessons():
        if wanted is not None and len(lesson.network.hidden) not in wanted:
            continue
        row = play_lesson(lesson, NODE_STAGES if args.stages == "nodes" else None)
        if args.render:
            row["render"] = render_lesson(lesson)
        rows.append((label, row))
        rendered = " render {:.1f} s wall, {:.1f} s CPU".format(*row["render"]) if args.render else ""
        print(
            label, f"{sum(row['seconds'].values()):.1f} s{rendered}", row["failed"] or "", file=sys.stderr, flush=True
        )
    load = os.getloadavg()[0]
    section = "\n".join(
        [
            SECTION,
            "",
            f"`benchmarks/hidden_nodes.py{' --render' if args.render else ''}`, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, on a shared 2-core machine "
            f"(load average {load:.1f} at the end: wall times are noisy, CPU times less so).",
            "Lengths are the silent play's seconds (frame data; narration lengthens beats)"
            + (", of the node-following stages only (`--stages nodes`)." if args.stages == "nodes" else "."),
            "",
            table(rows, args.render),
            "",
        ]
    )
    print(section)
    if args.write:
        from run import write_section

        write_section(section)


if __name__ == "__main__":
    main()
