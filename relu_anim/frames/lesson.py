"""The records of the lesson's own components: graphs (``graphs``, with their marks named
by the theme's roles or where they stand), network diagrams (``diagrams``) and texts and
equations (``texts``, keyed by what they say). See :mod:`relu_anim.frames` for the
sections and the naming rule.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np

from .measures import PRECISION, box, hex_color, point, rounded, text_of, visible
from .registry import SECTION_BUILDERS, Context, describes


def register_lesson_describers() -> None:
    """Register the lesson's components: graphs (with their marks), network diagrams, texts and equations."""
    from manim import Text

    from ..components.diagram import NetworkDiagram
    from ..components.equation import Equation
    from ..components.graph import Graph, OnGraph

    own = (Text, Equation, Graph, OnGraph)
    describes(OnGraph, "marks")(lambda mob, context: None)  # listed in its graph's record
    describes(Text, "texts")(None)
    describes(Equation, "texts")(None)
    describes(Graph, "graphs", covers=lambda g: _family_except(g, own, whole=(g.axes, g.x_title, g.y_title)))(None)
    describes(NetworkDiagram, "diagrams", covers=lambda d: _family_except(d, own))(None)
    SECTION_BUILDERS.update(
        graphs=_graphs_section, diagrams=_diagrams_section, texts=_texts_section, marks=lambda *_: {}
    )


def _family_except(mob, kinds: tuple, whole: Sequence = ()) -> list:
    """``mob``'s family without the parts of ``kinds`` (and their families), which are
    described on their own; the families in ``whole`` are covered all the same."""
    keep: set[int] = set()
    for part in mob.get_family()[1:]:
        if isinstance(part, kinds) and id(part) not in keep:
            keep.update(id(m) for m in part.get_family())
    keep -= {id(m) for group in whole for m in group.get_family()}
    return [m for m in mob.get_family() if id(m) not in keep]


def _graphs_section(entries: list, context: Context) -> dict:
    from ..components.graph import OnGraph

    graphs = [mob for _, mob, _ in entries if visible(mob.axes)]
    marks = context.found(OnGraph)
    names = _unique([_graph_name(g) for g in graphs])
    return {name: _graph_record(g, [m for m in marks if m.graph is g]) for name, g in zip(names, graphs)}


def _diagrams_section(entries: list, context: Context) -> dict:
    diagrams = [mob for _, mob, _ in entries]
    names = _unique(["diagram"] * len(diagrams))
    return {name: _diagram_record(d) for name, d in zip(names, diagrams)}


def _texts_section(entries: list, context: Context) -> dict:
    return _texts_record([mob for _, mob, _ in entries])


def _graph_name(graph) -> str:
    kind = type(graph).__name__
    return {"DosagePlot": "plot", "ActivationGraph": "activation"}.get(kind, "graph")


def _graph_record(graph, marks: list) -> dict:
    kinds = [_mark_kind(m) for m in marks]
    shown = [(m, k) for m, k in zip(marks, kinds) if k and visible(m)]
    names = _unique([_mark_name(graph, m, k) for m, k in shown])
    titles = [(axis, title) for axis, title in (("x", graph.x_title), ("y", graph.y_title)) if graph.titles.get(axis)]
    fading = {axis: rounded(_glyph_opacity(t), PRECISION["opacity"]) for axis, t in titles if _glyph_opacity(t) < 1}
    record = {
        "kind": type(graph).__name__,
        "x_range": [rounded(v, PRECISION["data"]) for v in graph.x_range],
        "y_range": [rounded(v, PRECISION["data"]) for v in graph.y_range],
        "titles": {axis: title for axis, title in graph.titles.items() if title},
        "ticks": {axis: labels for axis, labels in graph.tick_labels.items() if labels},
        "at": point(graph.area.get_center()),
        "size": [rounded(graph.area.width, PRECISION["scene"]), rounded(graph.area.height, PRECISION["scene"])],
        "title_boxes": {axis: box(title) for axis, title in titles if visible(title)},
        "marks": {name: _mark_record(m, k) for name, (m, k) in zip(names, shown)},
    }
    if fading:  # titles fading in or out (a dissolve): only then, so records at rest keep their shape
        record["title_opacity"] = fading
    return record


def _mark_kind(mark) -> str | None:
    from ..components.graph import GraphBar, GraphCurve, GraphDot

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
        data = {"x": [rounded(v, r) for v in np.ravel(mark.x)], "y": [rounded(v, r) for v in np.ravel(mark.y)]}
        color, opacity = mark.get_stroke_color(), mark.get_stroke_opacity()
    elif kind == "bar":
        data = {"x": rounded(mark.x, r), "from": rounded(mark.start_value, r), "to": rounded(mark.end_value, r)}
        color, opacity = mark.get_stroke_color(), mark.get_stroke_opacity()
    else:
        data = {"x": rounded(mark.x, r), "y": rounded(mark.y, r), "at": point(mark.get_center())}
        filled = mark.get_fill_opacity() > 0
        color = mark.get_fill_color() if filled else mark.get_stroke_color()
        opacity = mark.get_fill_opacity() if filled else mark.get_stroke_opacity()
        if not filled:  # a ring only (a data point drawn hollow)
            data["hollow"] = True
        elif mark.get_stroke_width() > 0 and mark.get_stroke_opacity() > 0:  # an outline ring around the fill
            data["ring"] = hex_color(mark.get_stroke_color())
    if getattr(mark, "may_leave_axes", False):  # declared: drawn beyond the axes on purpose
        data["may_leave_axes"] = True
    return {**data, "color": hex_color(color), "opacity": rounded(opacity, PRECISION["opacity"])}


def _diagram_record(diagram) -> dict:
    muted = hex_color(diagram.theme.muted)
    edges = {}
    for key, edge in diagram.edges.items():
        if visible(edge):
            edges[key] = {"color": hex_color(edge.get_stroke_color()), "width": rounded(edge.get_stroke_width(), 1)}
    record = {
        "highlighted": sorted(k for k, e in edges.items() if e["color"] != muted),
        "edges": edges,
        "activations": {k: getattr(icon, "activation", "") for k, icon in diagram.icons.items() if visible(icon)},
        "at": point(diagram.get_center()),
        "width": rounded(diagram.width, PRECISION["scene"]),
        "nodes": {
            k: box(node[0])
            for k, node in diagram.nodes.items()
            if k != "out" and len(node.submobjects) and visible(node[0])
        },
    }
    opacity = max((n[0].get_stroke_opacity() for n in diagram.nodes.values() if len(n.submobjects)), default=1.0)
    if opacity < 1:  # fading in or out (a dissolve): only then, so records at rest keep their shape
        record["opacity"] = rounded(opacity, PRECISION["opacity"])
    return record


def _texts_record(texts: list) -> dict:
    centres = {id(t): t.get_center() for t in texts}  # asked once each: a text's centre is costly
    entries = sorted(
        ((text_of(t), t) for t in texts if text_of(t).strip()),
        key=lambda e: (e[0], -round(centres[id(e[1])][1], 2), round(centres[id(e[1])][0], 2)),
    )
    names = _unique([text for text, _ in entries])
    out = {
        name: {
            "at": point(centres[id(t)]),
            "box": box(t),
            "size": rounded(_text_size(t), PRECISION["scene"]),
            "color": hex_color(_glyph_color(t)),
            "opacity": rounded(_glyph_opacity(t), PRECISION["opacity"]),
        }
        for name, (_, t) in zip(names, entries)
    }
    for name, (_, t) in zip(names, entries):
        written = _written_share(t)
        if written < 1:  # being written (or unwritten): only then, so records at rest keep their shape
            out[name]["written"] = rounded(written, PRECISION["opacity"])
    return out


def _written_share(text) -> float:
    """The share of a text's glyphs drawn in full while others are not (a ``Write`` on
    its way): 1 for a text at rest or fading as a whole."""
    leaves = [m for m in text.get_family() if len(m.points)]
    fills = [m.get_fill_opacity() for m in leaves]
    if not fills or max(fills) < 0.99:
        return 1.0
    return sum(f >= 0.99 for f in fills) / len(fills)


def _text_size(mob) -> float:
    """How big ``mob``'s letters are: the height of a capital at its font size, as
    scaled now, in scene units. Unlike the height of its box, it does not depend on what
    the text says ("Hours" and "Dosage" at one size have boxes of different heights)."""
    text = mob.text if hasattr(mob, "string") else mob  # an Equation is typeset as one Text
    if hasattr(text, "lines_text"):  # a Paragraph: its lines were typeset as one Text, then scaled with it
        lines = text.lines_text
        return lines.font_size * _capital_per_font_unit(lines.font) * text.height / max(lines.height, 1e-9)
    font = getattr(text, "font", None)
    if font is None:  # a number or TeX: the font of its first Text part, else the default
        font = next((m.font for m in text.get_family() if hasattr(m, "font")), "")
    return text.font_size * _capital_per_font_unit(font)


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


def _role(color) -> str:
    """The theme's name for a colour (``top``, ``output``...; a node colour past the
    palette's first two, ``node3`` to ``node8``: the third to eighth node from the top),
    else its hex."""
    from ..theme import current_theme

    theme, hexed = current_theme(), hex_color(color)
    colors = theme.drawing_colors
    roles = ("top", "bottom", "output", "highlight", "muted", "text", "data")  # text and data may share one
    for role in (*roles, *(name for name in colors if name.startswith("node"))):
        if hex_color(colors[role]) == hexed:
            return role
    return hexed


def _unique(names: list[str]) -> list[str]:
    """``["a", "a", "b"]`` -> ``["a", "a#2", "b"]``."""
    counts: dict[str, int] = {}
    out = []
    for name in names:
        counts[name] = counts.get(name, 0) + 1
        out.append(name if counts[name] == 1 else f"{name}#{counts[name]}")
    return out
