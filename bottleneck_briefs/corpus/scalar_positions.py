"""Where each character of a parsed YAML text stands in the file.

YAML changes a text on the way in: a quoted or plain text folds its line breaks
into spaces and drops indentation, a block drops its indentation, a
double-quoted text turns escapes (`\\u200b`, `\\x01`, `\\e`) into characters.
A problem found in the parsed value is told at the line and column of the
characters that wrote it. The value and the file's characters are walked side by
side: equal characters match, a line break or space of the value matches a line
break or space of the file, indentation and folded line breaks are skipped, an
escape matches the character it stands for.
"""

from __future__ import annotations

from bottleneck_briefs.corpus.yaml_document import ScalarSpan

_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_BLANKS = " \t\r\n"


def value_offsets(source: str, span: ScalarSpan, value: str) -> list[int] | None:
    """The offset in `source` of each character of `value` (the scalar at `span`); None if they do not align."""
    offsets: list[int] = []
    at, end = _content_start(source, span), span.end
    index = 0
    while index < len(value):
        if at >= end:
            return None
        character, written = value[index], source[at]
        if span.style == '"' and written == "\\":
            escaped, length = escape_at(source, at)
            if escaped is None:  # an escaped line break: the text goes on after the next line's indentation
                at = _after_blanks(source, at + length, end)
                continue
            if escaped != character:
                return None
            offsets.append(at)
            at, index = at + length, index + 1
        elif span.style == "'" and written == "'" and character == "'" and source.startswith("''", at):
            offsets.append(at)
            at, index = at + 2, index + 1
        elif written == character or (character in " \n" and written in _BLANKS):
            offsets.append(at)
            at, index = at + 1, index + 1
        elif written in _BLANKS:  # indentation or a line break YAML folded away
            at += 1
        else:
            return None
    return offsets


def _content_start(source: str, span: ScalarSpan) -> int:
    if span.style in ('"', "'"):
        return span.start + 1
    if span.style in ("|", ">"):  # after the header line (|-, >2, a comment)
        line_end = source.find("\n", span.start, span.end)
        return span.end if line_end < 0 else line_end + 1
    return span.start


def escape_at(source: str, at: int) -> tuple[str | None, int]:
    """(the character an escape at `at` stands for, or None for an escaped line break; its length)."""
    kind = source[at + 1 : at + 2]
    if kind in ("\n", "\r"):
        return None, 2 + (source[at + 1 : at + 3] == "\r\n")
    if kind in _HEX_ESCAPES:
        digits = _HEX_ESCAPES[kind]
        try:
            return chr(int(source[at + 2 : at + 2 + digits], 16)), 2 + digits
        except ValueError:
            return "", 2
    return _SIMPLE_ESCAPES.get(kind, ""), 2


def _after_blanks(source: str, at: int, end: int) -> int:
    while at < end and source[at] in " \t":
        at += 1
    return at
