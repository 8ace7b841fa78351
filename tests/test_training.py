"""Training: gradients against finite differences, `fit` against a second
implementation written here, determinism, and `relu-anim fit` end to end."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.testing import assert_allclose

from relu_anim.cli import main
from relu_anim.model import (
    DataSet,
    HiddenNode,
    Network,
    fit,
    gradient,
    load_lesson,
    read_network_file,
    sum_of_squared_residuals,
)

FIVE = DataSet(np.array([0.0, 0.25, 0.5, 0.75, 1.0]), np.array([0.0, 0.1, 1.0, 0.6, 0.0]))
NAMES = (
    "final_bias",
    "top.weight",
    "top.bias",
    "top.output_weight",
    "bottom.weight",
    "bottom.bias",
    "bottom.output_weight",
)


def make(hidden, output, top=(1.3, -0.4, 2.1), bottom=(-2.2, 1.7, 0.8), final_bias=-0.3) -> Network:
    return Network("t", (HiddenNode(*top), HiddenNode(*bottom)), final_bias, hidden, output)


# Networks whose every hidden and output pre-activation is well away from 0 at FIVE's
# dosages (ReLU's bends), so central differences see a smooth function there.
NETWORKS = {
    "relu/relu": make("relu", "relu", top=(1.3, -0.4, 2.1), bottom=(-2.2, 1.7, 0.8), final_bias=0.35),
    "softplus/relu": make("softplus", "relu", final_bias=0.2),
    "softplus/none": make("softplus", "identity"),
    "sigmoid/relu": make("sigmoid", "relu", top=(4.0, -2.0, 3.0), final_bias=-0.5),
    "sigmoid/none": make("sigmoid", "identity", top=(-6.0, 3.1, -1.5)),
    "relu/none": make("relu", "identity", top=(2.0, -0.9, -1.2), bottom=(3.0, 0.1, 0.7)),
}


def central_difference(net: Network, name: str, data: DataSet, h: float = 1e-6) -> float:
    value = net.parameters()[name]
    up = sum_of_squared_residuals(net.with_parameter(name, value + h), data)
    down = sum_of_squared_residuals(net.with_parameter(name, value - h), data)
    return (up - down) / (2 * h)


@pytest.mark.parametrize("kind", sorted(NETWORKS))
def test_every_gradient_matches_central_differences(kind):
    net = NETWORKS[kind]
    f = net.forward(FIVE.dosage)
    bends = [f.top.x, f.bottom.x] if net.hidden_activation == "relu" else []
    if net.output_activation == "relu":
        bends.append(f.biased)
    for values in bends:  # away from every ReLU's bend
        assert np.abs(values).min() > 1e-3, kind
    if net.output_activation == "relu":
        assert (f.biased > 0).any(), kind  # some points pass the output ReLU: not all-zero gradients
    grads = gradient(net, FIVE)
    assert list(grads) == sorted(grads, key=NAMES.index)
    for name in NAMES:
        assert grads[name] == pytest.approx(central_difference(net, name, FIVE), rel=1e-5, abs=1e-7), (kind, name)
    assert any(abs(g) > 1e-3 for g in grads.values())


# -- an independent fit: the same rule, written plainly, with the gradient by hand ----------


def relu(x):
    return np.maximum(x, 0.0)


def by_hand(theta, d, y):
    """SSR and its gradient for a relu/relu network, each partial derivative written out."""
    b3, w1, b1, w3, w2, b2, w4 = theta
    x1, x2 = w1 * d + b1, w2 * d + b2
    z = w3 * relu(x1) + w4 * relu(x2) + b3
    r = y - relu(z)
    g = -2 * r * (z > 0)  # dSSR/dz with slope 0 at the output bend
    s1, s2 = g * w3 * (x1 > 0), g * w4 * (x2 > 0)
    grad = [g.sum(), (s1 * d).sum(), s1.sum(), (g * relu(x1)).sum(), (s2 * d).sum(), s2.sum(), (g * relu(x2)).sum()]
    return float((r**2).sum()), np.array(grad)


def independent_fit(theta, d, y, rate, steps, min_step=1e-7, speed_up=1.05):
    """Gradient descent: take a step if it does not raise the SSR (then lengthen the
    next by ``speed_up``), else halve the rate; stop when every move is tiny."""
    theta = np.array(theta, dtype=float)
    ssr, grad = by_hand(theta, d, y)
    for _ in range(steps):
        move = rate * grad
        trial_ssr, trial_grad = by_hand(theta - move, d, y)
        if trial_ssr <= ssr:
            theta, ssr, grad, rate = theta - move, trial_ssr, trial_grad, rate * speed_up
        else:
            rate /= 2
        if np.abs(move).max() < min_step:
            break
    return theta, ssr


def test_fit_from_a_start_matches_the_independent_loop():
    start = make("relu", "relu", top=(3.0, -1.2, -0.8), bottom=(2.5, -0.5, 1.0), final_bias=0.2)
    result = fit(FIVE, init=start, steps=3000, learning_rate=0.05)
    # FIVE's largest observation is 1, so fit's scaling changes nothing here
    theta, ssr = independent_fit([start.parameters()[n] for n in NAMES], FIVE.dosage, FIVE.observed, 0.05, 3000)
    got = result.network.parameters()
    assert_allclose([got[n] for n in NAMES], theta, rtol=1e-7, atol=1e-9)
    assert result.ssr == pytest.approx(ssr, rel=1e-7, abs=1e-12)
    assert result.ssr < 0.05  # and it really is a fit: well below the data's 1.37 around 0


def test_the_default_fit_fits_five_points_closely():
    result = fit(FIVE)
    # Two bends plus the output clip can pass through five points: the SSR is ~0.
    assert result.ssr < 1e-6
    assert_allclose(result.network.predict(FIVE.dosage), FIVE.observed, atol=1e-3)
    assert result.converged and result.starts == 32


def test_fitting_scaled_data_scales_the_fit():
    """Observed values x 40: the same network with output weights and final bias x 40."""
    start = make("relu", "relu", top=(3.0, -1.2, -0.8), bottom=(2.5, -0.5, 1.0), final_bias=0.2)
    small = fit(FIVE, init=start, steps=500)
    scaled_start = start.with_parameter("final_bias", 8.0).with_parameter("top.output_weight", -32.0)
    scaled_start = scaled_start.with_parameter("bottom.output_weight", 40.0)
    big = fit(DataSet(FIVE.dosage, FIVE.observed * 40), init=scaled_start, steps=500)
    p, q = small.network.parameters(), big.network.parameters()
    for name in NAMES:
        factor = 40 if name in ("final_bias", "top.output_weight", "bottom.output_weight") else 1
        assert q[name] == pytest.approx(p[name] * factor, rel=1e-6, abs=1e-9), name
    assert big.ssr == pytest.approx(small.ssr * 1600, rel=1e-6, abs=1e-9)


def test_fit_is_deterministic_for_a_seed_and_varies_with_it():
    seven = DataSet(np.array([0, 0.1, 0.3, 0.5, 0.6, 0.8, 1.0]), np.array([0, 0.05, 0.4, 1.0, 0.9, 0.3, 0.1]))
    a, b = fit(seven, seed=5, steps=400), fit(seven, seed=5, steps=400)
    c = fit(seven, seed=6, steps=400)
    assert a.network == b.network and a.ssr == b.ssr and a.steps == b.steps
    assert c.network != a.network


def test_the_cli_fits_writes_a_network_and_trace_reads_it(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("Dosage,Effectiveness\n0,0\n0.25,0.1\n0.5,1\n0.75,0.6\n1,0\n", encoding="utf-8")
    out = tmp_path / "mine.toml"
    result = CliRunner().invoke(main, ["fit", str(data), "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "SSR" in result.stderr and "steps" in result.stderr
    written = read_network_file(out)
    assert written.network.name == "mine"
    assert_allclose(written.data.observed, [0, 0.1, 1, 0.6, 0])
    assert written.names.input == "Dosage"
    # the SSR reported is the written network's, recomputed here from its numbers
    ssr = float(np.sum((written.data.observed - written.network.predict(written.data.dosage)) ** 2))
    assert f"SSR {ssr:.6g}" in result.stderr
    traced = CliRunner().invoke(main, ["trace", "--network", str(out), "--json", "0.5"])
    assert traced.exit_code == 0, traced.output
    import json

    (record,) = json.loads(traced.stdout)
    assert record["output"] == pytest.approx(float(written.network.predict(0.5)[0]), abs=1e-9)
    # the same run again writes the same file
    again = tmp_path / "again.toml"
    CliRunner().invoke(main, ["fit", str(data), "--out", str(again), "--seed", "3"])
    assert read_network_file(again).network.parameters() == written.network.parameters()


def test_fit_from_a_network_files_data_and_with_init(tmp_path):
    from importlib import resources

    from relu_anim.model import preset

    with resources.as_file(resources.files("relu_anim.model") / "networks" / "part1.toml") as part1:
        out = tmp_path / "refit.toml"
        result = CliRunner().invoke(main, ["fit", str(part1), "--init", str(part1), "-o", str(out), "--steps", "50"])
    assert result.exit_code == 0, result.output
    refit = read_network_file(out)
    assert refit.network.hidden_activation == "softplus" and refit.network.output_activation == "identity"
    # starting from Part 1's own fit, steps that never raise the SSR cannot make it worse
    before = sum_of_squared_residuals(preset("part1"), refit.data)
    assert sum_of_squared_residuals(refit.network, refit.data) <= before


def test_points_on_the_output_bend():
    from relu_anim.model import points_on_output_bend, preset

    # Part 3 with the final bias at 0: the wedge is 0 at dosage 0 (both nodes give 0 there:
    # top ReLU(-0.85) = 0, bottom 0 x 12.6 = 0), so the low point sits on the output bend,
    # with residual 0 - 0 = 0; medium (17.01) and high (34.02 - 34.68 = -0.66) do not.
    net = preset("part3").with_parameter("final_bias", 0.0)
    at_bend, residuals = points_on_output_bend(net)
    assert at_bend.tolist() == [True, False, False] and residuals.tolist() == [0.0]


# -- large data sets: the SSR from running sums (relu_anim.model.piecewise) ---------------


PART3 = load_lesson("part3").network


def wedge_data(points: int, seed: int, noise: float = 0.0) -> DataSet:
    """Dosages drawn from 0..1, observed from the lesson's network (plus noise)."""
    rng = np.random.default_rng(seed)
    dosage = rng.uniform(0.0, 1.0, points)
    return DataSet(dosage, PART3.forward(dosage).output + rng.normal(0.0, noise, points))


@pytest.mark.parametrize("output", ["relu", "identity"])
def test_the_running_sums_give_the_point_by_point_ssr_and_gradient(output):
    from relu_anim.model.piecewise import SortedSums
    from relu_anim.model.piecewise import ssr_and_gradient as by_sums
    from relu_anim.model.training import ssr_and_gradient

    rng = np.random.default_rng(5)
    data = DataSet(rng.uniform(0, 1, 300), rng.normal(0, 1, 300))
    theta = rng.normal(0.0, 3.0, (50, 7))
    theta[:3, [1, 4]] = 0.0  # flat hidden nodes (no bend) too
    expected_ssr, expected_grad = ssr_and_gradient(theta, "relu", output, data)
    ssr, grad = by_sums(theta, output, SortedSums.of(data))
    assert_allclose(ssr, expected_ssr, rtol=1e-9)
    assert_allclose(grad, expected_grad, rtol=1e-8, atol=1e-8)


def test_a_large_fit_descends_as_the_point_by_point_fit_does(monkeypatch):
    """Just above FIT_EXACT_POINTS the running sums take over: the same descent, step
    for step (no point sits on a bend in random data), as with the threshold raised."""
    import relu_anim.model.training as training

    data = wedge_data(training.FIT_EXACT_POINTS + 1, seed=3, noise=0.05)
    fast = fit(data, steps=150, restarts=8)
    monkeypatch.setattr(training, "FIT_EXACT_POINTS", 10**9)
    exact = fit(data, steps=150, restarts=8)
    assert_allclose(list(fast.network.parameters().values()), list(exact.network.parameters().values()), rtol=1e-6)
    assert fast.ssr == pytest.approx(exact.ssr, rel=1e-9)


def test_a_large_fit_finds_the_network_its_data_came_from():
    """2,000 noise-free points from the lesson's network, starting near it: the fit
    heads back to it (its SSR on the data is 0). The learning rate is per SSR, a sum over
    the points: 0.05 / 2000 keeps the first step as long as on a handful of points."""
    data = wedge_data(2000, seed=4)
    params = PART3.parameters()
    start = Network(
        "near",
        (
            HiddenNode(params["top.weight"] * 1.01, params["top.bias"], params["top.output_weight"]),
            HiddenNode(params["bottom.weight"] * 0.995, 0.0, params["bottom.output_weight"]),
        ),
        params["final_bias"] + 0.1,
        "relu",
        "relu",
    )
    dead = float(np.sum(data.observed**2))  # what an output switched off everywhere leaves
    assert 1 < sum_of_squared_residuals(start, data) < dead
    result = fit(data, init=start, steps=2000, learning_rate=0.05 / 2000)
    assert result.ssr < 0.01 * sum_of_squared_residuals(start, data)
    assert_allclose(list(result.network.parameters().values()), list(params.values()), rtol=0.02, atol=0.02)
