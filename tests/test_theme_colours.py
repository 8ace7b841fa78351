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

from .colours import MACHADO_2009, ciede2000, ciede2000_lab, cielab, contrast, delta_e, hue_angle, simulate

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


def test_ciede2000_and_the_colour_blindness_model_give_published_figures():
    """Sharma, Wu and Dalal's (2005) test pairs for CIEDE2000; Machado et al.'s matrices
    keep white white (each row sums to 1) and take the red-green difference away from
    protanopes and deuteranopes, the blue-yellow one from tritanopes."""
    for lab1, lab2, published in (
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ):
        assert ciede2000_lab(lab1, lab2) == pytest.approx(published, abs=1e-4)
    for matrix in MACHADO_2009.values():
        assert [sum(row) for row in matrix] == pytest.approx([1, 1, 1], abs=1e-3)
    red, green, blue, yellow = "#D62728", "#2CA02C", "#1F77B4", "#BCBD22"
    for kind, (a, b) in (("protanopia", (red, green)), ("deuteranopia", (red, green)), ("tritanopia", (blue, green))):
        assert ciede2000(simulate(a, kind), simulate(b, kind)) < ciede2000(a, b) / 2, kind
    assert ciede2000(simulate(blue, "protanopia"), simulate(yellow, "protanopia")) > 40


#: Ways of seeing colour a node's colour must be told apart in: full colour vision and
#: the three dichromacies, simulated with Machado et al. (2009) at full severity.
VISIONS = ("normal", *MACHADO_2009)
#: The smallest CIEDE2000 distance between two node colours (or a node colour added past
#: the lesson's two and the output's, text's, grey's or highlight's colour) in every one
#: of them: 2.3 is just noticeable; 8.5 tells thin lines apart at a glance. The palettes
#: reach 10.0 (light) and 9.0 (dark): a search for the most apart among colours that reach
#: 4.5:1 on both grounds, with a chroma of 35 or more (and, light, an L* of 30 or more).
NODE_APART = 8.5


@pytest.mark.parametrize("name", THEMES)
def test_the_node_palette_starts_with_the_lessons_two_nodes(name):
    theme = THEMES[name]
    assert theme.node_colors(2) == (theme.top, theme.bottom)
    assert theme.node_colors(1) == (theme.top,)
    assert len(set(theme.node_colors(8))) == 8
    for n in range(1, 9):
        assert theme.node_colors(n) == theme.node_colors(8)[:n]  # a node keeps its colour as nodes are added
    for n in (0, 9):
        with pytest.raises(ValueError):
            theme.node_colors(n)
    # every node colour is a drawing colour: the contrast tests above hold it to 3:1 as a
    # line and 4.5:1 as text (through its ink)
    assert set(theme.node_colors(8)) <= set(theme.drawing_colors.values())


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("vision", VISIONS)
def test_the_node_colours_are_told_apart_with_any_colour_vision(name, vision):
    theme = THEMES[name]
    seen = {colour: simulate(colour, vision) for colour in theme.drawing_colors.values()}
    nodes = theme.node_colors(8)
    pairs = list(itertools.combinations(nodes, 2))
    pairs += [(node, other) for node in nodes[2:] for other in (theme.output, theme.text, theme.muted, theme.highlight)]
    nearest = min((ciede2000(seen[a], seen[b]), a, b) for a, b in pairs)
    assert nearest[0] >= NODE_APART, (name, vision, nearest)


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
