"""Which mobjects move in an animation, so that Manim redraws only those every frame.

Manim (with Cairo) draws the mobjects that cannot change during an animation once, into
a background picture, and redraws the others on every frame. Its own test of "can
change" (``Scene.get_moving_mobjects``) counts every mobject with an updater as moving,
and with it everything after it in the scene's list (to keep the drawing order). Every
mark on a graph follows the graph through an updater, so with Manim's test a whole
stage is redrawn on every frame even while one dot moves.

Our components' updaters are :class:`Follower` objects instead: each names what it reads
(its inputs: value trackers, the graph's plotting area...) and what it writes besides its
own mobject. :func:`prepare_redraw` then counts a follower as moving only when
something it reads can change during the animation: it is animated itself, or written
by a follower that moves (worked out to a fixed point). Anything it cannot judge (an
updater that is not a Follower, a time-based one, a scene updater) makes it fall back
to Manim's own test.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence

from manim import AnimationGroup, LaggedStart, LaggedStartMap, Mobject


def _signature(*names: str) -> inspect.Signature:
    return inspect.Signature([inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names])


class Follower:
    """An updater that redraws a mobject from the mobjects it reads: what it draws on a
    frame depends on what it reads then, not on the frames before (a chunk's skip to its
    start, :class:`relu_anim.segments.ChunkRenderer`, runs it on an animation's last
    frame alone).

    ``redraw()`` does the work; ``inputs()`` lists the mobjects whose change can change
    the drawing (the updater's own mobject and its family always count); ``outputs()``
    lists mobjects other than its own family that ``redraw`` changes.
    Pass bound methods: a copy of the owner (Manim copies mobjects to animate them)
    gets a copy of the updater bound to itself.
    """

    # Manim asks every updater, on every frame, whether it takes ``dt`` (inspect.signature);
    # for a callable object that means building its signature each time: given here once.
    __signature__ = _signature("mobject")

    def __init__(
        self,
        redraw: Callable[[], object],
        inputs: Callable[[], Iterable[Mobject]],
        outputs: Callable[[], Iterable[Mobject]] | None = None,
    ) -> None:
        self.redraw, self.inputs, self.outputs = redraw, inputs, outputs

    def __call__(self, mobject: Mobject) -> None:
        self.redraw()

    def written(self) -> Iterable[Mobject]:
        return self.outputs() if self.outputs is not None else ()


class Ticking(Follower):
    """A time-based updater that changes its own mobject alone (a label fading on a
    clock of its own): it counts as moving on every frame while it is attached, and
    moves nothing else. ``tick(dt)`` does the work, reading nothing that an animation
    or another updater changes: a chunk's skip to its start
    (:class:`relu_anim.segments.ChunkRenderer`) ticks it on every frame while
    nothing else is updated."""

    always = True
    __signature__ = _signature("mobject", "dt")

    def __init__(self, tick: Callable[[float], object]) -> None:
        super().__init__(redraw=lambda: None, inputs=tuple)
        self.tick = tick

    def __call__(self, mobject: Mobject, dt: float) -> None:  # Manim passes dt: it sees the parameter
        self.tick(dt)


class Beside(Follower):
    """Keeps its mobject beside ``target`` (``next_to`` on ``side``, then its ``edge``
    lined up with the target's centre), reading the target alone: a label that follows
    its dot as the axes change, judged like any follower (a lambda updater is not, so
    the plays it is in were drawn Manim's way, the whole graph on every frame).

    A copy of the mobject (Manim copies mobjects to animate them) keeps this very
    follower, as it kept a lambda: the copy is placed beside the same target.

    Parameters
    ----------
    target
        The mobject it stays beside (a dot on a graph).
    side, edge
        Where: ``next_to(target, side)``, then its ``edge`` aligned to the target's centre.
    buff
        The gap from the target, in scene units.
    """

    def __init__(self, target: Mobject, side, edge, buff: float) -> None:
        super().__init__(lambda: None, lambda: [target])
        self.target, self.side, self.edge, self.buff = target, side, edge, buff

    def __call__(self, mobject: Mobject) -> None:
        mobject.next_to(self.target, self.side, buff=self.buff).align_to(self.target.get_center(), self.edge)

    def __deepcopy__(self, memo) -> Beside:
        return self


def follow(mobject: Mobject, follower: Follower) -> Mobject:
    """Attach ``follower`` to ``mobject`` and run it once."""
    return mobject.add_updater(follower, call_updater=True)


#: Manim's compositions that change their group only through the animations they hold
#: (they merely pause its updaters while they play): a whole diagram given as the group of
#: a highlight of two of its edges is not animated, the edges are. Their subclasses may
#: do more, so only these exact classes.
PLAIN_GROUPS = (AnimationGroup, LaggedStart, LaggedStartMap)


def animated_mobjects(animations: Sequence) -> set[Mobject]:
    """Every mobject the animations change, with their families (as Manim collects them,
    but for the group of a :data:`PLAIN_GROUPS` composition)."""
    found: set[Mobject] = set()
    for animation in animations:
        if type(animation) not in PLAIN_GROUPS:
            found.update(animation.mobject.get_family())
        if isinstance(animation, AnimationGroup):
            found.update(animated_mobjects(animation.animations))
    return found


def prepare_redraw(scene, animations: Sequence) -> tuple[list[Mobject], set[Mobject]] | None:
    """Before ``animations`` play: bring the followers that will not move up to date
    (their inputs may have been set between plays), and return the scene's mobjects
    from the first one that can change onwards (Manim draws the ones before it once, as
    the background) and the set of every mobject that can change (with their families:
    :class:`relu_anim.layers.LayeredRenderer` keeps the others after the first one still
    too), or None where only Manim's own test can tell (see the module's docstring;
    nothing is updated then)."""
    found = _moving(scene, animations)
    if found is None:
        return None
    mobjects, followers, moving, changing = found
    update_followers([mob for mob in followers if mob not in moving])  # (a Ticking one is always moving)
    for mob in scene.foreground_mobjects:  # redrawn every frame, as Manim does
        changing.update(mob.get_family())

    def can_change(mob: Mobject) -> bool:
        return mob in changing or any(can_change(m) for m in mob.submobjects)

    first = next((i for i, mob in enumerate(mobjects) if can_change(mob)), None)
    return ([] if first is None else mobjects[first:]), changing


def _moving(scene, animations: Sequence):
    """The scene's mobjects, those with followers, the followers' mobjects that can move
    while ``animations`` play and every mobject that can change (see
    :func:`prepare_redraw`); None where an updater is not a :class:`Follower`."""
    if scene.updaters:
        return None
    mobjects = scene.get_mobject_family_members()
    followers = []
    for mob in mobjects:
        if mob.updaters:
            if not all(isinstance(updater, Follower) for updater in mob.updaters):
                return None
            followers.append(mob)
    changing = animated_mobjects(animations)
    moving: set[Mobject] = set()
    grew = True
    while grew:
        grew = False
        for mob in followers:
            if mob in moving:
                continue
            if mob in changing or any(
                getattr(f, "always", False) or any(i in changing for i in f.inputs()) for f in mob.updaters
            ):
                moving.add(mob)
                changing.update(mob.get_family())
                for follower in mob.updaters:
                    for written in follower.written():
                        changing.update(written.get_family())
                grew = True
    return mobjects, followers, moving, changing


def skippable(scene, animations: Sequence) -> bool:
    """Whether ``animations``, begun, reach the state a frame-by-frame play leaves on
    their last frame when only that frame is updated (with the :class:`Ticking`
    updaters ticked on every frame before it): every updater that can run is a
    :class:`Follower` (the copies' the animations update too), no scene updater and no
    stop condition, so everything but the ticking is a function of the time alone
    (see :func:`relu_anim.segments.ChunkRenderer`)."""
    if getattr(scene, "stop_condition", None) is not None or getattr(scene, "meshes", None):
        return False
    if _moving(scene, animations) is None:
        return False
    for animation, nested in _updated(animations):
        for mob in (m for c in _copies(animation) for m in c.get_family()):
            if not all(isinstance(u, Follower) and not (nested and isinstance(u, Ticking)) for u in mob.updaters):
                return False  # (a nested animation's copies tick while it runs: not known ahead)
    return True


def _copies(animation) -> list[Mobject]:
    """The mobjects Manim updates for ``animation``; for one not begun yet (a later part
    of a Succession), what its copies will be made of."""
    try:
        return animation.get_all_mobjects_to_update()
    except AttributeError:
        return [m for m in (animation.mobject, getattr(animation, "target_mobject", None)) if m is not None]


def _updated(animations: Sequence, nested: bool = False):
    """The animations whose copies Manim updates on a frame (``Animation.update_mobjects``),
    each with whether it sits inside a composition (which updates it only while it runs)."""
    for animation in animations:
        if isinstance(animation, AnimationGroup):  # (Succession too) updates its parts, not its group
            yield from _updated(animation.animations, nested=True)
        else:
            yield animation, nested


def ticking_updaters(scene, animations: Sequence) -> list[tuple[Mobject, Ticking]]:
    """The :class:`Ticking` updaters a frame of ``animations`` calls, with their
    mobjects, in the order Manim calls them (``Scene.update_to_time``: the animations'
    copies, then the scene's mobjects, each family depth first, none under a mobject
    whose updating is suspended)."""
    found: list[tuple[Mobject, Ticking]] = []

    def visit(mob: Mobject) -> None:
        if mob.updating_suspended:
            return
        found.extend((mob, u) for u in mob.updaters if isinstance(u, Ticking))
        for sub in mob.submobjects:
            visit(sub)

    for animation, nested in _updated(animations):
        if not nested:  # (skippable: no Ticking on a nested one's copies)
            for copy in animation.get_all_mobjects_to_update():
                visit(copy)
    for mob in scene.mobjects:
        visit(mob)
    return found


def update_followers(mobjects: Sequence[Mobject]) -> None:
    """Run the followers of ``mobjects`` once, so they draw their inputs as they are
    now; twice over, as one may feed another."""
    for _ in range(2):
        for mob in mobjects:
            for follower in mob.updaters:
                follower(mob)


__all__ = [
    "Beside",
    "Follower",
    "Ticking",
    "follow",
    "prepare_redraw",
    "skippable",
    "ticking_updaters",
    "update_followers",
]
