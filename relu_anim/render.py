"""Rendering one stage: its files in a folder. This is what a batch worker runs.

:func:`render_stage_files` plays a stage's scene with Manim and writes, into a folder
it is given, the stage's finished files (see :func:`output_names`)::

    <stage>.mp4 | .webm | .gif     the video (MP4: H.264 yuv420p, faststart)
    <stage>.srt, <stage>.vtt       its captions, SRT and WebVTT
    <stage>.poster.png             its poster: a stage's opening picture (the end of its first
                                   sentence, :func:`relu_anim.media.captions.opening_time`:
                                   its last frame gives the result away), a card's last frame,
                                   or the stage's poster_time
    <stage>.png                    --format png: the stage's last frame, nothing else

Where finished files end up (``media_dir`` defaults to ``media/``)::

    media/<quality>[-dark]/...             the default lesson (network part3)
    media/<network>/<quality>[-dark]/...   a lesson of another network
    media/.work/                           temporary working folders (Manim's files)

A stage may also be rendered in chunks on several workers (:mod:`relu_anim.chunks`):
:func:`render_chunk` plays one chunk, :func:`join_chunks` writes the same files from
all of them, through the same :func:`_write_files`.

The batch engine (:mod:`relu_anim.batch`) decides what to render and moves finished
files into place atomically (:func:`staged`, :func:`install`): an interrupted render
never leaves a half-written file where a finished one belongs.

Importing this module does not import Manim or PyAV; rendering does.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .destination import umask
from .media import MANIM_ENCODER, Format, UnknownFormat, get_format
from .model import DEFAULT_PRESET, Lesson
from .ownership import Claim
from .play import Play, playing
from .stages import Stage, get_stage
from .theme import DEFAULT_THEME

DEFAULT_MEDIA_DIR = Path("media")
DEFAULT_NETWORK = DEFAULT_PRESET  # its outputs go straight into media/<quality>/
WORK_DIR = ".work"  # media/.work: temporary working folders
MAX_INFLIGHT_ENCODERS = 2  # animations' segments encoded at once, behind the drawing


class RenderError(RuntimeError):
    """A render that could not be done; the message is one line for the user."""


def one_line(error: BaseException) -> str:
    """An exception as one short line: its type and its message's first line."""
    text = str(error).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(error, RenderError):
        return message
    kind = type(error).__name__
    line = f"{kind}: {message}" if message else kind
    return line if len(line) <= 300 else line[:297] + "..."


def output_dir(media_dir: Path | str, play: Play, network: str = DEFAULT_NETWORK) -> Path:
    """Where files of this play's quality and theme, and of this network, go:
    ``media/high``, ``media/low-dark``, ``media/part1/low``..."""
    folder = play.quality.folder + ("" if play.theme.name == DEFAULT_THEME else f"-{play.theme.name}")
    base = Path(media_dir) if network == DEFAULT_NETWORK else Path(media_dir) / network
    return base / folder


def network_name(lesson: Lesson | None) -> str:
    """The folder name a lesson's files go under: the default lesson renders straight
    into the media folder, any other into one named after its network, so two lessons
    never overwrite each other."""
    return DEFAULT_NETWORK if lesson is None or lesson.is_default else lesson.name


#: The joined lesson's name in its files: lesson.mp4, lesson.srt...
LESSON = "lesson"


def lesson_names(format: str) -> dict[str, str]:
    """The joined lesson's files in ``format``, by role: a stage's, and its chapters."""
    names = output_names(LESSON, format)
    poster = names.pop("poster")
    return {**names, "chapters": f"{LESSON}.chapters.vtt", "poster": poster}  # in the order they are listed


def output_names(name: str, format: str) -> dict[str, str]:
    """The files a stage (or ``"lesson"``) gives in ``format``, by role."""
    return format_named(format).file_names(name)


def format_named(name: str) -> Format:
    """The format named ``name`` (:data:`relu_anim.media.FORMATS`); :class:`RenderError` if none is."""
    try:
        return get_format(name)
    except UnknownFormat as error:
        raise RenderError(str(error)) from None


@dataclass(frozen=True)
class StageFiles:
    """What :func:`render_stage_files` wrote: file names by role (see
    :func:`output_names`), and the video's shape."""

    stage: str
    format: str
    files: dict[str, str]
    width: int
    height: int
    fps: float
    frames: int
    duration: float
    voice: str = "none"  # who narrates it (relu_anim.voice): its sound track, if any
    #: Seconds into the video of its opening picture (its poster's moment; the page shows it
    #: before Play); None for a card, a picture, or a stage with its own ``poster_time``.
    opening: float | None = None


def poster_at_opening(stage: Stage) -> bool:
    """Whether the stage's poster is its opening picture: a stage's last frame gives its
    result away (a card's is its whole text, to be read: a card keeps it), unless the
    stage names its own ``poster_time``."""
    return not stage.is_card and stage.poster_time is None


def render_stage_files(
    stage: Stage | str,
    folder: Path | str,
    play: Play = Play(),
    *,
    format: str = "mp4",
    on_frame: Callable[[int], None] | None = None,
) -> StageFiles:
    """Render one stage into ``folder`` under ``play`` (Manim works in a subfolder,
    removed after).

    The play's voice narrates it (:mod:`relu_anim.voice`), with its clips cached under
    ``play.clips`` (the media folder; :meth:`Play.with_clips`). A narrated MP4 or WebM
    carries the track (AAC, Opus); a GIF has no sound.

    ``on_frame(frames)`` is called with the number of frames drawn so far, as they
    are drawn. Any failure is a :class:`RenderError` with one line naming the stage.
    """
    stage = get_stage(stage) if isinstance(stage, str) else stage
    folder = Path(folder)
    manim_dir = folder / ".manim"
    try:
        with _manim_errors(stage.name):
            played = _play(stage, manim_dir, play, format, on_frame)
            return _write_files(stage, folder, play, format, played, manim_dir)
    finally:
        shutil.rmtree(manim_dir, ignore_errors=True)


@dataclass
class Played:
    """What playing a stage (or a chunk of it, :func:`render_chunk`) gave: its video
    (Manim's MP4), its captions (Manim's .srt), frames drawn, the poster frame (at the
    stage's ``poster_time``) and last frame drawn, and what was said: (start, cue, clip)
    in order. A chunk's video is ``None``: its ``segments`` (path by animation index)
    are joined with the other chunks' (:func:`join_chunks`)."""

    video: Path | None
    captions: Path | None
    frames: int
    poster: object
    last: object
    said: list
    segments: dict[int, str] = field(default_factory=dict)


def _write_files(stage: Stage, folder: Path, play: Play, format: str, played: Played, manim_dir: Path) -> StageFiles:
    """The stage's files in ``folder`` (:func:`output_names`) from what playing it gave."""
    from .media import captions as caption_files
    from .media import video as video_files

    file_format = format_named(format)
    names = file_format.file_names(stage.name)
    size = play.quality
    frames, video, captions, poster = played.frames, played.video, played.captions, played.poster
    opening = None
    if not file_format.video:
        video_files.save_png(played.last, folder / names["picture"])
    else:
        if played.said and file_format.carries_sound:
            _with_narration(video, played.said, frames / size.fps, file_format, folder / names["video"], manim_dir)
        else:
            file_format.make_from(video, folder / names["video"])
        if file_format.carries_captions:
            caption_files.copy_manim_srt(captions, folder / names["srt"])
            caption_files.srt_to_vtt(folder / names["srt"], folder / names["vtt"])
        if poster_at_opening(stage):
            last_moment = round(max(frames / size.fps - 0.1, 0.0), 2)  # a short stage's 1.5 s
            opening = min(caption_files.opening_time(caption_files.read_srt(captions)), last_moment)
            poster = video_files.frame_at(video, opening)  # Manim's MP4: every format's pictures
        video_files.save_png(played.last if poster is None else poster, folder / names["poster"])
    return StageFiles(
        stage.name,
        format,
        names,
        size.width,
        size.height,
        size.fps,
        frames,
        frames / size.fps,
        play.voice.name,
        opening,
    )


def _with_narration(video: Path, said, duration: float, format: Format, dest: Path, work: Path) -> None:
    """The video with its narration's track (:mod:`relu_anim.voice.track`)."""
    from .media import video as video_files
    from .voice.cache import clip_samples
    from .voice.track import RATE, build_track, fix_encoded_peaks

    track = build_track([(start, *clip_samples(clip)) for start, _, clip in said], duration)
    if not format.copies_packets:  # made in its own encoding first, then the sound added
        silent = work / f"{dest.stem}.silent{format.suffix}"
        format.make_from(video, silent)
        video = silent
    video_files.add_audio(video, track, RATE, dest, fix_encoded_peaks)


def _play(stage: Stage, manim_dir: Path, play: Play, format: str, on_frame, keep: range | None = None) -> Played:
    """Run Manim: the whole stage, or with ``keep`` one chunk of it (the animations of
    those indices encoded, the ones before played undrawn, the scene ended after them:
    :class:`relu_anim.segments.ChunkRenderer`)."""
    picture_only = not format_named(format).video
    settings = {
        **MANIM_ENCODER,
        "media_dir": str(manim_dir.resolve()),
        "format": "none" if picture_only else "mp4",
        "verbosity": "WARNING",
        # Encode each animation's segment while the next ones are drawn (Manim's default,
        # 1, waits for every segment's last frames before drawing on). Same bytes.
        "max_inflight_encoders": MAX_INFLIGHT_ENCODERS,
        "output_file": stage.name,
    }
    with playing(stage, play, manim=settings, renderer=functools.partial(_renderer, keep)) as scene:
        counter = _FrameCounter(scene.renderer, stage.poster_time, on_frame, draw=not picture_only)
        scene.render()
        last = scene.renderer.get_frame()[..., :3].copy()
        said = list(getattr(scene, "narration", ()))
    if picture_only:
        return Played(None, None, counter.frames, None, last, said)
    writer = scene.renderer.file_writer
    subcaptions = writer.output_plan.subcaption_file
    if keep is not None:
        return Played(None, subcaptions, counter.frames, counter.poster, last, said, writer.segments())
    return Played(Path(writer.movie_file_path), subcaptions, counter.frames, counter.poster, last, said)


def render_chunk(stage: Stage | str, folder: Path | str, play: Play, keep: range, on_frame=None) -> Played:
    """Play the chunk ``keep`` (animation indices, :func:`relu_anim.chunks.cut`) of
    ``stage`` in ``folder`` (Manim's files in ``folder/.manim``, kept for the join):
    its segments are those a whole render writes for these animations. What was said,
    and the captions, are the whole stage's up to the chunk's end (the last chunk's:
    the stage's)."""
    stage = get_stage(stage) if isinstance(stage, str) else stage
    with _manim_errors(stage.name):
        return _play(stage, Path(folder) / ".manim", play, "mp4", on_frame, keep)


def join_chunks(
    stage: Stage | str, chunks: list[Played], folder: Path | str, play: Play, *, format: str = "mp4"
) -> StageFiles:
    """The files :func:`render_stage_files` writes, in ``folder``, from ``stage``'s
    chunks (:func:`render_chunk`, every animation in one of them, in order): their
    segments joined without re-encoding, the last chunk's captions and narration (it
    played the whole stage), the frames of all, the poster from the chunk that drew it."""
    from .segments import join_segments

    stage = get_stage(stage) if isinstance(stage, str) else stage
    folder = Path(folder)
    segments = {i: path for chunk in chunks for i, path in chunk.segments.items()}
    if sorted(segments) != list(range(len(segments))):
        raise RenderError(f"{stage.name}: its chunks do not cover its animations once each")
    work = folder / ".join"
    work.mkdir(parents=True, exist_ok=True)
    try:
        with _manim_errors(stage.name):
            video = work / f"{stage.name}.mp4"
            join_segments([segments[i] for i in range(len(segments))], video)
            last = chunks[-1]
            poster = next((c.poster for c in chunks if c.poster is not None), None)
            played = Played(video, last.captions, sum(c.frames for c in chunks), poster, last.last, last.said)
            return _write_files(stage, folder, play, format, played, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _renderer(keep: range | None = None):
    """The renderer a stage's video is drawn with: still mobjects drawn once per animation
    (:class:`relu_anim.layers.LayeredRenderer`), segments written by
    :class:`relu_anim.segments.SegmentWriter`; with ``keep``, only that chunk's animations
    drawn and encoded (:class:`relu_anim.layers.LayeredChunkRenderer`)."""
    from .layers import LayeredChunkRenderer, LayeredRenderer  # imported here: Manim is slow to import
    from .segments import ChunkWriter, SegmentWriter

    if keep is None:
        return LayeredRenderer(file_writer_class=SegmentWriter)
    return LayeredChunkRenderer(keep=keep, file_writer_class=functools.partial(ChunkWriter, keep=keep))


class _FrameCounter:
    """Wraps the renderer's ``add_frame``: counts frames, keeps the poster frame and
    reports progress. With ``draw=False`` frames are not written anywhere."""

    def __init__(self, renderer, poster_time: float | None, on_frame, draw: bool = True) -> None:
        self.renderer, self.poster_time, self.on_frame, self.draw = renderer, poster_time, on_frame, draw
        self.frames, self.poster = 0, None
        self._add_frame = renderer.add_frame
        renderer.add_frame = self.add_frame

    def add_frame(self, frame, num_frames: int = 1) -> None:
        if self.renderer.skip_animations:
            return
        if getattr(self.renderer, "dry", False):  # before a chunk: the clock moves, nothing is kept
            self._add_frame(frame, num_frames)
            return
        start = self.renderer.time
        if self.draw:
            self._add_frame(frame, num_frames)
        else:
            self.renderer.time += num_frames / self.renderer.camera.frame_rate
        if self.poster_time is not None and self.poster is None and start <= self.poster_time < self.renderer.time:
            self.poster = frame[..., :3].copy()
        self.frames += num_frames
        if self.on_frame is not None:
            self.on_frame(self.frames)


@contextlib.contextmanager
def _manim_errors(name: str) -> Iterator[None]:
    """Manim, PyAV or scene errors become one-line RenderErrors naming the stage."""
    try:
        yield
    except RenderError as error:
        raise RenderError(f"{name}: {error}") from None
    except Exception as error:  # noqa: BLE001 - a scene can raise anything; the user gets one line
        raise RenderError(f"{name}: {one_line(error)}") from error


# -- putting files in place -----------------------------------------------------------


@contextlib.contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest`` (``.<stem>.*.part<suffix>``, under a
    :class:`~relu_anim.ownership.Claim`, so that ``relu-anim clean`` knows it if this
    process is killed); once the block succeeds, it replaces ``dest`` in one rename.
    On failure the temporary file is removed and ``dest`` is left as it was."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with Claim(dest.parent, prefix=f".{dest.stem}.", suffix=f".part{dest.suffix}") as tmp:
        yield tmp
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, dest)


def install_file(source: Path, dest: Path) -> None:
    """Copy ``source`` to ``dest`` atomically."""
    with staged(dest) as tmp:
        shutil.copyfile(source, tmp)


def install(files: Mapping[str, Path | bytes], dest_dir: Path) -> None:
    """Put files (by name: a path to move, or the bytes) into ``dest_dir``, each in one
    atomic step. Paths on the same file system are renamed, others copied first."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        dest = dest_dir / name
        if isinstance(content, bytes):
            with staged(dest) as tmp:
                tmp.write_bytes(content)
            continue
        os.chmod(content, 0o666 & ~umask())
        try:
            os.replace(content, dest)
        except OSError:  # another file system
            install_file(content, dest)


@contextlib.contextmanager
def work_folder(media_dir: Path | str) -> Iterator[Path]:
    """A fresh temporary folder under ``media/.work`` (a claimed ``job-*``), removed afterwards."""
    with job_folder(Path(media_dir) / WORK_DIR) as folder:
        yield folder


def job_folder(root: Path) -> Claim:
    """A new claimed job folder in ``root`` (``media/.work``, made if missing): how
    every working folder is made, so that ``relu-anim clean`` knows a killed one."""
    root.mkdir(parents=True, exist_ok=True)
    return Claim(root, prefix="job-", suffix="", folder=True)


@dataclass(frozen=True)
class RenderedStage:
    stage: Stage
    video: Path
    captions: Path | None


def render_stage(
    stage: Stage | str,
    play: Play = Play(),
    *,
    media_dir: Path | str = DEFAULT_MEDIA_DIR,
    format: str = "mp4",
    network: str | None = None,
) -> RenderedStage:
    """Render one stage under ``play`` straight into its output folder, whether or not
    it is up to date (the batch engine, :func:`relu_anim.batch.build`, is the one that
    checks). Narration clips are cached in ``media_dir``."""
    stage = get_stage(stage) if isinstance(stage, str) else stage
    dest = output_dir(media_dir, play, network or network_name(play.lesson))
    with work_folder(media_dir) as folder:
        made = render_stage_files(stage, folder, play.with_clips(media_dir), format=format)
        install({name: folder / name for name in made.files.values()}, dest)
    main = made.files.get("video", made.files.get("picture"))
    return RenderedStage(stage, dest / main, dest / made.files["srt"] if "srt" in made.files else None)
