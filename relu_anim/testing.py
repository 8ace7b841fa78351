"""Snapshot tests of frame data: a pytest plugin, installed with relu-anim.

pytest finds it through the ``pytest11`` entry point, so a suite needs nothing but the
fixture::

    from relu_anim.scene import LessonScene

    class MyScene(LessonScene):
        def construct(self): ...

    def test_my_scene(frame_snapshot):
        frame_snapshot(MyScene)          # or a stage of the lesson: frame_snapshot("wedge")

The first run (or ``pytest --snapshot-update``) writes ``snapshots/<scene>/`` beside the
test file: ``frames.json`` (see :mod:`relu_anim.frames`) and one small PNG per moment.
Later runs play the scene again and compare:

- the structured data exactly (numbers are rounded when captured; see
  :data:`relu_anim.frames.PRECISION`);
- the pictures with a tolerance: a pixel differs when one of its channels moves by more
  than ``--snapshot-pixel-threshold`` (default 32 of 255), and a moment fails when more
  than ``--snapshot-pixel-fraction`` of its pixels differ (default 0.002, i.e. 0.2%).

A failure names the scene, the moment (its time and caption) and what changed::

    wedge @ 50.04s "The shifted wedge, to scale...": plot: dot[medium].y 1.01 -> 0.99

and writes ``<moment>.diff.png`` beside the snapshot: expected, actual, and the
differing pixels in magenta.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .theme import DEFAULT_THEME

PIXEL_THRESHOLD = 32
PIXEL_FRACTION = 0.002
MAX_LINES = 12  # differences listed per failure; the rest are counted


# -- comparing ----------------------------------------------------------------------------


@dataclass
class Comparison:
    """The outcome of comparing frame data with a snapshot folder."""

    scene: str
    differences: list[str] = field(default_factory=list)  # one readable line each
    diff_images: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences

    def report(self) -> str:
        shown = self.differences[:MAX_LINES]
        more = len(self.differences) - len(shown)
        lines = [*shown, *([f"... and {more} more differences"] if more else [])]
        lines += [f"diff image: {path}" for path in self.diff_images]
        return "\n".join(lines)


def compare_frames(
    frames,
    folder: Path | str,
    *,
    diff_dir: Path | str | None = None,
    pixel_threshold: int = PIXEL_THRESHOLD,
    pixel_fraction: float = PIXEL_FRACTION,
) -> Comparison:
    """Compare :class:`~relu_anim.frames.Frames` with the snapshot in ``folder``.

    Diff images go to ``diff_dir`` (default: ``folder``), one per moment whose picture
    differs. Nothing in ``folder`` is changed otherwise.
    """
    folder = Path(folder)
    result = Comparison(frames.scene_name)
    expected = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    actual = json.loads(frames.dumps())
    old_moments, new_moments = expected["moments"], actual["moments"]
    if len(old_moments) != len(new_moments):
        result.differences.append(
            f"{frames.scene_name}: {len(old_moments)} moments -> {len(new_moments)} "
            f"(beats: {_labels(old_moments)} -> {_labels(new_moments)})"
        )
    if abs(expected["duration"] - actual["duration"]) > 1e-9:
        result.differences.append(f"{frames.scene_name}: lasts {expected['duration']}s -> {actual['duration']}s")
    for old, new, moment in zip(old_moments, new_moments, frames.moments):
        where = f"{frames.scene_name} @ {new['time']:.2f}s {_quote(new['caption'] or new['label'])}"
        for line in _diff_moment(old, new):
            if f"{where}: {line}" not in result.differences:  # the end often repeats the last beat
                result.differences.append(f"{where}: {line}")
        png = folder / old["png"]
        if moment.frame is None or not png.exists():
            continue
        changed = _pixel_change(png, moment.frame, pixel_threshold)
        if changed > pixel_fraction:
            target = Path(diff_dir or folder) / (Path(old["png"]).stem + ".diff.png")
            write_diff_image(png, moment.frame, target, pixel_threshold)
            result.diff_images.append(target)
            line = f"{where}: {changed:.2%} of the picture's pixels differ"
            if line not in result.differences:
                result.differences.append(line)
    return result


def _labels(moments: list[dict]) -> str:
    return ", ".join(m["label"] for m in moments)


def _quote(caption: str, width: int = 40) -> str:
    return '"' + (caption if len(caption) <= width else caption[: width - 3].rstrip() + "...") + '"'


def _diff_moment(old: dict, new: dict) -> Iterator[str]:
    if old["label"] != new["label"] or old["time"] != new["time"]:
        yield f"moment {old['label']} at {old['time']}s -> {new['label']} at {new['time']}s"
    if old["caption"] != new["caption"]:
        yield f"caption {_quote(old['caption'], 60)} -> {_quote(new['caption'], 60)}"
    sections = [k for k in old if isinstance(old[k], dict)] + [
        k for k in new if isinstance(new[k], dict) and k not in old
    ]
    for section in sections:  # graphs, diagrams, texts; axes, curves, shapes, trackers, camera...
        for path, a, b in _diff(old.get(section, {}), new.get(section, {}), ()):
            yield _describe_change(section, path, a, b)


_MISSING = object()


def _diff(a, b, path: tuple) -> Iterator[tuple[tuple, object, object]]:
    """(path, old, new) for every difference; lists of numbers as one change each."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            yield from _diff(a.get(key, _MISSING), b.get(key, _MISSING), (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and a != b and _numbers(a):
        changed = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        yield (*path, changed), a, b
    elif a != b:
        yield path, a, b


def _numbers(values: list) -> bool:
    return all(isinstance(v, (int, float)) for v in values)


def _describe_change(section: str, path: tuple, old, new) -> str:
    if isinstance(path[-1], list):  # indices into a list of numbers
        indices, path = path[-1], path[:-1]
        i = max(indices, key=lambda k: abs(new[k] - old[k]))  # the largest change
        more = f" (the largest of {len(indices)} changes)" if len(indices) > 1 else ""
        return f"{_where(section, path)}[{i}] {_show(old[i])} -> {_show(new[i])}{more}"
    if old is _MISSING:
        return f"{_where(section, path)} appeared: {_show(new)}"
    if new is _MISSING:
        return f"{_where(section, path)} disappeared (was {_show(old)})"
    return f"{_where(section, path)} {_show(old)} -> {_show(new)}"


def _where(section: str, path: tuple) -> str:
    if section == "graphs" and len(path) >= 3 and path[1] == "marks":
        return f"{path[0]}: {'.'.join(map(str, path[2:]))}"
    if section == "graphs":
        return f"{path[0]}: {'.'.join(map(str, path[1:]))}" if len(path) > 1 else f"graph {path[0]}"
    if section == "texts":
        return f"text {_quote(str(path[0]))}" + ("." + ".".join(map(str, path[1:])) if len(path) > 1 else "")
    if section == "diagrams":
        return ".".join(map(str, path))
    # axes, curves, shapes, trackers, mobjects, camera: "shapes: VGroup/Circle#2.fill"
    return f"{section}: {'.'.join(map(str, path))}"


def _show(value) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{k}={_show(v)}" for k, v in value.items() if not isinstance(v, (list, dict)))
        return "{" + inner + "}"
    if isinstance(value, list):
        return f"[{len(value)} values]" if len(value) > 4 else "(" + ", ".join(_show(v) for v in value) + ")"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


def _load_rgba(path: Path):
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA"))


def _pixel_change(expected_png: Path, frame, threshold: int) -> float:
    """The fraction of pixels where some channel differs by more than ``threshold``."""
    import numpy as np

    expected = _load_rgba(expected_png)
    if expected.shape != frame.shape:
        return 1.0
    delta = np.abs(expected.astype(np.int16) - frame.astype(np.int16)).max(axis=-1)
    return float((delta > threshold).mean())


def write_diff_image(expected_png: Path, frame, target: Path, threshold: int = PIXEL_THRESHOLD) -> Path:
    """Expected | actual | the two overlaid, with differing pixels in magenta."""
    import numpy as np
    from PIL import Image

    from .render import staged

    expected = _load_rgba(expected_png)
    if expected.shape != frame.shape:
        expected = np.asarray(Image.fromarray(expected).resize((frame.shape[1], frame.shape[0])))
    delta = np.abs(expected.astype(np.int16) - frame.astype(np.int16)).max(axis=-1) > threshold
    overlay = (expected.astype(np.uint16) + frame) // 2
    overlay = overlay.astype(np.uint8)
    overlay[delta] = (255, 0, 255, 255)
    gap = np.full((frame.shape[0], 6, 4), 255, dtype=np.uint8)
    sheet = np.concatenate([expected, gap, frame, gap, overlay], axis=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged(target) as tmp:
        Image.fromarray(sheet).save(tmp, format="PNG")
    return target


def write_snapshot(frames, folder: Path | str) -> list[Path]:
    """Write (or replace) the snapshot in ``folder``: frames.json and its PNGs only."""
    folder = Path(folder)
    if folder.exists():
        for old in folder.glob("*.png"):
            old.unlink()
    return frames.write(folder)


def clear_diffs(folder: Path) -> None:
    for old in folder.glob("*.diff.png"):
        old.unlink()


# -- the pytest plugin ------------------------------------------------------------------


def pytest_addoption(parser) -> None:
    group = parser.getgroup("relu-anim", "relu-anim frame snapshots")
    group.addoption(
        "--snapshot-update",
        action="store_true",
        default=False,
        help="Write or refresh frame snapshots instead of comparing with them.",
    )
    group.addoption(
        "--snapshot-pixel-threshold",
        type=int,
        default=PIXEL_THRESHOLD,
        help=f"A pixel differs when a channel moves by more than this (0-255; default {PIXEL_THRESHOLD}).",
    )
    group.addoption(
        "--snapshot-pixel-fraction",
        type=float,
        default=PIXEL_FRACTION,
        help=f"A moment fails when more than this fraction of pixels differ (default {PIXEL_FRACTION}).",
    )


@pytest.fixture
def frame_snapshot(request):
    """``frame_snapshot(scene, at=None, theme="light", lesson=None)``: play ``scene`` (a
    ``LessonScene`` subclass or a stage name; or pass frame data already captured with
    :func:`relu_anim.frames.capture_frames`), compare its frame data with
    ``snapshots/<scene>/`` beside the test file, and return the
    :class:`~relu_anim.frames.Frames`. With ``--snapshot-update`` the snapshot is
    written instead. ``name=`` overrides the folder's name."""
    config = request.config
    update = config.getoption("--snapshot-update")
    root = Path(request.path).parent / "snapshots"

    def check(scene, at=None, *, theme: str = DEFAULT_THEME, lesson=None, name: str | None = None):
        from .frames import FRAME_QUALITY, Frames, capture_frames
        from .play import Play

        play = Play.of(FRAME_QUALITY, theme, lesson=lesson)
        frames = scene if isinstance(scene, Frames) else capture_frames(scene, at, play=play)
        folder = root / (name or frames.scene_name)
        if update:
            if folder.exists():
                clear_diffs(folder)
            write_snapshot(frames, folder)
            return frames
        if not (folder / "frames.json").exists():
            pytest.fail(
                f"{frames.scene_name}: no snapshot in {folder}; run pytest --snapshot-update to write it", pytrace=False
            )
        clear_diffs(folder)
        result = compare_frames(
            frames,
            folder,
            pixel_threshold=config.getoption("--snapshot-pixel-threshold"),
            pixel_fraction=config.getoption("--snapshot-pixel-fraction"),
        )
        if not result.ok:
            pytest.fail(
                f"frame data of {frames.scene_name} differs from {folder} "
                f"(if the change is meant, run pytest --snapshot-update):\n{result.report()}",
                pytrace=False,
            )
        return frames

    return check


__all__ = ["Comparison", "compare_frames", "frame_snapshot", "write_diff_image", "write_snapshot"]
