"""Stage 2, swap: softplus -> ReLU, a ReLU before the output, Part 3's weights and biases,
read off the frames at the end of every beat.

Expected labels are the storyboard's Part 3 row (shared/LESSON.md) written the way the
diagram writes numbers: "×" before a weight, a signed bias, two decimals, real minus signs.
"""

from .screen import area_box, marks, points
from .storyboard import PART1_LABELS, PART3_LABELS


def test_labels_end_as_part_3(end):
    diagram = end["diagrams"]["diagram"]
    assert set(PART3_LABELS.values()) <= set(end["texts"])
    assert not set(PART1_LABELS.values()) & set(end["texts"])  # Part 1's are gone
    left, right = diagram["at"][0] - diagram["width"] / 2, diagram["at"][0] + diagram["width"] / 2
    for label in PART3_LABELS.values():  # drawn on the diagram
        box = end["texts"][label]["box"]
        assert left <= box[0] and box[2] <= right


def test_hidden_and_output_activations_are_relu(records, end):
    assert "output" not in records[0]["diagrams"]["diagram"]["activations"]  # Part 1 had none
    diagram = end["diagrams"]["diagram"]
    assert diagram["activations"] == {"top": "relu", "bottom": "relu", "output": "relu"}
    assert "output" in diagram["nodes"] and "output-out" in diagram["edges"]  # drawn, with its way out
    # the sum now feeds the output ReLU, not the word "Effectiveness" directly
    assert diagram["nodes"]["sum"][2] < diagram["nodes"]["output"][0] < end["texts"]["Effectiveness"]["box"][0]


def test_relu_close_up_shows_max_of_0_and_the_input(records, end):
    relu = end["graphs"]["activation"]
    assert list(marks(relu, "curve")) == ["curve[relu]"]
    assert {"ReLU", "rectified linear unit", "f(x) = max(0, x)"} <= set(end["texts"])
    tried = next(points(r["graphs"]["activation"]) for r in records if points(r["graphs"]["activation"]))
    # by hand: max(0, -0.6) = 0 stays on the axis; max(0, 0.6) = 0.6 comes out unchanged
    assert tried == [(-0.6, 0.0), (0.6, 0.6)]
    assert {"max(0, \u22120.60) = 0.00", "max(0, 0.60) = 0.60"} <= {t for r in records for t in r["texts"]}
    assert relu["size"][0] > 4  # a large look, not an icon


def test_softplus_gives_way_to_relu_which_stays_beside_the_diagram(records, end):
    assert list(marks(records[0]["graphs"]["activation"], "curve")) == ["curve[softplus]"]
    assert "SoftPlus" in records[0]["texts"] and "SoftPlus" not in end["texts"]
    assert points(end["graphs"]["activation"]) == []  # the tried inputs are cleared away
    diagram = end["diagrams"]["diagram"]
    assert area_box(end["graphs"]["activation"])[0] > diagram["at"][0] + diagram["width"] / 2  # side by side
