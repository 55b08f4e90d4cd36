"""A large corpus's files read in two processes (corpus/parallel_reading) are read exactly as in one."""

from __future__ import annotations

import contextlib
import os

import pytest

from bottleneck_briefs.basics import beside
from bottleneck_briefs.corpus import parallel_reading
from bottleneck_briefs.corpus.files import corpus_files
from bottleneck_briefs.corpus.parallel_reading import _split, read_yaml_files
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file

PARENT = os.getpid()


@pytest.mark.parametrize(
    "sizes, split",
    [
        ([100, 100], 2),  # under SPLIT_BYTES: all read here
        ([400_000, 100_000, 100_000, 100_000, 100_000], 1),  # the fewest last files with 40 % of the bytes
        ([100_000, 100_000, 100_000, 100_000, 400_000], 4),
        ([700_000, 10], 2),  # the first file is never sent away: one huge file is read here
        ([10, 700_000], 1),
    ],
)
def test_the_second_process_reads_the_last_files_some_forty_percent_of_the_bytes(sizes, split):
    assert _split(sizes) == split


@pytest.fixture
def files(corpus_copy, monkeypatch):
    monkeypatch.setattr(parallel_reading, "SPLIT_BYTES", 0)  # the shipped corpus counts as large
    monkeypatch.setattr(beside, "available_cores", lambda: 2)
    return [(path, path.name) for path in corpus_files(corpus_copy)]


def test_files_read_in_two_processes_are_those_read_in_one(files, monkeypatch):
    forks = []
    real = beside.os.fork
    monkeypatch.setattr(beside.os, "fork", lambda: forks.append(1) or real())
    with contextlib.ExitStack() as stack:
        read = list(read_yaml_files(files, stack))
    assert forks
    assert read == [read_yaml_file(path, name) for path, name in files]
    assert len(read) > 3 and all(document.data for document, _ in read)


def test_a_second_process_that_fails_only_costs_time(files, monkeypatch):
    def fails_in_the_child(path, name):
        if os.getpid() != PARENT:
            raise MemoryError("the child ran out of memory")
        return read_yaml_file(path, name)

    monkeypatch.setattr(parallel_reading, "read_yaml_file", fails_in_the_child)
    with contextlib.ExitStack() as stack:
        read = list(read_yaml_files(files, stack))
    assert read == [read_yaml_file(path, name) for path, name in files]
