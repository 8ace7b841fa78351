"""The speed benchmark (issue 11): prints a table and writes benchmarks/RESULTS.md.

Sections (each run in a fresh media folder, so nothing is cached unless said):

  stages      each stage alone (`relu-anim render STAGE -q Q --jobs 1`, one process):
              wall seconds, CPU seconds (the process tree's user + system, from wait4),
              frames, frames per second, the process tree's peak memory (maxrss), and
              render time / the encoder's floor: the median's, and each run's against the
              floor measured right after it (the spread)
  floor       the same frames at the same size through the same encoder settings as
              Manim's (relu_anim.media.MANIM_ENCODER resolved by Manim itself, written by
              our segment encoder, relu_anim.segments), from memory: the rendered video's frames
              are decoded into memory first (untimed), then only the encode is timed
  lesson      the whole lesson cold: `relu-anim render --all` (default --jobs) against
              the plain Manim CLI (`python -m manim -qX FILE CLASS`, one stage after
              another, a fresh --media_dir), in the same run; then the no-change re-run
  snapshots   `pytest -q tests/test_snapshots.py`, wall time

    .venv/bin/python benchmarks/run.py                                 # everything (long: 30+ min)
    .venv/bin/python benchmarks/run.py --quality l --skip-lesson       # stages at 480p15 only
    .venv/bin/python benchmarks/run.py --quality h --stages first-dot,wedge --skip-lesson
    .venv/bin/python benchmarks/run.py --label After --runs 3
    .venv/bin/python benchmarks/run.py --quality h --skip-lesson --skip-no-change --skip-snapshots --runs 3
                                        # every stage and card at -q h against its floor, medians of 3

Figures are medians of --runs runs. RESULTS.md keeps one section per --label (a new run
replaces the section of the same label, others stay), so "Before" and "After" sit side by side.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
sys.path.insert(0, str(ROOT))

from relu_anim.quality import get_quality  # noqa: E402
from relu_anim.stages import get_stage, lesson_order  # noqa: E402

# -- running things ---------------------------------------------------------------------


def run(command: list[str]) -> tuple[float, int, str, float]:
    """Run ``command`` in the project folder: (wall seconds, peak memory in MiB of the
    process and the children it waited for, its stdout, and CPU seconds, user + system,
    of the same processes). Fails loudly on error."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=err)
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if process.returncode != 0:
            err.seek(0)
            sys.exit(f"run.py: {' '.join(command)} failed ({process.returncode}):\n{err.read().decode()[-3000:]}")
    return wall, usage.ru_maxrss // 1024, out.decode(), usage.ru_utime + usage.ru_stime


def relu_anim(*args: str, media: str) -> tuple[float, int, dict, float]:
    wall, rss, out, cpu = run(
        [sys.executable, "-m", "relu_anim", "render", *args, "--quiet", "--json", "--media-dir", media]
    )
    return wall, rss, json.loads(out), cpu


def scene_file(name: str) -> Path:
    return get_stage(name).source_file()


def plain_manim(name: str, quality: str, media: str) -> float:
    """The plain Manim CLI on the stage's scene file, as a user without relu-anim would."""
    command = [
        sys.executable,
        "-m",
        "manim",
        f"-q{quality}",
        "--media_dir",
        media,
        str(scene_file(name)),
        get_stage(name).scene_class,
    ]
    return run(command)[0]


# -- the encoder's floor ----------------------------------------------------------------


def manim_encoder_spec(quality: str):
    """Manim's resolved encoder settings for our renders (codec, pixel format, options;
    without a preset, x264's default, medium), from the settings render.py gives Manim."""
    from manim._config.output import OutputFormat, OutputSpec
    from manim._config.video_encoder import resolve_video_encoder

    from relu_anim.media import MANIM_ENCODER

    size = get_quality(quality)
    output = OutputSpec(format=OutputFormat.MP4, transparent=False, save_sections=False, fallback_to_still=False)
    return resolve_video_encoder(
        output,
        width=size.width,
        height=size.height,
        frame_rate=size.fps,
        codec=MANIM_ENCODER["video_codec"],
        pixel_format=MANIM_ENCODER["pixel_format"],
        options=MANIM_ENCODER["video_encoder_options"],
    )


def encoder_floor(video: Path, quality: str, memory_mb: int) -> tuple[float, int]:
    """Seconds to encode ``video``'s frames from memory, and how many.

    Frames are decoded (untimed) in chunks of at most ``memory_mb`` of RGBA, each chunk
    then fed to one continuous encoder (timed): the segment encoder our renders use
    (relu_anim.segments.HeldFrameEncoder: Manim's, with each picture copied into one
    reused frame), with our settings. Every frame is given once, as it was decoded, so
    the floor converts each one from RGBA to yuv420p (a render converts a held picture
    once): with a fast x264 preset that conversion is a large part of the floor
    (NOTES.md, "Speed"). x264 keeps a few frames in flight on its own threads, which may
    run on while the next chunk is decoded: with chunks of hundreds of frames this
    flatters the floor by well under 2%. (Manim's own segment encoder allocates a new
    frame per picture, which took 0.5-6 ms here depending on the allocator's state: a
    floor measured with it moved between 60 and 95 frames/s from one stage to the next.)"""
    import av
    import numpy as np

    from relu_anim.segments import HeldFrameEncoder

    spec = manim_encoder_spec(quality)
    per_chunk = max(1, memory_mb * 2**20 // (spec.width * spec.height * 4))
    seconds, frames = 0.0, 0
    with tempfile.TemporaryDirectory(prefix="relu-anim-floor-") as folder, av.open(str(video)) as source:
        encoder = HeldFrameEncoder(target=Path(folder) / "floor.mp4", spec=spec)
        decoded = source.decode(video=0)
        while True:
            chunk = []
            for frame in decoded:
                chunk.append(np.ascontiguousarray(frame.to_ndarray(format="rgba")))
                if len(chunk) == per_chunk:
                    break
            if not chunk:
                break
            start = time.perf_counter()
            for pixels in chunk:
                encoder.write_frame(pixels)
            seconds += time.perf_counter() - start
            frames += len(chunk)
            del chunk
        start = time.perf_counter()
        encoder.finish()
        seconds += time.perf_counter() - start
    return seconds, frames


def floor_in_child(video: Path, quality: str, memory_mb: int) -> tuple[float, int]:
    """:func:`encoder_floor` in a process of its own: this one stays small, since a child
    inherits its parent's peak memory at fork (which would inflate the figures above)."""
    out = run([sys.executable, __file__, "--floor-of", str(video), quality, str(memory_mb)])[2]
    seconds, frames = json.loads(out)
    return seconds, frames


# -- sections ---------------------------------------------------------------------------


def stage_table(names: list[str], quality: str, runs: int, memory_mb: int, skip_floor: bool) -> list[dict]:
    rows = []
    for name in names:
        walls, rsss, floors, cpus = [], [], [], []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
                wall, rss, manifest, cpu = relu_anim(name, "-q", quality, "--jobs", "1", media=media)
                (entry,) = [o for o in manifest["outputs"] if o["stage"] == name]
                walls.append(wall)
                rsss.append(rss)
                cpus.append(cpu)
                if not skip_floor:
                    video = Path(media) / get_quality(quality).folder / entry["path"]
                    floor, floor_frames = floor_in_child(video, quality, memory_mb)
                    if floor_frames != entry["frames"]:
                        print(f"  note: {name}: {floor_frames} frames decoded, manifest says {entry['frames']}")
                    floors.append(floor)
        row = {
            "stage": name,
            "quality": quality,
            "frames": entry["frames"],
            "duration": entry["duration"],
            "seconds": statistics.median(walls),
            "runs": walls,
            "cpu": statistics.median(cpus),
            "rss": max(rsss),
            "floor": statistics.median(floors) if floors else None,
            # each run's render against its own floor (both met the same load): the spread
            "ratios": sorted(w / f for w, f in zip(walls, floors)),
        }
        row["fps"] = row["frames"] / row["seconds"]
        row["ratio"] = row["seconds"] / row["floor"] if row["floor"] else None
        rows.append(row)
        print(stage_line(row), flush=True)
    return rows


STAGE_HEAD = (
    "| stage | q | video s | frames | render s | render CPU s | frames/s | peak MiB | floor s | floor fps "
    "| render / floor | each run's render / its floor |"
)


def stage_line(row: dict) -> str:
    floor = (
        f"{row['floor']:.1f} | {row['frames'] / row['floor']:.1f} | **{row['ratio']:.2f}** | "
        + ", ".join(f"{r:.2f}" for r in row["ratios"])
        if row["floor"]
        else "- | - | - | -"
    )
    return (
        f"| {row['stage']} | {row['quality']} | {row['duration']:.1f} | {row['frames']} | {row['seconds']:.1f} | "
        f"{row['cpu']:.1f} | {row['fps']:.1f} | {row['rss']} | {floor} |"
    )


def lesson(names: list[str], quality: str, runs: int, skip_plain: bool) -> dict:
    """relu-anim --all cold (default jobs) and its no-change re-run; plain Manim stage by
    stage; alternating, so that both meet the same background load."""
    ours, again, plain, per_stage = [], [], [], {n: [] for n in names}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
            wall = relu_anim("--all", "-q", quality, media=media)[0]
            ours.append(wall)
            again.append(relu_anim("--all", "-q", quality, media=media)[0])
        print(f"  relu-anim --all -q {quality} cold: {wall:.1f} s, re-run {again[-1]:.2f} s", flush=True)
        if not skip_plain:
            total = 0.0
            for name in names:
                with tempfile.TemporaryDirectory(prefix="relu-anim-plain-") as media:
                    seconds = plain_manim(name, quality, media)
                per_stage[name].append(seconds)
                total += seconds
            plain.append(total)
            print(f"  plain manim, {len(names)} stages one after another: {total:.1f} s", flush=True)
    result = {
        "quality": quality,
        "ours": statistics.median(ours),
        "ours_runs": ours,
        "again": statistics.median(again),
        "plain": statistics.median(plain) if plain else None,
        "plain_runs": plain,
        "per_stage": {n: statistics.median(v) for n, v in per_stage.items() if v},
    }
    return result


def no_change(quality: str, runs: int) -> dict:
    cold, again = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as media:
            cold.append(relu_anim("--all", "-q", quality, media=media)[0])
            again.append(relu_anim("--all", "-q", quality, media=media)[0])
    return {"quality": quality, "ours": statistics.median(cold), "again": statistics.median(again)}


def snapshots(runs: int) -> float:
    return statistics.median(
        run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_snapshots.py"])[0]
        for _ in range(runs)
    )


# -- the machine --------------------------------------------------------------------------


def x264_version() -> str:
    """x264's build, as it writes itself into the stream (its SEI user data)."""
    import io

    import av
    import numpy as np

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=1)
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")
        for packet in [*stream.encode(frame), *stream.encode()]:
            out.mux(packet)
    found = re.search(rb"x264 - core (\d+)( r\d+ \w+)?", buffer.getvalue())
    return found.group(0).decode() if found else "libx264 (version not found)"


def versions() -> dict:
    """Versions of what renders, and the encoder settings Manim resolves for our renders."""
    import av
    import manim

    from relu_anim import __version__

    spec = manim_encoder_spec("h")
    options = ", ".join(f"{k} {v}" for k, v in spec.options)
    preset = "" if any(k == "preset" for k, _ in spec.options) else ", preset medium (x264's default)"
    return {
        "versions": f"Python {platform.python_version()}, Manim {manim.__version__}, PyAV {av.__version__}, "
        f"{x264_version()}, relu-anim {__version__}",
        "encoder": f"{spec.codec}, {options}{preset}, {spec.pixel_format}",
    }


def machine(load: float) -> tuple[list[str], str]:
    """The machine's description (lines), and the encoder settings; versions are read in a
    child process, so that this one never imports Manim or PyAV."""
    found = json.loads(run([sys.executable, __file__, "--versions"])[2])
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- CPU: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; load average before: {load:.2f}",
        f"- {found['versions']} (commit {commit or 'unknown'})",
    ], found["encoder"]


# -- the report ---------------------------------------------------------------------------


def report(
    args, load: float, stage_rows: list[dict], whole: dict | None, unchanged: dict | None, snap: float | None
) -> str:
    described, encoder = machine(load)
    lines = [
        f"## {args.label}",
        "",
        *described,
        f"- command: `python benchmarks/run.py {' '.join(sys.argv[1:])}`",
        f"- medians of {args.runs} run(s)",
        "",
    ]
    if stage_rows:
        lines += [
            "### Stages",
            "",
            "Each stage alone, `--jobs 1`, fresh media folder. Peak memory: the render process tree's maxrss. "
            f"Floor: the same frames at the same size through our segment encoder (Manim's, each picture copied into one reused frame) with our settings ({encoder}), "
            "from memory (decoded from the rendered video first, untimed; one continuous stream).",
            "",
            STAGE_HEAD,
            "|" + "---|" * 12,
            *(stage_line(r) for r in stage_rows),
            "",
        ]
    if whole:
        q = whole["quality"]
        lines += [
            "### Whole lesson",
            "",
            f"Cold, `-q {q}`. relu-anim: `render --all` with default jobs "
            f"({os.cpu_count()} cores). Plain Manim: `python -m manim -q{q} FILE CLASS`, stage after stage.",
            "",
            "| | seconds | runs |",
            "|---|---|---|",
            f"| relu-anim `render --all -q {q}` | {whole['ours']:.1f} | {', '.join(f'{w:.1f}' for w in whole['ours_runs'])} |",
        ]
        if whole["plain"]:
            lines += [
                f"| plain Manim, one stage after another | {whole['plain']:.1f} | "
                f"{', '.join(f'{w:.1f}' for w in whole['plain_runs'])} |",
                "",
                f"relu-anim / plain Manim = **{whole['ours'] / whole['plain']:.2f}** (target <= 0.5 at -q h)",
                "",
                "Plain Manim per stage (s): " + ", ".join(f"{n} {s:.1f}" for n, s in whole["per_stage"].items()),
            ]
        else:
            lines += ["", "Plain Manim: not measured in this run (--skip-plain)."]
        lines.append("")
    if unchanged:
        lines += [
            "### No-change re-run",
            "",
            f"`render --all -q {unchanged['quality']}` again into the same folder: {unchanged['again']:.2f} s "
            f"against {unchanged['ours']:.1f} s cold = **{unchanged['again'] / unchanged['ours']:.2%}** "
            "(target <= 2%)",
            "",
        ]
    if snap is not None:
        lines += ["### Snapshot tests", "", f"`pytest -q tests/test_snapshots.py`: **{snap:.1f} s** wall", ""]
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace the ``## <label>`` section of RESULTS.md (or append it); keep the rest."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Speed benchmark results\n\n"
    title = section.splitlines()[0]
    parts = re.split(r"(?m)^(?=## )", text)
    replaced = [section.rstrip() + "\n\n" if p.splitlines()[0] == title else p for p in parts if p]
    if title not in (p.splitlines()[0] for p in parts if p):
        replaced.append(section.rstrip() + "\n\n")
    RESULTS.write_text("".join(replaced).rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", "-n", type=int, default=1, help="runs per figure (medians)  [default: 1]")
    parser.add_argument("--stages", help="stages to time, comma-separated  [default: all]")
    parser.add_argument("--stages-h", help="stages to time at -q h  [default: --stages]")
    parser.add_argument(
        "--quality",
        "-q",
        choices=["l", "h", "k", "lh"],
        default="lh",
        help="per-stage qualities (k: 4K, for peak memory)  [default: lh]",
    )
    parser.add_argument("--lesson-quality", choices=["l", "h"], default="h", help="whole-lesson quality  [default: h]")
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--skip-floor", action="store_true", help="no encoder floors")
    parser.add_argument("--skip-lesson", action="store_true", help="no whole-lesson comparison")
    parser.add_argument("--skip-plain", action="store_true", help="whole lesson: relu-anim only, no plain Manim")
    parser.add_argument("--skip-no-change", action="store_true", help="with --skip-lesson: no cold + re-run at -q l")
    parser.add_argument("--skip-snapshots", action="store_true")
    parser.add_argument(
        "--floor-memory", type=int, default=1500, metavar="MB", help="frames held in memory for the floor"
    )
    parser.add_argument("--label", default="Latest run", help="RESULTS.md section title  [default: Latest run]")
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md alone")
    parser.add_argument("--versions", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--floor-of", nargs=3, metavar=("VIDEO", "Q", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.versions:
        print(json.dumps(versions()))
        return
    if args.floor_of:  # internal: one encoder floor, in its own process
        video, quality, memory_mb = args.floor_of
        print(json.dumps(encoder_floor(Path(video), quality, int(memory_mb))))
        return

    every = [s.name for s in lesson_order()]  # the title card, the ten stages, the summary card
    names = args.stages.split(",") if args.stages else every
    names_h = args.stages_h.split(",") if args.stages_h else names
    for name in {*names, *names_h}:
        get_stage(name)  # unknown names fail here, before any work
    load = os.getloadavg()[0]
    print(f"load average before: {load:.2f}", flush=True)

    rows: list[dict] = []
    if not args.skip_stages:
        print(STAGE_HEAD, flush=True)
        for quality in args.quality:
            rows += stage_table(
                names if quality == "l" else names_h, quality, args.runs, args.floor_memory, args.skip_floor
            )
    whole = unchanged = None
    if not args.skip_lesson:
        print(f"whole lesson -q {args.lesson_quality}:", flush=True)
        whole = lesson(every, args.lesson_quality, args.runs, args.skip_plain)
        unchanged = {"quality": whole["quality"], "ours": whole["ours"], "again": whole["again"]}
    elif not args.skip_no_change:
        unchanged = no_change("l", args.runs)
    if unchanged:
        print(
            f"no-change re-run -q {unchanged['quality']}: {unchanged['again']:.2f} s / {unchanged['ours']:.1f} s cold "
            f"= {unchanged['again'] / unchanged['ours']:.2%}",
            flush=True,
        )
    snap = None if args.skip_snapshots else snapshots(args.runs)
    if snap is not None:
        print(f"snapshot tests: {snap:.1f} s", flush=True)
    section = report(args, load, rows, whole, unchanged, snap)
    print()
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"\nwritten: {RESULTS.relative_to(ROOT)} (section '{args.label}')")


if __name__ == "__main__":
    main()
