"""Stage 2, swap: softplus -> ReLU, a ReLU before the output, Part 3's weights and biases.

Expected labels are the storyboard's Part 3 row (shared/LESSON.md) written the way the
diagram writes numbers: "×" before a weight, a signed bias, two decimals, real minus signs.
"""

import numpy as np
import pytest

from .storyboard import PART3_LABELS


@pytest.fixture(scope="module")
def scene(played):
    return played("swap")


def test_labels_end_as_part_3(scene):
    labels = scene.diagram.labels
    assert {name: label.original_text for name, label in labels.items()} == PART3_LABELS
    on_screen = scene.get_mobject_family_members()
    for label in labels.values():  # the new labels are drawn, as part of the diagram
        assert label in on_screen and label in scene.diagram.get_family()


def test_hidden_and_output_activations_are_relu(scene):
    diagram = scene.diagram
    assert [diagram.icons[n].activation for n in ("top", "bottom", "output")] == ["relu"] * 3
    box = diagram.nodes["output"][0]
    assert box.get_fill_opacity() == 1 and box.get_stroke_opacity() == 1
    assert diagram.icons["output"][1].get_fill_opacity() == 0  # drawn as a line, not a filled shape
    assert diagram.edges["output-out"].get_stroke_opacity() == 1
    on_screen = scene.get_mobject_family_members()
    assert diagram.icons["output"] in on_screen and box in on_screen
    # the sum now feeds the output ReLU, not the word "Effectiveness" directly
    end = diagram.edges["sum-output"].get_end()
    assert np.linalg.norm(end - box.get_center()) < box.width


def test_relu_close_up_shows_max_of_0_and_the_input(scene):
    relu = scene.relu
    assert relu.activation == "relu"
    assert scene.relu_name.original_text == "rectified linear unit"
    assert relu.formula[1].original_text == "f(x) = max(0, x)"
    dots = [m for m in scene.tries if hasattr(m, "graph")]
    # by hand: max(0, -0.6) = 0 stays on the axis; max(0, 0.6) = 0.6 comes out unchanged
    assert [(dot.x, dot.y) for dot in dots] == [(-0.6, 0.0), (0.6, 0.6)]
    assert relu.width > 4  # a large look, not an icon


def test_softplus_gives_way_to_relu_which_stays_beside_the_diagram(scene):
    on_screen = scene.get_mobject_family_members()
    assert scene.old.activation == "softplus" and scene.old not in on_screen
    assert scene.relu in on_screen and scene.relu_name in on_screen
    assert not any(m in on_screen for m in scene.tries)  # the tried inputs are cleared away
    assert scene.relu.get_left()[0] > scene.diagram.get_right()[0]  # side by side, not on top
