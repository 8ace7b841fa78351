"""Lessons: the network a lesson fits, the network it recaps, the data and the names.

The storyboard's two networks ship as network files (``networks/part3.toml`` and
``networks/part1.toml``), with two more for "more nodes, more bends" (``one-node``: what
one bend can and cannot fit; ``two-bumps``: four nodes, two bumps); :func:`preset` reads them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .files import FileError, Names, NetworkFile, read_network_file
from .network import DataSet, ModelError, Network

PRESET_NAMES = ("part3", "part1", "one-node", "two-bumps")
DEFAULT_PRESET = "part3"
RECAP_PRESET = "part1"  # the recap stage always recaps Part 1 (see README, "Your own network")


@functools.cache
def preset_file(name: str = DEFAULT_PRESET) -> NetworkFile:
    """A built-in network file, read from the package's ``networks/`` folder."""
    if name not in PRESET_NAMES:
        raise ModelError(f"unknown network {name!r}; choose one of: {', '.join(PRESET_NAMES)}, or give a file")
    with resources.as_file(resources.files(__package__) / "networks" / f"{name}.toml") as path:
        return read_network_file(path)


def preset(name: str = DEFAULT_PRESET) -> Network:
    """A built-in network: ``"part3"`` (ReLU, default), ``"part1"`` (softplus), ``"one-node"``
    or ``"two-bumps"`` (ReLU, one and four hidden nodes)."""
    return preset_file(name).network


class _Presets(dict):
    """``PRESETS["part3"]``: the preset networks by name, read on first use."""

    def __missing__(self, name: str) -> Network:
        self[name] = network = preset(name)
        return network

    def __iter__(self):
        return iter(PRESET_NAMES)

    def __len__(self) -> int:
        return len(PRESET_NAMES)

    def __contains__(self, name) -> bool:
        return name in PRESET_NAMES


PRESETS: dict[str, Network] = _Presets()


@dataclass(frozen=True)
class Lesson:
    """Everything a lesson's scenes read: the network it fits and its data, the network
    it recaps and that one's data, and what things are called. Scenes take their
    numbers from here and nowhere else."""

    network: Network
    recap: Network
    data: DataSet = None  # type: ignore[assignment]  # default: the storyboard's data
    recap_data: DataSet = None  # type: ignore[assignment]
    names: Names = Names()
    recap_names: Names = None  # type: ignore[assignment]  # default: Part 1's names

    def __post_init__(self) -> None:
        if self.data is None:
            object.__setattr__(self, "data", preset_file(DEFAULT_PRESET).data)
        if self.recap_data is None:
            object.__setattr__(self, "recap_data", preset_file(RECAP_PRESET).data)
        if self.recap_names is None:
            object.__setattr__(self, "recap_names", preset_file(RECAP_PRESET).names)

    @property
    def name(self) -> str:
        return self.network.name

    @property
    def is_default(self) -> bool:
        return self.network == preset(DEFAULT_PRESET) and self.name == DEFAULT_PRESET

    @classmethod
    def from_file(cls, contents: NetworkFile) -> Lesson:
        """The lesson for a network file; the recap is always Part 1's network and data."""
        recap = preset_file(RECAP_PRESET)
        return cls(contents.network, recap.network, contents.data, recap.data, contents.names, recap.names)


def default_lesson() -> Lesson:
    """StatQuest's Part 3 lesson: the ReLU network, recapping Part 1's softplus one."""
    return Lesson.from_file(preset_file(DEFAULT_PRESET))


def load_lesson(spec: str | Path) -> Lesson:
    """The lesson for a preset name (``"part3"``, ``"part1"``, ...) or a network file's path."""
    if str(spec) in PRESET_NAMES:
        return Lesson.from_file(preset_file(str(spec)))
    path = Path(spec)
    if path.suffix.lower() != ".toml" and not path.exists():
        raise FileError(f"unknown network {str(spec)!r}: give {' or '.join(PRESET_NAMES)}, or a network file (.toml)")
    contents = read_network_file(path)
    name = contents.network.name
    if name in PRESET_NAMES and contents.network != preset(name):
        raise FileError(
            f"{path}: name: {name!r} is a built-in network's name; give yours another (it names the output folder)"
        )
    return Lesson.from_file(contents)
