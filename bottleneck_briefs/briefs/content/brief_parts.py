"""What every brief has, whatever its kind: a header and statement entries, each with one builder.

A theme's brief and the overview (and any new kind of brief) extend
`BriefHeader` with their own body and list their statements as
`StatementEntry`; a field added here reaches every kind at once. Plain data
only, no markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from bottleneck_briefs.basics.kept_for_last import KeptForLast
from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.content.statement_coding import Coding, coder
from bottleneck_briefs.briefs.content.translations import date_label, gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Codebook, Document, Facet, FacetValue, Statement, Theme


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Citation:
    document: str  # the document's title
    short_document: str  # how a statement's citation names it, e.g. "Bloemlezing"
    section: str
    section_title: str | None
    page: int


@dataclass(frozen=True)
class ThemeLink:
    slug: str
    title: str  # in the brief's language when the codebook has it
    anchor: str  # id of the theme's section in a brief that has one (the overview)


@dataclass(frozen=True)
class StatementEntry:
    id: str
    text: str  # verbatim, in Dutch
    translation: str | None  # the corpus's English translation, shown in English briefs only
    citation: Citation
    other_themes: tuple[ThemeLink, ...]  # the statement's themes besides the one it is listed under
    note: str | None  # editor's remark: never part of the text
    coding: Coding  # every theme and facet value, for the exports
    primary: bool  # listed under its first theme: in the overview, that entry is the statement's own anchor
    # the statement as the corpus holds it: a template can show a field this code does not name
    record: Statement = field(compare=False, repr=False)


@dataclass(frozen=True)
class BriefHeader:
    """Cover, metadata and colophon facts: the same fields for every kind of brief."""

    name: str  # the output file name without suffix and language
    language: str  # "nl" or "en": the brief's labels, dates and numbers
    title: str
    documents: tuple[Document, ...]  # the source documents its statements come from
    date: date
    corpus_version: str  # first 12 hex digits of the corpus digest
    corpus_statement_count: int
    pages: tuple[int, ...]  # source pages of its statements
    facet_words: tuple[FacetWords, ...]  # the codebook's facets in the brief's language, in its order

    template: ClassVar[str]  # each kind of brief names the template that extends _layout.html.j2

    @property
    def date_label(self) -> str:
        """ "3 maart 2025": made when a format shows it (CSV and XLSX never load Babel's locale data)."""
        return date_label(self.date, self.language)

    @property
    def page_label(self) -> str:
        return page_range_label(self.pages)

    @property
    def topic_keywords(self) -> list[str]:
        """Keywords after the common ones; a kind of brief names its own."""
        return []

    @property
    def keywords(self) -> list[str]:
        _ = gettext_for(self.language)
        return [_("mensenhandel"), _("knelpunten"), *self.topic_keywords]


def header_fields(
    corpus: Corpus, name: str, title: str, statements: Iterable[Statement], day: date, language: str
) -> dict:
    """The BriefHeader fields of a brief of these statements (one builder for every kind)."""
    statements = list(statements)
    used = {s.source.document for s in statements}
    return dict(
        name=name,
        language=language,
        title=title,
        documents=tuple(d for d in corpus.codebook.documents if d.id in used),
        date=day,
        corpus_version=corpus.digest[:12],
        corpus_statement_count=len(corpus.statements),
        pages=tuple(sorted({s.source.page for s in statements})),
        facet_words=tuple(facet_words(facet, language) for facet in corpus.codebook.facets),
    )


def theme_title(theme: Theme, language: str) -> str:
    return theme.title_en if language == "en" and theme.title_en else theme.title


def theme_definition(theme: Theme, language: str) -> tuple[str, str]:
    """(definition, its language): the English one in an English brief when the codebook has it."""
    if language == "en" and theme.definition_en:
        return theme.definition_en, "en"
    return theme.definition, DEFAULT_LANGUAGE


def facet_label(value: FacetValue, language: str) -> str:
    return value.label_en if language == "en" and value.label_en else value.label


@dataclass(frozen=True)
class FacetWords:
    """What a brief calls a facet, in its language (the English words when the codebook has them)."""

    slug: str
    label: str  # as a heading or column: "Partijen"
    lower: str  # the label inside a sentence: "partijen" ("COA-regio's" stays as it is)
    one: str  # one value inside a sentence: "partij"
    one_title: str  # one value as a heading: "Partij"
    anchor: str  # ids of its figure parts, from the Dutch label in every language: "partijen"


def facet_words(facet: Facet, language: str) -> FacetWords:
    english = language == "en"
    label = facet.label_en if english and facet.label_en else facet.label
    one = facet.one_en if english and facet.one_en else facet.one
    lower = label if label[:2].isupper() else label[:1].lower() + label[1:]
    anchor = re.sub(r"[^a-z0-9]+", "-", facet.label.casefold()).strip("-") or facet.slug
    return FacetWords(facet.slug, label, lower, one, one[:1].upper() + one[1:], anchor)


def theme_titles(codebook: Codebook, language: str) -> dict[str, str]:
    return {t.slug: theme_title(t, language) for t in codebook.themes}


def theme_anchor(slug: str) -> str:
    return f"thema-{slug}"


def theme_links(codebook: Codebook, language: str) -> dict[str, ThemeLink]:
    return {t.slug: ThemeLink(t.slug, theme_title(t, language), theme_anchor(t.slug)) for t in codebook.themes}


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


def short_title(document: Document) -> str:
    """How a statement's citation names its source: the codebook's short title, else the title up to a dash."""
    return document.short_title or document.title.split(" — ")[0].split(": ")[0]


def citation(statement: Statement, documents: dict[str, Document]) -> Citation:
    """Where a statement stands in its source: document title, section and page."""
    document = documents[statement.source.document]
    section = next(s for s in document.sections if s.number == statement.source.section)
    return Citation(document.title, short_title(document), section.number, section.title, statement.source.page)


class EntryBuilder:
    """Makes the StatementEntry of a statement listed under a theme, for one corpus and language.

    `for_corpus` gives every brief of one corpus and language the same builder, which makes each entry once: a
    statement listed under the same themes in the overview and in a theme's brief is one object, built (and
    described for the build cache, which knows an object it described) once, not once per brief."""

    def __init__(self, corpus: Corpus, language: str) -> None:
        self.language = language
        self.links = theme_links(corpus.codebook, language)
        self.order = [t.slug for t in corpus.codebook.themes]
        self.documents = {d.id: d for d in corpus.codebook.documents}
        self.code = coder(corpus.codebook, language)
        # (id of the statement, the themes it is listed under) -> its entry, which holds the statement (so the id
        # stays its own while the entry is kept)
        self._made: dict[tuple[int, tuple[str, ...]], StatementEntry] = {}
        self._parts: dict[int, StatementEntry] = {}  # id of the statement -> an entry of it, under any themes

    @classmethod
    def for_corpus(cls, corpus: Corpus, language: str) -> EntryBuilder:
        """The builder of this corpus and language: the last corpus's builders are kept while it lives."""
        by_language = _builders.get(corpus, lambda _: {})
        builder = by_language.get(language)
        if builder is None:
            builder = by_language[language] = cls(corpus, language)
        return builder

    def __call__(self, statement: Statement, listed_under: str | tuple[str, ...] | None) -> StatementEntry:
        """`listed_under`: the theme (or the themes every statement of a composed brief shares) it is listed under."""
        under = (listed_under,) if isinstance(listed_under, str) else listed_under or ()
        made = self._made.get((id(statement), under))
        if made is not None and made.record is statement:
            return made
        alike = self._parts.get(id(statement))  # listed under other themes: its citation and coding are the same
        if alike is None or alike.record is not statement:
            alike = None
        made = StatementEntry(
            id=statement.id,
            text=statement.text,
            translation=statement.translation_en if self.language == "en" else None,
            citation=alike.citation if alike else citation(statement, self.documents),
            other_themes=tuple(self.links[t] for t in self.order if t in statement.themes and t not in under),
            note=statement.note,
            coding=alike.coding if alike else self.code(statement),
            primary=next(t for t in self.order if t in statement.themes) in under,
            record=statement,
        )
        self._made[(id(statement), under)] = self._parts[id(statement)] = made
        return made


# the last corpus's builders, by language (and so the statements their entries hold), kept while it lives
_builders: KeptForLast[Corpus, dict[str, EntryBuilder]] = KeptForLast()
