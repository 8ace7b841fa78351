"""Where a stage's render time goes: it draws every frame of STAGE without encoding any
(format png), under cProfile, and prints the drawing time and the functions that take it.

    .venv/bin/python benchmarks/profile_stage.py orange-line -q h --top 12
    .venv/bin/python benchmarks/profile_stage.py orange-line bent-line derivative -q l --runs 3
    .venv/bin/python benchmarks/profile_stage.py recap -q h --categories --render
    .venv/bin/python benchmarks/profile_stage.py wedge -q l --network tests/data/eight-nodes.toml

With ``--runs N`` it profiles nothing: each stage is drawn N times, each time in a
fresh process, and it prints the CPU seconds (user + system) of the drawing alone
(Python's start and Manim's import left out, printed beside it as "start"), median and
spread, beside the wall time. CPU is the figure to compare on a shared machine.

With ``--categories`` the profiled drawing's CPU is told in categories a reader can act
on (:data:`CATEGORIES`): each function's own time (cProfile's tottime, so nothing nested
is counted twice) goes to the category of the file it is in; a built-in (a C function:
numpy's, a list's), and importlib's own functions, go to the categories of the
functions that called them, in proportion to the time taken under each (cProfile's
callers), except Cairo's, Pango's and the importer's (``marshal``, ``_imp``), which are
named. cProfile's clock is the wall clock (a CPU clock called from Python costs more than
much of the code it times), so on a shared machine the shares are the figures to read;
the unprofiled drawing CPU beside them gives the seconds. The drawing includes building
the scene (its texts). ``--render`` also measures the whole command
``relu-anim render STAGE -q Q --jobs 1 --voice none`` (CPU of the process tree, a fresh
media folder) and splits it: fixed start (Python, imports: the drawing process's CPU
before drawing begins) + drawing (unprofiled, one fresh process) + the rest (encoding
by x264, the files written, the command's own start).

Set beside benchmarks/run.py's figures for the same stage: the render takes about the
encoder's floor plus the share of this drawing that the cores cannot overlap with x264
(both share two cores), plus a fixed start of about 2 s (Python, Manim's import, the
worker).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relu_anim.model import load_lesson  # noqa: E402
from relu_anim.play import Play  # noqa: E402
from relu_anim.render import render_stage_files  # noqa: E402


def draw(stage: str, quality: str, network: str | None = None) -> dict:
    """Draw every frame of ``stage`` once, in this process: frames, wall and CPU seconds,
    and the CPU seconds this process took before (``start``: Python and the imports,
    Manim's and the scenes' among them, done here first as a render's worker does)."""
    import manim  # noqa: F401

    import relu_anim.scenes  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="relu-anim-profile-") as folder:
        start, cpu = time.perf_counter(), time.process_time()
        lesson = None if network is None else load_lesson(network)  # by default the stage's own
        files = render_stage_files(stage, folder, Play.of(quality, lesson=lesson), format="png")
        return {
            "frames": files.frames,
            "wall": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "start": cpu,
        }


def drawn_once(stage: str, quality: str, network: str | None = None) -> dict:
    """:func:`draw` in a fresh process (so that nothing is cached from an earlier draw)."""
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            stage,
            "-q",
            quality,
            "--draw-once",
            *([] if network is None else ["--network", network]),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def timed_runs(stage: str, quality: str, runs: int, network: str | None = None) -> None:
    """Draw ``stage`` ``runs`` times, each in a fresh process; print CPU and wall seconds."""
    found = [drawn_once(stage, quality, network) for _ in range(runs)]
    cpu, wall = sorted(r["cpu"] for r in found), sorted(r["wall"] for r in found)
    print(
        f"{stage} -q {quality}: {found[0]['frames']} frames drawn, none encoded; drawing CPU "
        f"{statistics.median(cpu):.2f} s (runs {', '.join(f'{c:.2f}' for c in cpu)}), wall "
        f"{statistics.median(wall):.2f} s (runs {', '.join(f'{w:.2f}' for w in wall)}); "
        f"start {statistics.median(r['start'] for r in found):.2f} s CPU",
        flush=True,
    )


def profiled(stage: str, quality: str, top: int, network: str | None = None) -> None:
    """Print the functions that take ``stage``'s drawing time, under cProfile."""
    profile, found = _profile(stage, quality, network)
    print(
        f"{stage} -q {quality}: {found['frames']} frames drawn, none encoded: {found['wall']:.1f} s wall under "
        f"cProfile, {found['cpu']:.1f} s CPU"
    )
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = sum(row[2] for row in stats.stats.values())  # tottime of every function
    print(f"profiled time: {total:.1f} s; by own time (share of it):")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
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
                "_follow_progress",
                "_number",
                "copy",
            }
            and cumulative > 0.02 * total
        ):
            print(f"  {cumulative:7.1f} s {cumulative / total:6.1%}  {name}  ({Path(path).name}:{line})")


def _profile(stage: str, quality: str, network: str | None = None) -> tuple[cProfile.Profile, dict]:
    profile = cProfile.Profile()
    profile.enable()
    found = draw(stage, quality, network)
    profile.disable()
    return profile, found


#: The categories of drawing time: the first whose fragment is in a function's
#: "path:name" (a built-in's name: ``<method 'fill' of 'cairo.Context' objects>``).
CATEGORIES = (
    ("frame hand-over", ("cairo_renderer.py:get_frame", "relu_anim/render.py:add_frame")),
    ("Cairo painting", ("manim/camera/", "relu_anim/layers.py", "'cairo.")),
    ("imports on first use", (":<module>", "marshal.loads", "_imp.", "builtins.compile", "/re/_")),
    ("text", ("manim/mobject/text/", "manim/mobject/svg/", "svgelements", "manimpango", "relu_anim/text.py")),
    ("numpy geometry", ("manim/utils/bezier.py", "manim/utils/space_ops.py", "/numpy/")),
    ("VMobject points and style", ("manim/mobject/types/vectorized_mobject.py", "manim/utils/color/")),
    ("our updaters and components", ("relu_anim/",)),
    (
        "Manim's animation machinery",
        ("manim/animation/", "manim/scene/", "manim/mobject/", "manim/renderer/", "manim/utils/", "/copy.py"),
    ),
)
OTHER = "other"


def _own_category(function: tuple) -> str | None:
    """The category of ``function`` (cProfile's (path, line, name)) by its file; None for a
    built-in of no category (numpy's, a list's) and for importlib's own functions (Manim's
    ``Camera.type_or_raise`` imports on every call): their time goes to their callers'."""
    path, _line, name = function
    where = name if path == "~" else f"{Path(path).as_posix()}:{name}"
    for category, fragments in CATEGORIES:
        if any(fragment in where for fragment in fragments):
            return category
    return None if path == "~" or path.startswith("<frozen importlib") else OTHER


def categories(stats: pstats.Stats) -> dict[str, dict[str, float]]:
    """Seconds of own time by category (:data:`CATEGORIES`; a built-in's by its
    callers'), each as the functions that spent them: {category: {function: seconds}}."""
    shares: dict[tuple, dict[str, float]] = {}

    def share(function: tuple, seen: frozenset) -> dict[str, float]:
        """How ``function``'s own time divides among the categories (fractions)."""
        if function in shares:
            return shares[function]
        own = _own_category(function)
        callers = stats.stats.get(function, (0, 0, 0, 0, {}))[4]
        if own is not None or not callers or function in seen:
            found = {own or OTHER: 1.0}
        else:
            total = sum(edge[2] for edge in callers.values()) or 1.0
            found = {}
            for caller, edge in callers.items():
                for category, fraction in share(caller, seen | {function}).items():
                    found[category] = found.get(category, 0.0) + fraction * edge[2] / total
        shares[function] = found
        return found

    spent: dict[str, dict[str, float]] = {}
    for function, (_, _calls, own, _cumulative, _) in stats.stats.items():
        for category, fraction in share(function, frozenset()).items():
            name = function[2] if function[0] == "~" else f"{function[2]} ({Path(function[0]).name})"
            by_function = spent.setdefault(category, {})
            by_function[name] = by_function.get(name, 0.0) + own * fraction
    return spent


def rendered(stage: str, quality: str) -> float:
    """CPU seconds (user + system, the process tree) of ``relu-anim render STAGE -q Q
    --jobs 1 --voice none`` into a fresh media folder."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="relu-anim-profile-") as media:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "relu_anim",
                "render",
                stage,
                "-q",
                quality,
                "--jobs",
                "1",
                "--voice",
                "none",
                "--quiet",
                "--media-dir",
                media,
            ],
            check=True,
            capture_output=True,
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def categorised(stage: str, quality: str, render: bool) -> None:
    """Print where ``stage``'s drawing CPU goes, by category; with ``render``, the
    drawing's share of the whole render command."""
    profile, found = _profile(stage, quality)
    stats = pstats.Stats(profile, stream=io.StringIO())
    spent = categories(stats)
    seconds = {category: sum(functions.values()) for category, functions in spent.items()}
    total = sum(seconds.values())
    print(
        f"{stage} -q {quality}: {found['frames']} frames drawn, none encoded; under cProfile "
        f"{found['cpu']:.1f} s CPU, {total:.1f} s on cProfile's clock (wall); by category (share of it):"
    )
    for category, own in sorted(seconds.items(), key=lambda kv: kv[1], reverse=True):
        largest = sorted(spent[category].items(), key=lambda kv: kv[1], reverse=True)[:3]
        names = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in largest)
        print(f"  {category:<28} {own / total:6.1%}  {own:6.1f} s   ({names})")
    plain = drawn_once(stage, quality)
    print(f"  unprofiled, a fresh process: drawing {plain['cpu']:.2f} s CPU, start {plain['start']:.2f} s CPU")
    if render:
        whole = rendered(stage, quality)
        rest = whole - plain["start"] - plain["cpu"]
        print(
            f"  render --jobs 1 --voice none: {whole:.2f} s CPU = start {plain['start']:.2f} "
            f"({plain['start'] / whole:.0%}) + drawing {plain['cpu']:.2f} ({plain['cpu'] / whole:.0%}) "
            f"+ encoding and the rest {rest:.2f} ({rest / whole:.0%})"
        )
    print(flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="+", metavar="STAGE")
    parser.add_argument("--quality", "-q", default="h")
    parser.add_argument("--top", type=int, default=12, help="functions listed  [default: 12]")
    parser.add_argument("--runs", "-n", type=int, help="no profile: CPU seconds of N draws, each a fresh process")
    parser.add_argument("--categories", action="store_true", help="the profiled drawing by category")
    parser.add_argument("--render", action="store_true", help="with --categories: the render's CPU, split")
    parser.add_argument("--network", metavar="NAME|FILE", help="the lesson's network  [default: the stage's own]")
    parser.add_argument("--draw-once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for stage in args.stages:
        if args.draw_once:
            print(json.dumps(draw(stage, args.quality, args.network)))
        elif args.runs:
            timed_runs(stage, args.quality, args.runs, args.network)
        elif args.categories:
            categorised(stage, args.quality, args.render)
        else:
            profiled(stage, args.quality, args.top, args.network)


if __name__ == "__main__":
    main()
