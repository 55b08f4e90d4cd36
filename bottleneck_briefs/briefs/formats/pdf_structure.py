"""What the PDF's structure tree says beyond WeasyPrint's own tagging, for screen readers and PDF/UA.

WeasyPrint (70) tags every box by its element's name and leaves out five
things a reader needs, which are added here while it builds the tree:

- **Language**: an element with a `lang` attribute gets `/Lang` (the Dutch
  statements of an English brief, an English translation in a Dutch one),
  so a screen reader switches voice (WCAG 3.1.2). The document's own
  language is the catalogue's `/Lang`, which WeasyPrint sets.
- **Link descriptions**: a link's `/Contents` is its text ("Financiering"),
  not its raw target ("thema-financiering"); a table-of-contents entry,
  whose `<a>` carries `data-page-label`, reads "Samenvatting, pagina 2".
- **One link per link**: generated content of a link (`a::before`, the page
  number; `a::after`, the leader) becomes a Span inside the link instead of
  a Link of its own, and an empty one (the leader: a border, no text) is
  left out of the tree.
- **Charts' alternative text**: an SVG figure's `/Alt` is its `<title>` and
  its `<desc>` (the numbers), not the title alone.
- **Header scope**: a table header cell gets `/Scope` (Row or Column, from
  its `scope` attribute), so the header of every value is machine-readable.

The hook wraps two functions of `weasyprint.pdf.tags` once per process; if a
WeasyPrint release renames them, `install()` raises instead of writing a PDF
with a poorer structure.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import wraps
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pydyf
    from weasyprint.formatting_structure.boxes import Box

PSEUDO_SUFFIXES = ("::before", "::after")
SVG = "{http://www.w3.org/2000/svg}"
_installed = False
_state: dict = {"link": None}  # the target of the link whose boxes are being tagged
HEADINGS = {f"/H{level}" for level in range(1, 7)}


class StructureHookUnavailableError(RuntimeError):
    pass


def _text_of(box: Box, in_pseudo: bool = False) -> tuple[list[str], list[str]]:
    """(texts of the box's own content, texts of its generated content) in reading order."""
    from weasyprint.formatting_structure import boxes

    own: list[str] = []
    generated: list[str] = []
    if isinstance(box, boxes.TextBox):
        (generated if in_pseudo else own).append(box.text)
        return own, generated
    pseudo = in_pseudo or str(box.element_tag or "").endswith(PSEUDO_SUFFIXES)
    for child in getattr(box, "children", ()):
        child_own, child_generated = _text_of(child, pseudo)
        own += child_own
        generated += child_generated
    return own, generated


def link_description(box: Box) -> str | None:
    """The human description of the link `box` starts, or None to keep WeasyPrint's."""
    element = box.element
    if element is None:
        return None
    own, generated = _text_of(box)
    title = " ".join("".join(own).split())
    if not title:
        return None
    page_label = element.get("data-page-label")
    page = "".join(generated).strip()
    if page_label and page:
        return f"{title}, {page_label} {page}"
    return title


def install() -> None:
    """Wrap WeasyPrint's tagging (idempotent); call before write_pdf."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint.pdf import tags

    original_tag = getattr(tags, "_get_pdf_tag", None)
    original_build = getattr(tags, "_build_box_tree", None)
    if original_tag is None or original_build is None:
        raise StructureHookUnavailableError(
            "this WeasyPrint has no tagging functions to extend (weasyprint.pdf.tags._get_pdf_tag, _build_box_tree)"
        )

    @wraps(original_tag)
    def pdf_tag(tag: str | None) -> str | None:
        if tag and tag.startswith("a::"):  # generated content inside a link: part of that link
            return "Span"
        return original_tag(tag)

    @wraps(original_build)
    def build(
        box: Box,
        parent: pydyf.Dictionary,
        pdf: pydyf.PDF,
        page_number: int,
        nums: dict,
        annotations: dict,
        tag_stream: object,
    ) -> Iterator[pydyf.Dictionary]:
        outer_link = _state["link"]
        annotation = getattr(box, "link_annotation", None)
        inside_link = False
        if annotation is not None:
            target = _target(annotation)
            if target == outer_link:  # a box inside the link: the link's own annotation covers it
                _drop_annotation(pdf, page_number, annotation)
                box.link_annotation = None
                inside_link = True
            else:
                description = link_description(box)
                if description:
                    annotation["Contents"] = pydyf.String(description)
                _state["link"] = target
        try:  # the children are built while the original runs, before it yields this box's element
            elements = list(original_build(box, parent, pdf, page_number, nums, annotations, tag_stream))
        finally:
            _state["link"] = outer_link
        for element in elements:
            if inside_link and element["S"] == "/Link":
                element["S"] = "/Span"  # part of the enclosing link, not a link of its own
            if _refine(element, box, parent):
                yield element

    tags._get_pdf_tag = pdf_tag
    tags._build_box_tree = build
    _installed = True


def _target(annotation: pydyf.Dictionary) -> str:
    value = annotation.get("Dest") or annotation.get("A", {}).get("URI")
    return str(getattr(value, "string", value))  # a pydyf.String holds its text in .string


def _drop_annotation(pdf: pydyf.PDF, page_number: int, annotation: pydyf.Dictionary) -> None:
    """Take a redundant link annotation off its page (it stays an unused object in the file)."""
    page = pdf.objects[int(pdf.page_references[page_number].split()[0])]
    annotations = page.get("Annots")
    if annotations is not None and annotation.reference in annotations:
        annotations.remove(annotation.reference)


def _refine(element: pydyf.Dictionary, box: Box, parent: pydyf.Dictionary) -> bool:
    """Add what WeasyPrint leaves out to one structure element; False: leave the element out."""
    import pydyf

    html = getattr(box, "element", None)
    pseudo = str(getattr(box, "element_tag", "") or "").endswith(PSEUDO_SUFFIXES)
    if pseudo:
        return bool(element["K"])  # an empty generated box (the leader) is decoration, not structure
    if element["S"] in HEADINGS and parent["S"] in HEADINGS:
        element["S"] = "/Span"  # the inline part of a heading (WeasyPrint tags it as the heading again)
    if html is None:
        return True
    language = html.get("lang")
    if language and "Lang" not in element and html.tag != "html":
        element["Lang"] = pydyf.String(language)
    if element["S"] == "/Figure" and html.tag == SVG + "svg":
        alternative = " ".join(
            " ".join(part.itertext()) for name in ("title", "desc") if (part := html.find(SVG + name)) is not None
        )
        if alternative.strip():
            element["Alt"] = pydyf.String(" ".join(alternative.split()))
    if element["S"] == "/TH" and "A" in element:
        element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"
    return True
