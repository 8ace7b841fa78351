"""Random bad input for every command (hypothesis): bad paths, names, numbers and
file contents. Whatever comes in, a command ends with exit status 0, 1 or 2 and, when
it fails, one ``relu-anim:`` line on stderr; never a traceback. Commands that would
render (render, lecture, stills, frames) must refuse before any work starts: the
rendering, frame capture and fitting functions are replaced by ones that fail the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relu_anim.batch
import relu_anim.frames
import relu_anim.model.training
from relu_anim.cli import main
from relu_anim.quality import QUALITIES
from relu_anim.stages import current_stages

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

#: Text a person could type (no lone surrogates: argv cannot hold them).
TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
NAME = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=30)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(["1e308", "-1e308", "1e-400", "nan", "-inf", "0x10", "1_000", "", " ", "--", "-"]),
    TYPED,
)


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "a-file").write_text("in the way\n")
    (root / "good").mkdir()
    (root / "good" / "data.csv").write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    return root


def bad_paths(root: Path):
    """Folders no command can write to: a file, a path under a file or /proc, or a
    name or a path longer than the file system takes. (No NUL: argv cannot hold one.)"""
    under = st.sampled_from([root / "a-file", Path("/proc/relu-anim-fuzz")])
    return st.one_of(
        st.builds(lambda base, name: base / name, under, NAME),
        st.just(root / "a-file"),
        st.builds(lambda n: root / "good" / ("n" * n), st.integers(256, 400)),
        st.builds(lambda n: root / "good" / "/".join(["p" * 200] * n), st.integers(21, 30)),
    ).map(str)


@pytest.fixture
def no_work(monkeypatch):
    def work(*args, **kwargs):
        raise AssertionError("work started on bad input")

    monkeypatch.setattr(relu_anim.batch, "run_local", work)
    monkeypatch.setattr(relu_anim.frames, "capture_frames", work)


def check(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    if result.exit_code:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("relu-anim: "), (args, result.stderr)


def positive_int(text: str) -> bool:
    try:
        return int(text) > 0
    except ValueError:
        return False


def unknown_scene(name: str) -> bool:
    return name not in {stage.name for stage in current_stages()} and not name.startswith("-")


@FUZZ
@given(data=st.data())
def test_writing_commands_refuse_bad_paths_at_once(data, places, no_work):
    bad = data.draw(bad_paths(places))
    good = str(places / "good")
    command = data.draw(
        st.sampled_from(
            [
                ["render", "first-dot", "-q", "t", "--media-dir", bad],
                ["render", "--all", "-q", "t", "--media-dir", bad],
                ["lecture", "-q", "t", "--media-dir", bad],
                ["lecture", "-q", "t", "--media-dir", good, "--out", bad],
                ["stills", "first-dot", "-q", "t", "-o", bad],
                ["frames", "first-dot", "--out", bad],
                ["fit", str(places / "good" / "data.csv"), "--out", str(Path(bad) / "mine.toml"), "--steps", "5"],
                ["fit", str(Path(bad) / "data.csv")],
                ["clean", "--media-dir", bad],
                ["render", "first-dot", "--network", str(Path(bad) / "net.toml")],
            ]
        )
    )
    check(command)


@FUZZ
@given(name=NAME.filter(unknown_scene), command=st.sampled_from(["render", "stills", "frames"]))
def test_unknown_scene_names(name, command, no_work):
    check([command, name, "-q", "t"] if command != "frames" else [command, name])


@FUZZ
@given(numbers=st.lists(NUMBER, min_size=1, max_size=4))
def test_trace_with_any_numbers(numbers):
    check(["trace", *numbers])


@FUZZ
@given(moment=NUMBER, quality=TYPED, jobs=NUMBER, data=st.data())
def test_options_with_bad_numbers(moment, quality, jobs, data, no_work):
    command = data.draw(
        st.sampled_from(
            [
                ["frames", "first-dot", "--at", moment, "--at", "nan"],
                ["stills", "first-dot", "--at", "-1", "--at", moment],
                ["render", "first-dot", "-q", quality if quality and quality not in QUALITIES else "?"],  # "k" is 4K
                ["render", "first-dot", "--jobs", "0" if positive_int(jobs) else jobs],
                ["lecture", "--jobs", "-3", "-q", quality or "?"],
            ]
        )
    )
    check(command)


@FUZZ
@given(steps=NUMBER, rate=NUMBER, seed=NUMBER, slope=TYPED)
def test_fit_with_any_numbers(steps, rate, seed, slope, places, monkeypatch):
    """Valid data: a fit that starts is real, so the step count stays small (at most 50)."""
    try:
        if not 0 < int(steps) <= 50:
            steps = "0"
    except ValueError:
        pass
    out = places / "good" / "fitted.toml"
    check(
        [
            "fit",
            str(places / "good" / "data.csv"),
            "--out",
            str(out),
            "--steps",
            steps,
            "--learning-rate",
            rate,
            "--seed",
            seed,
            "--derivative-at-zero",
            slope or "2",
        ]
    )


@FUZZ
@given(
    content=st.one_of(TYPED, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))),
    suffix=st.sampled_from([".toml", ".csv", ".txt", ""]),
    data=st.data(),
)
def test_files_with_any_content(content, suffix, data, places, no_work):
    """Random network and data files: every command that reads one says what is wrong."""
    path = places / f"random{suffix}"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    command = data.draw(
        st.sampled_from(
            [
                ["trace", "--network", str(path)],
                ["render", "first-dot", "-q", "t", "--network", str(path), "--media-dir", str(places / "a-file" / "x")],
                ["fit", str(path), "--out", str(places / "a-file" / "x.toml")],
                [
                    "fit",
                    str(places / "good" / "data.csv"),
                    "--init",
                    str(path),
                    "--out",
                    str(places / "a-file" / "x.toml"),
                ],
            ]
        )
    )
    check(command)
    os.unlink(path)


# -- nothing outside a command's own outputs changes ------------------------------------

#: Files a teacher may keep in a folder later handed to a command: many named as relu-anim
#: names its own files (its records, its pages, its half-written and working files).
USER_FILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "thesis.txt",
            "lecture.json",
            "explore.json",
            "index.html",
            "manifest.json",
            "high/manifest.json",
            "high/wedge.mp4.inputs",
            ".thesis.part.txt",
            ".backup.part",
            ".wedge.mp4.abc123.part.mp4",
            ".lecture.x1.part/notes.txt",
            ".work/job-interview/cv.pdf",
            ".work/job-1/cv.pdf",
            "handouts/week1.md",
            "videos/wedge.mp4",
            "assets/lecture.js",
            "part3.json",
            "relu-explorer.js",
            "<!--<script>.txt",
            "a & b.txt",
        ]
    ),
    NAME.filter(lambda name: name not in (".", "..")),
)
USER_FILE_CONTENT = st.one_of(
    st.binary(max_size=64),
    st.sampled_from(
        [
            b'{"my": "config"}',
            b'{"generator": "relu-anim 0.1.0", "files": []}',
            b'{"generator": "relu-anim 0.1.0", "outputs": []}',
            b"",
        ]
    ),
)
#: Environments a command may meet: bad voices and themes, a temporary folder that cannot be written.
ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "RELU_ANIM_VOICE": st.sampled_from(["", "nobody", "espeak:", "none"]),
        "RELU_ANIM_THEME": st.sampled_from(["", "neon", "dark"]),
        "TMPDIR": st.sampled_from(["/proc/relu-anim-fuzz", "/nonexistent/tmp", ""]),
        "LANG": st.sampled_from(["C", "tr_TR.UTF-8", ""]),
    },
)


def hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder``, by its path relative to it: its sha256."""
    import hashlib

    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@settings(FUZZ, max_examples=4 * FUZZ.max_examples)  # about 0.05 s an example
@given(
    files=st.dictionaries(USER_FILE_NAMES, USER_FILE_CONTENT, min_size=1, max_size=6),
    environment=ENVIRONMENTS,
    data=st.data(),
)
def test_nothing_outside_a_commands_own_outputs_changes(files, environment, data, tmp_path_factory, no_work):
    """A folder of a teacher's files handed to any command: each file is there after,
    with the same bytes, but for the command's own named output; the command ends with
    its documented status (a folder that is not ours is refused, exit 2), in one line."""
    root = tmp_path_factory.mktemp("theirs")
    folder = root / "course"
    for name, content in files.items():
        path = folder / name
        if any(parent.is_file() for parent in path.parents) or path.is_dir():
            continue  # a name that is a folder of another: keep the first
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    csv = root / "data.csv"
    csv.write_text("Dosage,Effectiveness\n0,0\n0.5,1\n1,0\n")
    before = hashes(folder)
    # (arguments, the exit statuses it may end with, the one file it may write)
    command, statuses, output = data.draw(
        st.sampled_from(
            [
                (["explore", "--out", str(folder)], {2}, None),
                (["lecture", "-q", "t", "--out", str(folder), "--media-dir", str(root / "media")], {2}, None),
                # a teacher's manifest.json may say it is ours: then clean runs, and still removes nothing
                (["clean", "--media-dir", str(folder)], {0, 2}, None),
                (["clean", "--dry-run", "--media-dir", str(folder)], {0, 2}, None),
                (["fit", str(csv), "--out", str(folder / "fitted.toml"), "--steps", "3"], {0, 2}, "fitted.toml"),
                (["trace", "--network", str(folder / next(iter(files)))], {2}, None),
                (["trace", "0.5"], {0, 2}, None),
            ]
        )
    )
    result = CliRunner().invoke(main, command, env=environment)
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, repr(result.exception))
    assert result.exit_code in statuses, (command, environment, result.exit_code, result.output)
    if result.exit_code:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("relu-anim: "), (command, result.stderr)
    after = hashes(folder)
    changed = {name for name in before if after.get(name) != before[name]} - {output}
    assert not changed, (command, environment, sorted(changed))
    assert set(after) - set(before) <= {output}, (command, sorted(set(after) - set(before)))


class WorkStarted(Exception):
    """Raised by the stand-ins for rendering and frame capture: every check was passed."""


#: What may be in a user's environment, good and bad.
ANY_ENVIRONMENT = st.fixed_dictionaries(
    {},
    optional={
        "RELU_ANIM_VOICE": st.sampled_from(["", " ", "nobody", "espeak:", "none", "espeak", "NONE", "joe\n"]),
        "RELU_ANIM_THEME": st.sampled_from(["", "neon", "dark", "light"]),
        "XDG_CACHE_HOME": st.sampled_from(["/proc/relu-anim-fuzz", "", "relative/cache", "/nonexistent/cache"]),
        "HOME": st.sampled_from(["/nonexistent", "", "/proc"]),
        "TMPDIR": st.sampled_from(["/proc/relu-anim-fuzz", "/nonexistent/tmp", ""]),
        "LANG": st.sampled_from(["C", "tr_TR.UTF-8", "", "xx_YY.NOPE"]),
        "COLUMNS": st.sampled_from(["0", "-5", "abc", "100000"]),
    },
)
SPEAKING_COMMANDS = {"render", "stills", "frames", "lecture"}


@FUZZ
@given(environment=ANY_ENVIRONMENT, data=st.data())
def test_every_command_under_any_environment(environment, data, places, monkeypatch):
    """Whatever the environment holds, a command either reaches its work (every check
    passed) or stops before it in one line with exit status 2; a voice named in
    $RELU_ANIM_VOICE that does not exist, and a clip cache that cannot be written for a
    speaking voice, are such stops."""

    def work(*args, **kwargs):
        raise WorkStarted

    monkeypatch.setattr(relu_anim.batch, "run_local", work)
    monkeypatch.setattr(relu_anim.frames, "capture_frames", work)
    out = places / "good" / "out"
    command = data.draw(
        st.sampled_from(
            [
                ["list"],
                ["trace", "0.5"],
                ["render", "first-dot", "-q", "t", "--media-dir", str(out)],
                ["stills", "first-dot", "-q", "t", "-o", str(out)],
                ["frames", "first-dot"],
                ["lecture", "-q", "t", "--media-dir", str(out)],
                ["fit", str(places / "good" / "data.csv"), "--out", str(out / "fit.toml"), "--steps", "2"],
            ]
        )
    )
    result = CliRunner().invoke(main, command, env=environment)
    # unset or empty: the default (the suite's own, else joe); blank: refused
    voice = (environment.get("RELU_ANIM_VOICE", os.environ.get("RELU_ANIM_VOICE")) or "joe").strip()
    if command[0] in SPEAKING_COMMANDS and voice not in {"none", "espeak", "joe"}:
        assert result.exit_code == 2, (command, environment, result.output)
    speaks = voice in {"espeak", "joe"}
    if command[0] in {"stills", "frames"} and speaks and environment.get("XDG_CACHE_HOME", "").startswith("/proc"):
        assert result.exit_code == 2 and "clip cache" in result.stderr, (command, environment, result.output)
    if isinstance(result.exception, WorkStarted):
        return
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, repr(result.exception))
    assert result.exit_code in (0, 2), (command, environment, result.exit_code, result.output)
    if result.exit_code:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("relu-anim: "), (command, environment, result.stderr)
