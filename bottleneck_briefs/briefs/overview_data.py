"""What the overview brief says: every statement under each of its themes, and the figures.

Plain data only, no markup, like `brief_data`. A statement with several themes
is listed under each of them (the reader of one theme's section should not have
to look elsewhere), so the sections together hold more entries than the corpus
holds statements; `entry_count` and `statement_count` keep the two apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, OVERVIEW_NAME
from bottleneck_briefs.briefs.brief_data import (
    Citation,
    Count,
    citation,
    facet_label,
    page_range_label,
    theme_definition,
    theme_titles,
)
from bottleneck_briefs.briefs.translations import date_label, gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Document, Statement


@dataclass(frozen=True)
class ThemeLink:
    slug: str
    title: str
    anchor: str  # id of the theme's section in the overview


@dataclass(frozen=True)
class OverviewStatement:
    id: str
    text: str  # verbatim, in Dutch
    translation: str | None  # the corpus's English translation, shown in English briefs only
    citation: Citation
    also_under: tuple[ThemeLink, ...]  # the statement's other themes, where it is listed too
    note: str | None


@dataclass(frozen=True)
class ThemeSection:
    link: ThemeLink
    definition: str
    definition_language: str
    statements: tuple[OverviewStatement, ...]


@dataclass(frozen=True)
class Matrix:
    """Counts of statements per (row, column); `None` where a count means nothing (a theme with itself)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]

    @property
    def maximum(self) -> int:
        return max((cell for row in self.cells for cell in row if cell is not None), default=0)


@dataclass(frozen=True)
class Overview:
    name: str  # output file name without suffix and language
    language: str
    title: str
    documents: tuple[Document, ...]
    date: date
    date_label: str
    corpus_version: str
    statement_count: int  # statements in the corpus, each counted once
    multi_theme_count: int  # statements with more than one theme
    sections: tuple[ThemeSection, ...]  # codebook order, themes without statements included
    theme_counts: tuple[Count, ...]  # statements per theme, codebook order
    co_occurrence: Matrix  # themes x themes: statements carrying both
    parties_by_theme: Matrix  # themes x parties: statements of the theme naming the party
    pages: tuple[int, ...]

    template = "overview.html.j2"

    @property
    def entry_count(self) -> int:
        """Statements as listed in the sections: one with three themes counts three times."""
        return sum(len(section.statements) for section in self.sections)

    @property
    def page_label(self) -> str:
        return page_range_label(self.pages)

    @property
    def keywords(self) -> list[str]:
        _ = gettext_for(self.language)
        return [_("mensenhandel"), _("knelpunten"), _("overzicht")] + [c.label.lower() for c in self.theme_counts]


def theme_anchor(slug: str) -> str:
    return f"thema-{slug}"


def build_overview(corpus: Corpus, day: date, language: str = DEFAULT_LANGUAGE) -> Overview:
    _ = gettext_for(language)
    codebook = corpus.codebook
    themes = codebook.themes
    order = [t.slug for t in themes]
    titles = theme_titles(codebook, language)
    links = {t.slug: ThemeLink(t.slug, titles[t.slug], theme_anchor(t.slug)) for t in themes}
    documents = {d.id: d for d in codebook.documents}
    statements = corpus.statements

    def entry(statement: Statement, slug: str) -> OverviewStatement:
        return OverviewStatement(
            id=statement.id,
            text=statement.text,
            translation=statement.translation_en if language == "en" else None,
            citation=citation(statement, documents),
            also_under=tuple(links[t] for t in order if t in statement.themes and t != slug),
            note=statement.note,
        )

    sections = tuple(ThemeSection(links[t.slug], *theme_definition(t, language),
                                  tuple(entry(s, t.slug) for s in statements if t.slug in s.themes))
                     for t in themes)

    pairs: Counter = Counter()
    for statement in statements:
        distinct = set(statement.themes)
        pairs.update((a, b) for a in distinct for b in distinct if a != b)
    co_occurrence = Matrix(
        rows=tuple(titles[t] for t in order),
        columns=tuple(titles[t] for t in order),
        cells=tuple(tuple(None if a == b else pairs[(a, b)] for b in order) for a in order),
    )

    parties = codebook.facets.partijen
    parties_by_theme = Matrix(
        rows=tuple(titles[t] for t in order),
        columns=tuple(facet_label(p, language) for p in parties),
        cells=tuple(tuple(sum(1 for s in statements if t.slug in s.themes and p.slug in s.partijen) for p in parties)
                    for t in themes),
    )

    return Overview(
        name=OVERVIEW_NAME,
        language=language,
        title=_("Knelpunten: Overzicht"),
        documents=tuple(d for d in codebook.documents if any(s.source.document == d.id for s in statements)),
        date=day,
        date_label=date_label(day, language),
        corpus_version=corpus.digest[:12],
        statement_count=len(statements),
        multi_theme_count=sum(1 for s in statements if len(set(s.themes)) > 1),
        sections=sections,
        theme_counts=tuple(Count(titles[t.slug], len(section.statements)) for t, section in zip(themes, sections, strict=True)),
        co_occurrence=co_occurrence,
        parties_by_theme=parties_by_theme,
        pages=tuple(sorted({s.source.page for s in statements})),
    )
