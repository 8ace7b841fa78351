"""The network of the lesson, in plain numpy.

One input (dosage), a hidden layer of 1 to :data:`MAX_HIDDEN` nodes, one output. The
nodes are numbered and named from the top of the diagram (:func:`node_names`): the
lesson's two are "top" and "bottom". Every number the animations show is computed
here; nothing in this module knows about Manim.

Examples
--------
>>> net = Network("demo", (HiddenNode(1.70, -0.85, -40.8), HiddenNode(12.6, 0.0, 2.70)), -16.0)
>>> net.forward([0.0, 0.5]).records()[1]["output"]
1.01
>>> net.node_names
('top', 'bottom')

The preset networks live in ``networks/*.toml`` (see :mod:`relu_anim.model.lesson`);
fitting is in :mod:`relu_anim.model.training`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
HiddenActivation = Literal["relu", "softplus", "sigmoid"]
OutputActivation = Literal["relu", "identity"]
#: The most hidden nodes a network may have (the diagram and the palette hold 8).
MAX_HIDDEN = 8
#: The names of the nodes between the top and the bottom one, in order.
_MIDDLE_NAMES = ("second", "third", "fourth", "fifth", "sixth", "seventh")

#: Pre-activations closer to 0 than this count as sitting on the ReLU's bend.
#: ``1.70 * 0.5 - 0.85`` is exactly 0 on paper but ~1e-16 in floating point.
BEND_TOLERANCE = 1e-12


class ModelError(ValueError):
    """Bad input to the model: an unknown preset, a dosage that is not finite."""


def node_names(n: int) -> tuple[str, ...]:
    """The keys of ``n`` hidden nodes, top first, named by their place: ``("hidden",)``
    for one node, ``("top", "bottom")`` for two, ``("top", "second", ..., "bottom")``
    for more. They name the nodes in records, parameters and network files' errors."""
    if not 1 <= n <= MAX_HIDDEN:
        raise ModelError(f"a network has 1 to {MAX_HIDDEN} hidden nodes, not {n}")
    if n == 1:
        return ("hidden",)
    return ("top", *_MIDDLE_NAMES[: n - 2], "bottom")


#: The lesson's two nodes' names (``node_names(2)``).
NODE_NAMES = node_names(2)


def node_index(names: tuple[str, ...], which: str | int) -> int:
    """The index of the node ``which`` (its name, or its index from the top) among
    ``names``; :class:`ModelError` for a node that is not there."""
    if isinstance(which, str):
        if which not in names:
            raise ModelError(f"no hidden node called {which!r}; this network's are: {', '.join(names)}")
        return names.index(which)
    if isinstance(which, bool) or not isinstance(which, int | np.integer) or not 0 <= which < len(names):
        raise ModelError(f"no hidden node {which!r}; this network's are numbered 0 to {len(names) - 1}")
    return int(which)


# --- activations --------------------------------------------------------------------


def relu(x: ArrayLike) -> Array:
    """``max(0, x)``, element-wise."""
    return np.maximum(0.0, np.asarray(x, dtype=float))


def relu_derivative(x: ArrayLike, at_zero: float = 0.0) -> Array:
    """Slope of ReLU: 0 left of the bend, 1 right of it, ``at_zero`` on the bend.

    The bend has no derivative; gradient descent still needs a number there, and
    either 0 or 1 works. Values within :data:`BEND_TOLERANCE` of 0 count as the bend.
    """
    if at_zero not in (0, 1):
        raise ModelError(f"the ReLU derivative at 0 must be 0 or 1, not {at_zero!r}")
    x = np.asarray(x, dtype=float)
    slope = np.where(x > 0, 1.0, 0.0)
    return np.where(np.abs(x) <= BEND_TOLERANCE, float(at_zero), slope)


def softplus(x: ArrayLike) -> Array:
    """``log(1 + e^x)``, computed without overflow for large ``x``."""
    return np.logaddexp(0.0, np.asarray(x, dtype=float))


def softplus_derivative(x: ArrayLike) -> Array:
    """Slope of softplus: the logistic sigmoid ``1 / (1 + e^-x)``."""
    return sigmoid(x)


def sigmoid(x: ArrayLike) -> Array:
    """The logistic function ``1 / (1 + e^-x)``, computed without overflow."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sigmoid_derivative(x: ArrayLike) -> Array:
    """Slope of the logistic function: ``sigmoid(x) * (1 - sigmoid(x))``."""
    s = sigmoid(x)
    return s * (1.0 - s)


def identity(x: ArrayLike) -> Array:
    return np.asarray(x, dtype=float)


def identity_derivative(x: ArrayLike) -> Array:
    return np.ones_like(np.asarray(x, dtype=float))


@dataclass(frozen=True)
class Activation:
    """One activation function, and every way the lesson names and writes it.

    :data:`ACTIVATION_TABLE` is the one table of them: adding an activation means adding
    a row there (and its function above)."""

    name: str  # the model's name: "relu"
    function: Callable[[ArrayLike], Array]
    derivative: Callable[..., Array]  # relu's takes ``at_zero`` too
    word: str  # in captions: "ReLU", "softplus"
    title: str  # above its graph: "SoftPlus"
    formula: str  # under the title: "f(x) = max(0, x)"
    written: tuple[str, str]  # in an equation, before and after its argument: "max(0, ", ")"
    turn_verb: str = ""  # how its curve changes course where its input is 0 (hidden ones)
    hidden: bool = True  # allowed in the hidden nodes
    output_word: str = ""  # what a network file's output_activation says for it ("" if not allowed)


ACTIVATION_TABLE: tuple[Activation, ...] = (
    Activation(
        "relu",
        relu,
        relu_derivative,
        "ReLU",
        "ReLU",
        "f(x) = max(0, x)",
        ("max(0, ", ")"),
        turn_verb="bends at",
        output_word="relu",
    ),
    Activation(
        "softplus",
        softplus,
        softplus_derivative,
        "softplus",
        "SoftPlus",
        "f(x) = ln(1 + eˣ)",
        ("ln(1 + exp(", "))"),
        turn_verb="bends smoothly around",
    ),
    Activation(
        "sigmoid",
        sigmoid,
        sigmoid_derivative,
        "sigmoid",
        "Sigmoid",
        "f(x) = 1 / (1 + e⁻ˣ)",
        ("sigmoid(", ")"),
        turn_verb="is steepest around",
    ),
    Activation(
        "identity",
        identity,
        identity_derivative,
        "nothing",
        "Identity",
        "f(x) = x",
        ("", ""),
        hidden=False,
        output_word="none",
    ),
)
ACTIVATION_BY_NAME = {activation.name: activation for activation in ACTIVATION_TABLE}
ACTIVATIONS: dict[str, Callable[[ArrayLike], Array]] = {a.name: a.function for a in ACTIVATION_TABLE}
HIDDEN_ACTIVATIONS = tuple(a.name for a in ACTIVATION_TABLE if a.hidden)
OUTPUT_ACTIVATIONS = tuple(a.name for a in ACTIVATION_TABLE if a.output_word)


def activate(name: str, x: ArrayLike) -> Array:
    """Apply the activation called ``name`` ("relu", "softplus", "sigmoid" or "identity")."""
    return ACTIVATIONS[name](x)


def activation_derivative(name: str, x: ArrayLike, relu_at_zero: float = 0.0) -> Array:
    if name == "relu":
        return relu_derivative(x, relu_at_zero)
    return ACTIVATION_BY_NAME[name].derivative(x)


# --- parameters ---------------------------------------------------------------------


@dataclass(frozen=True)
class HiddenNode:
    """One hidden node: ``x = weight * dosage + bias``, ``y = activation(x)``,
    and ``y * output_weight`` travels on to the output node."""

    weight: float
    bias: float
    output_weight: float


@dataclass(frozen=True)
class Network:
    """All the parameters of a 1-N-1 network (N hidden nodes, top first), and how it computes."""

    name: str
    hidden: tuple[HiddenNode, ...]
    final_bias: float
    hidden_activation: HiddenActivation = "relu"
    output_activation: OutputActivation = "relu"

    def __post_init__(self) -> None:
        if not isinstance(self.hidden, list | tuple) or not all(isinstance(n, HiddenNode) for n in self.hidden):
            raise ModelError("a network's hidden layer is one tuple of HiddenNode, top first")
        node_names(len(self.hidden))  # 1 to MAX_HIDDEN, or ModelError
        object.__setattr__(self, "hidden", tuple(self.hidden))

    @property
    def node_names(self) -> tuple[str, ...]:
        """The hidden nodes' keys, top first (:func:`node_names`)."""
        return node_names(len(self.hidden))

    @property
    def top(self) -> HiddenNode:
        """The first hidden node (the only one, for a network of one)."""
        return self.hidden[0]

    @property
    def bottom(self) -> HiddenNode:
        """The last hidden node (the only one, for a network of one)."""
        return self.hidden[-1]

    def node(self, which: str | int) -> HiddenNode:
        """A hidden node by its name (``"top"``) or its index from the top (0)."""
        return self.hidden[node_index(self.node_names, which)]

    def trace(self, dosage: ArrayLike) -> Forward:
        """:meth:`forward` for dosages a person typed in: :class:`ModelError` for one that
        is not a finite number, or so large that a value computed from it overflows."""
        d = check_dosages(dosage)
        with np.errstate(over="ignore", invalid="ignore"):
            f = self.forward(d)
        bad = d[~f.finite()]
        if bad.size:
            raise ModelError(f"dosage {bad[0]:g} is too large: the network's values overflow")
        return f

    def values(self, dosage: ArrayLike, quantity: str) -> Array:
        """One quantity of the forward pass: ``values(d, "top.scaled")`` is ``forward(d).top.scaled``."""
        return self.forward(dosage).get(quantity)

    def forward(self, dosage: ArrayLike) -> Forward:
        """Every intermediate value for each dosage (vectorised)."""
        d = np.atleast_1d(np.asarray(dosage, dtype=float))
        nodes = tuple(_node_pass(node, self.hidden_activation, d) for node in self.hidden)
        total = nodes[0].scaled.copy()
        for later in nodes[1:]:  # top first, as the lesson adds them
            total = total + later.scaled
        biased = total + self.final_bias
        return Forward(
            dosage=d,
            nodes=nodes,
            sum=total,
            biased=biased,
            output=activate(self.output_activation, biased),
        )

    def bends(self) -> Array:
        """Dosages where a hidden ReLU's pre-activation crosses 0 (where curves bend)."""
        if self.hidden_activation != "relu":
            return np.array([])
        return np.array(sorted(self.bend(i) for i, node in enumerate(self.hidden) if node.weight != 0))

    def bend(self, which: str | int) -> float:
        """The dosage where hidden node ``which``'s pre-activation is 0: where its ReLU bends."""
        node = self.node(which)
        if node.weight == 0:
            name = self.node_names[node_index(self.node_names, which)]
            raise ModelError(f"the {name} node's weight is 0: its pre-activation never crosses 0")
        return -node.bias / node.weight

    def peak(self, quantity: str = "output", samples: int = 2001) -> tuple[float, float]:
        """Where ``quantity`` (the output, or e.g. ``"biased"``) is highest over dosages
        0 to 1: (dosage, value). Sampled finely, bends included, so a pointy peak is
        found exactly."""
        d = sample_dosages(self, samples=samples)
        y = self.values(d, quantity)
        return float(d[np.argmax(y)]), float(y.max())

    def predict(self, dosage: ArrayLike) -> Array:
        """The output for each dosage: the curve the network fits to the data."""
        return self.forward(dosage).output

    def parameters(self) -> dict[str, float]:
        """The trainable numbers (three per node and the final bias), by dotted name
        (``"final_bias"``, ``"top.weight"``, ...), nodes top first."""
        params = {"final_bias": self.final_bias}
        for which, node in zip(self.node_names, self.hidden):
            for field in dataclasses.fields(HiddenNode):
                params[f"{which}.{field.name}"] = getattr(node, field.name)
        return params

    def with_parameter(self, name: str, value: float) -> Network:
        """A copy with one parameter (by dotted name) changed."""
        if name not in self.parameters():
            raise ModelError(f"unknown parameter {name!r}; known: {', '.join(self.parameters())}")
        if name == "final_bias":
            return dataclasses.replace(self, final_bias=value)
        which, field = name.split(".")
        index = node_index(self.node_names, which)
        hidden = list(self.hidden)
        hidden[index] = dataclasses.replace(hidden[index], **{field: value})
        return dataclasses.replace(self, hidden=tuple(hidden))


@dataclass(frozen=True)
class NodePass:
    """What one hidden node does to an array of dosages."""

    x: Array  # pre-activation: the x-axis coordinate on the activation graph
    y: Array  # activation output
    scaled: Array  # y times the node's output weight


def _node_pass(node: HiddenNode, activation: str, dosage: Array) -> NodePass:
    x = node.weight * dosage + node.bias
    y = activate(activation, x)
    return NodePass(x=x, y=y, scaled=y * node.output_weight)


@dataclass(frozen=True)
class Forward:
    """A forward pass over an array of dosages; every array has the dosages' shape.
    ``nodes`` holds each hidden node's pass, top first."""

    dosage: Array
    nodes: tuple[NodePass, ...]
    sum: Array
    biased: Array
    output: Array

    @property
    def node_names(self) -> tuple[str, ...]:
        return node_names(len(self.nodes))

    @property
    def top(self) -> NodePass:
        return self.nodes[0]

    @property
    def bottom(self) -> NodePass:
        return self.nodes[-1]

    def node(self, which: str | int) -> NodePass:
        """A hidden node's pass by its name (``"top"``) or its index from the top (0)."""
        return self.nodes[node_index(self.node_names, which)]

    def finite(self) -> Array:
        """For each dosage, whether every value computed for it is a finite number."""
        values = [self.dosage, self.sum, self.biased, self.output]
        values += [getattr(p, name) for p in self.nodes for name in ("x", "y", "scaled")]
        return np.logical_and.reduce([np.isfinite(v) for v in values])

    def get(self, quantity: str) -> Array:
        """A value by its dotted name: ``get("top.scaled")`` is ``self.node("top").scaled``,
        ``get("sum")`` is ``self.sum``."""
        first, *rest = quantity.split(".")
        value = self.node(first) if first in self.node_names else getattr(self, first)
        for name in rest:
            value = getattr(value, name)
        return value

    def records(self) -> list[dict]:
        """One plain dict per dosage, ready for JSON (keys as in ``relu-anim trace``)."""
        return [self._record(i) for i in range(self.dosage.size)]

    def _record(self, i: int) -> dict:
        def node(p: NodePass) -> dict:
            return {"x": _clean(p.x[i]), "y": _clean(p.y[i]), "scaled": _clean(p.scaled[i])}

        return {
            "dosage": _clean(self.dosage[i]),
            **{name: node(p) for name, p in zip(self.node_names, self.nodes)},
            "sum": _clean(self.sum[i]),
            "biased": _clean(self.biased[i]),
            "output": _clean(self.output[i]),
        }


def _clean(value: float) -> float:
    """Round away floating-point dust (6.804000000000001 -> 6.804) and negative zero."""
    return round(float(value), 10) + 0.0


def sample_dosages(net: Network, start: float = 0.0, stop: float = 1.0, samples: int = 201) -> Array:
    """Dosages for drawing the network's curves from ``start`` to ``stop``: evenly
    spaced, plus every bend, so that piecewise-linear curves are drawn exactly.

    ReLU curves are straight between bends; the output ReLU adds a bend wherever
    ``biased`` crosses 0, found here by interpolating between neighbouring samples.
    """
    d = np.linspace(start, stop, max(samples, 2))
    bends = net.bends()
    d = np.union1d(d, bends[(bends > min(start, stop)) & (bends < max(start, stop))])
    if net.output_activation == "relu":
        b = net.forward(d).biased
        i = np.nonzero(np.sign(b[:-1]) * np.sign(b[1:]) < 0)[0]
        crossings = d[i] - b[i] * (d[i + 1] - d[i]) / (b[i + 1] - b[i])
        d = np.union1d(d, crossings)
    return d if start <= stop else d[::-1]


# --- data -------------------------------------------------------------------------


@dataclass(frozen=True)
class DataSet:
    """Observed values (effectiveness) at a few dosages, in dosage order."""

    dosage: Array
    observed: Array

    def __post_init__(self) -> None:
        order = np.argsort(self.dosage, kind="stable")
        object.__setattr__(self, "dosage", np.asarray(self.dosage, dtype=float)[order])
        object.__setattr__(self, "observed", np.asarray(self.observed, dtype=float)[order])

    def __len__(self) -> int:
        return int(self.dosage.size)


def check_dosages(values: ArrayLike) -> Array:
    """The dosages as a float array, or :class:`ModelError` if any is NaN or infinite."""
    d = np.atleast_1d(np.asarray(values, dtype=float))
    bad = d[~np.isfinite(d)]
    if bad.size:
        raise ModelError(f"dosage must be a finite number, got {bad[0]!r}")
    return d
