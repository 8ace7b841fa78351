"""``relu-anim clean``: remove what relu-anim wrote and no longer needs (no Manim).

Only what relu-anim can show it wrote goes, and only from folders that hold its
manifest (``manifest.json`` with ``"generator": "relu-anim ..."``: its output folders,
``media/<quality>[-dark]`` and ``media/<network>/<quality>[-dark]``):

- ``media/.work`` (temporary working folders; a batch removes its own as it goes, so
  only an interrupted or killed batch leaves any behind). Do not clean while a batch
  is rendering into the same media folder;
- its half-written files (``.<name>.*.part<suffix>``, as :func:`relu_anim.render.staged`
  names them) left by a process that was killed;
- outputs the current stages would not produce (stages renamed or removed, a lesson
  in a format that is not joined), when one of its own records (``*.inputs``) or the
  folder's manifest lists them: the record's files and the record itself.

Anything else (a file no record lists, other folders such as ``media/stills``) is
left alone. A folder with no relu-anim manifest and no ``.work`` of job folders is
not a media folder of ours: :class:`NotAMediaFolder`, and nothing is touched.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from ..media import FORMATS, JOINABLE_FORMATS
from ..render import WORK_DIR, RenderError, lesson_names, output_names
from ..stages import lesson_order
from .manifest import MANIFEST
from .plan import LESSON, RECORD_SUFFIX, read_record, record_path

PART_FILE = re.compile(r"^\..+\.part(\.\w+)?$")
GENERATOR = "relu-anim "


class NotAMediaFolder(RenderError):
    """The folder given to clean is not one relu-anim renders into (a usage error)."""


def produced_names() -> set[str]:
    """Every file name the current stages and cards can produce in an output folder."""
    names = {MANIFEST}
    for stage in lesson_order():
        for format in FORMATS:
            names |= _job_names(stage.name, format)
    for format in JOINABLE_FORMATS:
        names |= _job_names(LESSON, format) | {lesson_names(format)["chapters"]}
    return names


def _job_names(name: str, format: str) -> set[str]:
    """A job's files (:func:`relu_anim.render.output_names`) and its record."""
    return {*output_names(name, format).values(), record_path(Path(), name, format).name}


def output_folders(media_dir: Path) -> list[Path]:
    """The folders under ``media_dir`` (one or two levels down) holding a relu-anim manifest."""
    media_dir = Path(media_dir)
    candidates = sorted(media_dir.glob(f"*/{MANIFEST}")) + sorted(media_dir.glob(f"*/*/{MANIFEST}"))
    return [path.parent for path in candidates if _manifest(path) is not None]


def _manifest(path: Path) -> dict | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ours = isinstance(document, dict) and str(document.get("generator", "")).startswith(GENERATOR)
    return document if ours and isinstance(document.get("outputs"), list) else None


def _work_folder(media_dir: Path) -> Path | None:
    """``media/.work`` if it holds nothing but relu-anim's job folders."""
    work = media_dir / WORK_DIR
    if not work.is_dir() or work.is_symlink():
        return None
    return work if all(p.name.startswith("job-") and p.is_dir() for p in work.iterdir()) else None


def _listed(folder: Path) -> set[str]:
    """File names in ``folder`` that one of relu-anim's records or its manifest lists."""
    names = set()
    for path in folder.glob(f"*{RECORD_SUFFIX}"):
        record = read_record(path)
        if record is not None and "inputs" in record:
            names.add(path.name)
            names |= {
                entry["name"] for entry in record["files"].values() if isinstance(entry, dict) and "name" in entry
            }
    for output in (_manifest(folder / MANIFEST) or {}).get("outputs", []):
        if isinstance(output, dict):
            names |= {output.get("path"), output.get("poster"), output.get("chapters_file")}
            names |= set((output.get("captions") or {}).values())
    return {name for name in names if isinstance(name, str) and name and "/" not in name and name != MANIFEST}


def clean(media_dir: Path | str, *, dry_run: bool = False) -> list[Path]:
    """Remove (``dry_run``: only list) what is described above; returns the paths."""
    media_dir = Path(media_dir)
    folders, work = output_folders(media_dir), _work_folder(media_dir)
    if not folders and work is None:
        raise NotAMediaFolder(
            f"{media_dir} is not a relu-anim media folder (no manifest.json of relu-anim in it); nothing removed"
        )
    doomed = [work] if work is not None else []
    keep = produced_names()
    for folder in folders:
        listed = _listed(folder)
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.is_symlink():
                continue
            if PART_FILE.match(path.name) or (path.name in listed and path.name not in keep):
                doomed.append(path)
    if not dry_run:
        for path in doomed:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
    return doomed
