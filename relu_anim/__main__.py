"""``python -m relu_anim`` is ``relu-anim``."""

from .cli import main

main(prog_name="relu-anim")
