"""Drawing what moves over a cached picture of what does not, even where something still
is drawn over something moving (imports Manim).

Manim (with Cairo) draws the mobjects before the first one an animation can change once,
into a background picture, and redraws that one and every mobject after it on every
frame, to keep the drawing order. When a diagram at the front of the scene's list is
animated (recap's and swap's highlights, new labels), the whole picture is redrawn on
every frame, though most of it keeps still.

:class:`LayeredRenderer` also caches what keeps still *after* the first changing
mobject. When an animation begins it keeps two pictures: ``below``, Manim's background
(what is drawn before the first changing mobject), and ``above``, ``below`` with every
still mobject after it drawn over it, in order, as if the changing ones were not there.
Each frame starts from ``above``; only inside the box of pixels the changing mobjects
can touch this frame is ``below`` put back and the drawing redone, clipped to the box:
the changing mobjects and the still ones after them that reach into it, in the scene's
order. Outside the box the changing mobjects touch no pixel, so the picture there is
``above``'s; inside it, each pixel gets the same drawing operations, in the same order,
as Manim's full redraw, so the frames are the same to the byte (tested on whole stages).

What changes is the scene's word: ``scene.changing_mobjects``, the set
:func:`relu_anim.components.motion.prepare_redraw` worked out (a lesson scene sets it
in ``get_moving_mobjects``). Where a scene does not say (``None``: Manim's own test
decided), or a frame holds anything but plain vectorized mobjects (images, point clouds,
background images), or the still mobjects are not where they were when the animation
began, the frame is drawn as Manim draws it.
"""

from __future__ import annotations

import math

import numpy as np
from manim import Mobject, VMobject
from manim.renderer.cairo_renderer import CairoRenderer

from .segments import ChunkRenderer

#: Pixels added around a mobject's box for anti-aliasing (Cairo touches a pixel its
#: outline only grazes) and rounding.
AA_MARGIN = 2


class LayeredRenderer(CairoRenderer):
    """Manim's Cairo renderer, drawing each frame of an animation as the module says."""

    _layers: _Layers | None = None

    def save_static_frame_data(self, scene, static_mobjects):
        image = super().save_static_frame_data(scene, static_mobjects)
        changing = getattr(scene, "changing_mobjects", None)
        self._layers = None
        if changing is not None and not self.skip_animations:  # (a skipped play draws nothing kept)
            below = self.camera.background if image is None else image
            self._layers = _Layers.make(self.camera, scene.moving_mobjects, changing, below)
        return image

    def update_frame(self, scene, mobjects=None, include_submobjects=True, ignore_skipping=True, **kwargs):
        layers = self._layers
        below = self.camera.background if self.static_image is None else self.static_image
        usable = layers is not None and mobjects is layers.moving and below is layers.below
        if not usable or not include_submobjects or kwargs or (self.skip_animations and not ignore_skipping):
            return super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)
        if not layers.draw(self.camera):
            super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)


class _Layers:
    """One animation's two cached pictures and the still mobjects drawn into ``above``."""

    def __init__(self, moving: list, still: list, boxes: list, below: np.ndarray, above: np.ndarray) -> None:
        self.moving, self.still, self.boxes, self.below, self.above = moving, still, boxes, below, above
        self.still_ids = {id(m): i for i, m in enumerate(still)}

    @classmethod
    def make(cls, camera, moving: list, changing, below: np.ndarray) -> _Layers | None:
        """The layers of an animation whose redrawn mobjects are ``moving`` (Manim's list,
        from the first changing one on), of which ``changing`` can change; None where
        they would not help (nothing still after the first changing mobject) or cannot
        be used (a mobject drawn otherwise than as a vectorized path)."""
        order = camera.get_mobjects_to_display(moving)
        if not all(_drawable(camera, m) for m in order):
            return None
        still = [m for m in order if m not in changing]
        if not still:
            return None
        camera.set_pixel_array(below)
        camera.capture_mobjects(still, include_submobjects=False)
        above = camera.pixel_array.copy()
        return cls(moving, still, [_pixel_box(camera, m) for m in still], below, above)

    def draw(self, camera) -> bool:
        """Draw this frame into the camera's pixels; False (nothing drawn) where the
        still mobjects are not as they were when the animation began, or a mobject
        cannot be drawn here: the caller draws the frame Manim's way."""
        order = camera.get_mobjects_to_display(self.moving)
        ids = self.still_ids
        if [m for m in order if id(m) in ids] != self.still:  # (a still one removed or moved in the order)
            return False
        if not all(_drawable(camera, m) for m in order):
            return False
        box = _union(_pixel_box(camera, m) for m in order if id(m) not in ids)
        camera.set_pixel_array(self.above)
        if box is None:
            return True
        pixels = camera.pixel_array
        x0, y0, x1, y1 = box
        pixels[y0:y1, x0:x1] = self.below[y0:y1, x0:x1]
        drawn = [m for m in order if id(m) not in ids or _overlaps(self.boxes[ids[id(m)]], box)]
        camera.capture_mobjects(drawn, include_submobjects=False)
        # Only the box is kept: the still mobjects drawn again reach beyond it, where the
        # picture is ``above``'s. (Not a Cairo clip: a clipped path's edges are
        # anti-aliased differently, even far from the clip's edge.)
        inside = pixels[y0:y1, x0:x1].copy()
        rx0, ry0, rx1, ry1 = _union([box, *(self.boxes[ids[id(m)]] for m in drawn if id(m) in ids)])
        pixels[ry0:ry1, rx0:rx1] = self.above[ry0:ry1, rx0:rx1]
        pixels[y0:y1, x0:x1] = inside
        return True


def _drawable(camera, mobject: Mobject) -> bool:
    """Whether ``mobject`` is drawn as a plain path (or not at all: a bare Mobject)."""
    kind = camera.type_or_raise(mobject)
    return kind is Mobject or (kind is VMobject and not mobject.get_background_image())


def _pixel_box(camera, mobject: Mobject) -> tuple[int, int, int, int] | None:
    """The pixels ``mobject``'s own drawing can touch, as (x0, y0, x1, y1), ends
    excluded, within the frame; None if it draws nothing. Its points' box (a Bézier
    curve stays inside its control points' hull), widened by its widest stroke as Cairo
    joins and caps it (a miter reaches ``miter limit`` half-widths out), and
    :data:`AA_MARGIN`."""
    points = mobject.points
    if not isinstance(mobject, VMobject) or len(points) < mobject.n_points_per_cubic_curve:
        return None
    width, height = camera.pixel_width, camera.pixel_height
    if not np.all(np.isfinite(points)):  # Manim draws nothing of it; say the whole frame
        return 0, 0, width, height
    scale_x, scale_y = width / camera.frame_width, height / camera.frame_height
    centre = camera.frame_center
    low, high = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
    stroke = max(mobject.get_stroke_width(), mobject.get_stroke_width(background=True))
    reach = stroke * camera.cairo_line_width_multiple / 2 * max(_MITER_LIMIT, math.sqrt(2))
    pad_x, pad_y = reach * scale_x + AA_MARGIN, reach * scale_y + AA_MARGIN
    x0 = (low[0] - centre[0]) * scale_x + width / 2 - pad_x
    x1 = (high[0] - centre[0]) * scale_x + width / 2 + pad_x
    y0 = height / 2 - (high[1] - centre[1]) * scale_y - pad_y
    y1 = height / 2 - (low[1] - centre[1]) * scale_y + pad_y
    box = max(0, math.floor(x0)), max(0, math.floor(y0)), min(width, math.ceil(x1)), min(height, math.ceil(y1))
    return box if box[0] < box[2] and box[1] < box[3] else None


#: Cairo's default miter limit (Manim leaves it), in half line widths.
_MITER_LIMIT = 10.0


def _union(boxes) -> tuple[int, int, int, int] | None:
    found = [b for b in boxes if b is not None]
    if not found:
        return None
    return min(b[0] for b in found), min(b[1] for b in found), max(b[2] for b in found), max(b[3] for b in found)


def _overlaps(a, b) -> bool:
    return a is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class LayeredChunkRenderer(ChunkRenderer, LayeredRenderer):
    """One chunk of a stage (:class:`relu_anim.segments.ChunkRenderer`) drawn as a whole
    stage is (:class:`LayeredRenderer`), so the chunk's segments are the whole render's.
    The animations played undrawn before the chunk keep no layers: nothing is drawn."""

    def save_static_frame_data(self, scene, static_mobjects):
        if self.dry:
            self._layers = None
            return CairoRenderer.save_static_frame_data(self, scene, static_mobjects)
        return super().save_static_frame_data(scene, static_mobjects)


__all__ = ["LayeredChunkRenderer", "LayeredRenderer"]
