"""Stage 3, first-dot: dosage 0 through the top node, against the storyboard's first row
(dosage 0: top x = 0 x 1.70 - 0.85 = -0.85, ReLU(-0.85) = 0), read off its last frame."""

from numpy.testing import assert_allclose

from relu_anim.theme import THEMES

from .screen import marks, scene_point

LIGHT = THEMES["light"]  # the stage tests play in the light theme


def test_the_arithmetic_on_screen(end):
    assert "0.00 × 1.70 + (−0.85) = −0.85" in end["texts"]
    assert "max(0, −0.85) = 0.00" in end["texts"]


def test_x_lands_on_the_relu_graph_and_stays_at_0(end):
    relu = end["graphs"]["activation"]
    (dot,) = marks(relu, "dot").values()
    assert (dot["x"], dot["y"]) == (-0.85, 0.0)
    assert_allclose(dot["at"], scene_point(relu, -0.85, 0.0), atol=0.02)  # drawn where the axes put it


def test_the_blue_dot_sits_at_dosage_0_height_0(end):
    plot = end["graphs"]["plot"]
    (dot,) = marks(plot, "dot").values()
    assert (dot["x"], dot["y"]) == (0.0, 0.0)
    assert_allclose(dot["at"], scene_point(plot, 0.0, 0.0), atol=0.02)
    assert dot["color"] == LIGHT.top  # blue: the top node's path


def test_the_top_connection_is_highlighted(end):
    diagram = end["diagrams"]["diagram"]
    assert diagram["highlighted"] == ["input-top"]
    assert diagram["edges"]["input-top"]["color"] == LIGHT.top
    assert diagram["edges"]["input-bottom"]["color"] == LIGHT.muted
