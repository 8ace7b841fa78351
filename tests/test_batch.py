"""The batch engine: up to date, parallel, observable, and safe when things go wrong.

Everything renders tiny purpose-made scenes (tests/batch_scenes.py) at quality t.
Fault tests run the real command in a subprocess (``python -m tests.batch_stages``:
relu-anim's CLI with the tiny scenes registered) and interrupt or kill it.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner

from relu_anim.batch import build, make_plan
from relu_anim.batch.plan import lesson_fingerprint
from relu_anim.batch.progress import Progress
from relu_anim.cli import main
from relu_anim.model import DataSet, Lesson, default_lesson
from relu_anim.play import Play
from relu_anim.stages import Stage, use_stages

from .batch_stages import FRAMES, TEST_STAGES, TINY, TINY_CARDS

ROOT = Path(__file__).resolve().parents[1]
FPS = 5


@pytest.fixture(autouse=True)
def test_stages():
    with use_stages(TEST_STAGES):
        yield


def render(*args):
    """``relu-anim render -q t ARGS``, in one worker unless ARGS say --jobs (cheaper:
    each worker imports Manim)."""
    jobs = [] if "--jobs" in args else ["--jobs", "1"]
    return CliRunner().invoke(main, ["render", "-q", "t", *jobs, *map(str, args)])


def interruptible() -> None:
    """Run in a Ctrl-C test's child before it starts (``preexec_fn``): SIGINT's default
    disposition, whatever the test run has. A shell that is not interactive starts its
    background jobs with SIGINT ignored, a child inherits that, and Python then leaves
    it ignored: the suite started as ``./run test &`` from a script saw these renders run
    to the end (exit 0), though relu-anim does stop on Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def command(*args, two=False) -> list[str]:
    """The relu-anim command with the test scenes, for a subprocess."""
    return [
        sys.executable,
        "-m",
        "tests.batch_stages",
        *(["--two"] if two else []),
        "render",
        "-q",
        "t",
        *map(str, args),
    ]


def run(*args, two=False, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args, two=two),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def frames_in(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def no_partial_files(media: Path) -> bool:
    return not [p for p in media.rglob("*") if ".part" in p.name]


def valid_outputs(folder: Path, names) -> None:
    """Each stage's video decodes to its known frame count; the record matches the files."""
    for name in names:
        assert frames_in(folder / f"{name}.mp4") == FRAMES[name], name
        record = json.loads((folder / f"{name}.mp4.inputs").read_text())
        for entry in record["files"].values():
            assert hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]


# -- up to date --------------------------------------------------------------------------


def test_a_second_run_renders_nothing_and_force_renders_again(tmp_path):
    first = render("tiny-a", "tiny-b", "--json", "--media-dir", tmp_path)
    assert first.exit_code == 0, first.output
    mtime = (tmp_path / "tiny" / "tiny-a.mp4").stat().st_mtime_ns
    again = render("tiny-a", "tiny-b", "--json", "--media-dir", tmp_path)
    assert again.exit_code == 0, again.output
    statuses = {o["stage"]: o["status"] for o in json.loads(again.stdout)["outputs"]}
    assert statuses == {"tiny-a": "cached", "tiny-b": "cached"}
    assert (tmp_path / "tiny" / "tiny-a.mp4").stat().st_mtime_ns == mtime  # not rewritten
    assert "relu-anim: tiny-a up to date" in again.stderr.splitlines()
    forced = render("tiny-a", "--force", "--json", "--quiet", "--media-dir", tmp_path)
    assert [o["status"] for o in json.loads(forced.stdout)["outputs"] if o["stage"] == "tiny-a"] == ["done"]
    assert forced.stderr == ""  # --quiet: no progress
    assert list((tmp_path / ".work").iterdir()) == []  # working folders do not pile up


def test_the_up_to_date_check_does_not_import_manim(tmp_path):
    assert run("tiny-a", "--media-dir", tmp_path).returncode == 0
    check = (
        "import sys\n"
        "from relu_anim.stages import use_stages\n"
        "from relu_anim.batch import build, make_plan\n"
        "from relu_anim.play import Play\n"
        "from tests.batch_stages import TEST_STAGES\n"
        "with use_stages(TEST_STAGES):\n"
        f"    result = build(make_plan(['tiny-a'], Play.of('t'), media_dir={str(tmp_path)!r}))\n"
        "print(result.outcomes[0].status, sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'av')))\n"
    )
    out = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split(maxsplit=1) == ["cached", "[]\n"]


def write_scene(folder: Path, module: str, colour: str) -> Stage:
    (folder / f"{module}.py").write_text(
        "from manim import Square, FadeIn\nfrom relu_anim.scene import LessonScene\n\n"
        f"class S(LessonScene):\n    def construct(self):\n        self.play(FadeIn(Square(color='{colour}')), run_time=0.4)\n"
    )
    return Stage(1, module.replace("_", "-"), "S", module, scene_module=module)


def test_editing_one_scene_renders_that_scene_and_the_lesson_only(tmp_path, monkeypatch):
    scenes, media = tmp_path / "scenes", tmp_path / "media"
    scenes.mkdir()
    monkeypatch.syspath_prepend(str(scenes))  # the workers (spawned) get the same sys.path
    stages = [write_scene(scenes, "edit_one", "#FF0000"), write_scene(scenes, "edit_two", "#00FF00")]
    with use_stages(stages):
        first = build(make_plan(None, Play.of("t"), media_dir=media), jobs=1)
        assert [o.status for o in (*first.outcomes, first.lesson)] == ["done", "done", "done"]
        write_scene(scenes, "edit_two", "#0000FF")
        second = build(make_plan(None, Play.of("t"), media_dir=media), jobs=1)
    assert [o.status for o in (*second.outcomes, second.lesson)] == ["cached", "done", "done"]


def test_inputs_cover_the_lesson(tmp_path):
    """(Which source files count is the depfile's business: tests/test_batch_trust.py.)"""
    lesson = default_lesson()
    same = Lesson(
        network=lesson.network, recap=lesson.recap, data=DataSet(np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0, 0.0]))
    )
    moved = Lesson(
        network=lesson.network, recap=lesson.recap, data=DataSet(np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0, 0.001]))
    )
    assert lesson_fingerprint(same) == lesson_fingerprint(lesson)
    assert lesson_fingerprint(moved) != lesson_fingerprint(lesson)
    plans = [make_plan(["tiny-a"], Play.of("t", lesson=x), media_dir=tmp_path) for x in (lesson, moved)]
    assert plans[0].jobs[0].inputs != plans[1].jobs[0].inputs


def test_other_qualities_formats_and_themes_are_separate_outputs(tmp_path):
    plan = make_plan(["tiny-a"], Play.of("t"), media_dir=tmp_path)
    others = [
        make_plan(["tiny-a"], Play.of("l"), media_dir=tmp_path),
        make_plan(["tiny-a"], Play.of("t"), format="webm", media_dir=tmp_path),
        make_plan(["tiny-a"], Play.of("t", "dark"), media_dir=tmp_path),
    ]
    assert len({p.jobs[0].inputs for p in [plan, *others]}) == 4


# -- observable -------------------------------------------------------------------------


def test_json_manifest_describes_every_output(tmp_path):
    with use_stages(TINY, cards=TINY_CARDS):
        result = render("--all", "--json", "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    folder = tmp_path / "tiny"
    assert json.loads((folder / "manifest.json").read_text()) == document  # the same, on disk
    assert (document["schema"], document["quality"], document["theme"]) == (2, "t", "light")
    outputs = {o["stage"]: o for o in document["outputs"]}
    assert list(outputs) == ["hello", "tiny-a", "tiny-b", "bye", "lesson"]  # the cards open and close the lesson
    assert [(o["kind"], o["number"]) for o in outputs.values()] == [
        ("card", None),
        ("stage", 1),
        ("stage", 2),
        ("card", None),
        ("lesson", None),
    ]
    for name, output in outputs.items():
        path = folder / output["path"]
        data = path.read_bytes()
        assert output["bytes"] == len(data) and output["sha256"] == hashlib.sha256(data).hexdigest()
        frames = sum(FRAMES[n] for n in ("hello", "tiny-a", "tiny-b", "bye")) if name == "lesson" else FRAMES[name]
        assert (output["width"], output["height"], output["fps"], output["frames"]) == (256, 144, 5, frames)
        assert frames_in(path) == frames
        assert output["duration"] == pytest.approx(frames / FPS)
        assert output["status"] == "done" and output["cached"] is False and output["seconds"] > 0
        assert output["format"] == "mp4" and output["error"] is None
        assert (folder / output["poster"]).exists() and (folder / output["captions"]["vtt"]).exists()
    # headings: the registry's, or the name capitalised; "title" is schema 1's description;
    # key sentences: the registry's, or the description (the lesson has none)
    described = [
        ("Hello", "A tiny title card", "A tiny title card", "A tiny title card"),
        ("The square", "A square appears", "A square appears", "Squares teach."),
        ("Tiny b", "A circle fades in", "A circle fades in", "A circle fades in"),
        ("Bye", "A tiny summary card", "A tiny summary card", "A tiny summary card"),
        ("The whole lesson", "The whole lesson", "The whole lesson", ""),
    ]
    assert [(o["heading"], o["description"], o["title"], o["key_sentence"]) for o in outputs.values()] == described
    chapters = [
        (c["stage"], c["number"], c["kind"], c["heading"], c["description"], c["start"], c["end"])
        for c in outputs["lesson"]["chapters"]
    ]
    assert chapters == [  # 15, 10, 15 and 10 frames at 5 fps
        ("hello", None, "card", "Hello", "A tiny title card", 0.0, 3.0),
        ("tiny-a", 1, "stage", "The square", "A square appears", 3.0, 5.0),
        ("tiny-b", 2, "stage", "Tiny b", "A circle fades in", 5.0, 8.0),
        ("bye", None, "card", "Bye", "A tiny summary card", 8.0, 10.0),
    ]
    assert all(c["title"] == c["description"] for c in outputs["lesson"]["chapters"])
    # rendering one stage (or card) again keeps the whole folder in the manifest
    with use_stages(TINY, cards=TINY_CARDS):
        again = render("bye", "--force", "--json", "--media-dir", tmp_path)
    statuses = {(o["stage"], o["status"]) for o in json.loads(again.stdout)["outputs"]}
    assert statuses == {
        ("hello", "cached"),
        ("tiny-a", "cached"),
        ("tiny-b", "cached"),
        ("bye", "done"),
        ("lesson", "cached"),
    }
    kept = [
        (o["heading"], o["description"], o["title"], o["key_sentence"]) for o in json.loads(again.stdout)["outputs"]
    ]
    assert kept == described  # cached entries say the same


class Recorder(Progress):
    def __init__(self):
        super().__init__(io.StringIO(), mode="quiet")
        self.events = []

    def frame(self, key, frames):
        self.events.append((key, frames))
        super().frame(key, frames)


def test_workers_report_frames_as_they_draw(tmp_path, monkeypatch):
    monkeypatch.setenv("RELU_ANIM_TEST_SLOW", "0.03")  # 40 frames: about 1.2 s of drawing
    recorder = Recorder()
    build(make_plan(["slow"], Play.of("t"), media_dir=tmp_path), progress=recorder)
    counts = [frames for key, frames in recorder.events if key == "slow.mp4"]
    assert len(counts) >= 2 and counts == sorted(counts) and 0 < counts[-1] <= FRAMES["slow"]


def test_live_display_on_a_terminal_and_lines_otherwise():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    live = Progress(Terminal())
    assert live.mode == "live"
    live.add("a.mp4", "tiny-a")
    live.add("b.mp4", "tiny-b")
    live.started("a.mp4", expected_frames=40)
    live.frame("a.mp4", 10)
    live.cached("b.mp4")
    live.close()
    screen = live.stream.getvalue()
    assert "\x1b[" in screen  # redrawn in place
    last = screen.split("\x1b[J")[-1].splitlines()
    assert last[0].startswith("relu-anim: 1/2 finished, 1 rendering, 0:0")
    assert last[1].split() == ["tiny-a", "rendering", "10/40", "frames", "25%"]
    assert last[2].split() == ["tiny-b", "cached"]
    plain = Progress(io.StringIO())
    assert plain.mode == "lines"
    plain.add("a.mp4", "tiny-a")
    plain.started("a.mp4")
    plain.frame("a.mp4", 3)
    plain.done("a.mp4", 1.25)
    assert plain.stream.getvalue().splitlines() == [
        "relu-anim: rendering tiny-a (1/1)",
        "relu-anim: tiny-a done in 1.2 s",
    ]


# -- faults -----------------------------------------------------------------------------


def test_a_stage_that_raises_is_reported_and_the_others_finish(tmp_path):
    result = render("boom", "tiny-a", "--json", "--media-dir", tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if "failed" in line]
    assert errors == [
        "relu-anim: boom failed: boom: RuntimeError: the scene broke on purpose",
        "relu-anim: 1 of 2 outputs failed",
    ]
    outputs = {o["stage"]: o for o in json.loads(result.stdout)["outputs"]}
    assert outputs["boom"]["status"] == "failed" and outputs["boom"]["path"] is None
    assert outputs["boom"]["error"] == "boom: RuntimeError: the scene broke on purpose"
    assert outputs["tiny-a"]["status"] == "done"
    valid_outputs(tmp_path / "tiny", ["tiny-a"])
    assert not (tmp_path / "tiny" / "boom.mp4").exists() and no_partial_files(tmp_path)


def wait_for(process, text: str, timeout: float = 60) -> str:
    """Read the process's stderr until a line contains ``text``."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        seen.append(line)
        if text in line:
            return "".join(seen)
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"{text!r} never appeared: {''.join(seen)}")


@pytest.mark.parametrize(
    ("signum", "said"),
    [
        (signal.SIGINT, "relu-anim: interrupted"),  # Ctrl-C
        (signal.SIGTERM, "relu-anim: terminated; run the command again to finish"),  # kill, systemd, a CI timeout
    ],
)
def test_ctrl_c_or_sigterm_exits_128_plus_the_signal_leaves_nothing_partial_and_the_next_run_finishes(
    signum, said, tmp_path
):
    """Exit 130 or 143, the shell's convention for a command ended by signal 2 or 15.
    Before, SIGTERM ended the parent at once: exit 143 with no word, workers left to die
    on a broken pipe and their folders in .work."""
    env = {**os.environ, "RELU_ANIM_TEST_SLOW": "0.1"}
    process = subprocess.Popen(
        command("slow", "tiny-a", "--jobs", "2", "--media-dir", tmp_path),
        cwd=ROOT,
        env=env,
        preexec_fn=interruptible,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(process, "rendering slow")
    time.sleep(1.5)  # mid-render
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, stderr
    assert stderr.splitlines()[-1] == said
    assert all(line.startswith("relu-anim: ") for line in stderr.splitlines() if line)  # no traceback, no warnings
    folder = tmp_path / "tiny"
    assert not (folder / "slow.mp4").exists() and not (folder / "slow.mp4.inputs").exists()
    assert no_partial_files(tmp_path) and list((tmp_path / ".work").iterdir()) == []
    again = run("slow", "tiny-a", "--media-dir", tmp_path)
    assert again.returncode == 0, again.stderr
    valid_outputs(folder, ["slow", "tiny-a"])


def worker_pids(parent: int) -> list[int]:
    """The render workers among ``parent``'s children (not multiprocessing's helpers)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


def test_a_killed_worker_fails_its_stage_only_and_the_next_run_finishes(tmp_path):
    env = {**os.environ, "RELU_ANIM_TEST_SLOW": "0.1"}
    process = subprocess.Popen(
        command("slow", "tiny-a", "--jobs", "1", "--media-dir", tmp_path),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(process, "rendering slow")
    time.sleep(1.5)
    (worker,) = worker_pids(process.pid)  # --jobs 1: one worker, rendering slow
    os.kill(worker, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    assert "relu-anim: slow failed: slow: worker process died (killed by signal 9)" in stderr.splitlines()
    assert all(line.startswith("relu-anim: ") for line in stderr.splitlines() if line)  # no traceback, no warnings
    folder = tmp_path / "tiny"
    valid_outputs(folder, ["tiny-a"])  # a new worker took the rest
    assert not (folder / "slow.mp4").exists() and no_partial_files(tmp_path)
    again = run("slow", "tiny-a", "--media-dir", tmp_path)
    assert again.returncode == 0, again.stderr
    assert "relu-anim: tiny-a up to date" in again.stderr.splitlines()
    valid_outputs(folder, ["slow", "tiny-a"])


def test_two_batches_at_once_on_one_media_folder_both_finish(tmp_path):
    processes = [
        subprocess.Popen(
            command("--all", "--force", "--jobs", "1", "--media-dir", tmp_path, two=True),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    folder = tmp_path / "tiny"
    valid_outputs(folder, ["tiny-a", "tiny-b"])
    assert frames_in(folder / "lesson.mp4") == FRAMES["tiny-a"] + FRAMES["tiny-b"]
    assert json.loads((folder / "manifest.json").read_text())["outputs"][-1]["stage"] == "lesson"
    assert no_partial_files(tmp_path) and list((tmp_path / ".work").iterdir()) == []


@pytest.mark.parametrize("media", ["/proc/x", "/dev/null/media"])
def test_an_unwritable_media_folder_is_one_line_and_exit_2(media):
    with use_stages(__import__("relu_anim.stages").stages.STAGES):
        result = CliRunner().invoke(main, ["render", "wedge", "--media-dir", media])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"relu-anim: cannot write to media folder {media}: ")
    assert "Traceback" not in result.output and result.stdout == ""


# -- housekeeping -----------------------------------------------------------------------


def test_clean_removes_outputs_no_longer_produced_and_keeps_lookalikes(tmp_path):
    assert render("tiny-a", "--media-dir", tmp_path).exit_code == 0
    folder = tmp_path / "tiny"
    # a stage that is gone, as a batch left it: its files and the record listing them
    gone = {"video": "gone-stage.mp4", "srt": "gone-stage.srt", "vtt": "gone-stage.vtt"}
    for name in gone.values():
        (folder / name).write_bytes(b"x")
    x_sha256 = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"  # sha256 of b"x"
    record = {
        "inputs": "0" * 64,
        "stage": "gone-stage",
        "format": "mp4",
        "files": {role: {"name": name, "bytes": 1, "sha256": x_sha256} for role, name in gone.items()},
    }
    (folder / "gone-stage.vtt").write_bytes(b"y")  # changed since it was written: the user's now
    (folder / "gone-stage.mp4.inputs").write_text(json.dumps(record))
    leftovers = [folder / "gone-stage.mp4", folder / "gone-stage.mp4.inputs", folder / "gone-stage.srt"]
    # not listed by any record of ours, or in a folder without our manifest, or named
    # like a working file without the claim that made one: kept (tests/test_ownership.py
    # has what killed renders really leave, which goes)
    keep = [
        folder / "gone-stage.vtt",
        folder / "notes.txt",
        folder / "holiday.mp4",
        folder / ".tiny-a.x8k2.part.mp4",
        tmp_path / ".work" / "job-x" / "frame.png",
        tmp_path / "low" / "old.webm",
        tmp_path / "stills" / "gone-stage-end.png",
    ]
    for path in keep[1:]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    dry = CliRunner().invoke(main, ["clean", "--dry-run", "--media-dir", str(tmp_path)])
    assert dry.exit_code == 0, dry.output
    assert sorted(dry.stdout.splitlines()) == sorted(str(p) for p in leftovers)
    assert all(p.exists() for p in leftovers)  # --dry-run removes nothing
    result = CliRunner().invoke(main, ["clean", "--media-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == dry.stdout
    assert not any(p.exists() for p in leftovers) and all(p.exists() for p in keep)
    assert render("tiny-a", "--media-dir", tmp_path).stderr.splitlines() == ["relu-anim: tiny-a up to date"]


# -- Dask -------------------------------------------------------------------------------


def test_dask_cluster_renders_two_real_stages(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'relu-anim[dask]'")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the workers import relu_anim and the tests from here
    with (
        use_stages(__import__("relu_anim.stages").stages.STAGES),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
        ) as cluster,
    ):
        local = make_plan(["first-dot", "swap"], Play.of("t"), media_dir=tmp_path / "local")
        result = CliRunner().invoke(
            main,
            [
                "render",
                "first-dot",
                "swap",
                "-q",
                "t",
                "--json",
                "--media-dir",
                str(tmp_path / "dask"),
                "--scheduler",
                cluster.scheduler_address,
            ],
        )
        assert result.exit_code == 0, result.output
    outputs = {o["stage"]: o for o in json.loads(result.stdout)["outputs"]}
    assert {name: o["status"] for name, o in outputs.items()} == {"first-dot": "done", "swap": "done"}
    folder = tmp_path / "dask" / "tiny"
    for name in ("first-dot", "swap"):
        with av.open(str(folder / f"{name}.mp4")) as video:
            assert video.streams.video[0].codec_context.name == "h264"
            assert sum(1 for _ in video.decode(video=0)) == outputs[name]["frames"] > 50
        assert (folder / f"{name}.vtt").exists() and (folder / f"{name}.poster.png").exists()
    # the same inputs as a local render: the local pool finds the Dask outputs up to date
    assert [job.inputs for job in local.jobs] == [outputs["first-dot"]["inputs"], outputs["swap"]["inputs"]]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_dask_workers_cache_the_voice_clips_in_the_media_folder_as_local_workers_do(tmp_path, monkeypatch):
    """Before, a Dask worker was not given the media folder for its voice's clips: it
    synthesised them into its temporary folder and threw them away, where a local worker
    keeps them in MEDIA_DIR/.voice for the next render."""
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'relu-anim[dask]'")
    from relu_anim.voice import get_voice, spoken
    from relu_anim.voice.cache import CACHE_DIR, clip_key

    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the workers import relu_anim and the tests from here
    clip = clip_key(get_voice("espeak"), spoken("A square appears.")) + ".wav"  # tiny-a's one caption
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as cluster:
        media = tmp_path / "dask"
        result = render("tiny-a", "--voice", "espeak", "--media-dir", media, "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 0, result.output
    local = tmp_path / "local"
    assert render("tiny-a", "--voice", "espeak", "--media-dir", local).exit_code == 0
    assert [p.name for p in (local / CACHE_DIR).glob("*.wav")] == [clip]
    assert [p.name for p in (media / CACHE_DIR).glob("*.wav")] == [clip]


def test_webvtt_times_and_cue_text(tmp_path):
    from relu_anim.media.captions import vtt_time, write_chapters

    assert vtt_time(0) == "00:00:00.000"
    assert vtt_time(3725.25) == "01:02:05.250"  # 1 h 2 min 5.25 s
    assert vtt_time(59.9996) == "00:01:00.000"
    write_chapters([("Blue --> orange", 0.0, 1.5), ("Two\n\nlines", 1.5, 3.0)], tmp_path / "c.vtt")
    assert (tmp_path / "c.vtt").read_text().split("\n\n") == [
        "WEBVTT",
        "1\n00:00:00.000 --> 00:00:01.500\nBlue --&gt; orange",
        "2\n00:00:01.500 --> 00:00:03.000\nTwo\nlines\n",
    ]
