"""Issue 10's "done when", as a test: fit a network to a committed data set
(tests/data/hours.csv), load the written file as a lesson, and snapshot stages of it
(tests/snapshots/fitted-*/): the snapshots show the fitted numbers and the data's names.

The fitted parameters are read back from the written file with ``tomllib`` and
formatted here, independently of the diagram's formatting code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from relu_anim.composition import all_problems
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.model import fit_file, load_lesson
from relu_anim.play import Play

DATA = Path(__file__).parent / "data" / "hours.csv"
#: Stages that show the whole diagram with every weight and bias, the data's names,
#: and the fitted output against the data.
STAGES = ("wedge", "clip")
MINUS = "\u2212"


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """The written network file and the lesson read from it."""
    out = tmp_path_factory.mktemp("fit") / "hours-fit.toml"
    fit_file(DATA, out)
    return tomllib.loads(out.read_text(encoding="utf-8")), load_lesson(out)


def two_decimals(value: float) -> str:
    text = f"{abs(value):.2f}"
    return text if value >= 0 or float(text) == 0 else MINUS + text


def diagram_words(params: dict) -> set[str]:
    """Each parameter as its diagram label reads: weights as "× w", biases with their sign."""
    nodes = params["hidden"]  # [[hidden]] tables, top first
    words = {f"\u00d7 {two_decimals(node[key])}" for node in nodes for key in ("weight", "output_weight")}
    for value in (*(node["bias"] for node in nodes), params["final_bias"]):
        words.add(f"{MINUS if value < 0 and two_decimals(value) != '0.00' else '+'} {two_decimals(abs(value))}")
    return words


@pytest.mark.parametrize("stage", STAGES)
def test_a_fitted_lesson_matches_its_snapshot(stage, fitted, frame_snapshot):
    params, lesson = fitted
    frames = frame_snapshot(capture_frames(stage, play=Play.of(FRAME_QUALITY, lesson=lesson)), name=f"fitted-{stage}")
    last = frames.moments[-1].record
    found = all_problems(m for m in frames.moments if m.label.startswith("beat"))  # the composition rules
    assert not found, "\n".join(found)
    assert diagram_words(params) <= set(last["texts"]), sorted(diagram_words(params) - set(last["texts"]))
    # the CSV's header names the axes and the diagram's ends
    assert {"Hours", "Score"} <= set(last["texts"]) and last["graphs"]["plot"]["titles"]["x"] == "Hours"


def test_the_fitted_file_is_the_lesson(fitted):
    """What is snapshotted is what was fitted: the lesson holds the file's numbers."""
    params, lesson = fitted
    net = lesson.network
    top, bottom = params["hidden"]  # the file fit writes: two [[hidden]] tables, top first
    assert net.top.weight == top["weight"] and net.bottom.output_weight == bottom["output_weight"]
    assert net.final_bias == params["final_bias"] and list(lesson.data.observed) == params["data"]["observed"]
    assert len(params["data"]["dosage"]) >= 5
