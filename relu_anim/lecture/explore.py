"""The live explorer: ``<relu-explorer>``, a web component in one plain JavaScript file
(``static/relu-explorer.js``) that draws the lesson's network (1 to 8 hidden nodes) and
recomputes it as a reader drags the dosage, changes a weight or adds or removes a node. Its forward pass and gradient are written
once, in that file; this module only hands it a network and places it:

- :func:`network_json`: a network file's JSON form (what the element reads; the TOML's
  tables, exactly as :func:`relu_anim.model.files.format_network_file` writes them: the
  nodes as the list ``hidden``, top first, schema 2).
- :func:`explorer_html`: the element with the network inside it (works from ``file://``).
- :data:`STAGE_MOMENTS`: what presenter mode opens the explorer on, for each stage.
- :class:`Explorer`: the component's script in the lecture package (its section is the page's).
- :func:`write_explorer`: ``relu-anim explore``: the component and a page of its own.
"""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path
from string import Template

from .. import __version__
from ..destination import DestinationError
from ..escape import html_attribute, html_text, script_json
from ..model.files import NetworkFile, format_network_file
from ..ownership import check_replaceable, folder_hashes, mark_of, write_whole
from ..theme import DEFAULT_THEME
from .writer import ASSETS, Writer, copy_assets

SCRIPT = "relu-explorer.js"
MARK = "explore.json"  # in every folder `relu-anim explore` wrote: what it was made from, with hashes

#: For each stage, the moment presenter mode's E key opens the explorer on: the figure to
#: point at (``focus``: diagram, top, bottom, pieces, sum, output, descent) and, where the
#: stage follows one dosage, that dosage. The recap shows Part 1's network: no moment.
STAGE_MOMENTS: dict[str, dict] = {
    "swap": {"focus": "diagram"},
    "first-dot": {"focus": "top", "dosage": 0.0},
    "bent-line": {"focus": "top"},
    "scale-top": {"focus": "pieces"},
    "orange-line": {"focus": "bottom"},
    "wedge": {"focus": "sum"},
    "clip": {"focus": "output"},
    "shapes": {"focus": "pieces"},
    "derivative": {"focus": "descent"},
}


class ExploreError(ValueError):
    """The explorer cannot be written (a bad --out folder); one line, exit status 2."""


def network_file(lesson) -> NetworkFile:
    """A lesson's network, data and names, as a network file holds them."""
    return NetworkFile(lesson.network, lesson.data, lesson.names)


def network_json(lesson) -> dict:
    """The JSON form of the lesson's network file: the tables of its TOML."""
    return tomllib.loads(format_network_file(network_file(lesson)))


def script_source() -> bytes:
    return files(__package__).joinpath("static", SCRIPT).read_bytes()


#: Where the page's palette begins and ends in ``static/lecture.css``.
PALETTE_FROM, PALETTE_TO = "/* The palette,", "/* (the end of the palette"


def palette_css() -> str:
    """The lecture page's palette (light, and dark under ``data-theme="dark"``), the
    beginning of lecture.css: the explorer's own page wears the same colours."""
    css = files(__package__).joinpath("static", "lecture.css").read_text(encoding="utf-8")
    return css[css.index(PALETTE_FROM) : css.index(PALETTE_TO)].rstrip("\n")


def explorer_html(lesson, theme: str = DEFAULT_THEME, element_id: str = "explorer") -> str:
    """``<relu-explorer>`` with the network inside it as JSON (no fetch: works from disk)."""
    data = script_json(network_json(lesson), indent=1)
    return (
        f'<relu-explorer id="{html_attribute(element_id)}" theme="{html_attribute(theme)}">\n'
        f'<script type="application/json">{data}</script>\n</relu-explorer>'
    )


def lesson_for(network: str, lesson=None):
    """The lesson a package's explorer opens on: ``lesson`` itself, else the built-in
    network the manifest names; None for another network known only by its name."""
    from ..model import PRESET_NAMES, load_lesson

    if lesson is not None:
        return lesson
    return load_lesson(network) if network in PRESET_NAMES else None


def section_html(lesson, theme: str = DEFAULT_THEME) -> str:
    """The lecture page's "Explore the network" section ("" without a lesson)."""
    if lesson is None:
        return ""
    section = Template(files(__package__).joinpath("templates", "explore-section.html").read_text(encoding="utf-8"))
    return section.substitute(explorer=explorer_html(lesson, theme)).rstrip("\n")


def explore_folder(media_dir: Path | str, lesson) -> Path:
    """The default folder: ``media/explore`` (``media/<network>/explore`` for another network)."""
    from ..render import DEFAULT_NETWORK, network_name

    name = network_name(lesson)
    return Path(media_dir) / ("explore" if name == DEFAULT_NETWORK else f"{name}/explore")


def json_name(lesson) -> str:
    """The network's JSON file in an explorer folder: ``<name>.network.json``, a name
    the mark (``explore.json``) and the other files can never have, whatever the name."""
    return f"{lesson.network.name}.network.json"


class Explorer(Writer):
    """The lecture package's copy of the component's script, ``assets/relu-explorer.js``."""

    writes = (f"{ASSETS}/{SCRIPT}",)

    def write(self, lecture, folder: Path) -> None:
        copy_assets([SCRIPT], folder)


def write_explorer(out: Path | str, lesson, theme: str = DEFAULT_THEME) -> Path:
    """Write ``index.html`` (the explorer alone), ``relu-explorer.js`` and the network's
    JSON (for ``<relu-explorer src=...>`` over HTTP) into the folder ``out``; returns the page.

    The folder is written whole (built beside ``out``, then swapped in:
    :func:`relu_anim.ownership.write_whole`). A folder holding anything this command
    cannot prove it wrote there (by the hashes in its ``explore.json``) is refused
    before anything is written, and nothing in it is removed or replaced."""
    out = Path(out)
    name = lesson.network.name
    page = Template(files(__package__).joinpath("templates", "explore.html").read_text(encoding="utf-8")).substitute(
        generator=f"relu-anim {__version__}",
        theme=html_attribute(theme),  # auto, light or dark: the page's palette, as the explorer's
        palette=palette_css(),
        name=html_text(name),
        explorer=explorer_html(lesson, theme),
        script=SCRIPT,
        json_file=html_attribute(json_name(lesson)),  # in an href and as text: the stricter
    )
    contents = {
        SCRIPT: script_source(),
        json_name(lesson): (json.dumps(network_json(lesson), ensure_ascii=False, indent=2) + "\n").encode(),
        "index.html": page.encode(),
    }

    def fill(folder: Path) -> None:
        for filename, data in contents.items():
            (folder / filename).write_bytes(data)
        text = mark_of(folder_hashes(folder, MARK), network=name, theme=theme, files=list(contents))
        (folder / MARK).write_text(text, encoding="utf-8")

    try:
        check_replaceable(out, MARK)
        write_whole(out, MARK, fill)
    except DestinationError as error:
        raise ExploreError(str(error)) from None
    except OSError as error:
        raise ExploreError(f"cannot write to {out}: {error.strerror or error}") from None
    return out / "index.html"
