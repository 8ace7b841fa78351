"""Every stage of the lesson: it plays to the end, narrates every beat in our own
words, and renders with the plain Manim CLI too."""

import importlib.util
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from manim import Scene

from relu_anim.stages import CARDS, STAGES

from .conftest import marks_outside

TRANSCRIPT = Path(__file__).resolve().parents[2] / "shared" / "source" / "transcript.txt"
SCENES_DIR = Path(__file__).resolve().parents[1] / "scenes"
NAMES = [stage.name for stage in STAGES]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_every_stage_has_a_scene_file():
    for stage in STAGES:
        assert (SCENES_DIR / f"{stage.name.replace('-', '_')}.py").exists(), stage.name
        assert stage.load().__name__ == stage.scene_class


@pytest.mark.parametrize("name", NAMES)
def test_stage_plays_to_its_last_frame(frames, name):
    last = frames(name).moments[-1]
    assert last.label == "end"
    background = last.frame[0, 0]
    assert (last.frame != background).any(axis=-1).mean() > 0.01  # something is on screen at the end


@pytest.mark.parametrize("name", NAMES)
def test_everything_drawn_is_inside_its_graph_at_the_end_of_every_beat(beats, name):
    for caption, graphs in beats(name):
        for graph_name, graph in graphs.items():
            assert not marks_outside(graph), f"{name}: {marks_outside(graph)} leave {graph_name} after: {caption}"


# How each stage is paced: its number of narrated beats (one per step of the storyboard's
# row for the stage, as listed), and the seconds it may last.
PACING = {
    "recap": (5, 20, 30),  # the data, the network, its two shapes, their sum, the squiggle to scale
    "swap": (5, 20, 30),  # Part 1's network, the swap, what ReLU does, the bonus ReLU, the new weights
    "first-dot": (5, 15, 30),  # dosage 0, x 1.70 + (-0.85), an x-axis coordinate, max(0, x), the dot
    "bent-line": (8, 25, 45),  # 0.2 in four beats, 0.4, 0.6, the sweep, the result
    "scale-top": (6, 22, 45),  # times -40.8, the worked end point, the axes, the flip, one dot, the flat part
    "orange-line": (8, 25, 45),  # the node, 0.2 worked (x, ReLU), the sweep, straight, x 2.70, 1.00, both lines
    # the lines, dosages 0.2 0.5 0.6 1 by hand, every dosage, closer, the bias, the tip; each term
    # pointed at as it is read, and the values as they are said, add about 6 s (issue 30)
    "wedge": (9, 35, 62),
    "clip": (7, 30, 45),  # the input, low (x, ReLU), 0.2, medium, every dosage, the fit
    # ReLU, slice, stretch, add, shift, clip, beside the squiggle; each piece with its own sentence (issue 30)
    "shapes": (7, 30, 50),
    "derivative": (11, 35, 50),  # the bend, slopes 0 and 1, no slope, 0 or 1, the test, SSR, the bend point,
    # descent, its stop, the other choice, the same fit
}


def test_pacing_covers_every_stage():
    assert list(PACING) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_beat_has_a_caption(played, name):
    scene, (beats, shortest, longest) = played(name), PACING[name]
    assert len(scene.beat_captions) == beats
    assert shortest <= scene.time <= longest, f"{name} lasts {scene.time:.1f} s"
    for start, end, text in scene.beat_captions:
        assert text.strip() and end - start >= 1.5, f"too short to read: {text!r}"
    cues = scene.renderer.file_writer.subcaptions  # each beat's cues (several for a long caption)
    assert len(cues) >= beats
    assert cues[0].start.total_seconds() == pytest.approx(0, abs=0.05)
    assert cues[-1].end.total_seconds() == pytest.approx(scene.time, abs=0.05)
    for before, after in zip(cues, cues[1:]):
        assert abs(after.start - before.end) <= timedelta(milliseconds=1), f"{name}: a gap or overlap"
    for cue in cues:
        assert cue.content.strip()


@pytest.mark.skipif(not TRANSCRIPT.exists(), reason="the transcript sits beside the repository, in shared/")
@pytest.mark.parametrize("name", NAMES)
def test_captions_are_our_own_words(played, name):
    """No caption repeats eight words in a row from the narration."""
    narration = " ".join(words(TRANSCRIPT.read_text(encoding="utf-8")))
    for caption in played(name).renderer.file_writer.subcaptions:
        w = words(caption.content)
        for i in range(len(w) - 7):
            assert " ".join(w[i : i + 8]) not in narration, f"{name}: {caption.content!r} copies the transcript"


DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core (./run installs it)


def test_every_key_sentence_is_one_sentence_of_our_own_that_fits_two_lines_of_its_slide():
    """A stage's key sentence, the line under its heading on its slide (issue 33): one
    sentence, not its description again, none of the network's numbers (ReLU's own 0 and 1
    only), no eight words in a row from the narration, and it fits the two lines its box on
    the slide holds, wrapped word by word with DejaVu Sans's own widths (read by Pillow)."""
    from PIL import ImageFont
    from pptx.util import Inches

    from relu_anim.lecture import deck

    font = ImageFont.truetype(str(DEJAVU_SANS), 1000)
    room = (deck.SLIDE_WIDTH - 2 * deck.MARGIN - Inches(0.2)) / 12700  # in pt, less the box's insets

    def width(text: str) -> float:
        return font.getlength(text) / 1000 * deck.KEY_SIZE.pt

    narration = " ".join(words(TRANSCRIPT.read_text(encoding="utf-8"))) if TRANSCRIPT.exists() else ""
    for stage in (*STAGES, *CARDS):
        sentence = stage.key_sentence
        assert sentence != stage.description and sentence[-1] == "." and ". " not in sentence, stage.name
        assert set(re.findall(r"\d+(?:\.\d+)?", sentence)) <= {"0", "1"}, stage.name
        w = words(sentence)
        if narration:
            assert not any(" ".join(w[i : i + 8]) in narration for i in range(len(w) - 7)), stage.name
        lines = [""]
        for word in sentence.split():
            joined = f"{lines[-1]} {word}".strip()
            lines[-1:] = [joined] if width(joined) <= room else [lines[-1], word]
        assert len(lines) <= deck.KEY_LINES, (stage.name, lines)
    assert deck.KEY_LINES * 1.2 * deck.KEY_SIZE.pt + 7.2 <= deck.KEY_HEIGHT / 12700  # two lines and the insets


@pytest.mark.parametrize("stage", STAGES, ids=NAMES)
def test_scene_file_stands_alone(stage):
    """Each scene file loads as the plain Manim CLI loads it: as a file, by path."""
    scene_file = SCENES_DIR / f"{stage.name.replace('-', '_')}.py"
    spec = importlib.util.spec_from_file_location(f"standalone_{stage.name.replace('-', '_')}", scene_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert issubclass(getattr(module, stage.scene_class), Scene)


def test_a_scene_file_renders_with_plain_manim(tmp_path):
    """One stage through the plain Manim CLI, to its last frame (every file loads the same
    way: see test_scene_file_stands_alone)."""
    scene_file = SCENES_DIR / "first_dot.py"
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "-s", "--media_dir", str(tmp_path), str(scene_file), "FirstDot"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(tmp_path.rglob("*.png")), "no last frame was saved"


@pytest.mark.parametrize("stage", STAGES, ids=NAMES)
def test_scene_file_is_a_storyboard_of_components(stage):
    """A scene file takes its components from ``relu_anim.components`` (not its
    submodules) and defines no Manim class but its scene."""
    import ast

    tree = ast.parse((SCENES_DIR / f"{stage.name.replace('-', '_')}.py").read_text(encoding="utf-8"))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert not [m for m in modules if m.startswith("relu_anim.components.")], modules
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
    assert classes == [stage.scene_class], f"{stage.name} defines {classes}: components go in relu_anim/components/"
