"""What a themed brief says: its statements, their grouping and the key figures.

Plain data only, no markup: the templates decide how it looks. Everything here
is ordered deterministically (codebook order, then statement order in the
corpus), so the same corpus always gives the same brief.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.translations import date_label, gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import (
    Codebook,
    Document,
    FacetValue,
    Statement,
    Theme,
)

TOP_VALUES = 4  # how many co-occurring themes, parties and target groups the summary names


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Citation:
    document: str  # the document's title
    section: str
    section_title: str | None
    page: int


@dataclass(frozen=True)
class BriefStatement:
    id: str
    text: str  # verbatim, in Dutch
    translation: str | None  # the corpus's English translation, shown in English briefs only
    citation: Citation
    other_themes: tuple[str, ...]  # titles of the statement's themes besides the brief's own
    note: str | None  # editor's remark: never part of the text


@dataclass(frozen=True)
class Group:
    """Statements read together: those that share a co-occurring theme, or that have no other theme."""

    anchor: str  # id for links and the table of contents
    co_theme: str | None  # title of the shared other theme; None: statements about this theme alone
    statements: tuple[BriefStatement, ...]


@dataclass(frozen=True)
class Brief:
    theme: Theme
    language: str  # "nl" or "en": the brief's labels, dates and numbers
    theme_title: str  # in the brief's language when the codebook has it
    theme_definition: str
    definition_language: str  # the definition's language: Dutch when no English one is given
    title: str
    documents: tuple[Document, ...]  # the source documents the statements come from
    date: date
    date_label: str  # "3 maart 2025"
    corpus_version: str  # first 12 hex digits of the corpus digest
    corpus_statement_count: int
    groups: tuple[Group, ...]
    sections: tuple[Count, ...]  # "§2.16" -> number of statements
    pages: tuple[int, ...]
    co_themes: tuple[Count, ...]
    parties: tuple[Count, ...]
    target_groups: tuple[Count, ...]
    exploitation_forms: tuple[Count, ...]
    all_parties: tuple[Count, ...]  # every party named, for the figure: most often first
    all_target_groups: tuple[Count, ...]

    template = "brief.html.j2"

    @property
    def name(self) -> str:
        """The output file name without suffix: the theme's slug."""
        return self.theme.slug

    @property
    def statement_count(self) -> int:
        return sum(len(group.statements) for group in self.groups)

    @property
    def statements(self) -> list[BriefStatement]:
        return [statement for group in self.groups for statement in group.statements]

    @property
    def page_label(self) -> str:
        return page_range_label(self.pages)

    @property
    def keywords(self) -> list[str]:
        _ = gettext_for(self.language)
        return [_("mensenhandel"), _("knelpunten"), self.theme_title.lower()] + [c.label.lower() for c in self.co_themes]


def theme_title(theme: Theme, language: str) -> str:
    return theme.title_en if language == "en" and theme.title_en else theme.title


def theme_definition(theme: Theme, language: str) -> tuple[str, str]:
    """(definition, its language): the English one in an English brief when the codebook has it."""
    if language == "en" and theme.definition_en:
        return theme.definition_en, "en"
    return theme.definition, DEFAULT_LANGUAGE


def facet_label(value: FacetValue, language: str) -> str:
    return value.label_en if language == "en" and value.label_en else value.label


def theme_titles(codebook: Codebook, language: str) -> dict[str, str]:
    return {t.slug: theme_title(t, language) for t in codebook.themes}


def page_range_label(pages: tuple[int, ...]) -> str:
    """(26, 27) -> "26–27"; (3, 5, 6) -> "3, 5–6"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return ", ".join(parts)


def _ranked(counter: Counter, order: list[str], labels: dict[str, str], limit: int | None = TOP_VALUES) -> tuple[Count, ...]:
    """Most frequent first; ties in codebook order."""
    ranked = sorted(counter, key=lambda slug: (-counter[slug], order.index(slug)))
    return tuple(Count(labels[slug], counter[slug]) for slug in ranked[:limit])


def _group_key(statement: Statement, slug: str, co_counts: Counter, theme_order: list[str]) -> str | None:
    """The co-occurring theme a statement is read under: the most frequent one in this brief.

    Every statement lands in exactly one group; one without another theme gets None.
    """
    others = [other for other in statement.themes if other != slug]
    if not others:
        return None
    return min(others, key=lambda other: (-co_counts[other], theme_order.index(other)))


def citation(statement: Statement, documents: dict[str, Document]) -> Citation:
    """Where a statement stands in its source: document title, section and page."""
    document = documents[statement.source.document]
    section = next(s for s in document.sections if s.number == statement.source.section)
    return Citation(document.title, section.number, section.title, statement.source.page)


def build_brief(corpus: Corpus, slug: str, day: date, language: str = DEFAULT_LANGUAGE) -> Brief:
    theme = corpus.theme(slug)
    if theme is None:
        raise KeyError(slug)
    _ = gettext_for(language)
    codebook = corpus.codebook
    theme_order = [t.slug for t in codebook.themes]
    titles = theme_titles(codebook, language)
    documents = {d.id: d for d in codebook.documents}
    statements = corpus.statements_for(slug)

    co_counts = Counter(other for s in statements for other in s.themes if other != slug)
    grouped: dict[str | None, list[Statement]] = {}
    for statement in statements:
        grouped.setdefault(_group_key(statement, slug, co_counts, theme_order), []).append(statement)

    def brief_statement(statement: Statement) -> BriefStatement:
        return BriefStatement(
            id=statement.id,
            text=statement.text,
            translation=statement.translation_en if language == "en" else None,
            citation=citation(statement, documents),
            other_themes=tuple(titles[t] for t in theme_order if t in statement.themes and t != slug),
            note=statement.note,
        )

    groups: list[Group] = []
    # The statements about this theme alone come first: they are its core.
    keys = sorted(grouped, key=lambda key: (key is not None, -len(grouped[key]),
                                            theme_order.index(key) if key else -1))
    for key in keys:
        groups.append(Group(anchor=f"groep-{key or 'alleen'}", co_theme=titles[key] if key else None,
                            statements=tuple(brief_statement(s) for s in grouped[key])))

    def facet_counts(facet: str, limit: int | None = TOP_VALUES) -> tuple[Count, ...]:
        vocabulary = getattr(codebook.facets, facet)
        counter = Counter(value for s in statements for value in s.facet_values(facet))
        return _ranked(counter, [v.slug for v in vocabulary], {v.slug: facet_label(v, language) for v in vocabulary},
                       limit)

    section_order = [(d.id, s.number) for d in codebook.documents for s in d.sections]
    section_counter = Counter((s.source.document, s.source.section) for s in statements)
    section_titles = {(d.id, s.number): s.title for d in codebook.documents for s in d.sections}
    # the source's Dutch section titles only in a Dutch brief; "§2.16" says where in any language
    sections = tuple(Count(f"§{number}" + (f" {section_titles[(doc, number)]}"
                                           if section_titles[(doc, number)] and language == DEFAULT_LANGUAGE else ""),
                           section_counter[(doc, number)])
                     for doc, number in section_order if section_counter[(doc, number)])
    used_documents = tuple(d for d in codebook.documents if any(s.source.document == d.id for s in statements))

    definition, definition_language = theme_definition(theme, language)
    return Brief(
        theme=theme,
        language=language,
        theme_title=titles[slug],
        theme_definition=definition,
        definition_language=definition_language,
        title=_("Knelpunten: %(theme)s") % {"theme": titles[slug]},
        documents=used_documents,
        date=day,
        date_label=date_label(day, language),
        corpus_version=corpus.digest[:12],
        corpus_statement_count=len(corpus.statements),
        groups=tuple(groups),
        sections=sections,
        pages=tuple(sorted({s.source.page for s in statements})),
        co_themes=_ranked(co_counts, theme_order, titles),
        parties=facet_counts("partijen"),
        target_groups=facet_counts("doelgroep"),
        exploitation_forms=facet_counts("uitbuitingsvorm"),
        all_parties=facet_counts("partijen", None),
        all_target_groups=facet_counts("doelgroep", None),
    )
