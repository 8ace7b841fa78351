"""The model with 1 to 8 hidden nodes, against numbers worked out by hand (issue 34)."""

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.testing import assert_allclose

from relu_anim.cli import main
from relu_anim.model import (
    MAX_HIDDEN,
    PRESET_NAMES,
    HiddenNode,
    ModelError,
    Network,
    load_lesson,
    node_names,
    preset,
    story,
    sum_of_squared_residuals,
)

#: Three nodes, bending at 0.5, 0.25 and 0.8; worked out by hand below.
THREE = Network("three", (HiddenNode(2.0, -1.0, 3.0), HiddenNode(-4.0, 1.0, 5.0), HiddenNode(10.0, -8.0, -2.0)), -0.5)
#: One node, falling: x = -2 d + 1, bending at 0.5.
ONE = Network("one", (HiddenNode(-2.0, 1.0, 3.0),), 0.5)


def test_nodes_are_named_by_their_place_from_the_top():
    assert node_names(1) == ("hidden",)
    assert node_names(2) == ("top", "bottom")
    assert node_names(3) == ("top", "second", "bottom")
    assert node_names(8) == ("top", "second", "third", "fourth", "fifth", "sixth", "seventh", "bottom")
    assert [len(node_names(n)) for n in range(1, 9)] == list(range(1, 9))
    assert MAX_HIDDEN == 8


@pytest.mark.parametrize("count", [0, 9])
def test_a_network_has_one_to_eight_hidden_nodes(count):
    with pytest.raises(ModelError, match=f"1 to 8 hidden nodes, not {count}"):
        Network("bad", (HiddenNode(1.0, 0.0, 1.0),) * count, 0.0)
    with pytest.raises(ModelError):
        node_names(count)


def test_the_old_two_node_call_is_refused_not_misread():
    """``Network(name, top, bottom, final_bias)`` (before issue 34) is an error, not a
    network whose final bias is a node."""
    with pytest.raises(ModelError, match="one tuple of HiddenNode"):
        Network("old", HiddenNode(1.0, 0.0, 1.0), HiddenNode(1.0, 0.0, 1.0), 0.0)  # type: ignore[arg-type]


def test_three_nodes_by_hand():
    # d = 0:   x = -1, 1, -8;     y = 0, 1, 0;     scaled 0, 5, 0;     sum 5;    biased 4.5
    # d = 0.5: x = 0, -1, -3;     y = 0, 0, 0;     sum 0;              biased -0.5 -> output 0
    # d = 0.7: x = 0.4, -1.8, -1; scaled 1.2, 0, 0; sum 1.2;           biased 0.7
    # d = 1:   x = 1, -3, 2;      y = 1, 0, 2;     scaled 3, 0, -4;    sum -1;   biased -1.5 -> 0
    f = THREE.forward([0.0, 0.5, 0.7, 1.0])
    assert_allclose(f.node("top").x, [-1, 0, 0.4, 1], atol=1e-12)
    assert_allclose(f.node("second").scaled, [5, 0, 0, 0], atol=1e-12)
    assert_allclose(f.node(2).y, [0, 0, 0, 2], atol=1e-12)
    assert_allclose(f.get("bottom.scaled"), [0, 0, 0, -4], atol=1e-12)
    assert_allclose(f.sum, [5, 0, 1.2, -1], atol=1e-12)
    assert_allclose(f.biased, [4.5, -0.5, 0.7, -1.5], atol=1e-12)
    assert_allclose(f.output, [4.5, 0, 0.7, 0], atol=1e-12)
    assert f.top is f.nodes[0] and f.bottom is f.nodes[2]
    assert f.finite().all()


def test_three_nodes_records_parameters_and_bends():
    record = THREE.forward([0.0]).records()[0]
    assert list(record) == ["dosage", "top", "second", "bottom", "sum", "biased", "output"]
    assert record["second"] == {"x": 1.0, "y": 1.0, "scaled": 5.0}
    params = THREE.parameters()
    assert list(params) == [
        "final_bias",
        *(f"{node}.{field}" for node in ("top", "second", "bottom") for field in ("weight", "bias", "output_weight")),
    ]
    assert params["second.output_weight"] == 5.0 and params["bottom.bias"] == -8.0
    changed = THREE.with_parameter("second.bias", 2.0)
    assert changed.node("second") == HiddenNode(-4.0, 2.0, 5.0)
    assert changed.node(0) == THREE.node(0) and changed.node(2) == THREE.node(2)
    assert_allclose(THREE.bends(), [0.25, 0.5, 0.8])  # 1/4, 1/2, 8/10
    assert THREE.bend("bottom") == 0.8 and THREE.bend(1) == 0.25


def test_one_node_by_hand():
    # d = 0.25: x = -0.5 + 1 = 0.5, scaled 1.5, biased 2;  d = 1: x = -1, y = 0, biased 0.5
    f = ONE.forward([0.25, 1.0])
    assert ONE.node_names == ("hidden",) and ONE.top is ONE.bottom
    assert list(f.records()[0]) == ["dosage", "hidden", "sum", "biased", "output"]
    assert_allclose(f.get("hidden.x"), [0.5, -1.0])
    assert_allclose(f.output, [2.0, 0.5])
    assert list(ONE.parameters()) == ["final_bias", "hidden.weight", "hidden.bias", "hidden.output_weight"]
    assert_allclose(ONE.bends(), [0.5])


def test_nodes_by_a_name_or_an_index_that_is_not_there():
    for which in ("third", "hidden", 3, -1, True, 1.0):
        with pytest.raises(ModelError):
            THREE.node(which)
    with pytest.raises(ModelError, match="unknown parameter"):
        THREE.with_parameter("third.bias", 1.0)
    with pytest.raises(ModelError, match="the second node's weight is 0"):
        THREE.with_parameter("second.weight", 0.0).bend("second")


def test_the_lessons_two_nodes_are_still_top_and_bottom():
    net = preset("part3")
    assert net.node_names == ("top", "bottom") and net.hidden == (net.top, net.bottom)
    assert net.top == HiddenNode(1.7, -0.85, -40.8) and net.node(1) is net.bottom
    assert list(net.forward([0.5]).records()[0]) == ["dosage", "top", "bottom", "sum", "biased", "output"]
    assert_allclose(net.bends(), [0.0, 0.5])
    assert np.isclose(net.values([0.5], "top.scaled")[0], 0.0)


# -- the presets of more and fewer nodes -----------------------------------------------


def test_the_one_node_preset_by_hand():
    """x = 2 d - 1 at its five dosages, ReLU'd, times 1, plus 0, ReLU'd again."""
    lesson = load_lesson("one-node")
    net, data = lesson.network, lesson.data
    assert net.node_names == ("hidden",) and list(data.dosage) == [0.0, 0.25, 0.5, 0.75, 1.0]
    f = net.forward(data.dosage)
    assert_allclose(f.get("hidden.x"), [-1.0, -0.5, 0.0, 0.5, 1.0], atol=1e-12)
    assert_allclose(f.output, [0.0, 0.0, 0.0, 0.5, 1.0], atol=1e-12)
    assert_allclose(f.output, data.observed, atol=1e-12)  # its data: a ramp from 0.5
    assert_allclose(net.bends(), [0.5])


def test_the_two_bumps_preset_by_hand():
    """Four nodes of weight 10 bending at 0.1, 0.3, 0.5, 0.7, output weights 0.5, -1, 1, -1:
    at dosage d the nodes past their bend add ``(10 d - 10 b) x output weight``."""
    lesson = load_lesson("two-bumps")
    net, data = lesson.network, lesson.data
    assert net.node_names == ("top", "second", "third", "bottom")
    assert_allclose(data.dosage, [i / 10 for i in range(11)])
    by_hand = [
        0.0,  # d = 0: no node past its bend
        0.0,  # d = 0.1: the top node on its bend
        0.5 * 1,
        0.5 * 2,  # d = 0.3: the first peak
        0.5 * 3 - 1,
        0.5 * 4 - 2,  # d = 0.5: between the bumps
        0.5 * 5 - 3 + 1,
        0.5 * 6 - 4 + 2,  # d = 0.7: the second peak
        0.5 * 7 - 5 + 3 - 1,
        0.5 * 8 - 6 + 4 - 2,
        0.0,  # d = 1: the sum 0.5 * 9 - 7 + 5 - 3 = -0.5, clipped
    ]
    f = net.forward(data.dosage)
    assert_allclose(f.output, by_hand, atol=1e-12)
    assert f.biased[-1] == pytest.approx(0.5 * 9 - 7 + 5 - 3)
    assert_allclose(net.bends(), [0.1, 0.3, 0.5, 0.7])
    assert sum_of_squared_residuals(net, data) < 1e-20  # it fits its two bumps exactly
    assert_allclose(data.observed, [0, 0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0, 0])


@pytest.mark.parametrize("name", ["one-node", "two-bumps"])
def test_the_presets_are_named_where_networks_are_chosen(name):
    result = CliRunner().invoke(main, ["trace", "--network", name, "0.3"])
    assert result.exit_code == 0, result.output
    assert name in PRESET_NAMES
    help_text = CliRunner().invoke(main, ["trace", "--help"]).output
    assert name in " ".join(help_text.split())


# -- words ---------------------------------------------------------------------------------


def test_nodes_are_named_in_words_by_their_place():
    assert story.node_word(0, 1) == "the hidden node"
    assert [story.node_word(i, 2) for i in range(2)] == ["the top node", "the bottom node"]
    assert [story.node_word(i, 4) for i in range(4)] == [
        "the top node",
        "the second node",
        "the third node",
        "the bottom node",
    ]
    assert story.node_word(6, 8) == "the seventh node" and story.node_word(7, 8) == "the bottom node"
    for index, n in ((2, 2), (-1, 3), (0, 0), (0, 9)):
        with pytest.raises(ModelError):
            story.node_word(index, n)


def test_trace_names_a_column_for_every_node(tmp_path):
    """THREE at dosage 0, worked out by hand in test_three_nodes_by_hand."""
    path = tmp_path / "three.toml"
    tables = "".join(
        f"[[hidden]]\nweight = {w}\nbias = {b}\noutput_weight = {v}\n"
        for w, b, v in ((2, -1, 3), (-4, 1, 5), (10, -8, -2))
    )
    path.write_text(f"schema = 2\nfinal_bias = -0.5\n{tables}[data]\ndosage = [0, 1]\nobserved = [0, 1]\n")
    result = CliRunner().invoke(main, ["trace", "--network", str(path), "0"])
    assert result.exit_code == 0, result.output
    header, row = (line.split() for line in result.stdout.splitlines())
    titles = " ".join(header).replace(" x", "_x").replace(" y", "_y").replace(" scaled", "_scaled").split()
    assert titles == [
        "dosage",
        *(f"{node}_{part}" for node in ("top", "second", "bottom") for part in ("x", "y", "scaled")),
        "sum",
        "biased",
        "output",
    ]
    assert [float(cell) for cell in row] == [0, -1, 0, 0, 1, 1, 5, -8, 0, 0, 5, 4.5, 4.5]
