"""Colour arithmetic for the tests, written out here and not taken from the code under
test: WCAG 2.1's relative luminance and contrast ratio, and CIELAB (D65) with its
distance ΔE (1976), for colours written ``#rrggbb``."""

from __future__ import annotations

import math


def linear_rgb(hex_colour: str) -> list[float]:
    """The sRGB channels of ``#rrggbb``, undone of their gamma (0 to 1)."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour ``#rrggbb``."""
    r, g, b = linear_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def cielab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour, D65 white."""
    r, g, b = linear_rgb(hex_colour)
    xyz = (
        (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: the distance between two colours in CIELAB."""
    return math.dist(cielab(a), cielab(b))


def hue_angle(hex_colour: str) -> float:
    """CIELAB hue angle, degrees (0 to 360)."""
    _, a, b = cielab(hex_colour)
    return math.degrees(math.atan2(b, a)) % 360
