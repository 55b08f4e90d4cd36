"""What the overview brief says: every statement under each of its themes, and the figures.

Plain data only, no markup, like `brief_data`. A statement with several themes
is listed under each of them: in full under its first theme, and as a one-line
reference under the others (the reader of one theme's section sees all of it,
and reads each statement once), so the sections together hold more entries than
the corpus holds statements; `entry_count` and `statement_count` keep the two
apart. The party grid leaves out parties no statement names, and the bar chart
runs from the largest count down.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, OVERVIEW_NAME
from bottleneck_briefs.briefs.content.agreement_data import AgreementSummary, agreement_summary
from bottleneck_briefs.briefs.content.brief_parts import (
    BriefHeader,
    Count,
    EntryBuilder,
    FacetWords,
    StatementEntry,
    ThemeLink,
    facet_label,
    facet_words,
    header_fields,
    theme_anchor,  # noqa: F401 - where the overview's anchors have long been found
    theme_definition,
    theme_links,
    theme_titles,
)
from bottleneck_briefs.briefs.content.publication_data import Framing  # added by the report run
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Facet


@dataclass(frozen=True)
class ThemeSection:
    link: ThemeLink
    definition: str
    definition_language: str
    statements: tuple[StatementEntry, ...]


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
class FacetGrid(FacetWords):
    """Themes x the facet's values: statements of the theme that name the value."""

    matrix: Matrix


@dataclass(frozen=True)
class Overview(BriefHeader):
    statement_count: int  # statements in the corpus, each counted once
    multi_theme_count: int  # statements with more than one theme
    sections: tuple[ThemeSection, ...]  # codebook order, themes without statements included
    theme_counts: tuple[Count, ...]  # statements per theme, most first (ties in codebook order)
    co_occurrence: Matrix  # themes x themes: statements carrying both, codebook order (numbered 1, 2, ...)
    # per facet the codebook marks `grid`: its values x themes (numbered as in co_occurrence), statements of the
    # theme naming the value; a value no statement names is left out
    grids: tuple[FacetGrid, ...]
    # publication_data.Framing: publisher, edition, citation; added by the report run
    publication: Framing | None = None
    agreement: AgreementSummary | None = None  # a recorded second coding's agreement, for the colophon

    template = "overview.html.j2"

    @property
    def entry_count(self) -> int:
        """Statements as listed in the sections: one with three themes counts three times."""
        return sum(len(section.statements) for section in self.sections)

    @property
    def topic_keywords(self) -> list[str]:
        _ = gettext_for(self.language)
        return [_("overzicht")] + [c.label.lower() for c in self.theme_counts]


def build_overview(corpus: Corpus, day: date, language: str = DEFAULT_LANGUAGE) -> Overview:
    _ = gettext_for(language)
    codebook = corpus.codebook
    themes = codebook.themes
    order = [t.slug for t in themes]
    titles = theme_titles(codebook, language)
    links = theme_links(codebook, language)
    statements = corpus.statements
    entry = EntryBuilder.for_corpus(corpus, language)

    sections = tuple(
        ThemeSection(
            links[t.slug],
            *theme_definition(t, language),
            tuple(entry(s, t.slug) for s in statements if t.slug in s.themes),
        )
        for t in themes
    )

    pairs: Counter = Counter()
    for statement in statements:
        distinct = set(statement.themes)
        pairs.update((a, b) for a in distinct for b in distinct if a != b)
    co_occurrence = Matrix(
        rows=tuple(titles[t] for t in order),
        columns=tuple(titles[t] for t in order),
        cells=tuple(tuple(None if a == b else pairs[(a, b)] for b in order) for a in order),
    )

    def grid(facet: Facet) -> Matrix:
        together = Counter(  # (value, theme) -> how many statements name both: one pass over the statements
            pair for s in statements for pair in itertools.product(set(s.facet_values(facet.slug)), set(s.themes))
        )
        cells = tuple(tuple(together[(v.slug, t.slug)] for t in themes) for v in facet.values)
        # a value no statement names is a row of zeros: left out. Every theme keeps its numbered column.
        named = [i for i, row in enumerate(cells) if any(row)]
        return Matrix(
            rows=tuple(facet_label(facet.values[i], language) for i in named),
            columns=tuple(titles[t] for t in order),
            cells=tuple(cells[i] for i in named),
        )

    counts = [Count(titles[t.slug], len(section.statements)) for t, section in zip(themes, sections, strict=True)]

    return Overview(
        **header_fields(corpus, OVERVIEW_NAME, _("Knelpunten: Overzicht"), statements, day, language),
        statement_count=len(statements),
        multi_theme_count=sum(1 for s in statements if len(set(s.themes)) > 1),
        sections=sections,
        theme_counts=tuple(sorted(counts, key=lambda count: -count.count)),  # stable: ties stay in codebook order
        co_occurrence=co_occurrence,
        grids=tuple(
            FacetGrid(**vars(facet_words(facet, language)), matrix=grid(facet))
            for facet in codebook.facets
            if facet.grid
        ),
        agreement=agreement_summary(corpus, language, tuple(order)),  # a table of every theme
    )
