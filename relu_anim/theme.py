"""Colours, fonts and sizes: the one place the lesson's look is decided.

Blue is the top hidden node's path, orange the bottom node's, green the output.
Two variants: ``light`` (the default, for bright projectors and print) and ``dark``.

The active theme is read by every scene when it starts. ``relu-anim render --theme``
sets it; with the plain Manim CLI, set ``RELU_ANIM_THEME=dark``.

No Manim here: colours are hex strings (Manim takes them wherever it takes a colour),
so the CLI, the lecture package and the composition rules read the themes cheaply.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

#: The smallest height of a line of text, in scene units: 12 px of a 480-px-high frame,
#: measured as the height of a capital letter at the text's size. Layouts size their
#: words by it; :mod:`relu_anim.composition` checks every text against it.
MIN_TEXT_HEIGHT = 0.2

FONT = "DejaVu Sans"  # ships with fontconfig on Debian; clear at 480p
MONO_FONT = "DejaVu Sans Mono"


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str  # axes, grid, connection lines, secondary labels
    top: str  # the top hidden node's path: blue
    bottom: str  # the bottom hidden node's path: orange
    output: str  # the output: green
    data: str  # the observed data points
    highlight: str  # what is being talked about right now
    node_fill: str
    font: str = FONT
    mono_font: str = MONO_FONT

    # Sizes, in Manim's font-size units (48 is Manim's default).
    title_size: float = 40
    body_size: float = 30
    diagram_size: float = 33  # the diagram's words: layouts draw it at about 0.6 scale
    label_size: float = 24
    small_size: float = 20

    def path_color(self, which: str) -> str:
        """The colour of a hidden node's path: ``"top"``, ``"bottom"`` or ``"output"``."""
        return {"top": self.top, "bottom": self.bottom, "output": self.output}[which]


LIGHT = Theme(
    name="light",
    background="#FBFAF7",
    text="#1F2328",
    muted="#6E7781",
    top="#1F6FEB",
    bottom="#E0700B",
    output="#1A9850",
    data="#1F2328",
    highlight="#C2185B",
    node_fill="#FFFFFF",
)

DARK = Theme(
    name="dark",
    background="#16181D",
    text="#ECEFF4",
    muted="#8B949E",
    top="#58A6FF",
    bottom="#FFA657",
    output="#56D364",
    data="#ECEFF4",
    highlight="#FF7EB6",
    node_fill="#22262E",
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
DEFAULT_THEME = LIGHT.name
THEME_ENV = "RELU_ANIM_THEME"


class UnknownTheme(LookupError):
    pass


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise UnknownTheme(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}") from None


#: The theme :func:`use_theme` put in force (per thread and task, never the environment).
_in_force: ContextVar[Theme | None] = ContextVar("relu_anim_theme", default=None)


def current_theme() -> Theme:
    """The theme in force: the one :func:`use_theme` set; else ``$RELU_ANIM_THEME``,
    which only the plain Manim CLI needs (``RELU_ANIM_THEME=dark manim ...``); else light."""
    return _in_force.get() or get_theme(os.environ.get(THEME_ENV, DEFAULT_THEME))


@contextlib.contextmanager
def use_theme(theme: str | Theme) -> Iterator[Theme]:
    """Make ``theme`` (or the theme of that name) the current theme inside the block."""
    chosen = theme if isinstance(theme, Theme) else get_theme(theme)
    token = _in_force.set(chosen)
    try:
        yield chosen
    finally:
        _in_force.reset(token)
