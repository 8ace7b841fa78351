"""The videos' colours (relu_anim/theme.py), light and dark, read from the themes
themselves: every colour text is written in at least 4.5:1 against what it is written on
(WCAG 2.1, 1.4.3), every line and dot colour at least 3:1 (1.4.11), the curves' colours far
apart in CIELAB, and text asked in a line's colour written in a colour that reads.

The arithmetic is tests/colours.py's (checked on published figures first), not the code's.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from relu_anim.theme import GROUNDS, THEMES

from .colours import cielab, contrast, delta_e, hue_angle

#: The colours of the things a viewer must tell apart on a graph: the three paths' curves,
#: the data points and the highlight.
SERIES = ("top", "bottom", "output", "data", "highlight")
#: The smallest CIE76 distance between two of them: a just-noticeable difference is about
#: 2.3; these are thin lines and small dots, seen from the back of a room.
APART = 50
SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_the_formulas_give_published_figures():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WCAG's classic just-failing grey
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert cielab("#ffffff") == pytest.approx((100, 0, 0), abs=0.01)
    assert cielab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)  # sRGB red, D65
    assert delta_e("#000000", "#ffffff") == pytest.approx(100, abs=0.01)


@pytest.mark.parametrize("name", THEMES)
def test_every_text_colour_reads(name):
    """Every colour any component writes in (each drawing colour's ink), on the background
    and on a node's or a travelling token's fill: 4.5:1. The old light theme failed here:
    orange 3.10, green 3.56, muted grey 4.36, blue 4.44."""
    theme = THEMES[name]
    assert set(theme.text_colors) >= {"text", "muted", *SERIES}
    low = min(
        (contrast(ink, getattr(theme, ground)), role, ground)
        for role, ink in theme.text_colors.items()
        for ground in GROUNDS
    )
    assert low[0] >= 4.5, (name, low)


@pytest.mark.parametrize("name", THEMES)
def test_every_line_colour_shows_and_the_curves_are_told_apart(name):
    theme = THEMES[name]
    low = min((contrast(colour, theme.background), role) for role, colour in theme.drawing_colors.items())
    assert low[0] >= 3, (name, low)
    for colours in (
        {role: getattr(theme, role) for role in SERIES},
        {role: theme.text_colors[role] for role in SERIES},
    ):
        nearest = min((delta_e(colours[a], colours[b]), a, b) for a, b in itertools.combinations(SERIES, 2))
        assert nearest[0] >= APART, (name, nearest)


@pytest.mark.parametrize("name", THEMES)
def test_a_text_shade_is_its_colour_darker(name):
    """A shade keeps its colour's hue (so "orange 20.41" is orange beside the orange line)."""
    theme = THEMES[name]
    for line, shade in theme.text_shades:
        assert line in theme.drawing_colors.values(), line
        assert contrast(shade, theme.background) > contrast(line, theme.background)
        assert cielab(shade)[0] < cielab(line)[0]
        assert abs(hue_angle(shade) - hue_angle(line)) < 10, (line, shade)


@pytest.mark.parametrize("name", THEMES)
def test_text_asked_in_any_theme_colour_is_written_in_one_that_reads(name):
    """make_text and an equation's coloured terms, asked for each colour of the theme (as
    labels, terms and readouts ask for a path's colour): what is drawn is 4.5:1."""
    from relu_anim.components.equation import Equation
    from relu_anim.text import make_text

    theme = THEMES[name]
    for role, colour in theme.drawing_colors.items():
        text = make_text("0.17", theme.label_size, colour, theme=theme)
        term = Equation([("a", "1.70"), " = ", ("b", "0.17")], colors={"b": colour}, theme=theme).part("b")
        for drawn in (text, term):
            written = drawn.submobjects[0].get_fill_color().to_hex()
            assert contrast(written, theme.background) >= 4.5, (name, role, written)


@pytest.mark.parametrize("stage", sorted(p.name for p in SNAPSHOTS.iterdir() if (p / "frames.json").exists()))
def test_every_text_in_the_stages_snapshots_reads(stage):
    """The texts of every stage's frame data (tests/snapshots, taken in the light theme and
    tied to the code by tests/test_snapshots.py), by their first glyph's colour: 4.5:1."""
    background = THEMES["light"].background
    moments = json.loads((SNAPSHOTS / stage / "frames.json").read_text())["moments"]
    colours = {text["color"] for moment in moments for text in moment["texts"].values()}
    low = min((contrast(colour, background), colour) for colour in colours)
    assert low[0] >= 4.5, (stage, low)
