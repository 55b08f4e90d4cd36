"""The one table the spreadsheets show, laid out once for XLSX and ODS: header, rows, column widths, row heights.

Both workbooks have the same sheet: the header row in the brief's language,
one row per statement (export_view.rows), every column of words wrapped, each
column as wide as its content (within limits) and each row as high as its
longest wrapped text, because neither Excel nor LibreOffice grows a row for a
text written by a program.

A brief's XLSX and its ODS lay out the same sheet: the last brief's layout is
kept for the next format of that brief (the overview at 5,000 statements takes
a tenth of a second to lay out). It depends on the brief alone, which is frozen:
the same brief object gives the same layout, and a new brief is laid out anew.
The layout is kept only as long as its brief lives (basics/kept_for_last).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bottleneck_briefs.basics.kept_for_last import KeptForLast
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.briefs.formats.export_view import Row, columns, header, rows

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief

WIDTHS = {"id": 10, "text": 80, "section": 10, "page": 8, "note": 40}  # in characters; the others fit their content
# every column of words wraps, so that none spills into the next; ids, numbers and links stay on one line
WRAPPED = ("text", "themes", "group", "document", "note")  # and every facet's column
GROUP_AFTER = 3  # the column of the statement's group in the brief comes after id, text and themes
MAX_WIDTH = 40
LINE_HEIGHT = 15  # points: a line of Calibri 11, Excel's default row


@dataclass(frozen=True)
class SheetLayout:
    titles: list[str]
    rows: list[Row]  # the brief's statements behind the cells; empty for a table that is not a brief's
    cells: list[list[str | int]]  # each row's cells, as Row.cells()
    widths: list[int]  # each column's width, in characters
    lines: list[int]  # each row's height, in lines of text
    wrapped: list[bool]  # per column

    def height(self, number: int) -> float:
        """Row `number`'s height in points (LINE_HEIGHT a line)."""
        return self.lines[number] * LINE_HEIGHT


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide (a little more, never less)."""
    if len(text) <= width and text.isprintable():  # most cells: one short line (a line break is not printable)
        return 1
    return sum(max(1, -(-len(line) // width)) for line in text.splitlines() or [""])


def _with_group(cells: list, group: str | int) -> list:
    return [*cells[:GROUP_AFTER], group, *cells[GROUP_AFTER:]]


_kept: KeptForLast[AnyBrief, SheetLayout] = KeptForLast()  # the last brief's layout


def sheet_layout(brief: AnyBrief) -> SheetLayout:
    """The CSV's columns, and the heading each statement stands under in the brief. The writers only read it."""
    return _kept.get(brief, _laid_out)


def _laid_out(brief: AnyBrief) -> SheetLayout:
    _ = gettext_for(brief.language)
    facet_slugs = {facet.slug for facet in brief.facet_words}
    table = rows(brief)
    return table_layout(
        _with_group(header(brief), _("Groep in de brief")),
        _with_group(list(columns(brief)), "group"),
        [_with_group(row.cells(), row.group) for row in table],
        (*WRAPPED, *facet_slugs),
        table,
    )


def table_layout(
    titles: list[str],
    fields: list[str],
    cells: list[list[str | int]],
    wrapped_fields: Collection[str],
    statement_rows: list[Row] | None = None,
) -> SheetLayout:
    """Any table laid out as the brief's sheet: `fields` names each column (WIDTHS, `wrapped_fields`);
    `statement_rows`: the brief's rows behind `cells`, if the table is a brief's."""
    # column by column: a sheet at 5,000 statements has some 60,000 cells, and the XLSX and ODS both lay it out
    by_column = [[str(value) for value in column] for column in zip(*cells, strict=True)] or [[] for _ in fields]
    longest = [max([len(title), *map(len, column)]) for title, column in zip(titles, by_column, strict=True)]
    widths = [WIDTHS.get(fields[column], min(width, MAX_WIDTH) + 2) for column, width in enumerate(longest)]
    wrapped = [name in wrapped_fields for name in fields]
    wrapped_lines = [
        [_lines(text, width) for text in column]
        for column, width, wraps in zip(by_column, widths, wrapped, strict=True)
        if wraps
    ]
    lines = [max(row_lines) for row_lines in zip(*wrapped_lines, strict=True)] if wrapped_lines else [1] * len(cells)
    return SheetLayout(titles, statement_rows or [], cells, widths, lines, wrapped)
