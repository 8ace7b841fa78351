"""Where a command will write, checked before any work is spent on it.

Every command that writes files (``render``, ``stills``, ``frames --out``, ``lecture``,
``explore``, ``fit``) asks :func:`check_folder` first (:func:`check_file` for one file,
such as a SCORM zip), so that an unwritable folder, a read-only or
full file system, or a file standing where a folder must go is one line at once, not
a traceback after minutes of rendering. Nothing is created here: a folder that does
not exist yet is checked through the nearest folder above it that does, where the
command will create it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

__all__ = ["DestinationError", "check_file", "check_folder", "describe_os_error"]

#: Written (and removed) to see that the file system takes data, not only names: a
#: full disk refuses the first block of a file, not its creation.
PROBE_BYTES = 4096


class DestinationError(Exception):
    """The destination cannot be written; its message is one line for the user."""


def describe_os_error(error: OSError) -> str:
    """``/a/b: No space left on device``: the file and the system's words, one line."""
    reason = error.strerror or errno.errorcode.get(error.errno or 0) or str(error) or type(error).__name__
    return f"{error.filename}: {reason}" if error.filename else reason


def check_folder(folder: Path | str, what: str = "output folder") -> Path:
    """``folder`` as a :class:`~pathlib.Path`, or :class:`DestinationError` when files
    cannot be written into it (or into the folder above it that would hold it).

    Checks, in order: that no file stands where the folder or one of its parents must
    be, and that a small file can be created and written there and removed again
    (which catches a permission refused, a read-only file system and a full disk).
    """
    folder = Path(folder)
    refused = f"cannot write to {what} {folder}"
    if "\0" in str(folder):
        raise DestinationError(f"cannot write to {what} {str(folder)!r}: the path holds a NUL character")
    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise DestinationError(f"{refused}: {'it' if existing == folder else existing} is a file, not a folder")
    check_names(folder, existing, refused)
    try:
        probe(existing)
    except OSError as error:
        reason = error.strerror or describe_os_error(error)
        raise DestinationError(f"{refused}: {reason}" + ("" if existing == folder else f" (in {existing})")) from None
    return folder


def check_file(path: Path | str, what: str = "file") -> Path:
    """``path`` as a :class:`~pathlib.Path`, or :class:`DestinationError` when a file
    cannot be written there: its folder as :func:`check_folder` checks it, and its own
    name one the file system takes. Whether a file already there may be replaced is the
    caller's business."""
    path = Path(path)
    check_folder(path.parent, "folder")
    check_names(path, path.parent, f"cannot write {what} {path}")
    return path


def check_names(folder: Path, existing: Path, refused: str) -> None:
    """The folders still to be made below ``existing`` must have names the file system
    takes; ``refused`` starts the message."""
    try:
        longest_name = os.pathconf(existing if existing.is_dir() else existing.parent, "PC_NAME_MAX")
        longest_path = os.pathconf(existing if existing.is_dir() else existing.parent, "PC_PATH_MAX")
    except (OSError, ValueError):
        longest_name, longest_path = 255, 4096
    for name in folder.relative_to(existing).parts if folder != existing else ():
        if len(os.fsencode(name)) > longest_name:
            raise DestinationError(f"{refused}: a name is longer than {longest_name} bytes")
    if len(os.fsencode(folder.absolute())) >= longest_path:
        raise DestinationError(f"{refused}: its path is longer than {longest_path} bytes")


def probe(folder: Path) -> None:
    """Create, write and remove a small hidden file in ``folder`` (OSError if it cannot)."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".relu-anim-probe-")
    try:
        os.write(fd, bytes(PROBE_BYTES))
    finally:
        os.close(fd)
        os.unlink(name)


def umask() -> int:
    """The process's umask: the permission bits new files and folders do not get.
    Files made through ``tempfile`` (mode 0600) are given ``0o666 & ~umask()`` before
    they take their final name, as a plainly created file would have."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
