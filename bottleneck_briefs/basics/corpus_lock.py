"""One writer at a time: the commands that write the corpus hold a lock on its folder.

Without it, `import` while `fmt` (or a second `import`) runs reads the corpus,
the other run replaces a file, and the import's write brings back the old file
without the other run's change, or the other way round; both report success.

The lock is `flock` on the corpus folder itself (a folder can be opened and
locked like a file), so there is no lock file to leave behind, to commit or to
clean up, and the kernel drops the lock when its holder ends in any way, also
by SIGKILL: a stale lock cannot exist. A run that finds the folder locked says
so once and waits a bounded time, then gives up with a clear error and changes
nothing. The writer reads the corpus only after it holds the lock.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_TIMEOUT = 60.0  # seconds: longer than any import or fmt of a corpus within the limits
POLL_INTERVAL = 0.05
WAITING_MESSAGE = "waiting for another bottlenecks run that writes the corpus…"

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]


class CorpusLockedError(Exception):
    """Another run kept the corpus locked for longer than we would wait."""


def _say_waiting() -> None:
    print(WAITING_MESSAGE, file=sys.stderr, flush=True)


@contextmanager
def corpus_lock(
    corpus_dir: Path, timeout: float | None = None, on_wait: Callable[[], None] = _say_waiting
) -> Iterator[None]:
    """Hold the corpus folder's lock for the duration of the block.

    `on_wait` is called once when another run holds the lock; after `timeout`
    seconds (default DEFAULT_TIMEOUT) CorpusLockedError is raised. A folder that does not exist is not locked:
    the command's own check names it."""
    try:
        descriptor = os.open(corpus_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        _acquire(descriptor, Path(corpus_dir), DEFAULT_TIMEOUT if timeout is None else timeout, on_wait)
        yield
    finally:
        os.close(descriptor)  # closing the only descriptor releases the lock


def _acquire(descriptor: int, corpus_dir: Path, timeout: float, on_wait: Callable[[], None]) -> None:
    if fcntl is None:
        return  # no advisory locks on this platform; see README, "All or nothing"
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                # a file system without flock (some network mounts): better to write unlocked than not at all
                print(
                    f"warning: cannot lock {corpus_dir} ({error.strerror}); a second run writing the corpus "
                    "at the same time could undo this one's changes",
                    file=sys.stderr,
                )
                return
        if not waited:
            on_wait()
            waited = True
        if time.monotonic() >= deadline:
            raise CorpusLockedError(
                f"{corpus_dir}: another bottlenecks run has been writing the corpus for more than "
                f"{timeout:.0f} s; nothing was changed. Try again when it has finished."
            )
        time.sleep(POLL_INTERVAL)
