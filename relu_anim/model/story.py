"""What the numbers say, in words: the questions whose answers choose a caption's
wording, each by a stated rule, so that captions stay true for any network.

Scenes ask these instead of assuming the storyboard's numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from .files import DEFAULT_LABELS, Names
from .network import ACTIVATION_BY_NAME, Network, node_index, node_names, sample_dosages

#: Two terms "nearly cancel" when their sum is under this share of the larger term.
CANCEL_SHARE = 0.05
#: The wedge's "tip" is above 0 when it is positive on less than this share of 0..1.
TIP_SHARE = 1 / 3
#: A curve "passes close to" a data point within this share of the data's spread.
CLOSE_SHARE = 0.15


def node_word(index: int, n: int) -> str:
    """How captions and narration name hidden node ``index`` (0: the top one) of ``n``, by
    its place: "the top node", "the second node", ..., "the bottom node"; of one node,
    "the hidden node". The one place these words are made, so a translation changes them here."""
    names = node_names(n)
    return f"the {names[node_index(names, index)]} node"


def nearly_cancel(a: float, b: float) -> bool:
    """Whether ``a + b`` is under :data:`CANCEL_SHARE` of the larger of ``|a|``, ``|b|``
    (and the two have opposite signs): 34.02 and -34.68 do, at 1.9 %."""
    big = max(abs(a), abs(b))
    return a * b < 0 and abs(a + b) < CANCEL_SHARE * big


def share_above_zero(net: Network, quantity: str = "biased") -> float:
    """The share of dosages 0..1 where ``quantity`` of the forward pass is above 0."""
    d = np.linspace(0.0, 1.0, 2001)
    value = net.forward(d)
    for name in quantity.split("."):
        value = getattr(value, name)
    return float(np.mean(value > 0))


def only_tip_above_zero(net: Network) -> bool:
    """Whether the shifted wedge is above 0 somewhere, but on under a third of 0..1."""
    return 0 < share_above_zero(net) < TIP_SHARE


def bends_inside(net: Network, which: str) -> bool:
    """Whether hidden node ``which`` is a ReLU whose bend lies strictly inside 0..1."""
    if net.hidden_activation != "relu" or net.node(which).weight == 0:
        return False
    return 0 < net.bend(which) < 1


def line_shape(net: Network, which: str) -> str:
    """The shape of node ``which``'s line over dosages 0..1: "bent" (a ReLU bending
    inside), "straight" (a ReLU that does not), or "curved" (softplus, sigmoid)."""
    return "bent" if bends_inside(net, which) else "straight" if net.hidden_activation == "relu" else "curved"


def never_negative(net: Network, which: str) -> bool:
    """Whether node ``which``'s pre-activation is >= 0 for every dosage in 0..1, so a
    ReLU passes all of it: a straight line."""
    return bool(np.all(net.forward(sample_dosages(net)).node(which).x >= 0))


def flat_dosages(net: Network, which: str, dosages) -> np.ndarray:
    """The dosages (of those given) where node ``which``'s output is exactly 0."""
    d = np.asarray(dosages, dtype=float)
    return d[net.forward(d).node(which).y == 0]


def passes_close(net: Network, dosage, observed) -> bool:
    """Whether the network's output is within :data:`CLOSE_SHARE` of the data's
    spread (or of 1, if larger) of every data point."""
    spread = max(float(np.ptp(observed)), 1.0)
    return bool(np.all(np.abs(net.predict(dosage) - observed) <= CLOSE_SHARE * spread))


#: The dosages a worked example may move to when its own shows nothing: tenths of 0..1.
EXAMPLE_STEPS = np.round(np.linspace(0.0, 1.0, 11), 10)


def worked_dosage(net: Network, which: str, preferred: float) -> float:
    """The dosage at which node ``which`` is worked through by hand: ``preferred`` when
    the node is active there (its output not 0 as shown, so the example teaches
    something); else the tenth of 0..1 nearest ``preferred`` (the lower on a tie) where
    it is; ``preferred`` again if it is active nowhere (the example then shows a 0, which
    is the truth). The lesson's two nodes and the fitted networks keep 0.2."""
    active = [float(d) for d in EXAMPLE_STEPS if as_shown(net.forward(d).node(which).y[0]) != 0]
    if as_shown(net.forward(preferred).node(which).y[0]) != 0 or not active:
        return preferred
    return min(active, key=lambda d: (abs(d - preferred), d))


def activation_name(name: str) -> str:
    """The activation's word in captions ("ReLU"): :data:`~.network.ACTIVATION_TABLE`."""
    return ACTIVATION_BY_NAME[name].word


#: Numbers are shown with this many decimals; words about a number agree with it as shown.
SHOWN_DECIMALS = 2


def as_shown(value: float, decimals: int = SHOWN_DECIMALS) -> float:
    """``value`` as the viewer reads it: -0.00066 is 0 on screen ("0.00"), so a caption
    must not call it negative."""
    return round(float(value), decimals) + 0.0


def sign_word(value: float) -> str:
    """The sign of ``value`` as shown: "negative", "positive" or "0"."""
    shown = as_shown(value)
    return "negative" if shown < 0 else "positive" if shown > 0 else "0"


# --- names: captions are written in the storyboard's words ("dosage", "low dosage") ----

_LEVELS = ("low", "medium", "high")
_STORYBOARD_WORDS = re.compile(
    r"\b(?:((?i:every|each|one)|highest|lowest|higher|lower) )?(?:(low|medium|high) )?([Dd]osages?)\b"
    r"|\((low|medium|high)\)|\bat (low|medium|high)\b(?! [Dd]osage)"
)


def dosage_level(x: float, labelled) -> str | None:
    """ "low", "medium" or "high" where ``x`` is that one of the ``labelled`` dosages (the
    data's, in order: the words the plot's axis shows), else None."""
    return next((level for level, dosage in zip(_LEVELS, labelled) if abs(float(dosage) - x) < 1e-9), None)


def noun(word: str) -> str:
    """A name as it reads inside a sentence: ``"Dosage"`` -> ``"dosage"``; a name that
    starts with two capitals (an acronym: ``"CO2"``) is kept as it is."""
    return word if word[:2].isupper() else word[:1].lower() + word[1:]


def plural(word: str) -> str:
    """``"dosage"`` -> ``"dosages"``; a word already ending in s is kept (``"hours"``)."""
    return word if word.endswith("s") else word + "s"


_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int) -> str:
    """A small count in words, as a sentence says it: 3 -> "three" (up to ten; larger
    ones as figures)."""
    return _COUNTS[n - 1] if 1 <= n <= len(_COUNTS) else str(n)


def in_names(text: str, names: Names) -> str:
    """``text``, written in the storyboard's words, in the lesson's names. The rule:
    "dosage" and "dosages" become the input's name (its first letter in the case the
    word had); "(low)", "(high)" the label; "low/medium/high dosage" and "at medium"
    (with no "dosage" after it) the label and the name ("low hours") while the labels
    are the storyboard's, else the file's own label as written on the axis, quoted
    (“Few”: a label need not read as an adjective). A name
    ending in s ("Hours") reads "every value of hours" where the storyboard counts
    ("every", "one", "the highest" dosage). For the storyboard's names nothing changes."""
    word = noun(names.input)
    own_labels = tuple(names.labels) != DEFAULT_LABELS
    labels = dict(zip(_LEVELS, names.labels if own_labels else (noun(label) for label in names.labels)))

    def swap(match: re.Match) -> str:
        count, level, dosage, alone, at = match.groups()
        if alone:
            return f"({labels[alone]})"
        if at:
            return f"at \u201c{labels[at]}\u201d" if own_labels else f"at {labels[at]}"
        name = plural(word) if dosage.lower().endswith("s") else word
        if count and word.endswith("s") and not dosage.lower().endswith("s"):
            name = f"value of {name}"
        name = name[:1].upper() + name[1:] if dosage[0] == "D" else name
        if level and own_labels:  # a label of the file's own is a place on the axis, quoted as written
            return f"\u201c{labels[level]}\u201d"
        return " ".join(w for w in (count, labels.get(level), name) if w)

    return _STORYBOARD_WORDS.sub(swap, text)


# --- multiplying by a weight: flips, stretches, shrinks ---------------------------------


def flips(weight: float) -> bool:
    """A negative weight turns a curve upside down."""
    return weight < 0


def stretches(weight: float) -> bool:
    """A weight larger than 1 in size pulls a curve away from 0; under 1 squeezes it."""
    return abs(weight) > 1


def scaling_words(weight: float) -> str:
    """What multiplying a line by ``weight`` does to it, e.g. "flips upside down and
    stretches" (-40.8), "stretches" (2.7), "shrinks" (0.5), "stays as it is" (1)."""
    if weight == 0:
        return "flattens onto 0"
    turn = "flips upside down" if flips(weight) else ""
    size = "stretches" if stretches(weight) else "shrinks" if abs(weight) < 1 else ""
    return " and ".join(w for w in (turn, size) if w) or "stays as it is"


def scaling_tag(weight: float) -> str:
    """A step's word for multiplying by ``weight``: "flip + stretch" (-40.8), "stretch"
    (2.7), "flip + shrink", "shrink", "keep" (1), "flatten" (0)."""
    if weight == 0:
        return "flatten"
    turn = ["flip"] if flips(weight) else []
    size = ["stretch"] if stretches(weight) else ["shrink"] if abs(weight) < 1 else []
    return " + ".join(turn + size) or "keep"


def turn(net: Network, which: str) -> tuple[str, float | None]:
    """How hidden node ``which``'s curve changes course over the dosages, as (verb,
    dosage): ("bends at", 0.5) for the lesson's top ReLU; ("stays flat", None) when the
    node's weight is 0, so that its pre-activation never crosses 0."""
    if net.node(which).weight == 0:
        return "stays flat", None
    return ACTIVATION_BY_NAME[net.hidden_activation].turn_verb, net.bend(which)


def shift_direction(bias: float) -> str:
    """Which way adding ``bias`` moves a curve: "down", "up", or "" for 0."""
    return "down" if bias < 0 else "up" if bias > 0 else ""


def outside(value: float, low: float, high: float) -> str:
    """Where ``value`` lies against axes from ``low`` to ``high``: "inside", "below",
    "above", or "far below" / "far above" when it is more than the axes' own height
    beyond them."""
    span = high - low
    if value < low:
        return "far below" if low - value > span else "below"
    if value > high:
        return "far above" if value - high > span else "above"
    return "inside"


# --- the output ReLU ----------------------------------------------------------------


def clipped_shape(net: Network) -> str:
    """ "pointy thing" when the sum is a wedge (:func:`sum_shape`) and only its tip
    survives the output ReLU (the storyboard's shape), else "output curve"."""
    pointy = net.output_activation == "relu" and only_tip_above_zero(net) and sum_shape(net).kind == "wedge"
    return "pointy thing" if pointy else "output curve"


def clip_effect(net: Network) -> str:
    """What the output activation does to the shifted sum on dosages 0..1: "none" (no
    output ReLU), "all" (nothing is above 0: the output is 0), "nothing" (never below 0
    as shown: a ramp that is 0 before its bend loses nothing), or "some"."""
    if net.output_activation != "relu":
        return "none"
    if share_above_zero(net) == 0:
        return "all"
    lowest = float(np.min(net.forward(np.linspace(0.0, 1.0, 2001)).biased))
    return "nothing" if as_shown(lowest) >= 0 else "some"


# --- naming the hidden nodes, their connections, lines and dots --------------------------

#: The colours the lesson's two nodes' lines and dots are called by (the theme's blue
#: and orange); with any other number of nodes a line is called by its node.
_TWO_COLOURS = ("blue", "orange")


def node_title(index: int, n: int) -> str:
    """Node ``index``'s name as a plot's title begins it: "Top node", "Hidden node"."""
    return node_word(index, n).removeprefix("the ").capitalize()


def node_part(index: int, n: int, part: str = "connection") -> str:
    """A part of node ``index``'s path, ``part`` ("connection", "output weight"), named by
    the node's place: "the top connection", "the bottom output weight", ...; the only
    node's of one is "the connection"."""
    return f"the {part}" if n == 1 else node_word(index, n).replace(" node", f" {part}")


def colour_word(index: int, n: int) -> str:
    """The colour node ``index``'s line and dots are called by: "blue" and "orange" for
    the lesson's two nodes; "" (none) for any other number of nodes."""
    return _TWO_COLOURS[index] if n == 2 else ""


def phrase(*words: str) -> str:
    """``words`` joined by spaces, the empty ones left out: ("the", "", "line") -> "the line"."""
    return " ".join(word for word in words if word)


def line_word(index: int, n: int, shape: str = "") -> str:
    """Node ``index``'s line, ``shape`` ("bent", "straight", "") before its noun: by its
    colour for the lesson's two nodes ("the blue line", "the bent blue line"), else by
    its node ("the top node's line", "the top node's bent line")."""
    if n == 2:
        return phrase("the", shape, colour_word(index, n), "line")
    return phrase(f"{node_word(index, n)}'s", shape, "line")


def dot_word(index: int, n: int, lead: str = "a") -> str:
    """A dot of node ``index``'s line after ``lead`` ("a", "another"): by its colour for
    the lesson's two nodes ("a blue dot", "an orange dot", "another blue dot"), else
    "a dot"."""
    noun = phrase(colour_word(index, n), "dot")
    return f"{'an' if lead == 'a' and noun[0] in 'aeiou' else lead} {noun}"


def _sentence(text: str) -> str:
    """``text`` with its first letter a capital: "the top node's line" -> "The top node's line"."""
    return text[:1].upper() + text[1:]


def stage_words(name: str, n: int) -> dict[str, str]:
    """The words of stage ``name`` (its ``heading``, ``description``, ``key_sentence``:
    :class:`relu_anim.stages.Stage`) that the storyboard says of the lesson's two nodes,
    said instead for a network of ``n``: {} for two nodes (the storyboard's words stand)
    and for a stage whose words are true for any number. Nodes are named by
    :func:`node_word` and colours only for two nodes (:func:`colour_word`), as in captions."""
    if n == 2:
        return {}
    top, others = node_word(0, n), count_word(n - 1)
    if name == "first-dot":
        return {"description": f"Dosage 0 travels through {top} and lands as a dot"}
    if name == "bent-line":
        return {
            "description": f"More dosages through {top} trace its bent line",
            "heading": _sentence(f"{top}'s bent line"),
            "key_sentence": f"Every dosage through {top} draws its output: flat at 0 while the input is negative, "
            "then a straight rise.",
        }
    if name == "scale-top":
        return {
            "description": _sentence(f"{line_word(0, n, 'bent')} times its output weight: flipped and stretched"),
            "heading": f"Scaling {top}",
        }
    if name == "orange-line" and n == 1:
        return {
            "description": "One hidden node: its scaled line is all the output node gets",
            "heading": "No other node",
            "key_sentence": "With one hidden node there is no other line to add: its scaled line is all the output node "
            "gets.",
        }
    if name == "orange-line":
        return {
            "description": f"The {others} other nodes' lines, each drawn, then scaled",
            "heading": "The other nodes' lines",
            "key_sentence": "Every other node works the same way: its weight and bias bend its line, and its output "
            "weight scales it.",
        }
    if name == "wedge" and n == 1:
        return {
            "description": "The one scaled line plus the bias makes the green shape",
            "heading": "Adding the bias",
            "key_sentence": "The output node has one line to add, and its bias shifts the whole shape.",
        }
    if name == "wedge":
        return {
            "description": f"The {count_word(n)} scaled lines, added point by point, plus the bias make the green shape",
            "heading": f"Adding the {count_word(n)} lines",
            "key_sentence": f"The output node adds the {count_word(n)} lines point by point into one new shape, "
            "and its bias shifts the whole shape.",
        }
    if name == "clip":  # the sum need not be a wedge, nor its clip pointy (sum_shape): no shape named
        return {"description": "The output ReLU clips the shifted sum: every negative value becomes 0"}
    return {}


# --- the shape of the sum: what the green curve looks like ------------------------------

#: A rise or fall of the sum counts as a move of its own when it is at least this share
#: of the sum's whole height over the plotted dosages (smaller wiggles are not shapes).
MOVE_SHARE = 0.1


def moves(values) -> list[str]:
    """The curve ``values`` (over increasing dosages) as its moves, "up" and "down", in
    order: a move ends where the curve turns back by at least :data:`MOVE_SHARE` of its
    height. [] for a curve that is flat as shown (its height rounds to 0)."""
    y = np.asarray(values, dtype=float)
    height = float(np.ptp(y))
    if as_shown(height) == 0:
        return []
    least = MOVE_SHARE * height
    found: list[str] = []
    low = high = extreme = float(y[0])  # before the first move: the lowest and highest so far
    for value in map(float, y[1:]):
        if not found:
            low, high = min(low, value), max(high, value)
            if value - low >= least or high - value >= least:
                found.append("up" if value - low >= least else "down")
                extreme = value
        elif (value - extreme) * (1 if found[-1] == "up" else -1) > 0:
            extreme = value  # the move goes on
        elif abs(value - extreme) >= least:
            found.append("down" if found[-1] == "up" else "up")
            extreme = value
    return found


class Shape(NamedTuple):
    """What a curve looks like over the plotted dosages (:func:`sum_shape`): its
    ``kind`` and how many ``peaks`` it has inside the range."""

    kind: str
    peaks: int = 0


def sum_shape(net: Network, quantity: str = "sum") -> Shape:
    """The shape ``quantity`` (the sum of the scaled lines; ``"biased"``) draws over the
    plotted dosages, by its moves (:func:`moves`): "flat"; "ramp up" or "ramp down" (one
    move: it rises, or falls, and does not turn back); "wedge" (it rises, then falls: one
    peak inside the range); "valley" (it falls, then rises); "bumps" (two peaks or more
    inside the range); "zigzag" (any other path that turns back twice or more)."""
    path = moves(net.values(sample_dosages(net), quantity))
    peaks = sum(1 for pair in zip(path, path[1:]) if pair == ("up", "down"))
    if not path:
        return Shape("flat")
    if len(path) == 1:
        return Shape(f"ramp {path[0]}")
    if len(path) == 2:
        return Shape("wedge" if path[0] == "up" else "valley", peaks)
    return Shape("bumps" if peaks >= 2 else "zigzag", peaks)


def shape_noun(shape: Shape) -> str:
    """The noun a caption calls ``shape`` by after "the": "wedge", "ramp", "valley",
    "zigzag", "line" (flat), "curve" (bumps)."""
    if shape.kind.startswith("ramp"):
        return "ramp"
    return {"flat": "line", "bumps": "curve"}.get(shape.kind, shape.kind)


def green_shape(shape: Shape) -> str:
    """``shape`` as the green curve is first named, after "a": "green wedge", "green
    ramp", "flat green line", "green curve with two bumps"."""
    if shape.kind == "flat":
        return "flat green line"
    if shape.kind == "bumps":
        return f"green curve with {count_word(shape.peaks)} bumps"
    return f"green {shape_noun(shape)}"


def highest_verb(shape: Shape) -> str:
    """How a caption says where ``shape`` (:func:`sum_shape`) is highest: "peaks at" where
    it has a peak inside the range, else "tops out at" (a ramp is highest at an end)."""
    return "peaks at" if shape.peaks else "tops out at"
