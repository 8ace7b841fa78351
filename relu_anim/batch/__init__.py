"""The batch engine: render stages in parallel, skip what is up to date, join the
lesson, report progress and write a manifest.

    plan.py       jobs and their input hashes (no Manim)
    local.py      the process pool            cluster.py   the same jobs on Dask
    progress.py   the live display            manifest.py  what was built, as JSON
    clean.py      removing working files and outputs no longer produced

:func:`build` is the one entry point (``relu-anim render`` calls it).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..destination import DestinationError, check_folder
from ..media import FORMATS
from ..render import RenderError, lesson_names, one_line, work_folder
from ..stages import Stage, lesson_order
from . import manifest as manifests
from .local import run_local
from .outcome import Outcome
from .plan import (
    LESSON,
    Job,
    Plan,
    current_record,
    expected_frames,
    install_outputs,
    make_plan,
    record_path,
    up_to_date,
)
from .progress import Progress

__all__ = ["BuildResult", "MediaDirError", "Plan", "build", "make_plan"]


class MediaDirError(RenderError):
    """The media folder cannot be written (a usage error: exit status 2)."""


@dataclass(frozen=True)
class BuildResult:
    plan: Plan
    outcomes: tuple[Outcome, ...]  # the stages (and with --all the cards), in lesson order
    lesson: Outcome | None  # the joined lesson, if the batch joins it
    manifest: dict
    manifest_path: Path

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in (*self.outcomes, self.lesson) if o is not None and o.status == "failed"]

    def paths(self) -> list[Path]:
        """Every output file of the batch (rendered now or up to date), in lesson order."""
        paths = []
        for outcome in (*self.outcomes, self.lesson):
            if outcome is not None and outcome.record is not None and outcome.status != "failed":
                paths += [self.plan.dest_dir / entry["name"] for entry in outcome.record["files"].values()]
        return paths


def build(
    plan: Plan,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    scheduler: str | None = None,
    split: bool | None = None,
) -> BuildResult:
    """Bring the plan's outputs up to date: render stale stages (``jobs`` processes, or
    on the Dask cluster at ``scheduler``; a stage that would leave workers idle split
    into chunks where it pays, or as ``split`` says), join the lesson once every stage is there,
    write the manifest. A stage that fails does not stop the others."""
    progress = progress or Progress(mode="quiet")
    if scheduler:
        from .cluster import scheduler_address

        scheduler_address(scheduler)  # a typo costs nothing, and leaves nothing behind
    ensure_writable(plan.media_dir)  # first: a name too long for the file system is refused here
    ensure_writable(plan.dest_dir)
    created = not Path(plan.media_dir).exists()
    for job in plan.jobs:
        progress.add(job.key, job.stage.name)
    if plan.join:
        progress.add(f"{LESSON}.{plan.format}", LESSON)
    done: dict[str, Outcome] = {}
    stale: list[Job] = []
    for job in plan.jobs:
        record = None if force else up_to_date(job)
        if record is not None:
            done[job.key] = Outcome.of(job, "cached", 0.0, record)
            progress.cached(job.key)
        else:
            stale.append(job)
    stale.sort(key=_longest_first)
    try:
        if scheduler:
            from .cluster import run_on_cluster

            results = run_on_cluster(stale, scheduler, progress, split)
        else:
            results = run_local(stale, jobs or os.cpu_count() or 1, progress, split=split)
        done.update((outcome.key, outcome) for outcome in results)
        outcomes = tuple(done[job.key] for job in plan.jobs)
        lesson = _join(plan, outcomes, force, progress) if plan.join else None
    except BaseException:
        if created:
            _remove_empty_folders(Path(plan.media_dir))
        raise
    finally:
        progress.close()
    document = folder_manifest(plan, outcomes, lesson)
    path = manifests.write_manifest(document, plan.dest_dir)
    return BuildResult(plan, outcomes, lesson, document, path)


def _longest_first(job: Job) -> tuple[int, int]:
    """Long stages start first, so that the workers finish together: by the frames of
    the stage's last render, else by the size of its scene file (longer scenes have
    more to say)."""
    try:
        size = job.stage.source_file().stat().st_size
    except (OSError, LookupError):
        size = 0
    return -(expected_frames(job) or 0), -size


def _remove_empty_folders(top: Path) -> None:
    """Remove ``top`` and the folders under it that hold nothing (a batch that made
    the media folder and then failed before writing anything leaves nothing behind)."""
    for folder in sorted(
        (p for p in [top, *top.rglob("*")] if p.is_dir() and not p.is_symlink()),
        key=lambda p: len(p.parts),
        reverse=True,
    ):
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            pass


def ensure_writable(folder: Path) -> None:
    """:class:`MediaDirError` with one line unless ``folder`` can hold files (or be
    made where it can): the one destination check, :func:`relu_anim.destination.check_folder`."""
    try:
        check_folder(folder, "media folder")
    except DestinationError as error:
        raise MediaDirError(str(error)) from None


def _join(plan: Plan, outcomes: tuple[Outcome, ...], force: bool, progress: Progress) -> Outcome:
    key = f"{LESSON}.{plan.format}"
    failed = [o.name for o in outcomes if o.status == "failed"]
    if failed:
        outcome = Outcome(LESSON, plan.format, "failed", error=f"lesson not joined: {', '.join(failed)} failed")
        progress.failed(key, outcome.error)
        return outcome
    inputs = plan.lesson_inputs([o.record for o in outcomes])
    record = None if force else current_record(plan.lesson_record_path(), inputs, reads=False)
    if record is not None:
        progress.cached(key)
        return Outcome(LESSON, plan.format, "cached", 0.0, record)
    progress.started(key)
    start = time.monotonic()
    try:
        record = join_lesson(plan, [o.record for o in outcomes], inputs)
    except (RenderError, OSError) as error:
        outcome = Outcome(LESSON, plan.format, "failed", time.monotonic() - start, error=f"lesson: {one_line(error)}")
        progress.failed(key, outcome.error)
        return outcome
    seconds = time.monotonic() - start
    progress.done(key, seconds)
    return Outcome(LESSON, plan.format, "done", seconds, record)


def join_lesson(plan: Plan, records: list[dict], inputs: str) -> dict:
    """Join the plan's videos (title card, stages, summary card) into ``lesson.<format>``
    with captions (SRT, WebVTT), a WebVTT chapters file (one cue per stage and one per
    card) and a poster (the first video's: the title card's, which does not give the
    ending away)."""
    from ..media.captions import merge_captions, srt_to_vtt, write_chapters
    from ..media.video import VideoError, duration, join
    from ..voice.track import fix_encoded_peaks, limit

    dest = plan.dest_dir
    videos = [dest / r["files"]["video"]["name"] for r in records]
    with work_folder(plan.media_dir) as folder:
        names = lesson_names(plan.format)
        try:
            lengths = [duration(video) for video in videos]
            join(videos, folder / names["video"], sound=limit, fix_peaks=fix_encoded_peaks)  # encoding lifts peaks
            total = duration(folder / names["video"])
        except (VideoError, OSError, ValueError) as error:
            raise RenderError(one_line(error)) from None
        except Exception as error:  # noqa: BLE001 - PyAV's own errors: one line for the user
            raise RenderError(one_line(error)) from None
        merge_captions(
            [(dest / r["files"]["srt"]["name"], length) for r, length in zip(records, lengths)], folder / names["srt"]
        )
        srt_to_vtt(folder / names["srt"], folder / names["vtt"])
        chapters, start = [], 0.0
        for job, length in zip(plan.jobs, lengths):
            chapters.append(
                {
                    "stage": job.stage.name,
                    "number": job.stage.number,
                    "kind": kind(job.stage),
                    "heading": told(job).heading,
                    "description": told(job).description,
                    "title": told(job).description,
                    "start": round(start, 3),
                    "end": round(start + length, 3),
                }
            )
            start += length
        write_chapters([(c["description"], c["start"], c["end"]) for c in chapters], folder / names["chapters"])
        (folder / names["poster"]).write_bytes((dest / records[0]["files"]["poster"]["name"]).read_bytes())
        first = records[0]
        details = {
            "width": first["width"],
            "height": first["height"],
            "fps": first["fps"],
            "frames": sum(r["frames"] for r in records),
            "duration": round(total, 6),
            "chapters": chapters,
            "voice": first.get("voice", "none"),
        }
        files = {role: (name, folder / name) for role, name in names.items()}
        return install_outputs(dest, LESSON, plan.format, inputs, files, details)


def folder_manifest(plan: Plan, outcomes: tuple[Outcome, ...], lesson: Outcome | None) -> dict:
    """The manifest of the plan's folder: this batch's outcomes, and every other output
    there (other stages, other formats, the lesson) that is still up to date."""
    ours = {o.key: o for o in (*outcomes, lesson) if o is not None}
    stages = list(lesson_order())
    known = {s.name for s in stages}
    stages += [job.stage for job in plan.jobs if job.stage.name not in known]
    entries = []
    for format in FORMATS:
        other = None
        for stage in stages:
            key = f"{stage.name}.{format}"
            if key in ours:
                o = ours[key]
                entries.append(
                    manifests.entry(
                        o.name,
                        format,
                        o.status,
                        record=o.record,
                        seconds=o.seconds,
                        error=o.error,
                        **described(stage, plan),
                    )
                )
                continue
            if not record_path(plan.dest_dir, stage.name, format).exists():
                continue
            if other is None or other.format != format:  # the other format's hashes, computed once
                other = _plan_in(plan, format)
            job = next((j for j in other.jobs if j.stage.name == stage.name), None)
            record = up_to_date(job) if job is not None else None
            if record is not None:
                entries.append(
                    manifests.entry(
                        stage.name,
                        format,
                        "cached",
                        record=record,
                        **described(stage, plan),
                    )
                )
        key = f"{LESSON}.{format}"
        if key in ours:
            o = ours[key]
            entries.append(
                manifests.entry(
                    LESSON,
                    format,
                    o.status,
                    record=o.record,
                    seconds=o.seconds,
                    error=o.error,
                    heading=manifests.LESSON_HEADING,
                    description=manifests.LESSON_HEADING,
                    kind=manifests.LESSON_KIND,
                )
            )
        elif FORMATS[format].joinable and record_path(plan.dest_dir, LESSON, format).exists():
            if other is None or other.format != format:
                other = _plan_in(plan, format)
            records = [up_to_date(job) for job in other.jobs]
            record = None
            if all(r is not None for r in records):
                record = current_record(other.lesson_record_path(), other.lesson_inputs(records), reads=False)
            if record is not None:
                entries.append(
                    manifests.entry(
                        LESSON,
                        format,
                        "cached",
                        record=record,
                        heading=manifests.LESSON_HEADING,
                        description=manifests.LESSON_HEADING,
                        kind=manifests.LESSON_KIND,
                    )
                )
    first = plan.jobs[0]
    return manifests.manifest(
        entries, quality=first.play.quality.letter, theme=first.play.theme.name, network=first.network
    )


def told(job: Job) -> Stage:
    """``job``'s stage in the words for its lesson's number of hidden nodes (:meth:`Stage.told`)."""
    return job.stage.told(len(job.play.lesson.network.hidden))


def described(stage, plan: Plan) -> dict:
    """What the manifest says of a stage or card besides its files (:func:`.manifest.entry`),
    in the words for the plan's number of hidden nodes."""
    stage = stage.told(len(plan.jobs[0].play.lesson.network.hidden))
    return {
        "number": stage.number,
        "heading": stage.heading,
        "description": stage.description,
        "key_sentence": stage.key_sentence,
        "kind": kind(stage),
    }


def _plan_in(plan: Plan, format: str) -> Plan:
    """The same lesson's plan in another ``format`` (to find that format's records)."""
    first = plan.jobs[0]
    return make_plan(None, first.play, format=format, network=first.network, media_dir=plan.media_dir)


def kind(stage) -> str:
    """A stage's or card's kind in the manifest (see :mod:`.manifest`)."""
    return manifests.CARD_KIND if stage.is_card else manifests.STAGE_KIND
