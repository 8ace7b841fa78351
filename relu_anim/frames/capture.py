"""Capturing moments: a scene played with its animations skipped (no video encoded),
stopped at the end of every beat (or of every ``play`` and ``wait``), at the last frame
and at any moment asked for, each moment described (:func:`.describe.describe`) and, if
asked, drawn as a small PNG. See :mod:`relu_anim.frames` for what a record holds.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import functools
import json
import math
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..play import Play, playing
from ..render import staged
from ..stages import Stage
from .describe import describe
from .loading import FramesError, is_lesson_scene, resolve_scene, scene_name
from .measures import PRECISION, mob_name, rounded

#: The size of the PNG kept for every moment: small, but big enough to see a layout.
FRAME_SIZE = (384, 216)
END = "end"


#: Frame data plays at this quality's frame rate (15 fps), drawn at :data:`FRAME_SIZE`:
#: what ``relu-anim frames``, the tests and their snapshots see.
FRAME_QUALITY = "l"

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
            "duration": rounded(self.duration, 3),
            "precision": PRECISION,
            "frame_size": list(FRAME_SIZE),
            "moments": [
                {"time": rounded(m.time, 3), "label": m.label, "caption": m.caption, "png": png_name(i, m), **m.record}
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
    play: Play | None = None,
    frames: bool = True,
    size: tuple[int, int] | None = FRAME_SIZE,
    whole: bool = True,
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
    ``play`` is how it plays (:class:`relu_anim.play.Play`: the quality's frame rate, the
    theme, the voice that times the beats to its narration, the lesson); by default
    :data:`FRAME_QUALITY`'s frame rate, light, silent, the scene's own lesson. A lesson
    (``play.lesson``) applies to lesson scenes only.
    ``frames=False`` skips drawing the PNG frames (faster); they are ``size`` pixels
    (``None``: the play's quality's size). ``whole=False`` stops
    playing once the last time in ``at`` is taken (not with ``"end"``): the opening of a
    scene costs little then, and ``duration`` runs to the end of the animation it stopped in.
    ``every=0.25`` also takes a moment every 0.25 s from 0 to the end, in the same play,
    without drawing its frame (``on_grid``; :meth:`Frames.named` leaves them out): what the
    composition rules read between beats.
    ``opening=False`` plays a stage that ``replays_previous`` without the previous stage's
    last picture (:func:`relu_anim.play.closing_picture`), as plain ``manim`` plays it.
    """
    play = play or Play.of(FRAME_QUALITY)
    if isinstance(scene, str):
        scene = resolve_scene(scene)
    name = scene_name(scene)
    scene_class = scene.load() if isinstance(scene, Stage) else scene
    lessons = is_lesson_scene(scene_class)
    if play.lesson is not None and not lessons:
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
    settings = {"format": "none", "media_dir": _private_media_dir()}
    if size is not None:
        settings.update(pixel_width=size[0], pixel_height=size[1])
    with (
        _images_drawable(),
        playing(
            scene,
            play,
            manim=settings,
            opening=opening,
            skip_animations=True,
            subclass=lambda scene_class: _recording(scene_class, recorder),
        ) as played,
    ):
        recorder.draw = functools.partial(
            type(played.renderer).update_frame, played.renderer
        )  # what no_drawing replaced
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
            self.renderer.time = start + video_seconds(self)  # the video's clock, not the exact run time
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


def video_seconds(scene) -> float:
    """How long the play ``scene`` has just played lasts in its video: a whole number of
    frames, counted as Manim's Cairo renderer writes them (a still wait:
    ``int(duration / dt)`` frames; anything else: one frame per step of
    ``np.arange(0, duration, dt)``, one more than the exact run time where the division
    falls short, as 1.3 s at 15 fps makes 20 frames). Played with its animations
    skipped, Manim counts the exact run time instead; frame data counts the video's
    frames, so its times (a beat's end, a caption's start, a sentence waited for) are
    the video's."""
    from manim import config

    dt = 1 / config["frame_rate"]
    if scene.is_current_animation_frozen_frame():
        return int(scene.duration / dt) * dt
    return len(np.arange(0, scene.duration, dt)) * dt


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
        return f"{mob_name(animation.mobject)}.animate." + ".".join(m.method.__name__ for m in animation.methods)
    if isinstance(animation, AnimationGroup):
        return f"{kind}({animation_label(animation.animations)})"
    mob = getattr(animation, "mobject", None)
    target = getattr(animation, "target_mobject", None)
    names = [mob_name(m) for m in (mob, target if "Transform" in kind else None) if m is not None]
    return f"{kind}({', '.join(names)})"


def save_png(frame: np.ndarray, path: Path) -> Path:
    """Write an RGBA frame to ``path`` as PNG, atomically."""
    from ..media.video import save_png as write_png

    path = Path(path)
    with staged(path) as tmp:
        write_png(frame, tmp)
    return path
