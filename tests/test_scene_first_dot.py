"""Stage 3, first-dot: dosage 0 through the top node, against the storyboard's first row
(dosage 0: top x = 0 x 1.70 - 0.85 = -0.85, ReLU(-0.85) = 0)."""

import pytest
from numpy.testing import assert_allclose


@pytest.fixture(scope="module")
def scene(played):
    return played("first-dot")


def test_the_arithmetic_on_screen(scene):
    assert scene.step.equation.string == "0.00 × 1.70 + (−0.85) = −0.85"
    assert scene.step.activation_equation.string == "max(0, −0.85) = 0.00"


def test_x_lands_on_the_relu_graph_and_stays_at_0(scene):
    dot, relu = scene.step.input_dot, scene.bench.graph
    assert (dot.x, dot.y) == (pytest.approx(-0.85), pytest.approx(0.0))
    assert_allclose(dot.get_center(), relu.c2p(-0.85, 0.0), atol=1e-9)


def test_the_blue_dot_sits_at_dosage_0_height_0(scene):
    dot, plot = scene.plot_dot, scene.bench.plot
    assert (dot.x, dot.y) == (0.0, 0.0)
    assert_allclose(dot.get_center(), plot.c2p(0.0, 0.0), atol=1e-9)
    assert dot.get_color().to_hex() == scene.theme.top  # blue: the top node's path


def test_the_top_connection_is_highlighted(scene):
    assert scene.bench.diagram.edges["input-top"].get_color().to_hex() == scene.theme.top
    assert scene.bench.diagram.edges["input-bottom"].get_color().to_hex() == scene.theme.muted
