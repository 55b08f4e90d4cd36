"""A large corpus's files read in two processes (corpus/parallel_reading) are read and judged exactly as in one."""

from __future__ import annotations

import contextlib
import os

import pytest

from bottleneck_briefs.basics import beside
from bottleneck_briefs.corpus import parallel_reading
from bottleneck_briefs.corpus.checks_meanwhile import judged_alone
from bottleneck_briefs.corpus.files import corpus_files
from bottleneck_briefs.corpus.loading import load_corpus
from bottleneck_briefs.corpus.parallel_reading import SplitReading, _split, reading_begun
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file

PARENT = os.getpid()


@pytest.mark.parametrize(
    "sizes, split",
    [
        ([100, 100], 2),  # under SPLIT_BYTES: all read here
        ([400_000, 100_000, 100_000, 100_000, 100_000], 1),  # the fewest last files with 45 % of the bytes
        ([100_000, 100_000, 100_000, 100_000, 400_000], 4),
        ([700_000, 10], 2),  # the first file is never sent away: one huge file is read here
        ([10, 700_000], 1),
    ],
)
def test_the_second_process_reads_the_last_files_some_forty_five_percent_of_the_bytes(sizes, split):
    assert _split(sizes) == split


@pytest.fixture
def files(corpus_copy, monkeypatch):
    monkeypatch.setattr(parallel_reading, "SPLIT_BYTES", 0)  # the shipped corpus counts as large
    monkeypatch.setattr(beside, "available_cores", lambda: 2)
    return [(path, path.name) for path in corpus_files(corpus_copy)]


def _as_read(read) -> list[tuple]:
    """What a load learns of each file read: its data, every place (found again if sent without), its problems."""
    return [
        (
            type(document).__name__ != "ShallowYamlFile" or judged is not None,  # only judged files are sent shallow
            document.display_name,
            document.data,
            document.digest,
            document.source,
            document.value_positions,
            document.key_positions,
            document.scalars,
            problems,
        )
        for document, problems, judged in read
    ]


def _read_here(files) -> list[tuple]:
    return _as_read((*read_yaml_file(path, name), None) for path, name in files)


def test_files_read_in_two_processes_are_those_read_in_one(files, monkeypatch):
    forks = []
    real = beside.os.fork
    monkeypatch.setattr(beside.os, "fork", lambda: forks.append(1) or real())
    with contextlib.ExitStack() as stack:
        read = list(SplitReading(files, stack))
    assert forks
    assert _as_read(read) == _read_here(files)
    assert len(read) > 3 and all(document.data for document, _, _ in read)


def test_the_second_process_judges_its_files_as_a_load_here_would(corpus_copy, monkeypatch):
    monkeypatch.setattr(parallel_reading, "SPLIT_BYTES", 0)
    monkeypatch.setattr(beside, "available_cores", lambda: 2)
    last = corpus_files(corpus_copy)[-1]
    text = last.read_text(encoding="utf-8")
    last.write_text(text.replace("text: ", "text: Bel Jan de Vries op 06-12345678. ", 1), encoding="utf-8")
    with contextlib.ExitStack() as stack:
        read = list(reading_begun(corpus_copy, stack))
    document, _, judged = read[-1]
    assert type(document).__name__ == "ShallowYamlFile"
    assert judged == judged_alone(corpus_copy, last, read_yaml_file(last, document.display_name)[0])
    assert any("06-12345678" in problem.message or "phone" in problem.message for problem in judged)
    assert [judged is None for _, _, judged in read].count(False) >= 1  # the head is judged by the load itself


def test_a_second_process_that_fails_only_costs_time(files, monkeypatch):
    def fails_in_the_child(path, name):
        if os.getpid() != PARENT:
            raise MemoryError("the child ran out of memory")
        return read_yaml_file(path, name)

    monkeypatch.setattr(parallel_reading, "read_yaml_file", fails_in_the_child)
    with contextlib.ExitStack() as stack:
        read = list(SplitReading(files, stack))
    assert _as_read(read) == _read_here(files)


def test_a_load_in_two_processes_tells_every_problem_where_a_load_in_one_does(corpus_copy, monkeypatch):
    """A problem deep in a file the second process read (sent shallow) has its exact line and column."""
    last = corpus_files(corpus_copy)[-1]
    text = last.read_text(encoding="utf-8")
    last.write_text(text.replace("themes: [", "themes: [onbekend-thema, ", 1), encoding="utf-8")
    monkeypatch.setattr(beside, "available_cores", lambda: 2)
    monkeypatch.setattr(parallel_reading, "SPLIT_BYTES", 10**9)
    alone = load_corpus(corpus_copy).problems
    monkeypatch.setattr(parallel_reading, "SPLIT_BYTES", 0)
    split = load_corpus(corpus_copy).problems
    assert split == alone
    assert any("onbekend-thema" in problem.message and problem.line for problem in split)
