"""One interface for the parts of the lecture package: a :class:`Writer` writes its files
(:attr:`Writer.writes`) into the package's folder from the package's contents (a
:class:`relu_anim.lecture.Lecture`).

The package's writers are one registry, :data:`relu_anim.lecture.WRITERS`, which
:func:`relu_anim.lecture.write_package` runs in order: adding a part to the package is a
writer and its line there. Nothing here imports the writers' own libraries (python-pptx).
"""

from __future__ import annotations

import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

ASSETS = "assets"  # the package's folder of static files (package data: static/)


class Writer(ABC):
    """One part of the lecture package."""

    #: What it writes, relative to the package's folder (``assets/lecture.css``).
    writes: tuple[str, ...] = ()

    @abstractmethod
    def write(self, lecture, folder: Path) -> None:
        """Write the part into ``folder``: the package being built, a temporary folder
        swapped in whole once every part is written (an error leaves the old package)."""


def copy_assets(names: Iterable[str], folder: Path) -> None:
    """Copy the static files ``names`` (package data, ``static/``) into ``folder/assets``."""
    (folder / ASSETS).mkdir(exist_ok=True)
    for name in names:
        source = files(__package__).joinpath("static", name)
        with source.open("rb") as data, open(folder / ASSETS / name, "wb") as out:
            shutil.copyfileobj(data, out)
