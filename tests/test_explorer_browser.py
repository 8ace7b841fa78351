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
    # dosage, 7 parameters, 3 choices, step/run/reset, download/CSV (the phone's chart tabs are not drawn at 1280)
    assert len(controls) == 2 + 14 + 3 + 3 + 2
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

BAD_NETWORKS = {
    "string weight": ("top", "weight", "lots"),
    "missing bias": ("bottom", "bias", None),
    "huge": (None, "final_bias", 5e7),
    "activation": (None, "hidden_activation", "tanh"),
    "unknown key": ("top", "colour", 1.0),
}


def test_the_api_checks_networks_as_relu_anim_checks_files(explorer):
    from relu_anim.model.files import network_file_from_table

    good = network_json(load_lesson("part3"))
    for label, (table, key, value) in BAD_NETWORKS.items():
        bad = json.loads(json.dumps(good))
        target = bad[table] if table else bad
        if value is None:
            del target[key]
        else:
            target[key] = value
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
