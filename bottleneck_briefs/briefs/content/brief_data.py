"""What a brief says: its statements, their grouping and the key figures.

A theme's brief and a composed brief (see composed_brief) are both a brief
over a selection of statements; `selection_brief` builds either.

Plain data only, no markup: the templates decide how it looks. Everything here
is ordered deterministically (codebook order, then statement order in the
corpus), so the same corpus always gives the same brief.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.content.agreement_data import AgreementSummary, agreement_summary
from bottleneck_briefs.briefs.content.brief_parts import (  # noqa: F401 - Count, citation, ...: where briefs have long found them
    BriefHeader,
    Citation,
    Count,
    EntryBuilder,
    FacetWords,
    StatementEntry,
    citation,
    facet_label,
    facet_words,
    header_fields,
    page_range_label,
    theme_definition,
    theme_title,
    theme_titles,
)
from bottleneck_briefs.briefs.content.publication_data import Framing  # added by the report run
from bottleneck_briefs.briefs.content.selection_words import alternatives
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Statement, Theme
from bottleneck_briefs.corpus.selection import Selection

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.publication_models import EditionStatement

TOP_VALUES = 4  # how many co-occurring themes, parties and target groups the summary names


@dataclass(frozen=True)
class Ranking:
    """The most frequent values, and how many more share the last one's count (ties are said, not dropped)."""

    top: tuple[Count, ...]
    tied: int = 0  # values left out with the same count as the last one shown
    fixed: bool = False  # the brief's selection chose these values: counting them tells the reader nothing

    @property
    def has_most(self) -> bool:
        """Whether any value is counted more than once: over counts of 1 there is no "most often"."""
        return any(count.count > 1 for count in self.top)

    def __iter__(self) -> Iterator[Count]:
        return iter(self.top)

    def __len__(self) -> int:
        return len(self.top)

    def __getitem__(self, index: int) -> Count:
        return self.top[index]


@dataclass(frozen=True)
class Group:
    """Statements read together: those that share a co-occurring theme, or that have no other theme."""

    anchor: str  # id for links and the table of contents
    co_theme: str | None  # title of the shared other theme; None: statements about this theme alone
    statements: tuple[StatementEntry, ...]
    heading: str | None = None  # a composed brief names its groups itself; None: the template's wording


@dataclass(frozen=True)
class OwnText:
    """Text written for the brief, not taken from the source: shown apart from the statements, labelled."""

    text: str  # a small Markdown subset (see summary_markdown)
    author: str  # "writer": the policy writer's key message; "editors": the editors' summary of a theme
    language: str


@dataclass(frozen=True)
class CodebookEntry:
    title: str
    definition: str
    definition_language: str
    use_when: str
    not_when: str


@dataclass(frozen=True)
class FacetFigures(FacetWords):
    """One facet's counts in a brief, with the words its key figure and figure part put around them."""

    named: int | None  # the codebook's `named`: a facet of who the statements name, its place in the figure
    top: Ranking  # the values named most often
    all: tuple[Count, ...]  # every value named, for the figure: most often first
    without: int  # statements with no value of the facet


@dataclass(frozen=True)
class Brief(BriefHeader):
    theme: Theme | None  # None: a composed brief (its `selection_sentence` is set)
    theme_title: str  # in the brief's language when the codebook has it
    theme_definition: str
    definition_language: str  # the definition's language: Dutch when no English one is given
    groups: tuple[Group, ...]
    sections: tuple[Count, ...]  # "§2.16" -> number of statements
    co_themes: Ranking
    facets: tuple[FacetFigures, ...]  # one per facet of the codebook, in its order
    grouping_differs: bool  # a group holds fewer statements than its theme's count under "Vaak samen met"
    own_text: OwnText | None = None  # the writer's or editors' own text, never part of a statement
    selection_sentence: str | None = None  # a composed brief's selection in words
    selection: Selection | None = None  # a composed brief's selection (None: the theme's statements)
    codebook_entries: tuple[CodebookEntry, ...] = ()  # a composed brief's themes, for the colophon
    hand_picked: tuple[str, ...] = ()  # a composed brief's ids added by hand (include) and left out (exclude)
    left_out: tuple[str, ...] = ()
    # publication_data.Framing: publisher, edition, citation; added by the report run
    publication: Framing | None = None
    agreement: AgreementSummary | None = None  # a recorded second coding's agreement, for the colophon

    template = "brief.html.j2"

    def selects(self, statement: Statement | EditionStatement) -> bool:
        """Whether a statement (now, or as an edition recorded it) belongs in this brief."""
        if self.selection is not None:
            return bool(self.selection.select([statement]))  # type: ignore[list-item]  # an edition's record has the fields it reads
        return self.theme is not None and self.theme.slug in statement.themes

    @property
    def statement_count(self) -> int:
        return sum(len(group.statements) for group in self.groups)

    @property
    def statements(self) -> list[StatementEntry]:
        return [statement for group in self.groups for statement in group.statements]

    @property
    def topic_keywords(self) -> list[str]:
        return [self.theme_title.lower()] + [c.label.lower() for c in self.co_themes]

    @property
    def named_facets(self) -> list[FacetFigures]:
        """The facets of who the statements name, in the codebook's `named` order: the figure and its key figures."""
        return sorted((facet for facet in self.facets if facet.named), key=lambda facet: facet.named or 0)

    @property
    def other_facets(self) -> list[FacetFigures]:
        return [facet for facet in self.facets if not facet.named]

    @property
    def named_words(self) -> str:
        """'partij of doelgroep': one of each named facet, as the figure's note says it."""
        return alternatives([facet.one for facet in self.named_facets], self.language)


def ranked(counter: Counter, order: list[str], labels: dict[str, str], limit: int | None = TOP_VALUES) -> Ranking:
    """Most frequent first, ties in codebook order; with a limit, how many more tie with the last one shown."""
    ranking = sorted(counter, key=lambda slug: (-counter[slug], order.index(slug)))
    shown = ranking[:limit]
    tied = sum(1 for slug in ranking[len(shown) :] if shown and counter[slug] == counter[shown[-1]])
    return Ranking(tuple(Count(labels[slug], counter[slug]) for slug in shown), tied)


def _group_key(statement: Statement, shared: tuple[str, ...], co_counts: Counter, theme_order: list[str]) -> str | None:
    """The co-occurring theme a statement is read under: the most frequent one in this brief.

    Every statement lands in exactly one group; one without another theme gets None.
    """
    others = [other for other in statement.themes if other not in shared]
    if not others:
        return None
    return min(others, key=lambda other: (-co_counts[other], theme_order.index(other)))


def build_brief(corpus: Corpus, slug: str, day: date, language: str = DEFAULT_LANGUAGE) -> Brief:
    theme = corpus.theme(slug)
    if theme is None:
        raise KeyError(slug)
    _ = gettext_for(language)
    title = theme_title(theme, language)
    definition, definition_language = theme_definition(theme, language)
    summary, summary_language = (
        (theme.summary_en, "en") if language == "en" and theme.summary_en else (theme.summary, DEFAULT_LANGUAGE)
    )
    own_text = OwnText(summary, "editors", summary_language) if summary else None
    return selection_brief(
        corpus,
        corpus.statements_for(slug),
        day,
        language,
        name=slug,
        title=_("Knelpunten: %(theme)s") % {"theme": title},
        own_themes=(slug,),
        shared_themes=(slug,),
        theme=theme,
        theme_title=title,
        theme_definition=definition,
        definition_language=definition_language,
        own_text=own_text,
    )


def selection_brief(
    corpus: Corpus,
    statements: list[Statement],
    day: date,
    language: str,
    *,
    name: str,
    title: str,
    own_themes: tuple[str, ...],
    shared_themes: tuple[str, ...],
    **fields: Any,
) -> Brief:
    """The brief over `statements`: grouped by the theme they share most often besides `shared_themes` (which
    every statement carries); `own_themes` (what the brief is about) are left out of the co-occurring themes.

    `fields`: the Brief's fields that say what the brief is about (theme, titles, own text, ...)."""
    codebook = corpus.codebook
    theme_order = [t.slug for t in codebook.themes]
    titles = theme_titles(codebook, language)
    entry = EntryBuilder.for_corpus(corpus, language)

    group_counts = Counter(other for s in statements for other in s.themes if other not in shared_themes)
    co_counts = Counter({slug: n for slug, n in group_counts.items() if slug not in own_themes})
    grouped: dict[str | None, list[Statement]] = {}
    for statement in statements:
        grouped.setdefault(_group_key(statement, shared_themes, group_counts, theme_order), []).append(statement)

    # The statements about this theme alone come first: they are its core.
    keys = sorted(grouped, key=lambda key: (key is not None, -len(grouped[key]), theme_order.index(key) if key else -1))
    groups = tuple(
        Group(
            anchor=f"groep-{key or 'alleen'}",
            co_theme=titles[key] if key else None,
            statements=tuple(entry(s, shared_themes) for s in grouped[key]),
        )
        for key in keys
    )

    selection = fields.get("selection")
    # a facet the selection narrows to one value: every statement names it, so it is no finding
    fixed = {facet for facet, values in selection.facets if len(values) == 1} if selection is not None else set()

    def facet_counts(facet: str, limit: int | None = TOP_VALUES) -> Ranking:
        if facet in fixed:
            return Ranking((), fixed=True)
        vocabulary = codebook.facet(facet).values
        counter = Counter(value for s in statements for value in s.facet_values(facet))
        return ranked(
            counter, [v.slug for v in vocabulary], {v.slug: facet_label(v, language) for v in vocabulary}, limit
        )

    facets = tuple(
        FacetFigures(
            **vars(facet_words(facet, language)),
            named=facet.named,
            top=facet_counts(facet.slug),
            all=facet_counts(facet.slug, None).top,
            without=sum(1 for s in statements if not s.facet_values(facet.slug)),
        )
        for facet in codebook.facets
    )

    section_order = [(d.id, s.number) for d in codebook.documents for s in d.sections]
    section_counter = Counter((s.source.document, s.source.section) for s in statements)
    section_titles = {(d.id, s.number): s.title for d in codebook.documents for s in d.sections}
    # the source's Dutch section titles only in a Dutch brief; "§2.16" says where in any language
    sections = tuple(
        Count(
            f"§{number}"
            + (
                f" {section_titles[(doc, number)]}"
                if section_titles[(doc, number)] and language == DEFAULT_LANGUAGE
                else ""
            ),
            section_counter[(doc, number)],
        )
        for doc, number in section_order
        if section_counter[(doc, number)]
    )

    return Brief(
        **header_fields(corpus, name, title, statements, day, language),
        groups=groups,
        sections=sections,
        co_themes=ranked(co_counts, theme_order, titles),
        facets=facets,
        grouping_differs=any(len(grouped.get(other, ())) != count for other, count in co_counts.items()),
        agreement=agreement_summary(corpus, language, own_themes),
        **fields,
    )
