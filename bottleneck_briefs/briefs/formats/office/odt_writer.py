"""The office document model as an OpenDocument text, on the house-style reference document (reference.odt).

Like the Word brief: the reference document (`reference.odt` in the templates
folder, else the bundled one, made by tools/make_reference_odt.py) brings the
styles, page layout, header and footer; its body is dropped. The model's
style names are mapped onto LibreOffice's own (Quote is Quotations, Heading 1
is Heading_20_1, ...); a style the reference document lacks is added plain.
Runs carry their language in automatic text styles, every HTML id is a
bookmark, and the table of contents lists each entry with a page reference
that LibreOffice computes as it lays the document out.

The body is written as OpenDocument XML, escaped here, and parsed by odfdo
block by block; odfdo loads the reference document, keeps its styles and
metadata, and saves the package.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from odfdo import Document, Element, XmlPart

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES, LANGUAGE_TAGS
from bottleneck_briefs.briefs.formats.office.odf_properties import set_properties
from bottleneck_briefs.briefs.formats.office.office_model import (
    ListBlock,
    OfficeDocument,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from bottleneck_briefs.briefs.formats.office_files import fixed_dates
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError, find

REFERENCE_NAME = "reference.odt"
# the model's (Word's) style names -> LibreOffice's
STYLE_NAMES = {
    "Normal": "Text_20_body",
    "Title": "Title",
    "Subtitle": "Subtitle",
    "Heading 1": "Heading_20_1",
    "Heading 2": "Heading_20_2",
    "Heading 3": "Heading_20_3",
    "Quote": "Quotations",
    "Caption": "Caption",
    "Body Text": "Small_20_Text",
    "TOC Heading": "Contents_20_Heading",
    "TOC 1": "Contents_20_1",
    "TOC 2": "Contents_20_2",
    "List Bullet": "Text_20_body",
    "List Number": "Text_20_body",
}
CELL_STYLES = {False: "Table_20_Contents", True: "Table_20_Heading"}
LIST_STYLES = {False: "List_20_Bullet", True: "List_20_Number"}
LINK_STYLE = "Internet_20_link"
TEXT_WIDTH_MM = 160  # A4 less the reference's margins
HEADER_SHADE = "#eef3f8"
RULE = "#c5d0dc"


def reference_odt(templates_dir: Path) -> Path:
    """The organisation's reference.odt when its templates folder has one, else the bundled house style."""
    return find(templates_dir, REFERENCE_NAME) or DEFAULT_TEMPLATES / REFERENCE_NAME


def load_reference_odt(reference: Path) -> Document:
    """The reference document, opened; a file that is not an OpenDocument text is a TemplateFileError."""
    try:
        document = Document(reference)
        if document.get_type() != "text":
            raise ValueError(f"it is an OpenDocument {document.get_type()}, not a text")
        for part, xpath in (
            (document.styles, "//office:styles"),
            (document.styles, "//office:master-styles"),
            (document.content, "//office:automatic-styles"),
            (document.content, "//office:text"),
        ):
            if part.get_element(xpath) is None:
                raise ValueError(f"it has no {xpath[2:]}")
        return document
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, etree.LxmlError) as error:
        raise TemplateFileError(
            f"{reference}: cannot be used as the OpenDocument reference document (a .odt saved by LibreOffice): {error}"
        ) from None


def _language(tag: str) -> tuple[str, str]:
    language, _, country = LANGUAGE_TAGS.get(tag, tag).partition("-")
    return language, country


def _language_attributes(tag: str) -> str:
    language, country = _language(tag)
    return f' fo:language="{language}"' + (f' fo:country="{country}"' if country else "")


class _Body:
    """Writes blocks as XML and collects the automatic styles they use."""

    def __init__(self) -> None:
        self.text_styles: dict[tuple, str] = {}
        self.automatic: list[str] = []
        self.tables = 0
        self.column_styles: set[int] = set()

    def text_style(self, run: Run) -> str | None:
        key = (run.bold, run.italic, run.language, run.strike, run.underline, run.mono)
        if not any(key):
            return None
        if key not in self.text_styles:
            name = f"BT{len(self.text_styles) + 1}"
            properties = ""
            if run.bold:
                properties += ' fo:font-weight="bold" style:font-weight-complex="bold"'
            if run.italic:
                properties += ' fo:font-style="italic" style:font-style-complex="italic"'
            if run.language:
                properties += _language_attributes(run.language)
            if run.strike:
                properties += ' style:text-line-through-style="solid"'
            if run.underline:
                properties += ' style:text-underline-style="solid" style:text-underline-width="auto"'
            if run.mono:
                properties += ' style:font-name="Courier New"'
            self.automatic.append(
                f'<style:style style:name="{name}" style:family="text">'
                f"<style:text-properties{properties}/></style:style>"
            )
            self.text_styles[key] = name
        return self.text_styles[key]

    def runs(self, runs: list[Run], bold: bool = False) -> str:
        out: list[str] = []
        link: str | None = None
        for run in runs:
            if run.link != link:
                if link is not None:
                    out.append("</text:a>")
                if run.link is not None:
                    out.append(
                        f'<text:a xlink:type="simple" xlink:href={quoteattr(run.link)} text:style-name="{LINK_STYLE}">'
                    )
                link = run.link
            if run.line_break:
                out.append("<text:line-break/>")
                continue
            style = self.text_style(run if not bold else _with_bold(run))
            text = escape(run.text)
            out.append(f'<text:span text:style-name="{style}">{text}</text:span>' if style else text)
        if link is not None:
            out.append("</text:a>")
        return "".join(out)

    def paragraph(self, paragraph: Paragraph, style: str | None = None, bold: bool = False) -> str:
        style = style or STYLE_NAMES.get(paragraph.style, "Text_20_body")
        marks = "".join(f"<text:bookmark text:name={quoteattr(anchor)}/>" for anchor in paragraph.anchors)
        level = getattr(paragraph, "level", None)
        if level:
            return (
                f'<text:h text:style-name="{style}" text:outline-level="{level}">{marks}'
                f"{self.runs(paragraph.runs)}</text:h>"
            )
        return f'<text:p text:style-name="{style}">{marks}{self.runs(paragraph.runs, bold)}</text:p>'

    def table(self, table: Table) -> list[str]:
        self.tables += 1
        columns = max(len(row) for row in table.rows)
        share = 0.3 if table.key_value or columns > 3 else 0.6
        first = round(TEXT_WIDTH_MM * share) if columns > 1 else TEXT_WIDTH_MM
        others = (TEXT_WIDTH_MM - first) // max(columns - 1, 1)
        for width in (first, others):
            if width not in self.column_styles:
                self.column_styles.add(width)
                self.automatic.append(
                    f'<style:style style:name="BC{width}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{width}mm"/></style:style>'
                )
        xml = [
            f'<table:table table:name="Tabel{self.tables}" table:style-name="BTable">',
            f'<table:table-column table:style-name="BC{first}"/>',
        ]
        if columns > 1:
            xml.append(
                f'<table:table-column table:style-name="BC{others}" table:number-columns-repeated="{columns - 1}"/>'
            )
        for number, row in enumerate(table.rows):
            if number == 0 and table.header_rows:
                xml.append("<table:table-header-rows>")
            xml.append("<table:table-row>")
            for index, cell in enumerate(row):
                shaded = number < table.header_rows
                xml.append(
                    f'<table:table-cell table:style-name="{"BCellHead" if shaded else "BCell"}" '
                    'office:value-type="string">'
                )
                for paragraph_number, paragraph in enumerate(cell.paragraphs):
                    style = CELL_STYLES[cell.header] + ("_num" if cell.numeric else "")
                    anchors = paragraph.anchors + (table.anchors if number == index == paragraph_number == 0 else [])
                    xml.append(
                        self.paragraph(
                            Paragraph(paragraph.style, paragraph.runs, anchors), f"B{style}" if cell.numeric else style
                        )
                    )
                xml.append("</table:table-cell>")
            xml.append("</table:table-row>")
            if number == table.header_rows - 1:
                xml.append("</table:table-header-rows>")
        xml.append("</table:table>")
        blocks = [self.paragraph(table.caption, "Caption")] if table.caption else []
        return [*blocks, "".join(xml)]

    def list_block(self, block: ListBlock) -> str:
        items = "".join(
            f"<text:list-item>{self.paragraph(item, 'Text_20_body')}</text:list-item>" for item in block.items
        )
        return f'<text:list text:style-name="{LIST_STYLES[block.ordered]}">{items}</text:list>'

    def toc(self, toc: TableOfContents) -> str:
        """An index LibreOffice can update, already filled in: each entry a link to its heading and a page
        reference to the heading's bookmark, which LibreOffice computes as it lays the document out."""
        entries = "".join(
            f'<text:p text:style-name="Contents_20_{min(entry.level, 2)}"><text:a xlink:type="simple" '
            f"xlink:href={quoteattr('#' + entry.anchor)}>{escape(entry.text)}"
            f'<text:tab/><text:bookmark-ref text:reference-format="page" text:ref-name={quoteattr(entry.anchor)}>'
            "</text:bookmark-ref></text:a></text:p>"
            for entry in toc.entries
        )
        templates = "".join(
            f'<text:table-of-content-entry-template text:outline-level="{level}" '
            f'text:style-name="Contents_20_{min(level, 2)}"><text:index-entry-link-start/>'
            '<text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
            "<text:index-entry-page-number/><text:index-entry-link-end/>"
            "</text:table-of-content-entry-template>"
            for level in (1, 2)
        )
        title = escape(toc.title)
        return (
            '<text:table-of-content text:name="Inhoud" text:protected="false">'
            '<text:table-of-content-source text:outline-level="2" text:use-index-marks="false">'
            f'<text:index-title-template text:style-name="Contents_20_Heading">{title}'
            f"</text:index-title-template>{templates}</text:table-of-content-source>"
            '<text:index-body><text:index-title text:name="Inhoud_Head">'
            f'<text:p text:style-name="Contents_20_Heading">{title}</text:p></text:index-title>'
            f"{entries}</text:index-body></text:table-of-content>"
        )


def _with_bold(run: Run) -> Run:
    return replace(run, bold=True)


FIXED_AUTOMATIC = [
    '<style:style style:name="BBreak" style:family="paragraph" style:parent-style-name="Text_20_body">'
    '<style:paragraph-properties fo:break-after="page" fo:margin-top="0pt" fo:margin-bottom="0pt"/></style:style>',
    f'<style:style style:name="BTable" style:family="table"><style:table-properties style:width="{TEXT_WIDTH_MM}mm" '
    'table:align="margins" fo:margin-top="2pt" fo:margin-bottom="8pt"/></style:style>',
    f'<style:style style:name="BCell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid '
    f'{RULE}" fo:padding="0.08cm"/></style:style>',
    f'<style:style style:name="BCellHead" style:family="table-cell"><style:table-cell-properties '
    f'fo:background-color="{HEADER_SHADE}" fo:border="0.5pt solid {RULE}" fo:padding="0.08cm"/></style:style>',
    *(
        f'<style:style style:name="B{style}_num" style:family="paragraph" style:parent-style-name="{style}">'
        '<style:paragraph-properties fo:text-align="end"/></style:style>'
        for style in CELL_STYLES.values()
    ),
]


def _found(parent: Element | XmlPart, xpath: str) -> Element:
    """The element at `xpath`: every OpenDocument text has it (a file without it is no reference document)."""
    element = parent.get_element(xpath)
    if element is None:
        raise TemplateFileError(f"the OpenDocument reference document has no {xpath}")
    return element


def _ensure_styles(document: Document, names: set[str]) -> None:
    """A style the reference document lacks is added plain, as in the Word brief."""
    root = _found(document.styles, "//office:styles")
    present = {element.get_attribute("style:name") for element in root.children}
    for name in sorted(names - present):
        family = "text" if name == LINK_STYLE else "paragraph"
        kind = "text:list-style" if name in LIST_STYLES.values() else "style:style"
        family_attribute = "" if kind == "text:list-style" else f' style:family="{family}"'
        display = name.replace("_20_", " ")
        root.append(Element.from_tag(f'<{kind} style:name="{name}" style:display-name="{display}"{family_attribute}/>'))


def _default_language(document: Document, tag: str) -> None:
    language, country = _language(tag)
    root = _found(document.styles, "//office:styles")
    default = root.get_element("style:default-style[@style:family='paragraph']")
    if default is None:
        default = Element.from_tag('<style:default-style style:family="paragraph"/>')
        root.insert(default, position=0)
    properties = default.get_element("style:text-properties")
    if properties is None:
        properties = Element.from_tag("<style:text-properties/>")
        default.append(properties)
    properties.set_attribute("fo:language", language)
    properties.set_attribute("fo:country", country or None)


def _running_label(document: Document, label: str) -> None:
    masters = _found(document.styles, "//office:master-styles")
    for master in masters.get_elements("style:master-page"):
        header = master.get_element("style:header")
        if header is None:
            header = Element.from_tag("<style:header/>")
            master.insert(header, position=0)
        header.append(Element.from_tag(f'<text:p text:style-name="Header">{escape(label.upper())}</text:p>'))


def _properties(document: Document, model: OfficeDocument) -> None:
    properties = model.properties
    set_properties(
        document,
        properties.title,
        properties.subject,
        properties.keywords,
        properties.language,
        properties.author,
        properties.day,
    )


def _parsed(fragments: list[str]) -> list[Element]:
    """The XML fragments as elements, parsed in one go: odfdo declares every ODF namespace around each text it
    parses, which costs more than the fragment itself (half the time of an ODT of thousands of statements)."""
    return Element.from_tag(f"<office:text>{''.join(fragments)}</office:text>").children


def write_odt(model: OfficeDocument, templates_dir: Path) -> bytes:
    document = load_reference_odt(reference_odt(templates_dir))
    body = document.body
    body.clear()
    writer = _Body()
    xml: list[str] = []
    used = {LINK_STYLE}
    for block in model.blocks:
        if isinstance(block, Paragraph):
            xml.append(writer.paragraph(block))
            used.add(STYLE_NAMES.get(block.style, "Text_20_body"))
        elif isinstance(block, Table):
            xml += writer.table(block)
            used |= {*CELL_STYLES.values(), "Caption"}
        elif isinstance(block, ListBlock):
            xml.append(writer.list_block(block))
            used.add(LIST_STYLES[block.ordered])
        elif isinstance(block, PageBreak):
            xml.append('<text:p text:style-name="BBreak"/>')
        else:
            xml.append(writer.toc(block))
            used |= {"Contents_20_Heading", "Contents_20_1", "Contents_20_2"}
    for element in _parsed(xml):
        body.append(element)
    automatic = _found(document.content, "//office:automatic-styles")
    for style in _parsed(FIXED_AUTOMATIC + writer.automatic):
        automatic.append(style)
    _ensure_styles(document, used | {"Text_20_body"})
    _default_language(document, model.properties.language)
    if model.running_label:
        _running_label(document, model.running_label)
    _properties(document, model)
    out = io.BytesIO()
    document.save(out)
    return fixed_dates(out.getvalue(), model.properties.day)
