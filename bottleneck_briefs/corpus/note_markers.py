"""The markers in a note's text: `[[KP-024]]` (a statement) and `[[count KEY=VALUES ...]]` (a live number).

A statement's marker alone in its paragraph quotes the statement; inside a
sentence it cites it. A count's keys are those of a brief file's `select`
(themes, each facet, include, exclude), its values separated by commas. Both
`check` and the renderer read the markers here, so they agree on what a
marker is and where it stands (offsets into the note's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

MARKER = re.compile(r"\[\[([^\[\]]{0,500}?)\]\]")  # a marker may wrap onto the next line
_ID = re.compile(r"\s*(KP-[0-9]+)\s*")
_PAIR = re.compile(r"(\S+?)=(\S*)")
COUNT_WORD = "count"


class CountKey(NamedTuple):  # a tuple: made for every marker of every note at each check, and cheaper so
    key: str
    values: tuple[str, ...]
    offset: int  # of the key, in the note's text


@dataclass(frozen=True, slots=True)
class Marker:
    start: int  # offsets of `[[` and after `]]` in the note's text
    end: int
    statement_id: str | None = None  # [[KP-024]]
    count: tuple[CountKey, ...] | None = None  # [[count ...]]: its keys in the order written
    alone: bool = False  # a statement alone in its paragraph: quoted
    problem: str | None = None  # what is wrong with how it is written (then it is neither)


def find_markers(text: str) -> list[Marker]:
    markers = [_marker(text, match) for match in MARKER.finditer(text)]
    starts = {marker.start for marker in markers}  # a marker holds no '[': any other '[[' is left open
    unclosed = [
        Marker(
            match.start(),
            match.end(),
            problem="'[[' without its ']]': close the marker, as in [[KP-024]] or [[count themes=financiering]]",
        )
        for match in re.finditer(r"\[\[", text)
        if match.start() not in starts
    ]
    return sorted(markers + unclosed, key=lambda marker: marker.start)


def marker_key(text: str) -> str:
    """A marker's text with its spaces and line breaks as single spaces: the same wherever Markdown wraps it."""
    return " ".join(text.split())


def _alone(text: str, start: int, end: int) -> bool:
    """The marker is the whole of its paragraph: only blank lines (or the text's ends) before and after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    # the lines around it, found in place: slicing the text before it would copy the note for every marker
    previous_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    if line_start and text[previous_start : line_start - 1].strip():
        return False
    following_end = text.find("\n", line_end + 1)
    following_end = len(text) if following_end < 0 else following_end
    return line_end == len(text) or not text[line_end + 1 : following_end].strip()


def _marker(text: str, match: re.Match) -> Marker:
    inner = match.group(1)
    start, end = match.start(), match.end()
    identifier = _ID.fullmatch(inner)
    if identifier:
        return Marker(start, end, statement_id=identifier.group(1), alone=_alone(text, start, end))
    inner = inner.replace("\n", " ")
    words = inner.split(None, 1)
    if not words or words[0] != COUNT_WORD:
        return Marker(
            start,
            end,
            problem=f"'[[{inner}]]' is no marker: write a statement's id, as [[KP-024]], "
            f"or a count, as [[count themes=financiering]]",
        )
    keys: list[CountKey] = []
    rest_start = start + 2 + inner.index(COUNT_WORD) + len(COUNT_WORD)
    for part in re.finditer(r"\S+", inner[inner.index(COUNT_WORD) + len(COUNT_WORD) :]):
        offset = rest_start + part.start()
        pair = _PAIR.fullmatch(part.group())
        if pair is None or not pair.group(2):
            return Marker(
                start,
                end,
                problem=f"'{part.group()}' in [[{inner}]]: write KEY=VALUE[,VALUE...], e.g. themes=financiering",
            )
        values = tuple(value for value in pair.group(2).split(",") if value)
        keys.append(CountKey(pair.group(1), values, offset))
    return Marker(start, end, count=tuple(keys))
