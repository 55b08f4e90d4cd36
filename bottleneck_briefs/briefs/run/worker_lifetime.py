"""PDF workers end with the run that started them, and leave no scratch folder behind.

A worker is a forked process holding ~100 MB. If its parent is killed
(SIGKILL, the OOM killer, a closed terminal), nothing would stop it, and its
scratch folder would stay in /tmp. So on Linux each worker asks the kernel
for a signal when its parent dies (prctl PR_SET_PDEATHSIG), removes the
scratch folder and exits; elsewhere a thread watches for the parent to go.
Scratch folders carry their run's process id, so a later run removes those
whose run is gone (a kill of every process at once leaves one behind).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from bottleneck_briefs.basics.processes import process_alive

SCRATCH_PREFIX = "bottlenecks-pdf-"
_SCRATCH_NAME = re.compile(re.escape(SCRATCH_PREFIX) + r"(\d+)-")
_PR_SET_PDEATHSIG = 1


def make_scratch_folder() -> str:
    """A new scratch folder named for this process, after removing those of runs that are gone."""
    remove_stale_scratch_folders()
    return tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")


def remove_stale_scratch_folders(folder: str | None = None) -> list[Path]:
    """Remove scratch folders of this user whose run no longer exists; returns what was removed."""
    removed: list[Path] = []
    base = Path(folder or tempfile.gettempdir())
    try:
        entries = list(base.glob(f"{SCRATCH_PREFIX}*"))
    except OSError:
        return removed
    for path in entries:
        match = _SCRATCH_NAME.match(path.name)
        try:
            mine = path.is_dir() and not path.is_symlink() and path.stat().st_uid == os.getuid()
        except OSError:
            continue
        if match and mine and not process_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def end_with_parent(parent_pid: int, scratch: str) -> None:
    """In a worker: when the parent is gone, remove the scratch folder and exit at once."""

    def parent_gone(signum: int | None = None, frame: FrameType | None = None) -> None:
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

    # Ctrl-C reaches the whole process group; the parent handles it and stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, parent_gone)  # the parent's terminate(), or the kernel's notice below
    if sys.platform.startswith("linux") and _ask_for_death_signal():
        if os.getppid() != parent_pid:  # the parent died before the request was made
            parent_gone()
        return
    threading.Thread(target=_watch_parent, args=(parent_pid, parent_gone), daemon=True).start()


def _ask_for_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, parent_gone: Callable[[], None]) -> None:
    stop = threading.Event()
    while not stop.wait(0.5):
        if os.getppid() != parent_pid:
            parent_gone()
