"""Read a large corpus's YAML files in two processes: the last of them in a forked one.

Parsing is most of a load's time, and each file parses on its own. When the
files hold SPLIT_BYTES or more, a second process (basics/beside) reads the
files at the end of the list, some TAIL_SHARE of the bytes, while this one
imports the data model and reads the others. The second process also runs
the checks that judge a file alone (privacy guard, text warnings, Markdown)
and sends its files back without the places a clean load never asks for,
which costs a tenth of parsing them. The results are the same either way: a
child that fails only costs the time of reading its files here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from bottleneck_briefs.basics.beside import computed_beside
from bottleneck_briefs.corpus.files import corpus_files, display_name
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.shallow_file import shallow
from bottleneck_briefs.corpus.yaml_document import YamlFile
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file

SPLIT_BYTES = 512 * 1024  # below this, starting a process and sending the files back costs more than it saves
TAIL_SHARE = 0.45  # of the bytes: the other process also judges its files, and starts before this one reads

# A file read: the file, the problems of its reading, and those of the checks that judge it alone (the judge's),
# or None when they are still to be made
Read = tuple[YamlFile, list[Problem], list[Problem] | None]
Judge = Callable[[Path, YamlFile], list[Problem]]  # the checks of one readable file that need no other file


class SplitReading:
    """The reading of `files` (path, display name), begun when made: the second process, if any, starts at once.

    A load can make it before it imports the data model, so that the other process reads while this one
    imports. The second process also runs `judge` on its files and sends them without the places a clean load
    never asks for (shallow_file). `stack` ends it, should the load end early."""

    def __init__(self, files: list[tuple[Path, str]], stack: contextlib.ExitStack, judge: Judge | None = None):
        self.files = files
        sizes = []
        for path, _ in files:
            try:
                sizes.append(path.stat().st_size)
            except OSError:
                sizes.append(0)  # read_yaml_file tells why
        self._split = _split(sizes)
        tail = files[self._split :]
        self._tail = stack.enter_context(computed_beside(_read_tail, tail, judge, fork=self._split < len(files)))

    def __iter__(self) -> Iterator[Read]:
        """Each file read, in order."""
        for path, name in self.files[: self._split]:
            yield (*read_yaml_file(path, name), None)
        yield from self._tail.result()


def reading_begun(folder: Path, stack: contextlib.ExitStack) -> SplitReading:
    """The reading of a corpus's YAML files, begun now, the second process judging its files as a load does;
    `stack` ends it, if need be."""
    files = [(path, display_name(path)) for path in corpus_files(folder)]
    return SplitReading(files, stack, partial(_judged_alone, folder))


def _judged_alone(folder: Path, path: Path, document: YamlFile) -> list[Problem]:
    # the checks import the privacy guard's model: in the second process, not before this one forks it
    from bottleneck_briefs.corpus.checks_meanwhile import judged_alone

    return judged_alone(folder, path, document)


def _split(sizes: list[int]) -> int:
    """Where the files the second process reads begin: len(sizes) when it reads none."""
    total = sum(sizes)
    if total < SPLIT_BYTES:
        return len(sizes)
    tail = 0
    for index in range(len(sizes) - 1, 0, -1):
        tail += sizes[index]
        if tail >= total * TAIL_SHARE:
            return index
    return len(sizes)


def _read_tail(files: list[tuple[Path, str]], judge: Judge | None) -> list[Read]:
    """The second process's files: judged and sent without their deeper places when they can be checked."""
    read: list[Read] = []
    for path, name in files:
        document, problems = read_yaml_file(path, name)
        if judge is None or (problems and not document.checkable):
            read.append((document, problems, None))
        else:
            read.append((shallow(document), problems, judge(path, document)))
    return read
