"""SIGTERM (a `kill`, a service manager, a closed CI job) is handled like Ctrl-C.

Python's default for SIGTERM ends the process at once: no `finally`, no
context manager's exit, so worker processes and temporary files would stay.
As a KeyboardInterrupt it unwinds like Ctrl-C does, cleaning up on the way.
"""

from __future__ import annotations

import signal
from types import FrameType


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # One stop is enough: a second SIGTERM (a service manager repeating itself) must not cut the
    # clean-up of the first short or escape it as an unhandled interrupt.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def terminate_like_interrupt() -> None:
    """From now on, SIGTERM raises KeyboardInterrupt in the main thread."""
    signal.signal(signal.SIGTERM, _interrupt)


def forget_interrupt_ended_exec() -> None:
    """Let `python -m` end with the command's own exit status after a handled interrupt.

    CPython (3.11, 3.12) marks a KeyboardInterrupt that ends a string exec()
    as unhandled even when a caller catches it, and under `python -m` it then
    ends the process by SIGINT instead of with the status click chose. A kill
    arriving while dataclasses or namedtuple build their methods (they use a
    string exec) did so. A string exec that completes clears that mark.
    """
    exec("pass")
