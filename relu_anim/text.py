"""Numbers and words on screen: one number format and one way to make text.

Every number the lesson shows goes through :func:`fmt`, so "−0.85" looks the same in
an equation, on a connection and beside a dot. Text is Pango text (no LaTeX needed).
"""

from __future__ import annotations

from collections import OrderedDict

from manim import Text, Transform, config

from .theme import Theme, current_theme

_MADE: OrderedDict[tuple, Text] = OrderedDict()  # make_text's drawings, newest last
_MADE_LIMIT = 1024

MINUS = "\u2212"  # a real minus sign: as wide as "+", unlike the hyphen
TIMES = "\u00d7"


def fmt(value: float, decimals: int = 2) -> str:
    """``-0.85`` -> ``"−0.85"``, ``1.7`` -> ``"1.70"``, ``-0.0001`` -> ``"0.00"``."""
    text = f"{float(value):.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":  # rounds to zero: no "−0.00"
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def fmt_term(value: float, decimals: int = 2) -> str:
    """A number as it follows an operator: negatives in brackets, ``"(−0.85)"``."""
    text = fmt(value, decimals)
    return f"({text})" if text.startswith(MINUS) else text


def fmt_signed(value: float, decimals: int = 2) -> str:
    """A number as a change: ``"+ 2.70"``, ``"− 16.00"`` (used on connection labels)."""
    text = fmt(value, decimals)
    return f"{MINUS} {text[1:]}" if text.startswith(MINUS) else f"+ {text}"


def make_text(
    content: str,
    size: float | None = None,
    color=None,
    *,
    theme: Theme | None = None,
    mono: bool = False,
    weight: str = "NORMAL",
) -> Text:
    """Text in the theme's font, size and colour (``size`` in Manim font units); text
    asked in a line's colour too light to read is written in the theme's shade of it
    (:meth:`~relu_anim.theme.Theme.ink`).

    Texts are remembered (the last thousand or so): asking again for the same words in
    the same style gives a copy instead of laying them out and parsing them again,
    which costs a twentieth of a second or more each time (readouts, tick numbers...)."""
    return _typeset(content, _settings(size, color, theme, mono, weight)).copy()


def make_readout_text(
    content: str,
    size: float | None = None,
    color=None,
    *,
    theme: Theme | None = None,
    mono: bool = False,
    weight: str = "NORMAL",
) -> Text:
    """:func:`make_text` for words whose numbers change on every frame (a readout), built
    from glyphs laid out once, as Manim's ``DecimalNumber`` is, instead of laid out anew.

    ``"x −4.66"`` is made from ``"x −0.00"`` (laid out once for every number of that
    shape) with each 0 that stands for another digit given that digit's outline, taken
    from ``"01234567890"`` laid out once in the same style and moved by the 0s' offset.
    The font's digits share one width and do not kern (DejaVu Sans's do not; the tests
    compare every readout the lesson shows with Pango's own layout of the whole string),
    so the glyphs land where Pango puts them, to a millionth of a pixel. Where glyphs are
    not one per character (a ligature), the words are laid out whole, as by make_text."""
    settings = _settings(size, color, theme, mono, weight)
    template = content.translate(_AS_ZERO)
    text = _typeset(template, settings).copy()
    chars = content.replace("\t", "").replace(" ", "").replace("\n", "")  # what Text.text keeps
    if template == content:
        return text
    if len(text.submobjects) != len(chars):
        return _typeset(content, settings).copy()
    digits = _typeset(_DIGITS, settings)
    zero = digits[0].points[0]
    advance = (digits[10].points[0] - zero) / 10
    for glyph, char in zip(text.submobjects, chars):
        if char in _DIGITS[1:10]:
            d = int(char)
            glyph.points = digits[d].points + (glyph.points[0] - zero - d * advance)
    text.center()  # as Text places itself
    text.text, text.original_text, text.initial_height = chars, content, text.height
    return text


_DIGITS = "01234567890"  # each digit, then a 0 ten widths on: their advance
_AS_ZERO = str.maketrans("123456789", "000000000")


def _settings(size, color, theme: Theme | None, mono: bool, weight: str) -> dict:
    theme = theme or current_theme()
    return {
        "font": theme.mono_font if mono else theme.font,
        "font_size": size or theme.body_size,
        "color": theme.ink(color or theme.text),
        "weight": weight,
    }


def _typeset(content: str, settings: dict) -> Text:
    """``content`` laid out by Pango in ``settings``, remembered: the remembered Text
    itself, not to be changed (callers copy it). Pango lays text out on a page of the
    video's size in pixels (Manim's ``_text2svg``) and wraps what is wider, so the page
    is part of what is remembered: a title laid out for a 256-pixel test render (three
    lines) came back, in the same process, for the frame data's 1080p title card."""
    page = (config["pixel_width"], config["pixel_height"])
    key = (content, *(str(value) for value in settings.values()), *page)
    made = _MADE.get(key)
    if made is None:
        made = _MADE[key] = drop_svg_paths(Text(content, **settings))
        if len(_MADE) > _MADE_LIMIT:
            _MADE.popitem(last=False)
    else:
        _MADE.move_to_end(key)
    return made


def drop_svg_paths(text: Text) -> Text:
    """Forget the parsed SVG each glyph was drawn from (``path_obj``, read once, when the
    glyph's points are made). Manim copies a mobject for nearly every animation, and
    copying those parsed paths was most of the time a scene took to build."""
    for glyph in text.get_family():
        glyph.__dict__.pop("path_obj", None)
    return text


def replace_text(target: Text, new: Text) -> Text:
    """Make ``target`` look like ``new`` and say what ``new`` says, in place.

    ``become`` alone copies the drawing but leaves the old words in ``target.text``,
    which is what frame data and tests read. Use this for readouts that change.
    ``target`` takes ``new``'s glyphs (cheaper than ``become``, which reshapes every
    old glyph into a new one); the old glyphs lose their points, so that a frame being
    drawn from a list made before (Manim lists an animation's mobjects when it begins)
    draws nothing of them.
    """
    for old in target.get_family()[1:]:
        old.reset_points()
    target.submobjects = []
    target.add(*new.submobjects)
    target.text, target.original_text = new.text, new.original_text
    target.initial_height, target._font_size = new.initial_height, new._font_size  # its font size reads true
    return target


class FadeThrough(Transform):
    """Words become other words without passing through shapes that are neither: the old
    fade out whole over the first half, the new fade in whole over the second, each frame
    one readable text (a Transform morphs glyph into glyph, and halfway reads as nothing).
    ``replace_mobject_with_target_in_scene=True`` makes it a ReplacementTransform."""

    def interpolate_submobject(self, submobject, starting_submobject, target_copy, alpha: float):
        shown = starting_submobject if alpha < 0.5 else target_copy
        submobject.interpolate(shown, shown, 0)  # its points and style, unmorphed
        fade = abs(1 - 2 * alpha)
        submobject.set_fill(opacity=shown.get_fill_opacity() * fade, family=False)
        submobject.set_stroke(opacity=shown.get_stroke_opacity() * fade, family=False)
        return self
