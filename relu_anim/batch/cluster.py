"""The same jobs on an existing Dask distributed cluster (``--scheduler ADDRESS``).

Needs the optional extra: ``pip install 'relu-anim[dask]'`` on the client and on every
worker machine (the same relu-anim version everywhere: the scenes run on the workers).

No shared file system is needed: a worker renders each job into its own temporary
folder and returns the files' bytes; the client installs them into the media folder
atomically (:func:`plan.install_outputs`), exactly as the local pool does. Manim keeps
its settings in one global per process, so a worker process renders one job at a time
(a lock), whatever ``--nthreads`` the worker was started with; start one single-threaded
worker per core (``dask worker ADDRESS --nworkers auto --nthreads 1``) to use them all.

A batch of fewer stages than the cluster has worker threads splits each stage among them
(:mod:`relu_anim.chunks`) where it pays (:func:`relu_anim.chunks.chunks_that_pay`: the
cores of the workers' machines, each machine counted once, allow a render in one piece
per chunk), or as ``--split``/``--no-split`` says: a plan task, one chunk task per share
(each returns its segments' bytes) and a join task that depends on them all (Dask runs it once they are
in), giving the files the stage gives in one piece.

Progress: each job shows as rendering once submitted, with frame counts reported
through a Dask queue, then done or failed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import queue as queue_module
import re
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from ..chunks import chunks_that_pay, machine_cores
from ..render import RenderError, one_line
from .local import FRAME_REPORT_EVERY, split_into
from .outcome import Outcome, installed, join_job, plan_job, render_chunk_job, render_job, report
from .plan import Job, expected_frames
from .progress import Progress

_ONE_SCENE_AT_A_TIME = threading.Lock()  # per worker process: Manim's config is global
CONNECT_TIMEOUT = 5.0  # seconds to reach the scheduler and finish Dask's handshake with it
WORKER_TIMEOUT = 30.0  # seconds to wait for a cluster with no workers to get one
ADDRESS = re.compile(r"^(?:(?P<scheme>tcp|tls)://)?(?P<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})/?$")


class SchedulerAddressError(RenderError):
    """``--scheduler`` is not an address (a usage error: exit status 2)."""


def scheduler_address(address: str) -> tuple[str, int]:
    """``(host, port)`` of ``tcp://host:port`` (or ``tls://``, or ``host:port``), or a
    :class:`RenderError` with one line."""
    match = ADDRESS.match(address.strip())
    if match is None or not 0 < int(match["port"]) < 65536:
        raise SchedulerAddressError(
            f"--scheduler {address!r} is not a Dask scheduler address (expected tcp://HOST:PORT)"
        )
    return match["host"].strip("[]"), int(match["port"])


def render_remote(job: Job, progress_queue: str | None = None) -> dict:
    """Run on a Dask worker: render ``job`` in a temporary folder and return its
    metadata and files (role -> (name, bytes)), or ``{"error": one line}``: a scene
    that fails is an outcome to report, not a worker error to log."""
    report = _frame_reporter(job.key, progress_queue)
    with _ONE_SCENE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        start = time.monotonic()
        try:
            made = render_job(job, folder, report)
        except RenderError as error:
            return {"error": str(error)}
        return _files_of(made, folder, time.monotonic() - start)


def _files_of(made: dict, folder: str | Path, seconds: float | None) -> dict:
    """What a worker returns for a stage: its metadata, and its files' bytes by role."""
    files = {role: (name, (Path(folder) / name).read_bytes()) for role, name in made["files"].items()}
    return {"made": made, "files": files, "seconds": seconds}


def plan_remote(job: Job) -> dict:
    """Run on a Dask worker: ``job``'s animations' lengths (:func:`.outcome.plan_job`)."""
    with _ONE_SCENE_AT_A_TIME:
        try:
            return {"lengths": plan_job(job)}
        except RenderError as error:
            return {"error": str(error)}


def chunk_remote(job: Job, plan: dict, index: int, count: int, progress_queue: str | None = None) -> dict:
    """Run on a Dask worker: chunk ``index`` of ``job`` split ``count`` ways
    (:func:`.local.split_into`): what it played, the files it read, and its segments'
    and captions' bytes; ``{}`` when the stage has fewer chunks."""
    if "error" in plan:
        return plan
    ranges = split_into(plan["lengths"], count)
    if index >= len(ranges):
        return {}
    report = _frame_reporter(job.key, progress_queue, index)
    with _ONE_SCENE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        try:
            played, reads = render_chunk_job(job, folder, ranges[index], report)
        except RenderError as error:
            return {"error": str(error)}
        captions = played.captions if played.captions is not None and Path(played.captions).exists() else None
        return {
            "played": dataclasses.replace(played, segments={}, captions=None),
            "segments": {i: Path(path).read_bytes() for i, path in played.segments.items()},
            "captions": None if captions is None else Path(captions).read_bytes(),
            "reads": reads,
        }


def join_remote(job: Job, chunks: list[dict]) -> dict:
    """Run on a Dask worker: ``job``'s files joined from its chunks
    (:func:`chunk_remote`), as :func:`render_remote` returns them."""
    failed = next((chunk for chunk in chunks if "error" in chunk), None)
    if failed is not None:
        return failed
    with _ONE_SCENE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="relu-anim-") as folder:
        work, played = Path(folder), []
        for n, chunk in enumerate(c for c in chunks if c):
            segments = {}
            for i, data in chunk["segments"].items():
                segments[i] = work / f"segment{i:05}.mp4"
                segments[i].write_bytes(data)
            captions = None
            if chunk["captions"] is not None:
                captions = work / f"chunk{n}.srt"
                captions.write_bytes(chunk["captions"])
            played.append((dataclasses.replace(chunk["played"], segments=segments, captions=captions), chunk["reads"]))
        try:
            made = join_job(job, work / "out", played)
        except RenderError as error:
            return {"error": str(error)}
        return _files_of(made, work / "out", None)


def _frame_reporter(key: str, name: str | None, chunk: int | None = None):
    if name is None:
        return None
    from distributed import Queue

    target, last = Queue(name), [0.0]

    def report(frames: int) -> None:
        now = time.monotonic()
        if now - last[0] >= FRAME_REPORT_EVERY * 2:
            last[0] = now
            try:
                target.put((key, frames) if chunk is None else (key, chunk, frames), timeout=1)
            except Exception:  # noqa: BLE001 - progress is best effort; the render goes on
                pass

    return report


def run_on_cluster(jobs: Sequence[Job], address: str, progress: Progress, split: bool | None = None) -> list[Outcome]:
    """Render ``jobs`` on the Dask cluster at ``address``, a lone stage split among idle
    workers where it pays or as ``split`` says; returns one outcome each."""
    if not jobs:
        return []
    try:
        from distributed import Client, Queue
    except ImportError:
        raise RenderError("--scheduler needs Dask: pip install 'relu-anim[dask]'") from None
    logging.getLogger("distributed").setLevel(logging.ERROR)  # our progress display says what happens
    client = _connect(Client, address)
    outcomes: list[Outcome] = []
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            raise RenderError(
                f"the Dask scheduler at {address} has no workers (waited {WORKER_TIMEOUT:g} s); "
                f"start some with: dask worker {address} --nthreads 1"
            ) from None
        name = f"relu-anim-progress-{uuid.uuid4().hex}"
        frames = Queue(name, client=client)
        futures = {}
        threads = sum(client.nthreads().values())
        count = chunks_that_pay(threads // len(jobs), _cluster_cores(client) // len(jobs), split)  # per stage
        for job in jobs:
            futures[_submit(client, job, name, count)] = (job, time.monotonic())
            progress.started(job.key, expected_frames(job))
        chunk_frames: dict = {}
        while futures:
            _drain(frames, progress, chunk_frames)
            for future in [f for f in futures if f.done()]:
                job, start = futures.pop(future)
                outcomes.append(_collect(job, future, time.monotonic() - start, progress))
            time.sleep(0.1)
            progress.tick()
    finally:
        client.close()
    return outcomes


def _cluster_cores(client) -> int:
    """The cores of the machines the cluster's workers run on, each machine (host)
    counted once however many workers it has."""
    per_host = {scheduler_address(worker)[0]: cores for worker, cores in client.run(machine_cores).items()}
    return sum(per_host.values())


def _connect(client_class: type, address: str):
    """A Dask client connected to the scheduler at ``address`` within
    :data:`CONNECT_TIMEOUT` seconds in all: the TCP connection, Dask's comm handshake
    and the client's start (Dask bounds the first only: a listener that accepts and never
    answers would hold the handshake forever). Anything else is one line naming the
    address (a :class:`RenderError`), and no client is left running."""
    deadline = time.monotonic() + CONNECT_TIMEOUT
    host, port = scheduler_address(address)
    try:  # a plain connection first: a dead address fails here, at once, with no Client to clean up
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as error:
        raise RenderError(
            f"cannot reach the Dask scheduler at {address}: {error.strerror or one_line(error)}"
        ) from None
    left = max(deadline - time.monotonic(), 0.1)

    class BoundedClient(client_class):
        """A client whose start (connect, handshake, registration) has a deadline, and
        that closes itself at once when the start fails, rather than on garbage collection
        (where Dask waits 10 s more and prints a traceback)."""

        def start(self, **kwargs):
            try:
                super().start(callback_timeout=left, **kwargs)
            except BaseException:
                with contextlib.suppress(Exception):
                    self.close(timeout=1)
                raise

    try:
        return BoundedClient(address, timeout=f"{left}s", set_as_default=False)
    except TimeoutError:
        raise RenderError(
            f"the Dask scheduler at {address} did not finish Dask's handshake within {CONNECT_TIMEOUT:g} s "
            "(is a Dask scheduler listening there?)"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot reach the Dask scheduler at {address}: {one_line(error)}") from None
    except Exception as error:  # noqa: BLE001 - bytes that are not Dask's: a bad frame, a huge length
        raise RenderError(f"{address} did not answer as a Dask scheduler does ({one_line(error)})") from None


def _submit(client, job: Job, queue: str, count: int):
    """``job`` on the cluster: in one piece, or in ``count`` chunks (at least 2) when its
    last render was not shorter than :data:`.local.MIN_SPLIT_SECONDS` (or it has none);
    the future of its files."""
    from .local import MIN_SPLIT_SECONDS

    frames = expected_frames(job)
    tag = f"{job.key}-{uuid.uuid4().hex}"
    if count < 2 or (frames is not None and frames / job.play.quality.fps < MIN_SPLIT_SECONDS):
        return client.submit(render_remote, job, queue, pure=False, key=f"relu-anim-{tag}")
    plan = client.submit(plan_remote, job, pure=False, key=f"relu-anim-plan-{tag}")
    chunks = [
        client.submit(chunk_remote, job, plan, i, count, queue, pure=False, key=f"relu-anim-chunk{i}-{tag}")
        for i in range(count)
    ]
    return client.submit(join_remote, job, chunks, pure=False, key=f"relu-anim-join-{tag}")


def _drain(frames, progress: Progress, chunk_frames: dict) -> None:
    """Frame counts from the workers: a chunk's are added to its stage's others."""
    try:
        for item in frames.get(timeout=0.01, batch=True):
            if len(item) == 3:
                key, chunk, count = item
                chunk_frames[key, chunk] = count
                count = sum(n for (k, _), n in chunk_frames.items() if k == key)
            else:
                key, count = item
            progress.frame(key, count)
    except (queue_module.Empty, TimeoutError, OSError):
        pass


def _collect(job: Job, future, seconds: float, progress: Progress) -> Outcome:
    try:
        result = future.result()
        if "error" in result:
            raise RenderError(result["error"])
    except RenderError as error:
        outcome = Outcome.of(job, "failed", seconds, error=str(error))
    except Exception as error:  # noqa: BLE001 - a lost worker, a cancelled task: one line
        outcome = Outcome.of(job, "failed", seconds, error=f"{job.stage.name}: {one_line(error)}")
    else:
        outcome = installed(job, result["files"], result["made"], seconds, result["seconds"])
    report(progress, outcome)
    return outcome
