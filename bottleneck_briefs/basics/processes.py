"""Facts about processes: whether one still runs (a leftover of a killed run, or the work of a live one?) and
how many cores this one may use."""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process has that number: treat it as alive, touch nothing
    except OSError:
        return True
    return True


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset and container CPU sets
    except AttributeError:
        return os.cpu_count() or 1
