"""One stage split into chunks that render at once on several workers (issue 35).

A stage is a list of animations (every ``play`` and ``wait``: Manim encodes each into a
segment of its own). :func:`plan_chunks` plays the stage once with its animations
skipped (no drawing, no video: a second or two) and keeps each animation's length in
the video; :func:`cut` cuts that list at animation boundaries into chunks of similar
length. Each chunk's worker then plays the whole stage up to its chunk's end, its
earlier animations neither drawn nor encoded but skipped through to the state a full
play leaves (the clock advanced by the same sums, the time-based updaters ticked on
every frame, the rest brought up to date on each animation's last frame:
:class:`relu_anim.segments.ChunkRenderer`), and encodes
only its own animations' segments (:func:`relu_anim.render.render_chunk`); the join
puts every segment together in order without re-encoding
(:func:`relu_anim.render.join_chunks`), into the same bytes a render in one piece gives.

The pass also makes the narration's clips, once, before the chunks start (the voice
caches them: no two chunk workers make the same clip at once).

Plain data and arithmetic here; Manim only inside :func:`plan_chunks`.
"""

from __future__ import annotations

import itertools
import os
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


#: What playing an animation undrawn (a chunk's way to its own first animation) costs,
#: as a share of drawing and encoding it. Measured at -q l (CPU, the fixed start of a
#: render left out, which every chunk pays wherever it starts): 0.12-0.16 for derivative
#: and orange-line with the skip (:class:`relu_anim.segments.ChunkRenderer`), where
#: playing every frame undrawn cost 0.30-0.38 (0.58 before the glyph readouts); at -q h
#: drawing costs more per frame, so the share is lower.
UNDRAWN_SHARE = 0.15


def cut(lengths: tuple[float, ...] | list[float], count: int, undrawn: float = UNDRAWN_SHARE) -> list[range]:
    """Animation indices ``0..len(lengths)-1`` cut into at most ``count`` consecutive
    ranges so that the costliest is as cheap as it can be: a chunk costs its own
    animations' lengths plus ``undrawn`` times the lengths of every animation before it
    (played undrawn to reach it). Of the cuts with that cost, the one that packs the
    earlier chunks fullest. Never an empty range: fewer chunks where there are fewer
    animations, or where more would not make the costliest cheaper."""
    if not lengths:
        return []
    ends = [0.0, *itertools.accumulate(lengths)]  # ends[i]: where animation i starts

    def cost(a: int, b: int) -> float:
        return undrawn * ends[a] + ends[b] - ends[a]

    def greedy(most: float) -> list[range] | None:
        chunks, a = [], 0
        while a < len(lengths):
            b = a + 1
            while b < len(lengths) and cost(a, b + 1) <= most:
                b += 1
            if cost(a, b) > most or len(chunks) == max(count, 1):
                return None
            chunks.append(range(a, b))
            a = b
        return chunks

    bounds = sorted({cost(a, b) for a in range(len(lengths)) for b in range(a + 1, len(lengths) + 1)})
    low, high = 0, len(bounds) - 1  # the cheapest bound whose greedy cut needs at most count chunks
    while low < high:
        middle = (low + high) // 2
        if greedy(bounds[middle]) is None:
            low = middle + 1
        else:
            high = middle
    return greedy(bounds[low])


#: The cores a render in one piece keeps busy: it draws on one, and x264 encodes on
#: threads of its own beside it. Measured at -q h from a fresh clone, alone on a 2-core
#: machine: derivative 81.5 s of CPU in 57.1 s of wall (1.43), bent-line 66.1 s in 45.1 s
#: (1.47) (benchmarks/RESULTS.md, "one stage on two workers"). Splitting a stage gains
#: wall time only where each chunk finds that many cores to itself: on that machine two
#: chunks took 1.00x and 0.97x of one piece, for 16% more CPU.
CORES_PER_RENDER = 1.4


def machine_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def chunks_that_pay(workers: int, cores: int, split: bool | None = None) -> int:
    """How many chunks a stage that would leave ``workers`` idle is rendered in, on
    ``cores`` cores: one per worker with ``split=True``, one (in one piece) with
    ``split=False``; by default as many as both the workers and the cores allow, a
    render in one piece needing :data:`CORES_PER_RENDER` of them (so none on 2 cores,
    2 on 3 or 4, 5 on 8)."""
    if split is not None:
        return max(1, workers) if split else 1
    return max(1, min(workers, int(cores / CORES_PER_RENDER)))


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
