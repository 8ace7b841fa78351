"""The lecture page's colours, light and dark: every text at least 4.5:1 on every background
it is set on (WCAG 2.1, 1.4.3), the focus ring and the buttons' borders at least 3:1 (1.4.11),
computed here from the palettes as the files state them (lecture.css's custom properties, the
explorer's in relu-explorer.js) with the WCAG relative luminance formula, written out in
tests/colours.py (checked on WCAG's figures in tests/test_theme_colours.py) and not taken
from the code under test. And the page wears the package's theme: the
theme its videos were rendered in, written in the manifest.

The browser side (axe-core in both themes, nothing left white in the dark page) is in
tests/test_lecture_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .colours import contrast, relative_luminance

STATIC = Path(__file__).resolve().parents[1] / "relu_anim" / "lecture" / "static"

#: lecture.css: (text, background) for every text colour set on a background; the rules
#: that pair them are named beside each.
PAGE_TEXT = [
    ("ink", "paper"),  # the page, headings, chapter buttons, the explorer's side panel
    ("ink", "panel"),  # the chapter list, kbd, the presenter bar and its buttons
    ("ink", "hover"),  # a presenter bar button under the pointer
    ("ink", "stage"),  # presenter mode: a stage's heading
    ("muted", "paper"),  # summary, hints, lengths, the footer
    ("muted", "panel"),  # the chapter list's hint and times
    ("muted", "stage"),  # presenter mode: a stage's description and length
    ("accent", "paper"),  # buttons and links
    ("accent", "hover"),  # a button under the pointer
    ("accent", "panel"),  # a link or button on the chapter panel
    ("panel", "ink"),  # a pressed presenter button (colours swapped)
]
#: Parts that are not text, 3:1 against what is next to them.
PAGE_PARTS = [
    ("focus", "paper"),
    ("focus", "panel"),
    ("focus", "stage"),
    ("accent", "paper"),  # a button's border
    ("ink", "panel"),  # a presenter button's border
]
#: relu-explorer.js's own palette (the lesson's colours): its texts.
EXPLORER_TEXT = [
    ("ink", "bg"),  # labels, numbers, the SVG's words
    ("muted", "bg"),  # captions, ticks, the readout's names
    ("accent", "bg"),  # buttons
    ("highlight", "bg"),  # an error message
    ("ink", "node"),  # the number fields and the menu
]


def custom_properties(block: str) -> dict[str, str]:
    return {name: value.lower() for name, value in re.findall(r"--([\w-]+):\s*(#[0-9A-Fa-f]{6})\b", block)}


def block_after(text: str, selector: str) -> str:
    """The declarations of the first rule whose selector is ``selector``."""
    start = text.index(selector + " {") + len(selector) + 2
    return text[start : text.index("}", start)]


def page_palettes() -> dict[str, dict[str, str]]:
    css = (STATIC / "lecture.css").read_text()
    light = custom_properties(block_after(css, ":root"))
    return {"light": light, "dark": {**light, **custom_properties(block_after(css, ':root[data-theme="dark"]'))}}


def explorer_palettes() -> dict[str, dict[str, str]]:
    script = (STATIC / "relu-explorer.js").read_text()
    light = custom_properties(script[script.index(":host {") : script.index(":host([data-theme='dark'])")])
    return {"light": light, "dark": {**light, **custom_properties(block_after(script, ":host([data-theme='dark'])"))}}


def lowest(palette: dict[str, str], pairs: list[tuple[str, str]]) -> tuple[float, tuple[str, str]]:
    return min((contrast(palette[text], palette[ground]), (text, ground)) for text, ground in pairs)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_on_the_page_is_at_least_4_5_to_1(theme):
    palette = page_palettes()[theme]
    ratio, pair = lowest(palette, PAGE_TEXT)
    assert ratio >= 4.5, (theme, pair, round(ratio, 2))
    ratio, pair = lowest(palette, PAGE_PARTS)
    assert ratio >= 3, (theme, pair, round(ratio, 2))


def test_the_dark_palette_is_dark_and_sets_every_colour_again():
    css = (STATIC / "lecture.css").read_text()
    light = custom_properties(block_after(css, ":root"))
    dark = custom_properties(block_after(css, ':root[data-theme="dark"]'))
    assert dark.keys() == light.keys()  # nothing light left behind in the dark page
    for ground in ("paper", "panel", "stage", "hover"):
        assert relative_luminance(dark[ground]) < 0.05 < relative_luminance(light[ground]), ground
    # no colour outside the palette: every other colour in the file is a custom property's
    palette_end = css.index("(the end of the palette")
    assert not re.findall(r"#[0-9A-Fa-f]{3,6}\b", css[palette_end:])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_in_the_explorer_is_at_least_4_5_to_1(theme):
    ratio, pair = lowest(explorer_palettes()[theme], EXPLORER_TEXT)
    assert ratio >= 4.5, (theme, pair, round(ratio, 2))


def test_the_videos_background_is_the_stages_in_presenter_mode():
    """Presenter mode shows a video on the videos' own background (relu_anim/theme.py)."""
    from relu_anim.theme import THEMES

    palettes = page_palettes()
    assert {theme: palettes[theme]["stage"] for theme in THEMES} == {
        name: theme.background.lower() for name, theme in THEMES.items()
    }


def test_the_page_and_its_explorer_wear_the_packages_theme(lecture_package, dark_lecture_package):
    """The theme written in the manifest, the theme of the package's videos."""
    import json

    for folder, media in (lecture_package, dark_lecture_package):
        (manifest,) = media.glob("*/manifest.json")  # tiny/, or tiny-dark/ for a dark render
        theme = json.loads(manifest.read_text())["theme"]
        page = (folder / "index.html").read_text()
        assert re.search(r'<html lang="en" data-theme="(\w+)">', page)[1] == theme
        assert re.findall(r'<relu-explorer [^>]*theme="(\w+)"', page) == [theme]
    assert theme == "dark"  # the last package's: the dark one


@pytest.mark.parametrize("theme", ["auto", "light", "dark"])
def test_the_explore_pages_theme_is_the_one_asked(tmp_path, theme):
    from click.testing import CliRunner

    from relu_anim.cli import main

    result = CliRunner().invoke(main, ["explore", "--theme", theme, "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "x" / "index.html").read_text()
    assert f'<html lang="en" data-theme="{theme}">' in page and f'theme="{theme}"' in page
    css = (STATIC / "lecture.css").read_text()
    for selector in (":root", ':root[data-theme="dark"]'):  # the lecture page's palette, both themes
        assert custom_properties(block_after(page, selector)) == custom_properties(block_after(css, selector))
