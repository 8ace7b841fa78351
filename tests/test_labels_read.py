"""A connection's label stays readable while the caption reads it out (issue 30): the
dosage that travels into a hidden node is a bead on the edge, not a boxed value that
covered "× 1.70" and "− 0.85" exactly while they were said
(:func:`relu_anim.composition.covered_problems`)."""

from __future__ import annotations

import pytest

from relu_anim.composition import covered_problems
from relu_anim.voice import get_voice
from tests.test_said_is_shown import narrated, problems_of

LABEL = {"× 1.70": {"box": [-6.06, 2.89, -5.1, 3.1], "opacity": 1.0}}
CUE = [(0.0, 2.0, "The top connection multiplies the dosage by 1.70.")]


@pytest.mark.parametrize("voice", ["espeak", "joe"])
@pytest.mark.parametrize("stage", ["first-dot", "bent-line", "orange-line"])
def test_no_text_or_token_covers_a_label_while_its_number_is_said(stage, voice):
    get_voice(voice)
    played = narrated(stage, voice)
    assert problems_of(played, covered_problems) == []


def test_a_boxed_token_over_the_weight_label_while_it_is_said_is_a_problem():
    token = {"at": [-5.5, 3.0], "size": [1.33, 0.55], "fill_opacity": 1.0}
    record = {"texts": {**LABEL, "0.20": {"box": [-5.9, 2.85, -5.1, 3.15], "opacity": 1.0}}, "shapes": {"token": token}}
    found = covered_problems([(1.0, record)], CUE)
    assert len(found) == 2 and all("'× 1.70'" in line for line in found)


def test_a_bead_beside_the_label_or_a_cover_after_the_cue_is_not():
    bead = {"at": [-4.99, 2.85], "size": [0.18, 0.18], "fill_opacity": 1.0}
    assert covered_problems([(1.0, {"texts": LABEL, "shapes": {"bead": bead}})], CUE) == []
    token = {"at": [-5.5, 3.0], "size": [1.33, 0.55], "fill_opacity": 1.0}
    assert covered_problems([(3.0, {"texts": LABEL, "shapes": {"token": token}})], CUE) == []
