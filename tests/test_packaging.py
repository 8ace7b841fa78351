"""The installed package carries every module: the library, its components, the scenes."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def data_files() -> list[Path]:
    return [
        p
        for p in (ROOT / "relu_anim").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]


def dotted(folder: Path) -> str:
    return ".".join(folder.relative_to(ROOT).parts)


def test_every_package_is_listed_for_installation():
    """Python packages, and the folders of data files (networks/, templates/, static/),
    which current setuptools wants listed as packages too."""
    config = setuptools_config()
    python = {dotted(init.parent) for init in (ROOT / "relu_anim").rglob("__init__.py")}
    data = {dotted(path.parent) for path in data_files()}
    assert set(config["packages"]) == python | data | {"relu_anim.scenes"}
    assert config["package-dir"] == {"relu_anim.scenes": "scenes"}  # scenes/ ships as relu_anim.scenes
    assert (ROOT / "scenes" / "__init__.py").exists()


def test_the_preset_networks_ship_as_package_data():
    shipped = setuptools_config()["package-data"]["relu_anim.model.networks"]
    on_disk = sorted(p.name for p in (ROOT / "relu_anim" / "model" / "networks").glob("*.toml"))
    assert on_disk == ["one-node.toml", "part1.toml", "part3.toml", "two-bumps.toml"]
    assert all(any(Path(name).match(pattern) for pattern in shipped) for name in on_disk)


def test_files_that_are_not_python_ship_as_package_data():
    """The lecture page's HTML, CSS and JS (and any other data file under relu_anim/) are
    covered by a package-data pattern of their folder, so a non-editable install carries them."""
    import fnmatch

    patterns = setuptools_config().get("package-data", {})
    files = data_files()
    assert any(p.suffix == ".html" for p in files)
    for path in files:
        assert any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns.get(dotted(path.parent), [])), path
