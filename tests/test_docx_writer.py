"""The Word writer writes its body as XML text: every text and link comes out exactly as the model has it."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from lxml import etree

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
from bottleneck_briefs.briefs.formats.office.docx_writer import write_docx
from bottleneck_briefs.briefs.formats.office.office_model import (
    Cell,
    ListBlock,
    OfficeDocument,
    Paragraph,
    Properties,
    Run,
    Table,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# what XML must escape, what a parser would change (a carriage return, a tab or line feed in an attribute),
# spaces at both ends, and characters beyond ASCII
HOSTILE = " a & b < c > d \"e\" 'f' ]]> g\r\nh\ti &amp; \u00a0\U0001f600 "
URL = 'https://example.org/zoek?a=1&b="2"&c=<3>'


def written(*blocks) -> tuple[etree._Element, dict[str, str]]:
    """The body of the Word file of `blocks`, and its hyperlinks' relationship id -> URL."""
    properties = Properties("Titel", "Onderwerp", [], "", "nl", date(2025, 3, 1))
    data = write_docx(OfficeDocument(properties, list(blocks)), DEFAULT_TEMPLATES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        relationships = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    links = {r.get("Id"): r.get("Target") for r in relationships if r.get("Type", "").endswith("/hyperlink")}
    return body, links


def test_texts_links_and_languages_come_out_exactly_as_in_the_model():
    runs = [
        Run(HOSTILE),
        Run(HOSTILE, link=URL, language='x-"&<'),
        Run("tweede", link=URL),  # the same link as its neighbour: one hyperlink
        Run("elders", link="https://example.org/b&c"),
    ]
    body, links = written(
        Paragraph("Normal", runs, ["anker"]),
        ListBlock(False, [Paragraph("List Bullet", [Run(HOSTILE, bold=True)])]),
        Table([[Cell([Paragraph("Normal", [Run(HOSTILE, link=URL)], ["cel"])])]]),
    )
    texts = [t.text for t in body.iter(f"{W}t")]
    assert texts == [HOSTILE, HOSTILE, "tweede", "elders", HOSTILE, HOSTILE]
    first = body.find(f"{W}p")
    hyperlinks = first.findall(f"{W}hyperlink")
    assert [len(link) for link in hyperlinks] == [2, 1]
    assert [links[link.get(f"{R}id")] for link in hyperlinks] == [URL, "https://example.org/b&c"]
    assert first.find(f".//{W}lang").get(f"{W}val") == 'x-"&<'
    cell_link = body.find(f"{W}tbl").find(f".//{W}hyperlink")
    assert cell_link.get(f"{R}id") == hyperlinks[0].get(f"{R}id")  # one relationship per URL
    assert len(links) == 2


def test_bookmarks_are_numbered_in_order_and_nest_around_their_paragraph():
    body, _ = written(
        Paragraph("Normal", [Run("een")], ["a", "b"]),
        Paragraph("Normal", [Run("twee")], ["c"]),
        Table([[Cell([Paragraph("Normal", [Run("cel")], ["d"])])]], anchors=["e"]),
    )
    marks = [
        (element.tag.removeprefix(W), element.get(f"{W}id"), element.get(f"{W}name"))
        for element in body.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd")
    ]
    assert marks == [
        ("bookmarkStart", "2", "b"),
        ("bookmarkStart", "1", "a"),
        ("bookmarkEnd", "1", None),
        ("bookmarkEnd", "2", None),
        ("bookmarkStart", "3", "c"),
        ("bookmarkEnd", "3", None),
        ("bookmarkStart", "5", "e"),
        ("bookmarkStart", "4", "d"),
        ("bookmarkEnd", "4", None),
        ("bookmarkEnd", "5", None),
    ]


def test_an_empty_run_keeps_its_empty_text():
    properties = Properties("Titel", "Onderwerp", [], "", "nl", date(2025, 3, 1))
    model = OfficeDocument(properties, [Paragraph("Normal", [Run("a"), Run(""), Run("b")])])
    with zipfile.ZipFile(io.BytesIO(write_docx(model, DEFAULT_TEMPLATES))) as archive:
        xml = archive.read("word/document.xml").decode()
    assert '<w:r><w:t xml:space="preserve"></w:t></w:r>' in xml
