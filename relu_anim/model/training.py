"""Training: the sum of squared residuals, its gradient, and gradient descent, both on
one parameter (the lesson's last stage) and on all of them (``relu-anim fit``).

The gradient is written once, vectorised over any number of parameter sets at
once (:func:`ssr_and_gradient`); :func:`gradient` and :func:`fit` both use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..destination import DestinationError, check_file
from .files import LARGEST, FileError, NetworkFile, read_data, read_network_file, write_network_file
from .lesson import DEFAULT_PRESET, preset_file
from .network import (
    BEND_TOLERANCE,
    Array,
    DataSet,
    HiddenNode,
    ModelError,
    Network,
    activate,
    activation_derivative,
    node_names,
)
from .piecewise import SortedSums
from .piecewise import ssr_and_gradient as piecewise_ssr_and_gradient

#: Part 1's data (low and high dosages not effective, medium effective): the default.
DOSAGE_DATA: DataSet = preset_file(DEFAULT_PRESET).data


def output_columns(theta: Array) -> list[int]:
    """The columns of parameter vectors ``theta`` in the observed values' units: the
    final bias and the output weights (``fit`` scales them). A parameter vector holds
    the final bias, then each hidden node's weight, bias and output weight, top first
    (the order of :meth:`Network.parameters`): ``1 + 3 N`` numbers for N nodes."""
    return [0, *range(3, np.shape(theta)[-1], 3)]


def sum_of_squared_residuals(net: Network, data: DataSet = DOSAGE_DATA) -> float:
    residuals = data.observed - net.predict(data.dosage)
    return float(np.sum(residuals**2))


def points_on_output_bend(net: Network, data: DataSet = DOSAGE_DATA) -> tuple[Array, Array]:
    """The data points whose input to the output activation is 0 (within
    :data:`BEND_TOLERANCE`: where an output ReLU bends and has no slope), as a mask
    over the data, and their residuals."""
    f = net.forward(data.dosage)
    at_bend = np.abs(f.biased) <= BEND_TOLERANCE
    return at_bend, (data.observed - f.output)[at_bend]


def as_vector(net: Network) -> Array:
    """The parameters as an array, in :meth:`Network.parameters` order."""
    return np.array(list(net.parameters().values()))


def from_vector(theta: Array, like: Network, name: str | None = None) -> Network:
    """A network with ``like``'s activations and the parameters ``theta`` (as many
    hidden nodes as ``theta`` holds)."""
    t = [float(v) for v in theta]
    return Network(
        name or like.name,
        tuple(HiddenNode(*t[i : i + 3]) for i in range(1, len(t), 3)),
        t[0],
        like.hidden_activation,
        like.output_activation,
    )


def ssr_and_gradient(
    theta: Array, hidden: str, output: str, data: DataSet, relu_at_zero: float = 0.0
) -> tuple[Array, Array]:
    """The SSR and d(SSR)/d(parameter) by the chain rule, for parameter vectors
    ``theta`` of shape ``(..., P)`` (``P = 1 + 3 N``, :meth:`Network.parameters` order):
    shapes ``(...)`` and ``(..., P)``. ``relu_at_zero`` is the slope chosen for ReLU at
    its bend."""
    theta = np.asarray(theta, dtype=float)
    d, observed = data.dosage, data.observed
    p = theta[..., :, None]  # broadcast each parameter over the data points
    final_bias = p[..., 0, :]
    nodes = [p[..., i : i + 3, :] for i in range(1, theta.shape[-1], 3)]
    xs = [w[..., 0, :] * d + w[..., 1, :] for w in nodes]
    ys = [activate(hidden, x) for x in xs]
    biased = sum(y * w[..., 2, :] for y, w in zip(ys, nodes)) + final_bias
    residual = observed - activate(output, biased)
    d_biased = -2.0 * residual * activation_derivative(output, biased, relu_at_zero)  # per point
    grads = [d_biased]
    for x, y, w in zip(xs, ys, nodes):
        d_x = d_biased * w[..., 2, :] * activation_derivative(hidden, x, relu_at_zero)
        grads += [d_x * d, d_x, d_biased * y]
    return np.sum(residual**2, axis=-1), np.stack([g.sum(axis=-1) for g in grads], axis=-1)


def gradient(net: Network, data: DataSet = DOSAGE_DATA, relu_at_zero: float = 0.0) -> dict[str, float]:
    """d(SSR)/d(parameter) for each of :meth:`Network.parameters`, by the chain rule.

    ``relu_at_zero`` is the value chosen for ReLU's undefined slope at its bend.
    """
    if relu_at_zero not in (0, 1):
        raise ModelError(f"the ReLU derivative at 0 must be 0 or 1, not {relu_at_zero!r}")
    _, grad = ssr_and_gradient(as_vector(net), net.hidden_activation, net.output_activation, data, relu_at_zero)
    return dict(zip(net.parameters(), (float(g) for g in grad)))


# --- one parameter, every step kept (the derivative stage) ---------------------------


@dataclass(frozen=True)
class DescentStep:
    value: float  # the parameter before this step
    ssr: float
    slope: float  # d(SSR)/d(parameter) at ``value``
    step_size: float  # slope * learning rate


@dataclass(frozen=True)
class Descent:
    """A gradient-descent run on one parameter, every step kept for animation."""

    parameter: str
    relu_at_zero: float
    learning_rate: float
    steps: tuple[DescentStep, ...]
    final: Network

    @property
    def final_value(self) -> float:
        return self.final.parameters()[self.parameter]

    @property
    def converged(self) -> bool:
        """Whether it stopped because the step became tiny (not at the step limit)."""
        return abs(self.steps[-1].step_size) < self.min_step if self.steps else False

    min_step: float = 0.001


def descent_learning_rate(data: DataSet) -> float:
    """A learning rate for the final bias that cannot overshoot: 0.1 (the lesson's) for
    up to 5 points, less for more. The SSR's curvature in the final bias is at most
    2 per data point, so a rate of at most 1 / (2 n) never steps past the minimum."""
    return min(0.1, 0.5 / len(data))


def gradient_descent(
    net: Network,
    parameter: str = "final_bias",
    start: float = 0.0,
    *,
    data: DataSet = DOSAGE_DATA,
    relu_at_zero: float = 0.0,
    learning_rate: float = 0.1,
    min_step: float = 0.001,
    max_steps: int = 1000,
) -> Descent:
    """Optimise one parameter from ``start``, the others fixed, until the step is tiny."""
    current = net.with_parameter(parameter, start)
    steps = []
    for _ in range(max_steps):
        value = current.parameters()[parameter]
        slope = gradient(current, data, relu_at_zero)[parameter]
        step = DescentStep(value, sum_of_squared_residuals(current, data), slope, slope * learning_rate)
        steps.append(step)
        current = current.with_parameter(parameter, value - step.step_size)
        if abs(step.step_size) < min_step:
            break
    return Descent(parameter, relu_at_zero, learning_rate, tuple(steps), current, min_step)


# --- every parameter (relu-anim fit) ----------------------------------------------

#: ``relu-anim fit``'s defaults, argued in the README ("Fitting a network").
FIT_STEPS = 20_000
FIT_LEARNING_RATE = 0.05
FIT_RESTARTS = 32
FIT_SPEED_UP = 1.05  # an accepted step lets the next be this much longer
FIT_MIN_STEP = 1e-7
FIT_SEED = 1
#: The largest learning rate: with the observed values scaled to at most 1, a step of a
#: larger rate moves parameters beyond what a network file holds (files.LARGEST), and
#: far larger ones (1e150) overflow numpy's floats. Surely a typo.
FIT_MAX_LEARNING_RATE = LARGEST
#: Up to this many data points, fit takes every point's gradient itself, a point on a
#: bend included (with ``relu_at_zero``); above it, from running sums (the same
#: numbers but on a bend, and 10,000 points take seconds instead of minutes).
FIT_EXACT_POINTS = 1000


@dataclass(frozen=True)
class Fit:
    network: Network
    ssr: float
    steps: int  # steps taken (the best start's, up to the step limit)
    starts: int  # how many starting points were descended from
    converged: bool  # stopped because the steps became tiny


def random_starts(count: int, seed: int, hidden: int = 2) -> Array:
    """``count`` parameter vectors of ``hidden`` nodes to start from: each hidden node's
    bend at a random dosage in 0..1 with a slope of 1 to 5 either way, output weights
    around ±1 and a final bias of 0, so that every bend starts where the data are."""
    rng = np.random.default_rng(seed)
    theta = np.zeros((count, 1 + 3 * hidden))
    for first in range(1, 1 + 3 * hidden, 3):  # top first: weight, bias, output weight
        weight = rng.uniform(1.0, 5.0, count) * rng.choice([-1.0, 1.0], count)
        theta[:, first] = weight
        theta[:, first + 1] = -weight * rng.uniform(0.0, 1.0, count)
        theta[:, first + 2] = rng.normal(0.0, 1.0, count)
    return theta


def level_bias(theta: Array, like: Network, data: DataSet) -> Array:
    """The final bias that makes each start's output average the observed values
    (so an output ReLU starts switched on over the data)."""
    zero = theta.copy()
    zero[:, 0] = 0.0
    sums = np.array([from_vector(t, like).forward(data.dosage).biased for t in zero])
    return data.observed.mean() - sums.mean(axis=1)


def fit(
    data: DataSet,
    *,
    init: Network | None = None,
    hidden: int | None = None,
    name: str = "fitted",
    relu_at_zero: float = 0.0,
    seed: int = FIT_SEED,
    steps: int = FIT_STEPS,
    learning_rate: float = FIT_LEARNING_RATE,
    restarts: int = FIT_RESTARTS,
    min_step: float = FIT_MIN_STEP,
    on_step: Callable[[int, float], None] | None = None,
) -> Fit:
    """Fit every parameter of a network of ``hidden`` ReLU nodes (default: ``init``'s
    nodes, or 2) to ``data`` by gradient descent on the SSR.

    The observed values are first divided by their largest size ``s`` (so one learning
    rate suits any units); since ReLU and "none" satisfy ``f(s z) = s f(z)``, the
    output weights and final bias found are then multiplied by ``s``.

    From ``init`` (one start) or from ``restarts`` seeded random starts, all descended
    together: each step, every start moves by ``learning_rate`` times its gradient; a
    step that would raise a start's SSR is not taken, and that start's learning rate
    halves instead. A start stops when its every parameter moves less than
    ``min_step``; all stop at ``steps``. The start with the lowest SSR wins.
    ``on_step(step, best_ssr)`` is called after each step.
    """
    if relu_at_zero not in (0, 1):
        raise ModelError(f"the ReLU derivative at 0 must be 0 or 1, not {relu_at_zero!r}")
    if steps < 1 or not 0 < learning_rate <= FIT_MAX_LEARNING_RATE or restarts < 1:
        raise ModelError(
            f"steps and restarts must be at least 1, and the learning rate above 0 and at most {FIT_MAX_LEARNING_RATE:g}"
        )
    if init is not None and hidden is not None and hidden != len(init.hidden):
        raise ModelError(f"{hidden} hidden nodes asked for, but the starting network has {len(init.hidden)}")
    node_names(hidden or 2)  # 1 to MAX_HIDDEN, or ModelError
    like = init or Network(name, (HiddenNode(0, 0, 0),) * (hidden or 2), 0.0, "relu", "relu")
    scale = max(float(np.max(np.abs(data.observed))), 1e-12)
    unit = DataSet(data.dosage, data.observed / scale)
    if init is None:
        theta = random_starts(restarts, seed, len(like.hidden))
        theta[:, 0] = level_bias(theta, like, unit)
    else:
        theta = as_vector(init)[None, :].copy()
        theta[:, output_columns(theta)] /= scale
    hidden, output = like.hidden_activation, like.output_activation
    rate = np.full(len(theta), float(learning_rate))
    active = np.ones(len(theta), dtype=bool)
    evaluate = _evaluator(hidden, output, unit, relu_at_zero)
    ssr, grad = evaluate(theta)
    stopped_at = np.full(len(theta), steps)
    for step in range(1, steps + 1):
        move = rate[:, None] * grad
        trial = theta - move
        trial_ssr, trial_grad = evaluate(trial)
        better = active & (trial_ssr <= ssr)
        worse = active & ~better
        theta[better], ssr[better], grad[better] = trial[better], trial_ssr[better], trial_grad[better]
        rate[better] *= FIT_SPEED_UP
        rate[worse] /= 2
        done = active & (np.abs(move).max(axis=1) < min_step)
        stopped_at[done], active[done] = step, False
        if on_step is not None:
            on_step(step, float(ssr.min()) * scale**2)
        if not active.any():
            break
    best = int(np.argmin(ssr))
    theta = theta[best].copy()
    theta[output_columns(theta)] *= scale
    network = from_vector(theta, like, name)
    converged = bool(stopped_at[best] < steps or not active[best])
    return Fit(network, sum_of_squared_residuals(network, data), int(stopped_at[best]), len(rate), converged)


def _evaluator(hidden: str, output: str, data: DataSet, relu_at_zero: float) -> Callable[[Array], tuple[Array, Array]]:
    """``theta -> (SSR, gradient)``: point by point (:func:`ssr_and_gradient`), or for
    ReLU networks on more than :data:`FIT_EXACT_POINTS` points from running sums
    (:mod:`relu_anim.model.piecewise`: the same numbers, in time independent of the
    number of points)."""
    if hidden == "relu" and data.dosage.size > FIT_EXACT_POINTS:
        sums = SortedSums.of(data)
        return lambda theta: piecewise_ssr_and_gradient(theta, output, sums)
    return lambda theta: ssr_and_gradient(theta, hidden, output, data, relu_at_zero)


def fit_file(
    data_path: Path | str, out: Path | str | None = None, init: Path | str | None = None, **options
) -> tuple[Fit, Path]:
    """Fit a network to a data file (CSV, or a network file's data) and write it as a
    network file at ``out`` (default: ``<data>-fit.toml`` beside the data), atomically.

    ``init``: a network file to start from (its activations too). ``options`` go to
    :func:`fit`. Every file is read and checked before any fitting starts.
    """
    data_path = Path(data_path)
    data, names = read_data(data_path)
    start = read_network_file(init).network if init is not None else None
    out = Path(out) if out is not None else data_path.with_name(f"{data_path.stem}-fit.toml")
    if out.suffix.lower() != ".toml":
        raise FileError(f"{out}: a network file's name must end in .toml")
    if not out.parent.is_dir():
        raise FileError(f"{out}: no such folder: {out.parent}")
    try:
        check_file(out, "network file")  # its folder takes data, its name fits
    except DestinationError as error:
        raise FileError(f"{out}: {error}") from None
    name = re.sub(r"[^A-Za-z0-9._-]", "-", out.stem).lstrip(".-_") or "fitted"
    result = fit(data, init=start, name=name, **options)
    comment = (
        f"Fitted by relu-anim fit to {data_path.name}: SSR {result.ssr:.6g} after {result.steps} steps.\n"
        "Render it: relu-anim render --all --network " + str(out)
    )
    write_network_file(NetworkFile(result.network, data, names), out, comment)
    return result, out
