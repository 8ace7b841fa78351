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

