"""Every line a command prints goes through one filter: control characters are shown escaped, never run.

The command group's `main` wraps stdout and stderr in basics.printable's
EscapingStream for the whole run, click's own messages and usage errors
included, so a theme title or an argument holding `\x1b[2J` cannot clear
the screen, whichever command prints it, now or in a command added later.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from bottleneck_briefs.basics.printable import EscapingStream


@contextmanager
def escaped_standard_streams() -> Iterator[None]:
    before = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (
        stream if isinstance(stream, EscapingStream) else EscapingStream(stream) for stream in before
    )
    try:
        yield
    finally:
        sys.stdout, sys.stderr = before


class EscapedOutputGroup(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:  # click.Group.main's own signature
        with escaped_standard_streams():
            return super().main(*args, **kwargs)
