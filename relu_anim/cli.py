"""``relu-anim``: the command line, a thin shell over the library."""

from __future__ import annotations

import json
import math
import sys

import click

from . import __version__
from .model import PRESETS, DEFAULT_PRESET, ModelError, check_dosages, preset
from .quality import QUALITIES
from .stages import UnknownStage, current_stages, get_stage

DEFAULT_DOSAGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0)


class OneLineErrors(click.Group):
    """A group whose errors are one line on stderr (``relu-anim: ...``), never a
    usage dump or a traceback. Usage errors exit 2, other errors 1."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            click.echo(f"relu-anim: {error.format_message()}", err=True)
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
        sys.exit(code if isinstance(code, int) else 0)


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


def network_option(command):
    return click.option(
        "--network",
        type=click.Choice(list(PRESETS)),
        default=DEFAULT_PRESET,
        show_default=True,
        help="Which network: part3 (ReLU, this lesson) or part1 (softplus, the recap).",
    )(command)


#: The themes' names (a test checks them against relu_anim.theme.THEMES, which imports Manim).
THEME_NAMES = ("light", "dark")


def quality_option(default: str = "h"):
    """``-q/--quality``, one letter of :data:`relu_anim.quality.QUALITIES`."""
    return click.option(
        "--quality",
        "-q",
        type=click.Choice(list(QUALITIES)),
        default=default,
        show_default=True,
        help=", ".join(f"{q.letter} {q.description}" for q in QUALITIES.values()) + ".",
    )


def theme_option(command):
    return click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True,
                        help="Colours: light (projectors, print) or dark.")(command)  # fmt: skip


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
def trace(dosages, network, as_json):
    """Show every number the network computes for each DOSAGE.

    For each dosage: the top and bottom hidden nodes' pre-activation x (the
    x-axis coordinate on the activation graph), activation output y and y times
    the output weight; their sum; the sum plus the final bias; and the output.
    Default dosages: 0 0.2 0.4 0.5 0.6 0.8 1.

    \b
    Example:
        relu-anim trace 0 0.5 1
        relu-anim trace --network part1 --json 0.15
    """
    try:
        forward = preset(network).forward(check_dosages(dosages or DEFAULT_DOSAGES))
    except ModelError as error:
        raise click.UsageError(str(error)) from None
    records = forward.records()
    if as_json:
        click.echo(json.dumps(records, indent=2))
    else:
        click.echo(format_trace_table(records))


TRACE_COLUMNS = (
    ("dosage", ("dosage",)),
    ("top x", ("top", "x")),
    ("top y", ("top", "y")),
    ("top scaled", ("top", "scaled")),
    ("bottom x", ("bottom", "x")),
    ("bottom y", ("bottom", "y")),
    ("bottom scaled", ("bottom", "scaled")),
    ("sum", ("sum",)),
    ("biased", ("biased",)),
    ("output", ("output",)),
)


def format_trace_table(records: list[dict]) -> str:
    """Right-aligned columns; numbers to 4 decimals with trailing zeros dropped."""

    def cell(record, keys):
        value = record
        for key in keys:
            value = value[key]
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    header = [title for title, _ in TRACE_COLUMNS]
    rows = [[cell(record, keys) for _, keys in TRACE_COLUMNS] for record in records]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(text.rjust(w) for text, w in zip(row, widths)) for row in [header, *rows])


def media_dir_option(command):
    return click.option(
        "--media-dir",
        type=click.Path(file_okay=False),
        default="media",
        show_default=True,
        help="Output folder; files go to MEDIA_DIR/<quality>[-dark]/.",
    )(command)


#: ``--format`` choices (a test checks them against relu_anim.media.FORMATS).
FORMAT_NAMES = ("mp4", "webm", "gif", "png")


@main.command()
@click.argument("scenes", metavar="[SCENE]...", nargs=-1)
@click.option("--all", "render_all", is_flag=True, help="Render every scene of the lesson, then join them.")
@quality_option()
@theme_option
@media_dir_option
@click.option("--format", "-f", "format", type=click.Choice(FORMAT_NAMES), default="mp4", show_default=True,
              help="mp4 (H.264), webm (VP9), gif, or png (each scene's last frame).")  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", default=None, help="Scenes rendered at once.  [default: the number of cores]")
@click.option("--force", is_flag=True, help="Render even scenes that are up to date.")
@click.option("--quiet", is_flag=True, help="No progress on stderr (failures are still reported).")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest (JSON) instead of the file paths.")
@click.option("--scheduler", metavar="ADDRESS", help="Render on a Dask cluster (e.g. tcp://host:8786); needs relu-anim[dask].")
def render(scenes, render_all, quality, theme, media_dir, format, jobs, force, quiet, as_json, scheduler):
    """Render scenes (skipping those already up to date), printing each output file.

    Files go to MEDIA_DIR/<quality>/ (MEDIA_DIR/<quality>-dark/ with --theme dark):
    <scene>.mp4 with <scene>.srt, <scene>.vtt captions and a <scene>.poster.png.
    --all renders every scene, then joins them into lesson.mp4 with captions and a
    chapters file. Scenes render in parallel (--jobs); progress goes to stderr, the
    output files to stdout, and a manifest to MEDIA_DIR/<quality>/manifest.json.

    \b
    Example:
        relu-anim render wedge
        relu-anim render first-dot bent-line -q l --jobs 2
        relu-anim render --all --format webm --json
        relu-anim render --all --scheduler tcp://10.0.0.5:8786
    """
    from .build import MediaDirError, build, make_plan
    from .build.manifest import dumps
    from .build.progress import Progress
    from .render import RenderError

    if render_all and scenes:
        raise click.UsageError("give scene names or --all, not both")
    if not render_all and not scenes:
        raise click.UsageError("name at least one scene (see `relu-anim list`), or use --all")
    try:
        plan = make_plan(None if render_all else scenes, quality=quality, theme=theme, format=format, media_dir=media_dir)
        result = build(plan, jobs=jobs, force=force, scheduler=scheduler, progress=Progress(mode="quiet" if quiet else "auto"))
    except UnknownStage as error:
        raise click.UsageError(str(error)) from None
    except MediaDirError as error:
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
def clean(media_dir):
    """Remove Manim's working files and outputs no longer produced, printing each.

    Removes MEDIA_DIR/.work, half-written files left by killed renders, and files
    of scenes (or formats) that the lesson no longer has. Do not run it while a
    render is writing into the same MEDIA_DIR.

    \b
    Example:
        relu-anim clean
        relu-anim clean --media-dir /tmp/media
    """
    from .build.clean import clean as clean_media

    try:
        for path in clean_media(media_dir):
            click.echo(path)
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
@click.option("--at", "moments", type=Moment(), multiple=True, help="Seconds into the scene, or 'end' (repeatable; default: end).")
@quality_option()
@theme_option
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False), default="media/stills", show_default=True)
def stills(scene, moments, quality, theme, out_dir):
    """Save PNG pictures of SCENE at chosen moments (for slides and posters).

    Writes OUT/<scene>-<seconds>.png (or <scene>-end.png) and prints each path.

    \b
    Example:
        relu-anim stills wedge --at 5 --at end
        relu-anim stills clip --at 12.5 -q l -o /tmp/frames
    """
    from pathlib import Path

    from .render import RenderError
    from .stills import capture_stills, save_png

    try:
        get_stage(scene)
    except UnknownStage as error:
        raise click.UsageError(str(error)) from None
    times = [math.inf if m == "end" else m for m in moments or ("end",)]  # inf: the last frame
    try:
        shots, _ = capture_stills(scene, times, quality=quality, theme=theme)
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    for shot in {shot.time: shot for shot in shots}.values():
        label = "end" if math.isinf(shot.time) else f"{shot.time:g}s"
        click.echo(save_png(shot.frame, Path(out_dir) / f"{scene}-{label}.png"))


@main.command()
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False), default=None,
              help="The package folder.  [default: MEDIA_DIR/<quality>[-dark]/lecture]")  # fmt: skip
@quality_option()
@theme_option
@network_option
@media_dir_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", default=None, help="Scenes rendered at once.  [default: the number of cores]")
@click.option("--quiet", is_flag=True, help="No progress on stderr (failures are still reported).")
def lecture(out_dir, quality, theme, network, media_dir, jobs, quiet):
    """Make a lecture package: the lesson's videos, a web page and a slide deck.

    Renders whatever is missing (as render --all does), then writes one folder
    with relative paths only: index.html (every stage with captions and a
    transcript, the whole lesson with chapters, a presenter mode), lesson.pptx
    (one slide per stage, its video embedded, captions as speaker notes) and
    videos/. Copy or zip the folder to a course site, or open index.html from disk.
    Prints the package folder.

    \b
    Example:
        relu-anim lecture -q l
        relu-anim lecture --out /tmp/relu-lecture --theme dark
    """
    from .build import MediaDirError
    from .build.progress import Progress
    from .lecture import LectureUsageError, make_lecture
    from .render import RenderError

    try:
        folder = make_lecture(out_dir, quality=quality, theme=theme, network=network, media_dir=media_dir,
                              jobs=jobs, progress=Progress(mode="quiet" if quiet else "auto"))  # fmt: skip
    except (MediaDirError, LectureUsageError) as error:
        raise click.UsageError(str(error)) from None
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    click.echo(folder)
