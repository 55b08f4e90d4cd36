"""Read one note (`notes/NAME.md`): its YAML front matter with exact positions, and its Markdown text.

The front matter is the YAML between a first line `---` and the next line
`---`. It is parsed by the same reader as every corpus file, on the file's
own text up to the closing line: the opening `---` is a YAML document start,
so every key and value keeps its line and column in the .md file itself (no
offset to add). The text after the closing line is the note's Markdown.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bottleneck_briefs.corpus.file_reading import read_bounded
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile, line_and_column
from bottleneck_briefs.corpus.yaml_events import build
from bottleneck_briefs.corpus.yaml_source_checks import (
    LINE_SEPARATORS,
    decode_text,
    find_control_characters,
    find_invisible_characters,
    without_line_separators,
)

NOTE_SUFFIX = ".md"
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
BODY_PATH = ("body",)  # where the note's text stands, for messages and the personal-data guard


@dataclass
class NoteSource:
    """A note as read: the front matter (a YamlFile over the whole file's text) and where its text starts."""

    front: YamlFile
    body: str = ""
    body_offset: int = 0  # character offset of the text in the file
    checkable: bool = False  # the front matter was read: it can be validated
    problems: list[Problem] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return self.front.display_name

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of the character at `offset` in the text."""
        return line_and_column(self.front.source, self.body_offset + offset)

    def problem(self, offset: int, message: str, severity: str = "error") -> Problem:
        line, column = self.position(offset)
        return Problem(self.display_name, line, column, "", message, severity)


def read_note(path: Path, display_name: str) -> NoteSource:
    front = YamlFile(display_name)
    note = NoteSource(front)

    raw = read_bounded(path, display_name)
    if isinstance(raw, Problem):
        note.problems.append(raw)
        return note
    front.digest = hashlib.sha256(raw).hexdigest()
    text, problems = decode_text(raw, display_name)
    if text is None:
        note.problems += problems
        return note
    text = text.replace("\r\n", "\n")
    control = find_control_characters(text, display_name)
    if control:
        note.problems += control
        return note
    note.problems += find_invisible_characters(text, display_name)
    if any(character in text for character in LINE_SEPARATORS):
        text = without_line_separators(text)
    front.source = text
    opening = _FENCE.match(text)
    closing = _FENCE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        note.problems.append(
            Problem(
                display_name,
                1,
                1,
                "",
                "a note starts with its front matter: a line '---', "
                "the fields (title, kind, to, from, status, ...), and another line '---'",
            )
        )
        return note
    parse_problems = build(text[: closing.start()], front)
    note.problems += parse_problems
    note.body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    note.body = text[note.body_offset :]
    front.value_positions.setdefault(BODY_PATH, note.position(0))
    note.checkable = front.data is not None and not parse_problems
    if front.data is None and not parse_problems:
        note.problems.append(
            Problem(display_name, 2, 1, "", "the front matter is empty: give at least title, kind, to, from and status")
        )
    return note
