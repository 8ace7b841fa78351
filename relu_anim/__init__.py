"""relu-anim: StatQuest's "Neural Networks Part 3: ReLU in Action" as Manim animations.

The model (:mod:`relu_anim.model`) computes every number; components draw them;
scenes (``relu_anim.scenes``, the repository's ``scenes/`` folder) animate one stage
of the lesson each; :func:`relu_anim.render.render_stage` writes the videos.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("relu-anim")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
