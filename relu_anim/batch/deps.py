"""What a render read: the source files behind a stage's pictures, like a compiler's
depfile (``gcc -MD``, ninja's ``deps``). No Manim here.

After rendering, the worker lists every module that is loaded in its process *and*
reachable by import statements from the stage's scene module or from the render
itself (:mod:`relu_anim.render`), keeping only source that is ours to edit: the
relu_anim package, its scenes and any user scene module, but not the standard
library nor site-packages (their versions are in the inputs hash). A worker renders
many stages, so "loaded" alone would also list the scenes of earlier jobs; "reachable
from this stage" drops them, and "loaded" drops imports a render never ran.

The parts of the package that only drive batches (:data:`NOT_DRAWING`: the CLI, the
batch engine, the lecture package, the test plugin) are left out even when loaded:
editing them re-renders nothing.

Each file is kept as ``{"module", "path", "sha256"}`` in the stage's record
(:mod:`.plan`). The up-to-date check hashes exactly those files again (at the
recorded path, else where this machine finds the module: a record made on another
machine of a cluster); a record without the list, or with a file gone or changed, is
out of date.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import sys
import sysconfig
from pathlib import Path

from ..ownership import sha256_of as file_sha256  # one hash function for every record

PACKAGE = "relu_anim"
RENDER_MODULE = "relu_anim.render"
#: Parts of the package that never change a picture (module names, prefixes).
NOT_DRAWING = ("relu_anim.cli", "relu_anim.__main__", "relu_anim.batch", "relu_anim.lecture", "relu_anim.testing")


def render_reads(stage_module: str) -> list[dict]:
    """The files this process's render of ``stage_module`` read (see above), sorted."""
    seen, todo = set(), [stage_module, RENDER_MODULE]
    while todo:
        name = todo.pop()
        if name in seen or name not in sys.modules:
            continue
        seen.add(name)
        path = _source(sys.modules[name])
        if path is None or not _is_ours(name, path):
            continue  # the standard library and site-packages: their versions are hashed
        todo += _parents(name)
        todo += [imported for imported in _imports(name, str(path)) if imported in sys.modules]
    reads = []
    for name in sorted(seen):
        path = _source(sys.modules[name])
        if path is not None and _is_ours(name, path) and not _not_drawing(name):
            reads.append({"module": name, "path": str(path), "sha256": file_sha256(path)})
    return reads


def reads_current(reads) -> bool:
    """Whether every file of a record's ``reads`` list still has its recorded hash."""
    if not isinstance(reads, list) or not reads:
        return False
    for item in reads:
        try:
            path = _locate(item["module"], item["path"])
            if path is None or file_sha256(path) != item["sha256"]:
                return False
        except (OSError, KeyError, TypeError):
            return False
    return True


def _locate(module: str, recorded: str) -> Path | None:
    """Where ``module``'s source is here: at its recorded path, else (a record made on
    another machine of a cluster) where this machine would import it from. The
    recorded path comes first: finding a module imports its parent packages, and
    ``relu_anim.components`` imports Manim."""
    path = Path(recorded)
    if path.is_file():
        return path
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return None
    return Path(spec.origin)


def _source(module) -> Path | None:
    file = getattr(module, "__file__", None)
    if not file or not file.endswith(".py"):
        return None
    return Path(file).resolve()


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@functools.cache
def _library_dirs() -> tuple[Path, ...]:
    """The standard library's and site-packages' folders (base and virtual env)."""
    dirs = set()
    for scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}):
        paths = sysconfig.get_paths(vars=scheme_vars) if scheme_vars else sysconfig.get_paths()
        dirs |= {Path(paths[key]).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    return tuple(dirs)


def _is_ours(name: str, path: Path) -> bool:
    if name == PACKAGE or name.startswith(PACKAGE + "."):
        return True  # the package and its scenes, wherever they are installed
    return not any(path.is_relative_to(folder) for folder in _library_dirs())


def _not_drawing(name: str) -> bool:
    return any(name == part or name.startswith(part + ".") for part in NOT_DRAWING)


@functools.cache
def _imports(name: str, path: str) -> tuple[str, ...]:
    """Absolute names of every module an import statement in the file may bring in
    (``from a import b`` gives ``a`` and ``a.b``: b may be a module)."""
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return ()
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module, node.level, package)
            if base is None:
                continue
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
    return tuple(found)


def _resolve(module: str | None, level: int, package: str) -> str | None:
    if level == 0:
        return module
    try:
        return importlib.util.resolve_name("." * level + (module or ""), package)
    except (ImportError, ValueError):
        return None


__all__ = ["file_sha256", "reads_current", "render_reads"]
