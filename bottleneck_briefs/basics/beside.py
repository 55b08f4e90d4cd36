"""Compute one thing in a forked process while this one goes on: a second core's worth of wall time.

For work that needs nothing the rest of a command makes (reading some of a
large corpus's files, guarding them for personal data). The child is a fork:
it has every object of the parent without a copy, and sends back only its
result, pickled, through a pipe. It writes no file and ends when its work is
done; a Ctrl-C reaching the process group ends it at once.

Whatever goes wrong in the child (an exception, a kill, a result that does not
pickle) costs only time: the parent then computes the result itself, so a
result never depends on whether a second process was used.

`detached` is for work whose result nobody waits for (storing a cache file):
it runs in a process of its own that outlives this one if need be, with no
terminal and no pipe of this one's, so the command ends without waiting; when
`detached` returns, that process holds none of this one's descriptors (the
corpus lock among them).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from bottleneck_briefs.basics.processes import available_cores

T = TypeVar("T")


class Beside(Generic[T]):
    """`function(*args)`, being computed in a child process (or, where that cannot be, when asked for)."""

    def __init__(self, function: Callable[..., T], *args: object, fork: bool = True) -> None:
        self._function, self._args = function, args
        self._pid: int | None = None
        self._reading: int | None = None
        # a fork copies only the forking thread: with others running, a lock one of them holds would stay held
        if fork and hasattr(os, "fork") and available_cores() > 1 and threading.active_count() == 1:
            self._start()

    def _start(self) -> None:
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process left to fork: compute it here
            os.close(reading)
            os.close(writing)
            return
        if pid == 0:
            self._run_child(reading, writing)  # never returns
        os.close(writing)
        self._pid, self._reading = pid, reading

    def _run_child(self, reading: int, writing: int) -> None:
        status = 1
        try:
            os.close(reading)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            data = pickle.dumps(self._function(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing, "wb") as stream:
                stream.write(data)
            status = 0
        finally:
            # never the parent's clean-up: no atexit handler, no flush of the parent's buffered output
            os._exit(status)

    def result(self) -> T:
        if self._pid is None or self._reading is None:
            return self._function(*self._args)
        reading, self._reading = self._reading, None
        with os.fdopen(reading, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0 and data:
            with contextlib.suppress(Exception):
                return pickle.loads(data)  # written by this program's own child, never read from a file
        return self._function(*self._args)

    def stop(self) -> None:
        """End the child, if it still runs, and reap it (when the caller no longer wants the result)."""
        if self._reading is not None:
            os.close(self._reading)
            self._reading = None
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = None


@contextlib.contextmanager
def computed_beside(function: Callable[..., T], *args: object, fork: bool = True) -> Iterator[Beside[T]]:
    """`with computed_beside(f, x) as later: ...; later.result()`: the child never outlives the block."""
    beside = Beside(function, *args, fork=fork)
    try:
        yield beside
    finally:
        beside.stop()


def detached(function: Callable[..., object], *args: object) -> bool:
    """Run `function(*args)` in a process of its own that nobody waits for; False: it could not be started
    (then nothing ran). The work must be safe to cut off at any moment (a file written whole or not at all)."""
    if not hasattr(os, "fork") or available_cores() < 2 or threading.active_count() > 1:
        return False
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid == 0:
        status = 1
        try:
            # A grandchild does the work: this child ends as soon as the grandchild has let go of this command's
            # descriptors and is reaped below, and the grandchild, adopted by the system, never stays behind as a
            # zombie of a long-running parent (`serve`).
            let_go, letting_go = os.pipe()
            if os.fork() == 0:
                os.setsid()  # out of the terminal's process group: a Ctrl-C after the command does not reach it
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):  # the caller reading this command's output does not wait for it
                    os.dup2(quiet, stream)
                # nor does anything else this command holds open: the corpus lock (a flock) above all, which a
                # descriptor left open here would hold after the command has ended (the pipe's end too: closed,
                # it tells this child that the grandchild holds nothing any more)
                os.closerange(3, os.sysconf("SC_OPEN_MAX"))
                function(*args)
            else:
                os.close(letting_go)
                os.read(let_go, 1)  # the end of the pipe: the grandchild has closed its descriptors (or ended)
            status = 0
        finally:
            os._exit(status)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return status == 0
