"""Files made by a forked process of their own while this one goes on, received when asked for.

The site's open data needs the corpus alone, so it is started before the site's data is built. It is one
plain forked process and a pipe, not a pool: a pool runs threads in this process, and the brief workers
forked after it would copy them mid-work (their locks held by a thread that does not exist in the child).
The process ends with this one (worker_lifetime), leaves Ctrl-C to it, and is killed when the build stops
early. A file that cannot be made raises its error here, where it is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

from bottleneck_briefs.briefs.run.worker_lifetime import end_with_parent

_MAKERS: dict[str, Callable[[], bytes]] = {}  # what the forked process makes, by name (set before the fork)


class ForkedFilesError(Exception):
    """The process ended before it sent every file (it was killed, or ran out of memory)."""


def _make(names: Sequence[str], send: Connection, parent: int) -> None:
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C stops the build, and the build stops this process
    made = {}
    for name in names:  # all made before any is sent: a send waits until the build reads it
        try:
            made[name] = _MAKERS[name]()
        except Exception as error:  # sent back to be raised where a file is asked for
            send.send((name, None, error))
            return
    for name, data in made.items():
        send.send((name, data, None))


class ForkedFiles:
    """`makers[name]()` for each of `names`, in that order, in a forked process; `result(name)` waits for one."""

    def __init__(self, makers: dict[str, Callable[[], bytes]], names: Sequence[str]):
        _MAKERS.clear()
        _MAKERS.update(makers)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_make, args=(list(names), send, os.getpid()), daemon=True)
        self._process.start()
        send.close()  # this process's end: the pipe reports the end of the other as soon as it ends
        self._arrived: dict[str, bytes] = {}

    def result(self, name: str) -> bytes:
        while name not in self._arrived:
            try:
                made, data, error = self._receive.recv()
            except EOFError:
                raise ForkedFilesError(f"{name}: its process ended before it was made") from None
            if error is not None:
                raise error
            self._arrived[made] = data
        return self._arrived[name]

    def stop(self) -> None:
        """End the process, done or not."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receive.close()
