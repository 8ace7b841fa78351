"""``relu-anim clean``: remove what relu-anim wrote and no longer needs (no Manim).

Only what relu-anim can show it wrote goes, by a record of its own, never by the
pattern of a name:

- what a killed process left under a claim of ours (:mod:`relu_anim.ownership`):
  job folders in ``media/.work``, half-written ``.part`` files (and a lecture package
  being built) in the media folder and its output folders, each with its claim. A
  claim its maker still holds (a render running now) is left alone;
- in folders holding relu-anim's manifest (``manifest.json`` with ``"generator":
  "relu-anim ..."``: ``media/<quality>[-dark]``, ``media/<network>/<quality>[-dark]``),
  outputs the current stages would not produce (stages renamed or removed, a lesson
  in a format that is not joined), when one of its own records (``*.inputs``) or the
  folder's manifest lists them with the sha256 they still have: the record's files and
  the record itself (a listed file changed since it was written is left alone).

Anything else (a file no record lists, ``media/.work`` itself, other folders such as
``media/stills``) is left alone. A folder with no relu-anim manifest and no claim of
ours is not a media folder of ours: :class:`NotAMediaFolder`, and nothing is touched.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..media import FORMATS
from ..ownership import GENERATOR, abandoned, claims, remove, sha256_of
from ..render import WORK_DIR, RenderError, lesson_names, output_names
from ..stages import lesson_order
from .manifest import MANIFEST
from .plan import LESSON, RECORD_SUFFIX, read_record, record_path


class NotAMediaFolder(RenderError):
    """The folder given to clean is not one relu-anim renders into (a usage error)."""


def produced_names() -> set[str]:
    """Every file name the current stages and cards can produce in an output folder."""
    names = {MANIFEST}
    for stage in lesson_order():
        for format in FORMATS:
            names |= _job_names(stage.name, format)
    for format in (f.name for f in FORMATS.values() if f.joinable):
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


def _listed(folder: Path) -> dict[str, set[str | None]]:
    """File names in ``folder`` that one of relu-anim's records or its manifest lists,
    each with the sha256 it was written with (None for a record itself: it is ours by
    what it says)."""
    listed: dict[str, set[str | None]] = {}

    def add(name, sha256) -> None:
        if isinstance(name, str) and name and "/" not in name and name != MANIFEST:
            listed.setdefault(name, set()).add(sha256 if isinstance(sha256, str) else "")

    for path in folder.glob(f"*{RECORD_SUFFIX}"):
        record = read_record(path)
        if record is not None and "inputs" in record:
            listed.setdefault(path.name, set()).add(None)
            for entry in record["files"].values():
                if isinstance(entry, dict):
                    add(entry.get("name"), entry.get("sha256"))
    for output in (_manifest(folder / MANIFEST) or {}).get("outputs", []):
        if isinstance(output, dict):
            add(output.get("path"), output.get("sha256"))
    return listed


def _written_by_us(path: Path, hashes: set[str | None]) -> bool:
    """A listed file is ours to remove when it is a record of ours, or its content is
    still what the record says was written (a file changed since is the user's now)."""
    return None in hashes or sha256_of(path) in hashes


def clean(media_dir: Path | str, *, dry_run: bool = False) -> list[Path]:
    """Remove (``dry_run``: only list) what is described above; returns the paths."""
    media_dir = Path(media_dir)
    folders = output_folders(media_dir)
    claimed = [media_dir, media_dir / WORK_DIR, *folders]  # where claims of ours are made
    if not folders and not any(True for folder in claimed for _ in claims(folder)):
        raise NotAMediaFolder(
            f"{media_dir} is not a relu-anim media folder (no manifest.json of relu-anim in it); nothing removed"
        )
    doomed = [path for folder in claimed for path in abandoned(folder)]
    keep = produced_names()
    for folder in folders:
        listed = _listed(folder)
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.is_symlink() or path.name in keep or path.name not in listed:
                continue
            if _written_by_us(path, listed[path.name]):
                doomed.append(path)
    if not dry_run:
        remove(doomed)
    return doomed
