"""What `report` tells the user while and after it works.

On a terminal, when several files are rendered, a progress bar on stderr
(laying out PDFs takes seconds each). Otherwise, e.g. in a script or a log,
one line per file on stdout, which is easy to parse. `--quiet` prints
nothing but errors.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from bottleneck_briefs.briefs.run.report_plan import ReportProgress, ReportResult

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


class ConsoleProgress(ReportProgress):
    def __init__(self, quiet: bool, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.bar: ProgressBar[int] | None = None

    def start(self, count: int) -> None:
        if not self.quiet and self.terminal and count > 1:
            # the bar's own control sequences (\r, erase line) must reach the terminal as they are
            stream = getattr(self.stream, "unescaped", self.stream)
            self.bar = click.progressbar(length=count, label="Rendering", file=stream, show_pos=True)
            self.bar.__enter__()

    def advance(self, path: Path) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def summary(self, result: ReportResult) -> None:
        if self.quiet:
            return
        if self.bar is not None:
            folders = sorted({str(path.parent) for path in result.written + result.up_to_date})
            where = f" in {', '.join(folders)}" if folders else ""
            click.echo(f"{len(result.written)} files written, {len(result.up_to_date)} up to date{where}")
            return
        for path in result.written:
            click.echo(path)
        for path in result.up_to_date:
            click.echo(f"{path}: up to date")


@contextmanager
def report_progress(quiet: bool) -> Iterator[ConsoleProgress]:
    progress = ConsoleProgress(quiet)
    try:
        yield progress
    finally:
        progress.close()
