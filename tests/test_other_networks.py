"""Every stage plays to its end for networks unlike the storyboard's, with every mark
inside its graph after every beat, and captions whose wording depends on the numbers
agreeing with the model (expected values recomputed here from the parameters)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from relu_anim.composition import all_problems
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.media.captions import split_cues
from relu_anim.model import DataSet, HiddenNode, Lesson, Names, Network, fit, preset
from relu_anim.play import Play
from relu_anim.stages import STAGES
from relu_anim.voice import spoken
from relu_anim.voice.spoken import unspeakable

from .conftest import marks_outside
from .test_narration import phrase_broken

FIVE = DataSet(np.array([0.0, 0.25, 0.5, 0.75, 1.0]), np.array([0.0, 0.1, 1.0, 0.6, 0.0]))


def lesson_for(network: Network, data: DataSet) -> Lesson:
    return Lesson(network, preset("part1"), data, names=NAMES)


NETWORKS = {
    # fitted to five points by relu-anim fit's defaults
    "fitted": lambda: lesson_for(fit(FIVE, name="fitted").network, FIVE),
    # softplus hidden with a ReLU output: the lesson's story of bends does not hold
    "softplus-relu": lambda: lesson_for(
        Network("soft", (HiddenNode(-34.4, 2.14, -1.3), HiddenNode(-2.52, 1.29, 2.28)), -0.58, "softplus", "relu"), FIVE
    ),
    # sigmoid hidden, no output activation, data far from 0..1
    "sigmoid": lambda: lesson_for(
        Network("sig", (HiddenNode(8.0, -4.0, 30.0), HiddenNode(-3.0, 1.0, -12.0)), 5.0, "sigmoid", "identity"),
        DataSet(np.array([0.0, 0.3, 0.6, 1.0]), np.array([2.0, 10.0, 30.0, 28.0])),
    ),
}


def assert_marks_inside(name: str, beats) -> None:
    for caption, graphs in beats:
        for graph_name, graph in graphs.items():
            assert not marks_outside(graph), f"{name}: {marks_outside(graph)} leave {graph_name} after: {caption}"


# The fitted network plays every stage; the other two the stages whose story they change.
SWEEP = (
    [("fitted", s.name) for s in STAGES]
    + [("softplus-relu", name) for name in ("swap", "first-dot", "bent-line", "clip", "shapes", "derivative")]
    + [("sigmoid", name) for name in ("swap", "first-dot", "scale-top", "wedge", "clip", "shapes", "derivative")]
)
NAMES = Names(input="Hours", output="Score", labels=("Few", "Some", "Many"))
STORYBOARD_WORDS = {"Dosage", "Effectiveness", "Low", "Medium", "High"}
LESSONS: dict = {}


def lesson(kind: str) -> Lesson:
    if kind not in LESSONS:
        LESSONS[kind] = NETWORKS[kind]()
    return LESSONS[kind]


@pytest.mark.parametrize("kind, stage", SWEEP)
def test_every_stage_plays_with_every_mark_inside(kind, stage):
    played = capture_frames(stage, play=Play.of(FRAME_QUALITY, lesson=lesson(kind)), frames=False)
    beats = [(m.caption, m.record["graphs"]) for m in played.moments if m.label.startswith("beat")]
    assert beats, stage
    assert_marks_inside(f"{kind}/{stage}", beats)
    composition = all_problems(m for m in played.moments if m.label.startswith("beat"))
    assert not composition, f"{kind}/{stage}:\n" + "\n".join(composition)
    captions = [caption for caption, _ in beats]
    check_captions(
        kind, stage, lesson(kind), captions, [m.record for m in played.moments if m.label.startswith("beat")]
    )
    check_names(stage, played.moments)
    for caption in captions:  # and the narrator can say them (tests/test_narration.py has the rules)
        for cue in split_cues(caption):
            assert not unspeakable(spoken(cue)), f"{kind}/{stage}: {spoken(cue)!r}"
            assert not phrase_broken(cue.split("\n")), f"{kind}/{stage}: a line breaks inside a phrase: {cue!r}"


def check_names(stage, moments) -> None:
    """The file's names, not the storyboard's, on every axis, label, diagram and caption
    (the recap is Part 1's lesson and keeps Part 1's names; swap turns them into ours)."""
    shown = moments[-1:] if stage == "swap" else moments
    for moment in shown if stage != "recap" else ():
        texts, where = set(moment.record["texts"]), f"{stage} @ {moment.time}s"
        x_titles = {g["titles"].get("x") for g in moment.record["graphs"].values() if g["kind"] == "DosagePlot"} - {
            None
        }
        if "Part 1: softplus network" in texts:  # shapes ends beside Part 1's plot, in Part 1's names
            assert x_titles == {"Hours", "Dosage"} and {"Few", "Low"} <= texts, where
            continue
        assert not texts & STORYBOARD_WORDS, f"{where}: {texts & STORYBOARD_WORDS}"
        assert not re.search(r"[Dd]osage|\b(low|medium|high)\b", moment.caption), f"{where}: {moment.caption}"
        for graph in moment.record["graphs"].values():
            if graph["kind"] == "DosagePlot" and graph["titles"].get("x"):
                assert graph["titles"]["x"] == "Hours" and {"Few", "Many"} <= texts, where
        if moment.record["diagrams"]:
            assert {"Hours", "Score"} <= texts, where
    if stage == "recap":  # Part 1's names: "Effectiveness" once, as the plot's axis title (issue 30: not twice)
        last = moments[-1].record
        titles = {title for g in last["graphs"].values() for title in g["titles"].values()}
        assert {"Dosage", "Effectiveness", "Low", "High"} <= set(last["texts"]) | titles


def fmt2(value: float) -> str:
    text = f"{value:.2f}"
    return (text.lstrip("-") if float(text) == 0 else text).replace("-", "\u2212")


def check_captions(kind, stage, lesson, captions, records) -> None:
    """Number-dependent wording, against values worked out here from the parameters."""
    net, text = lesson.network, " ".join(captions)
    top, bottom, b = net.top, net.bottom, net.final_bias

    def relu(x):
        return max(0.0, x)

    def hidden(node, d):
        x = node.weight * d + node.bias
        return {"relu": relu(x), "softplus": np.log1p(np.exp(x)), "sigmoid": 1 / (1 + np.exp(-x))}[
            net.hidden_activation
        ]

    def biased(d):
        return hidden(top, d) * top.output_weight + hidden(bottom, d) * bottom.output_weight + b

    def output(d):
        return relu(biased(d)) if net.output_activation == "relu" else biased(d)

    if stage == "wedge":
        blue, orange = hidden(top, 1.0) * top.output_weight, hidden(bottom, 1.0) * bottom.output_weight
        cancel = abs(blue + orange) < 0.05 * max(abs(blue), abs(orange)) and blue * orange < 0
        assert ("nearly cancel" in text) == cancel, text
        share = np.mean([biased(d) > 0 for d in np.linspace(0, 1, 2001)])
        assert ("Only its tip is above 0" in text) == (0 < share < 1 / 3), text
    if stage == "clip":
        lowish = biased(0.2)
        if net.output_activation == "relu":
            assert ("Negative" in captions[3]) == (lowish < 0), captions[3]
        else:
            assert "no ReLU before the output" in captions[2] and "nothing is clipped" in text
    if stage == "first-dot" and net.hidden_activation != "relu":
        assert "ReLU keeps" not in text and f"turns it into {fmt2(hidden(top, 0.0))}" in text, text
    if stage == "bent-line" and net.hidden_activation == "relu":
        x = top.weight * 0.4 + top.bias
        assert ("still negative" in text) == (x < 0), text
    if stage == "derivative" and net.output_activation != "relu":
        assert "no ReLU before the output" in text
    if stage == "swap":
        swapped = net.hidden_activation == "relu"
        assert ("Now swap softplus for ReLU" in text) == swapped, text
        assert swapped or f"This network {'keeps' if net.hidden_activation == 'softplus' else 'swaps'} softplus" in text
        assert ("one more ReLU goes right before the output" in text) == (net.output_activation == "relu"), text
    if stage == "scale-top":
        w = top.output_weight
        end, risen = hidden(top, 1.0), hidden(top, 0.6)
        lo, hi = records[1]["graphs"]["plot"]["y_range"]  # the axes the example is written on
        below, above = lo - end * w, end * w - hi
        where = (
            "far below"
            if below > hi - lo
            else "below"
            if below > 0
            else "far above"
            if above > hi - lo
            else "above"
            if above > 0
            else None
        )
        assert (
            (f"{fmt2(end * w)} is {where} these axes" in captions[2])
            if where
            else "already on these axes" in captions[2]
        )
        assert ("flips upside down" in captions[3]) == (w < 0) and ("stretches" in captions[3]) == (abs(w) > 1), (
            captions[3]
        )
        assert f"{'down to' if risen * w < risen else 'up to'} {fmt2(risen * w)}" in captions[4], captions[4]
    if stage == "shapes":
        for w, piece in ((top.output_weight, "the blue piece"), (bottom.output_weight, "the orange one")):
            does = (
                "flips " + piece + " upside down" if w < 0 else "makes " + piece + (" steeper" if w > 1 else " flatter")
            )
            assert f"{fmt2(w)} {does}" in captions[2], captions[2]
        share = np.mean([biased(d) > 0 for d in np.linspace(0, 1, 2001)])
        clip = captions[5]
        if net.output_activation != "relu":
            assert "no ReLU before the output: nothing is clipped" in clip, clip
        else:
            shape = "pointy thing" if 0 < share < 1 / 3 else "output curve"
            assert (f"leaving the {shape}" in clip) == (0 < share < 1), clip
        predicted = np.array([output(d) for d in lesson.data.dosage])
        spread = max(np.ptp(lesson.data.observed), 1.0)
        fits = np.all(np.abs(predicted - lesson.data.observed) <= 0.15 * spread)
        assert ("both add up to a fit" in captions[6]) == fits, captions[6]


def test_the_storyboards_captions_hold_by_the_same_rules():
    """The rules keep the storyboard's wording for the storyboard's network."""
    from relu_anim.model import story

    part3 = preset("part3")
    assert story.nearly_cancel(34.02, -34.68)  # 0.66 is 1.9 % of 34.68
    assert not story.nearly_cancel(34.02, -20.0) and not story.nearly_cancel(1.0, 1.0)
    assert story.only_tip_above_zero(part3)  # above 0 only from ~0.46 to ~0.53
    assert not story.bends_inside(part3, "bottom") and story.never_negative(part3, "bottom")
    assert story.bends_inside(part3, "top")  # at 0.5


def test_captions_read_in_the_files_names():
    """The storyboard's words become the file's names; the storyboard's names change nothing."""
    from relu_anim.model import story

    said = "Dosages run from 0 (low) to 1 (high). At low dosage, 1.01 at medium, the highest dosage."
    assert story.in_names(said, Names()) == said
    assert story.in_names(said, Names(input="Temperature", labels=("Cold", "Mild", "Hot"))) == (
        "Temperatures run from 0 (Cold) to 1 (Hot). At \u201cCold\u201d, 1.01 at \u201cMild\u201d, the highest temperature."
    )
    assert story.in_names("dosage 0.2", Names(input="CO2 level")) == "CO2 level 0.2"  # acronyms keep their case
    assert (
        story.in_names("at low dosage", Names(input="Heat")) == "at low heat"
    )  # the storyboard's labels read as words
    hours = Names(input="Hours")
    assert story.in_names("Dosages run; every dosage; the highest dosage", hours) == (
        "Hours run; every value of hours; the highest value of hours"  # already plural: no extra s, and counted
    )


def test_how_each_node_turns_is_said_for_every_activation():
    """Shapes says where each hidden node's curve changes course: -bias/weight, worked
    out here, with a verb true to the activation; a zero weight never turns."""
    from relu_anim.model import story

    relu_net = preset("part3")
    assert story.turn(relu_net, "top") == ("bends at", pytest.approx(0.85 / 1.70))
    soft = Network("soft", (HiddenNode(-34.4, 2.14, -1.3), HiddenNode(0.0, 1.29, 2.28)), -0.58, "softplus", "identity")
    assert story.turn(soft, "top") == ("bends smoothly around", pytest.approx(2.14 / 34.4))
    assert story.turn(soft, "bottom") == ("stays flat", None)
    sig = Network("sig", (HiddenNode(8.0, -4.0, 30.0), HiddenNode(-3.0, 1.0, -12.0)), 5.0, "sigmoid", "identity")
    assert story.turn(sig, "bottom") == ("is steepest around", pytest.approx(1 / 3))


def test_signs_in_words_agree_with_the_numbers_as_shown():
    """A caption calls a number negative or positive only as the viewer reads it:
    -0.00066 is shown as 0.00, so it is "0" (a fitted network's blue term at 0.5)."""
    from relu_anim.model import story

    assert story.sign_word(-0.00066) == "0" and story.sign_word(0.004) == "0"
    assert story.sign_word(-0.006) == "negative" and story.sign_word(0.005) == "positive"  # 0.01 shown
