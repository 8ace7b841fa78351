"""Network files and data files: the presets read as the storyboard says, files
round-trip exactly, and every kind of bad input is one line naming the file and the
key or line, exit 2, with nothing written (property-based, with hypothesis)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relu_anim.cli import main
from relu_anim.model import FileError, load_lesson, preset, read_data, read_network_file, write_network_file

from .storyboard import PART1_LABELS, PART3_LABELS

GOOD = """\
name = "mine"
hidden_activation = "sigmoid"
output_activation = "none"
final_bias = -0.5

[top]
weight = 4.0
bias = -2.0
output_weight = 3.0

[bottom]
weight = -2.2
bias = 1.7
output_weight = 0.8

[input]
name = "Hours"
unit = "h"
labels = ["Few", "Some", "Many"]

[output]
name = "Score"
unit = "%"

[data]
dosage = [0.0, 0.25, 0.5, 1.0]
observed = [10, 20, 55.5, 60]
"""

#: GOOD in the second form (schema 2): its two nodes and two more as [[hidden]] tables.
FOUR_NODES = (
    "schema = 2\n"
    + GOOD.split("[top]")[0]
    + "[[hidden]]"
    + GOOD.split("[top]")[1].split("[bottom]")[0]
    + "[[hidden]]\nweight = 5.0\nbias = -1.0\noutput_weight = -2.5\n\n"
    + "[[hidden]]\nweight = -8.0\nbias = 6.0\noutput_weight = 1.25\n\n"
    + "[[hidden]]"
    + GOOD.split("[bottom]")[1]
)


def with_nodes(tables: str) -> str:
    """FOUR_NODES with its [[hidden]] tables replaced by ``tables``."""
    return FOUR_NODES.split("[[hidden]]")[0] + tables + "\n[input]" + FOUR_NODES.split("[input]")[1]


NODE = "[[hidden]]\nweight = 1.0\nbias = 0.0\noutput_weight = 1.0\n"


def storyboard_value(label: str) -> float:
    """'× −40.80' -> -40.8, '− 0.85' -> -0.85 (the storyboard's diagram labels)."""
    text = label.replace("×", "").replace("−", "-").replace(" ", "").replace("+", "")
    return float(text)


@pytest.mark.parametrize("name, labels", [("part3", PART3_LABELS), ("part1", PART1_LABELS)])
def test_the_presets_are_the_storyboards_networks(name, labels):
    params = preset(name).parameters()
    for key, label in labels.items():
        assert params[key] == pytest.approx(storyboard_value(label)), key
    assert preset(name).hidden_activation == {"part3": "relu", "part1": "softplus"}[name]
    assert preset(name).output_activation == {"part3": "relu", "part1": "identity"}[name]


def test_a_network_file_reads_every_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    contents = read_network_file(path)
    net = contents.network
    assert (net.name, net.hidden_activation, net.output_activation) == ("mine", "sigmoid", "identity")
    assert (net.top.weight, net.top.bias, net.top.output_weight, net.final_bias) == (4.0, -2.0, 3.0, -0.5)
    assert list(contents.data.dosage) == [0.0, 0.25, 0.5, 1.0]
    assert list(contents.data.observed) == [10, 20, 55.5, 60]
    names = contents.names
    assert (names.input_title, names.output_title, names.labels) == ("Hours (h)", "Score (%)", ("Few", "Some", "Many"))


def test_hidden_tables_are_the_nodes_top_first(tmp_path):
    path = tmp_path / "four.toml"
    path.write_text(FOUR_NODES, encoding="utf-8")
    net = read_network_file(path).network
    assert net.node_names == ("top", "second", "third", "bottom")
    assert [tuple(vars(node).values()) for node in net.hidden] == [
        (4.0, -2.0, 3.0),
        (5.0, -1.0, -2.5),
        (-8.0, 6.0, 1.25),
        (-2.2, 1.7, 0.8),
    ]
    assert (net.final_bias, net.hidden_activation, net.output_activation) == (-0.5, "sigmoid", "identity")


def test_the_readmes_network_file_is_the_lessons(tmp_path):
    """README's "Or write the network file yourself" example reads, as the storyboard's
    Part 3 network (its diagram's labels) with the lesson's data."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("**Or write the network file yourself**")[1].split("```toml\n")[1].split("```")[0]
    path = tmp_path / "mine.toml"
    path.write_text(block, encoding="utf-8")
    contents = read_network_file(path)
    params = contents.network.parameters()
    assert list(params) == [
        "final_bias",
        *(f"{n}.{k}" for n in ("top", "bottom") for k in ("weight", "bias", "output_weight")),
    ]
    for key, label in PART3_LABELS.items():
        assert params[key] == pytest.approx(storyboard_value(label)), key
    assert list(contents.data.observed) == [0.0, 1.0, 0.0]


def test_the_first_form_reads_as_before_and_is_written_in_the_second(tmp_path):
    """A [top]/[bottom] file (schema 1) means what it did; written back, its two nodes
    are [[hidden]] tables under ``schema = 2``, and read again they are the same."""
    old = tmp_path / "old.toml"
    old.write_text(GOOD, encoding="utf-8")
    first = read_network_file(old)
    assert first.network.top.weight == 4.0 and first.network.bottom.output_weight == 0.8
    text = write_network_file(first, tmp_path / "new.toml").read_text(encoding="utf-8")
    assert text.startswith("schema = 2\n") and text.count("[[hidden]]") == 2
    assert "[top]" not in text and "[bottom]" not in text
    assert text.index("weight = 4.0") < text.index("weight = -2.2")  # the top node first
    assert read_network_file(tmp_path / "new.toml").network == first.network
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("schema = 1\n" + GOOD, encoding="utf-8")
    assert read_network_file(explicit).network == first.network


@pytest.mark.parametrize("count", [1, 8])
def test_one_to_eight_nodes_round_trip(tmp_path, count):
    tables = "".join(f"[[hidden]]\nweight = {i + 1}.0\nbias = -{i}.5\noutput_weight = {i}.25\n" for i in range(count))
    path = tmp_path / "n.toml"
    path.write_text(with_nodes(tables), encoding="utf-8")
    contents = read_network_file(path)
    assert [node.weight for node in contents.network.hidden] == [float(i + 1) for i in range(count)]
    assert contents.network.hidden[-1].bias == -(count - 1) - 0.5
    again = read_network_file(write_network_file(contents, tmp_path / "again.toml"))
    assert again.network == contents.network


def test_writing_and_reading_back_gives_the_same_numbers_exactly(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace("4.0", "0.1234567890123456789"), encoding="utf-8")
    first = read_network_file(path)
    out = write_network_file(first, tmp_path / "copy.toml", comment="a comment\nover two lines")
    second = read_network_file(out)
    assert second.network.parameters() == first.network.parameters()
    assert second.names == first.names
    assert np.array_equal(second.data.dosage, first.data.dosage)
    assert out.read_text(encoding="utf-8").startswith("# a comment\n# over two lines\n")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.toml", "copy.toml"] or sorted(
        p.name for p in tmp_path.iterdir()
    ) == ["copy.toml", "mine.toml"]


def test_the_name_defaults_to_the_files_stem_and_names_to_the_lessons(tmp_path):
    path = tmp_path / "class-7b.toml"
    lines = [line for line in GOOD.splitlines() if not line.startswith("name =")]
    text = "\n".join(lines).split("[input]")[0] + "[data]" + GOOD.split("[data]")[1]
    path.write_text(text, encoding="utf-8")
    contents = read_network_file(path)
    assert contents.network.name == "class-7b"
    assert (contents.names.input, contents.names.output, contents.names.labels) == (
        "Dosage",
        "Effectiveness",
        ("Low", "Medium", "High"),
    )


def test_a_csv_with_a_header_and_two_columns(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("Dose,Relief\n1,0.5\n0,0\n\n0.5,2\n", encoding="utf-8")
    data, names = read_data(path)
    assert list(data.dosage) == [0, 0.5, 1] and list(data.observed) == [0, 2, 0.5]  # sorted by dosage
    assert (names.input, names.output) == ("Dose", "Relief")


def test_a_file_may_not_reuse_a_presets_name_for_other_numbers(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD.replace('name = "mine"', 'name = "part3"'), encoding="utf-8")
    with pytest.raises(FileError, match="part3"):
        load_lesson(path)


# -- bad input: one line naming the file and the key or line, exit 2 ---------------------

BAD_TOML = {
    "missing key": (GOOD.replace("final_bias = -0.5\n", ""), "final_bias: missing"),
    "missing table": (GOOD.split("[top]")[0] + "[bottom]" + GOOD.split("[bottom]")[1], "top: missing"),
    "wrong type": (GOOD.replace("weight = 4.0", 'weight = "4"'), "top.weight: expected a number"),
    "nan": (GOOD.replace("weight = 4.0", "weight = nan"), "top.weight: nan is not a finite number"),
    "inf": (GOOD.replace("bias = 1.7", "bias = -inf"), "bottom.bias: -inf is not a finite number"),
    "inf in data": (GOOD.replace("55.5", "inf"), "data.observed[2]: inf is not a finite number"),  # 55.5 is observed[2]
    "empty data": (
        GOOD.replace("[0.0, 0.25, 0.5, 1.0]", "[]").replace("[10, 20, 55.5, 60]", "[]"),
        "data.dosage: no data points",
    ),
    "one point": (
        GOOD.replace("[0.0, 0.25, 0.5, 1.0]", "[0.5]").replace("[10, 20, 55.5, 60]", "[3]"),
        "data.dosage: only one dosage",
    ),
    "uneven data": (GOOD.replace("[10, 20, 55.5, 60]", "[10, 20]"), "data.observed: has 2 values"),
    "dosage out of range": (GOOD.replace("0.25, 0.5", "-0.25, 0.5"), "data.dosage[1]: dosage -0.25 is outside"),
    "unknown activation": (GOOD.replace('"sigmoid"', '"tanh"'), "hidden_activation: unknown activation 'tanh'"),
    "unknown output": (GOOD.replace('"none"', '"softplus"'), "output_activation: unknown activation"),
    "duplicated dosage": (GOOD.replace("0.25, 0.5", "0.5, 0.5"), "data.dosage[2]: dosage 0.5 appears twice"),
    "unknown key": (GOOD.replace("[top]\n", "[top]\nwieght = 1\n"), "top.wieght: unknown key"),
    "bad TOML": (GOOD.replace("bias = -2.0", "bias = -2.0.0"), ":8: not valid TOML"),  # [top] bias: line 8
    "two labels": (GOOD.replace('"Few", ', ""), "input.labels: expected a list of 3 strings"),
    "bad name": (GOOD.replace('"mine"', '"my class"'), "name: use letters"),
    # the second form: [[hidden]] tables
    "no nodes": (with_nodes("hidden = []"), "hidden: 0 nodes; a network has 1 to 8 hidden nodes"),
    "nine nodes": (with_nodes(NODE * 9), "hidden: 9 nodes; a network has 1 to 8 hidden nodes"),
    "no hidden tables": (with_nodes(""), "hidden: missing"),
    "a node without its bias": (FOUR_NODES.replace("bias = 1.7\n", ""), "hidden[3].bias: missing"),
    "a node with an unknown key": (FOUR_NODES.replace("weight = 5.0", "slope = 5.0"), "hidden[1].slope: unknown key"),
    "a node's weight not a number": (
        FOUR_NODES.replace("weight = -8.0", "weight = true"),
        "hidden[2].weight: expected a number",
    ),
    "hidden not tables": (with_nodes("hidden = 3"), "hidden: expected [[hidden]] tables"),
    "hidden a list of numbers": (with_nodes("hidden = [1, 2]"), "hidden[0]: expected a table"),
    "both forms": (
        FOUR_NODES.replace("[input]", "[top]\nweight = 1\nbias = 0\noutput_weight = 1\n\n[input]"),
        "top: give the nodes as [[hidden]] tables or as [top] and [bottom], not both",
    ),
    "unknown schema": (FOUR_NODES.replace("schema = 2", "schema = 3"), "schema: unknown schema 3"),
    "schema as text": (FOUR_NODES.replace("schema = 2", 'schema = "2"'), "schema: unknown schema '2'"),
    "schema 2 with [top]": ("schema = 2\n" + GOOD, "top: schema 2 gives the nodes as [[hidden]] tables"),
    "schema 1 with [[hidden]]": (
        FOUR_NODES.replace("schema = 2", "schema = 1"),
        "hidden: schema 1 gives the nodes as [top] and [bottom]",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_TOML))
def test_a_bad_network_file_is_one_line_naming_the_file_and_key(tmp_path, case):
    text, expected = BAD_TOML[case]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    for args in (
        ["trace", "--network", str(path)],
        ["render", "wedge", "-q", "t", "--network", str(path), "--media-dir", str(tmp_path / "media")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (case, result.output)
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith("relu-anim: ") and str(path) in line and expected in line, line
    assert not (tmp_path / "media").exists()  # nothing rendered


BAD_CSV = {
    "three columns": ("d,e\n0,0\n0.5,1,2\n1,0\n", ":3: expected 2 columns"),
    "one column": ("d\n0\n", ":1: expected 2 columns"),
    "no header": ("0,0\n1,1\n", ":1: expected a header line"),
    "not a number": ("d,e\n0,0\n0.5,lots\n", ":3: 'lots' is not a number"),
    "nan": ("d,e\n0,0\n0.5,nan\n", ":3: nan is not a finite number"),
    "empty": ("", ": empty"),
    "header only": ("d,e\n", ": data: no data points"),
    "one point": ("d,e\n0.5,1\n", ": data: only one dosage"),
    "duplicate": ("d,e\n0,0\n0.5,1\n0.5,2\n", ":4: dosage 0.5 appears twice"),
    "out of range": ("d,e\n0,0\n2,1\n", ":3: dosage 2 is outside"),
}


@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_a_bad_csv_is_one_line_naming_the_file_and_line(tmp_path, case):
    text, expected = BAD_CSV[case]
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.toml"
    result = CliRunner().invoke(main, ["fit", str(path), "--out", str(out)])
    assert result.exit_code == 2, (case, result.output)
    lines = [line for line in result.stderr.splitlines() if line.startswith("relu-anim: ") and "fitting" not in line]
    assert len(lines) == 1 and f"{path}{expected}" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


@pytest.mark.parametrize(
    "raw, expected",
    [(b"\x89PNG\r\n\x1a\n\0\0\0", ":3: a binary file"), (b"name = 'a'\nx = '\xff\xfe'\n", ":2: not UTF-8")],
)
def test_binary_and_non_utf8_files(tmp_path, raw, expected):
    path = tmp_path / "odd.toml"
    path.write_bytes(raw)
    result = CliRunner().invoke(main, ["trace", "--network", str(path)])
    assert result.exit_code == 2 and f"{path}{expected}" in result.stderr, result.stderr


def test_an_unreadable_or_missing_file(tmp_path):
    for path, expected in ((tmp_path / "none.toml", "cannot read it"), (tmp_path, "cannot read it")):
        result = CliRunner().invoke(main, ["fit", str(path)])
        assert result.exit_code == 2 and str(path) in result.stderr and expected in result.stderr, result.stderr


# -- property-based: no input file gives a traceback ----------------------------------------

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def toml_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str) or value is None:
        import json

        return json.dumps(value or "")
    if isinstance(value, list):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    import json

    return "{" + ", ".join(f"{json.dumps(k)} = {toml_literal(v)}" for k, v in value.items()) + "}"


def run_cli(args) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 2, result.output
        lines = [ln for ln in result.stderr.splitlines() if ln.startswith("relu-anim: ") and "fitting" not in ln]
        assert len(lines) == 1, result.stderr


@FUZZ
@given(
    replacement=st.sampled_from(
        [
            "final_bias",
            "weight",
            "bias",
            "output_weight",
            "hidden_activation",
            "output_activation",
            "dosage",
            "observed",
            "name",
            "labels",
            "unit",
            "schema",
        ]
    ),
    value=toml_values,
    base=st.sampled_from([GOOD, FOUR_NODES]),
)
def test_any_value_for_any_key_is_exit_0_or_one_line(tmp_path, replacement, value, base):
    lines = base.splitlines()
    edited = [f"{replacement} = {toml_literal(value)}" if ln.split(" = ")[0] == replacement else ln for ln in lines]
    path = tmp_path / "fuzz.toml"
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")
    run_cli(["trace", "--network", str(path), "0.5"])


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_any_bytes_as_a_network_file_or_csv_never_give_a_traceback(tmp_path, raw):
    for name, args in (("f.toml", ["trace", "--network"]), ("f.csv", ["fit", "--steps", "3"])):
        path = tmp_path / name
        path.write_bytes(raw)
        out = tmp_path / "out.toml"
        out.unlink(missing_ok=True)
        run_cli([*args, str(path), *(["--out", str(out)] if args[0] == "fit" else [])])


@FUZZ
@given(rows=st.lists(st.lists(st.one_of(st.floats(), st.text(max_size=5)), min_size=0, max_size=3), max_size=6))
def test_any_csv_rows_fit_or_give_one_line(tmp_path, rows):
    path = tmp_path / "rows.csv"
    path.write_text("dosage,effect\n" + "\n".join(",".join(str(c) for c in row) for row in rows), encoding="utf-8")
    out = tmp_path / "out.toml"
    out.unlink(missing_ok=True)
    run_cli(["fit", str(path), "--out", str(out), "--steps", "5"])
    if out.exists():
        read_network_file(out)  # whatever fit writes, the reader accepts
