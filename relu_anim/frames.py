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
  and ``camera`` (see :mod:`relu_anim.describers`), each when something is in it.

What goes where is one registry of describers (:func:`describes`): the lesson's
components register here, Manim's in :mod:`relu_anim.describers`, a project's own the
same way. Any ``manim.Scene`` plays: a ``LessonScene`` stops at the end of every beat,
any other scene at the end of every ``play`` and ``wait``, labelled by what it played.

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
import copy
import functools
import json
import math
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .model import Lesson
from .openings import no_drawing
from .render import SEED, staged
from .stages import CARDS, STAGES, Stage, UnknownStage, get_stage
from .theme import use_theme
from .voice import use_voice

#: Decimals kept: data coordinates, scene units (positions, sizes), opacities, widths.
PRECISION = {"data": 4, "scene": 2, "opacity": 2, "width": 1}
#: The size of the PNG kept for every moment: small, but big enough to see a layout.
FRAME_SIZE = (384, 216)
END = "end"


class FramesError(ValueError):
    """A moment that is not in the scene, or a scene that cannot be played."""


#: The longest a scene may take to load and play, animations skipped (``frames`` and
#: ``stills``' ``--timeout``): the slowest stage, ``derivative``, takes 9 s with its
#: narration, 15 s for ``frames --out`` with process start on a busy 2-core machine.
PLAY_TIMEOUT = 600.0


class PlayTimedOut(BaseException):
    """A scene still loading or playing when its :func:`time_limit` ran out. Not an
    ``Exception``: a scene's own ``except Exception`` cannot swallow it (Ctrl-C's way)."""


@dataclass
class Moment:
    """One sampled moment: its record and its frame (an (H, W, 4) RGBA array)."""

    time: float
    label: str  # "beat 3", "end", "at 12.5s"
    record: dict
    frame: np.ndarray | None = None
    caption: str = ""
    since: float | None = field(default=None, repr=False)  # a play's start: its caption is the one shown during it
    on_grid: bool = False  # taken for ``every=`` (no frame drawn), not asked for by name


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

    def named(self) -> Frames:
        """These frames without the moments taken only for ``every=`` (what snapshots keep)."""
        return Frames(self.scene_name, self.duration, [m for m in self.moments if not m.on_grid], self.scene)

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
        scene = resolve_scene(scene)
    if isinstance(scene, Stage):
        return scene.name
    for stage in (*STAGES, *CARDS):
        if stage.plays(scene):
            return stage.name
    return re.sub(r"(?<!^)(?=[A-Z])", "-", scene.__name__).lower()


def is_scene_file(spec: str) -> bool:
    """Whether ``spec`` names a Python file (``path/to/file.py`` or ``file.py:Scene``)."""
    return spec.partition(":")[0].endswith(".py")


def resolve_scene(spec: str, name: str | None = None) -> type | Stage:
    """A stage by its name, or a scene class from a file: ``"file.py:SceneName"``, or
    ``"file.py"`` with ``name`` (as ``manim file.py SceneName`` takes it), or ``"file.py"``
    alone when it defines one scene. Raises :class:`FramesError` (one line) otherwise."""
    if not is_scene_file(spec):
        if name:
            raise FramesError(f"{spec!r} is a stage; a scene name goes with a file (file.py SceneName)")
        try:
            return get_stage(spec)
        except UnknownStage as error:
            raise FramesError(str(error)) from None
    path_text, _, in_spec = spec.partition(":")
    if in_spec and name and in_spec != name:
        raise FramesError(f"two scene names: {in_spec!r} and {name!r}")
    return load_scene_file(path_text, in_spec or name)


def load_scene_file(path: Path | str, name: str | None = None) -> type:
    """The scene class ``name`` defined in the Python file ``path`` (run as a module, its
    folder importable while it loads)."""
    import importlib.util
    import sys

    from manim import Scene

    path = Path(path)
    if not path.is_file():
        raise FramesError(f"{path}: no such file")
    module_name = "relu_anim_scene_" + re.sub(r"\W", "_", str(path.resolve()))
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    sys.path.insert(0, str(path.resolve().parent))
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        raise FramesError(f"{path}: line {error.lineno}: {error.msg}") from None
    except Exception as error:  # the file's own code failed: say what, in one line
        raise FramesError(f"{path}{line_in(path, error)}: cannot load it: {type(error).__name__}: {error}") from None
    except SystemExit as error:  # not the end of relu-anim: a scene file that stops is one that failed
        raise FramesError(f"{path}{line_in(path, error)}: cannot load it: it called sys.exit({error.code!r})") from None
    finally:
        sys.path.remove(str(path.resolve().parent))
    scenes = [
        v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Scene) and v.__module__ == module_name
    ]
    if name is None:
        if len(scenes) == 1:
            return scenes[0]
        listed = ", ".join(s.__name__ for s in scenes) or "none"
        raise FramesError(f"{path}: name the scene (file.py:SceneName); it defines {listed}")
    found = getattr(module, name, None)
    if not (isinstance(found, type) and issubclass(found, Scene)):
        listed = ", ".join(s.__name__ for s in scenes) or "none"
        raise FramesError(f"{path}: no scene named {name!r} (it defines {listed})")
    return found


def line_in(path: Path | str, error: BaseException) -> str:
    """``" (line 6)"``: the last line of the scene file ``path`` that ``error`` passed
    through (where the file's own code failed), or ``""``."""
    import traceback

    file = Path(path).resolve()
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve() == file]
    return f" (line {lines[-1]})" if lines else ""


def _is_lesson_scene(scene_class: type) -> bool:
    from .scene import LessonScene

    return issubclass(scene_class, LessonScene)


# -- capturing -----------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`PlayTimedOut` in the code run inside after ``seconds``, and again every
    second until it has left (a real-time alarm, ``SIGALRM``: a scene that catches even
    that once is stopped the next time): a play that never ends stops where it is, its
    context managers undone on the way out. Only the main thread gets signals: elsewhere
    there is no limit. Import Manim before: stopped halfway, an import would leave a
    broken module behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise PlayTimedOut(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    every: float | None = None,
    opening: bool = True,
) -> Frames:
    """Play ``scene`` without encoding, and return its frame data. ``scene`` is any
    ``manim.Scene`` subclass (a ``LessonScene``, a plain ``Scene``, ``MovingCameraScene``,
    ``ZoomedScene``, ``ThreeDScene``...), a :class:`Stage`, a stage's name, or
    ``"path/to/file.py:SceneName"``.

    ``at`` lists moments in seconds, or ``"end"``; by default, the end of every beat (a
    lesson's) or of every ``play`` and ``wait`` (any other scene's), and the last frame.
    A moment past the scene's end raises :class:`FramesError`.
    ``frames=False`` skips drawing the PNG frames (faster). ``whole=False`` stops
    playing once the last time in ``at`` is taken (not with ``"end"``): the opening of a
    scene costs little then, and ``duration`` runs to the end of the animation it stopped in.
    ``voice`` times the beats to its narration (:mod:`relu_anim.voice`; default silent),
    its clips cached under ``media_dir`` (default: the user's cache folder,
    :func:`relu_anim.voice.cache.user_cache_dir`).
    ``every=0.25`` also takes a moment every 0.25 s from 0 to the end, in the same play,
    without drawing its frame (``on_grid``; :meth:`Frames.named` leaves them out): what the
    composition rules read between beats.
    ``opening=False`` plays a stage that ``replays_previous`` without the previous stage's
    last picture (:func:`relu_anim.openings.closing_picture`), as plain ``manim`` plays it.
    """
    from manim import tempconfig

    if isinstance(scene, str):
        scene = resolve_scene(scene)
    name = scene_name(scene)
    scene_class = scene.load() if isinstance(scene, Stage) else scene
    lessons = _is_lesson_scene(scene_class)
    if lesson is not None and not lessons:
        raise FramesError(
            f"{scene_class.__name__} is not a LessonScene: a network (lesson=) applies to lesson scenes only"
        )
    asked = None if at is None else list(at)
    times = sorted({float(m) for m in asked or () if m != END})
    for t in times:
        if not math.isfinite(t) or t < 0:
            raise FramesError(f"{t!r} is not a time in the scene")
    recorder = _Recorder(times, beats=asked is None, end=asked is None or END in asked, frames=frames, every=every)
    recorder.stop_early = not whole and not recorder.end and not recorder.beats
    settings = {
        "pixel_width": size[0],
        "pixel_height": size[1],
        "frame_rate": 15,
        "format": "none",
        "seed": SEED,
        "verbosity": "ERROR",
        "progress_bar": "none",
        "disable_caching": True,
    }
    with (
        use_theme(theme),
        use_voice(voice, media_dir),
        tempconfig({**settings, "media_dir": _private_media_dir()}),
        _images_drawable(),
    ):
        arguments = {"lesson": lesson} if lessons else {}
        if lessons and opening and isinstance(scene, Stage):
            from .openings import closing_picture

            arguments["opening"] = closing_picture(scene, lesson, theme)
        played = _recording(scene_class, recorder)(**arguments, skip_animations=True)
        recorder.draw = played.renderer.update_frame
        played.renderer.update_frame = no_drawing  # skipped animations draw nothing we keep
        try:
            played.render()
        except _Taken:
            pass
        duration = played.renderer.time
        recorder.finish(played)
        captions = getattr(played, "beat_captions", None) or [
            (c.start.total_seconds(), c.end.total_seconds(), c.content) for c in played.renderer.file_writer.subcaptions
        ]
    late = [t for t in times if t > duration + 1e-9]
    if late:
        raise FramesError(f"{name} lasts {duration:.2f} s; {late[0]:g} s is past its end")
    moments = sorted(recorder.moments, key=lambda m: (m.time, m.label == END))
    for moment in moments:
        if moment.since is None:  # a lesson's last caption still reads at its end
            moment.caption = moment.caption or _caption_at(captions, moment.time, after_last=lessons)
        else:  # the end of a play: the caption shown while it played
            moment.caption = _caption_at(captions, (moment.since + moment.time) / 2, after_last=False)
    return Frames(name, duration, moments, played)


@contextlib.contextmanager
def _images_drawable():
    """Let Manim 0.22 draw image mobjects (a zoomed scene's display, ``ImageMobject``)
    on Pillow 12 and later, while a capture plays.

    Manim pastes each image onto ``Image.fromarray(np.zeros((h, w)), mode="RGBA")``: a
    float array cast to RGBA, which newer Pillow refuses ("Invalid mode for data type").
    That one call gets the blank RGBA image it meant (every byte 0); every other call
    goes to Pillow as it is. Undone when the capture ends."""
    from manim.camera import camera as camera_module
    from PIL import Image

    class BlankCanvasImage:
        def __getattr__(self, name):
            return getattr(Image, name)

        @staticmethod
        def fromarray(array, mode=None):
            if mode == "RGBA" and getattr(array, "ndim", 0) == 2 and not np.any(array):
                return Image.new("RGBA", (array.shape[1], array.shape[0]))
            return Image.fromarray(array) if mode is None else Image.fromarray(array, mode)

    original = camera_module.Image
    camera_module.Image = BlankCanvasImage()
    try:
        yield
    finally:
        camera_module.Image = original


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


def _caption_at(captions: Sequence[tuple[float, float, str]], time: float, after_last: bool = True) -> str:
    for start, end, text in captions:
        if start - 1e-9 <= time < end - 1e-9:
            return text
    return captions[-1][2] if after_last and captions and time >= captions[-1][1] - 1e-9 else ""


def _is_still(scene) -> bool:
    """Whether the animation playing is a wait that Manim itself would draw as one frozen
    frame (no time-based updater anywhere, no stop condition)."""
    from manim import Wait

    animations = scene.animations or []
    return len(animations) == 1 and isinstance(animations[0], Wait) and not scene.should_update_mobjects()


class _Taken(Exception):
    """Every moment asked for is taken: the rest of the scene need not play."""


class _Recorder:
    """Collects moments while a scene plays (see :func:`_recording`)."""

    stop_early = False

    def __init__(self, times: list[float], *, beats: bool, end: bool, frames: bool, every: float | None = None) -> None:
        self.pending, self.beats, self.end, self.frames = list(times), beats, end, frames
        self.every, self.grid = every, 0  # the next grid moment is grid * every
        if every is not None and not (math.isfinite(every) and every > 0):
            raise FramesError(f"every={every!r} is not a positive number of seconds")
        self.moments: list[Moment] = []
        self.still: dict | None = None  # the record grid moments copy while the picture stands still
        self.beat_count = 0
        self.draw = None  # the renderer's update_frame: draws the scene for a kept frame

    def take(self, scene, time: float, label: str, caption: str = "", on_grid: bool = False) -> None:
        """A moment of the scene as it is now, its updaters run once more (one updater may
        read what another sets later in the same pass: a dot following a tracer would
        otherwise lag a step behind it)."""
        scene.update_mobjects(0)
        frame = None
        if self.frames and not on_grid:
            scene.renderer.static_image = None  # draw everything afresh, on the background
            self.draw(scene)
            frame = scene.renderer.get_frame().copy()
        still = on_grid and self.still is not None  # nothing has moved since the last grid moment
        record = copy.deepcopy(self.still) if still else describe(scene)
        self.moments.append(Moment(time, label, record, frame, caption, on_grid=on_grid))

    def next_grid(self) -> float:
        return math.inf if self.every is None else self.grid * self.every

    def take_grid(self, scene, before: float) -> None:
        """Grid moments up to ``before`` not taken yet: the picture has not changed since."""
        while self.next_grid() <= before + 1e-9:
            t = self.next_grid()
            self.grid += 1
            self.take(scene, t, f"at {t:g}s", on_grid=True)
            self.still = self.moments[-1].record  # the same picture until ``before``
        self.still = None

    def take_pending(self, scene, before: float) -> None:
        """Moments up to ``before`` not taken yet: the picture has not changed since."""
        self.take_grid(scene, before)
        while self.pending and self.pending[0] <= before + 1e-9:
            t = self.pending.pop(0)
            self.take(scene, t, f"at {t:g}s")
        self.stop_if_done()

    def stop_if_done(self) -> None:
        if self.stop_early and not self.pending:
            raise _Taken

    def during(self, scene, start: float, duration: float) -> None:
        """Moments strictly inside an animation: step the animation to each."""
        end = start + duration - 1e-9
        still = _is_still(scene)  # a wait in which nothing moves: one picture throughout
        while True:  # named and grid moments, in time order
            named = self.pending[0] if self.pending and start - 1e-9 <= self.pending[0] < end else math.inf
            grid = self.next_grid() if start - 1e-9 <= self.next_grid() < end else math.inf
            t = min(named, grid)
            if t == math.inf:
                break
            scene.update_to_time(t - start)
            if grid <= named:
                self.grid += 1
            if named <= grid:
                self.pending.pop(0)
            self.take(scene, t, f"at {t:g}s", on_grid=grid < named)
            if still:
                self.still = self.moments[-1].record
        self.still = None
        self.stop_if_done()

    def played(self, scene, start: float, label: str) -> None:
        """The end of a ``play`` or ``wait`` of a scene without beats."""
        self.beat_count += 1
        if self.beats:
            self.take(scene, scene.renderer.time, label)
            self.moments[-1].since = start

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

    beats = hasattr(scene_class, "beat")

    class Recording(scene_class):
        def play(self, *args, **kwargs):
            recorder.take_pending(self, self.renderer.time)
            start = self.renderer.time
            super().play(*args, **kwargs)
            if not beats:
                recorder.take_pending(self, self.renderer.time)
                recorder.played(self, start, animation_label(self.animations or ()))

        def play_internal(self, skip_rendering: bool = False) -> None:
            duration = self.get_run_time(self.animations)
            recorder.during(self, self.renderer.time - duration, duration)
            super().play_internal(skip_rendering)

        if beats:

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


def animation_label(animations: Sequence) -> str:
    """What a ``play`` did, as a moment's label: ``Create(Circle), FadeIn(Text)``,
    ``Circle.animate.shift``, ``wait 1s``."""
    return ", ".join(_one_label(a) for a in animations) or "play"


def _one_label(animation) -> str:
    from manim import AnimationGroup, Wait
    from manim.animation.transform import _MethodAnimation

    kind = type(animation).__name__
    if isinstance(animation, Wait):
        return f"wait {animation.run_time:g}s"
    if isinstance(animation, _MethodAnimation):
        return f"{_mob_name(animation.mobject)}.animate." + ".".join(m.method.__name__ for m in animation.methods)
    if isinstance(animation, AnimationGroup):
        return f"{kind}({animation_label(animation.animations)})"
    mob = getattr(animation, "mobject", None)
    target = getattr(animation, "target_mobject", None)
    names = [_mob_name(m) for m in (mob, target if "Transform" in kind else None) if m is not None]
    return f"{kind}({', '.join(names)})"


# -- describing what is on screen: the describers' registry -------------------------------------------------------------


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
    """The registered describer of ``mob``'s class (an exact match first, then its bases)."""
    _register_builtin_describers()
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


def _is_glyph(mob) -> bool:
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

    return isinstance(mob, VMobjectFromSVGPath)


def _vmobject_class() -> type:
    from manim import VMobject

    return VMobject


def _mobject_class() -> type:
    from manim import Mobject

    return Mobject


def _register_builtin_describers() -> None:
    """Manim's mobjects register when :mod:`.describers` is imported; the lesson's
    components here, again whenever their module was imported afresh (pytest's
    in-process runs re-import it: a new class is a new kind)."""
    from . import describers  # noqa: F401
    from .components.graph import Graph

    if (Graph, False) not in _DESCRIBERS:
        _register_lesson_describers()


@dataclass
class Context:
    """What a describer may ask about the moment being described."""

    scene: object
    entries: list = field(default_factory=list)  # (describer, mob, path), in scene order

    def found(self, kind: type) -> list:
        """Every mobject of ``kind`` given an entry at this moment, in scene order."""
        return [mob for _, mob, _ in self.entries if isinstance(mob, kind)]

    def axes_under(self, points) -> tuple[str, object] | None:
        """The axes (and their name) that most of ``points`` lie on, if any."""
        from .describers import axes_holding

        return axes_holding(self, points)

    @staticmethod
    def look(mob) -> dict:
        """``mob``'s stroke and fill: colours, opacities, the stroke's width."""
        from .describers import look

        return look(mob)


#: How each section's entries become the section (default: name -> record).
_SECTION_BUILDERS: dict[str, Callable] = {}
#: Sections every record has, even when empty (the lesson's; others appear when used).
ALWAYS = ("graphs", "diagrams", "texts")


def describe(scene) -> dict:
    """What the viewer sees now, one section per kind of thing (see module doc)."""
    context = Context(scene)
    covered: set[int] = set()
    visited: set[int] = set()
    counts: dict[tuple[str, str], int] = {}

    def walk(mob, scope: str, key: str | None = None) -> None:
        if id(mob) in visited:
            return
        visited.add(id(mob))
        describer = describer_for(mob)
        base = key or (describer.name if describer and describer.name else _mob_name)(mob)
        counts[scope, base] = counts.get((scope, base), 0) + 1
        path = f"{scope}{base}" + (f"#{counts[scope, base]}" if counts[scope, base] > 1 else "")
        if id(mob) not in covered and describer and describer.section:
            covered.update(id(m) for m in (describer.covers(mob) if describer.covers else mob.get_family()))
            if not describer.shown_only or _visible(mob):
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
        build = _SECTION_BUILDERS.get(section, _named_entries)
        built = build(entries, context)
        if built or section in ALWAYS:
            record[section] = built
    record["content"] = _content_box(scene.mobjects)
    from .describers import camera_record

    camera = camera_record(scene)
    if camera:
        record["camera"] = camera
    return record


def _mob_name(mob) -> str:
    return str(getattr(mob, "name", None) or type(mob).__name__)


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


# -- the lesson's own components -------------------------------------------------------


def _register_lesson_describers() -> None:
    from manim import Text

    from .components.diagram import NetworkDiagram
    from .components.equation import Equation
    from .components.graph import Graph, OnGraph

    own = (Text, Equation, Graph, OnGraph)
    describes(OnGraph, "marks")(lambda mob, context: None)  # listed in its graph's record
    describes(Text, "texts")(None)
    describes(Equation, "texts")(None)
    describes(Graph, "graphs", covers=lambda g: _family_except(g, own, whole=(g.axes, g.x_title, g.y_title)))(None)
    describes(NetworkDiagram, "diagrams", covers=lambda d: _family_except(d, own))(None)
    _SECTION_BUILDERS.update(
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
    from .components.graph import OnGraph

    graphs = [mob for _, mob, _ in entries if _visible(mob.axes)]
    marks = context.found(OnGraph)
    names = _unique([_graph_name(g) for g in graphs])
    return {name: _graph_record(g, [m for m in marks if m.graph is g]) for name, g in zip(names, graphs)}


def _diagrams_section(entries: list, context: Context) -> dict:
    diagrams = [mob for _, mob, _ in entries]
    names = _unique(["diagram"] * len(diagrams))
    return {name: _diagram_record(d) for name, d in zip(names, diagrams)}


def _texts_section(entries: list, context: Context) -> dict:
    return _texts_record([mob for _, mob, _ in entries])


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
    titles = [(axis, title) for axis, title in (("x", graph.x_title), ("y", graph.y_title)) if graph.titles.get(axis)]
    fading = {axis: _round(_glyph_opacity(t), PRECISION["opacity"]) for axis, t in titles if _glyph_opacity(t) < 1}
    record = {
        "kind": type(graph).__name__,
        "x_range": [_round(v, PRECISION["data"]) for v in graph.x_range],
        "y_range": [_round(v, PRECISION["data"]) for v in graph.y_range],
        "titles": {axis: title for axis, title in graph.titles.items() if title},
        "ticks": {axis: labels for axis, labels in graph.tick_labels.items() if labels},
        "at": _point(graph.area.get_center()),
        "size": [_round(graph.area.width, PRECISION["scene"]), _round(graph.area.height, PRECISION["scene"])],
        "title_boxes": {axis: _box(title) for axis, title in titles if _visible(title)},
        "marks": {name: _mark_record(m, k) for name, (m, k) in zip(names, visible)},
    }
    if fading:  # titles fading in or out (a dissolve): only then, so records at rest keep their shape
        record["title_opacity"] = fading
    return record


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
        data = {"x": _round(mark.x, r), "y": _round(mark.y, r), "at": _point(mark.get_center())}
        filled = mark.get_fill_opacity() > 0
        color = mark.get_fill_color() if filled else mark.get_stroke_color()
        opacity = mark.get_fill_opacity() if filled else mark.get_stroke_opacity()
        if not filled:  # a ring only (a data point drawn hollow)
            data["hollow"] = True
        elif mark.get_stroke_width() > 0 and mark.get_stroke_opacity() > 0:  # an outline ring around the fill
            data["ring"] = _hex(mark.get_stroke_color())
    if getattr(mark, "may_leave_axes", False):  # declared: drawn beyond the axes on purpose
        data["may_leave_axes"] = True
    return {**data, "color": _hex(color), "opacity": _round(opacity, PRECISION["opacity"])}


def _diagram_record(diagram) -> dict:
    muted = _hex(diagram.theme.muted)
    edges = {}
    for key, edge in diagram.edges.items():
        if _visible(edge):
            edges[key] = {"color": _hex(edge.get_stroke_color()), "width": _round(edge.get_stroke_width(), 1)}
    record = {
        "highlighted": sorted(k for k, e in edges.items() if e["color"] != muted),
        "edges": edges,
        "activations": {k: getattr(icon, "activation", "") for k, icon in diagram.icons.items() if _visible(icon)},
        "at": _point(diagram.get_center()),
        "width": _round(diagram.width, PRECISION["scene"]),
        "nodes": {
            k: _box(node[0])
            for k, node in diagram.nodes.items()
            if k != "out" and len(node.submobjects) and _visible(node[0])
        },
    }
    opacity = max((n[0].get_stroke_opacity() for n in diagram.nodes.values() if len(n.submobjects)), default=1.0)
    if opacity < 1:  # fading in or out (a dissolve): only then, so records at rest keep their shape
        record["opacity"] = _round(opacity, PRECISION["opacity"])
    return record


def _texts_record(texts: list) -> dict:
    centres = {id(t): t.get_center() for t in texts}  # asked once each: a text's centre is costly
    entries = sorted(
        ((_text_of(t), t) for t in texts if _text_of(t).strip()),
        key=lambda e: (e[0], -round(centres[id(e[1])][1], 2), round(centres[id(e[1])][0], 2)),
    )
    names = _unique([text for text, _ in entries])
    out = {
        name: {
            "at": _point(centres[id(t)]),
            "box": _box(t),
            "size": _round(_text_size(t), PRECISION["scene"]),
            "color": _hex(_glyph_color(t)),
            "opacity": _round(_glyph_opacity(t), PRECISION["opacity"]),
        }
        for name, (_, t) in zip(names, entries)
    }
    for name, (_, t) in zip(names, entries):
        written = _written_share(t)
        if written < 1:  # being written (or unwritten): only then, so records at rest keep their shape
            out[name]["written"] = _round(written, PRECISION["opacity"])
    return out


def _written_share(text) -> float:
    """The share of a text's glyphs drawn in full while others are not (a ``Write`` on
    its way): 1 for a text at rest or fading as a whole."""
    leaves = [m for m in text.get_family() if len(m.points)]
    fills = [m.get_fill_opacity() for m in leaves]
    if not fills or max(fills) < 0.99:
        return 1.0
    return sum(f >= 0.99 for f in fills) / len(fills)


def _box(mob) -> list[float]:
    """``[left, bottom, right, top]`` of what ``mob`` draws, in scene units."""
    points = [m.points[:, :2] for m in mob.get_family() if len(m.points) and _drawn(m)] or [mob.get_center()[None, :2]]
    points = np.concatenate(points)
    (left, bottom), (right, top) = points.min(axis=0), points.max(axis=0)
    return [_round(v, PRECISION["scene"]) for v in (left, bottom, right, top)]


def _text_of(mob) -> str:
    text = getattr(mob, "string", None)  # an Equation
    if text is None and hasattr(mob, "lines_text"):  # a Paragraph
        text = mob.lines_text.original_text
    elif text is None and hasattr(mob, "_get_num_string"):  # a DecimalNumber, an Integer
        text = mob._get_num_string(mob.number)
    elif text is None:
        text = getattr(mob, "original_text", getattr(mob, "tex_string", getattr(mob, "text", "")))
    return " ".join(str(text).split())  # one line, single spaces: how it reads


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


def _visible(mob) -> bool:
    """Whether any part of ``mob`` is drawn (has points and some opacity)."""
    return any(len(m.points) and _drawn(m) for m in mob.get_family())


def _drawn(m) -> bool:
    """Whether ``m``'s own stroke or fill shows (only vector shapes are drawn: a
    ``ValueTracker`` has points but no look)."""
    from manim import VMobject
    from manim.mobject.types.image_mobject import AbstractImageMobject

    if isinstance(m, AbstractImageMobject):
        return getattr(m, "opacity", 1.0) > 0
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
