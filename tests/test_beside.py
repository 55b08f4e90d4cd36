"""A computation in a forked process (basics/beside) gives what computing it here gives, whatever the child
does; the corpus's privacy guard, run that way for a large corpus, finds exactly what it finds in-process."""

from __future__ import annotations

import os
import signal
import time

import pytest

from bottleneck_briefs.basics import beside as beside_module
from bottleneck_briefs.basics.beside import Beside, computed_beside, detached
from bottleneck_briefs.basics.corpus_lock import corpus_lock
from bottleneck_briefs.corpus import checks_meanwhile
from bottleneck_briefs.corpus.loading import load_corpus
from test_privacy import add_statements, statement

PARENT = os.getpid()


def where_computed(value: int) -> tuple[int, int]:
    return value * 2, os.getpid()


def fails_in_the_child() -> str:
    if os.getpid() != PARENT:
        raise RuntimeError("only the child fails")
    return "computed here"


def killed_in_the_child() -> str:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return "computed here"


def unpicklable_in_the_child() -> object:
    if os.getpid() != PARENT:
        return lambda: None  # a lambda does not pickle
    return "computed here"


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(beside_module, "available_cores", lambda: 2)


def test_the_result_is_computed_in_a_child_process(two_cores):
    with computed_beside(where_computed, 21) as later:
        value, pid = later.result()
    assert value == 42
    assert pid != os.getpid()


def test_without_a_second_core_it_is_computed_here(monkeypatch):
    monkeypatch.setattr(beside_module, "available_cores", lambda: 1)
    assert Beside(where_computed, 21).result() == (42, os.getpid())


@pytest.mark.parametrize("function", [fails_in_the_child, killed_in_the_child, unpicklable_in_the_child])
def test_whatever_goes_wrong_in_the_child_the_result_is_computed_here(two_cores, function):
    with computed_beside(function) as later:
        assert later.result() == "computed here"


def test_a_block_left_early_leaves_no_child_behind(two_cores):
    with pytest.raises(KeyError), computed_beside(where_computed, 1) as later:
        pid = later._pid
        assert pid is not None
        raise KeyError("the caller fails before asking for the result")
    with pytest.raises(ChildProcessError):  # reaped: no such child of this process any more
        os.waitpid(pid, os.WNOHANG)


def test_the_checks_beside_the_reading_find_what_they_find_in_process(corpus_copy, monkeypatch, two_cores):
    add_statements(
        corpus_copy,
        statement(90, "    text: Mail jan.jansen@example.nl of bel 06-12345678.", "    note: Volgens mevrouw Bakker."),
        statement(
            91,
            "    text: Bel de  landelijke hulplijn 0800-2000.",  # two spaces: a text warning
            '    privacy_ok: ["0800-2000: landelijke hulplijn", "Kees Bakker: oud"]',
        ),
    )
    forks = []
    original = beside_module.Beside._start
    monkeypatch.setattr(beside_module.Beside, "_start", lambda self: forks.append(1) or original(self))
    monkeypatch.setattr(checks_meanwhile, "CHUNK_BYTES", 1)  # every file guarded in a process of its own
    forked = load_corpus(corpus_copy).problems
    files = len(forks)
    assert files > 3, "the guard did not run beside the reading"
    monkeypatch.setattr(checks_meanwhile, "CHUNK_BYTES", 10**12)  # all guarded here, at the end
    in_process = load_corpus(corpus_copy).problems
    assert len(forks) == files
    assert forked == in_process
    messages = [problem.message for problem in forked]
    assert sum("looks like" in message for message in messages) == 3  # e-mail, phone, name in the note
    assert any("'Kees Bakker' matches nothing" in message for message in messages)
    assert "the text contains a double space" in messages


def slept_a_while(seconds: float) -> None:
    time.sleep(seconds)


def test_a_detached_process_holds_nothing_of_the_command_open(tmp_path, two_cores):
    folder = tmp_path / "corpus"
    folder.mkdir()
    with corpus_lock(folder):
        assert detached(slept_a_while, 5)
    # the command's lock is released at once, though the detached process still runs
    with corpus_lock(folder, timeout=0, on_wait=lambda: None):
        pass
