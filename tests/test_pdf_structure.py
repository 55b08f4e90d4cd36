"""The PDF's structure tree, read with pikepdf: what a screen reader gets from it.

Headings never nest; key-value blocks are tables with row headers, one row per fact; every link is
one link with a human description; the table of contents draws its leaders, it does not type them;
Dutch statements in an English brief are marked Dutch.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import DATE, report

HEADINGS = {f"/H{level}" for level in range(1, 7)}


class Folders:
    """The session's shared renders, Dutch and English, as one folder-like lookup by file name."""

    def __init__(self, dutch: Path, english: Path) -> None:
        self.dutch, self.english = dutch, english

    def __truediv__(self, name: str) -> Path:
        return (self.english if ".en." in name else self.dutch) / name


@pytest.fixture
def pdfs(shipped_briefs, english_briefs) -> Folders:
    return Folders(shipped_briefs.folder, english_briefs.folder)


class Element:
    def __init__(self, node: pikepdf.Dictionary, parent: Element | None = None) -> None:
        self.node = node
        self.parent = parent
        self.tag = str(node.get("/S"))
        self.children: list[Element] = []
        self.annotations: list[pikepdf.Dictionary] = []
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/OBJR":
                    self.annotations.append(kid.Obj)
                elif "/S" in kid:
                    self.children.append(Element(kid, self))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self):
        element = self.parent
        while element is not None:
            yield element
            element = element.parent

    def language(self) -> str | None:
        for element in (self, *self.ancestors()):
            if "/Lang" in element.node:
                return str(element.node.Lang)
        return None


def tree(path: Path) -> tuple[pikepdf.Pdf, Element]:
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot.K
    return pdf, Element(root[0] if isinstance(root, pikepdf.Array) else root)


@pytest.mark.parametrize("name", ["financiering.pdf", "zorg.pdf", "overzicht.pdf", "financiering.en.pdf"])
def test_no_heading_inside_a_heading(pdfs, name):
    pdf, document = tree(pdfs / name)
    with pdf:
        nested = [e.tag for e in document.walk() if e.tag in HEADINGS and any(a.tag in HEADINGS for a in e.ancestors())]
        assert nested == []
        assert [e.tag for e in document.walk() if e.tag == "/H1"] == ["/H1"]


@pytest.mark.parametrize("name", ["financiering.pdf", "overzicht.pdf"])
def test_key_value_blocks_are_tables_with_a_row_header_per_fact(pdfs, name):
    pdf, document = tree(pdfs / name)
    with pdf:
        tables = [e for e in document.walk() if e.tag == "/Table"]
        # the cover facts and the key figures come first: one row each, a row header and its value
        for table in tables[:2]:
            rows = [e for e in table.walk() if e.tag == "/TR"]
            assert len(rows) >= 3
            for row in rows:
                assert [c.tag for c in row.children] == ["/TH", "/TD"]
                assert str(row.children[0].node.A.Scope) == "/Row"
        # every header cell anywhere says whose header it is
        assert all("/Scope" in e.node.get("/A", {}) for e in document.walk() if e.tag == "/TH")
        # no list holds anything but list items (a description list would make term and value two items)
        for element in document.walk():
            if element.tag == "/L":
                assert {c.tag for c in element.children} <= {"/LI", "/L"}


@pytest.mark.parametrize("name", ["financiering.pdf", "overzicht.pdf", "financiering.en.pdf"])
def test_every_link_is_one_link_with_a_human_description(pdfs, name):
    pdf, document = tree(pdfs / name)
    with pdf:
        links = [e for e in document.walk() if e.tag == "/Link"]
        assert links
        assert not [e for e in links if any(a.tag == "/Link" for a in e.ancestors())]  # no link in a link
        assert all(len(e.annotations) == 1 for e in links)
        on_pages = sum(len(page.get("/Annots", [])) for page in pdf.pages)
        assert on_pages == len(links)  # no stray annotation outside the structure
        descriptions = [str(e.annotations[0].Contents) for e in links]
        # a raw target ("groep-prioritering") is no description
        assert not [d for d in descriptions if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+|[a-z0-9]+", d)], descriptions
        page_word = "page" if ".en." in name else "pagina"
        toc = [d for d in descriptions if re.fullmatch(rf".+, {page_word} \d+", d)]
        summary = "Summary" if ".en." in name else "Samenvatting"
        assert f"{summary}, {page_word} 2" in toc and len(toc) >= 4


def test_contents_leaders_are_drawn_not_typed(pdfs):
    cover = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdfs / "financiering.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Samenvatting" in cover and ".." not in cover


def test_dutch_statements_in_an_english_brief_are_marked_dutch(pdfs):
    pdf, document = tree(pdfs / "financiering.en.pdf")
    with pdf:
        assert str(pdf.Root.Lang) == "en"
        quotes = [e for e in document.walk() if e.tag == "/BlockQuote"]
        assert quotes and all(e.language() == "nl" for e in quotes)
        # the headings and labels around them stay English
        assert all(e.language() in (None, "en") for e in document.walk() if e.tag in HEADINGS)
    pdf, document = tree(pdfs / "financiering.pdf")
    with pdf:
        assert str(pdf.Root.Lang) == "nl"


def test_a_translation_in_a_brief_is_marked_with_its_language(tmp_path, corpus_copy):
    statements = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    theme = text.index("themes: [financiering")
    source = text.rindex("\n    source: ", 0, theme) + 1  # the source line of that statement
    statements.write_text(
        text[:source] + "    translation_en: A made-up translation.\n" + text[source:], encoding="utf-8"
    )
    result = report(
        "--theme",
        "financiering",
        "--lang",
        "en",
        "--format",
        "pdf",
        "--output-dir",
        tmp_path,
        *DATE,
        corpus=corpus_copy,
    )
    assert result.exit_code == 0, result.output
    pdf, document = tree(tmp_path / "financiering.en.pdf")
    with pdf:
        marked = [e for e in document.walk() if "/Lang" in e.node]
        assert {str(e.node.Lang) for e in marked} >= {"nl", "en"}


def test_chart_figures_carry_their_numbers_as_alternative_text(pdfs):
    pdf, document = tree(pdfs / "financiering.pdf")
    with pdf:
        figures = [str(e.node.Alt) for e in document.walk() if e.tag == "/Figure"]
        assert figures and all(re.search(r"\d", alt) and "Schaal van 0 tot" in alt for alt in figures), figures
