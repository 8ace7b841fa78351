"""What every describer measures: rounded numbers, boxes, colours, what shows, what a text
says. Shared by the registry, the lesson's describers and Manim's
(:mod:`.registry`, :mod:`.lesson`, :mod:`.describers`); Manim is imported only when a
mobject is measured.
"""

from __future__ import annotations

import numpy as np

#: Decimals kept: data coordinates, scene units (positions, sizes), opacities, widths.
PRECISION = {"data": 4, "scene": 2, "opacity": 2, "width": 1}


def mob_name(mob) -> str:
    """A mobject's name: the one the scene gave it, else its class's."""
    return str(getattr(mob, "name", None) or type(mob).__name__)


def box(mob) -> list[float]:
    """``[left, bottom, right, top]`` of what ``mob`` draws, in scene units."""
    points = [m.points[:, :2] for m in mob.get_family() if len(m.points) and drawn(m)] or [mob.get_center()[None, :2]]
    points = np.concatenate(points)
    (left, bottom), (right, top) = points.min(axis=0), points.max(axis=0)
    return [rounded(v, PRECISION["scene"]) for v in (left, bottom, right, top)]


def text_of(mob) -> str:
    text = getattr(mob, "string", None)  # an Equation
    if text is None and hasattr(mob, "lines_text"):  # a Paragraph
        text = mob.lines_text.original_text
    elif text is None and hasattr(mob, "_get_num_string"):  # a DecimalNumber, an Integer
        text = mob._get_num_string(mob.number)
    elif text is None:
        text = getattr(mob, "original_text", getattr(mob, "tex_string", getattr(mob, "text", "")))
    return " ".join(str(text).split())  # one line, single spaces: how it reads


def visible(mob) -> bool:
    """Whether any part of ``mob`` is drawn (has points and some opacity)."""
    return any(len(m.points) and drawn(m) for m in mob.get_family())


def drawn(m) -> bool:
    """Whether ``m``'s own stroke or fill shows (only vector shapes are drawn: a
    ``ValueTracker`` has points but no look)."""
    from manim import VMobject
    from manim.mobject.types.image_mobject import AbstractImageMobject

    if isinstance(m, AbstractImageMobject):
        return getattr(m, "opacity", 1.0) > 0
    if not isinstance(m, VMobject):
        return False
    return bool((m.get_stroke_opacity() > 0 and m.get_stroke_width() > 0) or m.get_fill_opacity() > 0)


def hex_color(color) -> str:
    return color.to_hex().upper() if hasattr(color, "to_hex") else str(color).upper()


def point(p) -> list[float]:
    return [rounded(p[0], PRECISION["scene"]), rounded(p[1], PRECISION["scene"])]


def rounded(value: float, decimals: int) -> float:
    return round(float(value), decimals) + 0.0  # + 0.0: no "-0.0"


def look(mob) -> dict:
    """Stroke and fill: colours (hex), opacities and the stroke's width."""
    from manim import VMobject

    if not isinstance(mob, VMobject):
        return {}
    return {
        "stroke": hex_color(mob.get_stroke_color()),
        "stroke_opacity": rounded(mob.get_stroke_opacity(), PRECISION["opacity"]),
        "stroke_width": rounded(mob.get_stroke_width(), PRECISION["width"]),
        "fill": hex_color(mob.get_fill_color()),
        "fill_opacity": rounded(mob.get_fill_opacity(), PRECISION["opacity"]),
    }
