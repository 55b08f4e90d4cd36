"""Names as they may reach a terminal or a page: nothing in them can move the cursor or change colours.

A file name can hold any byte but '/' and NUL: a newline, an ANSI escape, a
direction override, or bytes that are not UTF-8 (Python keeps those as lone
surrogates, which cannot even be printed). Messages show such names escaped.
"""

from __future__ import annotations

import unicodedata

_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


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
