"""A Word document on the house-style reference document, written from the office document model.

The reference document (`reference.docx` in the templates folder, else the
bundled one) brings the styles, page size, margins, header and footer; its
body is discarded. Only Word's own style names are used (Title, Subtitle,
Heading 1-3, Quote, Caption, Body Text, TOC Heading, Table Grid), so that a
reference document an organisation made in Word works as it is; a style it
lacks is added plain rather than failing. `finish` sets the properties and
the language and returns the file's bytes with fixed dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES, LANGUAGE_TAGS
from bottleneck_briefs.briefs.formats.office.docx_fields import (
    add_bookmark,
    add_field,
    bookmark_name,
    bookmarks_xml,
    hyperlink,
    hyperlink_start_xml,
    paragraph_element,
    paragraph_xml,
    parsed,
    repeat_as_header,
    run_xml,
    set_document_language,
    shade,
    update_fields_on_open,
)
from bottleneck_briefs.briefs.formats.office.office_model import Properties, Run, Table, TableOfContents
from bottleneck_briefs.briefs.formats.office_files import fixed_dates
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError, find

if TYPE_CHECKING:
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph

REFERENCE_NAME = "reference.docx"
NUMBER = re.compile(r"[0-9.,\u00a0]+|–")  # a count as number_label writes it, or "–" for "not applicable"
HEADER_SHADE = "EEF3F8"  # the brief's tint
A4_WIDTH = Cm(21)  # for a reference document that leaves the page size to Word's default
MONO_FONT = "Courier New"
RUNNING_LABEL_COLOUR = RGBColor(0x7A, 0x1F, 0x1F)  # the PDF's "Concept" in the page margin


def reference_document(templates_dir: Path) -> Path:
    """The organisation's reference document when its templates folder has one, else the bundled house style
    (looked up as every template file is: template_folders.find)."""
    return find(templates_dir, REFERENCE_NAME) or DEFAULT_TEMPLATES / REFERENCE_NAME


MAX_PROPERTY_CHARACTERS = 255  # of a Word document's core property (title, subject, ...)


def _property(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY_CHARACTERS else text[: MAX_PROPERTY_CHARACTERS - 1] + "…"


class WordDocument:
    def __init__(self, reference: Path, language: str) -> None:
        def unusable(why: object) -> TemplateFileError:
            return TemplateFileError(
                f"{reference}: cannot be used as the Word reference document "
                f"(a .docx saved by Word or LibreOffice): {why}"
            )

        try:
            self.document = docx.Document(str(reference))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError) as error:
            raise unusable(" ".join(str(error).split())) from None  # lxml's own message, e.g. its line and column
        body = self.document.element.body
        if body is None or body.find(qn("w:sectPr")) is None:  # the page size and margins every table needs
            raise unusable("its body has no section properties (w:sectPr: page size and margins)")
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        self.language = LANGUAGE_TAGS[language]
        self._bookmarks = 0
        self._style_ids: dict[str, str] = {}
        self._links: dict[str, str] = {}  # URL -> relationship id
        self._end = body.find(qn("w:sectPr"))  # the body's section properties: every paragraph goes before them
        if self._end is None:  # a document that leaves the page to Word's defaults
            self._end = OxmlElement("w:sectPr")
            body.append(self._end)
        self._written: list[str] = []  # paragraphs written as text, not yet in the body: see _into_body

    def style(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> BaseStyle:
        styles = self.document.styles
        try:
            return styles[name]
        except KeyError:
            return styles.add_style(name, kind)

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
        """The style's id, looked up once: python-docx would scan every style for each paragraph."""
        if name not in self._style_ids:
            self._style_ids[name] = self.style(name, kind).style_id
        return self._style_ids[name]

    def paragraph(self, style: str, runs: list[Run], anchors: list[str]) -> None:
        """A paragraph at the end of the body, with bookmarks `anchors` around it. It is written as text and parsed
        with the others (_into_body): making each element from Python was most of a Word brief's time."""
        style_id = self.style_id(style)
        self._written.append(paragraph_xml(style_id, self._content(runs, anchors)))

    def _content(self, runs: list[Run], anchors: list[str], size: float | None = None) -> str:
        content = self.runs(runs, size)
        if not anchors:
            return content
        starts, ends = bookmarks_xml(anchors, self._bookmarks + 1)
        self._bookmarks += len(anchors)
        return starts + content + ends

    def _into_body(self) -> None:
        """The paragraphs written so far into the body, parsed in one go, before anything else goes in."""
        if self._written:
            body = self._end.getparent()
            end = body.index(self._end)
            body[end:end] = parsed("".join(self._written))  # in one call: lxml moves them in C
            self._written = []

    def _paragraph_element(self, style: str) -> Paragraph:
        """An empty paragraph at the end of the body, to build with python-docx."""
        self._into_body()
        return Paragraph(paragraph_element(self._end, self.style_id(style)), self.document._body)

    def runs(self, runs: list[Run], size: float | None = None) -> str:
        """The runs as text; neighbouring runs with the same link share one hyperlink."""
        xml: list[str] = []
        link: str | None = None
        for model in runs:
            if (model.link or None) != link:
                if link:
                    xml.append("</w:hyperlink>")
                link = model.link or None
                if link:
                    xml.append(self._hyperlink_start(link))
            xml.append(
                run_xml(
                    model.text,
                    style=self.style_id("Hyperlink", WD_STYLE_TYPE.CHARACTER) if model.link else None,
                    bold=model.bold,
                    italic=model.italic,
                    strike=model.strike,
                    underline=model.underline,
                    font=MONO_FONT if model.mono else None,
                    half_points=int(size * 2) if size else None,
                    language=LANGUAGE_TAGS.get(model.language, model.language) if model.language else None,
                    line_break=model.line_break,
                )
            )
        if link:
            xml.append("</w:hyperlink>")
        return "".join(xml)

    def _hyperlink_start(self, target: str) -> str:
        if target.startswith("#"):
            return hyperlink_start_xml(anchor=target[1:])
        if target not in self._links:
            self._links[target] = self.document.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return hyperlink_start_xml(relationship=self._links[target])

    def bookmark(self, paragraph: Paragraph, anchor: str) -> None:
        self._bookmarks += 1
        add_bookmark(paragraph, anchor, self._bookmarks)

    def table_of_contents(self, toc: TableOfContents) -> None:
        """The table of contents as the HTML's: each entry a link to its heading and a PAGEREF field for its
        page. LibreOffice computes such a field as it lays the document out, Word when it updates the fields
        on opening; a TOC field around them would make LibreOffice show its stored result instead, which
        has no page numbers (only a layout knows them)."""
        self._paragraph_element("TOC Heading").add_run(toc.title)
        for entry in toc.entries:
            paragraph = self._paragraph_element(f"TOC {min(entry.level, 9)}")
            link = hyperlink(paragraph._p, anchor=bookmark_name(entry.anchor))
            before = len(paragraph._p)
            paragraph.add_run(entry.text)
            paragraph.add_run("\t")
            add_field(paragraph, f"PAGEREF {bookmark_name(entry.anchor)} \\h", "")
            for element in list(paragraph._p)[before:]:
                link.append(element)

    def table(self, model: Table) -> None:
        """A table with its header row (repeated on every page, shaded) and its counts right-aligned. The
        first column (the labels) takes most of the width in a narrow table, a third in a wide one."""
        if model.caption:
            self.paragraph("Caption", model.caption.runs, model.caption.anchors)
        self._into_body()
        columns = max(len(row) for row in model.rows)
        table = self.document.add_table(rows=len(model.rows), cols=columns)
        table.style = self.style("Table Grid", WD_STYLE_TYPE.TABLE)
        table.autofit = False
        section = self.document.sections[-1]
        width = (section.page_width or A4_WIDTH) - (section.left_margin or 0) - (section.right_margin or 0)
        share = 0.3 if model.key_value or columns > 3 else 0.6
        first = int(width * share) if columns > 1 else width
        others = (width - first) // max(columns - 1, 1)
        grid = [first, *[others] * (columns - 1)]
        for column, width in zip(table.columns, grid, strict=True):
            column.width = width
        for number in range(model.header_rows):
            repeat_as_header(table.rows[number])
        for number, (row, cells) in enumerate(zip(table.rows, model.rows, strict=True)):
            for cell, content, width in zip(row.cells, cells, grid, strict=False):
                cell.width = width
                for index, source in enumerate(content.paragraphs):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
                    runs = [r if not content.header else _bold(r) for r in source.runs]
                    paragraph._p.extend(parsed(self._content(runs, source.anchors, 9)))
                    if content.numeric and NUMBER.fullmatch(source.text):
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # numbers line up
                if number < model.header_rows:
                    shade(cell, HEADER_SHADE)
        for anchor in model.anchors:
            self.bookmark(table.rows[0].cells[0].paragraphs[0], anchor)
        self.paragraph("Normal", [], [])  # room below the table

    def page_break(self) -> None:
        self._written.append(paragraph_xml(self.style_id("Normal"), '<w:r><w:br w:type="page"/></w:r>'))

    def running_label(self, label: str) -> None:
        """`label` (e.g. "Concept") at the top of every page, above whatever header the reference document has."""
        for section in self.document.sections:
            headers = [section.header]
            if section.different_first_page_header_footer:
                headers.append(section.first_page_header)
            for header in headers:
                paragraph = header.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(label.upper())
                run.bold = True
                run.font.size = Pt(8)
                run.font.color.rgb = RUNNING_LABEL_COLOUR

    def finish(self, properties_in: Properties) -> bytes:
        self._into_body()
        set_document_language(self.document, self.language)
        update_fields_on_open(self.document)
        properties = self.document.core_properties
        moment = datetime.combine(properties_in.day, time())
        # A property holds at most 255 characters (python-docx refuses more): a longer title is shortened
        # there, and only there; the document itself shows it whole.
        properties.title = _property(properties_in.title)
        properties.subject = _property(properties_in.subject)
        properties.keywords = _property(", ".join(properties_in.keywords))
        properties.author = _property(properties_in.author)
        properties.last_modified_by = _property(properties_in.author)
        properties.language = self.language
        properties.comments = ""
        properties.category = ""
        properties.created = properties.modified = properties.last_printed = moment
        properties.revision = 1
        out = io.BytesIO()
        self.document.save(out)
        return fixed_dates(out.getvalue(), properties_in.day)


def _bold(run: Run) -> Run:
    return replace(run, bold=True)
