"""The SSR and its gradient for a ReLU network on many data points, in time that does
not grow with the number of points.

With N ReLU hidden nodes the network's pre-output ``biased(d)`` is a straight line
between the hidden bends, and an output ReLU splits each of those N + 1 pieces once
more where the line crosses 0: at most 2 (N + 1) pieces, on each of which the output is
``A d + C`` or 0. On a piece, the SSR and every gradient component are polynomials in
a few sums over its points (count, sum of d, of d², of o, of o·d, of o²), and those
are differences of running sums over the points sorted by dosage. So one evaluation
is a few dozen operations on arrays of (starts x pieces x N), whatever the number of points.

The same numbers as :func:`relu_anim.model.training.ssr_and_gradient` (a test
compares them), except for a point lying exactly on a bend, where ReLU has no slope:
it counts on the bend's right side here, instead of taking ``relu_at_zero``. The
values there agree (ReLU is 0 on the bend either way); only such a point's share of
the gradient can differ, so :func:`relu_anim.model.training.fit` uses this only for
large data sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Array, DataSet


@dataclass(frozen=True)
class SortedSums:
    """Running sums over the data sorted by dosage, each with a leading 0, so that the
    sum over sorted points ``i..j-1`` is ``running[:, j] - running[:, i]``. The rows of
    ``running``: count, d, d², o, o·d, o²."""

    dosage: Array  # sorted
    running: Array  # (6, points + 1)

    @classmethod
    def of(cls, data: DataSet) -> SortedSums:
        order = np.argsort(data.dosage, kind="stable")
        d, o = data.dosage[order], data.observed[order]
        terms = np.stack([np.ones_like(d), d, d * d, o, o * d, o * o])
        return cls(d, np.concatenate([np.zeros((6, 1)), np.cumsum(terms, axis=1)], axis=1))


def ssr_and_gradient(theta: Array, output: str, sums: SortedSums) -> tuple[Array, Array]:
    """SSR and d(SSR)/d(parameter) for parameter vectors ``theta`` of shape ``(S, P)``
    (``P = 1 + 3 N``, the order of :meth:`relu_anim.model.network.Network.parameters`),
    N ReLU hidden nodes and the ``output`` activation ("relu" or "identity"): shapes
    ``(S,)`` and ``(S, P)``."""
    theta = np.asarray(theta, dtype=float)
    final_bias = theta[:, 0]
    w, b, v = theta[:, 1::3], theta[:, 2::3], theta[:, 3::3]  # (S, N): top first
    low, high = sums.dosage[0], sums.dosage[-1]
    edges = np.empty((len(theta), w.shape[1] + 2))  # the data's ends and the N bends, in order
    edges[:, 0], edges[:, -1] = low, high
    with np.errstate(divide="ignore", invalid="ignore"):
        np.clip(np.where(w != 0, -b / w, low), low, high, out=edges[:, 1:-1])
    edges.sort(axis=1)
    middle = (edges[:, :-1] + edges[:, 1:]) / 2  # (S, N + 1)
    on = w[:, None, :] * middle[:, :, None] + b[:, None, :] > 0  # (S, N + 1 pieces, N nodes)
    slope = np.sum(on * (w * v)[:, None, :], axis=2)  # A, per piece
    level = final_bias[:, None] + np.sum(on * (b * v)[:, None, :], axis=2)  # C
    if output == "relu":  # split each piece where A d + C crosses 0
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = np.where(slope != 0, -level / slope, edges[:, :-1])
        cross = np.clip(cross, edges[:, :-1], edges[:, 1:])
    else:
        cross = edges[:, :-1]
    # 2 N + 3 boundaries, 2 (N + 1) sub-pieces: [e0, c0], [c0, e1], [e1, c1], ...
    bounds = np.stack([edges[:, :-1], cross], axis=2).reshape(len(theta), -1)
    index = np.concatenate([np.searchsorted(sums.dosage, bounds), np.full((len(theta), 1), sums.dosage.size)], axis=1)
    n, sd, sdd, so, sod, soo = sums.running[:, index[:, 1:]] - sums.running[:, index[:, :-1]]  # each (S, 2 N + 2)
    a, c = np.repeat(slope, 2, axis=1), np.repeat(level, 2, axis=1)  # (S, 2 N + 2)
    ends = np.concatenate([bounds, edges[:, -1:]], axis=1)
    live = a * (ends[:, :-1] + ends[:, 1:]) / 2 + c > 0 if output == "relu" else np.ones_like(a, dtype=bool)
    fitted = soo - 2 * a * sod - 2 * c * so + a * a * sdd + 2 * a * c * sd + c * c * n
    ssr = np.sum(np.where(live, fitted, soo), axis=1)
    r0 = np.where(live, so - a * sd - c * n, 0.0)  # sum of residuals
    r1 = np.where(live, sod - a * sdd - c * sd, 0.0)  # sum of residual x dosage
    node_on = np.repeat(on, 2, axis=1)  # (S, 2 N + 2, N)
    r0_node = np.sum(node_on * r0[:, :, None], axis=1)  # (S, N)
    r1_node = np.sum(node_on * r1[:, :, None], axis=1)
    grad = np.empty_like(theta)
    grad[:, 0] = -2 * r0.sum(axis=1)
    grad[:, 1::3] = -2 * v * r1_node
    grad[:, 2::3] = -2 * v * r0_node
    grad[:, 3::3] = -2 * (w * r1_node + b * r0_node)
    return ssr, grad
