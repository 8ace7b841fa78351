"""How a job is done and how it ends, whichever engine ran it: its render, its outcome,
the install of its files, and the line the progress display shows for it. The process
pool (:mod:`.local`) and Dask (:mod:`.cluster`) both render and finish jobs through here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from ..render import one_line
from .plan import Job, install_outputs
from .progress import Progress


def render_job(job: Job, folder: Path | str, on_frame: Callable[[int], None] | None = None) -> dict:
    """Render ``job`` into ``folder`` under its play (its voice's clips in the media
    folder) and return what it made (:class:`relu_anim.render.StageFiles`, as a dict) and
    the files it read (:func:`.deps.render_reads`). Raises what the render raises."""
    from ..render import render_stage_files
    from .deps import render_reads

    made = render_stage_files(job.stage, folder, job.play, format=job.format, on_frame=on_frame)
    return {**asdict(made), "reads": render_reads(job.stage.module)}


def plan_job(job: Job) -> tuple[float, ...]:
    """The lengths of ``job``'s animations (:func:`relu_anim.chunks.plan_chunks`; its
    narration's clips made on the way)."""
    from ..chunks import plan_chunks

    return plan_chunks(job.stage, job.play).lengths


def render_chunk_job(job: Job, folder: Path | str, keep: range, on_frame: Callable[[int], None] | None = None):
    """Render the chunk ``keep`` of ``job`` into ``folder``
    (:func:`relu_anim.render.render_chunk`): what it played, and the files the render read."""
    from ..render import render_chunk
    from .deps import render_reads

    return render_chunk(job.stage, folder, job.play, keep, on_frame), render_reads(job.stage.module)


def join_job(job: Job, folder: Path | str, chunks: list) -> dict:
    """Join ``job``'s chunks (what :func:`render_chunk_job` gave each, in order) into its
    files in ``folder``: what :func:`render_job` returns for the stage in one piece."""
    from ..render import join_chunks
    from .deps import render_reads

    made = join_chunks(job.stage, [played for played, _ in chunks], folder, job.play, format=job.format)
    # what the chunks' plays read, and what writing the files read here
    reads = [entry for _, chunk_reads in chunks for entry in chunk_reads] + render_reads(job.stage.module)
    every = {entry["module"]: entry for entry in reads}
    return {**asdict(made), "reads": [every[name] for name in sorted(every)]}


@dataclass(frozen=True)
class Outcome:
    """How a job (or the lesson's join) ended: its record (done, cached) or error (failed)."""

    name: str  # the stage, or "lesson"
    format: str
    status: str  # "done", "cached" or "failed"
    seconds: float = 0.0
    record: dict | None = None
    error: str = ""

    @property
    def key(self) -> str:
        return f"{self.name}.{self.format}"

    @classmethod
    def of(cls, job: Job, status: str, seconds: float = 0.0, record: dict | None = None, error: str = ""):
        return cls(job.stage.name, job.format, status, seconds, record, error)


def installed(job: Job, files: Mapping, made: Mapping, seconds: float, render_seconds: float | None = None) -> Outcome:
    """Install a rendered job's ``files`` into its folder with its record; the job's
    outcome (failed, in one line, when the files cannot be put in place). ``made`` is
    what the render reported (:class:`relu_anim.render.StageFiles`, as a dict)."""
    details = {k: v for k, v in made.items() if k not in ("files", "stage", "format")}
    took = seconds if render_seconds is None else render_seconds
    try:
        record = install_outputs(
            job.dest_dir, job.stage.name, job.format, job.inputs, files, {**details, "seconds": round(took, 3)}
        )
    except OSError as error:
        return Outcome.of(job, "failed", seconds, error=f"{job.stage.name}: cannot install: {one_line(error)}")
    return Outcome.of(job, "done", seconds, record)


def report(progress: Progress, outcome: Outcome) -> None:
    """The progress display's line for a finished job."""
    if outcome.status == "done":
        progress.done(outcome.key, outcome.seconds)
    else:
        progress.failed(outcome.key, outcome.error)
