"""The small document model the editable formats (DOCX, ODT) are written from.

It is what `office_mapping` reads out of a brief's semantic HTML, and no
more than a word processor needs: blocks (paragraphs in a named style,
headings, tables, lists, a table of contents, page breaks) made of inline
runs (text with emphasis, a language and a link). The style names are
Word's built-in ones (Title, Heading 1, Quote, Body Text, ...); each writer
maps them onto its own house-style document. Nothing here knows what a
brief says: the wording comes from the templates only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look. `link`: '#anchor' inside the document, or an absolute URL."""

    text: str
    bold: bool = False
    italic: bool = False
    language: str | None = None  # a language tag ('nl', 'en') when it differs from the document's
    link: str | None = None
    strike: bool = False  # deleted words (the changes appendix)
    underline: bool = False  # inserted words
    mono: bool = False  # a digest, a code
    line_break: bool = False  # a forced line break; `text` is empty


@dataclass
class Paragraph:
    style: str  # a paragraph style name, e.g. "Normal", "Quote", "Body Text", "Caption"
    runs: list[Run] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # HTML ids that point here (bookmarks)

    @property
    def text(self) -> str:
        return "".join("\n" if run.line_break else run.text for run in self.runs)


@dataclass
class Heading(Paragraph):
    level: int = 1  # 1-3: Heading 1 is a main section of the brief


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    header: bool = False  # a column or row header (bold)
    numeric: bool = False  # right-aligned, so numbers line up


@dataclass
class Table:
    rows: list[list[Cell]]
    header_rows: int = 0  # repeated at the top of every page
    caption: Paragraph | None = None  # shown above the table
    key_value: bool = False  # a fact table: key and value, no header row
    anchors: list[str] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[Paragraph]


@dataclass(frozen=True)
class TocEntry:
    level: int  # 1 for a main section
    text: str
    anchor: str


@dataclass
class TableOfContents:
    title: str
    entries: list[TocEntry]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | ListBlock | TableOfContents | PageBreak


@dataclass
class Properties:
    """The document's metadata, from the HTML's head."""

    title: str
    subject: str
    keywords: list[str]
    author: str  # the publisher; empty when the corpus names none
    language: str  # the document's language, 'nl' or 'en'
    day: date  # the brief's date: every date inside the file


@dataclass
class OfficeDocument:
    properties: Properties
    blocks: list[Block]
    running_label: str | None = None  # printed in the footer of every page, e.g. "Concept"

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, in order, including those in tables and lists (for tests and text comparison)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                if block.caption:
                    yield block.caption
                for row in block.rows:
                    for cell in row:
                        yield from cell.paragraphs
            elif isinstance(block, ListBlock):
                yield from block.items
