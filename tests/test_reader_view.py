"""What a reader notices first in a brief: nothing said twice, one name for the document, the selection and the
colophon in words, legible charts that fit a phone, no nearly empty last page, Dutch text marked as such.

Measured where the reader meets it: the HTML as Chromium lays it out (tests/checkers/layout_check.mjs), the PDF
as pdftotext reads it (tests/page_fill.py) and the charts' SVG geometry.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import ROOT, invoke, pdf_text, squash
from edition_scenario import change_after_recording, record
from page_fill import page_fills

DATE = ["--date", "2025-03-01"]
AD_HOC = "capaciteit-financiering-gemeenten"
LAYOUT_SCRIPT = ROOT / "tests" / "checkers" / "layout_check.mjs"
SMALL_PRINT_PT = 0.8 * 10.5  # brief.css: small print is 0.8rem; in print the root is 10.5pt
PX_TO_PT = 0.75


class Blocks(HTMLParser):
    """The text of every block a reader reads as one piece: paragraphs, quotes, list items, definitions.

    Left out: the table of contents (it repeats the headings by design), the changes appendix (it quotes the
    statements that changed) and a statement's "Ook onder" line (a label, the same for many statements)."""

    BLOCKS = frozenset({"p", "blockquote", "li", "dd", "caption"})
    REPEATING = frozenset({"toc", "changes", "also"})  # classes whose text may repeat elsewhere by design

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[tuple[list[str], list[bool]]] = []  # text so far, and whether a block is inside
        self._stack: list[bool] = []  # per open element: whether it or an ancestor repeats by design

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "meta", "link", "img", "input", "hr", "wbr"}:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self._stack.append(bool(self._stack and self._stack[-1]) or bool(classes & self.REPEATING))
        if tag in self.BLOCKS:
            if self._open:
                self._open[-1][1][0] = True
            self._open.append(([], [self._stack[-1]]))

    def handle_endtag(self, tag):
        if tag in {"br", "meta", "link", "img", "input", "hr", "wbr"}:
            return
        if self._stack:
            self._stack.pop()
        if tag in self.BLOCKS and self._open:
            text, nested = self._open.pop()
            if not nested[0]:  # the innermost block, outside what repeats by design
                self.blocks.append(" ".join("".join(text).split()))

    def handle_data(self, data):
        for text, _ in self._open:
            text.append(data)


def blocks(html: str) -> list[str]:
    parser = Blocks()
    parser.feed(html)
    return parser.blocks


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|title|desc)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def extra_briefs(tmp_path_factory, shipped_corpus_dir) -> Path:
    """The briefs a reader also gets: after `--since` (Dutch and English), and an ad-hoc combined brief."""
    base = tmp_path_factory.mktemp("reader")
    corpus = base / "bottlenecks"
    shutil.copytree(shipped_corpus_dir, corpus)
    out = base / "reports"
    result = invoke(
        "report",
        "--theme",
        "capaciteit",
        "--theme",
        "financiering",
        "--partij",
        "gemeenten",
        "--combine",
        "--output-dir",
        out,
        *DATE,
        "--corpus",
        corpus,
    )
    assert result.exit_code == 0, result.output
    record(corpus)
    change_after_recording(corpus)
    for language in ("nl", "en"):
        result = invoke(
            "report",
            "--theme",
            "financiering",
            "--brief",
            "opvang-en-zorg",
            "--overview",
            "--since",
            "2026-1",
            "--lang",
            language,
            "--output-dir",
            out / f"since-{language}",
            *DATE,
            "--corpus",
            corpus,
        )
        assert result.exit_code == 0, result.output
    return out


def all_html(shipped_briefs, english_briefs, extra_briefs) -> list[Path]:
    return sorted(
        [*shipped_briefs.folder.glob("*.html"), *english_briefs.folder.glob("*.html"), *extra_briefs.rglob("*.html")]
    )


def all_pdfs(shipped_briefs, english_briefs, extra_briefs) -> list[Path]:
    return sorted(
        [*shipped_briefs.folder.glob("*.pdf"), *english_briefs.folder.glob("*.pdf"), *extra_briefs.rglob("*.pdf")]
    )


# --- 1. nothing twice ------------------------------------------------------------------------------------------


def test_no_block_of_a_brief_appears_twice(shipped_briefs, english_briefs, extra_briefs):
    since = extra_briefs / "since-nl"
    assert "Sinds editie 2026-1." in (since / "financiering.html").read_text(encoding="utf-8")
    for path in all_html(shipped_briefs, english_briefs, extra_briefs):
        # a note quotes a statement in its text and gives it again in full in its annex, as a reader checks it:
        # the text and the annex are each judged on their own
        for part in path.read_text(encoding="utf-8").split('<section class="annex"'):
            counts = Counter(block for block in blocks(part) if len(block) >= 30)
            assert [block for block, count in counts.items() if count > 1] == [], path.name


# --- 2. the codebook box ---------------------------------------------------------------------------------------


def test_theme_and_composed_briefs_show_the_codebook_in_one_markup_never_split(shipped_briefs, extra_briefs, corpus):
    themes = {theme.slug: theme for theme in corpus.codebook.themes}
    cases = [
        (shipped_briefs / "financiering", ["financiering"]),
        (shipped_briefs / "opvang-en-zorg", ["opvang", "zorg"]),
        (extra_briefs / AD_HOC, ["capaciteit", "financiering"]),
    ]
    for stem, slugs in cases:
        html = stem.with_suffix(".html").read_text(encoding="utf-8")
        assert html.count('<dl class="codebook-entry">') == len(slugs), stem.name
        assert 'class="codebook-entry"' not in html.replace('<dl class="codebook-entry">', ""), stem.name
        pages = [squash(page) for page in pdf_text(stem.with_suffix(".pdf")).split("\f")]
        for slug in slugs:
            parts = [squash(themes[slug].use_when), squash(themes[slug].not_when)]
            where = {index for index, page in enumerate(pages) for part in parts if part in page}
            assert len(where) == 1, (stem.name, slug, where)  # the whole entry on one page


# --- 3. informative key figures ------------------------------------------------------------------------------


def key_figures(html: str) -> str:
    start = html.index('id="kerncijfers-title"')
    return html[start : html.index("</table>", start)]


def test_most_often_only_over_counts_above_one(shipped_briefs, corpus):
    from datetime import date

    from bottleneck_briefs.briefs.content.brief_data import build_brief

    seen = set()
    for theme in corpus.codebook.themes:
        brief = build_brief(corpus, theme.slug, date(2025, 3, 1))
        figures = key_figures((shipped_briefs / f"{theme.slug}.html").read_text(encoding="utf-8"))
        for facet in brief.named_facets:  # Partijen, Doelgroepen
            most, plain = f"{facet.label} het vaakst genoemd", f"Genoemde {facet.lower}"
            repeated = any(count.count > 1 for count in facet.top)
            assert (most in figures, plain in figures) == (repeated, not repeated), (theme.slug, most)
            seen.add(repeated)
    assert seen == {True, False}  # the shipped corpus has both cases


def test_a_facet_the_selection_fixed_gets_no_figure(extra_briefs):
    html = (extra_briefs / f"{AD_HOC}.html").read_text(encoding="utf-8")
    figures = key_figures(html)
    assert "Gemeenten" not in visible_text(figures) and "partij" not in visible_text(figures).lower()
    assert 'id="partijen"' not in html  # no chart of the one value every statement names
    assert "Geen partij genoemd" not in html


# --- 4. and 5. the document's name and the selection in words ---------------------------------------------


NOTES = {path.stem for path in (ROOT / "bottlenecks" / "notes").glob("*.md")}


def test_the_document_is_named_for_what_it_is_everywhere(shipped_briefs, english_briefs, extra_briefs):
    for path in all_html(shipped_briefs, english_briefs, extra_briefs):
        text = visible_text(path.read_text(encoding="utf-8"))
        english = path.name.endswith(".en.html")
        name, kind = (
            ("Bottleneck overview", "bottleneck overview")
            if english
            else ("Knelpuntenoverzicht", "knelpuntenoverzicht")
        )
        assert re.search(r"\bbeleidsbrief\b|\bpolicy brief\b|\bdeze brief\b|\bthis brief\b", text, re.I) is None, path
        if path.name.split(".")[0] in NOTES:
            continue  # a note is named by its own kind (notitie, beslisnota): tests/test_notes.py
        assert f"{name} · " in text, path  # the cover's kicker
        assert f"This {kind} brings together" in text if english else f"Dit {kind} bundelt" in text, path
        assert f"What this {kind} is" in text if english else f"Wat dit {kind} is" in text, path
        citation = re.search(r'<p class="brief-citation">(.*?)</p>', path.read_text(encoding="utf-8")).group(1)
        assert f"[{name}" in citation, path


def test_an_ad_hoc_brief_says_its_selection_in_words(extra_briefs):
    html = (extra_briefs / f"{AD_HOC}.html").read_text(encoding="utf-8")
    assert "<title>Knelpunten: Capaciteit en financiering bij gemeenten</title>" in html
    text = visible_text(html)
    assert "·" not in re.search(r"<h1.*?</h1>", html, re.S).group(0)
    assert "uitspraken over capaciteit en financiering bij gemeenten" in text
    assert (
        "De opsteller heeft de uitspraken gekozen op thema’s en kenmerken uit het codeboek: uitspraken over "
        "capaciteit of financiering die gemeenten noemen."
    ) in text


def test_a_composed_brief_says_what_was_added_and_left_out_as_a_reader_would(shipped_briefs):
    text = visible_text((shipped_briefs / "opvang-en-zorg.html").read_text(encoding="utf-8"))
    assert "kan er met de hand uitspraken aan toevoegen of uit weglaten:" not in text
    assert (
        "uitspraken over opvang of zorg en hulpverlening, aangevuld met 1 met de hand gekozen uitspraak; "
        "1 uitspraak is met de hand weggelaten. Met de hand toegevoegd: KP-022. Met de hand weggelaten: "
        "KP-030."
    ) in text


# --- 6. the colophon ----------------------------------------------------------------------------------------


def test_the_colophon_keeps_traceability_in_words_and_a_concept_is_not_published(shipped_briefs, corpus):
    html = (shipped_briefs / "financiering.html").read_text(encoding="utf-8")
    text = visible_text(html)
    for technical in ("SHA-256", "Corpusversie", "bronbestanden", "Verschenen", "nog geen editie vastgelegd"):
        assert technical.lower() not in text.lower(), technical
    trace = re.search(r'<p class="traceability">(.*?)</p>', html, re.S).group(1)
    assert re.search(r">Kenmerk</strong> <span class=\"mono\">[0-9a-f]{12}</span>", trace)
    assert "bottlenecks " in trace and "1 maart 2025" in trace
    citation = re.search(r'<p class="brief-citation">(.*?)</p>', html).group(1)
    assert citation == (
        "Programma Samen tegen Mensenhandel (2025). Knelpunten: Financiering [Knelpuntenoverzicht, concept]."
    )


def test_after_an_edition_the_citation_names_it(extra_briefs):
    html = (extra_briefs / "since-nl" / "financiering.html").read_text(encoding="utf-8")
    citation = re.search(r'<p class="brief-citation">(.*?)</p>', html).group(1)
    assert citation.endswith("Knelpunten: Financiering [Knelpuntenoverzicht, concept na editie 2026-1].")


# --- 7. no nearly empty last page ---------------------------------------------------------------------------


def test_no_brief_ends_on_a_page_less_than_a_quarter_full(shipped_briefs, english_briefs, extra_briefs):
    short = {}
    for path in all_pdfs(shipped_briefs, english_briefs, extra_briefs):
        fills = page_fills(path)
        if len(fills) > 2 and fills[-1] < 0.25:  # a cover and one page of body may be as short as it is
            short[str(path.relative_to(path.parent.parent))] = fills
    assert short == {}


# --- 8. charts ----------------------------------------------------------------------------------------------


def svgs(html: str) -> list[tuple[str, float, float]]:
    """(chart id, width, font size) of every chart."""
    return [
        (chart_id, float(width), float(re.search(r'font-size="([\d.]+)"', body).group(1)))
        for width, chart_id, body in re.findall(
            r'<svg class="chart-svg" viewBox="[^"]*" width="([\d.]+)"'
            r'.*?aria-labelledby="(\S+)-title.*?>(.*?)</svg>',
            html,
            re.S,
        )
    ]


def test_charts_are_drawn_at_one_legible_size_that_fits_the_page(shipped_briefs):
    from bottleneck_briefs.briefs.render.palette import CHART_WIDTH, PRINT_COLUMN

    for path in shipped_briefs.folder.glob("*.html"):
        charts = svgs(path.read_text(encoding="utf-8"))
        for chart_id, width, font in charts:
            assert width <= PRINT_COLUMN, (path.name, chart_id)  # never shrunk to fit the PDF's column
            assert font * PX_TO_PT >= SMALL_PRINT_PT, (path.name, chart_id)
        parts = {
            chart_id: width for chart_id, width, _ in charts if chart_id in ("grafiek-partijen", "grafiek-doelgroepen")
        }
        if len(parts) == 2 and path.stem != "overzicht":
            assert set(parts.values()) == {CHART_WIDTH}, path.name  # side by side at one size, half the column
    assert CHART_WIDTH * 2 <= PRINT_COLUMN


def test_the_longest_bar_fills_the_chart():
    from bottleneck_briefs.briefs.content.brief_data import Count
    from bottleneck_briefs.briefs.render.charts import VALUE_ROOM, bar_chart

    chart = bar_chart([Count("Gemeenten", 3), Count("Slachtoffers met multiproblematiek", 1)])
    assert chart.bars[0].length == pytest.approx(chart.width - VALUE_ROOM)
    assert chart.ticks[-1].value == 3
    assert len(chart.bars[1].label_lines) == 1 and chart.bars[1].bar_y > chart.bars[1].label_y


def layout(width: int, files: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "playwright-core" / "package.json").exists():
        pytest.fail("node and playwright-core are missing: run `bash .ci/install --checkers` first", pytrace=False)
    done = subprocess.run(
        [node, str(LAYOUT_SCRIPT), "--viewport", f"{width}x900", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["files"]


@pytest.mark.xdist_group("third-party-checkers")
def test_on_a_phone_no_page_scrolls_sideways_and_figure_text_stays_legible(
    shipped_briefs, english_briefs, extra_briefs
):
    files = all_html(shipped_briefs, english_briefs, extra_briefs)
    for width in (390, 1280):
        for found in layout(width, files):
            name = Path(found["file"]).name
            assert found["scrollWidth"] <= found["innerWidth"], (width, name)
            assert found["overflowing"] == [], (width, name)  # nothing cut off at the right edge
            if found["smallestFigureText"] is not None:
                assert found["smallestFigureText"] >= found["smallPrint"] - 0.01, (width, name)
            for entry in found["codebook"]:  # one style for the codebook box, whichever brief
                assert (entry["tag"], entry["dtWeight"], entry["ddMarginLeft"]) == ("dl", "700", "0px"), name
                assert entry["ddFontSize"] == entry["bodyFontSize"], name


# --- 9. the overview ----------------------------------------------------------------------------------------


def test_the_overview_gives_each_statement_in_full_once(shipped_briefs, corpus):
    html = (shipped_briefs / "overzicht.html").read_text(encoding="utf-8")
    pdf = squash(pdf_text(shipped_briefs / "overzicht.pdf"))
    for statement in corpus.statements:
        assert html.count(f"<p>{escape(statement.text)}</p></blockquote>") == 1, statement.id
        assert pdf.count(squash(statement.text)) == 1, statement.id
        # under each of its other themes, its number links to it
        assert html.count(f'href="#{statement.id.lower()}"') >= len(set(statement.themes)), statement.id


def test_the_overview_orders_its_bars_by_size_and_leaves_out_what_is_zero(shipped_briefs, corpus):
    from datetime import date

    from bottleneck_briefs.briefs.content.overview_data import build_overview

    overview = build_overview(corpus, date(2025, 3, 1))
    counts = [count.count for count in overview.theme_counts]
    assert counts == sorted(counts, reverse=True)
    [parties] = overview.grids
    assert all(any(row) for row in parties.matrix.cells)
    assert "Openbaar Ministerie" not in parties.matrix.rows  # no statement names it
    pdf = pdf_text(shipped_briefs / "overzicht.pdf")
    assert "Aantal uitspraken per thema" not in pdf  # the figures' numbers are in the figures, not again in tables
    assert len(page_fills(shipped_briefs / "overzicht.pdf")) <= 11


# --- 14. Dutch text in an English brief ------------------------------------------------------------------


def test_an_english_brief_marks_every_dutch_note_and_codebook_text(english_briefs, extra_briefs):
    files = [
        english_briefs / "financiering.en.html",
        english_briefs / "opvang-en-zorg.en.html",
        english_briefs / "overzicht.en.html",
        extra_briefs / "since-en" / "financiering.en.html",
    ]
    checked = 0
    for path in files:
        html = path.read_text(encoding="utf-8")
        for note in re.findall(r'<div class="editor-note">(.*?)</div>', html, re.S):
            assert "(not part of the statement, in Dutch):" in note and '<span lang="nl">' in note
            checked += 1
        for term, value in re.findall(r"<dt>(.*?)</dt><dd lang=\"(\w+)\">", html):
            assert ("(in Dutch)" in term) == (value == "nl"), (path.name, term)
            checked += 1
        for scope in re.findall(r'<p class="scope">(.*?)</p>', html, re.S):
            assert ('lang="nl"' in scope) == ("(in Dutch)" in scope), (path.name, scope)
    assert checked > 10
