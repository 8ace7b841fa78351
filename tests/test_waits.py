"""Every wait is bounded (README, "Every wait is bounded"): a network or data file is read
only when it is a regular file of at most 1,000,000 bytes, and a file nested too deeply to
parse is one line, not a RecursionError. (The scheduler's handshake: tests/test_batch_trust.py.)"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.model.files import MAX_BYTES

from .test_bad_input import one_line_refusal

ROOT = Path(__file__).resolve().parents[1]

#: A data file that fits: the storyboard's three points.
DATA = "dosage,effectiveness\n0,0\n0.5,1\n1,0\n"

#: What each command does with a network file (``{}``) given to it.
WITH_NETWORK = {
    "trace": ["trace", "--network", "{}"],
    "fit": ["fit", "{}"],
    "explore": ["explore", "--network", "{}"],
    "render": ["render", "wedge", "-q", "l", "--network", "{}"],
}


# -- nested too deeply --------------------------------------------------------------------


@pytest.mark.parametrize("command", WITH_NETWORK)
def test_a_network_file_nested_100000_deep_is_one_line_exit_2(command, tmp_path, monkeypatch):
    """About 200 KB (under the size cap) of ``[``: Python's TOML reader recurses once a level."""
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # where explore and render would write (./media)
    line = one_line_refusal(CliRunner().invoke(main, [arg.format(deep) for arg in WITH_NETWORK[command]]))
    assert line == f"relu-anim: {deep}: not a network file: its arrays or tables are nested too deeply to read"
    assert list(work.iterdir()) == []  # nothing written: no media folder, no explorer, no fitted file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.toml", "work"]


# -- regular files only -------------------------------------------------------------------


@contextlib.contextmanager
def not_a_regular_file(kind: str, folder: Path):
    """A path of ``kind``, made for real: a named pipe, a folder, a Unix socket (bound while
    the test runs), a device."""
    path = folder / "net.toml"
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path = Path("/dev/zero")
    if kind != "socket":
        yield path
        return
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        listening.listen()
        yield path


@pytest.mark.parametrize(
    ("kind", "says"),
    [("named pipe", "a named pipe"), ("folder", "a folder"), ("socket", "a socket"), ("device", "a device")],
)
@pytest.mark.parametrize("how", ["trace --network", "fit DATA", "fit --init"])
def test_only_a_regular_file_is_read(kind, says, how, tmp_path):
    """A named pipe would block the read forever (no writer ever comes), /dev/zero never
    ends: each is refused before it is read, one line naming it, exit 2. Run in a real
    process with a deadline, so that a read that blocks fails the test instead of hanging it."""
    data = tmp_path / "data.csv"
    data.write_text(DATA)
    with not_a_regular_file(kind, tmp_path) as path:
        args = {
            "trace --network": ["trace", "--network", str(path)],
            "fit DATA": ["fit", str(path), "--out", str(tmp_path / "out.toml")],
            "fit --init": ["fit", str(data), "--init", str(path), "--out", str(tmp_path / "out.toml")],
        }[how]
        done = subprocess.run(
            [sys.executable, "-m", "relu_anim", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"relu-anim: {path}: cannot read it: {says}, not a regular file"]
    assert not (tmp_path / "out.toml").exists()


def test_a_regular_file_through_a_symbolic_link_is_read(tmp_path):
    """Regular files only, but a link to one is that file."""
    data = tmp_path / "data.csv"
    data.write_text(DATA)
    (tmp_path / "link.csv").symlink_to(data)
    result = CliRunner().invoke(main, ["fit", str(tmp_path / "link.csv"), "--out", str(tmp_path / "out.toml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.toml").is_file()


@pytest.mark.parametrize("size", [MAX_BYTES + 1, 10**12])
def test_a_file_over_the_size_cap_is_refused_without_reading_it(size, tmp_path):
    """1 byte over the cap, and a sparse file of a terabyte (refused from its size: reading
    1 TB of zeros would take minutes). A data file past 1,000,000 bytes is surely not one."""
    assert MAX_BYTES == 1_000_000  # the README's figure
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as file:
        file.truncate(size)  # a hole: it takes no space
    result = CliRunner().invoke(main, ["fit", str(huge), "--out", str(tmp_path / "out.toml")])
    line = one_line_refusal(result)
    assert line == f"relu-anim: {huge}: too large for a network or data file (over 1,000,000 bytes)"
    assert not (tmp_path / "out.toml").exists()


def test_a_file_at_the_size_cap_is_read(tmp_path):
    """The cap itself is allowed: the storyboard's data padded with blank lines."""
    data = tmp_path / "data.csv"
    data.write_text(DATA + "\n" * (MAX_BYTES - len(DATA)))
    assert data.stat().st_size == MAX_BYTES
    result = CliRunner().invoke(main, ["fit", str(data), "--out", str(tmp_path / "out.toml")])
    assert result.exit_code == 0, result.output


# -- a scene's play -----------------------------------------------------------------------

#: A scene whose construct never ends, and that swallows every Exception on the way.
FOREVER = """from manim import Circle, Create, Scene


class Forever(Scene):
    def construct(self):
        self.play(Create(Circle()))
        while True:
            try:
                self.wait(0.1)
            except Exception:
                pass
"""


@pytest.mark.parametrize("command", ["frames", "stills"])
def test_a_scene_that_never_ends_stops_at_its_timeout(command, tmp_path):
    """``--timeout 2``: one line naming the scene, the line it was on and the limit, exit 2,
    about 2 s after it began, nothing written, and the alarm disarmed for what comes next."""
    import signal

    scene = tmp_path / "loops.py"
    scene.write_text(FOREVER)
    out = tmp_path / "out"
    handler = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    result = CliRunner().invoke(main, [command, f"{scene}:Forever", "--out", str(out), "--timeout", "2"])
    took = time.monotonic() - start
    print(f"{command} of a scene that never ends, --timeout 2: stopped after {took:.2f} s")
    line = one_line_refusal(result)
    assert (
        line == f"relu-anim: {scene}:Forever (line 9): did not finish within 2 s (--timeout); stopped, nothing written"
    )
    assert 2 <= took < 10
    assert not out.exists()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) is handler


def test_the_default_timeout_is_shown_and_bad_ones_refused():
    """600 s by default (the slowest stage plays in about 9 s); not a number, 0, nan or inf: exit 2."""
    from relu_anim.frames import PLAY_TIMEOUT

    assert PLAY_TIMEOUT == 600  # the README's figure
    for command in ("frames", "stills"):
        help_text = " ".join(CliRunner().invoke(main, [command, "--help"]).stdout.split())
        assert "--timeout SECONDS" in help_text and "[default: 600.0]" in help_text, help_text
        for bad in ("soon", "0", "-1", "nan", "inf"):
            line = one_line_refusal(CliRunner().invoke(main, [command, "wedge", "--timeout", bad]))
            assert "--timeout" in line and repr(bad) in line, line


# -- a scene that ends the process --------------------------------------------------------------

EXITS = {
    "at import": (
        "import sys\n\nsys.exit(3)\n",
        "{scene} (line 3): cannot load it: it called sys.exit(3)",
    ),
    "in construct": (
        "from manim import Scene\n\n\nclass Quits(Scene):\n    def construct(self):\n"
        "        self.wait(0.1)\n        raise SystemExit(0)\n",
        "{scene} (line 7): the scene failed: it called sys.exit(0)",
    ),
}


@pytest.mark.parametrize("command", ["frames", "stills"])
@pytest.mark.parametrize("when", EXITS)
def test_a_scene_file_that_calls_sys_exit_is_a_scene_that_failed(when, command, tmp_path):
    """``sys.exit(3)`` at import ended relu-anim with 3 and no word; ``sys.exit(0)`` in
    construct with success and no output. Each is one line naming the file and the line,
    exit 2 (as any scene that fails: README), nothing written."""
    text, says = EXITS[when]
    scene = tmp_path / "quits.py"
    scene.write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [command, str(scene), "--out", str(out)])
    assert one_line_refusal(result) == "relu-anim: " + says.format(scene=scene)
    assert result.stdout == "" and not out.exists()
