"""The checks that judge each file on its own and decide nothing else, run while the files are still read.

Three checks need only a parsed file and never change what else is judged
(judged_alone): the privacy guard of a published file (privacy_guard; each
file has its own acknowledgements), the warnings where YAML changes a text
without a word (text_warnings) and the depth of Markdown lists. The process
that reads the last files of a large corpus runs them on its own files
(parallel_reading). For the files read here, every time another CHUNK_BYTES
has been read, a second process (basics/beside) runs them on those files
while this one reads on and validates; at 5,000 statements they then cost the
load almost no time. A corpus smaller than one chunk is checked here, when
asked for: starting a process would cost more than the checks.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bottleneck_briefs.basics.beside import Beside, computed_beside
from bottleneck_briefs.corpus.kinds import NOT_PUBLISHED_KINDS, kind_of
from bottleneck_briefs.corpus.markdown_subset import markdown_problems
from bottleneck_briefs.corpus.privacy_guard import privacy_problems, published_texts
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.text_warnings import text_warnings
from bottleneck_briefs.corpus.yaml_document import YamlFile

CHUNK_BYTES = 256 * 1024  # some 0.1 s of checking, less than reading as much takes

Checked = tuple[YamlFile, bool]  # a file, and whether a reader gets its texts (then it is guarded)


class ChecksMeanwhile:
    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack  # ends the processes, should the load end early
        self._started: list[Beside[list[Problem]]] = []
        self._waiting: list[Checked] = []
        self._waiting_size = 0

    def add(self, document: YamlFile, published: bool) -> None:
        """A file, as soon as it is read."""
        self._waiting.append((document, published))
        self._waiting_size += len(document.source)
        if self._waiting_size >= CHUNK_BYTES:
            self._start(fork=True)

    def _start(self, fork: bool) -> None:
        self._started.append(self._stack.enter_context(computed_beside(file_checks, self._waiting, fork=fork)))
        self._waiting, self._waiting_size = [], 0

    def finish_reading(self) -> None:
        """Every file is read: in a large corpus the last of them are checked beside the validation too."""
        if self._waiting:
            self._start(fork=bool(self._started))

    def problems(self) -> list[Problem]:
        self.finish_reading()
        return [problem for started in self._started for problem in started.result()]


def is_published(folder: Path, path: Path) -> bool:
    """Whether a reader gets the texts of the corpus file at `path` (then they are guarded for personal data)."""
    kind = kind_of(path.relative_to(folder).as_posix())
    return kind is not None and kind not in NOT_PUBLISHED_KINDS


def judged_alone(folder: Path, path: Path, document: YamlFile) -> list[Problem]:
    """Every check of one readable corpus file that needs no other: its Markdown's lists, and file_checks."""
    return markdown_problems(document) + file_checks([(document, is_published(folder, path))])


def file_checks(files: list[Checked]) -> list[Problem]:
    problems = [problem for document, _ in files for problem in text_warnings(document)]
    texts = [text for document, published in files if published for text in published_texts(document)]
    return problems + privacy_problems(texts)
