"""The lesson's stages, in order: one scene each.

This registry is plain data so that ``relu-anim list`` and name checks stay fast;
a stage's Manim scene class is imported only when it is needed.

:data:`STAGES` is the lesson. :func:`use_stages` swaps in another list for a while
(tests register tiny scenes this way; so could a course built from other scenes):
``relu-anim list``, ``get_stage`` and ``render --all`` then see that list.

:data:`CARDS` are the two cards the joined lesson opens and closes with (a title card
and a summary card). They are Stage entries too (rendered, cached and named like
stages: ``relu-anim render title``), but they are not stages: they have no number,
``relu-anim list`` and :func:`current_stages` leave them out, and only ``render --all``
(the whole lesson) renders them with the stages. :func:`lesson_order` is the joined
lesson's order: the opening cards, the stages, the closing cards.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import importlib
import importlib.util
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The lesson's title: the title card's, the lecture page's and the deck's.
LESSON_TITLE = "Neural Networks Part 3: ReLU in Action"

#: What an entry of the registry is: one of the lesson's numbered stages, or a card
#: that opens or closes the joined lesson.
STAGE, OPENING, CLOSING = "stage", "opening", "closing"


class UnknownStage(LookupError):
    """A stage name that is not in the lesson."""


@dataclass(frozen=True)
class Stage:
    number: int | None  # the place in the lesson, from 1; None for a card
    name: str  # what users type: ``relu-anim render first-dot``
    scene_class: str  # the Manim Scene in ``scenes/<module>.py``
    #: One line on what the stage shows (the manifest's, the page's and the chapters').
    description: str
    #: The few words it opens with on screen, beside its number ("3  The first dot"),
    #: and its heading on the page and in the deck; by default its name, capitalised.
    heading: str = ""
    #: What the stage teaches, in one sentence of our own words with none of the network's
    #: numbers (those are the model's to state, on screen): the line under its heading on
    #: its slide (the manifest's ``key_sentence``). By default its description.
    key_sentence: str = ""
    #: The module holding ``scene_class``; by default ``relu_anim.scenes.<name>``.
    scene_module: str | None = None
    #: Seconds into the stage for its poster picture; None: its opening picture (where its
    #: first sentence ends, :func:`relu_anim.render.poster_at_opening`); a card's: its last frame.
    poster_time: float | None = None
    #: Why this stage does not open on the picture the stage before it ended on ("" when
    #: it does: its first frame carries over the graphs, marks, highlights and texts of
    #: the previous stage's last frame; tests/test_handover.py checks both ways).
    opens_fresh: str = ""
    #: Whether the stage opens on the previous stage's last picture played again (its
    #: animations skipped) and dissolves from it into its own layout, where the picture
    #: changes too much to be rebuilt from :mod:`relu_anim.handovers` (see
    #: :meth:`relu_anim.scene.LessonScene.from_opening`). Played by plain ``manim``, with
    #: no previous stage to play, it fades its picture in from an empty frame.
    replays_previous: bool = False
    #: :data:`STAGE`, or :data:`OPENING` / :data:`CLOSING` for a card of the joined lesson.
    role: str = STAGE

    def __post_init__(self) -> None:
        if not self.heading:
            object.__setattr__(self, "heading", self.name.replace("-", " ").capitalize())
        if not self.key_sentence:
            object.__setattr__(self, "key_sentence", self.description)

    def told(self, n: int) -> Stage:
        """This stage as told with ``n`` hidden nodes: its heading, description and key
        sentence say ``n`` nodes where the storyboard's speak of two
        (:func:`relu_anim.model.story.stage_words`); itself for two nodes. Read wherever
        these words are shown with a network: the stage's title line, the manifest (and so
        the page and the deck), the joined lesson's chapters."""
        from .model import story

        words = story.stage_words(self.name, n)
        return dataclasses.replace(self, **words) if words else self

    @property
    def is_card(self) -> bool:
        return self.role != STAGE

    @property
    def module(self) -> str:
        return self.scene_module or "relu_anim.scenes." + self.name.replace("-", "_")

    def plays(self, scene_class: type) -> bool:
        """Whether ``scene_class`` is this stage's scene (by name: nothing is imported)."""
        return self.scene_class == scene_class.__name__ and self.module == scene_class.__module__

    def load(self) -> type:
        """The stage's Manim Scene class."""
        return getattr(importlib.import_module(self.module), self.scene_class)

    def source_file(self) -> Path:
        """The scene's source file, found without running it (nor importing Manim)."""
        spec = importlib.util.find_spec(self.module)
        if spec is None or spec.origin is None:
            raise UnknownStage(f"scene {self.name!r}: module {self.module} not found")
        return Path(spec.origin)


#: How an ``opens_fresh`` reason begins when the stage opens on an empty frame.
FADES_IN = "fades its own picture in from an empty frame"
STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "recap",
        "Recap",
        "Part 1 in brief: the data, the softplus network and its squiggle",
        replays_previous=True,
        heading="Recap: Part 1 in brief",
        key_sentence="A network with softplus in its hidden nodes bends and adds curves into a squiggle that fits the three dosages.",
    ),
    Stage(
        2,
        "swap",
        "Swap",
        "Softplus makes way for ReLU, plus one more ReLU before the output",
        replays_previous=True,
        heading="Softplus out, ReLU in",
        key_sentence="ReLU gives the larger of 0 and its input: it takes the place of softplus in the hidden nodes, and one more comes before the output.",
    ),
    Stage(
        3,
        "first-dot",
        "FirstDot",
        "Dosage 0 travels through the top node and lands as a blue dot",
        replays_previous=True,
        heading="The first dot",
        key_sentence="A connection multiplies the dosage by its weight and adds its bias, and ReLU turns the result into 0 if it is negative.",
    ),
    Stage(
        4,
        "bent-line",
        "BentLine",
        "More dosages through the top node trace the bent blue line",
        heading="The top node's bent line",
        key_sentence="Every dosage through the top node draws its output: flat at 0 while the input is negative, then a straight rise.",
    ),
    Stage(
        5,
        "scale-top",
        "ScaleTop",
        "The bent blue line times its output weight: flipped and stretched",
        heading="Scaling the top node",
        key_sentence="The output weight multiplies every point of the bent line: a negative weight flips it, a large one stretches it.",
    ),
    Stage(
        6,
        "orange-line",
        "OrangeLine",
        "The bottom node's straight orange line, then scaled",
        heading="The bottom node's line",
        key_sentence="The bottom node works the same way, but its input never goes below 0, so its line stays straight before its weight scales it.",
    ),
    Stage(
        7,
        "wedge",
        "Wedge",
        "Blue plus orange, point by point, makes the green wedge; the bias lowers it",
        replays_previous=True,
        heading="Adding the two lines",
        key_sentence="The output node adds the two lines point by point into one new shape, and its bias shifts the whole shape.",
    ),
    Stage(
        8,
        "clip",
        "Clip",
        "The output ReLU clips the wedge into the green pointy thing",
        replays_previous=True,
        heading="The output ReLU clips",
        key_sentence="The ReLU before the output turns every negative value of the shifted shape into 0 and lets the positive ones through.",
    ),
    Stage(
        9,
        "shapes",
        "Shapes",
        "Why it works: sliced, flipped, stretched shapes add up to a fit",
        replays_previous=True,
        heading="Why it works",
        key_sentence="Weights and biases slice, flip and stretch the plain ReLU into pieces that add up to a shape that fits the data.",
    ),
    Stage(
        10,
        "derivative",
        "Derivative",
        "The bend has no slope: pick 0 or 1 and gradient descent still works",
        replays_previous=True,
        heading="The bend's slope",
        key_sentence="ReLU has no slope at its bend, but declaring it 0 or 1 there is enough for gradient descent to find the same fit.",
    ),
)

#: The joined lesson's title card and summary card (scenes/title.py, scenes/summary.py).
CARDS: tuple[Stage, ...] = (
    Stage(
        None,
        "title",
        "TitleCard",
        "The network, the data and the fit this lesson builds",
        heading="The lesson",
        key_sentence="A small network of ReLUs turns straight lines into a fit of three data points, one step at a time.",
        role=OPENING,
        opens_fresh=f"{FADES_IN}: the joined lesson's first picture",
    ),
    Stage(
        None,
        "summary",
        "SummaryCard",
        "The six steps: slice, flip, stretch, add, shift, clip",
        heading="Summary",
        key_sentence="Slice, flip, stretch, add, shift, clip: six steps turn ReLU's straight pieces into a fit of the data.",
        role=CLOSING,
        replays_previous=True,
    ),
)

_current: tuple[Stage, ...] = STAGES
_current_cards: tuple[Stage, ...] = CARDS


def current_stages() -> tuple[Stage, ...]:
    """The stages in use, in order: :data:`STAGES` unless :func:`use_stages` says otherwise."""
    return _current


def current_cards() -> tuple[Stage, ...]:
    """The cards in use (:data:`CARDS` unless :func:`use_stages` says otherwise)."""
    return _current_cards


def previous_in_lesson(stage: Stage) -> Stage | None:
    """The entry the joined lesson plays just before ``stage`` (None for the first, or
    for a stage that is not in the lesson)."""
    order = [entry.name for entry in lesson_order()]
    if stage.name not in order or order.index(stage.name) == 0:
        return None
    return lesson_order()[order.index(stage.name) - 1]


def lesson_order() -> tuple[Stage, ...]:
    """Everything the joined lesson plays, in order: opening cards, stages, closing cards."""
    cards = current_cards()
    return (*(c for c in cards if c.role == OPENING), *current_stages(), *(c for c in cards if c.role == CLOSING))


@contextlib.contextmanager
def use_stages(stages: Sequence[Stage], cards: Sequence[Stage] = ()) -> Iterator[tuple[Stage, ...]]:
    """Use ``stages`` (and ``cards``: by default none) instead of the lesson's within the block."""
    global _current, _current_cards
    names = [stage.name for stage in (*stages, *cards)]
    if len(set(names)) != len(names) or "lesson" in names:
        raise ValueError(f"stage names must be unique and not 'lesson': {names}")
    if any(card.role not in (OPENING, CLOSING) for card in cards) or any(stage.is_card for stage in stages):
        raise ValueError("cards open or close the lesson; stages have the role 'stage'")
    before, _current, _current_cards = (_current, _current_cards), tuple(stages), tuple(cards)
    try:
        yield _current
    finally:
        _current, _current_cards = before


def get_stage(name: str) -> Stage:
    """The stage (or card) called ``name``, or :class:`UnknownStage` naming the closest match."""
    by_name = {stage.name: stage for stage in (*_current, *_current_cards)}
    try:
        return by_name[name]
    except KeyError:
        pass
    close = difflib.get_close_matches(name, by_name, n=1, cutoff=0.4)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UnknownStage(f"unknown scene {name!r}; {hint}see `relu-anim list` for all scenes")
