"""Names and lines as they may reach a terminal or a page: nothing in them can move the cursor or change colours.

A file name can hold any byte but '/' and NUL: a newline, an ANSI escape, a
direction override, or bytes that are not UTF-8 (Python keeps those as lone
surrogates, which cannot even be printed). Messages show such names escaped.

Whatever a command prints goes through one filter as well (`terminal_text`,
applied by `EscapingStream` to stdout and stderr for the whole run): a theme
title, a value in a message or a listed statement with `\x1b[2J` or `\u202e`
in it shows the escape, never runs it. Line breaks and tabs stay, and so do
the joiners emoji sequences and Persian words are made with.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TextIO

_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_KEPT_IN_LINES = "\t\u200c\u200d"  # a tab, and the joiners of emoji sequences and Persian words


def printable(name: str) -> str:
    """E.g. 'caf\\xe9.yaml' for the Latin-1 bytes of café.yaml, 'a\\nb.yaml' for a newline."""
    if name.isprintable():
        return name
    return "".join(_escaped(character) for character in name)


def _escaped(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(character) not in _UNSAFE_CATEGORIES:
        return character
    if character == "\n":
        return "\\n"
    if character == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """`text` as it may be shown on a terminal: control and format characters escaped as in `printable`,
    line breaks, tabs and the zero-width (non-)joiners kept."""
    if text.isprintable():
        return text
    return "\n".join(
        line
        if line.isprintable()
        else "".join(character if character in _KEPT_IN_LINES else _escaped(character) for character in line)
        for line in text.split("\n")
    )


class EscapingStream:
    """A text stream (stdout, stderr) that writes everything through `terminal_text`.

    `unescaped` is the stream itself, for the one writer that means its control sequences: the progress bar.
    It offers no `buffer`, so nothing can write around the filter."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str | bytes | bytearray) -> int:
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "surrogateescape")
        self.unescaped.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.unescaped.flush()

    def isatty(self) -> bool:
        return self.unescaped.isatty()

    def fileno(self) -> int:
        return self.unescaped.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return getattr(self.unescaped, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self.unescaped, "errors", None) or "strict"

    @property
    def closed(self) -> bool:
        return getattr(self.unescaped, "closed", False)
