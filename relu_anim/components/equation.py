"""Equation readouts: the lesson's arithmetic, assembled from the model's numbers.

An :class:`Equation` is one line of text made of named parts, so a scene can point at,
colour or move a single term (``eq.part("x")``) while the whole stays typeset as one.
The factories below build the lesson's equations straight from a forward pass.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import VGroup, VMobject

from ..model import ACTIVATION_BY_NAME, Network
from ..text import TIMES, fmt, fmt_term, make_text
from ..theme import Theme, current_theme

Part = tuple[str | None, str] | str  # (name, text), or plain text such as " = "


class Equation(VGroup):
    """A line of arithmetic whose parts can be addressed by name.

    Parameters
    ----------
    parts
        ``(name, text)`` pairs and plain strings, concatenated in order. Give operators
        their own spaces: ``[("w", "1.70"), " × ", ("d", "0.00")]``.
    colors
        Colour for each named part (a line's colour is written in the theme's text shade
        of it: :meth:`~relu_anim.theme.Theme.ink`); unnamed text uses the theme's text colour.
    size
        Font size; the theme's body size by default.
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Examples
    --------
    ::

        class EquationExample(LessonScene):
            def construct(self):
                eq = Equation([("a", "2"), " + ", ("b", "3"), " = ", ("sum", "5")], colors={"sum": GREEN})
                self.play(Write(eq))
                self.play(Indicate(eq.part("sum")))
    """

    def __init__(
        self,
        parts: Sequence[Part],
        colors: dict[str, object] | None = None,
        size: float | None = None,
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        pairs = [(None, p) if isinstance(p, str) else p for p in parts]
        self.string = "".join(text for _, text in pairs)
        self.text = make_text(self.string, size or self.theme.body_size, theme=self.theme)
        self._slices: dict[str, slice] = {}
        start = 0
        for name, text in pairs:
            end = start + len(text.replace(" ", ""))
            if name is not None:
                self._slices[name] = slice(start, end)
            start = end
        if len(self.text.submobjects) != start:
            raise ValueError(f"{self.string!r} typeset as {len(self.text.submobjects)} glyphs, not {start}")
        for name, color in (colors or {}).items():
            self.part(name).set_color(self.theme.ink(color))
        self.add(self.text)

    @property
    def names(self) -> list[str]:
        return list(self._slices)

    def part(self, name: str) -> VMobject:
        """The glyphs of the part called ``name``."""
        return self.text[self._slices[name]]


# -- the lesson's equations ---------------------------------------------------------------


def node_equation(net: Network, which: str, dosage: float, theme: Theme | None = None, **kwargs) -> Equation:
    """``dosage × weight + bias = x`` for hidden node ``which``: its pre-activation."""
    theme = theme or current_theme()
    node, f = net.node(which), net.forward(dosage)
    tone = theme.path_color(which, net.node_names)
    return Equation(
        [
            ("dosage", fmt(f.dosage[0])),
            f" {TIMES} ",
            ("weight", fmt_term(node.weight)),
            " + ",
            ("bias", fmt_term(node.bias)),
            " = ",
            ("x", fmt(f.node(which).x[0])),
        ],
        colors={"weight": tone, "bias": tone, "x": tone},
        theme=theme,
        **kwargs,
    )


def activation_equation(
    activation: str, x: float, y: float, color=None, theme: Theme | None = None, **kwargs
) -> Equation:
    """``max(0, x) = y`` (or softplus' ``ln(1 + e^x) = y``), with y from the model."""
    theme = theme or current_theme()
    before, after = ACTIVATION_BY_NAME[activation].written
    return Equation(
        [("f", before), ("x", fmt(x)), ("close", after), " = ", ("y", fmt(y))],
        colors={"x": color or theme.text, "y": color or theme.text},
        theme=theme,
        **kwargs,
    )


def scale_equation(
    value: float, weight: float, scaled: float, color=None, theme: Theme | None = None, **kwargs
) -> Equation:
    """``y × output weight = scaled``."""
    theme = theme or current_theme()
    tone = color or theme.text
    return Equation(
        [("y", fmt(value)), f" {TIMES} ", ("weight", fmt_term(weight)), " = ", ("scaled", fmt(scaled))],
        colors={"weight": tone, "scaled": tone},
        theme=theme,
        **kwargs,
    )


def sum_equation(
    terms: Sequence[tuple[str, float, object]],
    total: float,
    total_color=None,
    theme: Theme | None = None,
    decimals: int = 2,
    **kwargs,
) -> Equation:
    """``a + b + c = total`` from ``(name, value, colour)`` terms, each written with
    ``decimals`` decimals (see :func:`sum_decimals` for a choice that adds up)."""
    theme = theme or current_theme()
    parts: list[Part] = []
    for i, (name, value, _) in enumerate(terms):
        parts += ([" + "] if i else []) + [(name, fmt_term(value, decimals) if i else fmt(value, decimals))]
    parts += [" = ", ("total", fmt(total, decimals))]
    colors = {name: color for name, _, color in terms}
    colors["total"] = total_color or theme.output
    return Equation(parts, colors=colors, theme=theme, **kwargs)


def sum_decimals(values: Sequence[float], total: float, lowest: int = 2, highest: int = 4) -> int:
    """The fewest decimals (from ``lowest``) at which the rounded ``values`` add up to the
    rounded ``total``, so a sum on screen checks out: 20.41 + (−6.94) is 13.47, not
    13.48, but 20.412 + (−6.936) = 13.476."""
    for decimals in range(lowest, highest + 1):
        if round(sum(round(v, decimals) for v in values), decimals) == round(total, decimals):
            return decimals
    return highest
