"""The composition rules every picture of the lesson keeps, checked over frame data
(:func:`relu_anim.frames.describe` records). No Manim here: records are plain data, and
the limits are plain numbers that layouts read too (a bottom layer, like the model).

At every moment (:func:`problems`):

- Margins: everything drawn stays at least :data:`MARGIN` of the frame's width and
  height from every edge.
- No two texts overlap (axis titles count as texts), and no text overlaps a node of a
  network diagram (other than the words inside it) or a curve on a graph.
- A box drawn around something (a highlight on a label) does not cut into a node of a
  network diagram: it either holds the node whole or stays clear of it.
- Marks stay inside their graph's axes area (the visible ranges), unless a mark says it
  may leave (``may_leave_axes``, set on the mobject as ``mark.may_leave_axes = True``).

At the end of every beat (``beat_end=True``), besides:

- The picture uses the frame: what is drawn spans at least :data:`MIN_SPAN` of the
  frame's width and of its height.
- Text reads at 480p: every text is at least :data:`MIN_TEXT_HEIGHT` scene units tall
  (12 pixels at 480p), measured as the height of a capital letter at the text's size
  (the record's ``size``), whatever the text says.

- An axis title is not said again beside it: no text at rest within
  :data:`REPEAT_APART` of an axis title says the same words (a diagram's output
  "Effectiveness" beside a plot's axis title "Effectiveness" reads as a stutter; two
  data points' labels may both say "not effective").
- One text, one copy: two copies of the same words, one fading, are not seen at once
  where they overlap (a cross-fade between two drawings of one graph shows its labels
  twice), unless they coincide.
- A dot stands out: a filled dot lying on a curve of its own colour has an outline ring
  in another colour (first-dot's blue dot on the blue ReLU line).
- One plot, one style of data point: the dots of one colour on a graph are all filled or
  all hollow.

Over a narrated scene's moments (:func:`said_problems`):

- Said is shown: every number a cue says is on screen (a text, a tick, a dot named for
  it) at some moment while the cue is said, and a dot a cue says rises or lands "to N"
  or "at height N" stands at N on its plot before the cue's words end.
- Nothing empty: while words are said, the picture is never empty (nothing drawn) for
  longer than :data:`EMPTY_PAUSE` (a cut between pictures may pass through nothing).
- The eye has something to follow: the picture does not stand still for more than
  :data:`STILL_WHILE_SAID` seconds of speech (a highlight, a term lit, a dot moving).

- Nothing covers what is read out: a text showing a number a cue says is not covered
  by another text or a filled shape while the cue is said (:func:`covered_problems`).

:func:`narrated_problems` runs the four.

Over a sequence of moments:

- A dot at rest on an activation function's graph lies on its curve. It may wait on the
  x-axis (as an input about to go through) for at most :data:`AXIS_PAUSE` seconds, and
  then it must rise or fall onto the curve (:func:`resting_problems`).
- Ticks never jump: from one moment to the next, the tick values an axis shows where
  both moments' ranges meet are the same, or one moment's are a part of the other's
  (:func:`tick_problems`; a zoom may drop or add ticks, never swap steps of 0.2 for 0.25).
- What stays is not written again: a text shown in full does not go back to being
  partly drawn and written again in the same place (:func:`rewrite_problems`).

:func:`all_problems` runs every rule over a played scene's moments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

import numpy as np

from .theme import MIN_TEXT_HEIGHT

#: Manim's 16:9 frame in scene units (every quality of the lesson is 16:9).
FRAME_WIDTH, FRAME_HEIGHT = 8.0 * 16 / 9, 8.0
#: The smallest share of the frame's width and height that a beat's picture spans.
MIN_SPAN = (0.6, 0.5)
#: The empty border kept on every side, as a share of the frame's width and height.
MARGIN = 0.03
#: How far two boxes may touch before they count as overlapping (scene units: rounding
#: of the records, and glyphs' anti-aliased edges).
TOUCH = 0.02
#: Below this opacity a text, node or curve is a ghost (fading in or out): not checked.
SEEN = 0.5
#: How far a dot may be from its curve and still be on it (scene units).
ON_CURVE = 0.05
#: The longest a dot may wait on an activation graph's x-axis before it moves (seconds).
AXIS_PAUSE = 4.0
#: Moments at most this far apart (seconds) are consecutive: what moved between them is in flight.
STEP_APART = 0.3
#: Marks may leave the visible ranges by this share of the range (rounding, line ends).
RANGE_SLACK = 0.01
#: Above this opacity a copy of a text is seen (two copies at once read as a doubled label).
GHOST = 0.1
#: Scene units per unit of Manim's stroke width (Cairo draws width 1 as 0.01 units).
STROKE_UNIT = 0.01
#: Two texts saying the same words, at rest, stand at least this far apart (scene units):
#: further than a glance takes in as one spot.
REPEAT_APART = 1.5
#: How long after a text was shown in full its being written again counts as a rewrite (seconds).
REWRITE_WINDOW = 6.0


def span(record: dict) -> tuple[float, float]:
    """The shares of the frame's width and height that a moment's drawing spans."""
    box = record.get("content") or []
    if not box:
        return 0.0, 0.0
    left, bottom, right, top = box
    return (right - left) / FRAME_WIDTH, (top - bottom) / FRAME_HEIGHT


def problems(record: dict, beat_end: bool = True, before: dict | None = None) -> list[str]:
    """What breaks the rules in one moment's record, one line each; ``[]`` when none.
    ``beat_end=False`` leaves out the rules for a finished picture (span, text size).
    With ``before``, the record of the moment before, texts and dots that moved since
    are in flight (a label carried to a dot crosses what lies between): overlaps and
    axes are checked for what is at rest."""
    at_rest = _at_rest(record, before)
    out = []
    if beat_end:
        width, height = span(record)
        if width < MIN_SPAN[0] - 1e-9 or height < MIN_SPAN[1] - 1e-9:
            out.append(
                f"the picture spans {width:.0%} of the width and {height:.0%} of the height "
                f"(at least {MIN_SPAN[0]:.0%} and {MIN_SPAN[1]:.0%})"
            )
        for text, entry in record.get("texts", {}).items():
            if entry["size"] < MIN_TEXT_HEIGHT - 1e-9:
                out.append(f"text {text!r} is {entry['size']:.2f} tall (at least {MIN_TEXT_HEIGHT})")
    out += margin_problems(record)
    out += overlap_problems(record, at_rest)
    out += box_problems(record, texts=beat_end)
    out += doubled_text_problems(record)
    out += repeated_text_problems(record, at_rest)
    out += outside_axes_problems(record, at_rest)
    out += dot_style_problems(record)
    return out


def _at_rest(record: dict, before: dict | None):
    """A test of whether a text (by name, axis titles too) or a mark (graph, mark) is
    drawn where it was at the moment before, as strongly: a text or curve fading in or
    out (a dissolve from the stage before) is in flight, like one that moves."""
    if before is None:
        return lambda key: True
    boxes_then, boxes_now, graphs = text_boxes(before), text_boxes(record), before.get("graphs", {})
    opacity_then, opacity_now = text_opacities(before), text_opacities(record)

    def still(key) -> bool:
        if isinstance(key, str):
            return (
                key in boxes_then
                and boxes_then[key] == boxes_now.get(key)
                and opacity_then.get(key) == opacity_now.get(key)
            )
        graph, mark = key
        then = graphs.get(graph, {}).get("marks", {}).get(mark)
        now = record["graphs"][graph]["marks"][mark]
        return then is not None and then.get("at") == now.get("at") and then.get("opacity") == now.get("opacity")

    return still


def margin_problems(record: dict) -> list[str]:
    box = record.get("content") or []
    if not box:
        return []
    mx, my = MARGIN * FRAME_WIDTH, MARGIN * FRAME_HEIGHT
    left, bottom, right, top = box
    gaps = {
        "left": left + FRAME_WIDTH / 2,
        "right": FRAME_WIDTH / 2 - right,
        "bottom": bottom + FRAME_HEIGHT / 2,
        "top": FRAME_HEIGHT / 2 - top,
    }
    need = {"left": mx, "right": mx, "bottom": my, "top": my}
    return [
        f"the drawing is {gap:.2f} from the {edge} edge (at least {need[edge]:.2f})"
        for edge, gap in gaps.items()
        if gap < need[edge] - 0.005
    ]


# -- overlaps -------------------------------------------------------------------------------


def text_boxes(record: dict) -> dict[str, list[float]]:
    """Every text seen in the moment by what it says, axis titles included
    (``plot: y title``), with its box."""
    boxes = {
        name: e["box"] for name, e in record.get("texts", {}).items() if e.get("opacity", 1) >= SEEN and "box" in e
    }
    for graph, g in record.get("graphs", {}).items():
        for axis, box in g.get("title_boxes", {}).items():
            if g.get("title_opacity", {}).get(axis, 1) < SEEN:
                continue
            boxes[f"{graph}: {axis} title {g['titles'].get(axis, '')!r}"] = box
    return boxes


def text_opacities(record: dict) -> dict[str, float]:
    """The opacity of every text of :func:`text_boxes` (axis titles at 1 unless fading)."""
    out = {name: e.get("opacity", 1) for name, e in record.get("texts", {}).items()}
    for graph, g in record.get("graphs", {}).items():
        for axis in g.get("title_boxes", {}):
            out[f"{graph}: {axis} title {g['titles'].get(axis, '')!r}"] = g.get("title_opacity", {}).get(axis, 1)
    return out


def overlap(a: Sequence[float], b: Sequence[float], touch: float = TOUCH) -> bool:
    """Whether two ``[left, bottom, right, top]`` boxes overlap by more than ``touch``."""
    return a[0] < b[2] - touch and b[0] < a[2] - touch and a[1] < b[3] - touch and b[1] < a[3] - touch


def inside(inner: Sequence[float], outer: Sequence[float]) -> bool:
    return (
        inner[0] >= outer[0] - TOUCH
        and inner[1] >= outer[1] - TOUCH
        and inner[2] <= outer[2] + TOUCH
        and inner[3] <= outer[3] + TOUCH
    )


def overlap_problems(record: dict, at_rest=lambda key: True) -> list[str]:
    out = []
    texts = sorted((name, box) for name, box in text_boxes(record).items() if at_rest(name))
    for i, (a, box_a) in enumerate(texts):
        for b, box_b in texts[i + 1 :]:
            if overlap(box_a, box_b):
                out.append(f"text {a!r} overlaps text {b!r}")
    for _diagram, d in record.get("diagrams", {}).items():
        if d.get("opacity", 1) < SEEN:
            continue
        for node, node_box in d.get("nodes", {}).items():
            for text, box in texts:
                if overlap(box, node_box) and not inside(box, node_box):  # a node's own word sits inside it
                    out.append(f"text {text!r} overlaps the {node} node")
    for graph, g in record.get("graphs", {}).items():
        for mark, m in g["marks"].items():
            if not mark.startswith("curve") or m["opacity"] < SEEN or not at_rest((graph, mark)):
                continue
            points = to_scene(g, m["x"], m["y"])
            for text, box in texts:
                if crosses(points, box):
                    out.append(f"text {text!r} lies on {graph}'s {mark}")
    return out


def box_problems(record: dict, texts: bool = True) -> list[str]:
    """Outlined boxes (a rectangle drawn with no fill, seen) that cut into or touch a
    diagram's node, their stroke included: the final bias' highlight box on the output
    node above it; or that touch a text lying outside them (under :data:`GRAZE` of it
    inside: the summary's highlight touching the axis words of the panel above); with
    ``texts=False`` (a moment in motion: a box gliding from term to term) nodes only."""
    out = []
    for name, shape in record.get("shapes", {}).items():
        outline = "Rectangle" in shape.get("class", "") and shape.get("fill_opacity", 0) < SEEN
        if not outline or shape.get("stroke_opacity", 1) < SEEN or "size" not in shape:
            continue
        (x, y), (w, h) = shape["at"], shape["size"]
        half = (
            w / 2 + STROKE_UNIT * shape.get("stroke_width", 0) / 2,
            h / 2 + STROKE_UNIT * shape.get("stroke_width", 0) / 2,
        )
        box = [x - half[0], y - half[1], x + half[0], y + half[1]]  # its stroke's outer edge
        edge = STROKE_UNIT * shape.get("stroke_width", 0) / 2
        inner = [x - w / 2 + edge, y - h / 2 + edge, x + w / 2 - edge, y + h / 2 - edge]  # its stroke's inner edge
        for text, entry in record.get("texts", {}).items() if texts else ():  # a text the box is not about stays clear
            text_box = entry["box"]
            drawn = min(w, h) >= 0.15  # not a box still being drawn (Create grows it from a point)
            grazed = drawn and overlap(box, text_box, touch=0.0) and _share_inside(text_box, inner) < GRAZE
            if entry.get("opacity", 1) >= SEEN and grazed:
                out.append(f"box {name!r} touches the text {text!r} outside it")
        for _diagram, d in record.get("diagrams", {}).items():
            if d.get("opacity", 1) < SEEN:
                continue
            for node, node_box in d.get("nodes", {}).items():
                if overlap(box, node_box, touch=0.0) and not inside(node_box, box):
                    out.append(f"box {name!r} cuts into the {node} node")
    return out


def _share_inside(box: Sequence[float], outer: Sequence[float]) -> float:
    """The share of ``box``'s area inside ``outer``."""
    width = max(0.0, min(box[2], outer[2]) - max(box[0], outer[0]))
    height = max(0.0, min(box[3], outer[3]) - max(box[1], outer[1]))
    area = (box[2] - box[0]) * (box[3] - box[1])
    return width * height / area if area > 0 else 0.0


def doubled_text_problems(record: dict) -> list[str]:
    """Two copies of one text (``"ReLU"``, ``"ReLU#2"``) seen at once, overlapping but
    not drawn in the same place, one of them fading: a cross-fade between two drawings.
    (An opaque copy leaving its original is a value carried somewhere: in flight.)"""
    copies: dict[str, list[tuple[str, list[float], float]]] = {}
    for name, e in record.get("texts", {}).items():
        if e.get("opacity", 1) >= GHOST and "box" in e:
            copies.setdefault(name.split("#")[0], []).append((name, e["box"], e.get("opacity", 1)))
    out = []
    for words, seen in copies.items():
        for i, (a, box_a, opacity_a) in enumerate(seen):
            for b, box_b, opacity_b in seen[i + 1 :]:
                same_place = all(abs(p - q) <= TOUCH for p, q in zip(box_a, box_b))
                fading = min(opacity_a, opacity_b) < 0.95
                if overlap(box_a, box_b, touch=0.0) and fading and not same_place:
                    out.append(f"two copies of text {words!r} are seen at once ({a!r}, {b!r})")
    return out


def repeated_text_problems(record: dict, at_rest=lambda key: True) -> list[str]:
    """An axis title's words written again (by a text or another axis title), both seen
    and at rest, less than :data:`REPEAT_APART` apart."""
    said: dict[str, list[tuple[str, list[float]]]] = {}
    for name, box in text_boxes(record).items():
        if at_rest(name):
            said.setdefault(" ".join(_words(record, name).split()), []).append((name, box))
    out = []
    for words, seen in said.items():
        for i, (a, box_a) in enumerate(seen):
            for b, box_b in seen[i + 1 :]:
                titled = _is_title(record, a) or _is_title(record, b)
                if titled and box_gap(box_a, box_b) < REPEAT_APART:
                    out.append(f"{words!r} is written twice, {box_gap(box_a, box_b):.2f} apart ({a!r}, {b!r})")
    return out


def _is_title(record: dict, name: str) -> bool:
    return any(name.startswith(f"{graph}: ") and " title " in name for graph in record.get("graphs", {}))


def _words(record: dict, name: str) -> str:
    """What a text of :func:`text_boxes` says: an axis title's words, or the text's name
    without its copy number (``"ReLU#2"``)."""
    for graph, g in record.get("graphs", {}).items():
        for axis, title in g.get("titles", {}).items():
            if name == f"{graph}: {axis} title {title!r}":
                return title
    return name.split("#")[0]


def box_gap(a: Sequence[float], b: Sequence[float]) -> float:
    """The distance between two ``[left, bottom, right, top]`` boxes (0 when they meet)."""
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return float(np.hypot(dx, dy))


def to_scene(graph: dict, xs: Iterable[float], ys: Iterable[float]) -> list[tuple[float, float]]:
    """Scene points of data coordinates on a graph record (its area's centre and size)."""
    (x0, x1), (y0, y1) = graph["x_range"], graph["y_range"]
    (cx, cy), (w, h) = graph["at"], graph["size"]
    return [(cx - w / 2 + (x - x0) / (x1 - x0) * w, cy - h / 2 + (y - y0) / (y1 - y0) * h) for x, y in zip(xs, ys)]


def to_data(graph: dict, point: Sequence[float]) -> tuple[float, float]:
    (x0, x1), (y0, y1) = graph["x_range"], graph["y_range"]
    (cx, cy), (w, h) = graph["at"], graph["size"]
    return x0 + (point[0] - cx + w / 2) / w * (x1 - x0), y0 + (point[1] - cy + h / 2) / h * (y1 - y0)


def crosses(points: Sequence[tuple[float, float]], box: Sequence[float]) -> bool:
    """Whether a polyline passes through a box (shrunk by :data:`TOUCH` on every side):
    Liang-Barsky clipping of every segment at once, after leaving out the segments whose
    own box misses it (numpy: the rules look at every text against every curve, every
    0.25 s)."""
    left, bottom, right, top = box[0] + TOUCH, box[1] + TOUCH, box[2] - TOUCH, box[3] - TOUCH
    if left >= right or bottom >= top or len(points) < 2:
        return False
    line = np.asarray(points, dtype=float)
    a, b = line[:-1], line[1:]
    low, high = np.minimum(a, b), np.maximum(a, b)
    near = (low[:, 0] <= right) & (high[:, 0] >= left) & (low[:, 1] <= top) & (high[:, 1] >= bottom)
    if not near.any():
        return False
    a, b = a[near], b[near]
    (ax, ay), (dx, dy) = a.T, (b - a).T
    t0, t1 = np.zeros(len(a)), np.ones(len(a))
    inside = np.ones(len(a), dtype=bool)
    for p, q in ((-dx, ax - left), (dx, right - ax), (-dy, ay - bottom), (dy, top - ay)):
        parallel = np.abs(p) < 1e-12
        inside &= ~(parallel & (q < 0))  # parallel to this edge and outside it
        t = q / np.where(parallel, 1.0, p)
        t0 = np.where(~parallel & (p < 0), np.maximum(t0, t), t0)
        t1 = np.where(~parallel & (p > 0), np.minimum(t1, t), t1)
    return bool((inside & (t0 < t1)).any())


# -- marks and their axes -------------------------------------------------------------------


def outside_axes_problems(record: dict, at_rest=lambda key: True) -> list[str]:
    out = []
    for graph, g in record.get("graphs", {}).items():
        (x0, x1), (y0, y1) = g["x_range"], g["y_range"]
        sx, sy = RANGE_SLACK * (x1 - x0), RANGE_SLACK * (y1 - y0)
        for mark, m in g["marks"].items():
            if m.get("may_leave_axes") or m["opacity"] <= 0:
                continue
            if "at" in m:  # a dot: where it is drawn, once it has landed
                if not at_rest((graph, mark)):
                    continue
                xs, ys = zip(to_data(g, m["at"]))
            else:
                xs = m["x"] if isinstance(m["x"], list) else [m["x"]]
                ys = m.get("y", [m.get("from"), m.get("to")])
                ys = ys if isinstance(ys, list) else [ys]
            if any(not x0 - sx <= x <= x1 + sx for x in xs) or any(not y0 - sy <= y <= y1 + sy for y in ys):
                out.append(f"{graph}'s {mark} is drawn outside its axes")
    return out


# -- how dots are drawn ---------------------------------------------------------------------


def dot_style_problems(record: dict) -> list[str]:
    out = []
    for graph, g in record.get("graphs", {}).items():
        styles: dict[str, set[bool]] = {}
        for mark, m in g["marks"].items():
            if not mark.startswith("dot") or m["opacity"] < SEEN or "at" not in m:
                continue
            if m.get("color") is None:
                continue
            styles.setdefault(m["color"], set()).add(bool(m.get("hollow")))
            if m.get("hollow") or (m.get("ring") and m["ring"] != m["color"]):
                continue
            for name, curve in g["marks"].items():
                if name.startswith("curve") and curve.get("color") == m["color"] and curve["opacity"] >= SEEN:
                    gap = curve_gap({**g, "marks": {name: curve}}, m)
                    if gap is not None and gap <= ON_CURVE:
                        out.append(f"{graph}'s {mark} lies on its {name} of its own colour without a ring")
                        break
        out += [
            f"{graph}'s dots coloured {color} are drawn both filled and hollow"
            for color, kinds in styles.items()
            if len(kinds) > 1
        ]
    return out


# -- ticks and texts over time ----------------------------------------------------------------


def tick_values(labels: Iterable[str]) -> set[float]:
    """The numbers tick labels show (``"−0.5"`` -> -0.5)."""
    return {round(float(label.replace("\u2212", "-")), 9) for label in labels}


def tick_problems(moments: Sequence[tuple[float, dict]]) -> list[str]:
    """Axes whose ticks jump from one moment to the next (moments in time order, at most
    :data:`STEP_APART` apart): where both ranges meet, neither moment's tick values
    contain the other's."""
    out = []
    for (_, before), (time, now) in zip(moments, moments[1:]):
        for graph, g in now.get("graphs", {}).items():
            then = before.get("graphs", {}).get(graph)
            if then is None or then.get("at") != g.get("at") or then.get("size") != g.get("size"):
                continue  # not the same drawing (or moved): a new graph may number its axes anew
            for axis, labels in g.get("ticks", {}).items():
                key = f"{axis}_range"
                (lo_a, hi_a), (lo_b, hi_b) = then[key], g[key]
                lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
                a = {v for v in tick_values(then.get("ticks", {}).get(axis, [])) if lo <= v <= hi}
                b = {v for v in tick_values(labels) if lo <= v <= hi}
                if not (a <= b or b <= a):
                    out.append(f"@ {time:.2f}s: {graph}'s {axis} ticks jump from {sorted(a)} to {sorted(b)}")
    return out


def rewrite_problems(moments: Sequence[tuple[float, dict]]) -> list[str]:
    """Texts shown in full, then partly drawn again in the same place and written anew
    within :data:`REWRITE_WINDOW` seconds (moments in time order)."""
    out, shown, rewriting = [], {}, {}
    for time, record in moments:
        for name, e in record.get("texts", {}).items():
            full = e.get("opacity", 1) >= 0.99 and "written" not in e
            if full:
                then = shown.get(name, (0.0, None))[1]
                same = then is not None and inside(e["box"], then) and inside(then, e["box"])
                if name in rewriting and same and time - shown[name][0] <= REWRITE_WINDOW:
                    out.append(f"@ {rewriting[name]:.2f}s: text {name!r} is written again where it stood")
                rewriting.pop(name, None)
                shown[name] = (time, e["box"])
            elif "written" in e and name in shown and inside(e["box"], shown[name][1]):
                rewriting.setdefault(name, time)
    return out


# -- dots at rest on activation graphs -------------------------------------------------------


def curve_gap(graph: dict, dot: dict) -> float | None:
    """How far (scene units, vertically) a dot on an activation graph is drawn from the
    activation's curve; None when the graph shows no curve at the dot's x."""
    curves = [m for name, m in graph["marks"].items() if name.startswith("curve") and isinstance(m["x"], list)]
    if not curves:
        return None
    x, _ = to_data(graph, dot["at"])
    curve = curves[0]
    xs, ys = curve["x"], curve["y"]
    if not min(xs) - 1e-6 <= x <= max(xs) + 1e-6:
        return None
    pairs = sorted(zip(xs, ys))
    for (xa, ya), (xb, yb) in zip(pairs, pairs[1:]):
        if xa - 1e-9 <= x <= xb + 1e-9:
            y = ya if xb == xa else ya + (x - xa) / (xb - xa) * (yb - ya)
            break
    else:
        y = pairs[0][1]
    (_, y_at) = to_scene(graph, [x], [y])[0]
    return abs(dot["at"][1] - y_at)


def on_x_axis(graph: dict, dot: dict) -> bool:
    ((_, y0),) = to_scene(graph, [graph["x_range"][0]], [min(max(0.0, graph["y_range"][0]), graph["y_range"][1])])
    return abs(dot["at"][1] - y0) <= ON_CURVE


def resting_problems(moments: Sequence[tuple[float, dict]]) -> list[str]:
    """Dots at rest off their activation curve, over ``(time, record)`` moments in time
    order (a dot is at rest when it is drawn where it was at the moment before)."""
    out, waiting, reported = [], {}, set()
    previous: dict = {}
    for time, record in moments:
        now = {}
        for graph, g in record.get("graphs", {}).items():
            if g.get("kind") != "ActivationGraph":
                continue
            for mark, m in g["marks"].items():
                if not mark.startswith("dot") or m["opacity"] < SEEN or "at" not in m:
                    continue
                key = (graph, mark)
                now[key] = m["at"]
                if previous.get(key) != m["at"]:
                    waiting.pop(key, None)
                    continue  # moving
                gap = curve_gap(g, m)
                if gap is None or gap <= ON_CURVE:
                    waiting.pop(key, None)
                    continue
                if on_x_axis(g, m):
                    since = waiting.setdefault(key, time)
                    if time - since <= AXIS_PAUSE + 1e-9:
                        continue
                if key not in reported:
                    reported.add(key)
                    out.append(f"@ {time:.2f}s: {graph}'s {mark} rests {gap:.2f} off the curve")
        previous = now
    return out


def all_problems(moments: Iterable) -> list[str]:
    """Every rule over a scene's moments (:class:`relu_anim.frames.Moment`), each problem
    with its time: the end-of-beat rules at beat ends, the others at every moment."""
    moments = list(moments)
    out, previous = [], None
    for m in moments:
        beat_end = m.label.startswith("beat") or m.label == "end"
        # what moved since a moment just before is in flight; beats' ends alone are all at rest
        before = previous.record if previous is not None and m.time - previous.time <= STEP_APART else None
        out += [f"@ {m.time:.2f}s ({m.label}): {p}" for p in problems(m.record, beat_end=beat_end, before=before)]
        previous = m
    timed = [(m.time, m.record) for m in moments]
    out += resting_problems(timed)
    out += rewrite_problems(timed)
    # ticks compare moments just apart: beats' ends may be seconds apart
    for run in _runs(timed):
        out += tick_problems(run)
    return out


def _runs(timed: Sequence[tuple[float, dict]]) -> list[list[tuple[float, dict]]]:
    """``(time, record)`` moments split where two follow more than :data:`STEP_APART` apart."""
    runs: list[list] = []
    for moment in timed:
        if runs and moment[0] - runs[-1][-1][0] <= STEP_APART:
            runs[-1].append(moment)
        else:
            runs.append([moment])
    return runs


#: A number as a caption or the screen writes it ("0.60", "16", the "1.70" of "× 1.70"),
#: its sign aside: the minus is a word of its own in a sum ("− 0.85").
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")
#: What a cue says a dot does, and the height it says: "rises to 0.17", "at height 0".
DOT_TO = re.compile(
    r"\bdot\b[^.:;]*?\b(?:rises|falls|drops|lands|sits|climbs) (?:back )?(?:to|at|on) (\u2212?\d+(?:\.\d+)?)|\bdot\b[^.:;]*?\bat height (\u2212?\d+(?:\.\d+)?)"
)
#: A text touched by a box with less than this share of it inside is grazed from outside.
GRAZE = 0.1
#: How close a dot's height must be to the height a cue says (the caption's rounding).
SAID_HEIGHT = 0.006
#: The longest the picture may be empty while words are said (seconds).
EMPTY_PAUSE = 0.5
#: The most seconds of speech the picture may stand still through.
STILL_WHILE_SAID = 6.0


def numbers_in(text: str) -> list[float]:
    """The numbers ``text`` writes, in order, sign aside."""
    return [float(n) for n in NUMBER.findall(text)]


def shown_numbers(record: dict) -> set[float]:
    """Every number a moment shows: in its texts (seen, not ghosts), its graphs' tick
    labels and titles, and the names of its marks (``dot[0.20]``)."""
    shown = [text for text, entry in record.get("texts", {}).items() if entry.get("opacity", 1.0) >= SEEN]
    for graph in record.get("graphs", {}).values():
        shown += [label for labels in graph.get("ticks", {}).values() for label in labels]
        shown += list(graph.get("titles", {}).values()) + list(graph.get("marks", {}))
    return {value for text in shown for value in numbers_in(text)}


def said_dot_heights(cue: str) -> list[float]:
    """The heights a cue says a dot goes to ("the dot rises to 0.17")."""
    out = []
    for match in DOT_TO.finditer(" ".join(cue.split())):
        said = (match.group(1) or match.group(2)).replace("\u2212", "-")
        out.append(float(said))
    return out


def dot_heights(record: dict) -> list[float]:
    """The heights of the dots standing on a moment's graphs (seen, not ghosts)."""
    return [
        mark["y"]
        for graph in record.get("graphs", {}).values()
        for name, mark in graph.get("marks", {}).items()
        if name.startswith("dot") and mark.get("opacity", 1.0) >= SEEN
    ]


def said_problems(moments: Sequence[tuple[float, dict]], said: Sequence[tuple[float, float, str]]) -> list[str]:
    """Where a narrated scene shows other than it says, one line each: ``moments`` are
    ``(time, record)`` (every few tenths of a second), ``said`` the cues as they are said
    (``(start, end of its words, cue)``, :attr:`relu_anim.scene.LessonScene.said`)."""
    out = []
    for start, end, cue in said:
        seen = [record for time, record in moments if start - 1e-6 <= time <= end + 1e-6]
        line = " ".join(cue.split())
        if not seen:
            out.append(f"{start:.2f}-{end:.2f} s: no moment while {line!r} is said")
            continue
        shown = set().union(*(shown_numbers(record) for record in seen))
        missing = [n for n in dict.fromkeys(numbers_in(line)) if n not in shown]
        if missing:
            out.append(
                f"{start:.2f}-{end:.2f} s: {line!r} says {', '.join(f'{n:g}' for n in missing)}, "
                "which the screen does not show while it is said"
            )
        for height in said_dot_heights(line):
            if not any(abs(y - height) <= SAID_HEIGHT for y in dot_heights(seen[-1])):
                out.append(f"{start:.2f}-{end:.2f} s: {line!r}: no dot stands at {height:g} as its words end")
    return out


def _speech_within(said: Sequence[tuple[float, float, str]], start: float, end: float) -> float:
    """Seconds of ``said`` (cues as they are said) between ``start`` and ``end``."""
    return sum(max(0.0, min(end, e) - max(start, s)) for s, e, _ in said)


def empty_problems(moments: Sequence[tuple[float, dict]], said: Sequence[tuple[float, float, str]]) -> list[str]:
    """Runs of moments with nothing drawn that last over :data:`EMPTY_PAUSE` while words are said."""
    out, run = [], []
    for time, record in [*moments, (float("inf"), {"content": [0, 0, 1, 1]})]:
        if not record.get("content"):
            run.append(time)
            continue
        if run and _speech_within(said, run[0], run[-1]) > EMPTY_PAUSE:
            out.append(f"{run[0]:.2f}-{run[-1]:.2f} s: nothing is drawn while words are said")
        run = []
    return out


def still_problems(moments: Sequence[tuple[float, dict]], said: Sequence[tuple[float, float, str]]) -> list[str]:
    """Runs of moments that show the same picture through over :data:`STILL_WHILE_SAID`
    seconds of speech: the voice talks over a picture that gives the eye nothing to follow."""
    out, start, last, picture = [], None, None, None
    for time, record in [*moments, (float("inf"), None)]:
        now = None if record is None else json.dumps(record, sort_keys=True)
        if now != picture:
            if start is not None and _speech_within(said, start, last) > STILL_WHILE_SAID:
                words = _speech_within(said, start, last)
                out.append(f"{start:.2f}-{last:.2f} s: the picture stands still through {words:.1f} s of speech")
            start, picture = time, now
        last = time
    return out


def narrated_problems(moments: Sequence[tuple[float, dict]], said: Sequence[tuple[float, float, str]]) -> list[str]:
    """Every rule over a narrated scene's moments (``(time, record)``, every few tenths of
    a second) and its cues as said: said is shown, nothing empty, something to follow, and
    nothing covers what is being read out."""
    return [
        *said_problems(moments, said),
        *empty_problems(moments, said),
        *still_problems(moments, said),
        *covered_problems(moments, said),
    ]


def covered_problems(moments: Sequence[tuple[float, dict]], said: Sequence[tuple[float, float, str]]) -> list[str]:
    """Where a text showing a number a cue says (a connection's "× 1.70" while its weight
    is read out) is covered, while the cue is said, by another text or a filled shape (a
    token travelling along the connection): the eye looks for it as the ear hears it.
    A copy of the same words (a label carried onto its dot) does not cover it, nor does a
    text fading in or out (the dissolve from the stage before)."""
    out, before = [], {}
    for time, record in moments:
        opacity_now = text_opacities(record)
        fading = {name for name, o in opacity_now.items() if abs(o - before.get(name, o)) > 1e-6}
        before = opacity_now
        for start, end, cue in said:
            if not start - 1e-6 <= time <= end + 1e-6:
                continue
            said_numbers = set(numbers_in(" ".join(cue.split())))
            boxes = text_boxes(record)
            covers = {**boxes, **filled_shape_boxes(record)}
            for name, box in boxes.items():
                if not said_numbers & set(numbers_in(name)):
                    continue
                for other, other_box in covers.items():
                    if (
                        _words(record, other) != _words(record, name)
                        and other not in fading
                        and overlap(box, other_box)
                    ):
                        out.append(f"{time:.2f} s: {other!r} covers {name!r} while {cue!r} is said")
    return out


def filled_shape_boxes(record: dict) -> dict[str, list[float]]:
    """The boxes of a moment's filled shapes (seen, not ghosts): what covers what is under it."""
    return {
        name: [
            s["at"][0] - s["size"][0] / 2,
            s["at"][1] - s["size"][1] / 2,
            s["at"][0] + s["size"][0] / 2,
            s["at"][1] + s["size"][1] / 2,
        ]
        for name, s in record.get("shapes", {}).items()
        if s.get("fill_opacity", 0) >= SEEN and "at" in s and "size" in s
    }
