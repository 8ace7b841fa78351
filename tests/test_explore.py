"""``relu-anim explore`` and the explorer's place in the lecture package (no browser here:
tests/test_explorer_browser.py drives the component itself)."""

from __future__ import annotations

import json
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.lecture.explore import STAGE_MOMENTS, network_json
from relu_anim.model import load_lesson
from relu_anim.stages import STAGES

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "relu_anim" / "lecture" / "static" / "relu-explorer.js"


def explore(*args):
    return CliRunner().invoke(main, ["explore", *map(str, args)])


def test_explore_writes_the_component_a_page_and_the_network(tmp_path):
    result = explore("--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    page = Path(result.stdout.strip())
    assert page == tmp_path / "explore" / "index.html"
    folder = page.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "explore.json",
        "index.html",
        "part3.network.json",
        "relu-explorer.js",
    ]
    assert (folder / "relu-explorer.js").read_bytes() == SCRIPT.read_bytes()
    # the network as JSON: the tables of the lesson's own network file
    own = tomllib.loads((ROOT / "relu_anim" / "model" / "networks" / "part3.toml").read_text())
    assert json.loads((folder / "part3.network.json").read_text()) == own
    inline = re.search(r'<script type="application/json">(.*?)</script>', page.read_text(), re.S)[1]
    assert json.loads(inline) == own  # inside the element: works from file://
    assert '<script src="relu-explorer.js"></script>' in page.read_text()
    assert not any(p.name.endswith(".part") for p in folder.iterdir())


def test_explore_another_network_goes_to_its_own_folder(tmp_path):
    network = tmp_path / "mine.toml"
    text = (
        (ROOT / "relu_anim" / "model" / "networks" / "part3.toml")
        .read_text()
        .replace('name = "part3"', 'name = "mine"')
    )
    network.write_text(text.replace("final_bias = -16.0", "final_bias = -10.0"))
    out = tmp_path / "out"
    result = explore("--network", network, "--out", out)
    assert result.exit_code == 0, result.output
    assert json.loads((out / "mine.network.json").read_text())["final_bias"] == -10.0
    assert explore("--network", network, "--out", out).exit_code == 0  # again: replaces its own files
    default = explore("--network", "part1", "--media-dir", tmp_path)
    assert Path(default.stdout.strip()) == tmp_path / "part1" / "explore" / "index.html"


def test_explore_never_replaces_a_folder_of_other_files(tmp_path):
    (tmp_path / "index.html").write_text("my own page")
    result = explore("--out", tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"relu-anim: --out {tmp_path}: index.html is not a file relu-anim wrote; nothing removed (choose a new or empty folder)"
    )
    assert (tmp_path / "index.html").read_text() == "my own page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_explore_with_a_bad_network_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('final_bias = "lots"\n')
    result = explore("--network", bad, "--out", tmp_path / "out")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "bad.toml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_network_json_is_what_the_file_says():
    lesson = load_lesson("part1")
    own = tomllib.loads((ROOT / "relu_anim" / "model" / "networks" / "part1.toml").read_text())
    assert network_json(lesson) == own


def test_presenter_moments_name_stages_and_the_wedge_opens_on_the_sum():
    names = {stage.name for stage in STAGES}
    assert set(STAGE_MOMENTS) <= names and "recap" not in STAGE_MOMENTS  # the recap is Part 1's network
    assert STAGE_MOMENTS["wedge"] == {"focus": "sum"}
    assert STAGE_MOMENTS["first-dot"]["dosage"] == 0.0  # the stage follows dosage 0
    script = SCRIPT.read_text()
    focuses = set(re.search(r"var FOCUS = \{(.*?)\};", script)[1].replace('"', "").replace(" ", "").split(","))
    assert {m["focus"] for m in STAGE_MOMENTS.values()} <= {f.split(":")[0] for f in focuses}


def test_the_components_colours_are_the_lessons_theme():
    """The component cannot import relu_anim.theme: its CSS repeats the colours, checked here."""
    from relu_anim.theme import DARK, LIGHT

    script = SCRIPT.read_text()
    light = script[script.index(":host { display: block;") : script.index(":host([data-theme='dark'])")]
    dark = script[script.index(":host([data-theme='dark'])") : script.index('"* { box-sizing')]
    names = {
        "bg": "background",
        "ink": "text",
        "top": "top",
        "bottom": "bottom",
        "output": "output",
        "data": "data",
        "highlight": "highlight",
        "node": "node_fill",
    }
    for css, theme in ((light, LIGHT), (dark, DARK)):
        found = dict(re.findall(r"--([a-z]+): (#[0-9A-Fa-f]{6})", css))
        for var, field in names.items():
            assert found[var].lower() == str(getattr(theme, field)).lower(), (theme.name, var)


def test_the_lecture_page_has_the_explore_section_on_its_network(lecture_package):
    package, _ = lecture_package
    html = (package / "index.html").read_text()
    section = html[html.index('<section id="explore"') : html.index("</section>", html.index('<section id="explore"'))]
    assert '<h2 id="explore-title">Explore the network</h2>' in section
    assert '<script src="assets/relu-explorer.js"></script>' in section
    inline = re.search(r'<script type="application/json">(.*?)</script>', section, re.S)[1]
    assert json.loads(inline) == network_json(load_lesson("part3"))
    assert (package / "assets" / "relu-explorer.js").read_bytes() == SCRIPT.read_bytes()
    data = json.loads(re.search(r'<script type="application/json" id="lecture-data">(.*?)</script>', html, re.S)[1])
    assert data["explore"] == {}  # the tiny stages are not the lesson's: no moments
    assert 'id="presenter-explore"' in html and "<kbd>E</kbd>" in html


def test_the_script_is_package_data():
    assert files("relu_anim.lecture").joinpath("static", "relu-explorer.js").read_bytes() == SCRIPT.read_bytes()


def test_the_lecture_explorer_opens_on_the_lectures_own_network(lecture_package, tmp_path):
    """``relu-anim lecture --network mine.toml`` passes its lesson on; the page's explorer shows it."""
    from relu_anim.lecture import write_package

    network = tmp_path / "mine.toml"
    text = (
        (ROOT / "relu_anim" / "model" / "networks" / "part3.toml")
        .read_text()
        .replace('name = "part3"', 'name = "mine"')
    )
    network.write_text(text.replace("final_bias = -16.0", "final_bias = -10.0"))
    mine = load_lesson(network)
    out = write_package(lecture_package[1] / "tiny" / "manifest.json", tmp_path / "out", lesson=mine)
    html = (out / "index.html").read_text()
    inline = re.search(
        r'<relu-explorer id="explorer" theme="light">\s*<script type="application/json">(.*?)</script>', html, re.S
    )[1]
    assert json.loads(inline)["final_bias"] == -10.0 and json.loads(inline)["name"] == "mine"


def test_the_lecture_explorer_opens_on_a_1_3_1_network(lecture_package, tmp_path):
    """A lecture on a network of three hidden nodes: its explorer holds those three, as the
    network file has them (the list form, top first)."""
    from relu_anim.lecture import write_package

    network = tmp_path / "three.toml"
    network.write_text(
        'schema = 2\nname = "three"\nfinal_bias = 0.5\n'
        + "".join(f"\n[[hidden]]\nweight = {w}\nbias = {b}\noutput_weight = {o}\n" for w, b, o in THREE)
        + "\n[data]\ndosage = [0.0, 0.5, 1.0]\nobserved = [0.0, 1.0, 0.0]\n"
    )
    out = write_package(lecture_package[1] / "tiny" / "manifest.json", tmp_path / "out", lesson=load_lesson(network))
    html = (out / "index.html").read_text()
    inline = json.loads(
        re.search(r'<relu-explorer id="explorer"[^>]*>\s*<script type="application/json">(.*?)</script>', html, re.S)[1]
    )
    assert inline["schema"] == 2 and inline["name"] == "three"
    assert [(n["weight"], n["bias"], n["output_weight"]) for n in inline["hidden"]] == THREE


#: A 1-3-1 network's nodes, top first: (weight, bias, output weight).
THREE = [(4.0, -1.0, 2.0), (-6.0, 3.0, 1.5), (8.0, -6.0, -2.5)]


def test_explore_theme_option_sets_the_elements_theme(tmp_path):
    assert explore("--out", tmp_path / "a", "--theme", "dark").exit_code == 0
    assert '<relu-explorer id="explorer" theme="dark">' in (tmp_path / "a" / "index.html").read_text()
    assert explore("--out", tmp_path / "b").exit_code == 0
    assert '<relu-explorer id="explorer" theme="auto">' in (tmp_path / "b" / "index.html").read_text()


def test_the_components_node_palette_is_the_themes():
    """The component's --node-0 ... --node-7 (NODE_PALETTE) are relu_anim.theme's palette of
    eight, the first two the theme's top and bottom (the component cannot import theme.py)."""
    from relu_anim.theme import DARK, LIGHT

    if not hasattr(LIGHT, "node_colors"):
        pytest.skip("Theme.node_colors (the palette of eight) comes with the diagram's branch, s34-diagram")
    script = SCRIPT.read_text()
    table = script[script.index("var NODE_PALETTE = {") : script.index("};", script.index("var NODE_PALETTE = {"))]
    for theme in (LIGHT, DARK):
        listed = json.loads(re.search(rf"{theme.name}: (\[.*?\])", table)[1])
        named = {"var(--top)": theme.top, "var(--bottom)": theme.bottom}
        assert [named.get(c, c).upper() for c in listed] == [c.upper() for c in theme.node_colors(8)], theme.name
