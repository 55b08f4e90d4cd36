"""A Word document on the house-style reference document, written paragraph by paragraph.

The reference document (`reference.docx` in the templates folder, else the
bundled one) brings the styles, page size, margins, header and footer; its
body is discarded. Only Word's own style names are used (Title, Subtitle,
Heading 1-3, Quote, Caption, Body Text, TOC Heading, Table Grid), so that a
reference document an organisation made in Word works as it is; a style it
lacks is added plain rather than failing. Headings are bookmarked and listed
for the table of contents. `finish` sets the properties and the language and
returns the file's bytes with fixed dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES, LANGUAGE_TAGS
from bottleneck_briefs.briefs.docx_fields import (
    add_bookmark,
    add_internal_link,
    field_end,
    field_start,
    mark_language,
    repeat_as_header,
    set_document_language,
    shade,
    update_fields_on_open,
)
from bottleneck_briefs.briefs.office_files import fixed_dates
from bottleneck_briefs.briefs.template_folders import TemplateProblem, find

REFERENCE_NAME = "reference.docx"
TOC_LEVELS = 2  # headings 1 and 2 in the table of contents: sections and groups
NUMBER = re.compile(r"[0-9.,\u00a0]+|–")  # a count as number_label writes it, or "–" for "not applicable"
HEADER_SHADE = "EEF3F8"  # the brief's tint
A4_WIDTH = Cm(21)  # for a reference document that leaves the page size to Word's default


def reference_document(templates_dir: Path) -> Path:
    """The organisation's reference document when its templates folder has one, else the bundled house style
    (looked up as every template file is: template_folders.find)."""
    return find(templates_dir, REFERENCE_NAME) or DEFAULT_TEMPLATES / REFERENCE_NAME


MAX_PROPERTY_CHARACTERS = 255  # of a Word document's core property (title, subject, ...)


def _property(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY_CHARACTERS else text[:MAX_PROPERTY_CHARACTERS - 1] + "…"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


class WordDocument:
    def __init__(self, reference: Path, language: str) -> None:
        def unusable(why: object) -> TemplateProblem:
            return TemplateProblem(f"{reference}: cannot be used as the Word reference document "
                                   f"(a .docx saved by Word or LibreOffice): {why}")

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
        self.headings: list[Heading] = []
        self._bookmarks = 0
        self._style_ids: dict[str, str] = {}
        self._toc = None

    def style(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        styles = self.document.styles
        try:
            return styles[name]
        except KeyError:
            return styles.add_style(name, kind)

    def style_id(self, name: str) -> str:
        """The style's id, looked up once: python-docx would scan every style for each paragraph."""
        if name not in self._style_ids:
            self._style_ids[name] = self.style(name).style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str = "Normal", language: str | None = None):
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style_id(style)
        if text:
            self.run(paragraph, text, language=language)
        return paragraph

    def run(self, paragraph, text: str, bold: bool = False, italic: bool = False, language: str | None = None):
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if language:
            mark_language(run, LANGUAGE_TAGS.get(language, language))
        return run

    def bookmark(self, paragraph, anchor: str) -> None:
        self._bookmarks += 1
        add_bookmark(paragraph, anchor, self._bookmarks)

    def heading(self, text: str, level: int, anchor: str, count: str | None = None):
        paragraph = self.paragraph(text, f"Heading {level}")
        if count:
            self.run(paragraph, f" ({count})")
        self.bookmark(paragraph, anchor)
        self.headings.append(Heading(level, text, anchor))
        return paragraph

    def table_of_contents(self, title: str) -> None:
        """Where the table of contents goes; its entries are filled in by `finish`, when every heading is known."""
        self.paragraph(title, "TOC Heading")
        self._toc = self.paragraph("", "TOC 1")

    def table(self, header: list[str], rows: list[list[str]], caption: str | None = None,
              label_share: float = 0.6, numbers_right: bool = True) -> None:
        """A table with a header row (repeated on every page, shaded) and, with `numbers_right`, its counts
        right-aligned. The first column (the labels) takes `label_share` of the text width, the others share
        the rest.
        """
        if caption:
            self.paragraph(caption, "Caption")
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.style("Table Grid", WD_STYLE_TYPE.TABLE)
        table.autofit = False
        section = self.document.sections[-1]
        width = (section.page_width or A4_WIDTH) - (section.left_margin or 0) - (section.right_margin or 0)
        first = int(width * label_share) if len(header) > 1 else width
        others = (width - first) // max(len(header) - 1, 1)
        for column, grid in zip(table.columns, [first, *[others] * (len(header) - 1)], strict=True):
            column.width = grid
            for cell in column.cells:
                cell.width = grid
        repeat_as_header(table.rows[0])
        for number, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for cell, value in zip(row.cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
                self.run(paragraph, value, bold=number == 0).font.size = Pt(9)
                if numbers_right and NUMBER.fullmatch(value):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # numbers line up
                if number == 0:
                    shade(cell, HEADER_SHADE)
        self.paragraph("", "Normal")  # room below the table

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _fill_toc(self) -> None:
        if self._toc is None:
            return
        entries = [heading for heading in self.headings if heading.level <= TOC_LEVELS]
        paragraph = self._toc
        field_start(paragraph, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
        for number, heading in enumerate(entries):
            if number:
                new = self.paragraph("", f"TOC {heading.level}")
                paragraph._p.addnext(new._p)
                paragraph = new
            else:
                paragraph._p.style = self.style_id(f"TOC {heading.level}")
            add_internal_link(paragraph, heading.anchor, heading.text)
        field_end(paragraph)

    def finish(self, title: str, subject: str, keywords: list[str], author: str, day) -> bytes:
        self._fill_toc()
        set_document_language(self.document, self.language)
        update_fields_on_open(self.document)
        properties = self.document.core_properties
        moment = datetime.combine(day, time())
        # A property holds at most 255 characters (python-docx refuses more): a longer title is shortened
        # there, and only there; the document itself shows it whole.
        properties.title = _property(title)
        properties.subject = _property(subject)
        properties.keywords = _property(", ".join(keywords))
        properties.author = _property(author)
        properties.last_modified_by = _property(author)
        properties.language = self.language
        properties.comments = ""
        properties.category = ""
        properties.created = properties.modified = properties.last_printed = moment
        properties.revision = 1
        out = io.BytesIO()
        self.document.save(out)
        return fixed_dates(out.getvalue(), day)
