"""The coding sheet as a file: XLSX or ODS (two sheets: coding and codebook) or CSV (the coding table alone).

Thin layers over `coding_sheet.CodingSheet`: the columns and rows are made
once there; a writer only lays them out. Every cell is written as text, never
as a formula (a statement that starts with '=' stays a text), and the files are
written in one step (basics/atomic_write).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from bottleneck_briefs import __version__
from bottleneck_briefs.briefs.formats.csv import DELIMITER
from bottleneck_briefs.briefs.formats.office_files import fixed_dates, inert, starts_like_formula
from bottleneck_briefs.editing.coding_sheet import MARK, THEME, CodingSheet

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

SHEET_SUFFIXES = (".xlsx", ".ods", ".csv")
CODING_SHEET_NAME = "Codering"
CODEBOOK_SHEET_NAME = "Codeboek"
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def sheet_bytes(sheet: CodingSheet, suffix: str) -> bytes:
    if suffix == ".csv":
        return csv_bytes(sheet)
    if suffix == ".xlsx":
        return xlsx_bytes(sheet)
    if suffix == ".ods":
        return ods_bytes(sheet)
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
    centred = book.add_format(
        {"align": "center", "valign": "top", "bg_color": "#F3F6FA", "border": 1, "border_color": "#C8D0DA"}
    )
    italic = book.add_format({"italic": True})
    filled = book.add_format(
        {"text_wrap": True, "valign": "top", "bg_color": "#F3F6FA", "border": 1, "border_color": "#C8D0DA"}
    )

    def put(target: Worksheet, row: int, column: int, value: str, style: Format) -> None:
        if target.write_string(row, column, value, quoted if starts_like_formula(value) else style):
            raise ValueError(f"cannot write cell {row + 1}:{column + 1} of the coding sheet")

    coding = book.add_worksheet(CODING_SHEET_NAME)
    for column, spec in enumerate(sheet.columns):
        put(coding, 0, column, spec.header, bold)
        coding.set_column(
            column, column, spec.width, centred if spec.kind == THEME else filled if column >= 2 else wrapped
        )
    for number, row in enumerate(sheet.rows, start=1):
        for column, value in enumerate(row[:2]):
            put(coding, number, column, value, wrapped)
    themes = [column for column, spec in enumerate(sheet.columns) if spec.kind == THEME]
    if themes and sheet.rows:  # a choice of the mark (or empty) in every theme cell
        coding.data_validation(
            1,
            themes[0],
            len(sheet.rows),
            themes[-1],
            {
                "validate": "list",
                "source": [MARK],
                "ignore_blank": True,
                "error_type": "warning",
                "error_title": "Thema",
                "error_message": f"Zet een {MARK} als het thema van toepassing is, of laat het leeg.",
            },
        )
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


SHEET_DAY = date(1980, 1, 1)  # the sheet has no date of its own: a fixed one keeps a rerun byte-identical
ODS_STYLES = (
    '<style:style style:name="Title" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" '
    'fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Fill" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" '
    'fo:wrap-option="wrap" fo:background-color="#F3F6FA" fo:border="0.5pt solid #C8D0DA"/></style:style>',
    '<style:style style:name="Mark" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" '
    'fo:background-color="#F3F6FA" fo:border="0.5pt solid #C8D0DA"/><style:paragraph-properties '
    'fo:text-align="center"/></style:style>',
    '<style:style style:name="Note" style:family="table-cell"><style:text-properties fo:font-style="italic"/>'
    "</style:style>",
)
# a choice of the mark (or empty) in every theme cell, as the XLSX's data validation
ODS_VALIDATION = (
    '<table:content-validations><table:content-validation table:name="Mark" table:allow-empty-cell="true" '
    f'table:condition=\'of:cell-content-is-in-list("{MARK}")\' table:display-list="unsorted">'
    '<table:error-message table:title="Thema" table:message-type="warning" table:display="true">'
    f"<text:p>Zet een {MARK} als het thema van toepassing is, of laat het leeg.</text:p></table:error-message>"
    "</table:content-validation></table:content-validations>"
)


def ods_bytes(sheet: CodingSheet) -> bytes:
    """The two sheets as OpenDocument, laid out as the brief's ODS (formats/ods): every cell a string cell."""
    from odfdo import Document, Element

    from bottleneck_briefs.briefs.formats.ods import CHARACTER_CM, MASTER, PAGE, SETTINGS, STYLES, cell_xml

    def row(cells: list[str]) -> str:
        return f'<table:table-row table:style-name="Row">{"".join(cells)}</table:table-row>'

    def columns(widths: Iterable[int]) -> str:
        return "".join(f'<table:table-column table:style-name="Width{width}"/>' for width in widths)

    widths = [spec.width for spec in sheet.columns]
    book_widths = (14, 24, 28, 60, 50, 50)
    fill_in = [
        '<table:table-cell table:style-name="Mark" table:content-validation-name="Mark"/>'
        if spec.kind == THEME
        else '<table:table-cell table:style-name="Fill"/>'
        for spec in sheet.columns[2:]
    ]
    coding = (
        f'<table:table table:name={quoteattr(CODING_SHEET_NAME)} table:style-name="Sheet">{columns(widths)}'
        f"<table:table-header-rows>{row([cell_xml(spec.header, 'Title') for spec in sheet.columns])}"
        "</table:table-header-rows>"
        + "".join(row([cell_xml(value, "Wrap") for value in cells[:2]] + fill_in) for cells in sheet.rows)
        + "</table:table>"
    )
    codebook = (
        f'<table:table table:name={quoteattr(CODEBOOK_SHEET_NAME)} table:style-name="Sheet">'
        f"{columns(book_widths)}"
        + "".join(row([cell_xml(line, "Note" if number else "Head")]) for number, line in enumerate(sheet.instructions))
        + row([])
        + row([cell_xml(title, "Title") for title in sheet.codebook_header])
        + "".join(row([cell_xml(value, "Wrap") for value in cells]) for cells in sheet.codebook_rows)
        + "</table:table>"
    )
    document = Document("spreadsheet")
    document.body.clear()
    automatic = document.content.get_element("//office:automatic-styles")
    if automatic is not None:
        for old in list(automatic.children):
            automatic.delete(old)
        for style in (
            *STYLES,
            *ODS_STYLES,
            *(
                f'<style:style style:name="Width{width}" style:family="table-column"><style:table-column-properties '
                f'style:column-width="{width * CHARACTER_CM:.3f}cm"/></style:style>'
                for width in sorted({*widths, *book_widths})
            ),
        ):
            automatic.append(Element.from_tag(style))
    for part in (ODS_VALIDATION, coding, codebook):
        document.body.append(Element.from_tag(part))
    style_automatic = document.styles.get_element("//office:automatic-styles")
    masters = document.styles.get_element("//office:master-styles")
    if style_automatic is not None and masters is not None:
        style_automatic.append(Element.from_tag(PAGE))
        masters.append(Element.from_tag(MASTER))
    document.set_part(
        "settings.xml",
        SETTINGS.format(sheet=quoteattr(CODING_SHEET_NAME), name=escape(CODING_SHEET_NAME)).encode("utf-8"),
    )
    meta = document.meta
    meta.set_title("Codeerblad")
    meta.set_language("nl-NL")
    meta.set_generator(f"bottlenecks {__version__}")
    for name in ("//meta:document-statistic", "//meta:creation-date"):  # the template's, not this sheet's
        element = meta.get_element(name)
        if element is not None and element.parent is not None:
            element.parent.delete(element)
    out = io.BytesIO()
    document.save(out)
    return fixed_dates(out.getvalue(), SHEET_DAY)


def write_sheet(sheet: CodingSheet, target: Path) -> None:
    from bottleneck_briefs.basics.atomic_write import write_atomically

    write_atomically(target, sheet_bytes(sheet, target.suffix.lower()))
