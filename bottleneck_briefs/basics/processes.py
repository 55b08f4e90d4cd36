"""Whether a process still runs: tells a leftover of a killed run from the work of a live one."""

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
