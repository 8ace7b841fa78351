"""SIGTERM as an exception, so that a terminated command cleans up as Ctrl-C's does.

Python's default SIGTERM ends the process at once: no ``finally:`` runs, so render
workers, temporary folders and half-built packages are left behind. The command line
(:func:`relu_anim.cli.terminate_as_exception`) turns the signal into :class:`Terminated`,
raised where the main thread was, and the code below it needs nothing more than the
``finally:`` (or ``except BaseException:``) blocks it already has for Ctrl-C.

Nothing here imports anything of the package: any module may import it.
"""

from __future__ import annotations

__all__ = ["TERMINATED_EXIT", "Terminated"]

#: The exit status of a command ended by SIGTERM: 128 + 15, as a shell reports one killed by it.
TERMINATED_EXIT = 143


class Terminated(BaseException):
    """The process was sent SIGTERM. A :class:`BaseException`, like
    :class:`KeyboardInterrupt`, so that ``except Exception`` does not swallow it."""
