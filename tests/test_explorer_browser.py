"""<relu-explorer> in a real browser (Playwright on Debian's Chromium: tests/browser.py).

The reference for every number is the Python model: ``relu-anim trace --json`` (run here
through the CLI), :func:`relu_anim.model.training.gradient` and ``gradient_descent``, at
networks and dosages chosen at random each run (the seed is in every failure message);
the on-screen format is relu_anim.text.fmt. Error messages for bad CSV files are those of
:func:`relu_anim.model.files.read_data_csv` for the same file. The downloaded network file
is read back by relu_anim.model.files and rendered by ``relu-anim render``.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.lecture.explore import network_json
from relu_anim.model import load_lesson
from relu_anim.model.files import FileError, NetworkFile, format_network_file, read_data_csv, read_network_file
from relu_anim.model.network import DataSet, HiddenNode, Network
from relu_anim.model.training import descent_learning_rate, gradient, gradient_descent, sum_of_squared_residuals
from relu_anim.text import fmt

from .browser import PHONE, axe_source, browser, check_explorer_on_a_phone, launch, page, playwright, run_axe, serve  # noqa: F401 (fixtures)

EL = "relu-explorer"
SEED = int(time.time() * 1000) % 1_000_000


@pytest.fixture(scope="module")
def explore_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("explore") / "explore"
    result = CliRunner().invoke(main, ["explore", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def explorer(page, explore_dir):
    """The explorer page from disk (file://), loaded on the lesson's network."""
    page.goto((explore_dir / "index.html").as_uri())
    page.wait_for_function("document.querySelector('relu-explorer').network !== null")
    return page


def control(page, key: str, kind: str = "number"):
    return page.locator(f"{EL} input[type={kind}][data-key='{key}']")


def get(page, expression: str):
    return page.evaluate(f"(() => {{ const el = document.querySelector('{EL}'); return {expression}; }})()")


def set_network(page, network: dict) -> None:
    page.evaluate(f"n => {{ document.querySelector('{EL}').network = n; }}", network)


def random_lesson(rng: random.Random, hidden: str, output: str, points: int = 5):
    """A random 1-2-1 network and random data (a Lesson: network, data, names)."""

    def node():
        return HiddenNode(rng.uniform(-20, 20), rng.uniform(-10, 10), rng.uniform(-50, 50))

    net = Network("random", (node(), node()), rng.uniform(-20, 20), hidden, output)
    dosage = np.array(sorted(rng.sample(range(0, 1001), points))) / 1000
    data = DataSet(dosage, np.array([rng.uniform(-2, 3) for _ in range(points)]))
    from relu_anim.model import Lesson

    return Lesson(network=net, recap=net, data=data)


def trace_cli(lesson, dosages, tmp_path) -> list[dict]:
    path = tmp_path / f"{lesson.network.name}.toml"
    path.write_text(format_network_file(NetworkFile(lesson.network, lesson.data, lesson.names)))
    result = CliRunner().invoke(main, ["trace", "--json", "--network", str(path), *map(repr, dosages)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def close(a, b, where=""):
    if isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            close(a[key], b[key], f"{where}.{key}")
    else:
        assert a == pytest.approx(b, abs=1e-9), f"{where} (seed {SEED})"


# -- the numbers: the component's forward pass and gradient against the Python model --------


@pytest.mark.parametrize("hidden, output", [("relu", "relu"), ("softplus", "identity"), ("sigmoid", "relu")])
def test_trace_equals_relu_anim_trace_json_at_random_dosages(explorer, tmp_path, hidden, output):
    rng = random.Random(f"{SEED}{hidden}")
    lesson = random_lesson(rng, hidden, output)
    dosages = [rng.uniform(-0.5, 1.5) for _ in range(20)] + [0.0, 0.5, 1.0]
    set_network(explorer, network_json(lesson))
    close(get(explorer, f"el.trace({json.dumps(dosages)})"), trace_cli(lesson, dosages, tmp_path), "trace")
    # the lesson's own network, bends included (top node at 0.5, bottom at 0)
    part3 = load_lesson("part3")
    set_network(explorer, network_json(part3))
    close(get(explorer, f"el.trace({json.dumps(dosages)})"), trace_cli(part3, dosages, tmp_path), "part3")


@pytest.mark.parametrize("at_zero", [0, 1])
def test_gradient_equals_the_model_at_random_networks_and_data(explorer, at_zero):
    rng = random.Random(f"{SEED}{at_zero}")
    cases = [
        random_lesson(rng, h, o, points=rng.randint(2, 7))
        for h, o in [("relu", "relu"), ("relu", "identity"), ("softplus", "relu"), ("sigmoid", "identity")]
    ]
    cases.append(load_lesson("part3"))  # points on both bends: the choice of slope there matters
    for lesson in cases:
        set_network(explorer, network_json(lesson))
        result = get(explorer, f"el.gradient({at_zero})")
        expected = gradient(lesson.network, lesson.data, at_zero)
        for name, value in expected.items():
            assert result["gradient"][name] == pytest.approx(value, abs=1e-9, rel=1e-12), (name, SEED)
        assert result["ssr"] == pytest.approx(sum_of_squared_residuals(lesson.network, lesson.data), abs=1e-9)


def test_the_two_slope_choices_give_different_gradients_on_the_lessons_bends(explorer):
    """The bend convention is really applied: part3's top node sits on its bend at 0.5."""
    expected = [gradient(load_lesson("part3").network, load_lesson("part3").data, z)["top.weight"] for z in (0, 1)]
    assert expected[0] != pytest.approx(expected[1])
    assert [get(explorer, f"el.gradient({z}).gradient['top.weight']") for z in (0, 1)] == pytest.approx(
        expected, abs=1e-9
    )


@pytest.mark.parametrize("at_zero", ["0", "1"])
def test_run_descends_the_final_bias_as_the_derivative_stage_does(explorer, at_zero):
    """From a final bias of 0, Run takes the model's steps (38 to -16.0067, NOTES.md)."""
    lesson = load_lesson("part3")
    expected = gradient_descent(
        lesson.network,
        "final_bias",
        0.0,
        data=lesson.data,
        relu_at_zero=int(at_zero),
        learning_rate=descent_learning_rate(lesson.data),
    )
    assert len(expected.steps) == 38 and expected.final_value == pytest.approx(-16.0067, abs=1e-4)
    explorer.locator(f"{EL} select[data-key='at-zero']").select_option(at_zero)
    field = control(explorer, "final_bias")
    field.fill("0")
    field.press("Enter")
    assert get(explorer, "el.network.final_bias") == 0
    explorer.locator(f"{EL} button.step").click()
    first = expected.steps[0]
    assert get(explorer, "el.network.final_bias") == pytest.approx(first.value - first.step_size, abs=1e-9)
    field.fill("0")
    field.press("Enter")
    if at_zero == "0":  # the button, animated (a step every 60 ms)
        explorer.locator(f"{EL} button.run").click()
        explorer.wait_for_function(
            "document.querySelector('relu-explorer').shadowRoot.querySelector('button.run').textContent === 'Run'",
            timeout=20_000,
        )
    else:  # the API, at once
        assert len(explorer.evaluate("document.querySelector('relu-explorer').run(true)")) == len(expected.steps)
    assert get(explorer, "el.network.final_bias") == pytest.approx(expected.final_value, abs=1e-9)
    line = explorer.locator(f"{EL} .descent-line").text_content()
    assert (
        line == f"{len(expected.steps)} steps, final bias {fmt(expected.final_value)} (stopped: the step became tiny)"
    )
    explorer.locator(f"{EL} button.reset").click()
    assert get(explorer, "el.network") == network_json(lesson)


# -- the controls: keyboard, pointer, fields; what is shown -------------------------------------

READOUT = ["top.x", "top.y", "top.scaled", "bottom.x", "bottom.y", "bottom.scaled", "sum", "biased", "output"]


def check_readout(page, network: Network, data: DataSet, dosage: float) -> None:
    """Every number in the values table, exact and as shown, against the model."""
    forward = network.forward([dosage])
    cells = page.evaluate(f"""() => Object.fromEntries([...document.querySelector('{EL}').shadowRoot
        .querySelectorAll('td[data-q]')].map(td => [td.dataset.q, [Number(td.dataset.exact), td.textContent]]))""")
    expected = {q: float(forward.get(q)[0]) for q in READOUT}
    expected["ssr"] = sum_of_squared_residuals(network, data)
    for q, value in expected.items():
        assert cells[q][0] == pytest.approx(value, abs=1e-9), q
        assert cells[q][1] == fmt(value), q


def test_the_dosage_slider_by_keyboard_and_pointer_and_the_fields(explorer):
    lesson = load_lesson("part3")
    net = lesson.network
    slider = control(explorer, "dosage", "range")
    slider.focus()
    for _ in range(3):
        explorer.keyboard.press("ArrowRight")
    assert get(explorer, "el.dosage") == pytest.approx(0.53)
    check_readout(explorer, net, lesson.data, 0.53)
    assert control(explorer, "dosage").input_value() == "0.53"  # the field follows the slider
    explorer.keyboard.press("Home")
    assert get(explorer, "el.dosage") == 0
    check_readout(explorer, net, lesson.data, 0.0)
    # the pointer: a click a quarter of the way along the slider
    box = slider.bounding_box()
    explorer.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)
    dosage = get(explorer, "el.dosage")
    assert 0.15 < dosage < 0.35
    check_readout(explorer, net, lesson.data, dosage)
    # a number field: the final bias set to -10 ("the lesson with bias -10")
    field = control(explorer, "final_bias")
    field.fill("-10")
    field.press("Tab")
    assert get(explorer, "el.network.final_bias") == -10
    check_readout(explorer, net.with_parameter("final_bias", -10.0), lesson.data, dosage)
    assert control(explorer, "final_bias", "range").input_value() == "-10"
    # a weight's slider by keyboard: one step of its own size
    weight = control(explorer, "top.weight", "range")
    step = float(weight.get_attribute("step"))
    weight.focus()
    explorer.keyboard.press("ArrowLeft")
    assert get(explorer, "el.network.top.weight") == pytest.approx(1.7 - step)
    check_readout(
        explorer, net.with_parameter("final_bias", -10.0).with_parameter("top.weight", 1.7 - step), lesson.data, dosage
    )
    # a bad value in a field: one line, nothing changes
    field.fill("2e9")
    field.press("Tab")
    assert get(explorer, "el.network.final_bias") == -10
    assert "Final bias" in explorer.locator(f"{EL} .message").text_content()
    assert explorer.errors == []


def test_the_live_region_reads_out_the_values(explorer):
    control(explorer, "dosage").fill("0.5")
    control(explorer, "dosage").press("Tab")
    live = explorer.locator(f"{EL} [aria-live=polite]")
    explorer.wait_for_function(
        "document.querySelector('relu-explorer').shadowRoot.querySelector('[aria-live]').textContent"
        ".startsWith('Dosage 0.50')"
    )
    out = load_lesson("part3").network.forward([0.5])
    text = live.text_content()
    assert f"output {fmt(out.output[0])}" in text and f"sum {fmt(out.sum[0])}" in text


def test_every_control_has_a_label_and_is_reached_by_tab_with_a_visible_focus(explorer):
    controls = explorer.evaluate(f"""() => [...document.querySelector('{EL}').shadowRoot
        .querySelectorAll('input, select, button')].filter(e => e.checkVisibility()).map((e, i) => {{ e.dataset.t = String(i); return e.labels && e.labels.length
            ? e.labels[0].textContent : (e.getAttribute('aria-label') || e.textContent); }})""")
    # dosage, 7 parameters, 3 choices, step/run/reset, download/CSV, each node's Remove and
    # Add a node (the phone's chart tabs are not drawn at 1280)
    assert len(controls) == 2 + 14 + 3 + 3 + 2 + 2 + 1
    assert all(name.strip() for name in controls)
    seen = set()
    explorer.focus("h1")
    for _ in range(60):
        explorer.keyboard.press("Tab")
        key, outline = explorer.evaluate(f"""() => {{ const e = document.querySelector('{EL}').shadowRoot.activeElement;
            return e ? [e.dataset.t, getComputedStyle(e.closest('.file') || e).outlineStyle] : [null, null]; }}""")
        if key is not None:
            seen.add(key)
            assert outline != "none", key
    assert len(seen) == len(controls)


# -- the URL fragment -----------------------------------------------------------------------


def test_the_state_round_trips_through_the_url_fragment(explorer, browser):
    control(explorer, "final_bias").fill("-10")
    control(explorer, "final_bias").press("Tab")
    control(explorer, "dosage").fill("0.3")
    control(explorer, "dosage").press("Tab")
    explorer.locator(f"{EL} select[data-key='hidden']").select_option("softplus")
    url = explorer.url
    assert "final_bias=-10" in url and "dosage=0.3" in url
    other = browser.new_page()
    other.goto(url)
    other.wait_for_function("document.querySelector('relu-explorer').network !== null")
    expected = network_json(load_lesson("part3"))
    expected["final_bias"] = -10.0
    expected["hidden_activation"] = "softplus"
    assert get(other, "el.network") == expected and get(other, "el.dosage") == 0.3
    # a link with a bad value: the rest applies, one line says what was not used
    other.goto(url.split("#")[0] + "#dosage=0.2&final_bias=abc")
    other.reload()
    other.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(other, "el.dosage") == 0.2 and get(other, "el.network.final_bias") == -16
    assert "final_bias" in other.locator(f"{EL} .message").text_content()
    # an ordinary anchor is not the explorer's
    other.goto(url.split("#")[0] + "#top")
    other.reload()
    other.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(other, "el.network") == network_json(load_lesson("part3")) and other.url.endswith("#top")
    other.close()


# -- the network file: download, read back, render -------------------------------------------


def test_download_writes_a_network_file_that_relu_anim_reads_and_renders(explorer, tmp_path):
    control(explorer, "final_bias").fill("-10")
    control(explorer, "final_bias").press("Tab")
    with explorer.expect_download() as info:
        explorer.locator(f"{EL} button.download").click()
    download = info.value
    assert download.suggested_filename == "part3-explored.toml"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    contents = read_network_file(path)
    lesson = load_lesson("part3")
    assert contents.network == Network("part3-explored", lesson.network.hidden, -10.0, "relu", "relu")
    assert contents.data.dosage.tolist() == lesson.data.dosage.tolist() and contents.names == lesson.names
    # the same text as relu_anim writes for it (a second implementation of the format)
    assert path.read_text() == format_network_file(
        contents, "Saved from <relu-explorer>; relu-anim render --network FILE renders it."
    )
    media = tmp_path / "media"
    # the title card: the shortest video that draws the network's numbers (its diagram and fit)
    result = CliRunner().invoke(
        main, ["render", "title", "-q", "t", "--quiet", "--network", str(path), "--media-dir", str(media)]
    )
    assert result.exit_code == 0, result.output
    assert (media / "part3-explored" / "tiny" / "title.mp4").stat().st_size > 0


def test_an_unchanged_network_downloads_under_its_own_name(explorer):
    with explorer.expect_download() as info:
        explorer.locator(f"{EL} button.download").click()
    assert info.value.suggested_filename == "part3.toml"


# -- data CSV files ---------------------------------------------------------------------------

BAD_CSV = {
    "words.csv": "Dosage,Effectiveness\n0,0\n0.5,lots\n1,0\n",
    "three.csv": "Dosage,Effectiveness\n0,0,1\n",
    "noheader.csv": "0,0\n0.5,1\n1,0\n",
    "range.csv": "Dosage,Effectiveness\n0,0\n1.5,1\n",
    "twice.csv": "Dosage,Effectiveness\n0,0\n0.5,1\n0.5,0.8\n",
    "one.csv": "Dosage,Effectiveness\n0.5,1\n",
    "empty.csv": "\n\n",
    "nan.csv": "Dosage,Effectiveness\n0,nan\n1,0\n",
    "huge.csv": "Dosage,Effectiveness\n0,2e7\n1,0\n",
    "header.csv": "Dosage,Effectiveness\n",
}


def test_a_bad_csv_gets_the_same_one_line_as_relu_anim_and_changes_nothing(explorer, tmp_path):
    before = get(explorer, "el.network")
    picker = explorer.locator(f"{EL} input[type=file]")
    for name, text in BAD_CSV.items():
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(FileError) as error:
            read_data_csv(path)
        expected = str(error.value).replace(str(path), name)
        picker.set_input_files(path)
        explorer.wait_for_function(
            f"document.querySelector('{EL}').shadowRoot.querySelector('.message').textContent"
            f" === {json.dumps(expected)}"
        )
        assert get(explorer, "el.network") == before, name
        assert explorer.locator(f"{EL} .message").get_attribute("class") == "message error"
    assert explorer.errors == []


def test_a_good_csv_replaces_the_data_points(explorer, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text("Hours,Score\n0,0\n0.2,0.05\n0.4,0.5\n\n0.5,1\n0.7,0.6\n1,0.1\n")
    data, names = read_data_csv(path)
    explorer.locator(f"{EL} input[type=file]").set_input_files(path)
    explorer.wait_for_function(f"document.querySelector('{EL}').network.data.dosage.length === 6")
    network = get(explorer, "el.network")
    assert network["data"] == {"dosage": data.dosage.tolist(), "observed": data.observed.tolist()}
    assert (network["input"]["name"], network["output"]["name"]) == (names.input, names.output)
    check_readout(explorer, load_lesson("part3").network, data, 0.5)


# -- where it works: from disk and over HTTP, with src= ------------------------------------------

SRC_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mine</title>
<script src="relu-explorer.js"></script></head><body><main><h1>Mine</h1>
<relu-explorer src="part3.json" theme="dark"></relu-explorer></main></body></html>"""


def test_src_loads_the_network_over_http_and_says_why_not_from_disk(page, playwright, explore_dir, tmp_path, serve):
    folder = tmp_path / "site"
    folder.mkdir()
    for name, written in (("relu-explorer.js", "relu-explorer.js"), ("part3.json", "part3.network.json")):
        (folder / name).write_bytes((explore_dir / written).read_bytes())
    (folder / "mine.html").write_text(SRC_PAGE)
    page.goto(serve(folder) + "mine.html")
    page.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(page, "el.network") == network_json(load_lesson("part3"))
    assert get(page, "el.trace([0.5])[0].output") == pytest.approx(1.01, abs=1e-9)  # the storyboard's 1.01
    assert page.errors == []
    chromium = launch(playwright)  # as a double-clicked page: no file access from file://
    try:
        tab = chromium.new_page()
        tab.goto((folder / "mine.html").as_uri())
        problem = tab.locator(f"{EL} .problem")
        problem.wait_for()
        assert problem.text_content().startswith("cannot load part3.json: ")
        assert "inside the element" in problem.text_content()
    finally:
        chromium.close()


def test_the_explore_page_works_over_http(page, explore_dir, serve):
    page.goto(serve(explore_dir) + "index.html")
    page.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(page, "el.trace([1])[0].biased") == pytest.approx(-16.66, abs=1e-9)


# -- themes, layouts, axe-core ---------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lessons_theme_colours(explorer, theme):
    from relu_anim.theme import THEMES

    explorer.evaluate(f"document.querySelector('{EL}').setAttribute('theme', '{theme}')")
    colours = explorer.evaluate(f"""() => {{ const root = document.querySelector('{EL}').shadowRoot;
        const style = (sel, prop) => getComputedStyle(root.querySelector(sel))[prop];
        return {{top: style('.curve.top', 'stroke'), bottom: style('.curve.bottom', 'stroke'),
                 output: style('.curve.output', 'stroke'), data: style('.dot.data', 'fill'),
                 background: getComputedStyle(document.querySelector('{EL}')).backgroundColor}}; }}""")
    expected = THEMES[theme]

    def rgb(colour):  # "#1F6FEB" -> "rgb(31, 111, 235)"
        r, g, b = (int(str(colour)[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgb({r}, {g}, {b})"

    assert colours == {name: rgb(getattr(expected, name)) for name in colours}


@pytest.mark.parametrize(
    "theme, width, height", [("light", 1280, 720), ("dark", 1280, 720), ("light", 375, 740), ("dark", 375, 740)]
)
def test_axe_core_finds_nothing_and_the_layout_fits(browser, explore_dir, axe_source, theme, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    tab = context.new_page()
    tab.goto((explore_dir / "index.html").as_uri())
    tab.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(tab, "el.dataset.theme") == theme  # "auto": the reader's preference
    result = run_axe(tab, axe_source)
    assert result["violations"] == [], result["violations"]
    assert {"label", "color-contrast", "button-name"} <= set(result["passes"])
    layout = tab.evaluate(f"""() => {{ const root = document.querySelector('{EL}').shadowRoot;
        const box = e => e.getBoundingClientRect();
        const controls = [...root.querySelectorAll('input:not([type=file]), select, button')]
            .filter(e => e.checkVisibility()).map(box);  // the narrow layout's tabs: not drawn at 1280
        return {{scroll: document.documentElement.scrollWidth,
                 left: Math.min(...controls.map(b => b.left)), right: Math.max(...controls.map(b => b.right)),
                 thin: controls.filter(b => b.width < 24 || b.height < 20).length,
                 figures: box(root.querySelector('.figures')), form: box(root.querySelector('form')),
                 diagram: box(root.querySelector('figure.diagram'))}}; }}""")
    assert layout["scroll"] <= width  # nothing wider than the screen
    assert (
        layout["left"] >= 0 and layout["right"] <= width and layout["thin"] == 0
    )  # every control on screen, big enough
    if width == 1280:  # figures and controls side by side; the diagram and the dosage in the first screen
        assert layout["form"]["left"] >= layout["figures"]["right"] and layout["diagram"]["top"] < 200
        assert control(tab, "dosage", "range").bounding_box()["y"] < height
    else:  # one column: the controls under the figures
        assert layout["form"]["top"] >= layout["figures"]["bottom"]
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_on_a_phone_each_slider_and_the_chart_it_moves_share_the_screen(browser, explore_dir, theme):
    """375x667: drag any slider and watch its chart at once (tests/browser.py says how it is checked)."""
    context = browser.new_context(viewport=PHONE, color_scheme=theme)
    tab = context.new_page()
    tab.goto((explore_dir / "index.html").as_uri())
    tab.wait_for_function("document.querySelector('relu-explorer').network !== null")
    check_explorer_on_a_phone(tab)
    context.close()


# -- the JavaScript API (README: "In your own page") ------------------------------------------


def _old_form(net: dict) -> dict:
    """The first form of a 1-2-1 network's JSON: ``top`` and ``bottom`` tables, no schema."""
    old = {k: v for k, v in net.items() if k not in ("schema", "hidden")}
    old["top"], old["bottom"] = net["hidden"]
    return old


def _set(path, value):
    """A change to a network's JSON: the key at ``path`` set to ``value`` (None: removed)."""

    def change(net):
        *parents, key = path
        table = net
        for part in parents:
            table = table[part]
        if value is None:
            del table[key]
        else:
            table[key] = value
        return net

    return change


#: Bad networks, each a change to the lesson's JSON (the list form unless it says otherwise).
BAD_NETWORKS = {
    "string weight": _set(("hidden", 0, "weight"), "lots"),
    "missing bias": _set(("hidden", 1, "bias"), None),
    "huge": _set(("final_bias",), 5e7),
    "activation": _set(("hidden_activation",), "tanh"),
    "unknown key": _set(("hidden", 0, "colour"), 1.0),
    "no nodes": _set(("hidden",), []),
    "nine nodes": lambda net: _set(("hidden",), net["hidden"] * 4 + net["hidden"][:1])(net),
    "nodes not a list": _set(("hidden",), {"weight": 1.0}),
    "a node not a table": _set(("hidden", 1), 3.0),
    "no hidden": _set(("hidden",), None),
    "unknown schema": _set(("schema",), 3),
    "schema as text": _set(("schema",), "2"),
    "both forms": lambda net: _set(("top",), net["hidden"][0])(net),
    "old form, schema 2": lambda net: _set(("schema",), 2)(_old_form(net)),
    "old form, missing bottom": lambda net: _set(("bottom",), None)(_old_form(net)),
    "old form, string weight": lambda net: _set(("top", "weight"), "lots")(_old_form(net)),
    "schema 1 with a list": _set(("schema",), 1),
}


def test_the_api_checks_networks_as_relu_anim_checks_files(explorer):
    from relu_anim.model.files import network_file_from_table

    good = network_json(load_lesson("part3"))
    for label, change in BAD_NETWORKS.items():
        bad = change(json.loads(json.dumps(good)))
        with pytest.raises(FileError) as expected:
            network_file_from_table(bad, "x.toml")
        message = explorer.evaluate(
            """n => { try { document.querySelector('relu-explorer').network = n; return null; }
                                        catch (e) { return e.message; } }""",
            bad,
        )
        assert message == str(expected.value).removeprefix("x.toml: "), label
        assert get(explorer, "el.network") == good  # unchanged


def test_the_api_dosage_show_toml_change_event_and_fragment_off(explorer):
    explorer.evaluate("""() => { const el = document.querySelector('relu-explorer');
        window.changes = []; el.addEventListener('change', e => window.changes.push(e.detail.dosage)); }""")
    get(explorer, "(el.dosage = 0.3, 0)")
    assert get(explorer, "el.dosage") == 0.3 and explorer.evaluate("window.changes") == [0.3]
    assert "dosage=0.3" in explorer.url
    assert get(explorer, "(() => { try { el.dosage = 2; } catch (e) { return e.name; } })()") == "RangeError"
    get(explorer, "el.show({focus: 'sum', dosage: 0.5})")
    assert explorer.evaluate(f"""[...document.querySelector('{EL}').shadowRoot.querySelectorAll('.focused')]
        .map(e => e.dataset.row || e.className)""") == ["pieces focused", "sum", "biased"]
    contents = NetworkFile(load_lesson("part3").network, load_lesson("part3").data, load_lesson("part3").names)
    assert get(explorer, "el.toml()") == format_network_file(
        contents, "Saved from <relu-explorer>; relu-anim render --network FILE renders it."
    )
    step = get(explorer, "el.step()")
    assert set(step) == {"value", "ssr", "slope", "step_size"} and step["value"] == -16
    steps = explorer.evaluate("document.querySelector('relu-explorer').run(true)")
    assert abs(steps[-1]["step_size"]) < 0.001
    # fragment="off": the address is left alone
    explorer.goto(explorer.url.split("#")[0])
    explorer.evaluate("document.querySelector('relu-explorer').setAttribute('fragment', 'off')")
    get(explorer, "(el.dosage = 0.7, 0)")
    assert "#" not in explorer.url


# -- any number of hidden nodes (1 to 8) ------------------------------------------------------

#: The nodes' names by place, as issue 34 gives them (not read from the model).
PLACES = {
    1: ["hidden"],
    2: ["top", "bottom"],
    3: ["top", "second", "bottom"],
    8: ["top", "second", "third", "fourth", "fifth", "sixth", "seventh", "bottom"],
}
ACTIVATIONS = {
    "relu": lambda x: np.maximum(0.0, x),
    "softplus": lambda x: np.logaddexp(0.0, x),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "identity": lambda x: x,
}


def spread_lesson(n: int):
    """A 1-n-1 network whose every node bends inside 0..1 (at (k + 0.5) / n) and is active on
    one side of it, so each of its sliders moves its chart (a node never active from 0 to 1
    would not); random steepness and output weights."""
    from relu_anim.model import Lesson

    rng = random.Random(f"{SEED}spread{n}")
    nodes = []
    for k in range(n):
        weight = rng.choice([-1, 1]) * rng.uniform(3, 15)
        nodes.append(HiddenNode(weight, -weight * (k + 0.5) / n, rng.choice([-1, 1]) * rng.uniform(1, 5)))
    net = Network(f"spread{n}", tuple(nodes), 0.5)
    data = load_lesson("part3").data
    return Lesson(network=net, recap=net, data=data)


def random_nodes_lesson(rng: random.Random, n: int, hidden: str = "relu", output: str = "relu", points: int = 6):
    """A random 1-n-1 network and random data (a Lesson)."""
    from relu_anim.model import Lesson

    nodes = tuple(HiddenNode(rng.uniform(-20, 20), rng.uniform(-10, 10), rng.uniform(-50, 50)) for _ in range(n))
    net = Network(f"random{n}", nodes, rng.uniform(-20, 20), hidden, output)
    dosage = np.array(sorted(rng.sample(range(0, 1001), points))) / 1000
    data = DataSet(dosage, np.array([rng.uniform(-2, 3) for _ in range(points)]))
    return Lesson(network=net, recap=net, data=data)


def numpy_trace(net: dict, dosages: list[float]) -> list[dict]:
    """Every value at each dosage, from the network's JSON by numpy: the rows `trace --json`
    gives, worked out here (a second implementation: the explorer's is JavaScript)."""
    hidden = ACTIVATIONS[net["hidden_activation"]]
    output = ACTIVATIONS["identity" if net["output_activation"] == "none" else net["output_activation"]]
    d = np.array(dosages, dtype=float)
    rows = [{"dosage": float(v)} for v in d]
    total = np.zeros_like(d)
    for name, node in zip(PLACES[len(net["hidden"])], net["hidden"]):
        x = node["weight"] * d + node["bias"]
        y = hidden(x)
        scaled = y * node["output_weight"]
        total = total + scaled
        for i, row in enumerate(rows):
            row[name] = {"x": float(x[i]), "y": float(y[i]), "scaled": float(scaled[i])}
    for i, row in enumerate(rows):
        row.update(sum=float(total[i]), biased=float(total[i] + net["final_bias"]))
        row["output"] = float(output(np.array(row["biased"])))
    return rows


@pytest.mark.parametrize("n, hidden, output", [(1, "relu", "relu"), (3, "softplus", "identity"), (8, "relu", "relu")])
def test_trace_and_gradient_for_1_3_and_8_nodes_equal_numpy_and_the_model(explorer, tmp_path, n, hidden, output):
    rng = random.Random(f"{SEED}{n}")
    lesson = random_nodes_lesson(rng, n, hidden, output)
    net = network_json(lesson)
    assert len(net["hidden"]) == n and net["schema"] == 2
    dosages = [rng.uniform(-0.5, 1.5) for _ in range(20)] + [0.0, 0.5, 1.0]
    # a bend exactly on a dosage (ReLU's slope there is the choice the gradient takes)
    net["hidden"][0]["bias"] = -net["hidden"][0]["weight"] * lesson.data.dosage[1]
    set_network(explorer, net)
    assert get(explorer, "el.network") == net  # the list form, exactly
    rows = get(explorer, f"el.trace({json.dumps(dosages)})")
    assert [list(row) for row in rows] == [["dosage", *PLACES[n], "sum", "biased", "output"]] * len(dosages)
    close(rows, numpy_trace(net, dosages), f"numpy, {n} nodes")
    lesson = load_lesson(_write(tmp_path, net))
    close(rows, trace_cli(lesson, dosages, tmp_path), f"trace --json, {n} nodes")
    for at_zero in (0, 1):
        result = get(explorer, f"el.gradient({at_zero})")
        expected = gradient(lesson.network, lesson.data, at_zero)
        assert sorted(result["gradient"]) == sorted(expected) and len(expected) == 3 * n + 1
        for name, value in expected.items():
            assert result["gradient"][name] == pytest.approx(value, abs=1e-9, rel=1e-12), (name, SEED)


def _write(tmp_path: Path, net: dict) -> Path:
    """The network's JSON as a network file (TOML), written by relu-anim from what it reads."""
    from relu_anim.model.files import network_file_from_table

    path = tmp_path / f"{net['name']}.toml"
    path.write_text(format_network_file(network_file_from_table(net, path)))
    return path


def test_the_network_property_reads_both_forms_and_gives_the_list_form(explorer, tmp_path):
    part3 = network_json(load_lesson("part3"))
    old = _old_form(part3)
    assert "hidden" not in old and "schema" not in old
    set_network(explorer, old)
    assert get(explorer, "el.network") == part3  # the first form read, the list form given
    assert get(explorer, "[el.network.top.weight, el.network.bottom.output_weight]") == [1.7, 2.7]
    assert get(explorer, "Object.keys(el.network)") == list(part3)  # .top and .bottom: not in its JSON
    three = random_nodes_lesson(random.Random(SEED), 3)
    net = network_json(three)
    set_network(explorer, net)
    assert get(explorer, "el.network") == net
    path = tmp_path / "three.toml"
    path.write_text(get(explorer, "el.toml()"))
    assert read_network_file(path).network == three.network  # the download reads back exactly
    assert path.read_text() == format_network_file(
        NetworkFile(three.network, three.data, three.names),
        "Saved from <relu-explorer>; relu-anim render --network FILE renders it.",
    )
    get(explorer, "el.show({focus: 'bottom'})")  # a stage's moment: the last node, whatever its count
    assert explorer.evaluate(f"""[...document.querySelector('{EL}').shadowRoot
        .querySelectorAll('figure.focused')].map(f => f.className)""") == ["bottom focused"]


def nodes_shown(page) -> dict:
    """What the page shows of the nodes: charts, tabs, control groups, values table rows."""
    return page.evaluate(f"""() => {{ const root = document.querySelector('{EL}').shadowRoot;
        const all = s => [...root.querySelectorAll(s)];
        return {{charts: all('figure').map(f => f.className.split(' ')[0]),
                 tabs: all('.tabs button').map(b => b.dataset.chart),
                 groups: all('.node-group').map(g => g.getAttribute('aria-label') || g.textContent.split(' node')[0]),
                 rows: all('tr[data-row]').map(r => r.dataset.row),
                 sliders: all('input[type=range]').map(s => s.dataset.key)}}; }}""")


def test_add_and_remove_nodes_by_keyboard_the_others_keep_their_numbers(explorer, browser):
    part3 = network_json(load_lesson("part3"))
    before = get(explorer, "el.trace([0, 0.25, 0.5, 0.75, 1])")
    add = explorer.locator(f"{EL} button.add")
    add.focus()
    explorer.keyboard.press("Enter")
    net = get(explorer, "el.network")
    assert net["hidden"][:2] == part3["hidden"] and len(net["hidden"]) == 3
    new = net["hidden"][2]
    # its bend in the middle of the widest stretch of dosages without one: part3's nodes bend
    # at 0.5 and 0, so 0 to 0.5 and 0.5 to 1 are as wide; the first is taken
    assert new["output_weight"] == 0 and -new["bias"] / new["weight"] == pytest.approx(0.25)
    after = get(explorer, "el.trace([0, 0.25, 0.5, 0.75, 1])")
    assert [r["output"] for r in after] == [r["output"] for r in before]  # nothing changes until it is weighted
    focused = explorer.evaluate(f"document.querySelector('{EL}').shadowRoot.activeElement.dataset.key")
    assert focused == "bottom.weight"  # the new node's first slider: the reader goes on from there
    shown = nodes_shown(explorer)
    names = PLACES[3]
    assert shown["charts"] == ["diagram", "pieces", "output", *names]
    assert shown["rows"] == [f"{w}.{q}" for w in names for q in ("x", "y", "scaled")] + [
        "sum",
        "biased",
        "output",
        "ssr",
    ]
    assert shown["sliders"] == ["dosage", *[f"{w}.{f}" for w in names for f in ("weight", "bias", "output_weight")]] + [
        "final_bias"
    ]
    check_readout_n(explorer, net, 0.5)
    # the new node's output weight by its field; the link keeps the count and every value
    control(explorer, "bottom.output_weight").fill("3")
    control(explorer, "bottom.output_weight").press("Tab")
    assert "nodes=3" in explorer.url and "bottom.output_weight=3" in explorer.url
    other = browser.new_page()
    other.goto(explorer.url)
    other.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(other, "el.network") == get(explorer, "el.network")
    other.close()
    for _ in range(5):
        add.focus()
        explorer.keyboard.press("Enter")
    assert len(get(explorer, "el.network.hidden")) == 8
    assert add.is_disabled()  # 8 at most: the button says so by being off
    eight = get(explorer, "el.network.hidden")
    assert nodes_shown(explorer)["tabs"] == ["diagram", *PLACES[8], "pieces", "output"]
    # remove a chosen node (the second) by keyboard: the others keep their numbers, top first
    remove = explorer.locator(f"{EL} button.remove[data-node='second']")
    assert remove.get_attribute("aria-label") == "Remove the second node"
    remove.focus()
    explorer.keyboard.press("Enter")
    assert get(explorer, "el.network.hidden") == eight[:1] + eight[2:]
    assert not add.is_disabled()
    assert explorer.evaluate(f"document.querySelector('{EL}').shadowRoot.activeElement.className") == "add"
    while len(get(explorer, "el.network.hidden")) > 1:
        explorer.locator(f"{EL} button.remove").last.click()
    assert get(explorer, "el.network.hidden") == eight[:1]  # removing the last each time: the top one stays
    assert explorer.locator(f"{EL} button.remove").is_disabled()  # one node at least
    assert get(explorer, "el.removeNode(0)") is False
    assert nodes_shown(explorer)["charts"] == ["diagram", "pieces", "output", "hidden"]
    check_readout_n(explorer, get(explorer, "el.network"), 0.5)
    explorer.locator(f"{EL} button.reset").click()
    assert get(explorer, "el.network") == part3
    assert explorer.errors == []


def check_readout_n(page, net: dict, dosage: float) -> None:
    """Every number in the values table, exact and as shown, against numpy_trace."""
    page.evaluate(f"document.querySelector('{EL}').dosage = {dosage}")
    row = numpy_trace(net, [dosage])[0]
    expected = {f"{name}.{q}": row[name][q] for name in PLACES[len(net["hidden"])] for q in ("x", "y", "scaled")}
    expected.update(sum=row["sum"], biased=row["biased"], output=row["output"])
    cells = page.evaluate(f"""() => Object.fromEntries([...document.querySelector('{EL}').shadowRoot
        .querySelectorAll('td[data-q]')].map(td => [td.dataset.q, [Number(td.dataset.exact), td.textContent]]))""")
    assert set(cells) == set(expected) | {"ssr"}
    for q, value in expected.items():
        assert cells[q][0] == pytest.approx(value, abs=1e-9), q
        assert cells[q][1] == fmt(value), q


def slider_charts(n: int) -> dict[str, str | None]:
    """The chart each slider of an n-node network moves (tests/browser.py's SLIDER_CHARTS for n)."""
    charts: dict[str, str | None] = {"dosage": None}
    for name in PLACES[n]:
        charts.update({f"{name}.weight": name, f"{name}.bias": name, f"{name}.output_weight": "pieces"})
    charts["final_bias"] = "pieces"
    return charts


@pytest.mark.parametrize("n, theme", [(1, "light"), (3, "dark"), (8, "light"), (8, "dark")])
def test_on_a_phone_1_3_and_8_nodes_each_slider_and_its_chart_share_the_screen(browser, explore_dir, n, theme):
    context = browser.new_context(viewport=PHONE, color_scheme=theme)
    tab = context.new_page()
    tab.goto((explore_dir / "index.html").as_uri())
    tab.wait_for_function("document.querySelector('relu-explorer').network !== null")
    set_network(tab, network_json(spread_lesson(n)))
    assert nodes_shown(tab)["tabs"] == ["diagram", *PLACES[n], "pieces", "output"]
    check_explorer_on_a_phone(tab, slider_charts(n))
    context.close()


@pytest.mark.parametrize("theme, width, height", [("light", 1280, 900), ("dark", 375, 667)])
def test_axe_core_finds_nothing_with_8_nodes(browser, explore_dir, axe_source, theme, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    tab = context.new_page()
    tab.goto((explore_dir / "index.html").as_uri())
    tab.wait_for_function("document.querySelector('relu-explorer').network !== null")
    set_network(tab, network_json(spread_lesson(8)))
    result = run_axe(tab, axe_source)
    assert result["violations"] == [], result["violations"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_node_is_drawn_in_its_colour_of_the_themes_palette(explorer, theme):
    from relu_anim.theme import THEMES

    if not hasattr(THEMES[theme], "node_colors"):
        pytest.skip("Theme.node_colors (the palette of eight) comes with the diagram's branch, s34-diagram")
    explorer.evaluate(f"document.querySelector('{EL}').setAttribute('theme', '{theme}')")
    for n in (1, 3, 8):
        set_network(explorer, network_json(random_nodes_lesson(random.Random(SEED), n)))
        found = explorer.evaluate(f"""() => {{ const root = document.querySelector('{EL}').shadowRoot;
            return [...root.querySelectorAll('figure.pieces .curve.node')].map(e => getComputedStyle(e).stroke); }}""")
        assert found == [_rgb(c) for c in THEMES[theme].node_colors(n)], (theme, n)


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_explore_opens_on_a_1_3_1_network_file(page, tmp_path):
    lesson = random_nodes_lesson(random.Random(SEED), 3)
    path = tmp_path / "three.toml"
    path.write_text(format_network_file(NetworkFile(lesson.network, lesson.data, lesson.names)))
    out = tmp_path / "explore"
    result = CliRunner().invoke(main, ["explore", "--network", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("document.querySelector('relu-explorer').network !== null")
    assert get(page, "el.network") == json.loads((out / "random3.network.json").read_text())
    assert [n["weight"] for n in get(page, "el.network.hidden")] == [n.weight for n in lesson.network.hidden]
    assert nodes_shown(page)["charts"] == ["diagram", "pieces", "output", *PLACES[3]]
    assert page.errors == []


DIAGRAM_OVERLAPS = """el => { const svg = el.shadowRoot.querySelector('figure.diagram svg'), view = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; });
  const lines = [...svg.querySelectorAll('line.link')].map(l => ['line', ...['x1', 'y1', 'x2', 'y2'].map(a => Number(l.getAttribute(a)))])
    .map(([n, x1, y1, x2, y2]) => [n, Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]);
  const units = [...svg.querySelectorAll('.unit')].map(u => { const b = u.getBBox(); return ['unit', b.x, b.y, b.x + b.width, b.y + b.height]; });
  const meet = (a, b) => a[1] < b[3] && b[1] < a[3] && a[2] < b[4] && b[2] < a[4];
  const within = (a, u) => a[1] >= u[1] && a[3] <= u[3] && a[2] >= u[2] && a[4] <= u[4];
  const found = [];
  texts.forEach((a, i) => {
    if (a[1] < 0 || a[2] < 0 || a[3] > view.width || a[4] > view.height) found.push([a[0], 'outside']);
    texts.slice(i + 1).forEach(b => { if (meet(a, b)) found.push([a[0], b[0]]); });
    if (units.some(u => within(a, u))) return;  // on a node's fill, which covers the edges under it
    units.forEach(u => { if (meet(a, u)) found.push([a[0], 'across a node']); });
    lines.forEach(l => { if (meet(a, l)) found.push([a[0], l.slice(1).map(Math.round).join(',')]); });
  });
  return found; }"""


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 667)])
def test_the_diagrams_words_clear_each_other_and_every_edge_for_1_and_3_to_8_nodes(browser, explore_dir, width, height):
    """Any count but the lesson's two (drawn as ever, with slanted edges): each label's box
    meets no other label and no edge, and stays inside the picture, wide and on a phone."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto((explore_dir / "index.html").as_uri())
    tab.wait_for_function("document.querySelector('relu-explorer').network !== null")
    el = tab.locator(EL)
    for n in (1, 3, 4, 5, 6, 7, 8):
        lesson = spread_lesson(n)
        net = network_json(lesson)
        for node in net["hidden"]:  # the widest numbers a label shows: "× −88.88", "+ (−88.88)"
            node.update(weight=-88.88, bias=-88.88, output_weight=-88.88)
        set_network(tab, net)
        tab.evaluate(f"document.querySelector('{EL}').dosage = 0.5")
        assert el.evaluate(DIAGRAM_OVERLAPS) == [], (n, width)
    context.close()
