"""Read an OpenDocument spreadsheet (.ods) into its header and numbered rows, as the XLSX reader does.

Every cell is read as the text it shows (its paragraphs joined by line
breaks), so a number typed as a mark reads as that number. ODF compresses a
run of equal rows or cells into one element with a repeat count: a program
writes the empty rest of a sheet as one row repeated a million times, so empty
runs are counted, never expanded, and a run with content is expanded only as
far as the limits allow. A formula cell is refused, as in an XLSX.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from bottleneck_briefs.basics.names import MAX_IMPORT_BYTES
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.editing.spreadsheet_cells import (
    SPREADSHEET_ROWS,
    Row,
    SpreadsheetError,
    cell_value,
    header_and_rows,
    refuse,
)

if TYPE_CHECKING:
    import odfdo

SPREADSHEET_COLUMNS = 16_384  # the last column Excel and LibreOffice can have
# the sheet's XML unpacked: markup around 5,000 long rows fits easily; a zip bomb does not
MAX_CONTENT_BYTES = 3 * MAX_IMPORT_BYTES


def read_ods(path: Path, name: str, sheet: str | None) -> tuple[list[str], list[Row]]:
    from odfdo import Document

    from bottleneck_briefs.corpus.schema_errors import did_you_mean

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = archive.getinfo("content.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise refuse(name, f"cannot read the workbook: not an OpenDocument spreadsheet ({error})") from None
    if unpacked > MAX_CONTENT_BYTES:
        raise refuse(
            name,
            f"the workbook unpacks to {unpacked / 1024 / 1024:.0f} MB of sheets (the limit is "
            f"{MAX_CONTENT_BYTES // 1024 // 1024} MB): import it in parts",
        )
    try:
        tables = Document(path).body.get_tables()
    except Exception as error:  # odfdo and lxml raise many kinds for a broken or foreign file
        raise refuse(name, f"cannot read the workbook: {error}") from None
    names = [str(table.name) for table in tables]
    if not tables:
        raise refuse(name, "the workbook has no sheet")
    if sheet is not None and sheet not in names:
        raise refuse(name, f"no sheet '{sheet}'{did_you_mean(sheet, names)}; the sheets are: {', '.join(names)}")
    table = tables[names.index(sheet) if sheet is not None else 0]
    return header_and_rows(_rows(table, name), name, str(table.name))


def _rows(table: odfdo.Table, name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts) of the first row and of every row that holds something."""
    number = 0
    # the sheet's own rows, also inside header rows and row groups, not those of a table inside a cell
    rows = cast("list[odfdo.Row]", table.get_elements("descendant::table:table-row[count(ancestor::table:table) = 1]"))
    for row in rows:
        values = _cells(row, name, number + 1)
        repeated = max(1, row.repeated or 1)
        if not any(values):  # an empty run: counted, never expanded (the header row is read even if empty)
            if number == 0:
                yield 1, values
            number += repeated
            continue
        for _ in range(repeated):
            number += 1
            if number > SPREADSHEET_ROWS:
                raise refuse(
                    name,
                    f"the sheet has a row {number}, beyond the last row a spreadsheet can have "
                    f"({SPREADSHEET_ROWS}): the file is damaged or was not made by a spreadsheet "
                    "program",
                )
            yield number, values


def _cells(row: odfdo.Row, name: str, number: int) -> list[str]:
    """The texts of a row's cells up to its last one with content (a merged cell's covered part is empty)."""
    values: list[str] = []
    column = 0
    for cell in cast("list[odfdo.Cell]", row.get_elements("table:table-cell|table:covered-table-cell")):
        repeated = max(1, cell.repeated or 1)
        if cell.formula:
            _refuse_formula(str(cell.formula), name, number, column)
        # its paragraphs, not those of a comment on it (children: no XPath search for each of a million cells)
        text = cell_value("\n".join(child.text_recursive for child in cell.children if child.tag == "text:p"))
        if text:
            values.extend([""] * (column - len(values)))  # the empty cells before it
            values.extend([str(text)] * min(repeated, SPREADSHEET_COLUMNS - column))
        column += repeated
        if column >= SPREADSHEET_COLUMNS:
            break
    return values


def _refuse_formula(formula: str, name: str, number: int, column: int) -> None:
    from openpyxl.utils import get_column_letter

    formula = formula.removeprefix("of:")
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    raise SpreadsheetError(
        [
            Problem(
                name,
                number,
                None,
                get_column_letter(column + 1),
                f"a formula ({shown}), not a value: the import takes only what was typed; "
                "replace the formula by its result (copy, then paste as values)",
            )
        ]
    )
