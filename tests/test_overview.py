"""The overview brief: every statement under each of its themes, and the figures' numbers."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

from bottleneck_briefs.briefs.content.overview_data import build_overview

DAY = date(2025, 3, 1)


class Sections(HTMLParser):
    """Statement ids per theme section (<section class="group" id="thema-...">) of the HTML overview: those given in
    full, then those referred to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, list[str]] = {}
        self._section: str | None = None
        self._references = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "group":
            self._section = attrs["id"].removeprefix("thema-")
            self.ids[self._section] = []
        elif tag == "p" and attrs.get("class") == "statement-references":
            self._references = True
        elif tag == "div" and attrs.get("class") == "statement" and self._section:  # in full
            self.ids[self._section].append(attrs["id"].upper())
        elif tag == "a" and attrs.get("class") == "statement-id" and self._section and self._references:
            self.ids[self._section].append(attrs["href"].removeprefix("#").upper())  # a reference to it

    def handle_endtag(self, tag):
        if tag == "p":
            self._references = False


def test_every_statement_is_listed_under_each_of_its_themes(corpus):
    overview = build_overview(corpus, DAY)
    listed = {section.link.slug: [s.id for s in section.statements] for section in overview.sections}
    for statement in corpus.statements:
        for slug in listed:
            assert listed[slug].count(statement.id) == (1 if slug in statement.themes else 0), (slug, statement.id)
    assert overview.statement_count == len(corpus.statements)
    assert overview.entry_count == sum(len(s.themes) for s in corpus.statements)
    assert overview.multi_theme_count == sum(1 for s in corpus.statements if len(s.themes) > 1)


def test_figures_count_what_the_statements_say(corpus):
    overview = build_overview(corpus, DAY)
    slugs = [t.slug for t in corpus.codebook.themes]
    per_theme = Counter(t for s in corpus.statements for t in s.themes)
    by_size = sorted(slugs, key=lambda slug: -per_theme[slug])  # most first, ties in codebook order
    assert [c.count for c in overview.theme_counts] == [per_theme[slug] for slug in by_size]
    for i, a in enumerate(slugs):
        for j, b in enumerate(slugs):
            both = sum(1 for s in corpus.statements if a in s.themes and b in s.themes)
            assert overview.co_occurrence.cells[i][j] == (None if a == b else both), (a, b)
    facet = corpus.codebook.facet("partijen")
    parties = [p for p in facet.values if any(p.slug in s.facet_values("partijen") for s in corpus.statements)]
    [grid] = overview.grids  # the codebook marks partijen alone as a grid
    assert (grid.slug, grid.anchor, grid.label) == ("partijen", "partijen", "Partijen")
    assert grid.matrix.rows == tuple(p.label for p in parties)  # a party never named is left out
    for i, party in enumerate(parties):
        for j, a in enumerate(slugs):
            named = sum(1 for s in corpus.statements if a in s.themes and party.slug in s.facet_values("partijen"))
            assert grid.matrix.cells[i][j] == named, (a, party.slug)


def test_overview_lists_each_themes_statements_in_its_section(shipped_briefs, corpus):
    parser = Sections()
    parser.feed((shipped_briefs / "overzicht.html").read_text(encoding="utf-8"))
    # in full under the first theme, then referred to under the others
    first = {s.id: next(t.slug for t in corpus.codebook.themes if t.slug in s.themes) for s in corpus.statements}
    assert parser.ids == {
        t.slug: [s.id for s in corpus.statements_for(t.slug) if first[s.id] == t.slug]
        + [s.id for s in corpus.statements_for(t.slug) if first[s.id] != t.slug]
        for t in corpus.codebook.themes
    }


def test_overview_html_ids_are_unique(shipped_briefs):
    html = (shipped_briefs / "overzicht.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_charts_are_inline_svg_with_a_text_alternative_and_the_numbers(shipped_briefs, corpus):
    html = (shipped_briefs / "overzicht.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    per_theme = Counter(t for s in corpus.statements for t in s.themes)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svgs[0], re.S).group(1)
    for theme in corpus.codebook.themes:
        assert f"{theme.title} {per_theme[theme.slug]}" in desc
        # the bar's value label and the table row
        assert re.search(
            rf"<th scope=\"row\">{re.escape(theme.title)}</th>"
            rf"<td class=\"num\">{per_theme[theme.slug]}</td>",
            html,
        ), theme.slug
