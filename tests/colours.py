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


def ciede2000(a: str, b: str) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1) of two ``#rrggbb`` colours, as
    Sharma, Wu and Dalal (2005) write it out step by step."""
    return ciede2000_lab(cielab(a), cielab(b))


def ciede2000_lab(lab1, lab2) -> float:
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp, dcp = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lp_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_bar = (h1p + h2p) / 2
    else:
        hp_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_bar - 30))
        + 0.24 * math.cos(math.radians(2 * hp_bar))
        + 0.32 * math.cos(math.radians(3 * hp_bar + 6))
        - 0.20 * math.cos(math.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * math.exp(-(((hp_bar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    sl = 1 + 0.015 * (lp_bar - 50) ** 2 / math.sqrt(20 + (lp_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh))


#: Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of
#: color vision deficiency", IEEE TVCG 15(6): the matrices for severity 1.0 (the full
#: dichromacies), applied to linear RGB.
MACHADO_2009 = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def simulate(hex_colour: str, kind: str) -> str:
    """``hex_colour`` as seen with the colour blindness ``kind`` (a key of
    :data:`MACHADO_2009`; ``"normal"`` leaves it), as ``#rrggbb``."""
    if kind == "normal":
        return hex_colour
    rgb = linear_rgb(hex_colour)
    seen = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in MACHADO_2009[kind]]
    gamma = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in seen]
    return "#" + "".join(f"{round(c * 255):02X}" for c in gamma)
