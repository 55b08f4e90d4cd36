"""The briefs read as a whole: compact pages, no empty figure, key figures that say what they leave out.

The session's shared render of the shipped corpus (every theme and the overview, PDF and HTML) is
measured with pdftotext's word boxes (tests/page_fill.py).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pikepdf
import pytest

from bottleneck_briefs.briefs.content.brief_data import build_brief, ranked
from bottleneck_briefs.briefs.content.brief_parts import Count
from bottleneck_briefs.briefs.render.charts import bar_chart, tick_values
from conftest import ROOT
from page_fill import HALF, page_fills

DAY = date(2025, 3, 1)


@pytest.fixture
def rendered(shipped_briefs) -> Path:
    return shipped_briefs.folder


def major_part_pages(pdf_path: Path) -> set[int]:
    """Pages on which a major part (an outline entry of the first level: an h2) starts."""
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        numbers = {page.objgen: index for index, page in enumerate(pdf.pages, start=1)}
        return {numbers[item.destination[0].objgen] for item in outline.root}


def html_text(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


# --- pages ----------------------------------------------------------------------------------


def test_no_inner_page_is_more_than_half_empty_without_a_reason(rendered):
    """Allowed only where a major part starts on the next page and would not have fitted."""
    checked = 0
    for pdf in sorted(rendered.glob("*.pdf")):
        fills = page_fills(pdf)
        starts = major_part_pages(pdf)
        for number, fill in enumerate(fills[1:-1], start=2):
            checked += 1
            assert fill >= HALF or number + 1 in starts, f"{pdf.name} page {number} is {fill:.0%} full"
    assert checked > 20


def test_a_theme_with_few_statements_is_a_factsheet(rendered, corpus):
    """The cover, then a body of one or two pages: no part is pushed to a fresh page of its own.

    The colophon (publisher, source, method, version, how to cite) is back matter: it starts right after the
    statements, on the body's last page, and may run on to one more."""
    few = [t.slug for t in corpus.codebook.themes if corpus.count_for(t.slug) <= 3]
    assert few, "the shipped corpus has a theme with three statements or fewer"
    for slug in few:
        pdf = rendered / f"{slug}.pdf"
        pages = len(page_fills(pdf))
        texts = [
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            for n in range(1, pages + 1)
        ]
        colophon = next(n for n, text in enumerate(texts, 1) if n > 1 and "\nVerantwoording\n" in f"\n{text}")
        assert colophon <= 3 and pages <= colophon + 1, (slug, colophon, pages)


def test_the_contents_sit_on_the_cover_and_nothing_else_forces_a_page(rendered):
    css = (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
    forced = re.findall(r"([^{}]+)\{[^}]*break-before:\s*page", css)
    assert forced == []  # the figure, the statements and the colophon flow on
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(rendered / "financiering.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Inhoud" in first_page and "Samenvatting" in first_page


# --- figures --------------------------------------------------------------------------------


def test_a_figure_with_nothing_to_show_is_left_out_and_the_text_says_so(rendered, corpus):
    empty = [
        t.slug
        for t in corpus.codebook.themes
        if not any(s.partijen or s.doelgroep for s in corpus.statements_for(t.slug))
    ]
    assert empty, "the shipped corpus has a theme whose statements name no party or target group"
    for slug in empty:
        html = (rendered / f"{slug}.html").read_text(encoding="utf-8")
        assert 'id="figuur-genoemd"' not in html, slug
        count = corpus.count_for(slug)
        text = html_text(rendered / f"{slug}.html")
        assert f"Geen van de {count} uitspraken noemt een partij." in text, slug
    named = next(t.slug for t in corpus.codebook.themes if any(s.partijen for s in corpus.statements_for(t.slug)))
    assert 'id="figuur-genoemd"' in (rendered / f"{named}.html").read_text(encoding="utf-8")


def test_key_figures_say_how_many_statements_name_no_party_or_target_group(rendered, corpus):
    for theme in corpus.codebook.themes:
        statements = corpus.statements_for(theme.slug)
        brief = build_brief(corpus, theme.slug, DAY)
        figures = {facet.slug: facet for facet in brief.facets}
        without_party, without_target_group = figures["partijen"].without, figures["doelgroep"].without
        assert without_party == sum(1 for s in statements if not s.facet_values("partijen"))
        assert without_target_group == sum(1 for s in statements if not s.facet_values("doelgroep"))
        text = html_text(rendered / f"{theme.slug}.html")
        for missing, what in ((without_party, "partij"), (without_target_group, "doelgroep")):
            if 0 < missing < len(statements):
                verb = "noemt" if missing == 1 else "noemen"
                assert f"{missing} van de {len(statements)} uitspraken {verb} geen {what}" in text, theme.slug


def test_ties_with_the_last_value_shown_are_said_not_dropped():
    counts = Counter({"a": 3, "b": 2, "c": 2, "d": 2, "e": 2, "f": 2, "g": 1})
    ranking = ranked(counts, list("abcdefg"), {k: k.upper() for k in counts})
    assert [c.label for c in ranking] == ["A", "B", "C", "D"] and ranking.tied == 2
    assert ranked(Counter({"a": 2, "b": 1}), ["a", "b"], {"a": "A", "b": "B"}).tied == 0


def test_a_brief_with_a_tie_names_it(rendered, corpus):
    tied = [
        t.slug
        for t in corpus.codebook.themes
        if (brief := build_brief(corpus, t.slug, DAY)).co_themes.tied or any(facet.top.tied for facet in brief.facets)
    ]
    assert tied, "the shipped corpus has a brief with a tie past the fourth value"
    for slug in tied:
        assert re.search(r"en \d+ andere met \d+", html_text(rendered / f"{slug}.html")), slug


def test_counts_are_explained_where_the_grouping_differs(rendered, corpus):
    for theme in corpus.codebook.themes:
        brief = build_brief(corpus, theme.slug, DAY)
        groups = {g.co_theme: len(g.statements) for g in brief.groups}
        differs = any(groups.get(c.label, 0) != c.count for c in brief.co_themes)
        assert brief.grouping_differs >= differs, theme.slug  # every visible difference is explained
        explained = "Daarom kan een groep minder uitspraken tellen" in html_text(rendered / f"{theme.slug}.html")
        assert explained == brief.grouping_differs, theme.slug


def test_bar_charts_have_a_scale_that_ends_at_the_whole():
    assert tick_values(13) == (0, 5, 10, 13)
    assert tick_values(4) == (0, 1, 2, 3, 4)
    assert tick_values(11) == (0, 5, 11)  # 10 would touch 11
    assert tick_values(0) == (0,)
    chart = bar_chart([Count("Gemeenten", 2)], scale=13)
    assert chart.ticks[0].x == chart.bar_x and chart.ticks[-1].value == 13
    assert chart.height > chart.axis_y  # room for the numbers under the bars


def test_the_brief_draws_each_chart_on_the_scale_of_its_largest_count(rendered, corpus):
    html = (rendered / "financiering.html").read_text(encoding="utf-8")
    figure = html[html.index('id="figuur-genoemd"') : html.index("</figure>", html.index('id="figuur-genoemd"'))]
    brief = build_brief(corpus, "financiering", DAY)
    for counts in (facet.all for facet in brief.named_facets):
        largest = max(count.count for count in counts)
        assert f"Schaal van 0 tot {largest}." in figure  # the longest bar fills its chart
    assert f"Schaal van 0 tot {corpus.count_for('financiering')}." not in figure
