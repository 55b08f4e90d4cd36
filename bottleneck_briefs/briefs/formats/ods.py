"""ODS: the spreadsheet as an OpenDocument workbook, the same sheet as the XLSX (sheet_layout), written with odfdo.

One row per statement with the header row frozen, filtered and repeated on
every printed page; the same column widths, wrapped columns and row heights
as the XLSX; each link a hyperlink to the statement in the HTML brief beside
the file (ODF resolves a relative link from inside the package, hence `../`);
A4 landscape, one page wide; the brief's title, keywords, publisher, date and
language as the properties. Every text is a string cell: an ODS cell has a
type, so a text that looks like a formula is never one. `workbook` writes any
table laid out this way (the site's open data is one).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from odfdo import Document, Element

from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.briefs.formats.export_view import publisher
from bottleneck_briefs.briefs.formats.office.odf_properties import set_properties
from bottleneck_briefs.briefs.formats.office_files import fixed_dates
from bottleneck_briefs.briefs.formats.sheet_layout import LINE_HEIGHT, SheetLayout, sheet_layout

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest

CHARACTER_CM = 0.1852  # the width of a digit of Calibri 11 (7 px at 96 dpi): the unit of the XLSX's widths
LINK_COLOUR = "#0563c1"

STYLES = (
    '<style:style style:name="Head" style:family="table-cell"><style:table-cell-properties '
    'style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Top" style:family="table-cell"><style:table-cell-properties style:vertical-align="top"/>'
    "</style:style>",
    '<style:style style:name="Wrap" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" '
    'fo:wrap-option="wrap"/></style:style>',
    '<style:style style:name="Link" style:family="table-cell">'
    '<style:table-cell-properties style:vertical-align="top"/>'
    f'<style:text-properties fo:color="{LINK_COLOUR}" style:text-underline-style="solid" '
    'style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>',
    '<style:style style:name="Sheet" style:family="table" style:master-page-name="Landscape">'
    '<style:table-properties table:display="true"/></style:style>',
    '<style:style style:name="Row" style:family="table-row"><style:table-row-properties '
    'style:use-optimal-row-height="true"/></style:style>',
)
PAGE = (
    '<style:page-layout style:name="Landscape_A4"><style:page-layout-properties fo:page-width="29.7cm" '
    'fo:page-height="21cm" style:print-orientation="landscape" style:scale-to-X="1" style:scale-to-Y="0" '
    'fo:margin="1.5cm"/></style:page-layout>'
)
MASTER = '<style:master-page style:name="Landscape" style:page-layout-name="Landscape_A4"/>'
# the view LibreOffice and Excel open the sheet in: the header row frozen (split after row 1)
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings>\
<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">\
<config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item>\
<config:config-item-map-named config:name="Tables"><config:config-item-map-entry config:name={sheet}>\
<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>\
<config:config-item config:name="VerticalSplitPosition" config:type="int">1</config:config-item>\
<config:config-item config:name="ActiveSplitRange" config:type="short">2</config:config-item>\
<config:config-item config:name="PositionTop" config:type="int">0</config:config-item>\
<config:config-item config:name="PositionBottom" config:type="int">1</config:config-item>\
</config:config-item-map-entry></config:config-item-map-named>\
<config:config-item config:name="ActiveTable" config:type="string">{name}</config:config-item>\
</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings>\
</office:document-settings>"""


NEW_LINE, PARAGRAPH_BREAK = "\n", "</text:p><text:p>"  # a text's lines: one paragraph each


def cell_xml(value: str | int, style: str, link: str | None = None) -> str:
    if value == "":
        return f'<table:table-cell table:style-name="{style}"/>'
    if isinstance(value, int):
        return (
            f'<table:table-cell table:style-name="{style}" office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    # escape() inlined, a paragraph per line: a sheet at 5,000 statements has some 60,000 cells
    text = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    if link is not None:
        paragraphs = f'<text:p><text:a xlink:type="simple" xlink:href={quoteattr(link)}>{text}</text:a></text:p>'
    else:
        paragraphs = f"<text:p>{text.replace(NEW_LINE, PARAGRAPH_BREAK)}</text:p>"
    return f'<table:table-cell table:style-name="{style}" office:value-type="string">{paragraphs}</table:table-cell>'


# Where the sheet goes in content.xml, spliced in as text once odfdo has saved the rest: odfdo would otherwise read
# the whole table back twice (its table caches, and the column check of every save), and lxml moves a parsed tree
# into the document in time that grows with the square of its size (the overview's workbook at 5,000 statements:
# 22 s that way, 4 s this way).
# The prefixes it uses (office, table, text, xlink) are declared at content.xml's root, as odfdo always writes it.
SHEET_PLACE = "bottlenecks-sheet-goes-here"


def _sheet(name: str, layout: SheetLayout, linked: bool) -> str:
    columns = "".join(f'<table:table-column table:style-name="Col{number}"/>' for number in range(len(layout.titles)))
    head = "".join(cell_xml(title, "Head") for title in layout.titles)
    styles = ["Wrap" if wraps else "Top" for wraps in layout.wrapped]  # the link's column: its own, below
    body = []
    for number, cells in enumerate(layout.cells):
        plain = cells[:-1] if linked else cells
        row = [cell_xml(value, style) for value, style in zip(plain, styles, strict=False)]
        if linked:  # a web address, or a file beside the workbook: from inside the package to its folder
            link = str(cells[-1])
            row.append(cell_xml(cells[-1], "Link", link if link.startswith("https://") else "../" + link))
        style = f"Lines{layout.lines[number]}" if layout.lines[number] > 1 else "Row"
        body.append(f'<table:table-row table:style-name="{style}">{"".join(row)}</table:table-row>')
    return (
        f'<table:table table:name={quoteattr(name)} table:style-name="Sheet">{columns}'
        f'<table:table-header-rows><table:table-row table:style-name="Row">{head}</table:table-row>'
        f"</table:table-header-rows>{''.join(body)}</table:table>"
    )


def _column_letter(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    _ = gettext_for(brief.language)
    return workbook(
        _("Uitspraken"),
        sheet_layout(brief),
        Properties(brief.title, brief.keywords, brief.language, publisher(brief), brief.date),
        linked=True,
    )


@dataclass(frozen=True)
class Properties:
    """The workbook's document properties (odf_properties); the title is its subject too."""

    title: str
    keywords: Sequence[str]
    language: str
    author: str
    day: date  # also every date in the archive


def workbook(name: str, layout: SheetLayout, properties: Properties, *, linked: bool) -> bytes:
    """One sheet `name`, laid out as `layout` says; `linked`: its last column is the link to each statement.
    The same layout and properties give the same bytes."""
    document = Document("spreadsheet")
    body = document.body
    body.clear()
    automatic = document.content.get_element("//office:automatic-styles")
    styles = [
        *STYLES,
        *(
            f'<style:style style:name="Col{number}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{width * CHARACTER_CM:.3f}cm"/>'
            "</style:style>"
            for number, width in enumerate(layout.widths)
        ),
    ]
    # one style per row height, not per row: a few styles, not thousands
    styles += [
        f'<style:style style:name="Lines{lines}" style:family="table-row"><style:table-row-properties '
        f'style:row-height="{lines * LINE_HEIGHT}pt" style:use-optimal-row-height="false"/></style:style>'
        for lines in sorted(set(layout.lines))
        if lines > 1
    ]
    if automatic is not None:
        for old in list(automatic.children):
            automatic.delete(old)
        for style in styles:
            automatic.append(Element.from_tag(style))
    body.append(SHEET_PLACE)
    last = f"{_column_letter(len(layout.titles) - 1)}{len(layout.cells) + 1}"
    quoted = "'" + name.replace("'", "''") + "'"
    body.append(
        Element.from_tag(
            f'<table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__0" '
            f"table:target-range-address={quoteattr(f'{quoted}.A1:{quoted}.{last}')} "
            'table:display-filter-buttons="true"/></table:database-ranges>'
        )
    )
    style_part = document.styles
    style_automatic = style_part.get_element("//office:automatic-styles")
    masters = style_part.get_element("//office:master-styles")
    if style_automatic is not None and masters is not None:
        style_automatic.append(Element.from_tag(PAGE))
        masters.append(Element.from_tag(MASTER))
    document.set_part("settings.xml", SETTINGS.format(sheet=quoteattr(name), name=escape(name)).encode("utf-8"))
    set_properties(
        document,
        properties.title,
        properties.title,
        properties.keywords,
        properties.language,
        properties.author,
        properties.day,
    )
    out = io.BytesIO()
    document.save(out)
    sheet = _sheet(name, layout, linked).encode("utf-8")
    return fixed_dates(out.getvalue(), properties.day, {"content.xml": partial(_with_sheet, sheet)})


def _with_sheet(sheet: bytes, content: bytes) -> bytes:
    place = SHEET_PLACE.encode("ascii")
    if content.count(place) != 1:
        raise ValueError("the sheet's place in content.xml is not there once")
    return content.replace(place, sheet)


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
