"""One parsed YAML file: its data and where every key and value stands in the source."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from bottleneck_briefs.corpus.problems import Problem

Path_ = tuple  # a path into the data: keys and list indexes, e.g. ("statements", 3, "text")


class ScalarSpan(NamedTuple):
    """Where a scalar's source stands: its style ('' plain, '"', "'", '|', '>') and character offsets.

    A named tuple: one is made for every scalar of the corpus, and a tuple is made fastest."""

    style: str
    start: int
    end: int
    text: str  # the scalar's text as YAML reads it


new_span = partial(tuple.__new__, ScalarSpan)  # ScalarSpan((style, start, end, text)), made in C: one per scalar


@dataclass
class YamlFile:
    """The data of one file plus the 1-based (line, column) of every value and key."""

    display_name: str
    data: object = None
    digest: str = ""  # sha256 of the file's bytes
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    source: str = ""  # the decoded text, for messages that quote what the editor wrote
    scalars: dict[Path_, ScalarSpan] = field(default_factory=dict)
    # After a syntax error: how many items of the top-level list under this key were read to their end
    # (the only data still worth checking); None when the whole file was read.
    complete_items: dict[str, int] | None = None
    checkable: bool = False  # its data can be validated, despite any problems found in reading it

    def __getstate__(self) -> dict:
        # A ScalarSpan pickles as its class and fields and is rebuilt by a call each: as plain tuples a parsed
        # file crosses to another process (corpus/parallel_reading) in half the time.
        state = dict(self.__dict__)
        if "scalars" in state:  # a ShallowYamlFile has none
            state["scalars"] = {path: tuple(span) for path, span in self.scalars.items()}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if "scalars" in state:
            self.scalars = {path: new_span(span) for path, span in state["scalars"].items()}

    def position(self, path: Path_) -> tuple[int, int]:
        """Where the value at `path` stands, or its nearest enclosing value that exists."""
        return self._position_in(self.value_positions, tuple(path))

    @staticmethod
    def _position_in(positions: dict[Path_, tuple[int, int]], path: Path_) -> tuple[int, int]:
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def key_position(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.position(path)

    def source_token(self, path: Path_) -> str | None:
        """The scalar at `path` exactly as written in the file (e.g. "2.10", which YAML reads as 2.1)."""
        span = self.scalars.get(tuple(path))
        return self.source[span.start : span.end] if span else None

    def problem(self, path: Path_, message: str, *, at_key: bool = False, severity: str = "error") -> Problem:
        line, column = self.key_position(path) if at_key else self.position(path)
        return Problem(self.display_name, line, column, format_path(path), message, severity)


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at `offset` (only "\\n" ends a line, as editors count)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
