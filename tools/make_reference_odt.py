"""Make templates/reference.odt: the house style of the OpenDocument briefs.

    python tools/make_reference_odt.py [TARGET]

The OpenDocument brief starts from this document: its styles, page layout,
header and footer (its text is dropped), as the Word brief starts from
reference.docx. An organisation that wants its own saves a document from
LibreOffice Writer as `reference.odt` in a templates folder and passes
`--templates`; the styles it should define are LibreOffice's own (Title,
Subtitle, Heading 1-3, Quotations, Caption, Text Body, Contents Heading,
Contents 1-2, Table Contents, Table Heading, Internet Link) and "Small Text"
for sources and notes. This script makes the bundled one from odfdo's empty
text document: A4, the brief's colours and sizes (as in reference.docx), and a
page number in the footer. Rerun it after changing it here; the output is
byte-identical.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from odfdo import Document, Element

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bottleneck_briefs.briefs.formats.office_files import fixed_dates  # noqa: E402

SERIF, SANS = "Georgia", "Arial"  # as reference.docx; LibreOffice substitutes metric-alike fonts
INK, MUTED, ACCENT, RULE = "#1b1b1b", "#454545", "#154273", "#c5d0dc"
MADE_ON = datetime(2025, 1, 1)

FONT_FACES = f"""
<style:font-face style:name="{SERIF}" svg:font-family="{SERIF}" style:font-family-generic="roman"/>
<style:font-face style:name="{SANS}" svg:font-family="{SANS}" style:font-family-generic="swiss"/>
<style:font-face style:name="Courier New" svg:font-family="'Courier New'" style:font-family-generic="modern"/>
"""


def _paragraph(
    name: str,
    display: str,
    font: str,
    size: float,
    colour: str = INK,
    bold: bool = False,
    before: float = 0,
    after: float = 6,
    parent: str = "Standard",
    extra_paragraph: str = "",
    extra_text: str = "",
    attributes: str = "",
) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"' if bold else ""
    return (
        f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" '
        f'style:parent-style-name="{parent}" style:class="text"{attributes}>'
        f'<style:paragraph-properties fo:margin-top="{before}pt" fo:margin-bottom="{after}pt"{extra_paragraph}/>'
        f'<style:text-properties style:font-name="{font}" fo:font-size="{size}pt" fo:color="{colour}"'
        f"{weight}{extra_text}/></style:style>"
    )


def _styles() -> list[str]:
    keep = ' fo:keep-with-next="always"'
    styles = [
        _paragraph(
            "Standard",
            "Default Paragraph Style",
            SERIF,
            10.5,
            after=6,
            parent="",
            extra_paragraph=' fo:line-height="120%"',
        ).replace(' style:parent-style-name=""', ""),
        _paragraph("Text_20_body", "Text Body", SERIF, 10.5, after=6),
        _paragraph("Title", "Title", SANS, 26, ACCENT, bold=True, after=12),
        _paragraph(
            "Subtitle",
            "Subtitle",
            SANS,
            9,
            MUTED,
            bold=True,
            after=4,
            extra_text=' fo:text-transform="uppercase" fo:letter-spacing="0.04em"',
        ),
        *(
            _paragraph(
                f"Heading_20_{level}",
                f"Heading {level}",
                SANS,
                size,
                ACCENT,
                bold=True,
                before=before,
                after=4,
                extra_paragraph=keep,
                attributes=f' style:default-outline-level="{level}"',
            )
            for level, size, before in ((1, 16, 18), (2, 13, 14), (3, 11, 10))
        ),
        _paragraph(
            "Quotations",
            "Quotations",
            SERIF,
            10.5,
            before=8,
            after=2,
            extra_paragraph=f' fo:margin-left="0.4cm" fo:padding-left="0.25cm" fo:border-left="1.5pt solid '
            f'{ACCENT}" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"'
            f"{keep}",
        ),
        _paragraph("Caption", "Caption", SANS, 9, MUTED, bold=True, before=8, after=4, extra_paragraph=keep),
        _paragraph("Small_20_Text", "Small Text", SANS, 8.5, MUTED, after=2, extra_paragraph=' fo:margin-left="0.4cm"'),
        _paragraph("Contents_20_Heading", "Contents Heading", SANS, 16, ACCENT, bold=True, after=6),
        _paragraph("Table_20_Contents", "Table Contents", SERIF, 9, before=1, after=1),
        _paragraph("Table_20_Heading", "Table Heading", SERIF, 9, bold=True, before=1, after=1),
        _paragraph("Footer", "Footer", SANS, 8.5, MUTED, after=0, extra_paragraph=' fo:text-align="center"'),
        _paragraph(
            "Header",
            "Header",
            SANS,
            8,
            "#7a1f1f",
            bold=True,
            after=0,
            extra_paragraph=' fo:text-align="end"',
            extra_text=' fo:letter-spacing="0.1em"',
        ),
        (
            '<style:style style:name="Internet_20_link" style:display-name="Internet Link" style:family="text">'
            f'<style:text-properties fo:color="{ACCENT}" style:text-underline-style="solid" '
            'style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>'
        ),
    ]
    for level in (1, 2):
        styles.append(
            _paragraph(
                f"Contents_20_{level}",
                f"Contents {level}",
                SERIF,
                10.5,
                after=2,
                extra_paragraph=f' fo:margin-left="{0.6 * (level - 1):.1f}cm"',
            ).replace(
                "/><style:text-properties",
                '><style:tab-stops><style:tab-stop style:position="16cm" '
                'style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
                "</style:paragraph-properties><style:text-properties",
                1,
            )
        )
    for name, display, numbered in (("List_20_Bullet", "List Bullet", False), ("List_20_Number", "List Number", True)):
        level = (
            '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">'
            if numbered
            else '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
        )
        end = "</text:list-level-style-number>" if numbered else "</text:list-level-style-bullet>"
        styles.append(
            f'<text:list-style style:name="{name}" style:display-name="{display}">{level}'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            '<style:list-level-label-alignment text:label-followed-by="listtab" '
            'text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/>'
            f"</style:list-level-properties>{end}</text:list-style>"
        )
    return styles


# headings are not numbered (the brief's own headings say "Figuur 1." where a number belongs)
OUTLINE = (
    '<text:outline-style style:name="Outline">'
    + "".join(f'<text:outline-level-style text:level="{level}" style:num-format=""/>' for level in range(1, 11))
    + "</text:outline-style>"
)
PAGE_LAYOUT = (
    '<style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.5cm" '
    'fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>'
    '<style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.5cm"/>'
    '</style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.5cm" '
    'fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>'
)
MASTER_PAGE = (
    '<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
    '<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1'
    "</text:page-number></text:p></style:footer></style:master-page>"
)


def build() -> bytes:
    document = Document("text")
    document.body.clear()
    styles = document.get_part("styles")
    root = styles.get_element("//office:styles")
    for old in list(root.children):
        if (
            old.tag in ("style:style", "text:list-style", "text:outline-style")
            and old.get_attribute("style:family") != "graphic"
        ):
            root.delete(old)
    root.append(Element.from_tag(OUTLINE))
    for xml in _styles():
        root.append(Element.from_tag(xml))
    faces = styles.get_element("//office:font-face-decls")
    for face in list(faces.children):
        faces.delete(face)
    for xml in FONT_FACES.split("\n"):
        if xml.strip():
            faces.append(Element.from_tag(xml))
    automatic = styles.get_element("//office:automatic-styles")
    for old in list(automatic.children):
        if old.tag == "style:page-layout":
            automatic.delete(old)
    automatic.append(Element.from_tag(PAGE_LAYOUT))
    masters = styles.get_element("//office:master-styles")
    for old in list(masters.children):
        masters.delete(old)
    masters.append(Element.from_tag(MASTER_PAGE))
    meta = document.meta
    meta.set_title("")
    meta.set_generator("bottlenecks tools/make_reference_odt.py")
    meta.set_creation_date(MADE_ON)
    meta.set_modification_date(MADE_ON)
    meta.set_editing_cycles(1)
    statistic = meta.get_element("//meta:document-statistic")
    if statistic is not None:
        statistic.parent.delete(statistic)
    out = io.BytesIO()
    document.save(out)
    return fixed_dates(out.getvalue(), MADE_ON.date())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "reference.odt"
    target.write_bytes(build())
    print(f"{target}: written")
