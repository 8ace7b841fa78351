"""The process pool: jobs rendered by worker processes on this machine.

Each worker is a fresh ``spawn``-ed process (no state forked from the parent) that
imports Manim once and renders one job at a time into its own temporary folder under
``media/.work`` (Manim's media folder included: Manim's caches are bare
``path.exists`` checks and its text SVG cache must not be shared between processes).
The parent moves finished files into place (:func:`plan.install_outputs`: one atomic
rename each, the record last) and removes the folder.

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
from multiprocessing.connection import wait
from pathlib import Path

from ..ownership import Claim
from ..render import RenderError, job_folder, one_line
from .outcome import Outcome, installed, render_job, report
from .plan import Job, expected_frames
from .progress import Progress

FRAME_REPORT_EVERY = 0.25  # seconds between a worker's frame-count messages


def run_local(
    jobs: Sequence[Job], workers: int, progress: Progress, on_outcome: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Render ``jobs`` with up to ``workers`` processes; returns one outcome each."""
    if not jobs:
        return []
    return _Pool(list(jobs), max(1, min(workers, len(jobs))), progress, on_outcome).run()


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.folder: Path | None = None
        self.claim: Claim | None = None  # the job folder's (relu_anim.ownership)
        self.started = 0.0


class _Pool:
    def __init__(self, jobs: list[Job], size: int, progress: Progress, on_outcome) -> None:
        self.pending, self.size, self.progress, self.on_outcome = jobs, size, progress, on_outcome
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.outcomes: list[Outcome] = []

    def run(self) -> list[Outcome]:
        try:
            self.workers = [_Worker(self.context) for _ in range(self.size)]
            while self.pending or any(w.job for w in self.workers):
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
            if worker.job is None and self.pending:
                job = self.pending.pop(0)
                worker.job, worker.started = job, time.monotonic()
                worker.claim = job_folder(job.work_root)
                worker.folder = worker.claim.path
                self.progress.started(job.key, expected_frames(job))
                worker.conn.send((job, str(worker.folder)))

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker)
            return
        job = worker.job
        if kind == "frame":
            self.progress.frame(job.key, value)
            return
        seconds = time.monotonic() - worker.started
        if kind == "done":
            files = {role: (name, worker.folder / name) for role, name in value["files"].items()}
            outcome = installed(job, files, value, seconds)
        else:
            outcome = Outcome.of(job, "failed", seconds, error=value)
        self._finish(worker, outcome)

    def _lost(self, worker: _Worker) -> None:
        """A worker died: its job fails, a fresh worker takes its place if work remains."""
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        if worker.job is not None:
            job = worker.job
            self._finish(
                worker,
                Outcome.of(
                    job,
                    "failed",
                    time.monotonic() - worker.started,
                    error=f"{job.stage.name}: worker process died ({how})",
                ),
            )
        self.workers.remove(worker)
        worker.conn.close()
        if self.pending:
            self.workers.append(_Worker(self.context))

    def _finish(self, worker: _Worker, outcome: Outcome) -> None:
        _release(worker)
        worker.job = None
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
        job, folder = task
        last = [0.0]

        def report(frames: int, last: list[float] = last) -> None:
            now = time.monotonic()
            if now - last[0] >= FRAME_REPORT_EVERY:
                last[0] = now
                conn.send(("frame", frames))

        try:
            message = ("done", render_job(job, folder, report))
        except RenderError as error:
            message = ("failed", str(error))
        except Exception as error:  # noqa: BLE001 - reported as one line, the worker lives on
            message = ("failed", f"{job.stage.name}: {one_line(error)}")
        if not _tell(conn, message):
            return


def _tell(conn, message) -> bool:
    """Send ``message`` to the parent; False (and nothing printed) when the parent is
    gone (killed, even with SIGKILL): the worker then simply ends."""
    try:
        conn.send(message)
    except (OSError, EOFError):  # BrokenPipeError, ConnectionResetError
        return False
    return True
