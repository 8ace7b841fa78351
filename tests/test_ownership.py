"""Ownership you can prove (issue 31): ``lecture --out`` and ``explore --out`` replace a
folder only when every file in it is one they wrote (its hash in their mark), and
``clean`` removes ``.work`` job folders and ``.part`` files only by the claim that made
them, never by the pattern of a name. Kills are real processes sent real signals.

What is expected comes from outside the code under test: files hashed here with
hashlib, names and bytes written here, exit statuses of the processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.lecture import write_package
from relu_anim.stages import use_stages

from .batch_stages import TEST_STAGES
from .destinations import bad_folder
from .lecture_stages import TEN

ROOT = Path(__file__).resolve().parents[1]
NOT_OURS = "nothing removed (choose a new or empty folder)"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder``: its sha256 by relative path (and each folder, as "dir")."""
    return {
        p.relative_to(folder).as_posix(): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


def lecture(media: Path, out: Path):
    with use_stages(TEN):
        return CliRunner().invoke(main, ["lecture", "-q", "t", "--quiet", "--media-dir", str(media), "--out", str(out)])


# -- lecture --out ------------------------------------------------------------------------


def test_the_issues_course_folder_is_refused_before_anything_renders_and_kept(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "lecture.json").write_text('{"my": "config"}\n')
    (course / "thesis.txt").write_text("thesis\n")
    before = tree(course)
    media = tmp_path / "media"
    result = lecture(media, course)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"relu-anim: --out {course}: lecture.json is not a record relu-anim wrote "
        f"(or one without the hashes of its files); {NOT_OURS}"
    ]
    assert tree(course) == before
    assert not media.exists()  # refused before the batch made anything


@pytest.fixture
def earlier(lecture_package, tmp_path):
    """A real earlier package at tmp_path/course, and the fixture's media folder."""
    _, media = lecture_package
    return write_package(media / "tiny" / "manifest.json", tmp_path / "course"), media


@pytest.mark.parametrize(
    "added, named",
    [
        ({"teacher-notes.txt": "bring the dosage cards"}, "teacher-notes.txt is not a file relu-anim wrote"),
        ({"handouts/x": "page 1"}, "handouts/ is not a folder relu-anim wrote"),
    ],
)
def test_files_a_teacher_added_to_an_earlier_package_stop_it(earlier, added, named):
    course, media = earlier
    for name, text in added.items():
        (course / name).parent.mkdir(exist_ok=True)
        (course / name).write_text(text)
    before = tree(course)
    result = lecture(media, course)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"relu-anim: --out {course}: {named}; {NOT_OURS}"]
    assert tree(course) == before
    assert sorted(p.name for p in course.parent.iterdir()) == ["course"]  # nothing built beside it


def test_a_package_file_the_user_edited_stops_it(earlier):
    course, media = earlier
    with open(course / "index.html", "a") as page:
        page.write("<!-- my note -->\n")
    before = tree(course)
    result = lecture(media, course)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"relu-anim: --out {course}: index.html has changed since relu-anim wrote it; {NOT_OURS}"
    ]
    assert tree(course) == before


def test_an_untouched_earlier_package_is_replaced_and_its_mark_hashes_every_file(earlier):
    course, media = earlier
    first = os.stat(course).st_ino
    result = lecture(media, course)
    assert result.exit_code == 0, result.output
    assert os.stat(course).st_ino != first  # a new folder swapped in
    files = tree(course)
    mark = json.loads((course / "lecture.json").read_text())
    assert mark["generator"].startswith("relu-anim ")
    assert mark["sha256"] == {
        name: digest for name, digest in files.items() if digest != "dir" and name != "lecture.json"
    }
    assert {"index.html", "lesson.pptx", "assets/lecture.js", "videos/step-1.mp4"} <= set(mark["sha256"])
    assert all((course / name).is_file() for name in mark["files"])  # the list older readers read
    assert sorted(p.name for p in course.parent.iterdir()) == ["course"]


def test_a_file_added_while_the_package_is_built_stops_the_swap(earlier, monkeypatch):
    """Checked again once the old folder is moved aside: nothing of the user's is lost."""
    course, media = earlier
    from relu_anim.lecture import deck

    real = deck.write_deck

    def deck_and_a_note(lecture, dest):
        (course / "late-note.txt").write_text("written during the build")
        real(lecture, dest)

    monkeypatch.setattr(deck, "write_deck", deck_and_a_note)
    result = lecture(media, course)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"relu-anim: --out {course}: late-note.txt is not a file relu-anim wrote; {NOT_OURS}"
    ]
    assert (course / "late-note.txt").read_text() == "written during the build"
    assert (course / "lecture.json").is_file()
    assert sorted(p.name for p in course.parent.iterdir()) == ["course"]


def test_an_empty_or_missing_folder_takes_the_package(lecture_package, tmp_path):
    _, media = lecture_package
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "deeper"):
        assert lecture(media, out).exit_code == 0
        assert (out / "index.html").is_file()


# -- explore --out ------------------------------------------------------------------------


def explore(*args):
    return CliRunner().invoke(main, ["explore", *map(str, args)])


def test_explore_refuses_a_users_index_html_beside_an_explore_json(tmp_path):
    out = tmp_path / "site"
    assert explore("--out", out).exit_code == 0  # a real explorer folder, then the user's page in it
    (out / "index.html").write_text("<h1>my own page</h1>\n")
    before = tree(out)
    result = explore("--out", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"relu-anim: --out {out}: index.html has changed since relu-anim wrote it; {NOT_OURS}"
    ]
    assert tree(out) == before
    # and an explore.json that is not ours proves nothing
    other = tmp_path / "other"
    other.mkdir()
    (other / "explore.json").write_text('{"files": ["index.html"]}\n')
    (other / "index.html").write_text("mine\n")
    result = explore("--out", other)
    assert result.exit_code == 2 and "explore.json is not a record relu-anim wrote" in result.stderr
    assert (other / "index.html").read_text() == "mine\n"


def test_a_network_named_explore_keeps_its_json_apart_from_the_mark(tmp_path):
    network = tmp_path / "explore.toml"
    text = (ROOT / "relu_anim" / "model" / "networks" / "part3.toml").read_text()
    network.write_text(text.replace('name = "part3"', 'name = "explore"'))
    out = tmp_path / "out"
    for _ in range(2):  # and again: its own folder, replaced
        result = explore("--network", network, "--out", out)
        assert result.exit_code == 0, result.output
    import tomllib

    assert json.loads((out / "explore.network.json").read_text()) == tomllib.loads(network.read_text())
    mark = json.loads((out / "explore.json").read_text())
    assert mark["network"] == "explore" and mark["generator"].startswith("relu-anim ")
    assert sorted(mark["sha256"]) == ["explore.network.json", "index.html", "relu-explorer.js"]


def test_explore_on_a_full_file_system_leaves_no_folder(tmp_path):
    with bad_folder("full", tmp_path / "disk") as disk:
        before = sorted(p.name for p in disk.iterdir())
        result = explore("--out", disk / "a" / "b")
        assert sorted(p.name for p in disk.iterdir()) == before  # no a/, no temporary folder
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"relu-anim: --out {disk / 'a' / 'b'}: ")
        assert "No space left on device" in lines[0]


# -- clean: by the claim that made it -----------------------------------------------------


def test_clean_refuses_a_folder_whose_work_folder_is_not_ours(tmp_path):
    cv = tmp_path / ".work" / "job-interview" / "cv.pdf"
    cv.parent.mkdir(parents=True)
    cv.write_bytes(b"%PDF-1.4 my cv\n")
    for args in (["--dry-run"], []):
        result = CliRunner().invoke(main, ["clean", "--media-dir", str(tmp_path), *args])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"relu-anim: {tmp_path} is not a relu-anim media folder (no manifest.json of relu-anim in it); nothing removed"
        ]
    assert cv.read_bytes() == b"%PDF-1.4 my cv\n"


def render_tiny(media: Path):
    with use_stages(TEST_STAGES):
        return CliRunner().invoke(main, ["render", "tiny-a", "-q", "t", "--jobs", "1", "--media-dir", str(media)])


def clean(media: Path, *args):
    with use_stages(TEST_STAGES):
        return CliRunner().invoke(main, ["clean", "--media-dir", str(media), *args])


def test_clean_keeps_files_that_only_look_half_written(tmp_path):
    assert render_tiny(tmp_path).exit_code == 0
    folder = tmp_path / "tiny"
    mine = {folder / ".thesis.part.txt": b"chapter 1\n", folder / ".backup.part": b"old\n"}
    mine[tmp_path / ".work" / "job-interview" / "cv.pdf"] = b"%PDF-1.4\n"
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result = clean(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert all(path.read_bytes() == data for path, data in mine.items())


KILLED_IN_STAGED = """
import os, signal, sys
from pathlib import Path
from relu_anim.render import staged
with staged(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half a video")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_clean_removes_what_a_killed_render_really_leaves_and_nothing_else(tmp_path):
    """A render SIGKILLed mid-frame leaves its job folder; a process SIGKILLed while it
    writes a file leaves its .part: both go, with their claims, and only they."""
    assert render_tiny(tmp_path).exit_code == 0
    folder = tmp_path / "tiny"
    outputs = tree(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.batch_stages", "render", "slow", "-q", "t", "--jobs", "1"]
        + ["--media-dir", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "RELU_ANIM_TEST_SLOW": "0.1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline, line = time.monotonic() + 60, ""
    while "rendering slow" not in line and time.monotonic() < deadline:
        line = process.stderr.readline()
    time.sleep(1.0)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)  # until the worker, which shares stderr, has gone too
    killed = subprocess.run([sys.executable, "-c", KILLED_IN_STAGED, str(folder / "tiny-b.mp4")], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    jobs = sorted((tmp_path / ".work").iterdir())
    parts = sorted(p for p in folder.iterdir() if p.name not in outputs)
    assert len(jobs) == 2 and len(parts) == 2  # each: the thing and its claim
    dry = clean(tmp_path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert sorted(dry.stdout.splitlines()) == sorted(map(str, jobs + parts))
    assert clean(tmp_path).stdout == dry.stdout
    assert list((tmp_path / ".work").iterdir()) == [] and tree(folder) == outputs


def test_clean_leaves_a_half_written_file_whose_writer_is_alive(tmp_path):
    """Another render writing into the same media folder keeps its claim locked."""
    assert render_tiny(tmp_path).exit_code == 0
    from relu_anim.render import staged

    with staged(tmp_path / "tiny" / "tiny-b.mp4") as tmp:
        tmp.write_bytes(b"being written")
        result = clean(tmp_path)
        assert result.exit_code == 0 and result.stdout == ""
        assert tmp.read_bytes() == b"being written"
    assert (tmp_path / "tiny" / "tiny-b.mp4").read_bytes() == b"being written"


# -- SIGTERM and SIGKILL during lecture ---------------------------------------------------

SLOW_PACKAGE = """
import sys, time
from relu_anim.lecture import deck
from relu_anim.stages import use_stages
from tests.lecture_stages import TEN

def slow_deck(lecture, dest):
    print("packaging", file=sys.stderr, flush=True)
    time.sleep(60)

deck.write_deck = slow_deck
from relu_anim.cli import main
with use_stages(TEN):
    main(["lecture", "-q", "t", "--quiet", "--media-dir", sys.argv[1], "--out", sys.argv[2]])
"""


def package_killed_by(sig: int, media: Path, out: Path) -> subprocess.CompletedProcess:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_PACKAGE, str(media), str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    deadline, line = time.monotonic() + 60, ""
    while "packaging" not in line and time.monotonic() < deadline:
        line = process.stderr.readline()
    assert "packaging" in line
    os.kill(process.pid, sig)
    _, stderr = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, "", stderr)


def test_sigterm_mid_package_leaves_no_temporary_folder(lecture_package, tmp_path):
    _, media = lecture_package
    done = package_killed_by(signal.SIGTERM, media, tmp_path / "course")
    assert done.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_clean_knows_the_folder_a_sigkill_mid_package_leaves(lecture_package, tmp_path):
    _, media = lecture_package
    done = package_killed_by(signal.SIGKILL, media, tmp_path / "course")
    assert done.returncode == -signal.SIGKILL
    left = sorted(tmp_path.iterdir())
    assert [p.name.startswith(".course.") for p in left] == [True, True]  # the folder and its claim
    result = CliRunner().invoke(main, ["clean", "--media-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()) == sorted(map(str, left))
    assert list(tmp_path.iterdir()) == []
