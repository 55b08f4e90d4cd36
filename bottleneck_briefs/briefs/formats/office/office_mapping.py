"""A brief's semantic HTML read into the office document model: what DOCX and ODT are written from.

The templates render one HTML document per brief; the PDF is that document
laid out, and the Word and OpenDocument files are that document mapped onto
a word processor's structure, element by element. So a wording, an order or
a section changed in a template (or in a `--templates` folder) changes every
format at once, and nothing here names a sentence of a brief.

The mapper knows HTML's own elements (headings, paragraphs, block quotes,
lists, tables with captions and header cells, definition lists, links,
emphasis, `lang`) and a small vocabulary of the project's classes, listed in
docs/office-formats.md: which
paragraph style a class stands for, the cover's title and subject, the table
of contents, key-value tables. Charts (inline SVG) are left out: every
figure carries its numbers as a table, and the table is what a word
processor shows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from bottleneck_briefs.briefs.formats.office.office_model import (
    Block,
    Cell,
    Heading,
    ListBlock,
    OfficeDocument,
    PageBreak,
    Paragraph,
    Properties,
    Run,
    Table,
    TableOfContents,
    TocEntry,
)

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

# A paragraph's style by a class on it or on an element around it (the nearest wins); otherwise "Normal".
STYLE_BY_CLASS = {
    "cover-kicker": "Subtitle",
    "citation": "Body Text",  # a statement's source and id
    "statement-translation": "Body Text",
    "also": "Body Text",
    "editor-note": "Body Text",
    "own-text-label": "Body Text",
    "change-head": "Body Text",
    "change-detail": "Body Text",
    "chart-note": "Body Text",
}
SKIPPED_CLASSES = {"skip-link", "visually-hidden"}  # for screen readers or the browser only
SKIPPED_ELEMENTS = {"head", "script", "style", "template", "svg", "noscript"}
CONTAINERS = {"html", "body", "header", "main", "footer", "section", "article", "aside", "div", "figure", "nav"}
INLINE = {
    "a",
    "span",
    "strong",
    "b",
    "em",
    "i",
    "cite",
    "time",
    "abbr",
    "small",
    "code",
    "del",
    "ins",
    "s",
    "u",
    "sup",
    "sub",
    "mark",
    "q",
    "bdi",
    "data",
    "br",
    "wbr",
}
BOLD, ITALIC = {"strong", "b", "th", "dt"}, {"em", "i", "cite"}
LOOK_ELEMENTS = BOLD | ITALIC | {"del", "s", "ins", "u", "code", "a"}  # those that may change the look of their text
HEADING_LEVELS = {"h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}  # h1 is the document's title
SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; a no-break space stays


def _classes(element: Element) -> frozenset[str]:
    attribute = element.get("class")
    return _class_set(attribute) if attribute else _NO_CLASSES


_NO_CLASSES: frozenset[str] = frozenset()


@lru_cache(maxsize=1024)
def _class_set(attribute: str) -> frozenset[str]:
    """The classes of a class attribute, split once: a brief repeats the same few on thousands of elements."""
    return frozenset(attribute.split())


@lru_cache(maxsize=1024)
def _style_by_class(classes: frozenset[str]) -> str | None:
    return next((STYLE_BY_CLASS[name] for name in sorted(classes) if name in STYLE_BY_CLASS), None)


def _tag(element: Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


class _Look(NamedTuple):
    """The look of the text inside an element, from the elements around it (the nearest wins)."""

    language: str | None = None
    bold: bool = False
    italic: bool = False
    strike: bool = False
    underline: bool = False
    mono: bool = False
    link: str | None = None


class _Mapper:
    def __init__(self, language: str) -> None:
        self.language = language
        self.pending: list[str] = []  # ids met since the last block: bookmarks of the next one
        # each run made once: a brief repeats its labels thousands of times, and a run cannot be changed
        self._runs: dict[tuple[str, _Look], Run] = {}

    # --- inline content -------------------------------------------------------------------------

    def runs(
        self,
        element: Element,
        look: _Look,
        runs: list[Run],
        tag: str | None = None,
        classes: frozenset[str] = _NO_CLASSES,
    ) -> None:
        """The runs of `element`'s content (not its tail), in the look inherited from around it. `tag` and
        `classes`: the element's, when the caller has them already (a brief has tens of thousands of elements)."""
        look = self._look(element, look, tag, classes)
        text = element.text
        if text:
            runs.append(self._run(text, look))
        for child in element:
            child_tag = _tag(child)
            if child_tag and child_tag not in SKIPPED_ELEMENTS:
                child_classes = _classes(child)
                if not child_classes & SKIPPED_CLASSES:
                    if child_tag == "br":
                        runs.append(Run("", line_break=True))
                    else:
                        self._remember_id(child)
                        self.runs(child, look, runs, child_tag, child_classes)
            tail = child.tail
            if tail:
                runs.append(self._run(tail, look))

    def _look(
        self, element: Element, look: _Look, tag: str | None = None, classes: frozenset[str] = _NO_CLASSES
    ) -> _Look:
        """The look inside `element`: `look` itself when the element changes nothing (most do not)."""
        if tag is None:
            tag, classes = _tag(element), _classes(element)
        language = element.get("lang")
        if not language and tag not in LOOK_ELEMENTS and "mono" not in classes:
            return look
        changed: dict = {}
        if language:
            changed["language"] = language
        if tag in BOLD:
            changed["bold"] = True
        if tag in ITALIC:
            changed["italic"] = True
        if tag in ("del", "s"):
            changed["strike"] = True
        if tag in ("ins", "u"):
            changed["underline"] = True
        if tag == "code" or "mono" in classes:
            changed["mono"] = True
        if tag == "a" and element.get("href"):
            changed["link"] = element.get("href")
        return look._replace(**changed) if changed else look

    def _run(self, text: str, look: _Look) -> Run:
        run = self._runs.get((text, look))
        if run is None:
            language = look.language
            run = self._runs[text, look] = Run(
                SPACES.sub(" ", text),
                bold=look.bold,
                italic=look.italic,
                language=None if language in (None, self.language) else language,
                link=look.link,
                strike=look.strike,
                underline=look.underline,
                mono=look.mono,
            )
        return run

    def _remember_id(self, element: Element) -> None:
        identifier = element.get("id")
        if identifier:
            self.pending.append(identifier)

    def paragraph(
        self,
        element: Element,
        style: str,
        look: _Look,
        cls: type[Paragraph] = Paragraph,
        tag: str | None = None,
        classes: frozenset[str] = _NO_CLASSES,
        **extra: Any,
    ) -> Paragraph | None:  # extra: fields of `cls`, a Heading's level
        runs: list[Run] = []
        self.runs(element, look, runs, tag, classes)
        return self.made(cls(style, tidy(runs), **extra))

    def made(self, paragraph: Paragraph) -> Paragraph | None:
        """The paragraph with the ids met so far as its bookmarks; None when it holds no text."""
        if not paragraph.text.strip():
            return None
        paragraph.anchors, self.pending = self.pending, []
        return paragraph

    # --- blocks -----------------------------------------------------------------------------------

    def blocks(
        self,
        element: Element,
        look: _Look,
        style: str,
        out: list[Block],
        tag: str | None = None,
        classes: frozenset[str] = _NO_CLASSES,
    ) -> None:
        """The blocks of `element`'s children; text between block elements becomes a paragraph of its own."""
        look = self._look(element, look, tag, classes)
        loose: list[Run] = []
        text = element.text
        if text and text.strip():
            loose.append(self._run(text, look))
        for child in element:
            child_tag = _tag(child)
            skipped = not child_tag or child_tag in SKIPPED_ELEMENTS
            if not skipped:
                child_classes = _classes(child)
                skipped = bool(child_classes & SKIPPED_CLASSES)
            if not skipped and child_tag in INLINE:
                if child_tag == "br":
                    loose.append(Run("", line_break=True))
                else:
                    self._remember_id(child)
                    self.runs(child, look, loose, child_tag, child_classes)
            elif not skipped:
                self._flush(loose, style, out)
                loose = []
                self._remember_id(child)
                self.block(child, look, style, out, child_tag, child_classes)
            tail = child.tail
            if tail and (tail.strip() or loose):
                loose.append(self._run(tail, look))
        self._flush(loose, style, out)

    def _flush(self, runs: list[Run], style: str, out: list[Block]) -> None:
        if runs:
            paragraph = self.made(Paragraph(style, tidy(runs)))
            if paragraph:
                out.append(paragraph)

    def block(
        self, element: Element, look: _Look, style: str, out: list[Block], tag: str, classes: frozenset[str]
    ) -> None:
        style = _style_by_class(classes) or style
        if tag == "nav" and "toc" in classes:
            out.append(self.toc(element))
            out.append(PageBreak())
            self.pending = []
        elif tag == "h1":
            self._append(out, self.paragraph(element, "Title", look, tag=tag, classes=classes))
        elif tag in HEADING_LEVELS:
            level = HEADING_LEVELS[tag]
            self._append(out, self.paragraph(element, f"Heading {level}", look, Heading, tag, classes, level=level))
        elif tag == "blockquote":
            self.blocks(element, look, "Quote", out, tag, classes)
        elif tag in ("ul", "ol"):
            items: list[Paragraph] = []
            self.list_items(element, look, items)
            if items:
                out.append(ListBlock(tag == "ol", items))
        elif tag == "table":
            self._append(out, self.table(element, look))
        elif tag == "dl":
            self.definitions(element, look, style, out)
        elif tag in ("figcaption", "caption"):
            self._append(out, self.paragraph(element, "Caption", look, tag=tag, classes=classes))
        elif tag in CONTAINERS or (tag not in INLINE and tag != "p"):
            self.blocks(element, look, style, out, tag, classes)
        else:  # p, and anything else that holds text
            self._append(out, self.paragraph(element, style, look, tag=tag, classes=classes))

    def list_items(self, element: Element, look: _Look, items: list[Paragraph]) -> None:
        """One paragraph per item; the items of a list inside an item follow it (a word processor's list here
        is one level deep)."""
        style = "List Number" if _tag(element) == "ol" else "List Bullet"
        for item in element:
            if _tag(item) != "li":
                continue
            self._remember_id(item)
            nested = [child for child in item if _tag(child) in ("ul", "ol")]
            for child in nested:
                _drop_tree(child)  # the tree is this mapper's own, parsed for it alone
            paragraph = self.paragraph(item, style, look)
            if paragraph:
                items.append(paragraph)
            for child in nested:
                self.list_items(child, self._look(item, look), items)

    @staticmethod
    def _append(out: list[Block], block: Block | None) -> None:
        if block is not None:
            out.append(block)

    def table(self, element: Element, look: _Look) -> Table | None:
        look = self._look(element, look)
        anchors, self.pending = self.pending, []
        caption = None
        rows: list[list[Cell]] = []
        header_rows = 0
        for part in element:
            tag = _tag(part)
            if tag == "caption":
                caption = self.paragraph(part, "Caption", look)
            elif tag in ("thead", "tbody", "tfoot", "tr"):
                for row in [part] if tag == "tr" else part.iter("tr"):
                    cells = [self.cell(cell, look) for cell in row if _tag(cell) in ("th", "td")]
                    rows.append(cells)
                    if tag == "thead":
                        header_rows += 1
        if not rows:
            return None
        self.pending = []
        return Table(rows, header_rows, caption, "facts" in _classes(element), anchors)

    def cell(self, element: Element, look: _Look) -> Cell:
        out: list[Block] = []
        self.blocks(element, look, "Normal", out)
        paragraphs = [block for block in out if isinstance(block, Paragraph)]
        for block in out:
            if isinstance(block, ListBlock):
                paragraphs += block.items
        return Cell(
            paragraphs or [Paragraph("Normal")], header=_tag(element) == "th", numeric="num" in _classes(element)
        )

    def definitions(self, element: Element, look: _Look, style: str, out: list[Block]) -> None:
        """A definition list as one paragraph per term: the term in bold, then its description."""
        look = self._look(element, look)
        current: list[Run] | None = None
        for child in element.iter("dt", "dd"):
            runs: list[Run] = []
            self.runs(child, look, runs)
            if _tag(child) == "dt" or current is None:
                self._flush(current or [], style, out)
                current = runs
            else:
                current += [Run(" "), *runs]
        self._flush(current or [], style, out)

    def toc(self, element: Element) -> TableOfContents:
        title = next((" ".join(_text_content(heading).split()) for heading in element.iter("h1", "h2", "h3")), "")
        entries: list[TocEntry] = []

        def walk(node: Element, level: int) -> None:
            for child in node:
                tag = _tag(child)
                if tag == "li":
                    link = next(child.iter("a"), None)
                    if link is not None and (link.get("href") or "").startswith("#"):
                        entries.append(TocEntry(level, " ".join(_text_content(link).split()), link.get("href")[1:]))
                    for nested in child:
                        if _tag(nested) in ("ol", "ul"):
                            walk(nested, level + 1)
                elif tag in ("ol", "ul", "div"):
                    walk(child, level)

        walk(element, 1)
        return TableOfContents(title, entries)


def _text_content(element: Element) -> str:
    return element.xpath("string()")


def _drop_tree(element: Element) -> None:
    """Take `element` out of the tree, keeping the text after it (lxml.html's drop_tree: the tree is parsed with
    lxml's own elements, which it makes in C, not lxml.html's, which take a call to Python each)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def tidy(runs: list[Run]) -> list[Run]:
    """White space as a browser shows it: none at the start or end of a paragraph or line, never two in a row."""
    out: list[Run] = []
    space_before = True  # at the start of the paragraph or after a line break
    for run in runs:
        if run.line_break:
            if out and not out[-1].line_break:
                out[-1] = _replace(out[-1], out[-1].text.rstrip(" "))
            out.append(run)
            space_before = True
            continue
        text = run.text
        if space_before:
            text = text.lstrip(" ")
        if text:
            out.append(_replace(run, text))
            space_before = text.endswith(" ")
    while out and out[-1].line_break:
        out.pop()
    if out:
        out[-1] = _replace(out[-1], out[-1].text.rstrip(" "))
    return [run for run in out if run.text or run.line_break]


def _replace(run: Run, text: str) -> Run:
    return run if text == run.text else replace(run, text=text)  # a run is frozen: the same one may be kept


def _meta(root: Element, name: str) -> str:
    found = root.find(f".//meta[@name='{name}']")
    return (found.get("content") or "").strip() if found is not None else ""


def _text_of(root: Element, xpath: str) -> str:
    found = root.xpath(xpath)
    return " ".join(_text_content(found[0]).split()) if found else ""


def office_document(html: str) -> OfficeDocument:
    """The office document model of one rendered brief (any kind: the mapper follows the elements only)."""
    root = etree.fromstring(html.encode("utf-8"), parser=etree.HTMLParser(encoding="utf-8"))
    language = (root.get("lang") or "nl").split("-")[0]
    created = _meta(root, "dcterms.created")
    title = _text_of(root, "//title")
    properties = Properties(
        title=title,
        subject=_text_of(root, "//*[contains(concat(' ', normalize-space(@class), ' '), ' cover-theme ')]") or title,
        keywords=[word.strip() for word in _meta(root, "keywords").split(",") if word.strip()],
        author=_meta(root, "author"),
        language=language,
        day=date.fromisoformat(created) if created else date(1980, 1, 1),
    )
    mapper = _Mapper(language)
    body = root.find("body")
    blocks: list[Block] = []
    if body is not None:
        mapper.blocks(body, _Look(language=language), "Normal", blocks)
    running = body.get("data-running-label") if body is not None else None
    return OfficeDocument(properties, blocks, running or None)
