"""Read a large corpus's YAML files in two processes: the last of them in a forked one.

Parsing is most of a load's time, and each file parses on its own. When the
files hold SPLIT_BYTES or more, a second process (basics/beside) reads the
files at the end of the list, some TAIL_SHARE of the bytes, while this one
reads the others; the parsed files come back pickled, which costs a quarter
of parsing them. The results are the same either way: a child that fails
only costs the time of reading its files here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from bottleneck_briefs.basics.beside import computed_beside
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file

SPLIT_BYTES = 512 * 1024  # below this, starting a process and sending the files back costs more than it saves
TAIL_SHARE = 0.4  # the other process also sends its files back: it gets less than half

Read = tuple[YamlFile, list[Problem]]


def read_yaml_files(files: list[tuple[Path, str]], stack: contextlib.ExitStack) -> Iterator[Read]:
    """read_yaml_file of each (path, display name), in order; `stack` ends the second process, if need be."""
    sizes = []
    for path, _ in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)  # read_yaml_file tells why
    split = _split(sizes)
    tail = stack.enter_context(computed_beside(_read_all, files[split:], fork=split < len(files)))
    for path, name in files[:split]:
        yield read_yaml_file(path, name)
    yield from tail.result()


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


def _read_all(files: list[tuple[Path, str]]) -> list[Read]:
    return [read_yaml_file(path, name) for path, name in files]
