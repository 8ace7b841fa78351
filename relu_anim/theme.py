"""Colours, fonts and sizes: the one place the lesson's look is decided.

Blue is the top hidden node's path, orange the bottom node's, green the output. A network
of more hidden nodes draws each in its own colour of the theme's palette of eight
(:meth:`Theme.node_colors`), whose first two are that blue and orange.
Two variants: ``light`` (the default, for bright projectors and print) and ``dark``.

Every colour text is written in is at least 4.5:1 against the background (WCAG 1.4.3);
lines and dots at least 3:1 (1.4.11). Where a colour is right for a line but too light for
text (the light theme's orange: 3.10:1), the theme gives a darker shade of it for text
(:attr:`Theme.text_shades`) and :func:`relu_anim.text.make_text` and the equations write
in it (:meth:`Theme.ink`). ``tests/test_theme_colours.py`` checks it all from these values.

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
from dataclasses import dataclass, fields

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
    #: (colour, its shade for text): for a colour that draws lines well but is too light
    #: to write in. Text asked in the colour is written in the shade (:meth:`ink`).
    text_shades: tuple[tuple[str, str], ...] = ()
    #: The hidden nodes' colours, top first: a palette of :data:`PALETTE_SIZE`, whose first
    #: two are ``top`` and ``bottom`` (:meth:`node_colors`).
    nodes: tuple[str, ...] = ()
    font: str = FONT
    mono_font: str = MONO_FONT

    # Sizes, in Manim's font-size units (48 is Manim's default).
    title_size: float = 40
    body_size: float = 30
    diagram_size: float = 33  # the diagram's words: layouts draw it at about 0.6 scale
    label_size: float = 24
    small_size: float = 20

    def node_colors(self, n: int) -> tuple[str, ...]:
        """The colours of ``n`` hidden nodes, top first: the palette's first ``n``, so a
        node keeps its colour when nodes are added below it, and two nodes are ``top``
        (blue) and ``bottom`` (orange), as the lesson has always drawn them."""
        if not 1 <= n <= len(self.nodes):
            raise ValueError(f"a palette of {len(self.nodes)} node colours has none for {n} nodes")
        return self.nodes[:n]

    def path_color(self, which: str, node_names: tuple[str, ...] = ("top", "bottom")) -> str:
        """The colour of a path: ``"output"``, or the hidden node called ``which`` among
        ``node_names`` (a network's :attr:`~relu_anim.model.Network.node_names`; by
        default the lesson's two, ``"top"`` and ``"bottom"``)."""
        if which == "output":
            return self.output
        return self.node_colors(len(node_names))[node_names.index(which)]

    def ink(self, color):
        """The colour to write text in for ``color``: its shade from :attr:`text_shades`
        if it has one (``color`` a hex string or a Manim colour), else ``color`` itself."""
        hexed = (color.to_hex() if hasattr(color, "to_hex") else str(color)).upper()
        return next((shade for line, shade in self.text_shades if line.upper() == hexed), color)

    @property
    def drawing_colors(self) -> dict[str, str]:
        """Every colour a line, a dot or a text is drawn in, by field: all but the grounds
        things are drawn on (``background``, ``node_fill``)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in GROUNDS}
        values |= {f"node{i}": color for i, color in enumerate(self.nodes[2:], start=3)}  # top, bottom: above
        return {name: value for name, value in values.items() if isinstance(value, str) and value.startswith("#")}

    @property
    def text_colors(self) -> dict[str, str]:
        """Every colour text is written in, by the field it is written for: each drawing
        colour's :meth:`ink` (a component may write in any of them: labels, terms, ticks)."""
        return {name: self.ink(color) for name, color in self.drawing_colors.items()}


#: How many hidden nodes a theme has colours for: the model's ``MAX_HIDDEN``.
PALETTE_SIZE = 8

#: The colours things are drawn on, not in: every text colour is checked against both.
GROUNDS = ("background", "node_fill")


LIGHT = Theme(
    name="light",
    background="#FBFAF7",
    text="#1F2328",
    muted="#68707A",  # 4.80:1 (was #6E7781, 4.36:1)
    top="#1D6AE1",  # 4.79:1 (was #1F6FEB, 4.44:1)
    bottom="#E0700B",  # 3.10:1: a line's orange; its text is text_shades' #B05606
    output="#148042",  # 4.79:1 (was #1A9850, 3.56:1)
    data="#1F2328",
    highlight="#C2185B",
    node_fill="#FFFFFF",
    # orange darkened to 4.81:1 is brown (#B05606): right for "the orange line"'s numbers
    # beside it, wrong for the line itself, which the narration calls orange
    text_shades=(("#E0700B", "#B05606"),),
    # blue and orange, then indigo, olive, violet, pine, plum, wine: every one after the
    # first two 4.5:1 on both grounds (no text shade needed)
    nodes=("#1D6AE1", "#E0700B", "#5030A0", "#405000", "#4000F0", "#006040", "#A050A0", "#802060"),
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
    # blue and orange, then sage, mint, yellow, vermilion, orchid, pink: 4.5:1 on both grounds
    nodes=("#58A6FF", "#FFA657", "#60A070", "#C0F0B0", "#F0F000", "#F06010", "#C070C0", "#F0B0F0"),
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
