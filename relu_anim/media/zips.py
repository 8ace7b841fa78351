"""Zip files that are the same bytes every time they are made from the same contents:
fixed entry times and modes, entries in the order given. Used for the SCORM package
(:mod:`relu_anim.lecture.scorm`) and the slide deck (a .pptx is a zip).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import BinaryIO

__all__ = ["ZIP_TIME", "add", "copy_fixed"]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes
STORED = (".mp4", ".webm", ".png", ".pptx", ".zip")  # already compressed


def entry(name: str, compress_type: int | None = None) -> zipfile.ZipInfo:
    """An entry with a fixed time and mode (``rw-r--r--``); compressed unless its file
    already is (by its name), or as ``compress_type`` says."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.create_system = 3  # Unix, so that the mode is read
    info.external_attr = 0o100644 << 16
    if compress_type is None:
        compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
    info.compress_type = compress_type
    return info


def add(
    archive: zipfile.ZipFile,
    name: str,
    *,
    data: bytes | None = None,
    source: Path | BinaryIO | None = None,
    compress_type: int | None = None,
) -> None:
    """Add one entry from ``data`` or from ``source`` (a path or an open binary file)."""
    with archive.open(entry(name, compress_type), "w") as out:
        if data is not None:
            out.write(data)
        elif isinstance(source, (str, Path)):
            with open(source, "rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
        else:
            shutil.copyfileobj(source, out, 1 << 20)


def copy_fixed(source: Path | BinaryIO, dest: Path | BinaryIO) -> None:
    """Copy a zip (one another library wrote with the time of writing) entry by entry,
    in its order and with its compression, at fixed times."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(dest, "w") as out:
        for info in original.infolist():
            with original.open(info) as handle:
                add(out, info.filename, source=handle, compress_type=info.compress_type)
