"""One stage split into chunks that render at once on several workers (issue 35).

A stage is a list of animations (every ``play`` and ``wait``: Manim encodes each into a
segment of its own). :func:`plan_chunks` plays the stage once with its animations
skipped (no drawing, no video: a second or two) and keeps each animation's length in
the video; :func:`cut` cuts that list at animation boundaries into chunks of similar
length. Each chunk's worker then plays the whole stage up to its chunk's end, its
earlier animations played frame by frame but neither drawn nor encoded (so every
updater, the clock and the random numbers are where a full play has them), and encodes
only its own animations' segments (:func:`relu_anim.render.render_chunk`); the join
puts every segment together in order without re-encoding
(:func:`relu_anim.render.join_chunks`), into the same bytes a render in one piece gives.

The pass also makes the narration's clips, once, before the chunks start (the voice
caches them: no two chunk workers make the same clip at once).

Plain data and arithmetic here; Manim only inside :func:`plan_chunks`.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from .play import Play, playing
from .stages import Stage

#: The end of a stage's last chunk: it plays the stage to its end, however many
#: animations the plan counted.
OPEN_END = 2**31


@dataclass(frozen=True)
class ChunkPlan:
    """A stage's animations' lengths in its video (seconds), in the order played."""

    stage: str
    lengths: tuple[float, ...]

    @property
    def seconds(self) -> float:
        return sum(self.lengths)

    def chunks(self, count: int) -> list[range]:
        """The stage cut into at most ``count`` chunks (see :func:`cut`)."""
        return cut(self.lengths, count)


def cut(lengths: tuple[float, ...] | list[float], count: int) -> list[range]:
    """Animation indices ``0..len(lengths)-1`` cut into at most ``count`` consecutive
    ranges of similar total length: the ``i``-th cut is the animation boundary nearest
    to ``i / count`` of the whole. Never an empty range, so fewer chunks than ``count``
    where there are fewer animations (or one animation outweighs the rest)."""
    if not lengths:
        return []
    ends = list(itertools.accumulate(lengths))  # ends[i]: where animation i ends
    total = ends[-1]
    bounds = [0]
    for i in range(1, max(count, 1)):
        target = total * i / count
        at = bisect.bisect_left(ends, target)  # the first animation ending at or after it
        best = min(
            (j for j in (at, at + 1) if 0 < j < len(lengths)), key=lambda j: abs(ends[j - 1] - target), default=0
        )
        if best > bounds[-1]:
            bounds.append(best)
    bounds.append(len(lengths))
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def plan_chunks(stage: Stage, play: Play) -> ChunkPlan:
    """Play ``stage`` under ``play`` with its animations skipped and return each
    animation's length in the video. The narration's clips are made (and cached under
    ``play.clips``) on the way."""
    from .frames.capture import video_seconds

    lengths: list[float] = []

    def measuring(scene_class: type) -> type:
        class Measuring(scene_class):
            def play(self, *args, **kwargs):
                start = self.renderer.time
                super().play(*args, **kwargs)
                lengths.append(video_seconds(self))
                self.renderer.time = start + lengths[-1]  # the video's clock: a narrated wait is timed by it

        return Measuring

    quiet = {"format": "none", "write_to_movie": False}
    with playing(stage, play, manim=quiet, opening=False, skip_animations=True, subclass=measuring) as scene:
        scene.render()
    return ChunkPlan(stage.name, tuple(lengths))
