"""The pytest plugin, used as the README tells a user to: its example, run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_example() -> str:
    """The test file of README's "Snapshot-testing your own scene"."""
    section = README.read_text(encoding="utf-8").split("### Snapshot-testing your own scene", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def user_project(pytester):
    pytester.makepyfile(**{"tests/test_my_scene": readme_example()})
    return pytester


def test_the_readme_example_writes_then_passes_then_catches_a_change(user_project):
    first = user_project.runpytest_inprocess("--snapshot-update", "-p", "no:cacheprovider")
    first.assert_outcomes(passed=1)
    folder = user_project.path / "tests" / "snapshots" / "my-scene"
    pngs = sorted(p.name for p in folder.glob("*.png"))
    assert (folder / "frames.json").exists() and len(pngs) == 3  # two beats and the end

    user_project.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)

    # A teacher edits the scene: the final bias is -16.2 instead of -16, so the whole fit
    # drops by 0.2 wherever it is above 0.
    test_file = user_project.path / "tests" / "test_my_scene.py"
    source = test_file.read_text()
    assert "plot_network(self.lesson.network," in source
    test_file.write_text(
        source.replace(
            "plot_network(self.lesson.network,", 'plot_network(self.lesson.network.with_parameter("final_bias", -16.2),'
        )
    )
    changed = user_project.runpytest_inprocess("-p", "no:cacheprovider")
    changed.assert_outcomes(failed=1)
    report = changed.stdout.str()
    match = re.search(
        r'my-scene @ \d+\.\d\ds "The network\'s fit\.": plot: curve\[output\]\.y\[\d+\] ([\d.]+) -> ([\d.]+)', report
    )
    assert match, report
    assert float(match.group(1)) - float(match.group(2)) == pytest.approx(0.2, abs=1e-3)
    assert "--snapshot-update" in report
    assert list(folder.glob("*.diff.png")), "no diff image beside the snapshot"


def test_a_missing_snapshot_says_how_to_make_one(user_project):
    result = user_project.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    assert "no snapshot" in result.stdout.str() and "--snapshot-update" in result.stdout.str()


def plain_example() -> str:
    """The test file of README's "Any Manim scene (not a relu-anim lesson)"."""
    section = README.read_text(encoding="utf-8").split("### Any Manim scene (not a relu-anim lesson)", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_plain_scene_example_writes_then_passes_then_names_the_change(pytester):
    pytester.makepyfile(**{"tests/test_sine": plain_example()})
    pytester.runpytest_inprocess("--snapshot-update", "-p", "no:cacheprovider").assert_outcomes(passed=1)
    folder = pytester.path / "tests" / "snapshots" / "sine-dot"
    assert len(list(folder.glob("*.png"))) == 3  # two plays and the end
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)

    test_file = pytester.path / "tests" / "test_sine.py"
    source = test_file.read_text()
    assert "axes.c2p(2, np.sin(2))" in source
    test_file.write_text(source.replace("axes.c2p(2, np.sin(2))", "axes.c2p(2, np.sin(2) - 0.1)"))
    changed = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    changed.assert_outcomes(failed=1)
    readme_line = re.search(r"\n(sine-dot @ .*)\n", README.read_text(encoding="utf-8")).group(1)
    assert readme_line in changed.stdout.str()  # the failure README shows, word for word
