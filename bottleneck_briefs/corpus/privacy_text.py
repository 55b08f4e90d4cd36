"""The form of a text the personal-data guard reads: what a reader sees, whatever characters wrote it.

Text pasted from a word processor or a web page holds no-break and narrow spaces,
en dashes and non-breaking hyphens, and invisible characters (a zero-width space, a
soft hyphen) that a reader never sees: `06\u00a012345678`, `06 – 12345678` and
`06-1234\u200b5678` all read as a phone number. The guard reads each text with every
kind of space folded to ' ', every kind of dash to '-', full-width and other decimal
digits to 0-9, and invisible characters removed, and maps what it finds back to the
characters of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Minus signs are maths symbols, not dash punctuation (Pd), but read as a dash between digits.
_MINUS_SIGNS = "\u2212\u2043\u02d7\u2796\ufe63\uff0d"
# Invisible although Unicode calls them letters or marks: fillers, the grapheme joiner, variation selectors.
_INVISIBLE = set("\u034f\u115f\u1160\u3164\uffa0\u180e") | {chr(code) for code in range(0xFE00, 0xFE10)}
_ASCII_SPACES = str.maketrans("\t\n\r\x0b\x0c", "     ")
_ASCII_BLANK = re.compile("[\t\n\r\x0b\x0c]")
# Characters that may fold: all but printable ASCII and the letters and signs of Latin-1 and Latin Extended
# (no space, dash, digit or invisible character among them but the no-break space and the soft hyphen).
_MAY_FOLD = re.compile(r"[^\x20-\x7e\xa1-\xac\xae-\u02af]")


@lru_cache(maxsize=4096)
def folded(character: str) -> str:
    """The character as the guard reads it: ' ', '-', an ASCII digit, '' (invisible) or itself."""
    if character.isspace():
        return " "
    category = unicodedata.category(character)
    if category == "Cf" or character in _INVISIBLE:
        return ""
    if category == "Pd" or character in _MINUS_SIGNS:
        return "-"
    if character.isdecimal():
        return str(unicodedata.decimal(character))
    if "\uff01" <= character <= "\uff5e":  # full-width forms of ASCII ('＠', 'Ａ')
        return chr(ord(character) - 0xFEE0)
    return character


@dataclass(frozen=True)
class GuardText:
    """A text as the guard reads it, and where each of its characters came from."""

    text: str
    _origins: tuple[int, ...] | None = None  # offset in the value of each character; None: the same offsets

    def span_in_value(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] stands in the value it was made from."""
        if self._origins is None:
            return start, end
        return self._origins[start], self._origins[end - 1] + 1


def guard_text(value: str) -> GuardText:
    if value.isascii():  # most texts: only line breaks and tabs to fold, offsets kept
        return GuardText(value.translate(_ASCII_SPACES) if _ASCII_BLANK.search(value) else value)
    text = _MAY_FOLD.sub(lambda match: folded(match.group()), value)
    if len(text) == len(value):
        return GuardText(text)
    origins = tuple(offset for offset, character in enumerate(value) if folded(character))
    return GuardText(text, origins)


def guard_form(value: str) -> str:
    """Just the text, e.g. of an acknowledgement, to compare with what the guard found."""
    return " ".join(guard_text(value).text.split())
