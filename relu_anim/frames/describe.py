"""A moment's record: every registered describer run over what the scene shows.

:func:`describe` walks the scene's mobjects (and the trackers its updaters read), gives
each the most specific describer registered (:mod:`.registry`) and builds one section
per kind of thing, plus the ``content`` box and the ``camera``. The built-in describers
(:mod:`.lesson`, :mod:`.describers`) register here, before the first walk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .measures import PRECISION, drawn, mob_name, rounded, visible
from .registry import ALWAYS, SECTION_BUILDERS, Context, describer_for, is_registered


def register_builtins() -> None:
    """Manim's mobjects register when :mod:`.describers` is imported; the lesson's
    components (:mod:`.lesson`) again whenever their module was imported afresh
    (pytest's in-process runs re-import it: a new class is a new kind)."""
    from ..components.graph import Graph
    from .describers import SAMPLES  # noqa: F401 - registers Manim's (imported here: it imports Manim)
    from .lesson import register_lesson_describers

    if not is_registered(Graph):
        register_lesson_describers()


def describe(scene) -> dict:
    """What the viewer sees now, one section per kind of thing (see
    :mod:`relu_anim.frames`)."""
    register_builtins()
    context = Context(scene)
    covered: set[int] = set()
    visited: set[int] = set()
    counts: dict[tuple[str, str], int] = {}

    def walk(mob, scope: str, key: str | None = None) -> None:
        if id(mob) in visited:
            return
        visited.add(id(mob))
        describer = describer_for(mob)
        base = key or (describer.name if describer and describer.name else mob_name)(mob)
        counts[scope, base] = counts.get((scope, base), 0) + 1
        path = f"{scope}{base}" + (f"#{counts[scope, base]}" if counts[scope, base] > 1 else "")
        if id(mob) not in covered and describer and describer.section:
            covered.update(id(m) for m in (describer.covers(mob) if describer.covers else mob.get_family()))
            if not describer.shown_only or visible(mob):
                context.entries.append((describer, mob, path))
        keys = {id(v): str(k) for k, v in getattr(mob, "submob_dict", {}).items()}  # a VDict's parts by key
        for sub in mob.submobjects:
            walk(sub, f"{path}/", keys.get(id(sub)))

    for top in [*scene.mobjects, *_unseen_roots(scene)]:
        walk(top, "")
    record: dict = {section: {} for section in ALWAYS}
    by_section: dict[str, list] = {}
    for entry in context.entries:
        by_section.setdefault(entry[0].section, []).append(entry)
    for section, entries in by_section.items():
        build = SECTION_BUILDERS.get(section, _named_entries)
        built = build(entries, context)
        if built or section in ALWAYS:
            record[section] = built
    record["content"] = _content_box(scene.mobjects)
    from .describers import camera_record

    camera = camera_record(scene)
    if camera:
        record["camera"] = camera
    return record


def _named_entries(entries: list, context: Context) -> dict:
    out = {}
    for describer, mob, path in entries:
        entry = describer.record(mob, context)
        if entry is not None:
            out[path] = entry
    return out


def _unseen_roots(scene) -> list:
    """Mobjects a scene reads but has not added (a ``ValueTracker`` that updaters read)."""
    from .describers import unseen_trackers

    return unseen_trackers(scene)


def _content_box(mobjects: Sequence) -> list[float]:
    """``[left, bottom, right, top]`` of everything drawn (inside the frame), in scene
    units; ``[]`` for an empty frame. What the composition rules measure."""
    from manim import config

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    lows, highs = [], []
    for mob in mobjects:
        for leaf in mob.get_family():
            if len(leaf.points) and drawn(leaf):
                lows.append(leaf.points[:, :2].min(axis=0))
                highs.append(leaf.points[:, :2].max(axis=0))
    if not lows:
        return []
    (left, bottom), (right, top) = np.min(lows, axis=0), np.max(highs, axis=0)
    edges = (max(left, -half_w), max(bottom, -half_h), min(right, half_w), min(top, half_h))
    return [rounded(v, PRECISION["scene"]) for v in edges]
