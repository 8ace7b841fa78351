"""The library's examples run, as Manim's documentation runs its own: every ``>>>``
example is a doctest, and every ``::`` block of a numpy ``Examples`` section is a tiny
scene, played to its end with animations skipped, after the three imports the
components' docstring (:mod:`relu_anim.components`) says its examples assume. And the
public components' docstrings list every parameter their ``__init__`` takes."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
import re
import textwrap
from pathlib import Path

import pytest

import relu_anim
import relu_anim.components

PACKAGE = Path(relu_anim.__file__).parent
#: What an example assumes (relu_anim/components/__init__.py says so).
PREAMBLE = "from manim import *\nfrom relu_anim.components import *\nfrom relu_anim.scene import LessonScene\n"
#: A numpy docstring's section: its heading, underlined, and what follows up to the next.
SECTION = r"^{}\n-+\n(.*?)(?=^\w[^\n]*\n-+\n|\Z)"


def library_modules() -> list[str]:
    """Every module of the library; not ``__main__`` (importing it runs the CLI) nor
    the scenes (``relu_anim/scenes`` is the lesson, not the library)."""
    return [
        m.name
        for m in pkgutil.walk_packages(relu_anim.__path__, "relu_anim.")
        if not m.name.startswith(("relu_anim.__main__", "relu_anim.scenes"))
    ]


def test_every_doctest_passes():
    results = [doctest.testmod(importlib.import_module(name)) for name in library_modules()]
    assert sum(r.failed for r in results) == 0
    assert sum(r.attempted for r in results) >= 2  # model/network.py's, at least


def example_blocks() -> list[tuple[str, str]]:
    """``(where, code)`` for every ``::`` block in an ``Examples`` section of a docstring
    (a module's, a class's or a function's) in the library's source files."""
    blocks = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "scenes" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in [tree, *ast.walk(tree)]:
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                continue
            doc = ast.get_docstring(node) or ""
            for section in re.findall(SECTION.format("Examples"), doc, re.M | re.S):
                for block in re.findall(r"::\n\n((?:(?: {4}.*)?\n)+)", section + "\n"):
                    where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'name', 'module')}"
                    blocks.append((where, textwrap.dedent(block)))
    return blocks


EXAMPLES = example_blocks()


def test_the_components_examples_are_found():
    assert len(EXAMPLES) >= 11  # one or more for each component module


@pytest.mark.parametrize("code", [code for _, code in EXAMPLES], ids=[where for where, _ in EXAMPLES])
def test_every_example_scene_plays(code, tmp_path):
    """The block defines one scene, which plays to its end (no video written)."""
    from manim import Scene, tempconfig

    space = {"__name__": "relu_anim_example"}
    exec(PREAMBLE, space)  # noqa: S102 - the library's own docstrings
    exec(compile(code, "<example>", "exec"), space)  # noqa: S102
    scenes = [
        v for v in space.values() if isinstance(v, type) and issubclass(v, Scene) and v.__module__ == space["__name__"]
    ]
    assert len(scenes) == 1, f"an example is one whole scene: class ...(LessonScene): def construct(self): ...\n{code}"
    options = {"dry_run": True, "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}
    with tempconfig({**options, "media_dir": str(tmp_path)}):
        scene = scenes[0](skip_animations=True)
        scene.render()
    assert scene.mobjects  # it drew something


def listed_parameters(cls: type) -> list[str]:
    """The names in a class docstring's ``Parameters`` section, in order (``a, b`` lists two)."""
    found = re.findall(SECTION.format("Parameters"), inspect.getdoc(cls) or "", re.M | re.S)
    lines = found[0].splitlines() if found else []
    heads = [re.match(r"(\*{0,2}\w+(?:, \*{0,2}\w+)*)(?: : .*)?$", line) for line in lines if line[:1].strip()]
    return [name for head in heads if head for name in head.group(1).split(", ")]


def taken_parameters(cls: type) -> list[str]:
    """What ``cls(...)`` takes: its ``__init__``'s parameters, but ``**kwargs`` (passed
    on to Manim's VGroup, documented there)."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return [
        ("**" if p.kind is p.VAR_KEYWORD else "*" if p.kind is p.VAR_POSITIONAL else "") + p.name
        for p in parameters
        if not (p.kind is p.VAR_KEYWORD and p.name == "kwargs")
    ]


PUBLIC_CLASSES = [
    getattr(relu_anim.components, name)
    for name in relu_anim.components.__all__
    if inspect.isclass(getattr(relu_anim.components, name))
]


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda cls: cls.__name__)
def test_every_parameter_is_documented(cls):
    assert listed_parameters(cls) == taken_parameters(cls)


def test_parameters_are_read_as_written():
    class Sample:
        """A sample.

        Parameters
        ----------
        a : int
            One: not ``b : str``.
        b, c
            Two more.
        **targets
            And any.

        Examples
        --------
        ::

            Sample(1, 2, 3, d=4)
        """

        def __init__(self, a, b, c, **targets):
            pass

    assert listed_parameters(Sample) == taken_parameters(Sample) == ["a", "b", "c", "**targets"]
