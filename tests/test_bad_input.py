"""Bad input is one clear line and a non-zero exit, found before any work is spent:
destinations that cannot be written, networks whose weights are all 0, dosages that
overflow. (Random bad input: tests/test_fuzz.py.)"""

from __future__ import annotations

import errno
import json
from contextlib import nullcontext
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner

import relu_anim.batch
import relu_anim.frames
import relu_anim.model.training
from relu_anim.cli import main
from relu_anim.components.graph import nice_range, nice_step
from relu_anim.destination import DestinationError, check_folder
from relu_anim.stages import use_stages

from .batch_stages import TEST_STAGES
from .destinations import KINDS, ROOT, bad_folder, destination

#: What the system says for each kind of bad destination.
REASONS = {
    "unwritable": "/proc",
    "read-only": "Read-only file system" if ROOT else "Permission denied",
    "file-in-the-way": "is a file",
    "full": "No space left on device",
}

ZERO_NETWORK = """\
final_bias = 0.0
[top]
weight = 0.0
bias = 0.0
output_weight = 0.0
[bottom]
weight = 0.0
bias = 0.0
output_weight = 0.0
[data]
dosage = [0.0, 0.5, 1.0]
observed = [0.0, 1.0, 0.0]
"""


def one_line_refusal(result, code: int = 2) -> str:
    """The run ended with ``code``, one ``relu-anim:`` line on stderr and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relu-anim: "), result.stderr
    return lines[0]


@pytest.fixture
def no_work(monkeypatch):
    """Any render, frame capture or fit started fails the test."""

    def work(*args, **kwargs):
        raise AssertionError("work started before the destination was checked")

    monkeypatch.setattr(relu_anim.batch, "run_local", work)
    monkeypatch.setattr(relu_anim.frames, "capture_frames", work)
    monkeypatch.setattr(relu_anim.model.training, "fit", work)


# -- the one check ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_check_folder_refuses_each_kind_of_bad_destination(kind, tmp_path):
    with destination(kind, tmp_path) as bad, pytest.raises(DestinationError) as refused:
        check_folder(bad, "output folder")
    message = str(refused.value)
    assert "\n" not in message and str(bad) in message and REASONS[kind] in message


def test_check_folder_creates_nothing_and_leaves_nothing(tmp_path):
    new = tmp_path / "a" / "b"
    assert check_folder(new) == new
    assert list(tmp_path.iterdir()) == []  # no folder made, no probe file left
    assert check_folder(tmp_path) == tmp_path and list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_must_be_is_named(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(DestinationError, match="out: it is a file, not a folder"):
        check_folder(tmp_path / "out")


# -- every command, every kind ------------------------------------------------------------


def commands(bad: Path, good: Path) -> dict[str, list[str]]:
    data = good / "data.csv"
    data.write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    return {
        "render": ["render", "tiny-a", "-q", "t", "--media-dir", str(bad)],
        "render --all": ["render", "--all", "-q", "t", "--media-dir", str(bad)],
        "stills": ["stills", "tiny-a", "-q", "t", "-o", str(bad)],
        "frames --out": ["frames", "tiny-a", "--out", str(bad)],
        "lecture --out": ["lecture", "-q", "t", "--media-dir", str(good / "media"), "--out", str(bad)],
        "lecture --media-dir": ["lecture", "-q", "t", "--media-dir", str(bad)],
        "fit --out": ["fit", str(data), "--out", str(bad / "mine.toml")],
        "fit (beside its data)": ["fit", str(bad / "data.csv")],
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_command_refuses_a_bad_destination_at_once(kind, tmp_path, no_work):
    (tmp_path / "good").mkdir()
    with destination(kind, tmp_path) as bad, use_stages(TEST_STAGES):
        for name, args in commands(bad, tmp_path / "good").items():
            line = one_line_refusal(CliRunner().invoke(main, args))
            assert str(bad) in line, (name, line)
        clean = CliRunner().invoke(main, ["clean", "--media-dir", str(bad)])  # removes, never writes
        assert clean.exception is None or isinstance(clean.exception, SystemExit), repr(clean.exception)
        assert clean.exit_code in (0, 1, 2) and len(clean.stderr.splitlines()) <= 1, clean.stderr


@pytest.mark.parametrize("kind", ["read-only", "file-in-the-way", "full"])
def test_render_refuses_a_bad_quality_folder_before_rendering(kind, tmp_path, no_work):
    """The media folder is fine, its quality folder (media/tiny for -q t) is not: before
    this was checked, the stage rendered and then writing the manifest crashed."""
    media = tmp_path / "media"
    with bad_folder(kind, media / "tiny"), use_stages(TEST_STAGES):
        line = one_line_refusal(CliRunner().invoke(main, ["render", "tiny-a", "-q", "t", "--media-dir", str(media)]))
    assert str(media / "tiny") in line and REASONS[kind] in line


def test_a_cached_render_on_a_full_disk_is_one_line(tmp_path, monkeypatch):
    """A real render first; then the disk fills: the check refuses at once (exit 2),
    and a disk that fills after the check (the manifest's write) is one line, exit 1."""
    media = tmp_path / "media"
    render = ["render", "tiny-a", "-q", "t", "--jobs", "1", "--quiet", "--media-dir", str(media)]

    def first_render(folder):
        with use_stages(TEST_STAGES):
            assert CliRunner().invoke(main, render).exit_code == 0

    # Without root (no tmpfs to fill): only the disk that fills after the check.
    full = bad_folder("full", media, size="8m", before_full=first_render) if ROOT else nullcontext()
    with full, use_stages(TEST_STAGES):
        if ROOT:
            record = (media / "tiny" / "tiny-a.mp4.inputs").read_bytes()
            line = one_line_refusal(CliRunner().invoke(main, render))
            assert REASONS["full"] in line
            assert (media / "tiny" / "tiny-a.mp4.inputs").read_bytes() == record  # nothing half-written
        else:
            first_render(media)

        def disk_full(document, folder):
            raise OSError(errno.ENOSPC, "No space left on device", str(Path(folder) / "manifest.json"))

        monkeypatch.setattr(relu_anim.batch.manifests, "write_manifest", disk_full)
        monkeypatch.setattr(relu_anim.batch, "ensure_writable", lambda folder: None)  # the disk fills later
        line = one_line_refusal(CliRunner().invoke(main, render), code=1)
    assert line.endswith("manifest.json: No space left on device")


# -- a network whose weights are all 0 ----------------------------------------------------


def test_nice_ranges_of_one_value():
    """Every value the same (here all 0): a range of positive length around it, where
    the tick step used to take the logarithm of 0."""
    for value in (0.0, 3.0, -2.0):
        lo, hi = nice_range([value, value, value])
        assert lo <= min(value, 0) and max(value, 0) <= hi and hi - lo >= 1
    with pytest.raises(ValueError, match="positive, finite length"):
        nice_step(0.0)


@pytest.mark.parametrize("command", ["frames", "stills"])
def test_clip_draws_a_network_whose_weights_are_all_0(command, tmp_path):
    network = tmp_path / "zero.toml"
    network.write_text(ZERO_NETWORK)
    extra = ["--json"] if command == "frames" else ["-q", "t", "-o", str(tmp_path / "stills")]
    result = CliRunner().invoke(main, [command, "clip", "--network", str(network), *extra])
    assert result.exit_code == 0, result.output
    if command == "frames":
        ends = json.loads(result.stdout)["moments"][-1]
        (x0, x1), (y0, y1) = ends["graphs"]["plot"]["x_range"], ends["graphs"]["plot"]["y_range"]
        assert x1 > x0 and y1 > y0  # the output is 0 everywhere, drawn on a real range
    else:
        assert (tmp_path / "stills" / "clip-end.png").stat().st_size > 0


# -- trace ------------------------------------------------------------------------------


@pytest.mark.parametrize("dosage", ["1e308", "-1e308", "nan", "inf", "-inf"])
def test_trace_refuses_a_dosage_that_is_not_finite_or_overflows(dosage):
    line = one_line_refusal(CliRunner().invoke(main, ["trace", dosage]))
    assert "finite" in line or "overflow" in line


@pytest.mark.parametrize(
    ("dosage", "biased"),
    [
        # by hand, the lesson's weights: 1.7 d - 0.85 and 12.6 d through ReLU, times -40.8 and 2.7, minus 16
        (-1.0, -16.0),  # both nodes flat
        (2.0, (1.7 * 2 - 0.85) * -40.8 + 12.6 * 2 * 2.7 - 16),  # -52
    ],
)
def test_trace_warns_about_a_dosage_outside_0_to_1_and_traces_it(dosage, biased):
    result = CliRunner().invoke(main, ["trace", "--json", str(dosage)])
    assert result.exit_code == 0
    assert result.stderr == f"relu-anim: warning: dosage {dosage:g} is outside 0..1, the lesson's axis\n"
    (record,) = json.loads(result.stdout)
    np.testing.assert_allclose(record["biased"], biased)
    assert record["output"] == 0


def test_trace_inside_0_to_1_says_nothing_on_stderr():
    result = CliRunner().invoke(main, ["trace", "0", "0.5", "1"])
    assert result.exit_code == 0 and result.stderr == ""


# -- found by tests/test_fuzz.py ----------------------------------------------------------


def test_a_control_character_in_a_path_stays_on_the_one_line(tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = CliRunner().invoke(
        main, ["render", "first-dot", "--media-dir", str(tmp_path / "a-file" / "new\nline\x1e")]
    )
    line = one_line_refusal(result)
    assert "new\\nline\\x1e" in line


def test_fit_refuses_a_negative_seed(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    assert "--seed" in one_line_refusal(CliRunner().invoke(main, ["fit", str(data), "--seed", "-1"]))


def test_a_name_longer_than_the_file_system_takes_is_refused_at_once(tmp_path, no_work):
    line = one_line_refusal(CliRunner().invoke(main, ["frames", "first-dot", "--out", str(tmp_path / ("n" * 300))]))
    assert "longer than" in line


@pytest.mark.parametrize(
    "command", ["render --media-dir", "lecture --out", "explore --out", "lecture --scorm", "fit --out"]
)
def test_a_last_name_longer_than_the_file_system_takes_is_refused_at_once(command, tmp_path, no_work):
    """The long name is the last one, under a folder that exists: before, ``exists()``
    on it raised ENAMETOOLONG (exit 1) ahead of the name check (exit 2)."""
    long = tmp_path / "tmp" / ("n" * 300)  # NAME_MAX is 255 bytes on Linux's file systems
    long.parent.mkdir()
    media = ["--media-dir", str(tmp_path / "media")]
    data = tmp_path / "data.csv"
    data.write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    args = {
        "render --media-dir": ["render", "tiny-a", "-q", "t", "--media-dir", str(long)],
        "lecture --out": ["lecture", "-q", "t", *media, "--out", str(long)],
        "explore --out": ["explore", "--out", str(long)],
        "lecture --scorm": ["lecture", "-q", "t", *media, "--scorm", f"{long}.zip"],
        "fit --out": ["fit", str(data), "--out", f"{long}.toml"],  # was refused only after fitting
    }[command]
    with use_stages(TEST_STAGES):
        line = one_line_refusal(CliRunner().invoke(main, args))
    assert "longer than 255 bytes" in line
    assert list(long.parent.iterdir()) == [] and not (tmp_path / "media").exists()


@pytest.mark.skipif(not ROOT, reason="a full disk is a tiny tmpfs, and mounting one needs root")
def test_lecture_refuses_a_scorm_zip_on_a_full_disk_before_rendering(tmp_path, no_work):
    """An empty file still fits on a full disk, so probing with one let the lesson render
    and the zip fail at the end; the check writes data, as every destination's does."""
    with bad_folder("full", tmp_path / "full") as full, use_stages(TEST_STAGES):
        zip_path = full / "lesson.zip"
        args = ["lecture", "-q", "t", "--media-dir", str(tmp_path / "media"), "--scorm", str(zip_path)]
        line = one_line_refusal(CliRunner().invoke(main, args))
        assert REASONS["full"] in line and str(zip_path) in line
        assert sorted(p.name for p in full.iterdir()) == ["filler"]


# -- smaller (issue 31) -----------------------------------------------------------------


@pytest.mark.parametrize("title", ["Dos\tage", "Dos\x7fage"])
def test_fit_refuses_a_csv_title_that_trace_would_refuse_in_the_network_file(title, tmp_path, no_work):
    """Before, fit wrote the title as the input's name and trace refused the file."""
    data = tmp_path / "data.csv"
    data.write_text(f"{title},Effectiveness\n0,0\n0.5,1\n1,0\n")
    line = one_line_refusal(CliRunner().invoke(main, ["fit", str(data)]))
    assert line.startswith(f"relu-anim: {data}:1: ") and "control character" in line
    assert list(tmp_path.iterdir()) == [data]


def test_a_csv_title_fit_accepts_makes_a_file_trace_reads(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(f"{'D' * 40},Effectiveness\n0,0\n0.5,1\n1,0\n")  # cut to 30 characters on screen
    fitted = CliRunner().invoke(main, ["fit", str(data), "--steps", "5", "--out", str(tmp_path / "mine.toml")])
    assert fitted.exit_code == 0, fitted.output
    traced = CliRunner().invoke(main, ["trace", "--network", str(tmp_path / "mine.toml"), "0.5"])
    assert traced.exit_code == 0, traced.output


@pytest.mark.parametrize("key", ["dosage", "observed"])
def test_a_value_that_is_not_finite_is_named_by_its_own_key_and_index(key, tmp_path):
    """Before, a NaN in data.observed was reported as data.dosage[1]."""
    lists = {"dosage": "[0.0, 0.5, 1.0]", "observed": "[0.0, 1.0, 0.0]"}
    lists[key] = "[0.0, nan, 1.0]"  # TOML's nan, at index 1
    network = tmp_path / "mine.toml"
    network.write_text(
        ZERO_NETWORK.split("[data]")[0] + f"[data]\ndosage = {lists['dosage']}\nobserved = {lists['observed']}\n"
    )
    line = one_line_refusal(CliRunner().invoke(main, ["trace", "--network", str(network)]))
    assert line == f"relu-anim: {network}: data.{key}[1]: nan is not a finite number"


def test_fit_refuses_a_learning_rate_that_would_overflow_before_fitting(tmp_path, no_work):
    """1e308 used to print 28 lines of numpy's overflow warnings."""
    data = tmp_path / "data.csv"
    data.write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    line = one_line_refusal(CliRunner().invoke(main, ["fit", str(data), "--learning-rate", "1e308"]))
    assert "--learning-rate" in line


def test_relu_anim_alone_prints_its_help_as_help_does():
    """Not on one line with literal \\n: the help, line by line, as click shows it (on
    stderr with exit status 2 since click 8.2; on stdout with 0 before)."""
    alone = CliRunner().invoke(main, [])
    asked = CliRunner().invoke(main, ["--help"])
    new_click = hasattr(click.exceptions, "NoArgsIsHelpError")
    assert alone.exit_code == (2 if new_click else 0)
    assert (alone.stderr if new_click else alone.stdout) == asked.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["frames", "first-dot", "--voice", ""],
        ["frames", "first-dot", "--voice", "espeak:"],
        ["frames", "first-dot", "--out", ""],
        ["stills", "first-dot", "-o", ""],
        ["render", "first-dot", "--media-dir", ""],
        ["explore", "--out", ""],
        ["lecture", "--out", ""],
        ["lecture", "--scorm", ""],
        ["fit", "data.csv", "--out", ""],
    ],
    ids=" ".join,
)
def test_an_empty_name_is_refused_not_taken_for_a_default(args, no_work, tmp_path, monkeypatch):
    """Before, each was accepted: '' meant joe, espeak: meant English, --out '' the current
    folder (here an empty one) or no folder at all, --scorm '' no zip."""
    monkeypatch.chdir(tmp_path)
    line = one_line_refusal(CliRunner().invoke(main, args))
    assert args[-2] in line or "voice" in line


# -- networks the scenes cannot draw yet (issue 34) -------------------------------------------

THREE_NODES = """\
schema = 2
final_bias = 0.0
[[hidden]]
weight = 2.0
bias = -1.0
output_weight = 3.0
[[hidden]]
weight = -4.0
bias = 1.0
output_weight = 5.0
[[hidden]]
weight = 10.0
bias = -8.0
output_weight = -2.0
[data]
dosage = [0.0, 0.5, 1.0]
observed = [0.0, 1.0, 0.0]
"""


@pytest.fixture
def reached(monkeypatch):
    """The hidden-node counts of the lessons that rendering or frame capture was started
    with (recorded, then the work is stopped short: nothing rendered)."""
    counts = []

    def stop(lesson):
        counts.append(len(lesson.network.hidden))
        raise KeyboardInterrupt  # exit status 130, one line: the run stops right there

    monkeypatch.setattr(relu_anim.batch, "run_local", lambda jobs, *a, **k: stop(jobs[0].play.lesson))
    monkeypatch.setattr(relu_anim.frames, "capture_frames", lambda *a, play, **k: stop(play.lesson))
    return counts


@pytest.mark.parametrize("network", ["three.toml", "one-node", "two-bumps"])
@pytest.mark.parametrize(
    "command", [["render", "wedge", "-q", "l"], ["frames", "wedge"], ["stills", "wedge"], ["lecture", "-q", "l"]]
)
def test_the_scenes_take_a_network_of_any_count(tmp_path, reached, network, command):
    """Issue 34: the commands that play the lesson's scenes take 1 to 8 hidden nodes.
    Before, any count but two was refused in one line before any work; now the work
    starts with the lesson the file or preset names (its nodes counted by the test)."""
    (tmp_path / "three.toml").write_text(THREE_NODES, encoding="utf-8")
    spec = str(tmp_path / network) if network.endswith(".toml") else network
    out = (
        ["--media-dir", str(tmp_path / "media")]
        if command[0] in ("render", "lecture")
        else ["--out", str(tmp_path / "out")]
    )
    result = CliRunner().invoke(main, [*command, "--network", spec, *out])
    assert result.exit_code == 130, result.output
    assert reached == [{"three.toml": 3, "one-node": 1, "two-bumps": 4}[network]]
