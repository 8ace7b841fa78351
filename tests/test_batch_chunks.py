"""The batch engine renders a stage in chunks on idle workers (relu_anim/batch/local.py,
relu_anim/chunks.py): the same files as in one piece, the same record and manifest, one
progress line per stage, and Ctrl-C and a killed worker behave as for a whole stage.

Every case renders ``steps`` (tests/batch_scenes.py: five turns of 2 s, 50 frames at
-q t, long enough to split), alone with ``--jobs 2 --split`` (split in two) against
``--jobs 1`` (one worker: never split). Without ``--split`` a stage is split only where
the machine's cores allow a render in one piece (1.4 cores) per chunk.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import time

import pytest

from relu_anim.batch import build, local, make_plan
from relu_anim.batch.local import MIN_SPLIT_SECONDS, split_into
from relu_anim.batch.progress import Progress
from relu_anim.chunks import OPEN_END, chunks_that_pay, machine_cores
from relu_anim.play import Play
from relu_anim.stages import use_stages

from .batch_stages import TEST_STAGES
from .test_batch import (
    ROOT,
    command,
    interruptible,
    no_partial_files,
    render,
    run,
    valid_outputs,
    wait_for,
    worker_pids,
)


@pytest.fixture(autouse=True)
def test_stages():
    with use_stages(TEST_STAGES):
        yield


class Recorder(Progress):
    """Every progress event, in order."""

    def __init__(self) -> None:
        super().__init__(mode="quiet")
        self.events: list[tuple] = []

    def started(self, key, expected_frames=None):
        self.events.append(("started", key))
        super().started(key, expected_frames)

    def chunks(self, key, done, count):
        self.events.append(("chunks", key, done, count))
        super().chunks(key, done, count)

    def done(self, key, seconds):
        self.events.append(("done", key))
        super().done(key, seconds)


def test_split_into_keeps_a_short_stage_whole_and_leaves_the_last_chunk_open():
    # ten 1 s animations, undrawn at 0.15 of drawn (chunks.UNDRAWN_SHARE): cut after 5, 5 and
    # 0.15 * 5 + 5 = 5.75; after 6 the first chunk costs 6, after 4 the second 0.6 + 6
    assert split_into([1.0] * 10, 2) == [range(0, 5), range(5, OPEN_END)]
    short = [MIN_SPLIT_SECONDS / 4] * 3  # 0.75 of the threshold: one chunk
    assert split_into(short, 4) == [range(0, OPEN_END)]


@pytest.mark.parametrize(
    ("workers", "cores", "split", "chunks"),
    [
        # a render in one piece keeps 1.4 cores busy (derivative at -q h: 81.5 s of CPU in
        # 57.1 s): 2 cores hold one such render, 3 hold two (2.8), 4 two, 8 five (7.0), 64 any
        (2, 2, None, 1),
        (2, 3, None, 2),
        (4, 4, None, 2),
        (8, 8, None, 5),
        (16, 64, None, 16),
        (2, 2, True, 2),  # --split: one chunk per worker, whatever the cores
        (8, 64, False, 1),  # --no-split: always in one piece
        (1, 64, True, 1),  # one worker has no one to share with
    ],
)
def test_a_stage_is_split_only_where_the_cores_hold_a_render_per_chunk(workers, cores, split, chunks):
    assert chunks_that_pay(workers, cores, split) == chunks


def _chunk_counts(tmp_path, monkeypatch, cores: int, split: bool | None) -> list[int]:
    """Render ``steps`` alone with two workers on a machine said to have ``cores``; the
    chunk counts its progress reported (none: rendered in one piece)."""
    monkeypatch.setattr(local, "machine_cores", lambda: cores)
    recorder = Recorder()
    plan = make_plan(["steps"], Play.of("t"), media_dir=tmp_path / f"{cores}-{split}")
    result = build(plan, jobs=2, split=split, progress=recorder)
    assert [o.status for o in result.outcomes] == ["done"]
    return sorted({event[3] for event in recorder.events if event[0] == "chunks"})


def test_by_default_a_lone_stage_is_split_on_four_cores_and_not_on_two(tmp_path, monkeypatch):
    assert _chunk_counts(tmp_path, monkeypatch, cores=2, split=None) == []  # measured: no gain on 2 cores
    assert _chunk_counts(tmp_path, monkeypatch, cores=4, split=None) == [2]
    assert _chunk_counts(tmp_path, monkeypatch, cores=64, split=False) == []  # --no-split
    assert _chunk_counts(tmp_path, monkeypatch, cores=2, split=True) == [2]  # --split


def test_a_stage_alone_on_two_workers_is_split_and_gives_the_bytes_of_one_worker(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert render("steps", "--media-dir", one).exit_code == 0  # --jobs 1: in one piece
    recorder = Recorder()
    result = build(make_plan(["steps"], Play.of("t"), media_dir=two), jobs=2, split=True, progress=recorder)
    assert [o.status for o in result.outcomes] == ["done"]
    assert recorder.events == [
        ("started", "steps.mp4"),
        ("chunks", "steps.mp4", 0, 2),
        ("chunks", "steps.mp4", 1, 2),
        ("chunks", "steps.mp4", 2, 2),
        ("done", "steps.mp4"),
    ]
    for name in ("steps.mp4", "steps.srt", "steps.vtt", "steps.poster.png"):
        assert (two / "tiny" / name).read_bytes() == (one / "tiny" / name).read_bytes(), name
    valid_outputs(two / "tiny", ["steps"])
    records = [json.loads((m / "tiny" / "steps.mp4.inputs").read_text()) for m in (one, two)]
    hashes = [{role: entry["sha256"] for role, entry in record["files"].items()} for record in records]
    assert hashes[1] == hashes[0] and len(hashes[0]) == 4
    assert records[1]["reads"] == records[0]["reads"]  # what the render read: the up-to-date check's inputs
    assert records[1]["frames"] == 50
    assert list((two / ".work").iterdir()) == [] and no_partial_files(two)
    again = run("steps", "--jobs", "2", "--split", "--media-dir", two)
    assert again.returncode == 0 and "relu-anim: steps up to date" in again.stderr.splitlines()


def test_a_split_stage_is_one_line_of_progress(tmp_path):
    result = run("steps", "--jobs", "2", "--split", "--media-dir", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["relu-anim: rendering steps (1/1)", result.stderr.splitlines()[1]]
    assert result.stderr.splitlines()[1].startswith("relu-anim: steps done in ")


def start_slow_steps(media_dir) -> subprocess.Popen:
    """``render steps --jobs 2 --split`` in the background, each frame slowed so that it
    can be stopped while its chunks render."""
    return subprocess.Popen(
        command("steps", "--jobs", "2", "--split", "--media-dir", media_dir),
        cwd=ROOT,
        env={**os.environ, "RELU_ANIM_TEST_SLOW": "0.1"},
        preexec_fn=interruptible,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_while_chunks_render_exits_128_plus_the_signal_and_leaves_nothing(signum, tmp_path):
    process = start_slow_steps(tmp_path)
    wait_for(process, "rendering steps")
    time.sleep(4)  # past the plan, in the chunks
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, stderr
    assert all(line.startswith("relu-anim: ") for line in stderr.splitlines() if line)
    assert not (tmp_path / "tiny" / "steps.mp4").exists()
    assert no_partial_files(tmp_path) and list((tmp_path / ".work").iterdir()) == []


def test_a_killed_chunk_worker_fails_the_stage_in_one_line_and_the_next_run_finishes(tmp_path):
    process = start_slow_steps(tmp_path)
    wait_for(process, "rendering steps")
    time.sleep(4)  # past the plan: both workers in a chunk
    os.kill(worker_pids(process.pid)[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    lines = stderr.splitlines()
    assert "relu-anim: steps failed: steps: worker process died (killed by signal 9)" in lines
    assert sum("failed" in line for line in lines) == 2  # the stage's line, and the batch's
    assert all(line.startswith("relu-anim: ") for line in lines if line)
    assert not (tmp_path / "tiny" / "steps.mp4").exists()
    assert no_partial_files(tmp_path) and list((tmp_path / ".work").iterdir()) == []
    again = run("steps", "--jobs", "2", "--split", "--media-dir", tmp_path)
    assert again.returncode == 0, again.stderr
    valid_outputs(tmp_path / "tiny", ["steps"])


def test_a_dask_cluster_of_two_splits_a_lone_stage_and_gives_the_bytes_of_one_worker(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'relu-anim[dask]'")
    from relu_anim.batch import cluster

    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the workers import relu_anim and the tests from here
    submitted = []  # each stage's future: a join's when it was split
    submit = cluster._submit

    def recorded(*args):
        future = submit(*args)
        submitted.append(future.key)
        return future

    monkeypatch.setattr(cluster, "_submit", recorded)
    one = tmp_path / "one"
    assert render("steps", "--media-dir", one).exit_code == 0  # --jobs 1: in one piece
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as dask:
        result = render("steps", "--media-dir", tmp_path / "dask", "--scheduler", dask.scheduler_address, "--split")
        default = render("steps", "--media-dir", tmp_path / "default", "--scheduler", dask.scheduler_address)
    assert result.exit_code == 0, result.output
    assert default.exit_code == 0, default.output
    key, default_key = submitted
    assert key.startswith("relu-anim-join-steps.mp4-")  # split
    # without --split: two chunks only where this machine (the workers' only host) holds
    # two renders of 1.4 cores each, that is on 3 cores or more
    assert default_key.startswith("relu-anim-join-" if machine_cores() >= 3 else "relu-anim-steps.mp4-")
    assert (tmp_path / "default" / "tiny" / "steps.mp4").read_bytes() == (one / "tiny" / "steps.mp4").read_bytes()
    for name in ("steps.mp4", "steps.srt", "steps.vtt", "steps.poster.png"):
        assert (tmp_path / "dask" / "tiny" / name).read_bytes() == (one / "tiny" / name).read_bytes(), name
    valid_outputs(tmp_path / "dask" / "tiny", ["steps"])
