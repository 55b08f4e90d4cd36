"""Worker processes end with the run that started them, and the PDF workers leave no scratch folder behind.

A worker is a forked process (a PDF worker holds ~100 MB; the site's make its
brief files). If its parent is killed (SIGKILL, SIGTERM, the OOM killer, a
closed terminal), nothing would stop it, and a PDF worker's scratch folder
would stay in /tmp. So on Linux each worker asks the kernel
for a signal when its parent dies (prctl PR_SET_PDEATHSIG), removes the
scratch folder and exits; elsewhere a thread watches for the parent to go.
Scratch folders (the PDF workers', the site's search index's) carry their
run's process id, so a later run removes those whose run is gone (a kill of
every process at once leaves one behind).

A scratch folder that holds thousands of small files (the search index's)
goes to memory (Linux's /dev/shm) when it has room to spare: on a disk, each
file created and removed costs the kernel a metadata write. A temporary
folder the user names (TMPDIR, TEMP, TMP) is always the one used.
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
_PR_SET_PDEATHSIG = 1
MEMORY_FOLDER = "/dev/shm"
USERS_TEMPORARY_FOLDER = ("TMPDIR", "TEMP", "TMP")  # the variables tempfile.gettempdir() reads


def make_scratch_folder(prefix: str = SCRATCH_PREFIX, room: int | None = None) -> str:
    """A new scratch folder named for this process, after removing those of runs that are gone; in memory when
    `room` (the bytes its files will take) is given and there is room for it twice over."""
    remove_stale_scratch_folders(prefix=prefix)
    parent = memory_folder(room) if room is not None else None
    return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent)


def memory_folder(room: int) -> str | None:
    """MEMORY_FOLDER (Linux's shared memory, a tmpfs) when it has twice `room` bytes free (the memory other programs
    need is not to be taken to its end) and the user names no temporary folder; else None: the system's temporary
    folder."""
    if any(os.environ.get(name) for name in USERS_TEMPORARY_FOLDER):
        return None
    folder = MEMORY_FOLDER
    try:
        if not os.path.isdir(folder) or os.path.islink(folder) or not os.access(folder, os.W_OK | os.X_OK):
            return None
        free = os.statvfs(folder)
    except OSError:
        return None
    return folder if free.f_bavail * free.f_frsize >= 2 * room else None


def remove_stale_scratch_folders(folder: str | None = None, prefix: str = SCRATCH_PREFIX) -> list[Path]:
    """Remove scratch folders of this user whose run no longer exists, in `folder` or else in the system's temporary
    folder and in memory; returns what was removed."""
    if folder is None:
        return [*_remove_stale_in(tempfile.gettempdir(), prefix), *_remove_stale_in(MEMORY_FOLDER, prefix)]
    return _remove_stale_in(folder, prefix)


def _remove_stale_in(folder: str, prefix: str) -> list[Path]:
    removed: list[Path] = []
    base = Path(folder)
    try:
        entries = list(base.glob(f"{prefix}*"))
    except OSError:
        return removed
    name = re.compile(re.escape(prefix) + r"(\d+)-")
    for path in entries:
        match = name.match(path.name)
        try:
            mine = path.is_dir() and not path.is_symlink() and path.stat().st_uid == os.getuid()
        except OSError:
            continue
        if match and mine and not process_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def end_with_parent(parent_pid: int, scratch: str | None = None) -> None:
    """In a worker: when the parent is gone, remove the scratch folder, if any, and exit at once."""

    def parent_gone(signum: int | None = None, frame: FrameType | None = None) -> None:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

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
