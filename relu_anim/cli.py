"""``relu-anim``: the command line, a thin shell over the library."""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import threading
from contextlib import contextmanager

import click

from . import __version__
from .chunks import CORES_PER_RENDER
from .destination import DestinationError, check_folder, describe_os_error
from .media import FORMATS, formats_help
from .model import DEFAULT_PRESET, MAX_HIDDEN, PRESET_NAMES, ModelError, load_lesson
from .model.files import DOSAGE_RANGE
from .model.training import FIT_LEARNING_RATE, FIT_MAX_LEARNING_RATE, FIT_MIN_STEP, FIT_RESTARTS, FIT_SEED, FIT_STEPS
from .play import DEFAULT_QUALITY, Play
from .quality import QUALITIES
from .signals import TERMINATED_EXIT, Terminated
from .stages import UnknownStage, current_stages, get_stage
from .theme import DEFAULT_THEME, THEMES

DEFAULT_DOSAGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0)
#: What click 8.2+ raises for a group called with no command (8.1 prints the help itself).
NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class OneLineErrors(click.Group):
    """A group whose errors are one line on stderr (``relu-anim: ...``), never a
    usage dump or a traceback. Usage errors exit 2, other errors 1, Ctrl-C 130, SIGTERM 143."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            with terminate_as_exception():
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except Terminated:  # every finally: has run: workers stopped, temporary files removed
            click.echo("relu-anim: terminated; run the command again to finish", err=True)
            sys.exit(TERMINATED_EXIT)
        except NO_ARGS_IS_HELP as error:  # `relu-anim` alone: the help as click shows it (stderr, exit 2)
            error.show()
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"relu-anim: {one_line(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.Abort as error:
            if isinstance(error.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
                click.echo("relu-anim: interrupted", err=True)
                sys.exit(130)
            click.echo("relu-anim: aborted", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("relu-anim: interrupted", err=True)
            sys.exit(130)
        except OSError as error:  # a write that failed after the destination was checked (a disk filling up)
            click.echo(f"relu-anim: {one_line(describe_os_error(error))}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@contextmanager
def terminate_as_exception():
    """While in the block, SIGTERM raises :class:`relu_anim.signals.Terminated` in the main
    thread, so that cleanup runs as on Ctrl-C; a second SIGTERM is ignored (the cleanup
    is bounded; SIGKILL still ends it). The previous handler is restored after the block
    (a test runner calling the command keeps its own)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return

    def raise_terminated(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def one_line(message: str) -> str:
    """``message`` on one line: characters that would end or garble a line (a newline
    in a path, a control character) written as escapes (``\\n``, ``\\x1e``)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)


def writable_folder(folder, what: str = "output folder"):
    """``folder``, checked before any work (:func:`relu_anim.destination.check_folder`):
    a folder that cannot be written is a usage error, exit status 2."""
    try:
        return check_folder(folder, what)
    except DestinationError as error:
        raise click.UsageError(str(error)) from None


class NamedPath(click.Path):
    """A :class:`click.Path` that is not empty: ``--out ''`` would otherwise mean the
    current folder (``Path('')`` is ``.``), or nothing at all where the option is optional."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path names no file or folder", param, ctx)
        return super().convert(value, param, ctx)


class Dosage(click.ParamType):
    """A finite number: ``abc``, ``nan`` and ``inf`` are refused."""

    name = "dosage"

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            if str(value).startswith("-"):
                self.fail(f"no such option {value!r}", param, ctx)
            self.fail(f"dosage {value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"dosage {value!r} is not a finite number", param, ctx)
        return number


class Seconds(click.ParamType):
    """A time limit: a finite number of seconds above 0."""

    name = "seconds"

    def convert(self, value, param, ctx):
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0 or seconds > 1e9:
            self.fail(f"{value!r} is not a time limit (a number of seconds above 0)", param, ctx)
        return seconds


def timeout_option(command):
    """``--timeout SECONDS``: the longest a scene may load and play before it is stopped."""
    from .frames import PLAY_TIMEOUT

    return click.option(
        "--timeout",
        type=Seconds(),
        default=PLAY_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Stop a scene still loading or playing after this long (one line, exit status 2).",
    )(command)


class SceneName(click.ParamType):
    """A stage's or card's name (``relu-anim list``); a wrong one names the closest."""

    name = "scene"

    def convert(self, value, param, ctx):
        try:
            return get_stage(value).name
        except UnknownStage as error:
            raise click.UsageError(str(error), ctx) from None


class NetworkSpec(click.ParamType):
    """A preset's name (part3, one-node, ...) or a network file's path (1 to 8 hidden
    nodes); the value is the loaded :class:`relu_anim.model.Lesson` (its network:
    ``lesson.network``)."""

    name = "network"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value  # already a Lesson (a default, or a test passing one in)
        try:
            return load_lesson(value)
        except ModelError as error:  # FileError included: one line naming the file and key
            raise click.UsageError(str(error), ctx) from None


def network_option(command):
    """``--network NAME|FILE``, passed to the command as ``lesson`` (a Lesson)."""
    return click.option(
        "--network",
        "lesson",
        type=NetworkSpec(),
        default=DEFAULT_PRESET,
        show_default=True,
        metavar="NAME|FILE",
        help=f"Which network: {', '.join(PRESET_NAMES[:-1])} or {PRESET_NAMES[-1]} (the built-in ones), or a network file "
        "(.toml, e.g. from `relu-anim fit`).",
    )(command)


class VoiceSpec(click.ParamType):
    """A voice's name (joe, espeak, espeak:LANG, none); the value is the
    :class:`relu_anim.voice.Voice`. An unknown one lists the voices, one not installed
    says how to install it (both usage errors, exit 2)."""

    name = "voice"

    def convert(self, value, param, ctx):
        from .voice import Voice, VoiceError, get_voice

        if isinstance(value, Voice):
            return value
        try:
            return get_voice(value)
        except VoiceError as error:
            raise click.UsageError(str(error), ctx) from None


def voice_option(command):
    """``--voice NAME``: who narrates (default $RELU_ANIM_VOICE when set, else the best
    voice installed: :func:`relu_anim.voice.default_voice`)."""
    from .voice import VOICE_NAMES

    return click.option(
        "--voice",
        type=VoiceSpec(),
        default=named_or_default_voice,
        show_default="$RELU_ANIM_VOICE, else the best installed: joe, espeak, none",
        metavar="NAME",
        help=f"Who narrates: {', '.join(VOICE_NAMES)} (joe: the neural voice of the voice extra; "
        "espeak: espeak-ng, any of its languages; none: silent, no sound track).",
    )(command)


def named_or_default_voice() -> str:
    """$RELU_ANIM_VOICE when set, else the best voice installed, said on one line of
    stderr when it is not joe (a plain install, without the ``voice`` extra)."""
    from .voice import default_voice

    named = os.environ.get("RELU_ANIM_VOICE")
    if named:
        return named
    name, note = default_voice()
    if note:
        click.echo(f"relu-anim: {note}", err=True)
    return name


def quality_option():
    """``-q/--quality``, one letter of :data:`relu_anim.quality.QUALITIES`."""
    return click.option(
        "--quality",
        "-q",
        type=click.Choice(list(QUALITIES)),
        default=DEFAULT_QUALITY,
        show_default=True,
        help=", ".join(f"{q.letter} {q.description}" for q in QUALITIES.values()) + ".",
    )


def theme_option(command):
    return click.option(
        "--theme",
        type=click.Choice(list(THEMES)),
        default=DEFAULT_THEME,
        show_default=True,
        help="Colours: light (projectors, print) or dark.",
    )(command)


def jobs_option(command):
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        metavar="N",
        default=None,
        help="Scenes rendered at once.  [default: the number of cores]",
    )(command)


def quiet_option(command):
    return click.option("--quiet", is_flag=True, help="No progress on stderr (failures are still reported).")(command)


def progress(quiet: bool):
    """The live display on stderr, or nothing but failures with ``--quiet``."""
    from .batch.progress import Progress

    return Progress(mode="quiet" if quiet else "auto")


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="relu-anim")
def main():
    """Animate StatQuest's "Neural Networks Part 3: ReLU in Action" with Manim.

    \b
    Example:
        relu-anim list
        relu-anim trace 0 0.5 1
        relu-anim render wedge -q l
    """


@main.command("list")
def list_stages():
    """List the lesson's scenes in order, each with what it shows.

    \b
    Example:
        relu-anim list
    """
    stages = current_stages()
    width = max(len(stage.name) for stage in stages)
    for stage in stages:
        click.echo(f"{stage.name:<{width}}  {stage.description}")


@main.command(context_settings={"ignore_unknown_options": True})  # so "-0.5" is a dosage
@click.argument("dosages", metavar="[DOSAGE]...", nargs=-1, type=Dosage())
@network_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per dosage.")
def trace(dosages, lesson, as_json):
    """Show every number the network computes for each DOSAGE.

    For each dosage: each hidden node's pre-activation x (the x-axis coordinate
    on the activation graph), activation output y and y times the output weight,
    the nodes named by place (top, second, ..., bottom; a lone node: hidden);
    their sum; the sum plus the final bias; and the output.
    Default dosages: 0 0.2 0.4 0.5 0.6 0.8 1.

    \b
    Example:
        relu-anim trace 0 0.5 1
        relu-anim trace --network part1 --json 0.15
        relu-anim trace --network mine.toml
    """
    try:
        forward = lesson.network.trace(dosages or DEFAULT_DOSAGES)
    except ModelError as error:
        raise click.UsageError(str(error)) from None
    low, high = DOSAGE_RANGE
    for dosage in forward.dosage[(forward.dosage < low) | (forward.dosage > high)]:
        click.echo(f"relu-anim: warning: dosage {dosage:g} is outside {low:g}..{high:g}, the lesson's axis", err=True)
    records = forward.records()
    if as_json:
        click.echo(json.dumps(records, indent=2))
    else:
        click.echo(format_trace_table(records))


def trace_columns(records: list[dict]) -> list[tuple[str, tuple[str, ...]]]:
    """The trace table's columns, (title, keys into a record): the dosage, each hidden
    node's x, y and scaled (by its name, top first: "top x", ..., "bottom scaled"), the
    sum, the biased sum and the output."""
    names = [key for key, value in records[0].items() if isinstance(value, dict)] if records else []
    nodes = [(f"{name} {part}", (name, part)) for name in names for part in ("x", "y", "scaled")]
    return [("dosage", ("dosage",)), *nodes, ("sum", ("sum",)), ("biased", ("biased",)), ("output", ("output",))]


def format_trace_table(records: list[dict]) -> str:
    """Right-aligned columns; numbers to 4 decimals with trailing zeros dropped."""

    def cell(record, keys):
        value = record
        for key in keys:
            value = value[key]
        if abs(value) >= 1e12:  # a dosage far outside the lesson's axis: no 200-digit columns
            return f"{value:.6g}"
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    columns = trace_columns(records)
    header = [title for title, _ in columns]
    rows = [[cell(record, keys) for _, keys in columns] for record in records]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(text.rjust(w) for text, w in zip(row, widths)) for row in [header, *rows])


def media_dir_option(command):
    return click.option(
        "--media-dir",
        type=NamedPath(file_okay=False),
        default="media",
        show_default=True,
        help="Output folder; files go to MEDIA_DIR/<quality>[-dark]/.",
    )(command)


@main.command()
@click.argument("scenes", metavar="[SCENE]...", nargs=-1)
@click.option(
    "--all",
    "render_all",
    is_flag=True,
    help="Render every scene of the lesson and its title and summary cards, then join them.",
)
@quality_option()
@theme_option
@network_option
@media_dir_option
@click.option(
    "--format",
    "-f",
    "format",
    type=click.Choice(tuple(FORMATS)),
    default="mp4",
    show_default=True,
    help=f"{formats_help()}.",
)
@jobs_option
@click.option("--force", is_flag=True, help="Render even scenes that are up to date.")
@quiet_option
@click.option("--json", "as_json", is_flag=True, help="Print the manifest (JSON) instead of the file paths.")
@click.option(
    "--scheduler", metavar="ADDRESS", help="Render on a Dask cluster (e.g. tcp://host:8786); needs relu-anim[dask]."
)
@click.option(
    "--split/--no-split",
    default=None,
    help="Render a stage that would leave workers idle in chunks, one per worker (--split), "
    f"or always in one piece.  [default: where it pays: a chunk per {CORES_PER_RENDER:g} cores]",
)
@voice_option
def render(
    scenes, render_all, quality, theme, lesson, media_dir, format, jobs, force, quiet, as_json, scheduler, split, voice
):
    """Render scenes (skipping those already up to date), printing each output file.

    Files go to MEDIA_DIR/<quality>/ (MEDIA_DIR/<quality>-dark/ with --theme dark):
    <scene>.mp4 with <scene>.srt, <scene>.vtt captions and a <scene>.poster.png.
    --all renders every scene and the title and summary cards (also rendered by
    name: title, summary), then joins them into lesson.mp4 with captions and a
    chapters file. Scenes render in parallel (--jobs); progress goes to stderr, the
    output files to stdout, and a manifest to MEDIA_DIR/<quality>/manifest.json.
    Any network but the default part3 renders into MEDIA_DIR/<network name>/<quality>/
    instead (e.g. media/mine/low/).

    \b
    Example:
        relu-anim render wedge
        relu-anim render first-dot bent-line -q l --jobs 2
        relu-anim render --all --format webm --json
        relu-anim render --all --network mine.toml -q l
        relu-anim render --all --scheduler tcp://10.0.0.5:8786
        relu-anim render wedge --voice espeak:de
        relu-anim render --all -q l --voice none
    """
    from .batch import MediaDirError, build, make_plan
    from .batch.cluster import SchedulerAddressError
    from .batch.manifest import dumps
    from .render import RenderError

    if render_all and scenes:
        raise click.UsageError("give scene names or --all, not both")
    if not render_all and not scenes:
        raise click.UsageError("name at least one scene (see `relu-anim list`), or use --all")
    try:
        plan = make_plan(
            None if render_all else scenes,
            Play.of(quality, theme, voice, lesson=lesson),
            format=format,
            media_dir=media_dir,
        )
        result = build(plan, jobs=jobs, force=force, scheduler=scheduler, split=split, progress=progress(quiet))
    except UnknownStage as error:
        raise click.UsageError(str(error)) from None
    except (MediaDirError, SchedulerAddressError) as error:
        raise click.UsageError(str(error)) from None
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(dumps(result.manifest))
    else:
        for path in result.paths():
            click.echo(path)
    if result.failed:
        raise click.ClickException(f"{len(result.failed)} of {len(plan.jobs) + plan.join} outputs failed")


@main.command()
@media_dir_option
@click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
def clean(media_dir, dry_run):
    """Remove what relu-anim wrote and no longer needs, printing each path.

    Removes what killed renders left (job folders in MEDIA_DIR/.work, half-written
    files), each known by the claim relu-anim made beside it (a render still
    running keeps its own), and files of scenes (or formats) that the lesson no
    longer has, when relu-anim's own records list them. Any other file stays. A
    folder with no relu-anim manifest.json and no claim of relu-anim's is refused
    (exit status 2) and nothing is removed.

    \b
    Example:
        relu-anim clean --dry-run
        relu-anim clean --media-dir /tmp/media
    """
    from .batch.clean import NotAMediaFolder
    from .batch.clean import clean as clean_media

    try:
        for path in clean_media(media_dir, dry_run=dry_run):
            click.echo(path)
    except NotAMediaFolder as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot clean {media_dir}: {error.strerror or error}") from None


class Moment(click.ParamType):
    """Seconds into a scene (a finite number >= 0), or "end"."""

    name = "seconds"

    def convert(self, value, param, ctx):
        if isinstance(value, float) or value == "end":
            return value
        try:
            seconds = float(value)
        except ValueError:
            self.fail(f"{value!r} is not a number of seconds or 'end'", param, ctx)
        if not math.isfinite(seconds) or seconds < 0:
            self.fail(f"{value!r} is not a time in the scene", param, ctx)
        return seconds


@main.command()
@click.argument("scene")
@click.option(
    "--at", "moments", type=Moment(), multiple=True, help="Seconds into the scene, or 'end' (repeatable; default: end)."
)
@quality_option()
@theme_option
@network_option
@click.option("--out", "-o", "out_dir", type=NamedPath(file_okay=False), default="media/stills", show_default=True)
@voice_option
@timeout_option
def stills(scene, moments, quality, theme, lesson, out_dir, voice, timeout):
    """Save PNG pictures of SCENE at chosen moments (for slides and posters).

    SCENE is a stage, or a Manim scene in a file (file.py:SceneName). Writes OUT/<scene>-<seconds>.png (or <scene>-end.png) at the quality's size and
    prints each path. Only the chosen moments are drawn: no video is made.

    \b
    Example:
        relu-anim stills wedge --at 5 --at end
        relu-anim stills clip --at 12.5 -q l -o /tmp/frames
    """
    from pathlib import Path

    from .frames import save_png

    writable_folder(out_dir)
    play = Play.of(quality, theme, voice, lesson=_named_lesson(lesson))
    shots = _capture(scene, None, list(dict.fromkeys(moments or ("end",))), timeout, play=play, size=None)
    for shot in shots.moments:
        label = "end" if shot.label == "end" else f"{shot.time:g}s"
        click.echo(save_png(shot.frame, Path(out_dir) / f"{shots.scene_name}-{label}.png"))


@main.command()
@click.argument("scene")
@click.argument("scene_name", metavar="[NAME]", required=False)
@click.option(
    "--at",
    "moments",
    type=Moment(),
    multiple=True,
    help="Seconds into the scene, or 'end' (repeatable; default: the end of every beat, "
    "or of every play and wait, and the end).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the frame data as JSON (no pictures).")
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=NamedPath(file_okay=False),
    help="Write frames.json and one small PNG per moment into this folder.",
)
@network_option
@theme_option
@voice_option
@timeout_option
def frames(scene, scene_name, moments, as_json, out_dir, lesson, theme, voice, timeout):
    """Show what the viewer sees at moments of SCENE, as data, without encoding video.

    SCENE is a stage of the lesson, or any Manim scene in a Python file:
    file.py:SceneName, or file.py SceneName (as manim takes it). For each moment:
    every graph and axes with their ranges and what is plotted on them (in their
    own coordinates), every shape, text and tracker, the camera, and (with --out)
    a small PNG. The same data that snapshot tests compare (see README).

    \b
    Example:
        relu-anim frames wedge
        relu-anim frames wedge --json > wedge.json
        relu-anim frames clip --at 12.5 --at end --out /tmp/clip-frames
        relu-anim frames my_scenes.py:SquareToCircle --json
    """
    if as_json and out_dir:
        raise click.UsageError("give --json or --out, not both")
    if out_dir:
        writable_folder(out_dir)
    from .frames import FRAME_QUALITY

    play = Play.of(FRAME_QUALITY, theme, voice, lesson=_named_lesson(lesson))
    captured = _capture(scene, scene_name, list(moments) or None, timeout, play=play, frames=bool(out_dir))
    if as_json:
        click.echo(captured.dumps(), nl=False)
    elif out_dir:
        try:
            paths = captured.write(out_dir)
        except OSError as error:
            raise click.ClickException(f"cannot write into {out_dir}: {error.strerror or error}") from None
        for path in paths:
            click.echo(path)
    else:
        click.echo(format_frames(captured))


def check_clip_cache(play: Play) -> None:
    """A speaking voice's clips go to the user's cache folder (frames and stills have no
    media folder): one that cannot be written (``$XDG_CACHE_HOME`` on a read-only disk, a
    file in the way) is a usage error before any play, not a failure in the middle of one."""
    from .voice.cache import CACHE_DIR, user_cache_dir

    if not play.voice.silent:
        writable_folder((play.clips or user_cache_dir()) / CACHE_DIR, "the narrator's clip cache")


def _named_lesson(lesson):
    """``--network``'s lesson when it was given; else ``None``: a lesson scene's own
    default, and no error for a scene that is not a lesson's."""
    source = click.get_current_context().get_parameter_source("lesson")
    return lesson if source is click.core.ParameterSource.COMMANDLINE else None


def _capture(scene: str, scene_name: str | None, moments, timeout: float, **options):
    """Frame data of a stage or of a scene in a file; bad input, a scene that fails, stops
    the process (``sys.exit``) or is still playing after ``timeout`` seconds are one line
    each (exit status 2), with where in the scene's file it failed."""
    import manim  # noqa: F401 - imported before the time limit starts: never stopped halfway

    from .frames import FramesError, PlayTimedOut, capture_frames, is_scene_file, line_in, resolve_scene, time_limit

    check_clip_cache(options["play"])
    path = scene.partition(":")[0]
    try:
        with time_limit(timeout):
            return capture_frames(resolve_scene(scene, scene_name), moments, **options)
    except FramesError as error:
        raise click.UsageError(str(error)) from None
    except PlayTimedOut as error:
        named = " ".join(filter(None, (scene, scene_name)))
        raise click.UsageError(
            f"{named}{line_in(path, error)}: did not finish within {timeout:g} s (--timeout); stopped, nothing written"
        ) from None
    except (Exception, SystemExit) as error:
        if not is_scene_file(scene):
            raise
        what = (
            f"it called sys.exit({error.code!r})"
            if isinstance(error, SystemExit)
            else f"{type(error).__name__}: {error}"
        )
        raise click.UsageError(f"{path}{line_in(path, error)}: the scene failed: {what}") from None


def format_frames(captured) -> str:
    """One block per moment: time, caption, graphs with their marks, highlighted paths."""
    lines = [f"{captured.scene_name}: {captured.duration:.2f} s, {len(captured.moments)} moments"]
    for moment in captured.moments:
        record = moment.record
        lines.append(f"\n{moment.time:7.2f}s  {moment.label}: {moment.caption}")
        for name, graph in record["graphs"].items():
            (x0, x1), (y0, y1) = graph["x_range"], graph["y_range"]
            marks = ", ".join(graph["marks"]) or "no marks"
            lines.append(f"          {name}: x {x0:g}..{x1:g}, y {y0:g}..{y1:g}; {marks}")
        for name, diagram in record["diagrams"].items():
            lines.append(f"          {name}: highlighted {', '.join(diagram['highlighted']) or 'nothing'}")
        for name, axes in record.get("axes", {}).items():
            ranges = ", ".join(f"{a} {axes[a]['range'][0]:g}..{axes[a]['range'][1]:g}" for a in "xyz" if a in axes)
            lines.append(f"          {name}: {ranges}")
        for section in ("curves", "shapes", "mobjects"):
            if record.get(section):
                lines.append(f"          {section}: {', '.join(_on_axes(n, e) for n, e in record[section].items())}")
        if record.get("trackers"):
            lines.append("          trackers: " + ", ".join(f"{n} = {v}" for n, v in record["trackers"].items()))
        if record.get("camera", {}).get("frame"):
            frame = record["camera"]["frame"]
            lines.append(
                f"          camera: frame at ({frame['at'][0]:g}, {frame['at'][1]:g}), {frame['width']:g} wide"
            )
        lines.append(f"          {len(record['texts'])} texts")
    return "\n".join(lines)


def _on_axes(name: str, entry: dict) -> str:
    return f"{name} on {entry['on']}" if "on" in entry else name


FIT_HELP = f"""Fit a network's weights and biases to DATA by gradient descent.

    DATA is a CSV file with a header line and two columns (dosage from 0 to 1,
    observed value), or a network file whose data table is used. Writes a network
    file that `render --network` accepts, and prints its path; the SSR and the
    steps taken go to stderr.

    The network has --hidden ReLU nodes (1 to {MAX_HIDDEN}; default 2, or as many as
    --init's): three numbers each, and the final bias.

    Without --init it descends from {FIT_RESTARTS} random starts at once (each hidden node's
    bend somewhere in 0..1; the seed makes the run repeatable) and keeps the best:
    a single start often ends with a ReLU that is flat over all the data. A step
    that would raise the SSR is not taken; the learning rate halves instead. A
    start stops when no parameter moves by more than {FIT_MIN_STEP:g} in a step.

    \b
    Example:
        relu-anim fit data.csv --out mine.toml
        relu-anim fit data.csv --hidden 4 --out four.toml
        relu-anim render --all --network mine.toml -q l
        relu-anim fit data.csv --init part3.toml --derivative-at-zero 1 --steps 5000
    """


@main.command(help=FIT_HELP)
@click.argument("data", metavar="DATA")
@click.option(
    "--out",
    "-o",
    type=NamedPath(),
    metavar="FILE",
    help="The network file to write (.toml). Default: DATA-fit.toml beside DATA.",
)
@click.option(
    "--init",
    type=NamedPath(),
    metavar="FILE",
    help="Start from this network file (its activations too) instead of random starts.",
)
@click.option(
    "--hidden",
    type=click.IntRange(min=1, max=MAX_HIDDEN),
    metavar="N",
    help=f"How many hidden nodes to fit (1 to {MAX_HIDDEN}). Default: 2, or as many as --init has.",
)
@click.option(
    "--derivative-at-zero",
    type=click.Choice(["0", "1"]),
    default="0",
    show_default=True,
    help="The slope taken for ReLU at its bend (it has none; either works).",
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=FIT_SEED, show_default=True, help="Seed for the random starts."
)
@click.option(
    "--steps",
    type=click.IntRange(min=1),
    default=FIT_STEPS,
    show_default=True,
    help="The most gradient-descent steps to take.",
)
@click.option(
    "--learning-rate",
    type=click.FloatRange(min=0, min_open=True, max=FIT_MAX_LEARNING_RATE),
    default=FIT_LEARNING_RATE,
    show_default=True,
    help="Step size, for observed values scaled to at most 1.",
)
def fit(data, out, init, hidden, derivative_at_zero, seed, steps, learning_rate):
    from .model import fit_file

    # The bar appears with the first step, so that a bad file or folder is one line alone.
    bar = click.progressbar(
        length=steps,
        label="relu-anim: fitting",
        file=sys.stderr,
        item_show_func=lambda ssr: ssr,
        update_min_steps=max(1, steps // 100),
    )

    def on_step(step: int, ssr: float) -> None:
        bar.update(1, f"SSR {ssr:.6g}")

    try:
        result, path = fit_file(
            data,
            out,
            init,
            hidden=hidden,
            relu_at_zero=int(derivative_at_zero),
            seed=seed,
            steps=steps,
            learning_rate=learning_rate,
            on_step=on_step,
        )
    except ModelError as error:
        raise click.UsageError(str(error)) from None
    bar.update(steps - bar.pos)
    bar.render_finish()
    stopped = "converged" if result.converged else "step limit reached"
    click.echo(
        f"relu-anim: SSR {result.ssr:.6g} after {result.steps} steps ({stopped}; best of {result.starts} "
        f"start{'s' if result.starts > 1 else ''})",
        err=True,
    )
    click.echo(path)


@main.command()
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=NamedPath(file_okay=False),
    default=None,
    help="The package folder.  [default: MEDIA_DIR/<quality>[-dark]/lecture]",
)
@quality_option()
@theme_option
@network_option
@media_dir_option
@jobs_option
@quiet_option
@voice_option
@click.option(
    "--scorm",
    "scorm_zip",
    type=NamedPath(dir_okay=False),
    default=None,
    metavar="FILE.zip",
    help="Also write the package as a SCORM 1.2 zip for a learning platform (Moodle, Canvas...).",
)
@click.option(
    "--scorm-deck/--no-scorm-deck",
    default=False,
    show_default=True,
    help="Put the slide deck in the SCORM zip too (it holds every stage's video again: about twice the size).",
)
def lecture(out_dir, quality, theme, lesson, media_dir, jobs, quiet, voice, scorm_zip, scorm_deck):
    """Make a lecture package: the lesson's videos, a web page and a slide deck.

    Renders whatever is missing (as render --all does), then writes one folder
    with relative paths only: index.html (every stage with captions and a
    transcript, the whole lesson with chapters, a presenter mode), lesson.pptx
    (one slide per stage, its video embedded, captions as speaker notes) and
    videos/. Copy or zip the folder to a course site, or open index.html from disk.
    Prints the package folder. With --scorm, also writes that folder as a SCORM
    1.2 package (one zip to upload; it reports each learner's progress to the
    platform's gradebook) and prints its path too.

    \b
    Example:
        relu-anim lecture -q l
        relu-anim lecture --out /tmp/relu-lecture --theme dark
        relu-anim lecture --network mine.toml -q l
        relu-anim lecture --scorm lesson.zip -q l
    """
    from .batch import MediaDirError
    from .lecture import LectureUsageError, make_lecture
    from .lecture.scorm import check_zip_destination, write_scorm
    from .render import RenderError

    try:
        if scorm_zip:
            check_zip_destination(scorm_zip)  # before anything is rendered
        folder = make_lecture(
            out_dir,
            Play.of(quality, theme, voice, lesson=lesson),
            media_dir=media_dir,
            jobs=jobs,
            progress=progress(quiet),
        )
        package = write_scorm(folder, scorm_zip, deck=scorm_deck) if scorm_zip else None
    except (MediaDirError, LectureUsageError) as error:
        raise click.UsageError(str(error)) from None
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    click.echo(folder)
    if package:
        click.echo(package)


@main.command()
@network_option
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=NamedPath(file_okay=False),
    default=None,
    help="The folder to write.  [default: MEDIA_DIR/explore, MEDIA_DIR/<network>/explore]",
)
@click.option(
    "--theme",
    type=click.Choice(("auto", *THEMES)),
    default="auto",
    show_default=True,
    help="Colours: the reader's preference (auto), light or dark.",
)
@media_dir_option
def explore(lesson, out_dir, theme, media_dir):
    """Write the live explorer: the network in a web page, recomputed as you drag.

    Writes index.html (the explorer alone: open it from disk or put it on a web
    server), relu-explorer.js (the <relu-explorer> web component, for your own
    pages) and the network as JSON, and prints the page's path. Nothing is rendered.

    \b
    Example:
        relu-anim explore
        relu-anim explore --network mine.toml --out /tmp/explore
    """
    from .lecture.explore import ExploreError, explore_folder, write_explorer

    try:  # write_explorer checks the folder (its name, its files) before it writes anything
        page = write_explorer(out_dir or explore_folder(media_dir, lesson), lesson, theme)
    except ExploreError as error:
        raise click.UsageError(str(error)) from None
    click.echo(page)
