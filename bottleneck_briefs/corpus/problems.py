"""One reportable problem in the corpus, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # 1-based; None when the problem concerns the file as a whole
    column: int | None  # None: not told (a spreadsheet problem names its column in `field`)
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.field, self.message)

    def format(self) -> str:
        location = self.file
        if self.line is not None:  # a spreadsheet row has a line (its number) but no column
            location += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        parts = [location]
        if self.severity == WARNING:
            parts.append("warning")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def count(problems: list[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for problem in problems if problem.is_error)
    return errors, len(problems) - errors
