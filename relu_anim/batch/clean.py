"""``relu-anim clean``: remove working files and outputs no longer produced (no Manim).

What goes:

- ``media/.work`` (temporary working folders; a batch removes its own as it goes, so
  only an interrupted or killed batch leaves any behind). Do not clean while a batch
  is rendering into the same media folder;
- half-written files (``.<name>.*.part<suffix>``) left by a process that was killed;
- in each output folder (``media/<quality>[-dark]``, ``media/<network>/<quality>[-dark]``),
  files of ours (videos, pictures, captions, records) that the current stages would
  not produce: stages renamed or removed, a lesson in a format that is not joined.

Anything else (other folders such as ``media/stills``, files with other suffixes) is
left alone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..media import FORMATS, JOINABLE_FORMATS, VIDEO_FORMATS
from ..quality import QUALITIES
from ..render import WORK_DIR
from ..stages import lesson_order
from .manifest import MANIFEST
from .plan import LESSON, RECORD_SUFFIX

OUR_SUFFIXES = {*(f".{f}" for f in FORMATS), ".srt", ".vtt", RECORD_SUFFIX}
PART_FILE = re.compile(r"^\..+\.part(\.\w+)?$")


def produced_names() -> set[str]:
    """Every file name the current stages and cards can produce in an output folder."""
    names = {MANIFEST}
    for stage in lesson_order():
        for format in FORMATS:
            names |= _job_names(stage.name, format)
    for format in JOINABLE_FORMATS:
        names |= _job_names(LESSON, format) | {f"{LESSON}.chapters.vtt"}
    return names


def _job_names(name: str, format: str) -> set[str]:
    names = {f"{name}.{format}", f"{name}.{format}{RECORD_SUFFIX}"}
    if format in VIDEO_FORMATS:
        names |= {f"{name}.srt", f"{name}.vtt", f"{name}.poster.png"}
    return names


def output_folders(media_dir: Path) -> list[Path]:
    """The folders under ``media_dir`` that batches write into."""
    folders = {q.folder for q in QUALITIES.values()}
    folders |= {f"{folder}-dark" for folder in folders}
    found = []
    for path in sorted(Path(media_dir).glob("*")) + sorted(Path(media_dir).glob("*/*")):
        if path.is_dir() and path.name in folders:
            found.append(path)
    return found


def clean(media_dir: Path | str) -> list[Path]:
    """Remove what is described above; returns what was removed."""
    media_dir = Path(media_dir)
    removed = []
    work = media_dir / WORK_DIR
    if work.exists():
        shutil.rmtree(work)
        removed.append(work)
    keep = produced_names()
    for folder in output_folders(media_dir):
        for path in sorted(folder.iterdir()):
            if not path.is_file():
                continue
            stale_part = PART_FILE.match(path.name) is not None
            ours = any(path.name.endswith(suffix) for suffix in OUR_SUFFIXES)
            if stale_part or (ours and path.name not in keep):
                path.unlink()
                removed.append(path)
    return removed
