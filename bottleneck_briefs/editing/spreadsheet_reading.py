"""Read a spreadsheet (.csv, .xlsx or .ods) into its header and numbered rows, refusing early what exceeds the limits.

Row numbers are those a spreadsheet program shows: the header is row 1, and a
CSV cell may span several lines without changing the count. Only a regular
file is read (a FIFO or a folder would hang or crash the reader).
"""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bottleneck_briefs.basics.names import MAX_IMPORT_BYTES
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.editing.spreadsheet_cells import (
    SPREADSHEET_ROWS,
    Row,
    SpreadsheetError,
    header_and_rows,
    keep_row,
    refuse,
)

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

CSV_DELIMITERS = (",", ";", "\t")


def read_rows(
    path: Path,
    name: str,
    sheet: str | None = None,
    known_columns: Iterable[str] = (),
    suffixes: tuple[str, ...] = (".csv", ".xlsx"),
) -> tuple[list[str], list[Row]]:
    """(header, rows): `known_columns` (casefolded names) tell a CSV's delimiter; `suffixes` (of .csv, .xlsx
    and .ods) are the kinds of file the caller takes."""
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise refuse(name, f"cannot import '{path.suffix}' files; use {', '.join(suffixes[:-1])} or {suffixes[-1]}")
    try:
        status = path.stat()
    except OSError:
        raise refuse(name, "file not found") from None
    if not stat.S_ISREG(status.st_mode):
        raise refuse(name, "not a regular file")
    if status.st_size > MAX_IMPORT_BYTES:
        raise refuse(
            name,
            f"file is too large ({status.st_size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB): import it in parts",
        )
    if suffix == ".csv":
        return read_csv(path, name, set(known_columns))
    if suffix == ".ods":
        from bottleneck_briefs.editing.ods_reading import read_ods

        return read_ods(path, name, sheet)
    return read_xlsx(path, name, sheet)


# --- CSV -------------------------------------------------------------------------------------


def read_csv(path: Path, name: str, known_columns: set[str]) -> tuple[list[str], list[Row]]:
    """Standard CSV quoting (RFC 4180, as Excel writes it: a quote inside a cell is doubled)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(name, f"not UTF-8 text (byte 0x{error.object[error.start]:02X}); save it as 'CSV UTF-8'") from None
    delimiter = _delimiter(text, known_columns)
    records = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=True
    )
    header: list[str] | None = None
    rows: list[Row] = []
    try:
        for number, record in enumerate(records, start=1):
            if header is None:
                header = [str(cell) for cell in record]
            else:
                keep_row(rows, name, number, header, record)
    except csv.Error as error:
        # the reader counts the file's lines, not the rows: name it as a line
        raise refuse(name, f"line {records.line_num}: not valid CSV ({error}); save it again as 'CSV UTF-8'") from None
    if header is None:
        raise refuse(name, "the file is empty")
    return header, rows


def _delimiter(text: str, known_columns: set[str]) -> str:
    """The delimiter that makes most header cells known column names; a tie goes to the most cells.

    Sniffing the delimiter from the data is guesswork (a text full of commas);
    the header holds only column names, and only `,`, `;` and tab are accepted."""
    first_line = text.split("\n", 1)[0]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            return (0, 0)
        known = sum(cell.strip().rstrip(":").casefold() in known_columns for cell in cells)
        return (known, len(cells))

    return max(CSV_DELIMITERS, key=score)


# --- XLSX ------------------------------------------------------------------------------------


def read_xlsx(path: Path, name: str, sheet: str | None) -> tuple[list[str], list[Row]]:
    """Only the cells the file holds: read-only mode, ignoring the dimensions the file claims.

    A sheet that claims (or has) a cell at XFD1048576 is a few kilobytes; reading
    it in the normal mode builds every cell up to there and takes gigabytes."""
    from openpyxl import load_workbook

    from bottleneck_briefs.corpus.schema_errors import did_you_mean

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)  # formulas as formulas: refused below
    except Exception as error:  # openpyxl raises many kinds for a broken or foreign file
        raise refuse(name, f"cannot read the workbook: {error}") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise refuse(
                name,
                f"no sheet '{sheet}'{did_you_mean(sheet, workbook.sheetnames)}; "
                f"the sheets are: {', '.join(workbook.sheetnames)}",
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        worksheet.reset_dimensions()  # the file's own claim of its size may be anything
        try:
            return _xlsx_rows(worksheet, name)
        except SpreadsheetError:
            raise
        except Exception as error:  # a damaged sheet inside a readable zip
            raise refuse(name, f"cannot read sheet '{worksheet.title}': {error}") from None
    finally:
        workbook.close()


def _typed_value(cell: Cell, name: str, row: int) -> object:
    """A cell's value; a formula is refused. A program that writes a formula need not store its result
    (XlsxWriter stores 0, openpyxl nothing), and a stored result may be stale: a statement is only ever
    the text someone typed or pasted."""
    if getattr(cell, "data_type", None) != "f":
        return cell.value
    from openpyxl.utils import get_column_letter

    formula = str(getattr(cell.value, "text", cell.value))  # an array formula keeps its text apart
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    raise SpreadsheetError(
        [
            Problem(
                name,
                row,
                None,
                get_column_letter(cell.column),
                f"a formula ({shown}), not a value: the import takes only what was typed; "
                "replace the formula by its result (copy, then paste as values)",
            )
        ]
    )


def _xlsx_rows(worksheet: Worksheet, name: str) -> tuple[list[str], list[Row]]:
    def numbered() -> Iterator[tuple[int, list]]:
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            values = [_typed_value(cell, name, number) for cell in cells]
            if number > SPREADSHEET_ROWS:
                raise refuse(
                    name,
                    f"the sheet has a row {number}, beyond the last row a spreadsheet can have "
                    f"({SPREADSHEET_ROWS}): the file is damaged or was not made by a spreadsheet "
                    "program",
                )
            yield number, values

    return header_and_rows(numbered(), name, worksheet.title)
