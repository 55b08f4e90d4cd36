"""XLSX: one row per statement in an Excel workbook, ready to filter and sort.

The header row stays in view (frozen), carries an autofilter and is repeated
on every printed page; the columns have widths that fit their content, texts
wrap and each row is as high as its longest text, each link is a hyperlink
to the statement in the HTML brief beside the workbook, and the workbook's
properties and the archive's dates are the brief's date, so the same brief gives the same bytes. Every
text is stored as text, never guessed to be a number, a formula or a URL;
text that would start a formula carries Excel's own quote prefix: it stays
verbatim and never runs.

Written with XlsxWriter (write-only; it imports in a fraction of openpyxl's
time, which pulls in numpy when it is installed). XlsxWriter has no language
property, so the workbook's language (nl-NL, en-GB), as in the Word brief, is
added to its core properties when the archive's dates are fixed.
"""

from __future__ import annotations

import io
from datetime import datetime, time
from functools import partial
from typing import TYPE_CHECKING

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from bottleneck_briefs.basics.collection import collection_paused
from bottleneck_briefs.basics.names import LANGUAGE_TAGS
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.briefs.formats.export_view import key_figures, link_note, publisher
from bottleneck_briefs.briefs.formats.office_files import (
    EXCEL_CELL_CHARACTERS,
    UnwritableTextError,
    fixed_dates,
    starts_like_formula,
)
from bottleneck_briefs.briefs.formats.sheet_layout import LINE_HEIGHT, MAX_WIDTH, sheet_layout

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest

LINK_COLOR = "#0563C1"
CORE_PROPERTIES = "docProps/core.xml"
# never a formula, a number or a URL guessed from a text: every str cell is written as the str it is
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


class _Styles:
    """One cell format per combination used, made on first use (XlsxWriter keeps each format it is given)."""

    def __init__(self, book: Workbook):
        self.book = book
        self.made: dict[tuple[bool, bool, bool, bool], Format] = {}

    def get(self, *, bold: bool = False, top: bool = False, wrap: bool = False, quote: bool = False) -> Format:
        key = (bold, top, wrap, quote)
        if key not in self.made:
            properties: dict[str, object] = {"bold": bold, "text_wrap": wrap, "quote_prefix": quote}
            if top:
                properties["valign"] = "top"
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


def _put(sheet: Worksheet, styles: _Styles, row: int, column: int, value: str | int, **style: bool) -> None:
    _Column(sheet, styles, column, style).put(row, value)


class _Column:
    """Writes the cells of one column, all in one style: its formats looked up once, not for every cell (the
    overview's sheet at 5,000 statements has some 55,000 cells)."""

    def __init__(self, sheet: Worksheet, styles: _Styles, column: int, style: dict[str, bool]):
        self.sheet, self.styles, self.column, self.style = sheet, styles, column, style
        self.plain: Format | None = None  # made on first use, as _Styles makes them: the same formats, in order
        self.quoted: Format | None = None

    def put(self, row: int, value: str | int) -> None:
        sheet, column = self.sheet, self.column
        if isinstance(value, str):
            if len(value) > EXCEL_CELL_CHARACTERS:  # XlsxWriter would cut it short
                raise UnwritableTextError(
                    f"cannot write the workbook: cell {sheet.name}!{xl_rowcol_to_cell(row, column)} "
                    "would hold "
                    f"{len(value):,} characters, more than the {EXCEL_CELL_CHARACTERS:,} an Excel cell "
                    "holds"
                )
            if not value:
                status = sheet.write_blank(row, column, None, self.plain or self._plain())  # an empty cell, not ""
            elif starts_like_formula(value):  # as if typed with a leading ', so editing it in Excel keeps it text
                status = sheet.write_string(row, column, value, self.quoted or self._quoted())
            else:
                status = sheet.write_string(row, column, value, self.plain or self._plain())
        else:
            status = sheet.write_number(row, column, value, self.plain or self._plain())
        if status:  # XlsxWriter truncates an over-long text, with only a warning: no cell but the exact one
            raise UnwritableTextError(
                f"cannot write cell {row + 1}:{column + 1} of the workbook (XlsxWriter: {status})"
            )

    def _plain(self) -> Format:
        self.plain = self.styles.get(**self.style)
        return self.plain

    def _quoted(self) -> Format:
        self.quoted = self.styles.get(quote=True, **self.style)
        return self.quoted


# XlsxWriter keeps every cell as an object until the workbook is written (a sheet at 5,000 statements: some
# 60,000), none in a cycle: the collector would walk them, and the whole corpus, again and again for nothing
@collection_paused()
def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    _ = gettext_for(brief.language)
    out = io.BytesIO()
    book = Workbook(out, {"in_memory": True, **TEXT_ONLY})  # in memory: no temporary file on disk
    styles = _Styles(book)
    link_style = book.add_format({"font_color": LINK_COLOR, "underline": 1, "valign": "top"})
    sheet = book.add_worksheet(_("Uitspraken"))
    layout = sheet_layout(brief)  # the same sheet as the ODS
    titles, table = layout.titles, layout.rows
    for column, title in enumerate(titles):
        _put(sheet, styles, 0, column, title, bold=True)
    # every column but the last, the link's
    writers = [
        _Column(sheet, styles, column, {"top": True, "wrap": wraps}) for column, wraps in enumerate(layout.wrapped[:-1])
    ]
    for number, (row, cells) in enumerate(zip(table, layout.cells, strict=True), 1):
        for writer, value in zip(writers, cells[:-1], strict=True):
            writer.put(number, value)
        # the last cell, the link: a web address, or a relative file link shown as its text, its anchor stored
        # as the hyperlink's location, the way Excel itself stores "page.html#anchor"
        url = row.link if row.link.startswith("https://") else f"external:{row.link}"
        if sheet.write_url(number, len(cells) - 1, url, link_style, string=row.link):
            raise UnwritableTextError(f"cannot write the link of row {number + 1} of the workbook: {row.link}")
    for column, width in enumerate(layout.widths):
        # in pixels of Calibri 11's digit: the stored width is then exactly `width`, where
        # set_column would add Excel's 5-pixel cell padding on top
        sheet.set_column_pixels(column, column, width * sheet.max_digit_width)
    # Rows as high as their wrapped texts: neither Excel nor LibreOffice grows a row for a text written
    # by a program, so a long statement would otherwise hide under the next one.
    for number, lines in enumerate(layout.lines, 1):
        if lines > 1:
            sheet.set_row(number, layout.height(number - 1))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), len(titles) - 1)
    sheet.repeat_rows(0)
    sheet.set_paper(9)  # A4, landscape, every column on the width of one page: a table that prints as one
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    note = link_note(brief)
    if note:  # a relative link breaks when the workbook travels alone: the sheet says where the HTML belongs
        sheet.write_comment(0, len(titles) - 1, note, {"x_scale": 2, "y_scale": 1.5})
    _key_figures_sheet(book, styles, brief, note)

    book.set_properties(
        {
            "title": brief.title,
            "subject": brief.title,
            "keywords": ", ".join(brief.keywords),
            "author": publisher(brief),  # dc:creator and cp:lastModifiedBy
            "created": datetime.combine(brief.date, time()),  # also the modified date
        }
    )
    book.close()
    # XlsxWriter dates every member of the archive 1 January 1980; the brief's date, as in the Word brief
    return fixed_dates(out.getvalue(), brief.date, {CORE_PROPERTIES: partial(_with_language, brief.language)})


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render


def _key_figures_sheet(book: Workbook, styles: _Styles, brief: AnyBrief, note: str | None) -> None:
    """The brief's key figures, every value in full: what is counted, which value, how many statements."""
    _ = gettext_for(brief.language)
    sheet = book.add_worksheet(_("Kerncijfers"))
    titles = [_("Kerncijfer"), _("Waarde"), _("Aantal uitspraken")]
    figures: list[tuple[str | int, ...]] = list(key_figures(brief))
    for column, title in enumerate(titles):
        _put(sheet, styles, 0, column, title, bold=True)
    for number, cells in enumerate(figures, 1):
        for column, value in enumerate(cells):
            _put(sheet, styles, number, column, value, top=True)
    for column, title in enumerate(titles):
        width = max([len(title), *(len(str(cells[column])) for cells in figures)])
        sheet.set_column_pixels(column, column, (min(width, MAX_WIDTH) + 2) * sheet.max_digit_width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(figures), len(titles) - 1)
    if note:  # over the table's width, wrapped: on screen and on the printed page
        row = len(figures) + 2
        sheet.merge_range(row, 0, row, len(titles) - 1, note, styles.get(top=True, wrap=True))
        sheet.set_row(row, LINE_HEIGHT * 3)
    sheet.set_paper(9)  # A4, the table on the width of one page
    sheet.fit_to_pages(1, 0)


def _with_language(language: str, core: bytes) -> bytes:
    """The core properties with the document's language (dc:language, which XlsxWriter does not write)."""
    end = b"</cp:coreProperties>"
    if b"<dc:language>" in core or end not in core:
        raise ValueError(f"unexpected {CORE_PROPERTIES} from XlsxWriter: cannot add the language")
    return core.replace(end, f"<dc:language>{LANGUAGE_TAGS[language]}</dc:language>".encode() + end)
