"""The lesson's two colour palettes as plain hex strings: the one place the colours are
written down. :mod:`relu_anim.theme` makes Manim colours of them for the scenes; the
lecture's slides read them here without importing Manim.

Blue is the top hidden node's path, orange the bottom node's, green the output.
"""

from __future__ import annotations

#: Each palette's colours by role (see :class:`relu_anim.theme.Theme`).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "background": "#FBFAF7", "text": "#1F2328", "muted": "#6E7781", "top": "#1F6FEB", "bottom": "#E0700B",
        "output": "#1A9850", "data": "#1F2328", "highlight": "#C2185B", "node_fill": "#FFFFFF",
    },
    "dark": {
        "background": "#16181D", "text": "#ECEFF4", "muted": "#8B949E", "top": "#58A6FF", "bottom": "#FFA657",
        "output": "#56D364", "data": "#ECEFF4", "highlight": "#FF7EB6", "node_fill": "#22262E",
    },
}  # fmt: skip
