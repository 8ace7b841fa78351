"""The model against numbers worked out by hand and the storyboard's reference table."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from relu_anim.model import (
    BEND_TOLERANCE,
    DOSAGE_DATA,
    ModelError,
    check_dosages,
    gradient,
    gradient_descent,
    preset,
    relu,
    relu_derivative,
    softplus,
    softplus_derivative,
    sum_of_squared_residuals,
)

from .storyboard import TABLE as STORYBOARD


@pytest.fixture
def part3():
    return preset("part3")


def test_part3_matches_the_storyboard_table(part3):
    d, top_x, top_y, top_scaled, bottom_x, bottom_scaled, biased, output = STORYBOARD.T
    f = part3.forward(d)
    assert_allclose(f.top.x, top_x, atol=1e-12)
    assert_allclose(f.top.y, top_y, atol=1e-12)
    assert_allclose(f.top.scaled, top_scaled, atol=1e-12)
    assert_allclose(f.bottom.x, bottom_x, atol=1e-12)
    assert_allclose(f.bottom.y, bottom_x, atol=1e-12)  # ReLU of a non-negative x is x
    assert_allclose(f.bottom.scaled, bottom_scaled, atol=1e-12)
    assert_allclose(f.sum, top_scaled + bottom_scaled, atol=1e-12)
    assert_allclose(f.biased, biased, atol=1e-12)
    assert_allclose(f.output, output, atol=1e-12)


def test_one_quantity_by_its_dotted_name(part3):
    # by hand at dosage 1: top 1.70 - 0.85 = 0.85, x -40.8 = -34.68; bottom 12.6 x 2.70 = 34.02
    assert_allclose(part3.values([1.0], "top.scaled"), [-34.68], atol=1e-9)
    assert_allclose(part3.values([1.0], "bottom.scaled"), [34.02], atol=1e-9)
    assert_allclose(part3.forward([1.0]).get("sum"), [34.02 - 34.68], atol=1e-9)


def test_transcript_slip_relu_of_0_17_is_0_17(part3):
    # The narration says 0.16; max(0, 0.17) is 0.17.
    assert_allclose(part3.forward(0.6).top.y, [0.17], atol=1e-12)


def test_forward_is_vectorised_and_keeps_shape(part3):
    d = np.linspace(0, 1, 101)
    f = part3.forward(d)
    for values in (f.top.x, f.top.y, f.bottom.scaled, f.sum, f.biased, f.output):
        assert values.shape == d.shape
    # The pointy thing: zero at both ends, its only peak at the medium dosage.
    assert d[np.argmax(f.output)] == pytest.approx(0.5)


def test_part1_by_hand():
    # Worked by hand for dosage 0.5: top x = -34.4*0.5 + 2.14 = -15.06,
    # bottom x = -2.52*0.5 + 1.29 = 0.03; softplus(v) = ln(1 + e^v).
    net = preset("part1")
    f = net.forward(0.5)
    assert_allclose(f.top.x, [-15.06])
    assert_allclose(f.bottom.x, [0.03])
    expected = -1.30 * np.log1p(np.exp(-15.06)) + 2.28 * np.log1p(np.exp(0.03)) - 0.58
    assert_allclose(f.output, [expected])
    assert_allclose(f.output, f.biased)  # no output activation in Part 1


def test_peak_is_one_model_question(part3):
    # the pointy thing peaks at its bend, dosage 0.5: by hand 0.5 x 12.6 x 2.70 - 16 = 1.01
    assert part3.peak() == pytest.approx((0.5, 1.01))
    # the smooth squiggle: against a much finer grid (a second search)
    d = np.linspace(0, 1, 200_001)
    y = preset("part1").predict(d)
    dosage, value = preset("part1").peak()
    assert dosage == pytest.approx(d[np.argmax(y)], abs=1e-3) and value == pytest.approx(y.max(), abs=1e-5)


def test_part1_squiggle_peaks_near_0_15_at_about_2_2():
    d = np.linspace(0, 1, 10_001)
    y = preset("part1").predict(d)
    assert 0.1 < d[np.argmax(y)] < 0.16
    assert 2.1 < y.max() < 2.3
    # ...and it passes near all three data points
    assert_allclose(preset("part1").predict(DOSAGE_DATA.dosage), DOSAGE_DATA.observed, atol=0.05)


def test_activations():
    assert_allclose(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    assert_allclose(softplus([0.0]), [np.log(2)])
    assert_allclose(softplus([800.0]), [800.0])  # no overflow
    assert_allclose(softplus_derivative([0.0, 50.0, -50.0]), [0.5, 1.0, 0.0], atol=1e-12)


@pytest.mark.parametrize("at_zero", [0, 1])
def test_relu_derivative_convention(at_zero):
    assert_allclose(relu_derivative([-3.0, 0.0, 2.0], at_zero), [0.0, at_zero, 1.0])
    # 1.70 * 0.5 - 0.85 is 0 on paper and ~1e-16 in floating point: still the bend
    assert_allclose(relu_derivative([1.70 * 0.5 - 0.85], at_zero), [at_zero])
    assert_allclose(relu_derivative([10 * BEND_TOLERANCE], at_zero), [1.0])


def test_relu_derivative_refuses_other_choices():
    with pytest.raises(ModelError):
        relu_derivative([0.0], at_zero=0.5)


def test_ssr_by_hand(part3):
    # Predictions at 0, 0.5, 1 are 0, 1.01, 0 (storyboard); observed 0, 1, 0.
    assert sum_of_squared_residuals(part3) == pytest.approx(0.01**2)


def numeric_gradient(net, name, h=1e-6):
    value = net.parameters()[name]
    up = sum_of_squared_residuals(net.with_parameter(name, value + h))
    down = sum_of_squared_residuals(net.with_parameter(name, value - h))
    return (up - down) / (2 * h)


# Points where no pre-activation sits on a bend, so the finite difference is exact.
@pytest.mark.parametrize("network", ["part1", "part3"])
@pytest.mark.parametrize("final_bias", [-16.0, -12.5, 0.3])
def test_gradient_matches_finite_differences(network, final_bias):
    net = preset(network).with_parameter("final_bias", final_bias)
    if network == "part3":  # move the bends off the data: top x(0.5) = 0, bottom x(0) = 0
        net = net.with_parameter("top.bias", -0.8).with_parameter("bottom.bias", 0.05)
    grads = gradient(net)
    assert set(grads) == set(net.parameters()) and len(grads) == 7
    for name, value in grads.items():
        assert value == pytest.approx(numeric_gradient(net, name), rel=1e-5, abs=1e-6), name


def test_gradient_at_the_bend_depends_on_the_choice(part3):
    # With the lesson's numbers, the top node's x at dosage 0.5 is exactly 0: on the bend.
    # Its residual is 1 - 1.01 = -0.01 and the chain to top.bias is -40.8 * relu'(0),
    # so d(SSR)/d(top.bias) = -2 * -0.01 * 1 * -40.8 * relu'(0) = -0.816 * relu'(0).
    assert gradient(part3, relu_at_zero=0)["top.bias"] == pytest.approx(0.0, abs=1e-9)
    assert gradient(part3, relu_at_zero=1)["top.bias"] == pytest.approx(-0.816)


@pytest.mark.parametrize("at_zero", [0, 1])
def test_descent_on_final_bias_reaches_minus_16_01(at_zero):
    # Only dosage 0.5 is above the bend near the optimum: 17.01 + b = 1 -> b = -16.01.
    run = gradient_descent(preset("part3"), "final_bias", start=0.0, relu_at_zero=at_zero)
    assert run.steps[0].value == 0.0
    # At b = 0: SSR = 0 + (1 - 17.01)^2 + 0 and slope = -2 * (1 - 17.01) = 32.02 (by hand)
    assert run.steps[0].ssr == pytest.approx(16.01**2)
    assert run.steps[0].slope == pytest.approx(32.02)
    assert run.final_value == pytest.approx(-16.01, abs=0.01)
    ssr = [step.ssr for step in run.steps]
    assert all(later <= earlier for earlier, later in zip(ssr, ssr[1:]))
    assert abs(run.steps[-1].step_size) < 0.001


def test_descent_runs_agree_under_either_choice():
    runs = [gradient_descent(preset("part3"), relu_at_zero=c) for c in (0, 1)]
    assert runs[0].final_value == pytest.approx(runs[1].final_value)
    assert len(runs[0].steps) == len(runs[1].steps)


def test_unknown_preset_and_bad_dosages():
    with pytest.raises(ModelError, match="unknown network"):
        preset("part2")
    with pytest.raises(ModelError, match="finite"):
        check_dosages([0.1, float("nan")])
    with pytest.raises(ModelError, match="finite"):
        check_dosages([float("inf")])
    with pytest.raises(ModelError, match="unknown parameter"):
        preset().with_parameter("middle.bias", 1.0)


def test_records_round_floating_point_dust(part3):
    record = part3.forward(0.2).records()[0]
    assert record["bottom"]["scaled"] == 6.804  # not 6.804000000000001
    assert str(record["top"]["scaled"]) == "0.0"  # not -0.0


def test_each_hidden_node_bends_where_its_pre_activation_is_zero():
    from relu_anim.model import ModelError

    net = preset("part3")
    assert net.bend("top") == pytest.approx(0.85 / 1.70)  # 0.5
    assert net.bend("bottom") == pytest.approx(0.0)  # 12.6 * d + 0
    with pytest.raises(ModelError):
        net.with_parameter("top.weight", 0.0).bend("top")
