"""Frame data for Manim's own mobjects: the describers registered with
:func:`relu_anim.frames.describes` (:mod:`.registry`) for any Manim scene, lesson or not.

Sections of a moment's record (each appears when something is in it):

- ``axes``: ``Axes``, ``NumberPlane``, ``NumberLine`` (and their subclasses): ranges,
  lengths, tick values, the numbers shown and the axis labels' text;
- ``curves``: plotted curves (``plot``, ``plot_line_graph``, ``ParametricFunction``) and
  plain paths, sampled at :data:`SAMPLES` points, in the axes' own coordinates when they
  lie on axes (``on`` names the axes), else in scene units;
- ``shapes``: ``Dot``, ``Circle``, ``Square``, ``Rectangle``, ``Polygon``, ``Line``,
  ``Arrow``, ``Vector`` and the other circles, polygons and lines: place, size and look
  (stroke and fill colours, opacities, stroke width) in scene units, and ``coords`` in
  the axes' coordinates when they sit on axes;
- ``texts``: ``Text``, ``MarkupText``, ``Paragraph``, ``DecimalNumber``, ``Integer``,
  ``MathTex``/``Tex``, keyed by what they say, with centre, box and letter size;
- ``trackers``: ``ValueTracker`` values (also trackers the scene never added, read by
  its updaters);
- ``mobjects``: any other mobject drawn: its class, box and look, so nothing on screen
  is missing from the data;
- ``camera``: a moving camera's frame (centre, width, height), a zoomed scene's zoomed
  frame and display, a 3D camera's angles (degrees), zoom and focal distance.

Groups (``VGroup``, ``Group``, ``VDict`` and groups of one's own) are described through
their parts, which are named under them: ``VGroup/Circle#2``.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    Arc,
    Axes,
    DecimalNumber,
    Group,
    Line,
    MarkupText,
    Mobject,
    NumberLine,
    Paragraph,
    ParametricFunction,
    Polygram,
    SingleStringMathTex,
    Text,
    ValueTracker,
    VDict,
    VGroup,
    VMobject,
)
from manim.mobject.types.image_mobject import AbstractImageMobject

from .measures import PRECISION, box, drawn, look, point, rounded, text_of, visible
from .registry import describer_for, describes

#: Points kept of every curve: evenly spaced along its Bézier pieces' parameter.
SAMPLES = 24


# -- groups: described through their parts ------------------------------------------------

for _group in (Group, VGroup, VDict):
    describes(_group, None)


# -- axes -----------------------------------------------------------------------------------


@describes(Axes, "axes")  # NumberPlane, ThreeDAxes, ComplexPlane, PolarPlane too
def _axes(axes, context) -> dict:
    axis_names = "xyz"[: len(axes.get_axes())]
    out = {"class": type(axes).__name__, "at": point(axes.get_center())}
    for name, axis in zip(axis_names, axes.get_axes()):
        out[name] = _axis(axis)
    labels = getattr(axes, "axis_labels", None)
    if labels is not None and any(m in axes.get_family() for m in labels.get_family()):
        out["labels"] = [text_of(label) for label in labels]
    return out


@describes(NumberLine, "axes")
def _number_line(line, context) -> dict:
    return {"class": type(line).__name__, "at": point(line.get_center()), "x": _axis(line)}


def _axis(axis) -> dict:
    r = PRECISION["data"]
    start, end = axis.get_start(), axis.get_end()
    out = {
        "range": [rounded(v, r) for v in axis.x_range],
        "length": rounded(float(np.linalg.norm(end - start)), PRECISION["scene"]),
        "ticks": [rounded(v, r) for v in axis.get_tick_range()] if axis.include_ticks else [],
    }
    numbers = getattr(axis, "numbers", None)
    if numbers is not None and len(numbers) and any(visible(n) for n in numbers):
        out["numbers"] = [text_of(n) for n in numbers if visible(n)]
    labels = getattr(axis, "labels", None)
    if labels is not None and len(labels):
        out["labels"] = [text_of(label) for label in labels if visible(label)]
    return out


def _coords(axes, at) -> list[float]:
    return [rounded(v, PRECISION["data"]) for v in axes.point_to_coords(at)]


# -- curves ---------------------------------------------------------------------------------


@describes(ParametricFunction, "curves")
def _curve(curve, context) -> dict | None:
    if curve.get_num_curves() == 0:
        return None
    points = _samples(curve)
    out = {"class": type(curve).__name__}
    held = context.axes_under(points)
    if held:
        name, axes = held
        coords = np.array([axes.point_to_coords(p) for p in points])
        out["on"] = name
        out["x"] = [rounded(v, PRECISION["data"]) for v in coords[:, 0]]
        out["y"] = [rounded(v, PRECISION["data"]) for v in coords[:, 1]]
    else:
        out["x"] = [rounded(v, PRECISION["scene"]) for v in points[:, 0]]
        out["y"] = [rounded(v, PRECISION["scene"]) for v in points[:, 1]]
    return {**out, **look(curve)}


# A plain VMobject is a path (a line graph's polyline, a traced path, set_points_*).
describes(VMobject, "curves", exact=True)(_curve)


def _samples(curve) -> np.ndarray:
    """:data:`SAMPLES` points, evenly spaced in the Bézier pieces' parameter (for a
    plotted function: evenly spaced in x)."""
    pieces = curve.get_num_curves()
    out = []
    for alpha in np.linspace(0, 1, SAMPLES):
        index = min(int(alpha * pieces), pieces - 1)
        out.append(curve.get_nth_curve_function(index)(alpha * pieces - index))
    return np.array(out)


# -- shapes -----------------------------------------------------------------------------------


def _shape(mob, context) -> dict:
    center = mob.get_center()
    out = {
        "class": type(mob).__name__,
        "at": point(center),
        "size": [rounded(mob.width, PRECISION["scene"]), rounded(mob.height, PRECISION["scene"])],
        **look(mob),
    }
    held = context.axes_under([center])
    if held:
        out["on"], axes = held
        out["coords"] = _coords(axes, center)
    return out


describes(Arc, "shapes")(_shape)  # Circle, Dot, Ellipse, Annulus' arcs...


@describes(Polygram, "shapes")  # Polygon, Rectangle, Square, Triangle, RegularPolygon, Star
def _polygon(mob, context) -> dict:
    out = _shape(mob, context)
    vertices = np.array([v for group in mob.get_vertex_groups() for v in group]).reshape(-1, 3)
    if not len(vertices):  # being drawn from nothing (Create at its start)
        return out
    out["x"] = [rounded(v, PRECISION["scene"]) for v in vertices[:, 0]]
    out["y"] = [rounded(v, PRECISION["scene"]) for v in vertices[:, 1]]
    held = context.axes_under(vertices)
    if held:
        out["on"], axes = held
        coords = np.array([axes.point_to_coords(v) for v in vertices])
        out["coords"] = {
            "x": [rounded(v, PRECISION["data"]) for v in coords[:, 0]],
            "y": [rounded(v, PRECISION["data"]) for v in coords[:, 1]],
        }
    return out


@describes(Line, "shapes")  # Arrow, Vector, DashedLine...
def _line(mob, context) -> dict:
    start, end = mob.get_start(), mob.get_end()
    out = {**_shape(mob, context), "from": point(start), "to": point(end)}
    out.pop("coords", None)
    held = context.axes_under([start, end])
    if held:
        out["on"], axes = held
        out["coords"] = {"from": _coords(axes, start), "to": _coords(axes, end)}
    return out


# -- texts --------------------------------------------------------------------------------------
# Texts go into the lesson's "texts" section (relu_anim.frames.lesson), keyed by what
# they say; these classes only need to be recognised as texts.

for _text in (Text, MarkupText, Paragraph, DecimalNumber, SingleStringMathTex):
    describes(_text, "texts")(None)


# -- trackers ---------------------------------------------------------------------------------------


@describes(ValueTracker, "trackers", shown_only=False)
def _tracker(tracker, context):
    value = tracker.get_value()
    if isinstance(value, complex):
        return [rounded(value.real, PRECISION["data"]), rounded(value.imag, PRECISION["data"])]
    return rounded(value, PRECISION["data"])


def unseen_trackers(scene) -> list:
    """``ValueTracker``s the scene holds or its updaters read, not added to it: the
    scene's attributes, then what updaters (and functions they call) close over."""
    family = {id(m) for m in scene.get_mobject_family_members()}
    found: list = []

    def add(value) -> None:
        if isinstance(value, ValueTracker) and id(value) not in family and all(value is not f for f in found):
            found.append(value)

    for value in vars(scene).values():
        add(value)
    functions = [*scene.updaters, *(u for m in scene.get_mobject_family_members() for u in m.updaters)]
    seen: set[int] = set()
    while functions:
        function = functions.pop(0)
        if id(function) in seen:
            continue
        seen.add(id(function))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            add(value)
            if callable(value) and hasattr(value, "__closure__"):
                functions.append(value)
    return found


# -- anything else --------------------------------------------------------------------------------


def _parts_not_described_elsewhere(mob) -> list:
    """``mob``'s family, less the parts that have describers of their own (a curve on a
    graph inside a dashed copy, a text inside one's own mobject): they get entries."""
    own: set[int] = set()
    for part in mob.get_family()[1:]:
        describer = describer_for(part)
        if id(part) not in own and describer and describer.section and describer.kind is not Mobject:
            own.update(id(m) for m in part.get_family())
    return [m for m in mob.get_family() if id(m) not in own]


@describes(Mobject, "mobjects", covers=_parts_not_described_elsewhere)
def _other(mob, context) -> dict | None:
    shown = [m for m in mob.get_family() if len(m.points) and drawn(m)]
    if not shown:
        return None
    out = {"class": type(mob).__name__, "box": box(mob), **look(shown[0])}
    if isinstance(mob, AbstractImageMobject):
        out["opacity"] = rounded(getattr(mob, "opacity", 1.0), PRECISION["opacity"])
    return out


# -- the camera ------------------------------------------------------------------------------------


def camera_record(scene) -> dict:
    """The camera, when it can move: a moving camera's frame, a 3D camera's angles."""
    camera = scene.renderer.camera
    out: dict = {}
    frame = getattr(camera, "frame", None)
    if frame is not None:
        out["frame"] = _frame(frame)
    if hasattr(camera, "get_phi"):
        out.update(
            {
                "phi": rounded(math.degrees(camera.get_phi()), PRECISION["scene"]),
                "theta": rounded(math.degrees(camera.get_theta()), PRECISION["scene"]),
                "gamma": rounded(math.degrees(camera.get_gamma()), PRECISION["scene"]),
                "zoom": rounded(camera.get_zoom(), PRECISION["scene"]),
                "focal_distance": rounded(camera.get_focal_distance(), PRECISION["scene"]),
            }
        )
    zoomed = getattr(scene, "zoomed_camera", None)
    if zoomed is not None:
        out["zoomed"] = {
            "active": bool(scene.zoom_activated),
            "frame": _frame(zoomed.frame),
            "display": _frame(scene.zoomed_display),
        }
    return out


def _frame(mob) -> dict:
    return {
        "at": point(mob.get_center()),
        "width": rounded(mob.width, PRECISION["scene"]),
        "height": rounded(mob.height, PRECISION["scene"]),
    }
