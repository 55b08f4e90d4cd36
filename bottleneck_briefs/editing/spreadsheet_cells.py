"""What every spreadsheet reader shares: its error, a cell's value, and numbered rows made into a header and
the rows worth keeping (CSV, XLSX and ODS alike)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bottleneck_briefs.basics.names import MAX_IMPORT_ROWS
from bottleneck_briefs.corpus.problems import Problem

SPREADSHEET_ROWS = 1_048_576  # the last row Excel and LibreOffice can have

Row = tuple[int, list]  # (row number, cell values)


class SpreadsheetError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.format() for problem in problems))
        self.problems = problems


def refuse(name: str, message: str, row: int | None = None) -> SpreadsheetError:
    return SpreadsheetError([Problem(name, row, None, "", message)])


def cell_value(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def keep_row(rows: list[Row], name: str, number: int, header: list[str], values: Sequence[object]) -> None:
    """Add a row that holds anything; refuse a value without a column header, and too many rows."""
    if not any(cell not in (None, "") for cell in values):
        return  # empty rows (also the million a far-away cell implies) are skipped, not errors
    beyond = [
        index
        for index, cell in enumerate(values)
        if cell not in (None, "") and (index >= len(header) or not header[index].strip())
    ]
    if beyond:
        from openpyxl.utils import get_column_letter

        raise SpreadsheetError(
            [
                Problem(
                    name,
                    number,
                    None,
                    get_column_letter(beyond[0] + 1),
                    "a value in a column without a header; name the column or empty it",
                )
            ]
        )
    if len(rows) >= MAX_IMPORT_ROWS:
        raise refuse(name, f"more than {MAX_IMPORT_ROWS} rows; import at most {MAX_IMPORT_ROWS} at a time")
    rows.append((number, [cell_value(cell) for cell in values[: len(header)]]))


def header_and_rows(numbered: Iterable[tuple[int, list]], name: str, sheet_title: str) -> tuple[list[str], list[Row]]:
    """The first row as the header, every later one kept (keep_row): the same for every kind of workbook."""
    header: list[str] | None = None
    rows: list[Row] = []
    for number, values in numbered:
        if header is None:
            header = ["" if cell is None else str(cell) for cell in values]
            while header and not header[-1].strip():
                header.pop()  # cells far to the right of the header say nothing
        else:
            keep_row(rows, name, number, header, values)
    if header is None:
        raise refuse(name, f"sheet '{sheet_title}' is empty")
    return header, rows
