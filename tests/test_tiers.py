"""The table of slow tests (tests/conftest.py: SLOW, QUICK) names tests that exist, so
that a renamed slow test cannot slip into ``./run test --quick`` unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import QUICK, SLOW, names, slow_reason

ROOT = Path(__file__).resolve().parent.parent


def defined_tests(path: Path) -> set[str]:
    """The test functions a module defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_name_in_the_tables_is_a_module_or_a_test_it_defines():
    for name in [name for listed in SLOW.values() for name in listed] + list(QUICK):
        path, _, test = name.partition("::")
        assert (ROOT / path).is_file(), f"{name}: no such module"
        assert not test or test.partition("[")[0] in defined_tests(ROOT / path), f"{name}: no such test"


def test_the_quick_tier_keeps_what_quick_lists_and_nothing_else_slow_names():
    for nodeid in QUICK:
        assert slow_reason(nodeid) is None
        assert any(names(name, nodeid) for listed in SLOW.values() for name in listed), f"{nodeid} is not slow anyway"


def test_a_name_covers_its_parameters_and_tests_but_no_longer_name():
    test = "tests/test_render.py::test_join_lasts_as_long_as_its_parts_with_chapters"
    assert names(test, test) and names(test, f"{test}[mp4]") and not names(test, f"{test}_too")
    assert names("tests/test_render.py", test) and not names("tests/test_render", test)
