"""Scenes to play, from a name or a file: a stage by its name, or a ``manim.Scene``
subclass from ``path/to/file.py[:SceneName]`` (run as a module). A scene file that does
not load (a syntax error, an exception, ``sys.exit``) is one :class:`FramesError` line
naming the file and the line where it failed (:func:`line_in`). No Manim import until
a file is loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..stages import CARDS, STAGES, Stage, UnknownStage, get_stage


class FramesError(ValueError):
    """A moment that is not in the scene, or a scene that cannot be played."""


def scene_name(scene: type | Stage | str) -> str:
    """A stage's name, or a scene class's name in kebab case (``MyScene`` -> ``my-scene``)."""
    if isinstance(scene, str):
        scene = resolve_scene(scene)
    if isinstance(scene, Stage):
        return scene.name
    for stage in (*STAGES, *CARDS):
        if stage.plays(scene):
            return stage.name
    return re.sub(r"(?<!^)(?=[A-Z])", "-", scene.__name__).lower()


def is_scene_file(spec: str) -> bool:
    """Whether ``spec`` names a Python file (``path/to/file.py`` or ``file.py:Scene``)."""
    return spec.partition(":")[0].endswith(".py")


def resolve_scene(spec: str, name: str | None = None) -> type | Stage:
    """A stage by its name, or a scene class from a file: ``"file.py:SceneName"``, or
    ``"file.py"`` with ``name`` (as ``manim file.py SceneName`` takes it), or ``"file.py"``
    alone when it defines one scene. Raises :class:`FramesError` (one line) otherwise."""
    if not is_scene_file(spec):
        if name:
            raise FramesError(f"{spec!r} is a stage; a scene name goes with a file (file.py SceneName)")
        try:
            return get_stage(spec)
        except UnknownStage as error:
            raise FramesError(str(error)) from None
    path_text, _, in_spec = spec.partition(":")
    if in_spec and name and in_spec != name:
        raise FramesError(f"two scene names: {in_spec!r} and {name!r}")
    return load_scene_file(path_text, in_spec or name)


def load_scene_file(path: Path | str, name: str | None = None) -> type:
    """The scene class ``name`` defined in the Python file ``path`` (run as a module, its
    folder importable while it loads)."""
    import importlib.util
    import sys

    from manim import Scene

    path = Path(path)
    if not path.is_file():
        raise FramesError(f"{path}: no such file")
    module_name = "relu_anim_scene_" + re.sub(r"\W", "_", str(path.resolve()))
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    sys.path.insert(0, str(path.resolve().parent))
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        raise FramesError(f"{path}: line {error.lineno}: {error.msg}") from None
    except Exception as error:  # the file's own code failed: say what, in one line
        raise FramesError(f"{path}{line_in(path, error)}: cannot load it: {type(error).__name__}: {error}") from None
    except SystemExit as error:  # not the end of relu-anim: a scene file that stops is one that failed
        raise FramesError(f"{path}{line_in(path, error)}: cannot load it: it called sys.exit({error.code!r})") from None
    finally:
        sys.path.remove(str(path.resolve().parent))
    scenes = [
        v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Scene) and v.__module__ == module_name
    ]
    if name is None:
        if len(scenes) == 1:
            return scenes[0]
        listed = ", ".join(s.__name__ for s in scenes) or "none"
        raise FramesError(f"{path}: name the scene (file.py:SceneName); it defines {listed}")
    found = getattr(module, name, None)
    if not (isinstance(found, type) and issubclass(found, Scene)):
        listed = ", ".join(s.__name__ for s in scenes) or "none"
        raise FramesError(f"{path}: no scene named {name!r} (it defines {listed})")
    return found


def line_in(path: Path | str, error: BaseException) -> str:
    """``" (line 6)"``: the last line of the scene file ``path`` that ``error`` passed
    through (where the file's own code failed), or ``""``."""
    import traceback

    file = Path(path).resolve()
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve() == file]
    return f" (line {lines[-1]})" if lines else ""


def is_lesson_scene(scene_class: type) -> bool:
    """Whether ``scene_class`` is a lesson's scene (it takes ``lesson=``, it has beats)."""
    from ..scene import LessonScene

    return issubclass(scene_class, LessonScene)
