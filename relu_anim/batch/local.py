"""The process pool: jobs rendered by worker processes on this machine.

Each worker is a fresh ``spawn``-ed process (no state forked from the parent) that
imports Manim once and renders one job at a time into its own temporary folder under
``media/.work`` (Manim's media folder included: Manim's caches are bare
``path.exists`` checks and its text SVG cache must not be shared between processes).
The parent moves finished files into place (:func:`plan.install_outputs`: one atomic
rename each, the record last) and removes the folder.

A stage rendered while workers would otherwise idle (the batch's last whole stage, or
``render derivative`` alone) is split into chunks (:mod:`relu_anim.chunks`) where the
cores allow it (:func:`~relu_anim.chunks.chunks_that_pay`): one worker measures its
animations (a "plan" task), then one chunk task per worker renders its share into the
stage's folder, and the stage's files are joined from them (a "join"
task); its outcome is the stage's, as if rendered in one piece (the same bytes).

Workers talk to the parent over one pipe each; the parent also watches each worker's
process sentinel, so a worker that dies (killed, out of memory) fails its job with one
line and a new worker takes the remaining jobs. Workers ignore SIGINT: on Ctrl-C the
parent stops them, removes their folders and raises KeyboardInterrupt. Finished files
are never touched by a worker, so nothing half-written reaches a final path.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from ..chunks import OPEN_END, chunks_that_pay, cut, machine_cores
from ..ownership import Claim
from ..render import RenderError, job_folder, one_line
from .outcome import Outcome, installed, join_job, plan_job, render_chunk_job, render_job, report
from .plan import Job, expected_frames
from .progress import Progress

FRAME_REPORT_EVERY = 0.25  # seconds between a worker's frame-count messages
#: A stage whose video is shorter than this (seconds) is rendered in one piece: each
#: chunk's worker pays the scene's setup and plays the animations before its own
#: undrawn, which a short stage does not win back (README, "One stage on every core").
MIN_SPLIT_SECONDS = 8.0


@dataclass
class _Task:
    """What a worker is sent: a whole ``job`` ("job"), or for a split stage its plan,
    one chunk (``index``) or its join."""

    kind: str  # "job", "plan", "chunk", "join"
    job: Job
    index: int = 0
    split: _Split | None = None


@dataclass
class _Split:
    """A stage being rendered in chunks: its claimed folder (chunk ``i`` renders into
    ``chunk<i>`` inside it, the join into the folder itself), its chunks and their
    results so far, the frames each has drawn."""

    job: Job
    claim: Claim
    started: float
    ranges: list[range] = field(default_factory=list)
    results: dict[int, object] = field(default_factory=dict)
    frames: dict[int, int] = field(default_factory=dict)
    running: int = 0  # its tasks in workers now
    over: bool = False  # joined, or failed

    @property
    def folder(self) -> Path:
        return self.claim.path


def split_into(lengths: Sequence[float], workers: int) -> list[range]:
    """The chunks a stage of these animation lengths is rendered in by ``workers``: one
    per worker (:func:`relu_anim.chunks.cut`), or one for a stage shorter than
    :data:`MIN_SPLIT_SECONDS`; the last chunk open-ended, so that it plays the stage
    to its end whatever the plan counted."""
    ranges = cut(lengths, workers if sum(lengths) >= MIN_SPLIT_SECONDS else 1) or [range(0, 1)]
    return [*ranges[:-1], range(ranges[-1].start, OPEN_END)]


def run_local(
    jobs: Sequence[Job],
    workers: int,
    progress: Progress,
    on_outcome: Callable[[Outcome], None] | None = None,
    split: bool | None = None,
) -> list[Outcome]:
    """Render ``jobs`` with up to ``workers`` processes (every one of them, even for fewer
    jobs: a stage is split among idle workers where it pays, or as ``split`` says:
    :func:`relu_anim.chunks.chunks_that_pay`); returns one outcome each."""
    if not jobs:
        return []
    workers = max(1, workers)
    chunks = chunks_that_pay(workers, machine_cores(), split)
    return _Pool(list(jobs), workers, progress, on_outcome, chunks).run()


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.folder: Path | None = None
        self.claim: Claim | None = None  # the job folder's (relu_anim.ownership)
        self.started = 0.0


class _Pool:
    def __init__(self, jobs: list[Job], size: int, progress: Progress, on_outcome, chunks: int) -> None:
        self.pending = [_Task("job", job) for job in jobs]
        self.size, self.progress, self.on_outcome = size, progress, on_outcome
        self.chunks = chunks  # how many a split stage is cut into (1: none is split)
        self.splits: list[_Split] = []
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.outcomes: list[Outcome] = []

    def run(self) -> list[Outcome]:
        try:
            self.workers = [_Worker(self.context) for _ in range(self.size)]
            while self.pending or any(w.task for w in self.workers):
                self._dispatch()
                ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout=0.1)
                for worker in list(self.workers):
                    if worker.conn in ready:
                        self._receive(worker)
                    elif worker.process.sentinel in ready:
                        self._lost(worker)
                self.progress.tick()
            for worker in self.workers:
                worker.conn.send(None)
            for worker in self.workers:
                worker.process.join(timeout=5)
        finally:
            self._stop()  # on Ctrl-C or any error: no worker outlives the batch
        return self.outcomes

    def _dispatch(self) -> None:
        for worker in self.workers:
            if worker.task is None and self.pending:
                task = self.pending.pop(0)
                if task.kind == "job" and self._splits(task.job):
                    task = self._split(task.job)
                worker.task, worker.started = task, time.monotonic()
                if task.split is None:
                    worker.claim = job_folder(task.job.work_root)
                    worker.folder = worker.claim.path
                    self.progress.started(task.job.key, expected_frames(task.job))
                else:
                    task.split.running += 1
                    worker.folder = (
                        task.split.folder / f"chunk{task.index}" if task.kind == "chunk" else task.split.folder
                    )
                worker.conn.send((task.kind, task.job, str(worker.folder), _payload(task)))

    def _splits(self, job: Job) -> bool:
        """Whether ``job`` is rendered in chunks: when no other whole stage waits for a
        worker (so that the others would idle), unless its last render was short or
        splitting does not pay on this machine (``self.chunks`` is 1)."""
        if self.chunks < 2 or any(t.kind == "job" for t in self.pending):
            return False
        frames = expected_frames(job)
        return frames is None or frames / job.play.quality.fps >= MIN_SPLIT_SECONDS

    def _split(self, job: Job) -> _Task:
        split = _Split(job, job_folder(job.work_root), time.monotonic())
        self.splits.append(split)
        self.progress.started(job.key, expected_frames(job))
        return _Task("plan", job, split=split)

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker)
            return
        task = worker.task
        if kind == "frame":
            if task.split is None:
                self.progress.frame(task.job.key, value)
            else:
                task.split.frames[task.index] = value
                self.progress.frame(task.job.key, sum(task.split.frames.values()))
            return
        if task.split is not None:
            self._step(worker, task, kind, value)
            return
        seconds = time.monotonic() - worker.started
        if kind == "done":
            files = {role: (name, worker.folder / name) for role, name in value["files"].items()}
            outcome = installed(task.job, files, value, seconds)
        else:
            outcome = Outcome.of(task.job, "failed", seconds, error=value)
        self._finish(worker, outcome)

    def _step(self, worker: _Worker, task: _Task, kind: str, value) -> None:
        """A split stage's task ended: queue what comes next (its chunks, longest first,
        ahead of every other task; its join once every chunk is in), or end the stage."""
        split = task.split
        split.running -= 1
        worker.task = worker.folder = None
        if split.over:
            self._close(split)
            return
        if kind != "done":
            self._end_split(split, Outcome.of(task.job, "failed", time.monotonic() - split.started, error=value))
            return
        if task.kind == "plan":
            split.ranges = split_into(value, self.chunks)
            lengths = [sum(value[r.start : r.stop]) for r in split.ranges]
            order = sorted(range(len(split.ranges)), key=lambda i: -lengths[i])
            self.pending[:0] = [_Task("chunk", task.job, i, split) for i in order]
            self.progress.chunks(task.job.key, 0, len(split.ranges))
        elif task.kind == "chunk":
            split.results[task.index] = value
            self.progress.chunks(task.job.key, len(split.results), len(split.ranges))
            if len(split.results) == len(split.ranges):
                self.pending.insert(0, _Task("join", task.job, split=split))
        else:
            files = {role: (name, split.folder / name) for role, name in value["files"].items()}
            self._end_split(split, installed(task.job, files, value, time.monotonic() - split.started))

    def _end_split(self, split: _Split, outcome: Outcome) -> None:
        """A split stage's outcome: its waiting tasks dropped, its folder removed once no
        worker is in it."""
        split.over = True
        self.pending = [t for t in self.pending if t.split is not split]
        self._close(split)
        self._report(outcome)

    def _close(self, split: _Split) -> None:
        if split.over and not split.running and split in self.splits:
            self.splits.remove(split)
            with contextlib.suppress(OSError):
                split.claim.release()

    def _lost(self, worker: _Worker) -> None:
        """A worker died: its job fails, a fresh worker takes its place if work remains."""
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        task = worker.task
        if task is not None:
            error = f"{task.job.stage.name}: worker process died ({how})"
            if task.split is not None:
                self._step(worker, task, "failed", error)
            else:
                self._finish(worker, Outcome.of(task.job, "failed", time.monotonic() - worker.started, error=error))
        self.workers.remove(worker)
        worker.conn.close()
        if self.pending:
            self.workers.append(_Worker(self.context))

    def _finish(self, worker: _Worker, outcome: Outcome) -> None:
        _release(worker)
        worker.task = None
        self._report(outcome)

    def _report(self, outcome: Outcome) -> None:
        report(self.progress, outcome)
        self.outcomes.append(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    def _stop(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            _release(worker)
            worker.conn.close()
        for split in list(self.splits):
            split.over, split.running = True, 0
            self._close(split)


def _payload(task: _Task):
    """What a worker needs besides the job: a chunk's animations, a join's chunks."""
    if task.kind == "chunk":
        return task.split.ranges[task.index]
    if task.kind == "join":
        return [task.split.results[i] for i in range(len(task.split.ranges))]
    return None


def _release(worker: _Worker) -> None:
    """Remove the worker's job folder and its claim, if it has one."""
    if worker.claim is not None:
        with contextlib.suppress(OSError):
            worker.claim.release()
    worker.claim = worker.folder = None


def _exit_now(signum, frame) -> None:
    """Leave through Python's exit path, so that multiprocessing's finalizers release
    the semaphores libraries made (tqdm's lock, under Manim); a bare SIGTERM would leave
    them to the resource tracker, which warns about each on stderr."""
    sys.exit(128 + signum)


def _no_process_locks() -> None:
    """Manim's progress bars (tqdm) make a multiprocessing lock, a named semaphore that a
    killed worker cannot release (the resource tracker then warns on stderr). A worker
    draws one scene at a time, so a thread lock is all tqdm needs."""
    try:
        from tqdm import tqdm
    except ImportError:
        return
    tqdm.set_lock(threading.RLock())


def worker_main(conn) -> None:
    """A worker process: render each job sent down the pipe, report back on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    signal.signal(signal.SIGTERM, _exit_now)  # stopped by the parent: exit cleanly (see _exit_now)
    _no_process_locks()
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        kind, job, folder, payload = task
        last = [0.0]

        def report(frames: int, last: list[float] = last) -> None:
            now = time.monotonic()
            if now - last[0] >= FRAME_REPORT_EVERY:
                last[0] = now
                conn.send(("frame", frames))

        try:
            message = ("done", _run(kind, job, folder, payload, report))
        except RenderError as error:
            message = ("failed", str(error))
        except Exception as error:  # noqa: BLE001 - reported as one line, the worker lives on
            message = ("failed", f"{job.stage.name}: {one_line(error)}")
        if not _tell(conn, message):
            return


def _run(kind: str, job: Job, folder: str, payload, report):
    """Do one task in a worker (see :class:`_Task`)."""
    if kind == "plan":
        return plan_job(job)
    if kind == "chunk":
        return render_chunk_job(job, folder, payload, report)
    if kind == "join":
        return join_job(job, folder, payload)
    return render_job(job, folder, report)


def _tell(conn, message) -> bool:
    """Send ``message`` to the parent; False (and nothing printed) when the parent is
    gone (killed, even with SIGKILL): the worker then simply ends."""
    try:
        conn.send(message)
    except (OSError, EOFError):  # BrokenPipeError, ConnectionResetError
        return False
    return True
