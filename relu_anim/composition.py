"""The composition rules every beat of the lesson keeps, checked over frame data
(:func:`relu_anim.frames.describe` records). No Manim here: records are plain data, and
the limits are plain numbers that layouts read too (a bottom layer, like the model).

- The picture uses the frame: what is drawn spans at least :data:`MIN_SPAN` of the
  frame's width and of its height.
- Text reads at 480p: every text is at least :data:`MIN_TEXT_HEIGHT` scene units tall
  (12 pixels at 480p), measured as the height of a capital letter at the text's size
  (the record's ``size``), whatever the text says.
"""

from __future__ import annotations

from .theme import MIN_TEXT_HEIGHT

#: Manim's 16:9 frame in scene units (every quality of the lesson is 16:9).
FRAME_WIDTH, FRAME_HEIGHT = 8.0 * 16 / 9, 8.0
#: The smallest share of the frame's width and height that a beat's picture spans.
MIN_SPAN = (0.6, 0.5)


def span(record: dict) -> tuple[float, float]:
    """The shares of the frame's width and height that a moment's drawing spans."""
    box = record.get("content") or []
    if not box:
        return 0.0, 0.0
    left, bottom, right, top = box
    return (right - left) / FRAME_WIDTH, (top - bottom) / FRAME_HEIGHT


def problems(record: dict) -> list[str]:
    """What breaks the rules in one moment's record, one line each; ``[]`` when none."""
    out = []
    width, height = span(record)
    if width < MIN_SPAN[0] - 1e-9 or height < MIN_SPAN[1] - 1e-9:
        out.append(
            f"the picture spans {width:.0%} of the width and {height:.0%} of the height "
            f"(at least {MIN_SPAN[0]:.0%} and {MIN_SPAN[1]:.0%})"
        )
    for text, entry in record.get("texts", {}).items():
        if entry["size"] < MIN_TEXT_HEIGHT - 1e-9:
            out.append(f"text {text!r} is {entry['size']:.2f} tall (at least {MIN_TEXT_HEIGHT})")
    return out
