"""Reading frame records (:mod:`relu_anim.frames`) in the stage tests: what is on screen,
in data coordinates, never a played scene's own objects."""

from __future__ import annotations

import numpy as np


def marks(graph: dict, kind: str, color: str | None = None) -> dict:
    """A graph record's marks of one kind (``"dot"``, ``"bar"``, ``"curve"``), by name,
    optionally only those of one colour (hex)."""
    return {
        name: mark
        for name, mark in graph["marks"].items()
        if name.startswith(f"{kind}[") and (color is None or mark["color"] == color)
    }


def points(graph: dict, color: str | None = None) -> list[tuple[float, float]]:
    """The dots on a graph (of one colour), as ``(x, y)`` in data coordinates, left to right."""
    return sorted((dot["x"], dot["y"]) for dot in marks(graph, "dot", color).values())


def y_at(curve: dict, x):
    """A curve mark's height at ``x`` (a number or an array), between its recorded points."""
    return np.interp(x, curve["x"], curve["y"])


def scene_point(graph: dict, x: float, y: float) -> list[float]:
    """Where a graph record's axes put the data point ``(x, y)``, in scene units: the
    visible ranges mapped linearly onto the axes area (``at``, ``size``), worked out here
    from the record rather than asked of the graph."""
    (x0, x1), (y0, y1) = graph["x_range"], graph["y_range"]
    (cx, cy), (width, height) = graph["at"], graph["size"]
    return [cx - width / 2 + (x - x0) / (x1 - x0) * width, cy - height / 2 + (y - y0) / (y1 - y0) * height]


def holds(graph: dict, curve: dict, slack: float = 1e-3) -> bool:
    """Whether every point of ``curve`` lies within the graph's visible ranges."""
    (x0, x1), (y0, y1) = graph["x_range"], graph["y_range"]
    xs, ys = np.asarray(curve["x"]), np.asarray(curve["y"])
    return bool(np.all((xs >= x0 - slack) & (xs <= x1 + slack) & (ys >= y0 - slack) & (ys <= y1 + slack)))


def area_box(graph: dict) -> list[float]:
    """A graph record's axes area as ``[left, bottom, right, top]``, in scene units."""
    (cx, cy), (width, height) = graph["at"], graph["size"]
    return [cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2]


def title_clear_of_diagram(record: dict, graph: str, labels) -> list:
    """The parts of the diagram (its nodes, and the texts ``labels``) that the graph's
    y-axis title overlaps; checks first that the title stands upright beside its axis."""
    title = record["graphs"][graph]["title_boxes"]["y"]
    assert title[3] - title[1] > title[2] - title[0], "the y title lies flat"
    parts = {**record["diagrams"]["diagram"]["nodes"], **{t: record["texts"][t]["box"] for t in labels}}
    return [name for name, box in parts.items() if box_overlap(title, box)]


def words_over(record: dict, graph: str, reach: float = 0.9) -> list[str]:
    """The texts standing over a graph's axes area (centred above it, within ``reach``
    scene units of its top), top first: a panel's tag or a plot's heading."""
    left, _, right, top = area_box(record["graphs"][graph])
    over = [
        (box[3], name.split("#")[0])
        for name, text in record["texts"].items()
        for box in [text["box"]]
        if left <= (box[0] + box[2]) / 2 <= right and top <= box[1] <= top + reach
    ]
    return [name for _, name in sorted(over, reverse=True)]


def box_overlap(a: list[float], b: list[float], touch: float = 0.0) -> bool:
    """Whether two ``[left, bottom, right, top]`` boxes overlap by more than ``touch``."""
    return a[0] < b[2] - touch and b[0] < a[2] - touch and a[1] < b[3] - touch and b[1] < a[3] - touch


def inside_frame_box(box: list[float]) -> bool:
    """Whether a ``[left, bottom, right, top]`` box lies inside Manim's 16:9 frame."""
    half_w, half_h = 8.0 * 16 / 9 / 2, 4.0
    return -half_w - 1e-6 <= box[0] and box[2] <= half_w + 1e-6 and -half_h - 1e-6 <= box[1] and box[3] <= half_h + 1e-6
