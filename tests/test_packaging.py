"""The installed package carries every module: the library, its components, the scenes."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "relu_anim").rglob("__init__.py")
    } | {"relu_anim.scenes"}
    assert set(config["packages"]) == on_disk
    assert config["package-dir"] == {"relu_anim.scenes": "scenes"}  # scenes/ ships as relu_anim.scenes
    assert (ROOT / "scenes" / "__init__.py").exists()


def test_the_preset_networks_ship_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    shipped = config["package-data"]["relu_anim.model"]
    on_disk = sorted(p.name for p in (ROOT / "relu_anim" / "model" / "networks").glob("*.toml"))
    assert on_disk == ["part1.toml", "part3.toml"]
    assert all(any(Path("networks", name).match(pattern) for pattern in shipped) for name in on_disk)

def test_files_that_are_not_python_ship_as_package_data():
    """The lecture page's HTML, CSS and JS (and any other data file under relu_anim/) are
    covered by a package-data pattern, so a non-editable install carries them."""
    import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config.get("package-data", {})
    data_files = [p for p in (ROOT / "relu_anim").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
    assert any(p.suffix == ".html" for p in data_files)
    for path in data_files:
        package_dir = next(parent for parent in path.parents if (parent / "__init__.py").exists())
        package = ".".join(package_dir.relative_to(ROOT).parts)
        relative = path.relative_to(package_dir).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns.get(package, [])), relative
