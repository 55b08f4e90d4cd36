"""Files made by a forked process of their own (the site's open data): received in any order, errors raised where
a file is asked for, a process that ends early a clear error, and none left running."""

from __future__ import annotations

import os
import signal
import time

import pytest

from bottleneck_briefs.basics.processes import process_alive
from bottleneck_briefs.site.forked_files import ForkedFiles, ForkedFilesError


def test_the_files_arrive_as_asked_for_in_any_order_made_in_another_process():
    made = ForkedFiles({"a": lambda: f"a {os.getpid()}".encode(), "b": lambda: b"b" * 1_000_000}, ["a", "b"])
    try:
        assert made.result("b") == b"b" * 1_000_000  # larger than a pipe holds
        a, pid = made.result("a").split()
        assert a == b"a" and int(pid) != os.getpid()
        assert made.result("b") == b"b" * 1_000_000  # asked for again
    finally:
        made.stop()
    assert not process_alive(int(pid))


def test_an_error_making_a_file_is_raised_where_it_is_asked_for():
    def broken() -> bytes:
        raise ValueError("a cell longer than 32,767 characters")

    made = ForkedFiles({"a": lambda: b"a", "b": broken}, ["a", "b"])
    try:
        with pytest.raises(ValueError, match="32,767"):
            made.result("a")
    finally:
        made.stop()


def test_a_process_killed_before_it_sent_the_files_is_a_clear_error():
    def slow() -> bytes:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return b""

    made = ForkedFiles({"a": slow}, ["a"])
    try:
        with pytest.raises(ForkedFilesError, match="a: its process ended before it was made"):
            made.result("a")
    finally:
        made.stop()


def test_stopping_early_ends_the_process(tmp_path):
    started = tmp_path / "pid"

    def forever() -> bytes:
        started.write_text(str(os.getpid()), encoding="utf-8")
        signal.pause()
        return b""

    made = ForkedFiles({"a": forever}, ["a"])
    for _ in range(600):
        if started.exists() and started.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    pid = int(started.read_text(encoding="utf-8"))
    assert process_alive(pid)
    made.stop()
    assert not process_alive(pid)
