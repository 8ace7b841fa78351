"""A format added in one place: ``python -m tests.extra_format ARGS`` runs relu-anim's
CLI with the two tiny stages (tests/batch_stages.py) and one more format, ``mkv``:
Manim's H.264 packets copied into Matroska, narrated in Opus, joined into a lesson. It
is added to the registry (:data:`relu_anim.media.FORMATS`) and nowhere else.

The spawned render workers import this module as ``__mp_main__`` and so add it too, as
every process reads the registry. The tests never import this module themselves: that
would add the format to their own process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from relu_anim.media import FORMATS, Format

MKV = Format(
    "mkv",
    ".mkv",
    video=True,
    joinable=True,
    encoder={"container": "matroska", "copy": "packets"},
    audio={"codec": "libopus", "format": "flt", "bit_rate": 48_000, "options": {}},
    make="tests.extra_format:to_mkv",
    description="Matroska",
)


def to_mkv(source: Path, dest: Path) -> None:
    """Manim's MP4 as Matroska: its packets copied (``join`` of one video)."""
    from relu_anim.media.video import join

    join([source], dest)


if __name__ in ("__main__", "__mp_main__"):
    FORMATS[MKV.name] = MKV

if __name__ == "__main__":
    from relu_anim.cli import main
    from relu_anim.stages import use_stages

    from .batch_stages import TINY

    with use_stages(TINY):
        main(sys.argv[1:], prog_name="relu-anim")
