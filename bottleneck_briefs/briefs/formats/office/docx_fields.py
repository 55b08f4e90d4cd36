"""The WordprocessingML that python-docx has no call for: fields, bookmarks, links and languages; and the
body's paragraphs and runs written as XML text, to be parsed in one go (`parsed`).

Word computes a field (a page number, a page reference) when it lays the
document out or updates its fields; the document carries the field's code and
a last result to show until then. The fields are marked dirty and the settings
ask Word to update every field when the file opens; LibreOffice computes page
numbers and page references as it lays the document out.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from docx.oxml.ns import NamespacePrefixedTag, nsdecls, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

# Elements that follow w:updateFields in w:settings (ECMA-376 CT_Settings): Word refuses them out of order.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
BOOKMARK_LIMIT = 40  # Word's
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]")  # of a bookmark
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")  # what follows w:lang in w:rPr


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    """python-docx's OxmlElement(tag) with the attributes in the w: namespace, the names worked out once per tag.
    It makes an XML document of its own, so an element's children are made inside it instead (_child), which is
    cheaper. The body's many paragraphs are not made so but written as text (`parsed`)."""
    name, namespaces = _tag_names(tag)
    element: BaseOxmlElement = oxml_parser.makeelement(name, nsmap=namespaces)
    for attribute, value in attributes.items():
        element.set(_attribute_name(attribute), value)
    return element


def _child(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    """A new last child of `parent`, made in parent's document (its namespaces already declared there)."""
    attributes_named = {_attribute_name(attribute): value for attribute, value in attributes.items()}
    return etree.SubElement(parent, _tag_names(tag)[0], attributes_named)


@cache
def _tag_names(tag: str) -> tuple[str, dict[str, str]]:
    """A prefixed tag's (Clark name, namespace declaration), as OxmlElement works them out on every call."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


@cache
def _attribute_name(name: str) -> str:
    return qn(f"w:{name}")


def _run(*children: BaseOxmlElement) -> BaseOxmlElement:
    run = _element("w:r")
    for child in children:
        run.append(child)
    return run


def _text(text: str) -> str:
    """`text` as XML character data that parses back to the same text (a parser would read a carriage return
    as a line feed). Replaced in a row: saxutils.escape takes twice as long."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


_quoted = lru_cache(maxsize=1024)(quoteattr)  # an attribute's value, quoted: style ids, languages, link ids repeat


def run_xml(
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    underline: bool = False,
    font: str | None = None,
    half_points: int | None = None,
    language: str | None = None,
    line_break: bool = False,
) -> str:
    """A w:r with only the properties it has, in the schema's order, as text (see parsed)."""
    properties = ""
    if style:
        properties += f"<w:rStyle w:val={_quoted(style)}/>"
    if font:
        properties += f"<w:rFonts w:ascii={_quoted(font)} w:hAnsi={_quoted(font)} w:cs={_quoted(font)}/>"
    if bold:
        properties += "<w:b/>"
    if italic:
        properties += "<w:i/>"
    if strike:
        properties += "<w:strike/>"
    if half_points:
        properties += f'<w:sz w:val="{half_points}"/>'
    if underline:
        properties += '<w:u w:val="single"/>'
    if language:
        properties += f"<w:lang w:val={_quoted(language)}/>"
    content = "<w:br/>" if line_break else f'<w:t xml:space="preserve">{_text(text)}</w:t>'
    return f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>" if properties else f"<w:r>{content}</w:r>"


def paragraph_xml(style_id: str, content: str) -> str:
    """A w:p in the paragraph style `style_id` holding `content` (runs, links, bookmarks written as text)."""
    return f"<w:p><w:pPr><w:pStyle w:val={_quoted(style_id)}/></w:pPr>{content}</w:p>"


def hyperlink_start_xml(anchor: str | None = None, relationship: str = "") -> str:
    """The opening tag of a w:hyperlink to the bookmark of HTML id `anchor` or (`relationship`: its id) to a URL."""
    if anchor is not None:
        return f'<w:hyperlink w:history="1" w:anchor="{bookmark_name(anchor)}">'  # a name that needs no quoting
    return f'<w:hyperlink w:history="1" r:id={_quoted(relationship)}>'


def bookmarks_xml(anchors: list[str], first_number: int) -> tuple[str, str]:
    """The starts and ends of bookmarks `anchors`, numbered from `first_number`, that mark a whole paragraph:
    they nest, the first one innermost (as add_bookmark, one after the other, marks it)."""
    numbered = list(enumerate(anchors, first_number))
    starts = "".join(f'<w:bookmarkStart w:id="{n}" w:name="{bookmark_name(a)}"/>' for n, a in reversed(numbered))
    return starts, "".join(f'<w:bookmarkEnd w:id="{number}"/>' for number, _ in numbered)


_EMPTY_TEXT = '<w:t xml:space="preserve"></w:t>'
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)  # huge_tree: a statement may be long


def parsed(xml: str) -> list[BaseOxmlElement]:
    """WordprocessingML written as text, as elements: one parse makes them all, where making each from Python
    costs a proxy object (a Word brief of 5,000 statements has some 150,000 elements)."""
    body = etree.fromstring(f"<w:body {nsdecls('w', 'r')}>{xml}</w:body>", _PARSER)
    if _EMPTY_TEXT in xml:  # an empty text parses as none, which lxml writes <w:t/>: as it was, <w:t></w:t>
        for text in body.iter(qn("w:t")):
            if text.text is None:
                text.text = ""
    return list(body)


def paragraph_element(before: BaseOxmlElement, style_id: str) -> BaseOxmlElement:
    """An empty w:p in the paragraph style `style_id`, just before `before` (the body's section properties)."""
    paragraph = _child(before.getparent(), "w:p")
    before.addprevious(paragraph)
    _child(_child(paragraph, "w:pPr"), "w:pStyle", val=style_id)
    return paragraph


def field_start(paragraph: Paragraph, code: str) -> None:
    """Open a field in `paragraph`: what follows, up to field_end, is its last result."""
    element = paragraph._p
    element.append(_run(_element("w:fldChar", fldCharType="begin", dirty="true")))
    instruction = _element("w:instrText")
    instruction.text = f" {code} "
    instruction.set(qn("xml:space"), "preserve")
    element.append(_run(instruction))
    element.append(_run(_element("w:fldChar", fldCharType="separate")))


def field_end(paragraph: Paragraph) -> None:
    paragraph._p.append(_run(_element("w:fldChar", fldCharType="end")))


def add_field(paragraph: Paragraph, code: str, result: str) -> None:
    """A field such as PAGE, with `result` shown until Word computes it."""
    field_start(paragraph, code)
    paragraph.add_run(result)
    field_end(paragraph)


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an HTML id: letters, digits and underscores, starting with a letter, at most
    40 characters (a longer one ends in a hash of the whole, so two long ids never share a name)."""
    name = _NOT_IN_NAME.sub("_", anchor)
    name = name if name[:1].isalpha() else f"b_{name}"
    if len(name) > BOOKMARK_LIMIT:
        name = name[: BOOKMARK_LIMIT - 9] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def add_bookmark(paragraph: Paragraph, anchor: str, number: int) -> None:
    """Mark the whole paragraph as bookmark `anchor`, so links and the table of contents can point at it."""
    element = paragraph._p
    start = _element("w:bookmarkStart", id=str(number), name=bookmark_name(anchor))
    properties = element.find(qn("w:pPr"))
    element.insert(0 if properties is None else 1, start)
    element.append(_element("w:bookmarkEnd", id=str(number)))


def hyperlink(parent: BaseOxmlElement, anchor: str | None = None, relationship: str | None = None) -> BaseOxmlElement:
    """An empty w:hyperlink at the end of `parent`, to a bookmark in the document or (`relationship`: its id) to a
    URL; runs go inside."""
    link = _child(parent, "w:hyperlink", history="1")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    if relationship:
        link.set(qn("r:id"), relationship)
    return link


def _set_language(properties: BaseOxmlElement, lang: BaseOxmlElement) -> None:
    """Replace the w:lang of run properties, in its place in the schema's order (Word is strict about it)."""
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    properties.insert_element_before(lang, *_AFTER_LANG)


def set_document_language(document: Document, tag: str) -> None:
    """The language every run has unless it says otherwise (the styles' defaults) and that of the theme fonts."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = _element("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = _element("w:rPr")
        run_defaults.append(properties)
    _set_language(properties, _element("w:lang", val=tag, eastAsia=tag, bidi="ar-SA"))
    settings = document.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        old.set(qn("w:val"), tag)


def update_fields_on_open(document: Document) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = _element("w:updateFields", val="true")
    successor = next(
        (child for child in settings if child.tag in {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}), None
    )
    if successor is None:
        settings.append(flag)
    else:
        successor.addprevious(flag)


def repeat_as_header(row: _Row) -> None:
    """A table's first row, repeated on every page and read as the header by screen readers."""
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:tblHeader", val="true"))
    properties.append(_element("w:cantSplit", val="true"))


def shade(cell: _Cell, fill: str) -> None:
    """A table cell's background colour (hex RGB)."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", val="clear", color="auto", fill=fill))
