"""Make templates/reference.docx: the house style of the Word briefs.

    python tools/make_reference_docx.py [TARGET]

The Word brief starts from this document: its styles, page size and margins,
header and footer. An organisation that wants its own house style saves its
Word template as `reference.docx` in a templates folder and passes `--templates`
(see README, "Word, spreadsheets and REFI-QDA"); this script only makes the
bundled one, from python-docx's default document: A4, the brief's colours,
Word's own style names (Title, Heading 1-3, Quote, Caption, Hyperlink), and a page number
in the footer. Rerun it after changing it here; the output is byte-identical.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bottleneck_briefs.briefs.formats.office.docx_fields import add_field  # noqa: E402
from bottleneck_briefs.briefs.formats.office_files import fixed_dates  # noqa: E402

SERIF, SANS = "Georgia", "Arial"  # on every Windows and Mac; LibreOffice substitutes metric-alike fonts
INK, MUTED, ACCENT, RULE = RGBColor(0x1B, 0x1B, 0x1B), RGBColor(0x45, 0x45, 0x45), RGBColor(0x15, 0x42, 0x73), "C5D0DC"
MADE_ON = datetime(2025, 1, 1)
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime></Properties>"
)


def _fonts(style, name: str) -> None:
    """The font by name, not the theme's: drop the theme attributes python-docx's default carries."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    style.font.name = name


def _border(style, side: str, size: int, color: str, space: int = 4) -> None:
    properties = style.element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    for old in borders.findall(qn(f"w:{side}")):
        borders.remove(old)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    borders.append(edge)


def _paragraph_style(
    document,
    name: str,
    font: str,
    size: float,
    color=INK,
    bold=False,
    italic=False,
    before: float = 0,
    after: float = 6,
):
    style = document.styles[name]
    _fonts(style, font)
    style.font.size = Pt(size)
    style.font.color.rgb = color
    style.font.bold = bold
    style.font.italic = italic
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    return style


def build() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)

    normal = _paragraph_style(document, "Normal", SERIF, 10.5)
    normal.paragraph_format.line_spacing = 1.2
    title = _paragraph_style(document, "Title", SANS, 26, ACCENT, bold=True, after=12)
    title.element.get_or_add_pPr().remove(title.element.pPr.find(qn("w:pBdr")))
    _paragraph_style(document, "Subtitle", SANS, 9, MUTED, bold=True, after=4).font.all_caps = True
    for level, size, before in ((1, 16, 18), (2, 13, 14), (3, 11, 10)):
        heading = _paragraph_style(document, f"Heading {level}", SANS, size, ACCENT, bold=True, before=before, after=4)
        heading.paragraph_format.keep_with_next = True
    _paragraph_style(document, "TOC Heading", SANS, 16, ACCENT, bold=True, before=0, after=6)
    quote = _paragraph_style(document, "Quote", SERIF, 10.5, INK, before=8, after=2)
    quote.paragraph_format.left_indent = Cm(0.4)
    quote.paragraph_format.keep_with_next = True  # a statement stays on the page of its source line
    _border(quote, "left", 18, "154273", space=8)
    _paragraph_style(
        document, "Caption", SANS, 9, MUTED, bold=True, before=8, after=4
    ).paragraph_format.keep_with_next = True
    _paragraph_style(document, "Body Text", SANS, 8.5, MUTED, after=2).paragraph_format.left_indent = Cm(0.4)
    for level in (1, 2):
        toc = document.styles.add_style(f"TOC {level}", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(16), docx.enum.text.WD_TAB_ALIGNMENT.RIGHT, docx.enum.text.WD_TAB_LEADER.DOTS
        )

    link = document.styles.add_style("Hyperlink", docx.enum.style.WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = ACCENT  # a link to a statement or the web looks like one
    link.font.underline = True

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(footer, "PAGE", "1")
    _paragraph_style(document, "Footer", SANS, 8.5, MUTED)

    styles = document.styles.element
    for style in styles.findall(qn("w:style")):  # python-docx's default carries ~100 table designs; Word has them
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.remove(style)
    for relationship in list(document.part.rels.values()):  # Word 2010's copy of the styles: Word rebuilds it
        if relationship.reltype.endswith("/stylesWithEffects"):
            document.part.rels.pop(relationship.rId)

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    package = document.part.package
    for relationship in list(package.rels.values()):  # the default's Mac thumbnail is not ours
        if relationship.reltype.endswith("/thumbnail"):
            package.rels.pop(relationship.rId)
    for part in package.iter_parts():  # the default's statistics (1 page, 0 words) and "Macintosh Word" are not ours
        if part.partname == "/docProps/app.xml":
            part._blob = APP_PROPERTIES
    properties = document.core_properties
    properties.title = properties.subject = properties.keywords = properties.comments = ""
    properties.author = properties.last_modified_by = ""
    properties.created = properties.modified = properties.last_printed = MADE_ON
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return fixed_dates(out.getvalue(), MADE_ON.date())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "reference.docx"
    target.write_bytes(build())
    print(f"{target}: written")
