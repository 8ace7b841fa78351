"""Colours, fonts and sizes: the one place the lesson's look is decided.

Blue is the top hidden node's path, orange the bottom node's, green the output.
Two variants: ``light`` (the default, for bright projectors and print) and ``dark``.

The active theme is read by every scene when it starts. ``relu-anim render --theme``
sets it; with the plain Manim CLI, set ``RELU_ANIM_THEME=dark``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

from manim import ManimColor

from .palette import PALETTES

FONT = "DejaVu Sans"  # ships with fontconfig on Debian; clear at 480p
MONO_FONT = "DejaVu Sans Mono"


@dataclass(frozen=True)
class Theme:
    name: str
    background: ManimColor
    text: ManimColor
    muted: ManimColor  # axes, grid, connection lines, secondary labels
    top: ManimColor  # the top hidden node's path: blue
    bottom: ManimColor  # the bottom hidden node's path: orange
    output: ManimColor  # the output: green
    data: ManimColor  # the observed data points
    highlight: ManimColor  # what is being talked about right now
    node_fill: ManimColor
    font: str = FONT
    mono_font: str = MONO_FONT

    # Sizes, in Manim's font-size units (48 is Manim's default).
    title_size: float = 40
    body_size: float = 30
    diagram_size: float = 33  # the diagram's words: layouts draw it at about 0.6 scale
    label_size: float = 24
    small_size: float = 20

    def path_color(self, which: str) -> ManimColor:
        """The colour of a hidden node's path: ``"top"``, ``"bottom"`` or ``"output"``."""
        return {"top": self.top, "bottom": self.bottom, "output": self.output}[which]


def _from_palette(name: str) -> Theme:
    return Theme(name=name, **{role: ManimColor(hexed) for role, hexed in PALETTES[name].items()})


LIGHT = _from_palette("light")
DARK = _from_palette("dark")

THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
THEME_ENV = "RELU_ANIM_THEME"


class UnknownTheme(LookupError):
    pass


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise UnknownTheme(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}") from None


def current_theme() -> Theme:
    """The theme in force: ``$RELU_ANIM_THEME`` if set, else light."""
    return get_theme(os.environ.get(THEME_ENV, LIGHT.name))


@contextlib.contextmanager
def use_theme(name: str) -> Iterator[Theme]:
    """Make ``name`` the current theme inside the ``with`` block."""
    theme = get_theme(name)
    previous = os.environ.get(THEME_ENV)
    os.environ[THEME_ENV] = theme.name
    try:
        yield theme
    finally:
        if previous is None:
            del os.environ[THEME_ENV]
        else:
            os.environ[THEME_ENV] = previous
