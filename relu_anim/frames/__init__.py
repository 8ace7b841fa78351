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
  centre, ``box`` and ``size`` (the height of a capital letter at its font size) in
  scene units, its colour and opacity;
- ``content``: the box ``[left, bottom, right, top]`` around everything drawn, in scene
  units (what the composition rules measure);
- for Manim's own mobjects, ``axes``, ``curves``, ``shapes``, ``trackers``, ``mobjects``
  and ``camera`` (see :mod:`relu_anim.frames.describers`), each when something is in it.

What goes where is one registry of describers (:func:`describes`): the lesson's
components register in :mod:`.lesson`, Manim's in :mod:`.describers`, a project's own the
same way. Any ``manim.Scene`` plays: a ``LessonScene`` stops at the end of every beat,
any other scene at the end of every ``play`` and ``wait``, labelled by what it played.

Numbers are rounded to a stated precision (:data:`PRECISION`) so that records compare
exactly and read well. Mark names follow one rule: curves are named by their colour's
role in the theme (``curve[top]``, ``curve[output]``), dots and bars by where they stand
(``dot[medium]`` on a dosage plot's labelled dosages, else ``dot[0.20]``); a second
mark of the same name gets ``#2``.

Nothing here pickles: records are JSON, frames are PNG.

    loading.py     scenes from names and files (resolve_scene, line_in)
    capture.py     playing a scene and taking its moments (capture_frames, time_limit)
    describe.py    a moment's record: the describers run over the scene (describe)
    registry.py    the describers' registry (describes, describer_for, Context)
    lesson.py      the records of the lesson's own components (graphs, diagrams, texts)
    describers.py  the records of Manim's own mobjects (axes, curves, shapes, camera)
    measures.py    what every describer measures (rounding, boxes, colours, visibility)

The layers, lowest first: measures -> registry -> lesson, describers -> describe;
loading -> capture. Nothing imports upward, and only capture's play imports Manim at
once: ``relu-anim --help`` reads this package without it.
"""

from __future__ import annotations

from .capture import (
    END,
    FRAME_QUALITY,
    FRAME_SIZE,
    PLAY_TIMEOUT,
    Frames,
    Moment,
    PlayTimedOut,
    animation_label,
    capture_frames,
    png_name,
    save_png,
    time_limit,
)
from .describe import describe
from .loading import FramesError, is_scene_file, line_in, load_scene_file, resolve_scene, scene_name
from .measures import PRECISION
from .registry import ALWAYS, Context, Describer, describer_for, describes

__all__ = [
    "ALWAYS",
    "END",
    "FRAME_QUALITY",
    "FRAME_SIZE",
    "PLAY_TIMEOUT",
    "PRECISION",
    "Context",
    "Describer",
    "Frames",
    "FramesError",
    "Moment",
    "PlayTimedOut",
    "animation_label",
    "capture_frames",
    "describe",
    "describer_for",
    "describes",
    "is_scene_file",
    "line_in",
    "load_scene_file",
    "png_name",
    "resolve_scene",
    "save_png",
    "scene_name",
    "time_limit",
]
