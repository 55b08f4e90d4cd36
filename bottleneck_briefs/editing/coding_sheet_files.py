"""The coding sheet as a file: XLSX (two sheets: coding and codebook) or CSV (the coding table alone).

Thin layers over `coding_sheet.CodingSheet`: the columns and rows are made
once there; a writer only lays them out. Every cell is written as text, never
as a formula (a statement that starts with '=' stays a text), and the files are
written in one step (basics/atomic_write).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bottleneck_briefs.briefs.formats.csv import DELIMITER
from bottleneck_briefs.briefs.office_files import inert, starts_like_formula
from bottleneck_briefs.editing.coding_sheet import MARK, THEME, CodingSheet

SHEET_SUFFIXES = (".xlsx", ".csv")
CODING_SHEET_NAME = "Codering"
CODEBOOK_SHEET_NAME = "Codeboek"
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def sheet_bytes(sheet: CodingSheet, suffix: str) -> bytes:
    if suffix == ".csv":
        return csv_bytes(sheet)
    if suffix == ".xlsx":
        return xlsx_bytes(sheet)
    raise ValueError(f"a coding sheet is {' or '.join(SHEET_SUFFIXES)}, not '{suffix}'")


def csv_bytes(sheet: CodingSheet) -> bytes:
    """UTF-8 with a byte order mark and ';' between cells, as the CSV briefs (Excel with Dutch settings)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([inert(column.header) for column in sheet.columns])
    writer.writerows([inert(cell) for cell in row] for row in sheet.rows)
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheet: CodingSheet) -> bytes:
    from xlsxwriter import Workbook

    out = io.BytesIO()
    book = Workbook(out, {"in_memory": True, **TEXT_ONLY})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    centred = book.add_format({"align": "center", "valign": "top", "bg_color": "#F3F6FA", "border": 1,
                               "border_color": "#C8D0DA"})
    italic = book.add_format({"italic": True})
    filled = book.add_format({"text_wrap": True, "valign": "top", "bg_color": "#F3F6FA", "border": 1,
                              "border_color": "#C8D0DA"})

    def put(target, row: int, column: int, value: str, style) -> None:
        if target.write_string(row, column, value, quoted if starts_like_formula(value) else style):
            raise ValueError(f"cannot write cell {row + 1}:{column + 1} of the coding sheet")

    coding = book.add_worksheet(CODING_SHEET_NAME)
    for column, spec in enumerate(sheet.columns):
        put(coding, 0, column, spec.header, bold)
        coding.set_column(column, column, spec.width, centred if spec.kind == THEME else
                          filled if column >= 2 else wrapped)
    for number, row in enumerate(sheet.rows, start=1):
        for column, value in enumerate(row[:2]):
            put(coding, number, column, value, wrapped)
    themes = [column for column, spec in enumerate(sheet.columns) if spec.kind == THEME]
    if themes and sheet.rows:  # a choice of the mark (or empty) in every theme cell
        coding.data_validation(1, themes[0], len(sheet.rows), themes[-1],
                               {"validate": "list", "source": [MARK], "ignore_blank": True,
                                "error_type": "warning", "error_title": "Thema",
                                "error_message": f"Zet een {MARK} als het thema van toepassing is, of laat het leeg."})
    coding.freeze_panes(1, 2)
    coding.autofilter(0, 0, len(sheet.rows), len(sheet.columns) - 1)

    codebook = book.add_worksheet(CODEBOOK_SHEET_NAME)
    for number, line in enumerate(sheet.instructions):
        put(codebook, number, 0, line, italic if number else bold)
    first = len(sheet.instructions) + 1
    for column, title in enumerate(sheet.codebook_header):
        put(codebook, first, column, title, bold)
    for number, row in enumerate(sheet.codebook_rows, start=first + 1):
        for column, value in enumerate(row):
            if value:
                put(codebook, number, column, value, wrapped)
    for column, width in enumerate((14, 24, 28, 60, 50, 50)):
        codebook.set_column(column, column, width)
    book.close()
    return out.getvalue()


def write_sheet(sheet: CodingSheet, target: Path) -> None:
    from bottleneck_briefs.basics.atomic_write import write_atomically

    write_atomically(target, sheet_bytes(sheet, target.suffix.lower()))
