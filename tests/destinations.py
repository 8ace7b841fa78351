"""Destinations that cannot be written, made for real: each test gets its own.

- ``unwritable``: a folder under ``/proc``, where nothing can be created (root included);
- ``read-only``: a folder on a read-only tmpfs (mounted when the tests run as root, who
  ignores file permissions), else a folder with its write permission removed;
- ``file-in-the-way``: a path under an ordinary file;
- ``full``: a folder on a 64 KiB tmpfs filled to the last block (root only: a user
  cannot mount; those tests skip, saying so).
"""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

KINDS = ("unwritable", "read-only", "file-in-the-way", "full")
ROOT = os.geteuid() == 0


def mount_tmpfs(path: Path, options: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"cannot mount a tmpfs at {path}: {done.stderr.strip()}")


def fill(folder: Path) -> None:
    """Write into ``folder`` until its file system has no block left."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def bad_folder(kind: str, path: Path, *, size: str = "64k", before_full=None):
    """Make ``path`` a destination of the given kind and yield the folder a command
    should be refused: ``path`` itself, or for "unwritable" a folder under ``/proc``.
    "file-in-the-way" makes ``path`` a file. ``before_full(path)`` runs on a full
    destination's file system while it still has ``size`` free."""
    mounted = None
    try:
        if kind == "unwritable":
            yield Path("/proc/relu-anim-test")
        elif kind == "file-in-the-way":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("not a folder\n")
            yield path
        elif kind == "read-only" and not ROOT:
            path.mkdir(parents=True)
            path.chmod(0o555)
            yield path
        else:
            if not ROOT:
                pytest.skip("a full disk is a tiny tmpfs, and mounting one needs root")
            mount_tmpfs(path, f"{'ro,' if kind == 'read-only' else ''}size={size}")
            mounted = path
            if kind == "full":
                if before_full is not None:
                    before_full(path)
                fill(path)
            yield path
    finally:
        if mounted is not None:
            subprocess.run(["umount", "-l", str(mounted)], capture_output=True)
        elif kind == "read-only" and path.exists():
            path.chmod(0o755)


@contextmanager
def destination(kind: str, tmp_path: Path):
    """A folder that a command must refuse to write to: on a bad file system, or (for
    "file-in-the-way") under an ordinary file; it does not exist yet."""
    with bad_folder(kind, tmp_path / "bad") as bad:
        yield bad / "out"
