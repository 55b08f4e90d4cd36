"""A progress bar for `import` on a terminal: judging thousands of rows takes seconds."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

import click

SHOWN_FROM = 200  # rows; fewer are judged before a bar could be read


@contextmanager
def row_progress(stream: TextIO | None = None) -> Iterator[Callable[[int, int], None]]:
    """A callback (rows done, rows in all) that draws a bar on stderr when it is a terminal; silent otherwise."""
    stream = stream or sys.stderr
    bar = None

    def advance(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= SHOWN_FROM and stream.isatty():
            bar = click.progressbar(length=total, label="Checking rows", file=stream, show_pos=True)
            bar.__enter__()
        if bar is not None:
            bar.update(1)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
