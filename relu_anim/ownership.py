"""What relu-anim can prove it wrote, and so may replace or remove (no Manim).

relu-anim replaces or deletes a file or folder only when a record of its own lists it,
never because of the pattern of a name. Two kinds of record:

- **A folder's mark** (``lecture.json`` in a lecture package, ``explore.json`` in an
  explorer folder): JSON with ``"generator": "relu-anim ..."`` and ``"sha256"``, the
  hash of every other file in the folder by its relative path. :func:`first_stranger`
  names the first file that mark does not prove ours (not listed, or changed since);
  :func:`write_whole` builds a folder beside its destination and swaps it in only
  when every file of the old one is proven ours.
- **A claim** (:class:`Claim`): a small record made *before* a temporary file or
  folder (a half-written ``.part``, a job folder in ``media/.work``, a package being
  built), beside it, named as it is plus ``.claim``; removed after it. Its maker holds
  a lock on it while it runs, so :func:`abandoned` (what ``relu-anim clean`` removes)
  finds only what a killed process left, never what a running one is writing: renders
  into one media folder side by side each keep their own claims, no shared journal.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from . import __version__
from .destination import DestinationError, check_folder, umask

__all__ = [
    "CLAIM_SUFFIX",
    "Claim",
    "abandoned",
    "check_replaceable",
    "first_stranger",
    "folder_hashes",
    "mark_of",
    "write_whole",
]

GENERATOR = "relu-anim "  # how every record of ours begins its "generator"
CLAIM_SUFFIX = ".claim"  # a claim's name: the claimed path's name and this
LARGEST_CLAIM = 4096  # bytes; a claim is a line of JSON, a larger file is not one of ours


def sha256_of(path: Path | str) -> str:
    """A file's sha256 (read in blocks of 1 MiB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- a folder's mark ---------------------------------------------------------------------


def folder_hashes(folder: Path, mark: str) -> dict[str, str]:
    """Every file under ``folder`` but the mark, by relative path (``videos/a.mp4``): its sha256."""
    return {
        path.relative_to(folder).as_posix(): sha256_of(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() != mark
    }


def mark_of(hashes: dict[str, str], **fields) -> str:
    """A mark's text: the generator, ``fields`` and ``hashes`` (from :func:`folder_hashes`)."""
    return json.dumps({"generator": f"relu-anim {__version__}", **fields, "sha256": hashes}, indent=2) + "\n"


def _read_mark(path: Path) -> dict[str, str] | None:
    """The hashes a mark of ours lists, or None (missing, not JSON, not ours, no hashes)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or not str(document.get("generator", "")).startswith(GENERATOR):
        return None
    hashes = document.get("sha256")
    if not isinstance(hashes, dict) or not all(isinstance(v, str) for v in hashes.values()):
        return None
    return hashes


def first_stranger(folder: Path, mark: str) -> str | None:
    """None when every file in ``folder`` is one relu-anim wrote there (an empty folder
    included); else a phrase naming the first that is not, in sorted order: the mark
    if it is not ours (or lists no hashes: written before marks had them), a file or
    folder the mark does not list, a link, or a file whose content is not the hash listed."""
    entries = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    if not entries:
        return None
    listed = _read_mark(folder / mark)
    if listed is None:
        if (folder / mark).exists():
            return f"{mark} is not a record relu-anim wrote (or one without the hashes of its files)"
        return f"{entries[0]} is not a file relu-anim wrote"
    folders = {parent.as_posix() for name in listed for parent in Path(name).parents}
    for name in entries:
        path = folder / name
        if name == mark:
            continue
        if path.is_symlink():
            return f"{name} is a link relu-anim did not make"
        if path.is_dir():
            if name not in folders:
                return f"{name}/ is not a folder relu-anim wrote"
        elif name not in listed:
            return f"{name} is not a file relu-anim wrote"
        elif not path.is_file() or sha256_of(path) != listed[name]:
            return f"{name} has changed since relu-anim wrote it"
    return None


def check_replaceable(out: Path, mark: str) -> None:
    """:class:`DestinationError` (one line) unless :func:`write_whole` may put a folder
    at ``out``: it does not exist, or is a folder whose files are all proven ours by
    its ``mark`` (:func:`first_stranger`), and its parent can be written (checked
    before any work: the folder is built beside ``out``)."""
    try:
        check_folder(out.parent, "folder")
        check_folder(out, "folder")  # its own name too, before anything asks whether it exists
    except DestinationError as error:
        raise DestinationError(f"--out {out}: {error}") from None
    stranger = first_stranger(out, mark) if out.is_dir() else None
    if stranger is not None:
        raise DestinationError(f"--out {out}: {stranger}; nothing removed (choose a new or empty folder)")


def write_whole(out: Path, mark: str, fill: Callable[[Path], None]) -> Path:
    """Build a folder with ``fill(folder)`` beside ``out`` (a claimed ``.<out>.*.part``)
    and put it at ``out`` in one rename; the folder that was there goes only if every
    file in it is proven ours (checked again after it is moved aside, so that a file
    added since :func:`check_replaceable` stops it too: :class:`DestinationError`).
    Folders made above ``out`` are removed again if it fails; OSError as raised."""
    made = _make_parents(out.parent)
    try:
        with Claim(out.parent, f".{out.name}.", ".part", folder=True) as tmp:
            fill(tmp)
            os.chmod(tmp, 0o777 & ~umask())
            _swap_in(tmp, out, mark)
    except BaseException:
        _remove_made(made)
        raise
    return out


def _make_parents(folder: Path) -> list[Path]:
    """Make ``folder`` and the folders above it that are missing; returns those made, top first."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made = []
    try:
        for path in reversed(missing):
            path.mkdir()
            made.append(path)
    except BaseException:
        _remove_made(made)
        raise
    return made


def _remove_made(made: list[Path]) -> None:
    """Remove the folders :func:`_make_parents` made (top first), deepest first, if still empty."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            path.rmdir()


def _swap_in(tmp: Path, out: Path, mark: str) -> None:
    """Put the finished folder ``tmp`` at ``out``; the old one, proven ours, goes after."""
    if not out.exists():
        os.rename(tmp, out)
        return
    with Claim(out.parent, f".{out.name}.", ".old", folder=True) as old:
        os.rename(out, old / "package")
        stranger = first_stranger(old / "package", mark)
        if stranger is not None:
            os.rename(old / "package", out)  # put it back, untouched
            raise DestinationError(f"--out {out}: {stranger}; nothing removed (choose a new or empty folder)")
        try:
            os.rename(tmp, out)
        except OSError:
            os.rename(old / "package", out)
            raise


# -- claims ------------------------------------------------------------------------------


class Claim:
    """A new temporary file (or folder: ``folder=True``) in ``parent``, named ``prefix``,
    random letters and ``suffix``, with its claim beside it. The claim is made first,
    locked, then written (so a claim with content is locked for as long as its maker
    lives), and then the path itself. :meth:`release` removes the path if it is still
    there (a caller that renamed it away keeps it), then the claim."""

    def __init__(self, parent: Path | str, prefix: str, suffix: str, *, folder: bool = False) -> None:
        fd, record = tempfile.mkstemp(dir=parent, prefix=prefix, suffix=suffix + CLAIM_SUFFIX)
        self.record, self.path, self.folder, self._fd = Path(record), Path(record[: -len(CLAIM_SUFFIX)]), folder, fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, json.dumps(self._text()).encode() + b"\n")
            if folder:
                os.mkdir(self.path, 0o700)
            else:
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except BaseException:
            self._fd = None
            os.close(fd)
            self.record.unlink(missing_ok=True)
            raise

    def _text(self) -> dict:
        kind = "folder" if self.folder else "file"
        return {"generator": f"relu-anim {__version__}", "claims": self.path.name, "kind": kind, "pid": os.getpid()}

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _remove(self.path)
            self.record.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc) -> None:
        self.release()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _claimed(record: Path) -> Path | None:
    """The path a claim of ours names, if ``record`` is one: JSON with our generator,
    naming exactly the path it is beside, as the kind it was made (a file or a folder,
    or gone). None for anything else."""
    try:
        if record.is_symlink() or not record.is_file() or record.stat().st_size > LARGEST_CLAIM:
            return None
        document = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or not str(document.get("generator", "")).startswith(GENERATOR):
        return None
    path = record.with_name(str(document.get("claims")))
    if document.get("claims") is None or path.name + CLAIM_SUFFIX != record.name:
        return None
    folder = document.get("kind") == "folder"
    if os.path.lexists(path) and (path.is_symlink() or path.is_dir() != folder):
        return None
    return path


def _held(record: Path) -> bool:
    """True while the claim's maker is alive (it holds the lock)."""
    try:
        fd = os.open(record, os.O_RDONLY)
    except OSError:
        return True  # cannot tell: keep it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # EWOULDBLOCK: its maker holds it; anything else: cannot tell, keep it
        return True
    finally:
        os.close(fd)
    return False


def claims(folder: Path) -> Iterator[tuple[Path, Path]]:
    """``(claim, claimed path)`` for every claim of ours in ``folder``, held or not."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for record in sorted(folder.glob(f"*{CLAIM_SUFFIX}")):  # where to look; the content proves
        path = _claimed(record)
        if path is not None:
            yield record, path


def abandoned(folder: Path) -> list[Path]:
    """What killed processes left in ``folder`` under a claim of ours nobody holds: the
    claimed file or folder (if still there) and the claim, in that order."""
    found = []
    for record, path in claims(folder):
        if not _held(record):
            found += [*([path] if os.path.lexists(path) else []), record]
    return found


def remove(paths: list[Path]) -> None:
    """Remove ``paths`` (files, links, or folders with all they hold), in order."""
    for path in paths:
        _remove(path)
