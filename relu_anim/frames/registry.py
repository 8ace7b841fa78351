"""The describers' registry: what frame data says about each kind of mobject.

:func:`describes` registers a describer for a class (the lesson's components in
:mod:`.lesson`, Manim's mobjects in :mod:`.describers`, a project's own the same way);
:func:`describer_for` finds the most specific one for a mobject; a :class:`Context` is
what a describer may ask about the moment (:func:`relu_anim.frames.describe.describe`
walks the scene). No Manim import until a mobject is looked up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .measures import look


@dataclass(frozen=True)
class Describer:
    """How one kind of mobject appears in frame data (see :func:`describes`)."""

    kind: type
    section: str | None  # None: a container, described through its parts
    record: Callable | None = None  # record(mob, context) -> dict, or None when not shown
    name: Callable | None = None  # name(mob) -> str; default: the mobject's ``name``
    covers: Callable | None = None  # covers(mob) -> the mobjects its record accounts for
    exact: bool = False  # only this class, not its subclasses
    shown_only: bool = True  # described only while some part of it is drawn


_DESCRIBERS: dict[tuple[type, bool], Describer] = {}


def describes(
    kind: type,
    section: str | None,
    *,
    name: Callable | None = None,
    covers: Callable | None = None,
    exact: bool = False,
    shown_only: bool = True,
) -> Callable:
    """Register ``record(mob, context) -> dict`` as what frame data says about ``kind``
    (and its subclasses, unless ``exact``), under ``section`` of every moment's record.

    ``section=None`` (with no function) makes ``kind`` a container: its parts are
    described one by one, named under it (``VGroup/Circle#2``). ``name(mob)`` gives the
    entry's name (default: the mobject's ``name``, which Manim sets to its class's name
    unless the scene gives one); a second entry of one name in the same group gets
    ``#2``, so adding a mobject renames no other kind. ``covers(mob)`` lists the
    mobjects the record already accounts for (default: its whole family), which get
    no entries of their own. The most specific registered class wins, so a project
    registers its own components the same way::

        @describes(Pendulum, "shapes")
        def _pendulum(pendulum, context):
            return {"angle": round(pendulum.angle, 2), **context.look(pendulum)}
    """

    def register(record: Callable | None) -> Callable | None:
        _DESCRIBERS[(kind, exact)] = Describer(kind, section, record, name, covers, exact, shown_only)
        return record

    if section is None:
        register(None)
        return lambda record: record
    return register


def describer_for(mob) -> Describer | None:
    """The registered describer of ``mob``'s class (an exact match first, then its bases).
    The built-in describers register before a scene is described
    (:func:`relu_anim.frames.describe.register_builtins`)."""
    found = _DESCRIBERS.get((type(mob), True))
    if found:
        return found
    found = [_DESCRIBERS[(kind, False)] for kind in type(mob).__mro__ if (kind, False) in _DESCRIBERS]
    if not found or found[0].section:
        return found[0] if found else None
    if len(mob.points) and (found[0].kind, True) not in _DESCRIBERS:  # a group drawing its own points is a path too
        return _DESCRIBERS.get((_vmobject_class(), True), found[0])
    if mob.submobjects and all(_is_glyph(m) or type(m) is type(mob) for m in mob.get_family()[1:]):
        return _DESCRIBERS.get(
            (_mobject_class(), False), found[0]
        )  # loose letters (a readout swapping glyphs): one thing
    # A group that is also something else (a VGroup and a CoordinateSystem) is that thing.
    group = found[0]
    return next((d for d in found[1:] if d.section and not issubclass(group.kind, d.kind)), group)


def is_registered(kind: type, exact: bool = False) -> bool:
    """Whether ``kind`` has a describer of its own (``exact``: for that class only)."""
    return (kind, exact) in _DESCRIBERS


def _is_glyph(mob) -> bool:
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

    return isinstance(mob, VMobjectFromSVGPath)


def _vmobject_class() -> type:
    from manim import VMobject

    return VMobject


def _mobject_class() -> type:
    from manim import Mobject

    return Mobject


@dataclass
class Context:
    """What a describer may ask about the moment being described."""

    scene: object
    entries: list = field(default_factory=list)  # (describer, mob, path), in scene order

    def found(self, kind: type) -> list:
        """Every mobject of ``kind`` given an entry at this moment, in scene order."""
        return [mob for _, mob, _ in self.entries if isinstance(mob, kind)]

    def axes_under(self, points) -> tuple[str, object] | None:
        """The first axes on screen (in scene order) holding most of ``points`` within
        their ranges, and their name; None when no axes do."""
        from manim import CoordinateSystem

        points = np.atleast_2d(points)
        for describer, axes, path in self.entries:
            if not isinstance(axes, CoordinateSystem) or describer.section != "axes":
                continue
            coords = np.array([axes.point_to_coords(p) for p in points])
            ranges = [axis.x_range for axis in axes.get_axes()]
            inside = np.ones(len(points), dtype=bool)
            for i, (low, high, *_rest) in enumerate(ranges):
                pad = 0.01 * abs(high - low)
                inside &= (coords[:, i] >= low - pad) & (coords[:, i] <= high + pad)
            if inside.mean() >= 0.5:
                return path, axes
        return None

    @staticmethod
    def look(mob) -> dict:
        """``mob``'s stroke and fill: colours, opacities, the stroke's width."""
        return look(mob)


#: How each section's entries become the section (default: name -> record).
SECTION_BUILDERS: dict[str, Callable] = {}
#: Sections every record has, even when empty (the lesson's; others appear when used).
ALWAYS = ("graphs", "diagrams", "texts")
