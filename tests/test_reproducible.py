"""Reproducible renders: the same stage renders to the same bytes, run after run.

Before x264's macroblock tree was turned off (relu_anim/media/__init__.py,
``MANIM_ENCODER``), one render of ``swap`` at -q l in two or three differed from the
others (x264 read memory it never wrote, at the end of each animation's segment).
Two renders in one process meet a heap in two different states, which is what made
the bytes differ. Rendering every stage twice at -q l takes about four minutes of CPU,
beyond the suite's budget: the suite renders ``swap`` (where it showed) twice at -q l,
and ``benchmarks/reproducible.py`` renders every stage several times.
"""

from __future__ import annotations

import hashlib

from relu_anim.render import render_stage_files


def digests(folder) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir()) if path.is_file()
    }


def test_swap_renders_to_the_same_bytes_twice_at_480p(tmp_path):
    runs = []
    for index in range(2):
        folder = tmp_path / str(index)
        render_stage_files("swap", folder, quality="l")
        runs.append(digests(folder))
    assert set(runs[0]) == {"swap.mp4", "swap.srt", "swap.vtt", "swap.poster.png"}
    assert runs[0] == runs[1]
