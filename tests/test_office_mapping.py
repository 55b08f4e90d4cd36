"""The mapper from a brief's HTML to the office document model, on small documents: elements, not sentences."""

from __future__ import annotations

from bottleneck_briefs.briefs.formats.office.office_mapping import office_document
from bottleneck_briefs.briefs.formats.office.office_model import (
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
)

HEAD = (
    '<head><title>Knelpunten: Test</title><meta name="keywords" content="a, b">'
    '<meta name="dcterms.created" content="2025-03-01"><meta name="author" content="Uitgever"></head>'
)


def mapped(body: str, lang: str = "nl", attributes: str = ""):
    return office_document(f'<!DOCTYPE html><html lang="{lang}">{HEAD}<body{attributes}>{body}</body></html>')


def test_properties_come_from_the_head_and_the_cover():
    document = mapped(
        '<h1>Knelpunten: <br><span class="cover-theme">Test</span></h1>', attributes=' data-running-label="Concept"'
    )
    properties = document.properties
    assert (
        properties.title,
        properties.subject,
        properties.keywords,
        properties.author,
        str(properties.day),
        properties.language,
    ) == ("Knelpunten: Test", "Test", ["a", "b"], "Uitgever", "2025-03-01", "nl")
    assert document.running_label == "Concept"
    title = document.blocks[0]
    assert title.style == "Title" and title.text == "Knelpunten:\nTest"


def test_white_space_as_a_browser_shows_it_and_no_break_spaces_kept():
    [paragraph] = mapped(
        "<p>\n   Een  <strong>vet</strong>\n  woord, p.&nbsp;26 ·\n <a href='#kp-1'>KP-1</a>  </p>"
    ).blocks
    assert paragraph.text == "Een vet woord, p.\u00a026 · KP-1"
    assert [run.bold for run in paragraph.runs if run.text == "vet"] == [True]
    assert paragraph.runs[-1].link == "#kp-1"


def test_languages_are_marked_where_they_differ_from_the_document():
    [quote, other] = mapped(
        '<blockquote lang="nl"><p>Letterlijk.</p></blockquote><p>Summary <span lang="nl">Samenvatting</span></p>',
        lang="en",
    ).blocks
    assert quote.style == "Quote" and [run.language for run in quote.runs] == ["nl"]
    assert [(run.text, run.language) for run in other.runs] == [("Summary ", None), ("Samenvatting", "nl")]


def test_headings_styles_by_class_and_anchors():
    blocks = mapped(
        '<section id="s"><h2 id="s-title">Deel <span class="group-count">(3)</span></h2>'
        '<div class="statement" id="kp-1"><blockquote><p>Tekst</p></blockquote>'
        '<p class="citation"><cite>Bron</cite>, p. 1</p></div>'
        '<div class="editor-note"><p><strong>Noot</strong> bij</p></div></section>'
    ).blocks
    heading, quote, citation, note = blocks
    assert isinstance(heading, Heading) and heading.level == 1 and heading.text == "Deel (3)"
    assert heading.anchors == ["s", "s-title"]
    assert quote.anchors == ["kp-1"] and quote.style == "Quote"
    assert citation.style == note.style == "Body Text"
    assert citation.runs[0].italic


def test_charts_and_screen_reader_text_are_left_out_their_tables_kept():
    blocks = mapped(
        '<a class="skip-link" href="#x">Skip</a><figure><h3>Figuur 1</h3>'
        "<svg><title>Grafiek</title><text>Gemeenten</text></svg>"
        '<table class="numbers"><caption>Aantallen</caption><thead><tr><th>Partij</th>'
        '<th class="num">Aantal<span class="visually-hidden"> uitspraken</span></th></tr></thead>'
        '<tbody><tr><th scope="row">Gemeenten</th><td class="num">2</td></tr></tbody></table>'
        "</figure>"
    ).blocks
    heading, table = blocks
    assert heading.text == "Figuur 1"
    assert isinstance(table, Table) and table.caption.text == "Aantallen" and table.header_rows == 1
    assert [[cell.paragraphs[0].text for cell in row] for row in table.rows] == [
        ["Partij", "Aantal"],
        ["Gemeenten", "2"],
    ]
    assert table.rows[1][0].header and table.rows[1][1].numeric and not table.key_value


def test_lists_definitions_and_the_table_of_contents():
    blocks = mapped(
        '<nav class="toc"><h2>Inhoud</h2><ol><li><a href="#a"><span>A</span></a>'
        '<ol><li><a href="#b">B</a></li></ol></li><li><a href="#c">C</a></li></ol></nav>'
        "<ul><li>een<ul><li>twee</li></ul> drie</li></ul>"
        '<dl><div><dt>Term</dt><dd lang="en">Uitleg</dd></div><dt>Ander</dt><dd>Meer</dd></dl>'
    ).blocks
    toc, page_break, items, first, second = blocks
    assert isinstance(toc, TableOfContents) and toc.title == "Inhoud"
    assert [(e.level, e.text, e.anchor) for e in toc.entries] == [(1, "A", "a"), (2, "B", "b"), (1, "C", "c")]
    assert isinstance(page_break, PageBreak)
    assert isinstance(items, ListBlock) and [item.text for item in items.items] == ["een drie", "twee"]
    assert isinstance(first, Paragraph) and first.text == "Term Uitleg" and first.runs[0].bold
    assert second.text == "Ander Meer"
