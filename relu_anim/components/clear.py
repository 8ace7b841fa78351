"""Labels kept clear of texts already on screen, besides the curves :func:`place_clear`
avoids: two value labels of equal numbers at neighbouring dosages on a flat stretch (a
network of one node, or any network flat at 0 there), a value label at 0 beside the
x-axis's tick words."""

from __future__ import annotations

from manim import DL, DOWN, DR, LEFT, RIGHT, UL, UP, UR

from ..composition import overlap
from .layout import place_clear

#: The sides :func:`place_clear` falls back to, in its order, after the ones asked for.
FALLBACK_SIDES = (UP, DOWN, RIGHT, LEFT, UR, UL, DR, DL)


def box(mobject) -> tuple[float, float, float, float]:
    """``mobject``'s ``(left, bottom, right, top)``."""
    (left, bottom, _), (right, top, _) = mobject.get_corner(DL), mobject.get_corner(UR)
    return left, bottom, right, top


def place_clear_of(label, dot, avoid=(), sides=(), taken=(), **options):
    """:func:`place_clear` (``options``: its ``buff``, ``across``), on the first side
    whose place also overlaps none of the mobjects in ``taken`` (by the composition
    rules' :func:`~relu_anim.composition.overlap`). Where ``place_clear``'s own first
    choice overlaps nothing it is kept: the same place as ``place_clear`` alone. Where
    every side overlaps something, ``place_clear``'s choice."""
    boxes = [box(m) for m in taken]
    candidates = (*sides, *FALLBACK_SIDES)
    for start in range(len(candidates)):  # place_clear's first fit from each side on, in its order
        place_clear(label, dot, avoid, candidates[start:], **options)
        if not any(overlap(box(label), other) for other in boxes):
            return label
    return place_clear(label, dot, avoid, sides, **options)
