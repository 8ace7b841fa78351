"""The README's map of the code is true: every path it names exists, and every module of
the package is on it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = re.compile(r"^[\w.-]+(/[\w.-]+)*/?$")


def layout_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1]
    return section.split("```\n", 2)[1].splitlines()


def named_paths(lines: list[str] | None = None) -> list[str]:
    """The paths in the Layout block: a line's first word, under the folder above it
    when the line is indented."""
    paths, folder = [], ""
    for line in layout_block() if lines is None else lines:
        word = line.split()[0] if line.strip() else ""
        if not PATH.match(word) or ("." not in word and "/" not in word):
            continue  # a description carried on to the next line
        if line.startswith(" "):
            paths.append(folder + word)
        else:
            paths.append(word)
            folder = word if word.endswith("/") else folder
    return paths


def test_every_path_on_the_map_exists():
    paths = named_paths()
    assert len(paths) > 30  # the parser found the map
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"README's Layout names paths that do not exist: {missing}"


def test_every_module_is_on_the_map():
    named = set(named_paths())
    modules = [p.relative_to(ROOT).as_posix() for p in (ROOT / "relu_anim").rglob("*.py")]
    missing = [m for m in modules if not m.endswith("__init__.py") and m not in named]
    assert not missing, f"README's Layout leaves out: {missing}"


def test_the_map_is_read_as_written():
    lines = [
        "relu_anim/batch/      the batch engine:",
        "    plan.py          jobs and records,",
        "                     carried on (no Manim)",
        "relu_anim/video.py   gone",
    ]
    assert named_paths(lines) == ["relu_anim/batch/", "relu_anim/batch/plan.py", "relu_anim/video.py"]
    assert not (ROOT / "relu_anim/video.py").exists()  # so the first test would fail on such a map


def test_registering_a_stage_names_only_what_a_stage_takes():
    """The README's "Register it in relu_anim/stages.py" paragraph names only fields
    that :class:`relu_anim.stages.Stage` has (it once told of a ``title=`` long gone)."""
    from dataclasses import fields

    from relu_anim.stages import Stage

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = text.split("Register it in `relu_anim/stages.py`", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"`(\w+)=`", paragraph) + re.findall(r"`Stage\(([^)]*)\)`", paragraph)[0].split(", ")
    assert len(named) >= 6  # the paragraph was found
    assert set(named) <= {field.name for field in fields(Stage)}, paragraph
