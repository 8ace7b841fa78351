"""The command line, through click's CliRunner."""

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from relu_anim import __version__
from relu_anim.cli import main
from relu_anim.theme import current_theme

from .storyboard import TABLE as STORYBOARD


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args))

    return invoke


def test_list_shows_the_ten_stages_in_lesson_order(run):
    result = run("list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == [
        "recap",
        "swap",
        "first-dot",
        "bent-line",
        "scale-top",
        "orange-line",
        "wedge",
        "clip",
        "shapes",
        "derivative",
    ]
    assert all(len(line.split(maxsplit=1)) == 2 for line in result.output.splitlines())


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_trace_json_matches_the_storyboard(run):
    result = run("trace", "--json")
    assert result.exit_code == 0
    records = {r["dosage"]: r for r in json.loads(result.output)}
    assert sorted(records) == [0, 0.2, 0.4, 0.5, 0.6, 0.8, 1]
    for d, top_x, top_y, top_scaled, bottom_x, bottom_scaled, biased, output in STORYBOARD:
        r = records[d]
        assert set(r) == {"dosage", "top", "bottom", "sum", "biased", "output"}
        assert set(r["top"]) == set(r["bottom"]) == {"x", "y", "scaled"}
        assert r["top"] == pytest.approx({"x": top_x, "y": top_y, "scaled": top_scaled})
        assert r["bottom"]["x"] == pytest.approx(bottom_x)
        assert r["bottom"]["scaled"] == pytest.approx(bottom_scaled)
        assert r["sum"] == pytest.approx(top_scaled + bottom_scaled)
        assert r["biased"] == pytest.approx(biased)
        assert r["output"] == pytest.approx(output)


def test_trace_part1_has_no_output_activation(run):
    result = run("trace", "--network", "part1", "--json", "0", "1")
    records = json.loads(result.output)
    assert [r["output"] for r in records] == [r["biased"] for r in records]
    assert records[0]["top"]["x"] == pytest.approx(2.14)  # -34.4 * 0 + 2.14


def test_trace_table_is_aligned(run):
    result = run("trace", "0", "0.6")
    lines = result.output.splitlines()
    assert result.exit_code == 0 and len(lines) == 3
    assert lines[0].split()[0] == "dosage"
    assert len({len(line) for line in lines}) == 1  # right-aligned columns
    assert "-6.936" in lines[2] and "-2.524" in lines[2]


def test_trace_accepts_negative_dosages(run):
    result = run("trace", "--json", "-0.5")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["top"]["x"] == pytest.approx(1.70 * -0.5 - 0.85)


@pytest.mark.parametrize(
    "args, needle",
    [
        (["trace", "abc"], "'abc' is not a number"),
        (["trace", "nan"], "not a finite number"),
        (["trace", "0.2", "inf"], "not a finite number"),
        (["trace", "--", "-inf"], "not a finite number"),
        (["trace", "--network", "part2"], "part2"),
        (["render", "wedg"], "did you mean 'wedge'"),
        (["render"], "relu-anim list"),
        (["render", "wedge", "--all"], "not both"),
        (["render", "wedge", "-q", "x"], "'x' is not one of"),
        (["nonsense"], "No such command"),
        (["stills", "wedgee"], "did you mean 'wedge'"),
        (["frames", "wedgee"], "did you mean 'wedge'"),
        (["frames", "first-dot", "--at", "99"], "past its end"),
        (["frames", "first-dot", "--at", "-1"], "not a time"),
        (["frames", "first-dot", "--json", "--out", "x"], "not both"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, needle):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relu-anim: ") and needle in lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.output


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_every_command_has_help_with_an_example():
    for path, command in [((), main), *all_commands(main)]:
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert command.help and "Example:" in result.output, f"{' '.join(path) or 'main'} lacks an example"
        assert "relu-anim " in result.output.split("Example:")[1], path


def test_stills_writes_pngs_of_chosen_moments(tmp_path):
    result = CliRunner().invoke(
        main, ["stills", "first-dot", "--at", "2", "--at", "end", "-q", "t", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    paths = result.output.splitlines()
    assert paths == [str(tmp_path / "first-dot-2s.png"), str(tmp_path / "first-dot-end.png")]
    from PIL import Image

    sizes = set()
    for path in paths:
        with Image.open(path) as image:
            sizes.add(image.size)
    assert sizes == {(256, 144)}  # -q t's size


@pytest.mark.parametrize("at", ["-1", "abc", "nan", "inf", "999"])
def test_stills_refuses_bad_moments(at, tmp_path):
    result = CliRunner().invoke(main, ["stills", "first-dot", "--at", at, "-o", str(tmp_path)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_theme_choices_are_the_themes():
    from relu_anim.theme import THEMES

    theme = next(p for p in main.commands["render"].params if p.name == "theme")
    assert tuple(theme.type.choices) == tuple(THEMES) == ("light", "dark")


def test_what_draws_no_picture_imports_no_manim():
    """The CLI's module, the themes and the lecture package load without Manim (so
    `list`, `trace` and the up-to-date check start at once)."""
    code = "import sys, relu_anim.cli, relu_anim.theme, relu_anim.composition, relu_anim.lecture; print('manim' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_frames_json_is_the_same_twice():
    first = CliRunner().invoke(main, ["frames", "first-dot", "--json"])
    second = CliRunner().invoke(main, ["frames", "first-dot", "--json"])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["scene"] == "first-dot" and data["moments"][-1]["label"] == "end"
    # the blue dot of the storyboard's first row: dosage 0 -> ReLU(-0.85) = 0, drawn at the
    # plot area's lower-left corner (Workbench: area centred at (4.3, 0.6), 4.0 by 5.0)
    assert data["moments"][-1]["graphs"]["plot"]["marks"]["dot[low]"] == {
        "x": 0.0,
        "y": 0.0,
        "at": [4.3 - 4.0 / 2, 0.6 - 5.0 / 2],
        "color": "#1D6AE1",
        "opacity": 1.0,
        "ring": current_theme().text,  # a dot on a curve of its own colour is ringed in the text colour
    }


def test_frames_at_chosen_moments_writes_pngs(tmp_path):
    result = CliRunner().invoke(main, ["frames", "first-dot", "--at", "3", "--at", "end", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    paths = result.stdout.splitlines()
    assert paths[0] == str(tmp_path / "frames.json") and len(paths) == 3
    assert all(Path(p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths[1:])
    moments = json.loads((tmp_path / "frames.json").read_text())["moments"]
    beats = json.loads(CliRunner().invoke(main, ["frames", "first-dot", "--json"]).stdout)["moments"]
    assert [m["time"] for m in moments] == [3.0, beats[-1]["time"]]  # "end": the stage's last frame, as played


def test_fit_help_takes_its_numbers_from_the_fit():
    from relu_anim.model.training import FIT_MIN_STEP, FIT_RESTARTS

    text = " ".join(CliRunner().invoke(main, ["fit", "--help"]).output.split())
    assert f"descends from {FIT_RESTARTS} random starts" in text
    assert f"more than {FIT_MIN_STEP:g} in a step" in text
