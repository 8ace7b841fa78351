"""What the numbers say, in words: the questions whose answers choose a caption's
wording, each by a stated rule, so that captions stay true for any network.

Scenes ask these instead of assuming the storyboard's numbers.
"""

from __future__ import annotations

import numpy as np

from .network import Network, sample_dosages

#: Two terms "nearly cancel" when their sum is under this share of the larger term.
CANCEL_SHARE = 0.05
#: The wedge's "tip" is above 0 when it is positive on less than this share of 0..1.
TIP_SHARE = 1 / 3
#: A curve "passes close to" a data point within this share of the data's spread.
CLOSE_SHARE = 0.15
ACTIVATION_NAMES = {"relu": "ReLU", "softplus": "softplus", "sigmoid": "sigmoid", "identity": "nothing"}


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


def activation_name(name: str) -> str:
    return ACTIVATION_NAMES[name]


def sign_word(value: float) -> str:
    return "negative" if value < 0 else "positive" if value > 0 else "0"
