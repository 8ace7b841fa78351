"""The batch engine's trust: never served stale, never deletes what is not ours, bounded waits.

Renders tiny scenes written here (user scene modules in a temporary folder) or the
tests' tiny stages (tests/batch_scenes.py) at quality t, in one worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.batch import build, make_plan
from relu_anim.batch.deps import render_reads
from relu_anim.cli import main
from relu_anim.play import Play
from relu_anim.stages import Stage, use_stages

from .batch_stages import TEST_STAGES

ROOT = Path(__file__).resolve().parents[1]

SCENE = """from manim import FadeIn, Square
from relu_anim.scene import LessonScene
{imports}

class S(LessonScene):
    def construct(self):
        self.play(FadeIn(Square(color={colour})), run_time=0.4)
"""


def write(folder: Path, module: str, text: str) -> None:
    (folder / f"{module}.py").write_text(text)
    os.utime(folder / f"{module}.py", ns=(time.time_ns(), time.time_ns()))


def statuses(result) -> dict[str, str]:
    return {o.name: o.status for o in result.outcomes}


@pytest.fixture
def scenes(tmp_path, monkeypatch):
    """Four user scene modules: ``dep_top`` imports ``dep_mid`` imports ``dep_base``
    (two levels); ``dep_alone`` alone uses the component ``dep_paint``; ``dep_unused``
    is beside them and no render loads it."""
    folder = tmp_path / "scenes"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))  # the spawned workers get the same sys.path
    write(folder, "dep_base", SCENE.format(imports="COLOUR = '#FF0000'", colour="COLOUR"))
    write(folder, "dep_mid", SCENE.format(imports="from dep_base import COLOUR", colour="COLOUR"))
    write(folder, "dep_top", SCENE.format(imports="import dep_mid", colour="dep_mid.COLOUR"))
    write(folder, "dep_paint", "COLOUR = '#00FF00'\n")
    write(folder, "dep_alone", SCENE.format(imports="from dep_paint import COLOUR", colour="COLOUR"))
    write(folder, "dep_unused", "COLOUR = '#0000FF'\n")
    stages = [
        Stage(i + 1, name.replace("_", "-"), "S", name, scene_module=name)
        for i, name in enumerate(("dep_base", "dep_mid", "dep_top", "dep_alone"))
    ]
    with use_stages(stages):
        yield folder


def batch(media: Path):
    return build(make_plan(["dep-base", "dep-mid", "dep-top", "dep-alone"], Play.of("t"), media_dir=media), jobs=1)


def test_a_stage_is_out_of_date_exactly_when_a_file_its_render_read_changes(scenes, tmp_path):
    media = tmp_path / "media"
    assert set(statuses(batch(media)).values()) == {"done"}
    record = json.loads((media / "tiny" / "dep-alone.mp4.inputs").read_text())
    read = {item["module"] for item in record["reads"]}
    # one worker rendered all four, yet dep-alone's record lists only what it reached
    assert {"dep_alone", "dep_paint", "relu_anim.scene", "relu_anim.render"} <= read
    assert not read & {"dep_base", "dep_mid", "dep_top", "dep_unused", "relu_anim.cli"}
    assert not [m for m in read if m.startswith("relu_anim.frames")]
    # a scene imported by others, two levels up: all three render again
    write(scenes, "dep_base", SCENE.format(imports="COLOUR = '#FF00FF'", colour="COLOUR"))
    assert statuses(batch(media)) == {"dep-base": "done", "dep-mid": "done", "dep-top": "done", "dep-alone": "cached"}
    # a component only one stage uses: that stage only
    write(scenes, "dep_paint", "COLOUR = '#00FFFF'\n")
    assert statuses(batch(media)) == {
        "dep-base": "cached",
        "dep-mid": "cached",
        "dep-top": "cached",
        "dep-alone": "done",
    }
    # a module no render loads: nothing
    write(scenes, "dep_unused", "COLOUR = '#000000'\n")
    assert set(statuses(batch(media)).values()) == {"cached"}
    # a record without the list of what was read is out of date
    path = media / "tiny" / "dep-mid.mp4.inputs"
    record = json.loads(path.read_text())
    del record["reads"]
    path.write_text(json.dumps(record))
    assert statuses(batch(media))["dep-mid"] == "done"


def test_the_lessons_own_scenes_record_what_they_import():
    """first-dot, bent-line, scale-top and orange-line carry pictures over through
    relu_anim.handovers (scenes import no scene): each render reads its own scene and
    the hand-overs, not the other scenes loaded in the same process, and never
    relu_anim/frames/, which no render imports."""
    import relu_anim.frames  # noqa: F401 - loaded, yet read by no render
    import relu_anim.render  # noqa: F401
    import relu_anim.scenes.orange_line  # noqa: F401
    import relu_anim.scenes.scale_top  # noqa: F401
    import relu_anim.scenes.swap  # noqa: F401

    def scenes_read(stage: str) -> set[str]:
        reads = render_reads(f"relu_anim.scenes.{stage}")
        assert all(Path(item["path"]).is_file() and len(item["sha256"]) == 64 for item in reads)
        modules = {item["module"] for item in reads}
        assert not {m for m in modules if m.startswith("relu_anim.frames")} | modules & {
            "relu_anim.cli",
            "relu_anim.batch.plan",
        }
        scenes = {m.rsplit(".", 1)[1] for m in modules if m.startswith("relu_anim.scenes.")}
        return scenes | ({"handovers"} & {m.split(".")[-1] for m in modules})

    assert scenes_read("orange_line") == {"orange_line", "handovers"}
    assert scenes_read("scale_top") == {"scale_top", "handovers"}
    assert scenes_read("swap") == {"swap"}


# -- outputs checked by content ---------------------------------------------------------


def render(media: Path, *args):
    with use_stages(TEST_STAGES):
        return CliRunner().invoke(
            main, ["render", "tiny-a", "-q", "t", "--jobs", "1", "--json", "--media-dir", str(media), *args]
        )


def test_an_output_changed_in_place_is_rendered_again_and_a_touched_one_is_not(tmp_path):
    assert render(tmp_path).exit_code == 0
    video = tmp_path / "tiny" / "tiny-a.mp4"
    good = video.read_bytes()
    os.utime(video, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same bytes: still up to date
    again = render(tmp_path)
    assert [o["status"] for o in json.loads(again.stdout)["outputs"] if o["stage"] == "tiny-a"] == ["cached"]
    stat = video.stat()
    with open(video, "r+b") as file:  # the same size, other bytes in the middle, the old mtime back
        file.seek(len(good) // 3)
        file.write(bytes(b ^ 0xFF for b in good[len(good) // 3 : len(good) // 3 + 4096]))
    os.utime(video, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert video.stat().st_size == len(good)
    third = render(tmp_path)
    (entry,) = [o for o in json.loads(third.stdout)["outputs"] if o["stage"] == "tiny-a"]
    assert entry["status"] == "done"
    import hashlib

    assert hashlib.sha256(video.read_bytes()).hexdigest() == entry["sha256"]


# -- clean --------------------------------------------------------------------------------


def test_clean_refuses_a_folder_that_is_not_a_relu_anim_media_folder(tmp_path):
    """The issue's own example: quality-named folders of someone's pictures and videos."""
    (tmp_path / "x" / "high").mkdir(parents=True)
    (tmp_path / "x" / "Videos" / "4k").mkdir(parents=True)
    (tmp_path / "x" / "high" / "beach.png").write_text("\n")
    (tmp_path / "x" / "Videos" / "4k" / "trip.mp4").write_text("\n")
    for args in ([], ["--dry-run"]):
        result = CliRunner().invoke(main, ["clean", "--media-dir", str(tmp_path / "x"), *args])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"relu-anim: {tmp_path / 'x'} is not a relu-anim media folder (no manifest.json of relu-anim in it); nothing removed"
        ]
    assert (tmp_path / "x" / "high" / "beach.png").exists() and (tmp_path / "x" / "Videos" / "4k" / "trip.mp4").exists()


def test_clean_leaves_files_no_record_lists_even_beside_our_manifest(tmp_path):
    assert render(tmp_path).exit_code == 0
    folder = tmp_path / "tiny"
    mine = [folder / "beach.png", folder / "trip.mp4", folder / "trip.srt", folder / "old-stage.mp4.inputs"]
    for path in mine:
        path.write_text("\n")  # not relu-anim's (the record is not one of ours: no JSON)
    with use_stages(TEST_STAGES):  # tiny-a is a stage of the lesson: its files are produced
        result = CliRunner().invoke(main, ["clean", "--media-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the batch's empty .work stays: no record of ours proves it ours
    assert all(path.exists() for path in mine)


# -- bounded waits -----------------------------------------------------------------------


def test_scheduler_not_an_address_is_one_line_exit_2_and_leaves_nothing(tmp_path):
    media = tmp_path / "media"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.batch_stages",
            "render",
            "tiny-a",
            "-q",
            "t",
            "--media-dir",
            str(media),
            "--scheduler",
            "not a url",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "relu-anim: --scheduler 'not a url' is not a Dask scheduler address (expected tcp://HOST:PORT)"
    ]
    assert not media.exists()


def test_scheduler_at_a_dead_address_fails_at_once_and_leaves_nothing(tmp_path):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    media = tmp_path / "media"
    start = time.monotonic()
    result = render(media, "--scheduler", f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - start < 5
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"relu-anim: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: Connection refused"
    ]
    assert not media.exists()


@contextlib.contextmanager
def listener(answer: bytes | None):
    """A TCP listener on 127.0.0.1 that accepts every connection and then writes
    ``answer`` (or nothing, ever): a port where something that is not Dask listens.
    Yields its address; stops and closes every connection on leaving."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            accepted.append(connection)
            if answer is not None:
                connection.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        server.close()


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (
            None,
            "relu-anim: the Dask scheduler at {address} did not finish Dask's handshake within 5 s "
            "(is a Dask scheduler listening there?)",
        ),
        (b"\xff" * 64, "relu-anim: {address} did not answer as a Dask scheduler does ("),
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", "relu-anim: {address} did not answer as a Dask scheduler does ("),
    ],
    ids=["accepts-and-never-answers", "answers-other-bytes", "answers-as-a-web-server"],
)
def test_scheduler_that_is_not_dask_fails_within_the_bound_and_leaves_nothing(answer, says, tmp_path):
    """The whole handshake is bounded (the README: 5 s), not only the TCP connect: Dask's
    own handshake read has no deadline, and other bytes read as a frame length (a web
    server's answer, as at Dask's dashboard port: a 3.07 EiB allocation)."""
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'relu-anim[dask]'")
    from relu_anim.batch.cluster import CONNECT_TIMEOUT

    assert CONNECT_TIMEOUT == 5  # the README's figure
    media = tmp_path / "media"
    threads = set(threading.enumerate())
    with listener(answer) as address:
        start = time.monotonic()
        result = render(media, "--scheduler", address)
        took = time.monotonic() - start
    print(f"--scheduler at a listener answering {answer!r:.12}: ended after {took:.2f} s")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(says.format(address=address)), result.stderr
    assert took < 15
    assert not media.exists()
    assert set(threading.enumerate()) <= threads  # no client left running (its event loop's thread)


def test_scheduler_without_workers_says_so_after_the_documented_wait(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'relu-anim[dask]'")
    import logging

    from relu_anim.batch import cluster

    monkeypatch.setattr(cluster, "WORKER_TIMEOUT", 1.0)
    with distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp", dashboard_address=None, silence_logs=logging.CRITICAL
    ) as empty:
        start = time.monotonic()
        result = render(tmp_path / "media", "--scheduler", empty.scheduler_address)
        took = time.monotonic() - start
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"relu-anim: the Dask scheduler at {empty.scheduler_address} has no workers (waited 1 s); "
        f"start some with: dask worker {empty.scheduler_address} --nthreads 1"
    ]
    assert took < 10
    assert not (tmp_path / "media").exists()


def test_a_worker_whose_parent_is_killed_prints_no_traceback(tmp_path):
    """SIGKILL the parent mid-render: its worker finds the pipe broken and ends quietly."""
    env = {**os.environ, "RELU_ANIM_TEST_SLOW": "0.1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.batch_stages",
            "render",
            "slow",
            "-q",
            "t",
            "--jobs",
            "1",
            "--media-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    line = ""
    while "rendering slow" not in line and time.monotonic() < deadline:
        line = process.stderr.readline()
    time.sleep(1.0)  # the worker is drawing and reporting frames
    os.kill(process.pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)  # the worker shares stderr: read until it has gone too
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
