"""What narration costs: synthesis of the whole lesson's words, cold and cached, and
the narrated lesson against the silent one.

    .venv/bin/python benchmarks/narration.py                 # synthesis only
    .venv/bin/python benchmarks/narration.py --render -q h   # and render --all, silent vs joe

Synthesis: every cue of every stage and card (the default lesson) spoken by the voice
into a fresh clip cache (cold), then once more (cached), each ``--runs`` times (medians).
Rendering: ``relu-anim render --all --force`` once with ``--voice none`` and once with the
voice, its clips already cached (medians of ``--runs``), into one fresh media folder.
Also prints each cue's speaking rate, so that the slowest and fastest can be looked at.
Prints Markdown, for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def every_cue() -> list[tuple[str, str]]:
    from relu_anim.frames import capture_frames
    from relu_anim.media.captions import split_cues
    from relu_anim.stages import lesson_order

    cues = []
    for stage in lesson_order():
        played = capture_frames(stage.name, ["end"], frames=False)
        cues += [(stage.name, cue) for _, _, text in played.scene.beat_captions for cue in split_cues(text)]
    return cues


def synthesis(voice_name: str, runs: int, media: Path) -> dict:
    """Every cue synthesised into a fresh cache (cold; the last run's cache is kept in
    ``media`` for the renders), then again from the cache: wall and CPU seconds."""
    import shutil

    from relu_anim.voice import get_voice, spoken
    from relu_anim.voice.cache import CACHE_DIR, get_clip

    voice = get_voice(voice_name)
    cues = every_cue()
    cold, cold_cpu, warm, clips = [], [], [], []
    for _ in range(runs):
        shutil.rmtree(media / CACHE_DIR, ignore_errors=True)
        start, cpu = time.perf_counter(), time.process_time()
        clips = [get_clip(voice, spoken(cue), media) for _, cue in cues]
        cold.append(time.perf_counter() - start)
        cold_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        for _, cue in cues:
            get_clip(voice, spoken(cue), media)
        warm.append(time.perf_counter() - start)
    speech = sum(clip.duration for clip in clips)
    rates = sorted(
        ((len(cue.replace("\n", " ")) / clip.duration, stage, cue) for (stage, cue), clip in zip(cues, clips))
    )
    return {
        "cues": len(cues),
        "speech": speech,
        "cold": statistics.median(cold),
        "cold_cpu": statistics.median(cold_cpu),
        "warm": statistics.median(warm),
        "rates": rates,
    }


def render_all(quality: str, voice: str, media: Path) -> float:
    command = [
        str(ROOT / ".venv/bin/relu-anim"),
        "render",
        "--all",
        "--force",
        "--quiet",
        "-q",
        quality,
        "--voice",
        voice,
        "--media-dir",
        str(media),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks/narration.py")
    parser.add_argument("--voice", default="joe")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--render", action="store_true", help="also time render --all, silent against narrated")
    parser.add_argument("-q", "--quality", default="h")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="relu-anim-bench-") as folder:
        media = Path(folder)
        found = synthesis(args.voice, args.runs, media)
        print(f"### Narration ({args.voice}), {time.strftime('%Y-%m-%d')}, medians of {args.runs}\n")
        print("| | wall seconds | CPU seconds |\n|---|---|---|")
        print(f"| speech in the whole lesson ({found['cues']} cues) | {found['speech']:.1f} | |")
        print(
            f"| synthesis, cold | {found['cold']:.1f} ({found['cold'] / found['speech']:.3f}x real time) | "
            f"{found['cold_cpu']:.1f} ({found['cold_cpu'] / found['speech']:.3f}x) |"
        )
        print(f"| synthesis, every clip cached | {found['warm']:.2f} | |")
        rates = found["rates"]
        print(
            f"\nSpeaking rate per cue (characters of caption a second): median "
            f"{statistics.median(r for r, _, _ in rates):.1f}, slowest {rates[0][0]:.1f}, fastest {rates[-1][0]:.1f}"
        )
        for rate, stage, cue in rates[:3] + rates[-3:]:
            print(f"- {rate:5.1f}  {stage}: {cue.replace(chr(10), ' ')}")
        sys.stdout.flush()
        if args.render:  # the clips are in media/.voice already
            silent = [render_all(args.quality, "none", media) for _ in range(args.runs)]
            said = [render_all(args.quality, args.voice, media) for _ in range(args.runs)]
            s, n = statistics.median(silent), statistics.median(said)
            from relu_anim.quality import get_quality

            manifest = json.loads((media / get_quality(args.quality).folder / "manifest.json").read_text())
            lesson = next(o for o in manifest["outputs"] if o["stage"] == "lesson")  # the narrated one, made last
            print(f"\n| render --all -q {args.quality} --force | wall seconds |\n|---|---|")
            print(f"| --voice none | {s:.1f} |\n| --voice {args.voice}, clips cached | {n:.1f} |")
            print(f"| narrated / silent | {n / s:.3f} |")
            print(f"\nThe narrated lesson lasts {lesson['duration']:.1f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
