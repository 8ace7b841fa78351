"""Jobs and their input hashes: what a batch must render, and what is up to date.

Nothing here imports Manim (nor PyAV): ``relu-anim render`` with nothing to do stays
fast, and ``relu-anim clean`` can use the same names.

A job is one stage in one format (quality, theme, lesson and network fixed for the
batch). It is up to date when its *record* says so. The record is a small JSON file
beside the job's files, ``<stage>.<format>.inputs`` (``wedge.mp4.inputs``), written
last, atomically, once the files are in place. It holds:

- the job's *inputs hash*, of what is known before rendering: the stage's own
  settings (class, module, poster time), the lesson (networks and data) as canonical
  JSON (:func:`lesson_fingerprint`), quality, format, theme, the encoder settings
  (:mod:`relu_anim.media`), the seed, the narrating voice's fingerprint (engine,
  version, model, settings) and the sound's encoding unless the lesson is silent
  (``--voice none``), and the versions of Manim, PyAV and relu-anim;
- ``reads``: every source file the render really loaded, with its sha256, as the
  worker found them after rendering (:mod:`.deps`: the scene module, the scenes it
  imports, the library modules it reached; a depfile, as compilers write);
- for each file written: its name, size, sha256, and the modification time and inode
  it was installed with.

A job is up to date when its record's inputs hash matches, every file in ``reads``
still has its hash, and every output still has its content: an output whose size,
modification time and inode are those recorded is trusted (as git's index does),
any other is hashed again and must match its sha256. A record without ``reads`` is
out of date. ``--force`` skips the check.

One record per job rather than one state file per folder because:

- its presence with a matching hash means the files are complete: a crash or Ctrl-C
  at any moment leaves the job either up to date or not, never wrongly up to date;
- two batches running at once on the same folder never read-modify-write a shared
  file, so no lock is needed (the last finisher's identical record wins);
- the manifest and the next run read everything they need from it (sizes, hashes,
  frames) without opening videos, which is what keeps a no-change run cheap.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from .. import __version__
from ..media import MANIM_ENCODER
from ..model import Lesson, Network, default_lesson
from ..play import SEED, Play
from ..render import LESSON, WORK_DIR, format_named, network_name, output_dir, output_names, poster_at_opening, staged
from ..stages import Stage, get_stage, lesson_order
from .deps import file_sha256, reads_current

RECORD_SUFFIX = ".inputs"


@dataclass(frozen=True)
class Job:
    """One stage to render in one format, and where its files go."""

    stage: Stage
    play: Play  # quality, theme, voice (its clips in the media folder), lesson
    format: str
    network: str
    dest_dir: Path
    media_dir: Path
    inputs: str  # the inputs hash

    @property
    def work_root(self) -> Path:
        """``media/.work``: where temporary working folders go."""
        return self.media_dir / WORK_DIR

    @property
    def key(self) -> str:
        return f"{self.stage.name}.{self.format}"

    def outputs(self) -> dict[str, str]:
        return output_names(self.stage.name, self.format)

    def record_path(self) -> Path:
        return record_path(self.dest_dir, self.stage.name, self.format)


@dataclass(frozen=True)
class Plan:
    """A batch: its jobs in lesson order, and whether it ends by joining the lesson."""

    jobs: tuple[Job, ...]
    join: bool
    dest_dir: Path
    media_dir: Path
    format: str

    def lesson_inputs(self, records: Sequence[Mapping]) -> str:
        """The joined lesson's inputs: its stages' and cards' titles and inputs, in
        order, and the videos joined (their sha256, from ``records``)."""
        parts = [
            (job.stage.name, job.stage.description, job.inputs, record["files"]["video"]["sha256"])
            for job, record in zip(self.jobs, records)
        ]
        return _sha256_json({"join": parts, "format": self.format})

    def lesson_record_path(self) -> Path:
        return record_path(self.dest_dir, LESSON, self.format)


def make_plan(
    names: Sequence[str] | None = None,
    play: Play = Play(),
    *,
    format: str = "mp4",
    network: str | None = None,
    media_dir: Path | str = "media",
) -> Plan:
    """The jobs for the named stages or cards (``None``: the whole lesson, in its order:
    the opening card, every stage, the closing card; then the joined lesson), each played
    under ``play`` (its lesson: the default one unless given), its narration's clips
    cached in ``media_dir``.

    Every name is checked before anything renders, so a typo costs no time.
    """
    joinable = format_named(format).joinable
    stages = list(lesson_order()) if names is None else [get_stage(name) for name in names]
    stages = list({stage.name: stage for stage in stages}.values())  # each once, first order kept
    play = dataclasses.replace(play.with_clips(media_dir), lesson=play.lesson or default_lesson())
    network = network or network_name(play.lesson)
    dest = output_dir(media_dir, play, network)
    common = _common_inputs(play, format)
    if not play.voice.silent:  # silent: the inputs of a lesson without narration, as before
        common["voice"] = _voice_inputs(play, format)
    jobs = tuple(
        Job(stage, play, format, network, dest, Path(media_dir), stage_inputs(stage, common)) for stage in stages
    )
    return Plan(jobs, names is None and joinable, dest, Path(media_dir), format)


def stage_inputs(stage: Stage, common: Mapping) -> str:
    own = {"name": stage.name, "class": stage.scene_class, "module": stage.module, "poster_time": stage.poster_time}
    if poster_at_opening(stage):  # its poster moved from its last frame to its opening picture
        own["poster"] = "opening"
    return _sha256_json({**common, "stage": own})


def _voice_inputs(play: Play, format: str) -> dict:
    """The narration's part of the inputs: the voice's fingerprint (engine, version,
    model, settings) and the sound's encoding."""
    return {**play.voice.fingerprint, "audio": format_named(format).audio}


def _common_inputs(play: Play, format: str) -> dict:
    return {
        "lesson": lesson_fingerprint(play.lesson),
        "quality": dataclasses.asdict(play.quality),
        "theme": play.theme.name,
        "format": format,
        "encoder": {"manim": MANIM_ENCODER, format: format_named(format).encoder},
        "seed": SEED,
        "versions": {"manim": _version("manim"), "av": _version("av"), "relu-anim": __version__},
    }


def lesson_fingerprint(lesson: Lesson) -> str:
    """The sha256 of the lesson as canonical JSON: dataclasses by field, numpy arrays
    by dtype, shape and values, floats exactly (Python's shortest round-trip repr)."""
    return _sha256_json(_canonical(lesson))


def _canonical(value):
    if isinstance(value, Network):  # nodes keyed by name: a two-node lesson hashes as before issue 34
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "hidden"}
        return {"__type__": "Network", **_canonical({**fields, **dict(zip(value.node_names, value.hidden))})}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, np.ndarray):
        return {"dtype": str(value.dtype), "shape": list(value.shape), "values": _canonical(value.ravel().tolist())}
    if isinstance(value, np.generic):
        return _canonical(value.item())
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, float):
        return repr(value)  # exact, and NaN/inf safe
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def _sha256_json(value) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


# -- records: the inputs hash and what was written, beside the files --------------------


def record_path(dest_dir: Path, name: str, format: str) -> Path:
    return Path(dest_dir) / f"{name}.{format}{RECORD_SUFFIX}"


def read_record(path: Path) -> dict | None:
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("files"), dict) else None


def current_record(path: Path, inputs: str, *, reads: bool = True) -> dict | None:
    """The record at ``path`` if its inputs are ``inputs``, the files it read are
    unchanged (``reads``: a stage's record; the joined lesson has none) and its
    outputs have their recorded content; else None."""
    record = read_record(path)
    if record is None or record.get("inputs") != inputs:
        return None
    if reads and not reads_current(record.get("reads")):
        return None
    for entry in record["files"].values():
        try:
            if not _same_content(path.parent / entry["name"], entry):
                return None
        except (OSError, KeyError, TypeError, ValueError):
            return None
    return record


def _same_content(path: Path, entry: Mapping) -> bool:
    """Whether the file still holds what the record says: trusted when its size,
    modification time and inode are the recorded ones, otherwise hashed."""
    stat = os.stat(path)
    if stat.st_size != entry["bytes"]:
        return False
    if (stat.st_mtime_ns, stat.st_ino) == (entry.get("mtime_ns"), entry.get("inode")):
        return True
    return file_sha256(path) == entry["sha256"]


def up_to_date(job: Job) -> dict | None:
    """The job's record if its files are there and its inputs unchanged, else None."""
    return current_record(job.record_path(), job.inputs)


def install_outputs(
    dest_dir: Path, name: str, format: str, inputs: str, files: Mapping[str, tuple[str, Path | bytes]], details: Mapping
) -> dict:
    """Move a job's files (role -> (file name, path or bytes)) into ``dest_dir``, each
    atomically, then write its record last. Returns the record."""
    from ..render import install

    entries = {}
    for role, (file_name, content) in files.items():
        data = content if isinstance(content, bytes) else Path(content).read_bytes()
        entries[role] = {"name": file_name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    install(dict(files.values()), Path(dest_dir))
    for entry in entries.values():  # how each file was installed: the check's cheap path
        stat = os.stat(Path(dest_dir) / entry["name"])
        entry.update(mtime_ns=stat.st_mtime_ns, inode=stat.st_ino)
    record = {"inputs": inputs, "stage": name, "format": format, **details, "files": entries}
    write_record(record_path(dest_dir, name, format), record)
    return record


def write_record(path: Path, record: Mapping) -> None:
    with staged(path) as tmp:
        tmp.write_text(json.dumps(record, indent=1), encoding="utf-8")


def expected_frames(job: Job) -> int | None:
    """How many frames the stage will likely draw: its last known duration (from any
    record of it in this media folder, any quality or format) times the frame rate."""
    fps = job.play.quality.fps
    folders = [job.dest_dir, *sorted(p for p in job.dest_dir.parent.glob("*") if p.is_dir())]
    for folder in folders:
        for path in sorted(folder.glob(f"{job.stage.name}.*{RECORD_SUFFIX}")):
            record = read_record(path)
            if record and isinstance(record.get("duration"), (int, float)):
                return max(1, round(record["duration"] * fps))
    return None
