"""XLSX: one row per statement in an Excel workbook, ready to filter and sort.

The header row stays in view (frozen) and carries an autofilter, the columns
have widths that fit their content, statement texts wrap, each link is a
hyperlink to the statement in the HTML brief beside the workbook, and the
workbook's properties and the archive's dates are the brief's date, so the
same brief gives the same bytes. Text that would start a formula is stored as
text with Excel's own quote prefix: it stays verbatim and never runs.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from bottleneck_briefs.briefs.export_view import COLUMNS, header, publisher, rows
from bottleneck_briefs.briefs.office_files import fixed_dates, starts_like_formula
from bottleneck_briefs.briefs.translations import gettext_for

WIDTHS = {"id": 10, "text": 80, "section": 10, "page": 8, "note": 40}  # in characters; the others fit their content
WRAPPED = ("text", "note")
MAX_WIDTH = 40
LINK_FONT = Font(color="0563C1", underline="single")


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never "f", whatever the text starts with
        if starts_like_formula(value):
            cell.quotePrefix = True  # as if typed with a leading ', so editing it keeps it text
    return cell


def render(job, brief, request) -> bytes:
    _ = gettext_for(brief.language)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Uitspraken")
    titles = header(brief.language)
    for column, title in enumerate(titles, 1):
        _put(sheet, 1, column, title).font = Font(bold=True)
    widths = [len(title) for title in titles]
    table = rows(brief)
    for number, row in enumerate(table, 2):
        cells = row.cells()
        for column, value in enumerate(cells, 1):
            cell = _put(sheet, number, column, value)
            cell.alignment = Alignment(vertical="top", wrap_text=COLUMNS[column - 1] in WRAPPED)
            widths[column - 1] = max(widths[column - 1], len(str(value)))
        link = sheet.cell(row=number, column=len(cells))
        link.hyperlink = row.link
        link.font = LINK_FONT
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(COLUMNS[column - 1],
                                                                              min(width, MAX_WIDTH) + 2)
    last = f"{get_column_letter(len(titles))}{len(table) + 1}"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.print_title_rows = "1:1"

    moment = datetime.combine(brief.date, time())
    properties = book.properties
    properties.title = brief.title
    properties.subject = brief.title
    properties.keywords = ", ".join(brief.keywords)
    properties.creator = publisher(brief)
    properties.lastModifiedBy = None
    properties.language = "nl-NL" if brief.language == "nl" else "en-GB"
    properties.created = properties.modified = moment
    out = io.BytesIO()
    # ExcelWriter, not book.save(), which would stamp the clock's time as the modified date
    ExcelWriter(book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_dates(out.getvalue(), brief.date)
