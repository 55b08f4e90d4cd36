"""The privacy guard of a large corpus, run in forked processes while the files are still being read.

The guard (privacy_guard.privacy_problems) needs only the parsed files, and
judges each file on its own (its acknowledgements are its own). So every
time another CHUNK_BYTES of published files has been read, a second process
(basics/beside) guards them while this one reads on and validates; at
5,000 statements the guard then costs the load almost no time. A corpus
smaller than one chunk is guarded here, when asked for: starting a process
would cost more than the guard.
"""

from __future__ import annotations

import contextlib

from bottleneck_briefs.basics.beside import Beside, computed_beside
from bottleneck_briefs.corpus.privacy_guard import guarded_files
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile

CHUNK_BYTES = 256 * 1024  # some 0.1 s of guarding, less than reading as much takes


class GuardMeanwhile:
    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack  # ends the processes, should the load end early
        self._started: list[Beside[list[Problem]]] = []
        self._waiting: list[YamlFile] = []
        self._waiting_size = 0

    def add(self, document: YamlFile) -> None:
        """A published file, as soon as it is read."""
        self._waiting.append(document)
        self._waiting_size += len(document.source)
        if self._waiting_size >= CHUNK_BYTES:
            self._start(fork=True)

    def _start(self, fork: bool) -> None:
        self._started.append(self._stack.enter_context(computed_beside(guarded_files, self._waiting, fork=fork)))
        self._waiting, self._waiting_size = [], 0

    def finish_reading(self) -> None:
        """Every file is read: the last of them are guarded beside the validation too, in a large corpus."""
        if self._waiting:
            self._start(fork=bool(self._started))

    def problems(self) -> list[Problem]:
        self.finish_reading()
        return [problem for started in self._started for problem in started.result()]
