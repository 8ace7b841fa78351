"""Frame data: what the viewer sees at chosen moments of a scene, as data and small PNGs.

A scene is played with Manim's animations skipped (no video is encoded), stopping at
the end of every beat, at the last frame, and at any moment asked for. At each moment
a :func:`describe` record lists, in plain JSON types:

- ``graphs``: every graph on screen, by name (``plot``, ``relu``...): its kind, axis
  ranges, titles and tick numbers, and its ``marks`` (curves, dots, bars) by name, in
  data coordinates, with their colours and opacities;
- ``diagrams``: every network diagram on screen: which connections are highlighted,
  each connection's colour and width, the activation drawn in each node;
- ``texts``: every other text and equation on screen, keyed by what it says, with its
  centre and ``size`` (the height of a capital letter at its font size) in scene units,
  its colour and opacity;
- ``content``: the box ``[left, bottom, right, top]`` around everything drawn, in scene
  units (what the composition rules measure).

Numbers are rounded to a stated precision (:data:`PRECISION`) so that records compare
exactly and read well. Mark names follow one rule: curves are named by their colour's
role in the theme (``curve[top]``, ``curve[output]``), dots and bars by where they stand
(``dot[medium]`` on a dosage plot's labelled dosages, else ``dot[0.20]``); a second
mark of the same name gets ``#2``.

Nothing here pickles: records are JSON, frames are PNG.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import math
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .model import Lesson
from .render import SEED, staged
from .stages import CARDS, STAGES, Stage, get_stage
from .theme import use_theme
from .voice import use_voice

#: Decimals kept: data coordinates, scene units (positions, sizes), opacities, widths.
PRECISION = {"data": 4, "scene": 2, "opacity": 2, "width": 1}
#: The size of the PNG kept for every moment: small, but big enough to see a layout.
FRAME_SIZE = (384, 216)
END = "end"


class FramesError(ValueError):
    """A moment that is not in the scene, or a scene that cannot be played."""


@dataclass
class Moment:
    """One sampled moment: its record and its frame (an (H, W, 4) RGBA array)."""

    time: float
    label: str  # "beat 3", "end", "at 12.5s"
    record: dict
    frame: np.ndarray | None = None
    caption: str = ""


@dataclass
class Frames:
    """A scene's frame data: every moment asked for, in time order."""

    scene_name: str
    duration: float
    moments: list[Moment]
    scene: object = field(repr=False, default=None)  # the played scene, for inspection in tests

    def to_json(self) -> dict:
        return {
            "scene": self.scene_name,
            "duration": _round(self.duration, 3),
            "precision": PRECISION,
            "frame_size": list(FRAME_SIZE),
            "moments": [
                {"time": _round(m.time, 3), "label": m.label, "caption": m.caption, "png": png_name(i, m), **m.record}
                for i, m in enumerate(self.moments)
            ],
        }

    def dumps(self) -> str:
        """The frame data as JSON text: sorted keys, so equal data gives equal bytes."""
        return json.dumps(self.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def write(self, folder: Path | str) -> list[Path]:
        """Write ``frames.json`` and one PNG per moment into ``folder``; return the paths."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, moment in enumerate(self.moments):
            if moment.frame is not None:
                paths.append(save_png(moment.frame, folder / png_name(i, moment)))
        target = folder / "frames.json"
        with staged(target) as tmp:
            tmp.write_text(self.dumps(), encoding="utf-8")
        return [target, *paths]


def png_name(index: int, moment: Moment) -> str:
    return f"{index:02d}-{moment.time:07.2f}s.png"


def scene_name(scene: type | Stage | str) -> str:
    """A stage's name, or a scene class's name in kebab case (``MyScene`` -> ``my-scene``)."""
    if isinstance(scene, str):
        return get_stage(scene).name
    if isinstance(scene, Stage):
        return scene.name
    for stage in (*STAGES, *CARDS):
        if stage.plays(scene):
            return stage.name
    return re.sub(r"(?<!^)(?=[A-Z])", "-", scene.__name__).lower()


# -- capturing -----------------------------------------------------------------------


def capture_frames(
    scene: type | Stage | str,
    at: Iterable[float | str] | None = None,
    *,
    theme: str = "light",
    lesson: Lesson | None = None,
    frames: bool = True,
    size: tuple[int, int] = FRAME_SIZE,
    whole: bool = True,
    voice: str | None = None,
    media_dir: Path | str | None = None,
) -> Frames:
    """Play ``scene`` (a stage name, a :class:`Stage` or a ``LessonScene`` subclass)
    without encoding, and return its frame data.

    ``at`` lists moments in seconds, or ``"end"``; by default, the end of every beat and
    the last frame. A moment past the scene's end raises :class:`FramesError`.
    ``frames=False`` skips drawing the PNG frames (faster). ``whole=False`` stops
    playing once the last time in ``at`` is taken (not with ``"end"``): the opening of a
    scene costs little then, and ``duration`` runs to the end of the animation it stopped in.
    ``voice`` times the beats to its narration (:mod:`relu_anim.voice`; default silent),
    its clips cached under ``media_dir``.
    """
    from manim import tempconfig

    name = scene_name(scene)
    scene_class = scene.load() if isinstance(scene, Stage) else get_stage(scene).load() if isinstance(scene, str) else scene
    asked = None if at is None else [m for m in at]
    times = sorted({float(m) for m in asked or () if m != END})
    for t in times:
        if not math.isfinite(t) or t < 0:
            raise FramesError(f"{t!r} is not a time in the scene")
    recorder = _Recorder(times, beats=asked is None, end=asked is None or END in asked, frames=frames)
    recorder.stop_early = not whole and not recorder.end and not recorder.beats
    settings = {
        "pixel_width": size[0], "pixel_height": size[1], "frame_rate": 15, "format": "none", "seed": SEED,
        "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True,
    }  # fmt: skip
    with use_theme(theme), use_voice(voice, media_dir), tempconfig({**settings, "media_dir": _private_media_dir()}):
        played = _recording(scene_class, recorder)(lesson=lesson, skip_animations=True)
        recorder.draw = played.renderer.update_frame
        played.renderer.update_frame = _no_drawing  # skipped animations draw nothing we keep
        try:
            played.render()
        except _Taken:
            pass
        duration = played.renderer.time
        recorder.finish(played)
        captions = getattr(played, "beat_captions", None) or [
            (c.start.total_seconds(), c.end.total_seconds(), c.content) for c in played.renderer.file_writer.subcaptions]  # fmt: skip
    late = [t for t in times if t > duration + 1e-9]
    if late:
        raise FramesError(f"{name} lasts {duration:.2f} s; {late[0]:g} s is past its end")
    moments = sorted(recorder.moments, key=lambda m: (m.time, m.label == END))
    for moment in moments:
        moment.caption = moment.caption or _caption_at(captions, moment.time)
    return Frames(name, duration, moments, played)


_MEDIA_DIR: str | None = None


def _private_media_dir() -> str:
    """This process's own Manim media folder, kept for the process's life: Manim caches
    text drawings there (reused by every capture), and two processes sharing one can
    read each other's half-written files."""
    global _MEDIA_DIR
    if _MEDIA_DIR is None:
        _MEDIA_DIR = tempfile.mkdtemp(prefix="relu-anim-frames-")
        atexit.register(shutil.rmtree, _MEDIA_DIR, ignore_errors=True)
    return _MEDIA_DIR


def _no_drawing(*_args, **_kwargs) -> None:
    pass


def _caption_at(captions: Sequence[tuple[float, float, str]], time: float) -> str:
    for start, end, text in captions:
        if start - 1e-9 <= time < end - 1e-9:
            return text
    return captions[-1][2] if captions and time >= captions[-1][1] - 1e-9 else ""


class _Taken(Exception):
    """Every moment asked for is taken: the rest of the scene need not play."""


class _Recorder:
    """Collects moments while a scene plays (see :func:`_recording`)."""

    stop_early = False

    def __init__(self, times: list[float], *, beats: bool, end: bool, frames: bool) -> None:
        self.pending, self.beats, self.end, self.frames = list(times), beats, end, frames
        self.moments: list[Moment] = []
        self.beat_count = 0
        self.draw = None  # the renderer's update_frame: draws the scene for a kept frame

    def take(self, scene, time: float, label: str, caption: str = "") -> None:
        scene.update_mobjects(0)
        frame = None
        if self.frames:
            scene.renderer.static_image = None  # draw everything afresh, on the background
            self.draw(scene)
            frame = scene.renderer.get_frame().copy()
        self.moments.append(Moment(time, label, describe(scene), frame, caption))

    def take_pending(self, scene, before: float) -> None:
        """Moments up to ``before`` not taken yet: the picture has not changed since."""
        while self.pending and self.pending[0] <= before + 1e-9:
            t = self.pending.pop(0)
            self.take(scene, t, f"at {t:g}s")
        self.stop_if_done()

    def stop_if_done(self) -> None:
        if self.stop_early and not self.pending:
            raise _Taken

    def during(self, scene, start: float, duration: float) -> None:
        """Moments strictly inside an animation: step the animation to each."""
        while self.pending and start - 1e-9 <= self.pending[0] < start + duration - 1e-9:
            t = self.pending.pop(0)
            scene.update_to_time(t - start)
            self.take(scene, t, f"at {t:g}s")
        self.stop_if_done()

    def beat_ended(self, scene, caption: str) -> None:
        self.beat_count += 1
        if self.beats:
            self.take(scene, scene.renderer.time, f"beat {self.beat_count}", caption)

    def finish(self, scene) -> None:
        self.stop_early = False  # the scene has played out: nothing left to skip
        self.take_pending(scene, scene.renderer.time)
        if self.end:
            self.take(scene, scene.renderer.time, END)


def _recording(scene_class: type, recorder: _Recorder) -> type:
    """A subclass of ``scene_class`` that stops for ``recorder`` at every moment."""

    class Recording(scene_class):
        def play(self, *args, **kwargs):
            recorder.take_pending(self, self.renderer.time)
            super().play(*args, **kwargs)

        def play_internal(self, skip_rendering: bool = False) -> None:
            duration = self.get_run_time(self.animations)
            recorder.during(self, self.renderer.time - duration, duration)
            super().play_internal(skip_rendering)

        if hasattr(scene_class, "beat"):

            @contextlib.contextmanager
            def beat(self, caption: str, hold: float = 0.0):
                with super().beat(caption, hold):
                    yield
                recorder.take_pending(self, self.renderer.time)
                recorder.beat_ended(self, self.say(caption) if hasattr(self, "say") else caption)  # as shown

    Recording.__name__ = scene_class.__name__
    Recording.__qualname__ = scene_class.__qualname__
    Recording.__module__ = scene_class.__module__
    return Recording


# -- describing what is on screen ----------------------------------------------------------


def describe(scene) -> dict:
    """What the viewer sees now: graphs and their marks, diagrams, texts (see module doc)."""
    from manim import Text

    from .components.diagram import NetworkDiagram
    from .components.equation import Equation
    from .components.graph import Graph, OnGraph

    graphs, marks, diagrams, texts = [], [], [], []
    seen: set[int] = set()

    def walk(mob) -> None:
        if id(mob) in seen:
            return
        seen.add(id(mob))
        if isinstance(mob, OnGraph):
            marks.append(mob)
            return
        if isinstance(mob, (Text, Equation)):
            texts.append(mob)
            return
        if isinstance(mob, Graph):
            graphs.append(mob)
            seen.update(id(m) for m in mob.axes.get_family())  # its ticks are in its record
            seen.update(id(m) for m in (*mob.x_title.get_family(), *mob.y_title.get_family()))
        elif isinstance(mob, NetworkDiagram):
            diagrams.append(mob)
        for sub in mob.submobjects:
            walk(sub)

    for top in scene.mobjects:
        walk(top)
    graphs = [g for g in graphs if _visible(g.axes)]
    names = _unique([_graph_name(g) for g in graphs])
    record_graphs = {name: _graph_record(g, [m for m in marks if m.graph is g]) for name, g in zip(names, graphs)}
    diagram_names = _unique(["diagram"] * len(diagrams))
    return {
        "graphs": record_graphs,
        "diagrams": {name: _diagram_record(d) for name, d in zip(diagram_names, diagrams) if _visible(d)},
        "texts": _texts_record([t for t in texts if _visible(t)]),
        "content": _content_box(scene.mobjects),
    }


def _content_box(mobjects: Sequence) -> list[float]:
    """``[left, bottom, right, top]`` of everything drawn (inside the frame), in scene
    units; ``[]`` for an empty frame. What the composition rules measure."""
    from manim import config

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    lows, highs = [], []
    for mob in mobjects:
        for leaf in mob.get_family():
            if len(leaf.points) and _drawn(leaf):
                lows.append(leaf.points[:, :2].min(axis=0))
                highs.append(leaf.points[:, :2].max(axis=0))
    if not lows:
        return []
    (left, bottom), (right, top) = np.min(lows, axis=0), np.max(highs, axis=0)
    box = (max(left, -half_w), max(bottom, -half_h), min(right, half_w), min(top, half_h))
    return [_round(v, PRECISION["scene"]) for v in box]


def _graph_name(graph) -> str:
    kind = type(graph).__name__
    return {"DosagePlot": "plot", "ActivationGraph": "activation"}.get(kind, "graph")


def _graph_record(graph, marks: list) -> dict:
    kinds = [_mark_kind(m) for m in marks]
    visible = [(m, k) for m, k in zip(marks, kinds) if k and _visible(m)]
    names = _unique([_mark_name(graph, m, k) for m, k in visible])
    return {
        "kind": type(graph).__name__,
        "x_range": [_round(v, PRECISION["data"]) for v in graph.x_range],
        "y_range": [_round(v, PRECISION["data"]) for v in graph.y_range],
        "titles": {axis: title for axis, title in graph.titles.items() if title},
        "ticks": {axis: labels for axis, labels in graph.tick_labels.items() if labels},
        "at": _point(graph.area.get_center()),
        "size": [_round(graph.area.width, PRECISION["scene"]), _round(graph.area.height, PRECISION["scene"])],
        "marks": {name: _mark_record(m, k) for name, (m, k) in zip(names, visible)},
    }


def _mark_kind(mark) -> str | None:
    from .components.graph import GraphBar, GraphCurve, GraphDot

    for cls, kind in ((GraphBar, "bar"), (GraphDot, "dot"), (GraphCurve, "curve")):
        if isinstance(mark, cls):
            return kind
    return None


def _mark_name(graph, mark, kind: str) -> str:
    if kind == "curve":
        return f"curve[{getattr(mark, 'what', '') or _role(mark.get_stroke_color())}]"
    return f"{kind}[{_where(graph, mark.x)}]"


def _where(graph, x: float) -> str:
    """A dosage plot's labelled dosage ("medium"), else the x value."""
    labels = getattr(graph, "dosage_labels", ())
    for label, d in zip(labels, np.linspace(0, 1, len(labels))):
        if math.isclose(x, d, abs_tol=1e-9):
            return label.lower()
    return f"{x:.2f}"


def _mark_record(mark, kind: str) -> dict:
    r = PRECISION["data"]
    if kind == "curve":
        data = {"x": [_round(v, r) for v in np.ravel(mark.x)], "y": [_round(v, r) for v in np.ravel(mark.y)]}
        color, opacity = mark.get_stroke_color(), mark.get_stroke_opacity()
    elif kind == "bar":
        data = {"x": _round(mark.x, r), "from": _round(mark.start_value, r), "to": _round(mark.end_value, r)}
        color, opacity = mark.get_stroke_color(), mark.get_stroke_opacity()
    else:
        data = {"x": _round(mark.x, r), "y": _round(mark.y, r)}
        filled = mark.get_fill_opacity() > 0
        color = mark.get_fill_color() if filled else mark.get_stroke_color()
        opacity = mark.get_fill_opacity() if filled else mark.get_stroke_opacity()
    return {**data, "color": _hex(color), "opacity": _round(opacity, PRECISION["opacity"])}


def _diagram_record(diagram) -> dict:
    muted = _hex(diagram.theme.muted)
    edges = {}
    for key, edge in diagram.edges.items():
        if _visible(edge):
            edges[key] = {"color": _hex(edge.get_stroke_color()), "width": _round(edge.get_stroke_width(), 1)}
    return {
        "highlighted": sorted(k for k, e in edges.items() if e["color"] != muted),
        "edges": edges,
        "activations": {k: getattr(icon, "activation", "") for k, icon in diagram.icons.items() if _visible(icon)},
        "at": _point(diagram.get_center()),
        "width": _round(diagram.width, PRECISION["scene"]),
    }


def _texts_record(texts: list) -> dict:
    entries = sorted(
        ((_text_of(t), t) for t in texts if _text_of(t).strip()),
        key=lambda e: (e[0], -round(e[1].get_center()[1], 2), round(e[1].get_center()[0], 2)),
    )
    names = _unique([text for text, _ in entries])
    return {
        name: {
            "at": _point(t.get_center()),
            "size": _round(_text_size(t), PRECISION["scene"]),
            "color": _hex(_glyph_color(t)),
            "opacity": _round(_glyph_opacity(t), PRECISION["opacity"]),
        }
        for name, (_, t) in zip(names, entries)
    }


def _text_of(mob) -> str:
    text = getattr(mob, "string", None)  # an Equation
    if text is None:
        text = getattr(mob, "original_text", getattr(mob, "text", ""))
    return " ".join(str(text).split())  # one line, single spaces: how it reads


def _text_size(mob) -> float:
    """How big ``mob``'s letters are: the height of a capital at its font size, as
    scaled now, in scene units. Unlike the height of its box, it does not depend on what
    the text says ("Hours" and "Dosage" at one size have boxes of different heights)."""
    text = mob.text if hasattr(mob, "string") else mob  # an Equation is typeset as one Text
    return text.font_size * _capital_per_font_unit(text.font)


@functools.cache
def _capital_per_font_unit(font: str) -> float:
    from manim import Text

    return Text("H", font=font, font_size=100).height / 100


def _glyph_color(text):
    leaves = [m for m in text.get_family() if len(m.points)]
    return leaves[0].get_fill_color() if leaves else text.get_fill_color()


def _glyph_opacity(text) -> float:
    leaves = [m for m in text.get_family() if len(m.points)]
    return max((m.get_fill_opacity() for m in leaves), default=0.0)


def _visible(mob) -> bool:
    """Whether any part of ``mob`` is drawn (has points and some opacity)."""
    return any(len(m.points) and _drawn(m) for m in mob.get_family())


def _drawn(m) -> bool:
    """Whether ``m``'s own stroke or fill shows (only vector shapes are drawn: a
    ``ValueTracker`` has points but no look)."""
    from manim import VMobject

    if not isinstance(m, VMobject):
        return False
    return bool((m.get_stroke_opacity() > 0 and m.get_stroke_width() > 0) or m.get_fill_opacity() > 0)


def _role(color) -> str:
    """The theme's name for a colour (``top``, ``output``...), else its hex."""
    from .theme import current_theme

    theme, hexed = current_theme(), _hex(color)
    for role in ("top", "bottom", "output", "highlight", "muted", "text", "data"):  # text and data may share one
        if _hex(getattr(theme, role)) == hexed:
            return role
    return hexed


def _hex(color) -> str:
    return color.to_hex().upper() if hasattr(color, "to_hex") else str(color).upper()


def _point(p) -> list[float]:
    return [_round(p[0], PRECISION["scene"]), _round(p[1], PRECISION["scene"])]


def _round(value: float, decimals: int) -> float:
    return round(float(value), decimals) + 0.0  # + 0.0: no "-0.0"


def _unique(names: list[str]) -> list[str]:
    """``["a", "a", "b"]`` -> ``["a", "a#2", "b"]``."""
    counts: dict[str, int] = {}
    out = []
    for name in names:
        counts[name] = counts.get(name, 0) + 1
        out.append(name if counts[name] == 1 else f"{name}#{counts[name]}")
    return out


def save_png(frame: np.ndarray, path: Path) -> Path:
    """Write an RGBA frame to ``path`` as PNG, atomically."""
    from .media.video import save_png as write_png

    path = Path(path)
    with staged(path) as tmp:
        write_png(frame, tmp)
    return path
