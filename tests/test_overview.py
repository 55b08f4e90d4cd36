"""The overview brief: every statement under each of its themes, and the figures' numbers."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from bottleneck_briefs.briefs.overview_data import build_overview
from bottleneck_briefs.corpus.loading import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bottlenecks"
DAY = date(2025, 3, 1)
DATE = ["--date", "2025-03-01"]


def run(*args: str, corpus: Path = CORPUS):
    return CliRunner().invoke(cli.main, ["report", *args, "--corpus", str(corpus)])


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS).corpus


@pytest.fixture(scope="module")
def overview_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("overview")
    result = run("--overview", "--output-dir", str(out), *DATE)
    assert result.exit_code == 0, result.output
    return out, result.output


class Sections(HTMLParser):
    """Statement ids per theme section (<section class="group" id="thema-...">) of the HTML overview."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, list[str]] = {}
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "group":
            self._section = attrs["id"].removeprefix("thema-")
            self.ids[self._section] = []
        elif tag == "div" and attrs.get("class") == "statement" and self._section:
            self.ids[self._section].append(attrs["id"].removeprefix(self._section + "-").upper())


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
    assert [c.count for c in overview.theme_counts] == [per_theme[slug] for slug in slugs]
    for i, a in enumerate(slugs):
        for j, b in enumerate(slugs):
            both = sum(1 for s in corpus.statements if a in s.themes and b in s.themes)
            assert overview.co_occurrence.cells[i][j] == (None if a == b else both), (a, b)
    parties = [p.slug for p in corpus.codebook.facets.partijen]
    for i, a in enumerate(slugs):
        for j, party in enumerate(parties):
            named = sum(1 for s in corpus.statements if a in s.themes and party in s.partijen)
            assert overview.parties_by_theme.cells[i][j] == named, (a, party)


def test_report_overview_writes_both_files(overview_files, corpus):
    out, output = overview_files
    assert output.splitlines() == [str(out / "overzicht.pdf"), str(out / "overzicht.html")]
    parser = Sections()
    parser.feed((out / "overzicht.html").read_text(encoding="utf-8"))
    assert parser.ids == {t.slug: [s.id for s in corpus.statements_for(t.slug)] for t in corpus.codebook.themes}


def test_overview_html_ids_are_unique(overview_files):
    html = (overview_files[0] / "overzicht.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_overview_rerun_is_byte_identical(overview_files, tmp_path):
    out, _ = overview_files
    assert run("--overview", "--output-dir", str(tmp_path), *DATE).exit_code == 0
    for name in ("overzicht.pdf", "overzicht.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_report_needs_a_theme_or_the_overview(tmp_path):
    result = run("--output-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "--overview" in result.output
    assert not tmp_path.joinpath("overzicht.pdf").exists()


def test_charts_are_inline_svg_with_a_text_alternative_and_the_numbers(overview_files, corpus):
    html = (overview_files[0] / "overzicht.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    per_theme = Counter(t for s in corpus.statements for t in s.themes)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svgs[0], re.S).group(1)
    for theme in corpus.codebook.themes:
        assert f"{theme.title} {per_theme[theme.slug]}" in desc
        # the bar's value label and the table row
        assert re.search(rf"<th scope=\"row\">{re.escape(theme.title)}</th><td class=\"num\">{per_theme[theme.slug]}</td>",
                         html), theme.slug
