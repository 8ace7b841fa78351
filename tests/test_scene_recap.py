"""Stage 1, recap: the data, the softplus network and its squiggle, against the storyboard,
read off the stage's last frame.

Expected values are worked by hand from shared/LESSON.md's Part 1 row:
top node w = -34.4, b = 2.14, output weight -1.30; bottom node w = -2.52, b = 1.29,
output weight 2.28; final bias -0.58; softplus(x) = ln(1 + e^x).
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from relu_anim.theme import THEMES

from .screen import area_box, holds, inside_frame_box, marks, points, scene_point, y_at
from .storyboard import PART1_LABELS

GREEN, DATA = THEMES["light"].output, THEMES["light"].data
OBSERVED = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]  # low, medium, high dosage


def softplus(x):
    return math.log(1.0 + math.exp(x))


def squiggle_by_hand(d):
    top = softplus(-34.4 * d + 2.14) * -1.30
    bottom = softplus(-2.52 * d + 1.29) * 2.28
    return top + bottom - 0.58


def peak_by_hand() -> tuple[float, float]:
    grid = np.linspace(0.0, 1.0, 10001)
    values = np.array([squiggle_by_hand(d) for d in grid])
    return grid[values.argmax()], values.max()


@pytest.fixture(scope="module")
def squiggle(end):
    (curve,) = marks(end["graphs"]["plot"], "curve", GREEN).values()
    return curve


def test_data_points_sit_on_the_observations(end):
    plot = end["graphs"]["plot"]
    assert points(plot, DATA) == OBSERVED
    for dot in marks(plot, "dot", DATA).values():
        assert_allclose(dot["at"], scene_point(plot, dot["x"], dot["y"]), atol=0.02)


def test_data_points_say_what_they_mean(end):
    labels = {name: text for name, text in end["texts"].items() if name.split("#")[0].endswith("effective")}
    words = []
    for _, dot in sorted((d["x"], d) for d in marks(end["graphs"]["plot"], "dot", DATA).values()):
        name, label = min(labels.items(), key=lambda item: math.dist(item[1]["at"], dot["at"]))
        assert math.dist(label["at"], dot["at"]) < 1.2  # beside its own dot
        words.append(name.split("#")[0])
    assert words == ["not effective", "effective", "not effective"]


@pytest.mark.parametrize("dosage", [0.0, 0.5, 1.0])
def test_squiggle_values_match_part_1(squiggle, dosage):
    # by hand: d=0 -> -1.30*ln(1+e^2.14) + 2.28*ln(1+e^1.29) - 0.58 = -0.011
    assert y_at(squiggle, dosage) == pytest.approx(squiggle_by_hand(dosage), abs=1e-4)


def test_squiggle_passes_near_the_data(squiggle):
    for dosage, observed in OBSERVED:
        assert abs(y_at(squiggle, dosage) - observed) < 0.05


def test_squiggle_peak_is_off_centre_and_marked(end, squiggle):
    peak_d, peak_y = peak_by_hand()
    assert 0.12 < peak_d < 0.15 and 2.2 < peak_y < 2.25  # the storyboard: near 0.15, about 2.2
    (dot,) = marks(end["graphs"]["plot"], "dot", GREEN).values()
    assert dot["x"] == pytest.approx(peak_d, abs=1e-3)
    assert dot["y"] == pytest.approx(peak_y, abs=1e-4)
    assert max(squiggle["y"]) == pytest.approx(peak_y, abs=2e-3)
    assert f"peak {peak_y:.2f} at dosage {peak_d:.2f}" in end["texts"]


def test_squiggle_is_drawn_to_scale_and_fully_visible(end, squiggle):
    plot = end["graphs"]["plot"]
    assert holds(plot, squiggle)
    lo, hi = plot["y_range"]
    assert hi >= 2.25 and lo <= -0.02  # the peak and the dip below 0 at dosage 0 are on screen
    (dot,) = marks(plot, "dot", GREEN).values()
    top = int(np.argmax(squiggle["y"]))
    assert squiggle["x"][top] == pytest.approx(dot["x"], abs=0.01)  # the dot marks the curve's top
    assert_allclose(dot["at"], scene_point(plot, *peak_by_hand()), atol=0.02)


def test_diagram_shows_part_1_and_sits_beside_the_plot(end):
    diagram, plot = end["diagrams"]["diagram"], end["graphs"]["plot"]
    assert {diagram["activations"][n] for n in ("top", "bottom")} == {"softplus"}
    assert set(PART1_LABELS.values()) <= set(end["texts"])  # "× −34.40" ... "− 0.58"
    right = diagram["at"][0] + diagram["width"] / 2
    assert right < plot["title_boxes"]["y"][0]  # side by side, no overlap
    peak_label = next(t for name, t in end["texts"].items() if name.startswith("peak "))
    for box in (area_box(plot), peak_label["box"], *diagram["nodes"].values()):  # everything inside the frame
        assert inside_frame_box(box)


def test_each_data_label_reads_with_its_own_dose(records):
    """Recap 6-38 s (issue 30): the high dose's "not effective" sat under the Medium tick,
    so Medium read both effective and not effective. At every beat's end where the labels
    are shown, each label's centre is nearer (across) its own dot than any other dot."""
    checked = 0
    for record in records:
        plot = record["graphs"]["plot"]
        dots = sorted((d["x"], d) for d in marks(plot, "dot", DATA).values())
        labels = {n: t for n, t in record["texts"].items() if n.split("#")[0].endswith("effective")}
        if len(dots) != 3 or len(labels) != 3 or min(t["opacity"] for t in labels.values()) < 0.5:
            continue
        for (_, dot), word in zip(dots, ["not effective", "effective", "not effective"]):
            # the label nearest (in 2-D) to this dot is the one that says its word
            name, label = min(labels.items(), key=lambda item: math.dist(item[1]["at"], dot["at"]))
            assert name.split("#")[0] == word
            across = [abs(label["at"][0] - other["at"][0]) for _, other in dots]
            assert min(across) == abs(label["at"][0] - dot["at"][0]), f"{name!r} reads with another dose"
        checked += 1
    assert checked >= 2  # the data alone, and beside the network (the poster's picture)


def test_the_peak_label_stands_clear_of_the_squiggle(end, squiggle):
    """Recap's peak label touched its curve (issue 30): a gap a reader sees, 0.1 scene units."""
    plot = end["graphs"]["plot"]
    ((name, label),) = [(n, t) for n, t in end["texts"].items() if n.startswith("peak")]
    left, bottom, right, top = label["box"]
    gaps = []
    for x, y in zip(squiggle["x"], squiggle["y"]):
        px, py = scene_point(plot, x, y)
        gaps.append(math.hypot(max(0.0, left - px, px - right), max(0.0, bottom - py, py - top)))
    assert min(gaps) >= 0.1, f"{name!r} is {min(gaps):.2f} from the squiggle"
