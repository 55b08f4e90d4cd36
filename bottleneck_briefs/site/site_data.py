"""What the site's pages say, for one language: built once from the corpus, read by every page.

The statements as pages show them (text, source, themes, facet values, the
briefs that hold them, their history), the themes and composed briefs with
their brief data (the briefs' own builders), and the counts of the map.
Plain data, no markup; ordered as the codebook and the corpus are, so the
same corpus gives the same site.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
from bottleneck_briefs.briefs.content.brief_data import Brief, build_brief
from bottleneck_briefs.briefs.content.brief_parts import Citation, citation, theme_definition, theme_title, theme_titles
from bottleneck_briefs.briefs.content.composed_brief import build_composed_brief
from bottleneck_briefs.briefs.content.note_data import Note, build_note
from bottleneck_briefs.briefs.content.overview_data import Overview, build_overview
from bottleneck_briefs.briefs.content.publication_data import Framing, framed
from bottleneck_briefs.briefs.content.translations import date_label, gettext_for
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Document, Statement
from bottleneck_briefs.corpus.note_kinds import note_kinds
from bottleneck_briefs.site.site_facets import Facet, facets, values_of
from bottleneck_briefs.site.statement_history import (
    ADDED,
    RECLASSIFIED,
    REWORDED,
    WITHDRAWN,
    HistoryEvent,
    added_in,
    histories,
)


@dataclass(frozen=True)
class Link:
    slug: str
    title: str


@dataclass(frozen=True)
class FacetValues:
    facet: Facet
    values: tuple[Link, ...]


@dataclass(frozen=True)
class StatementView:
    id: str
    text: str  # verbatim, Dutch
    translation: str | None  # the corpus's English translation, on English pages only
    citation: Citation
    themes: tuple[Link, ...]
    facets: tuple[FacetValues, ...]  # every facet, also one without values (the page says "none")
    note: str | None  # the editors' remark, never part of the text
    briefs: tuple[Link, ...]  # composed briefs that hold it (its themes' briefs are its themes)
    notes: tuple[Link, ...]  # the writers' notes that cite it in their text or annex it
    history: tuple[HistoryEvent, ...]
    added_in: str | None  # the edition it first appeared in; None: not yet in one


@dataclass(frozen=True)
class RetiredView:
    id: str
    reason: str
    last_text: str | None  # as the newest edition that held it had it
    history: tuple[HistoryEvent, ...]


@dataclass(frozen=True)
class ThemeView:
    slug: str
    title: str
    definition: str
    definition_language: str
    brief: Brief  # the theme's brief, as report writes it (framed)


@dataclass(frozen=True)
class ComposedView:
    name: str
    title: str
    brief: Brief


@dataclass(frozen=True)
class NoteView:
    name: str
    title: str
    brief: Note  # the note as `report` renders it (framed), its quotes and counts filled in from the corpus


@dataclass(frozen=True)
class SiteData:
    corpus: Corpus
    language: str
    day: date
    date_label: str
    framing: Framing  # the publisher, edition and status, as the briefs show them (from the overview)
    facets: tuple[Facet, ...]
    statements: tuple[StatementView, ...]
    retired: tuple[RetiredView, ...]
    themes: tuple[ThemeView, ...]
    composed: tuple[ComposedView, ...]
    notes: tuple[NoteView, ...]
    overview: Overview
    counts: dict[tuple[str, str, str], int]  # (theme, facet, value) -> statements
    edition_names: tuple[str, ...]  # recorded editions, oldest first
    recent_changes: dict[str, int]  # event kind -> statements changed so in the newest edition or since

    def statements_with(self, theme: str | None, facet: str, value: str) -> list[StatementView]:
        """The statements of a map cell (theme None: every theme)."""
        return [
            s
            for s in self._by_facet_value.get((facet, value), ())
            if theme is None or any(t.slug == theme for t in s.themes)
        ]

    @cached_property
    def _by_facet_value(self) -> dict[tuple[str, str], list[StatementView]]:
        """(facet, value) -> its statements in the corpus's order: one pass, not one per map cell."""
        found: dict[tuple[str, str], list[StatementView]] = {}
        for statement in self.statements:
            for named in {(fv.facet.name, v.slug) for fv in statement.facets for v in fv.values}:
                found.setdefault(named, []).append(statement)
        return found


class _SharedParts:
    """The links and facet values the statement pages show, each made once: statements that share a theme, a
    facet's values or a brief share the very object, so it is built, and described for the build cache, once."""

    def __init__(self, titles: dict[str, str], site_facets: tuple[Facet, ...], language: str) -> None:
        self.themes = {slug: Link(slug, title) for slug, title in titles.items()}  # codebook order
        self.values = [
            (facet, {value.slug: Link(value.slug, facet.label(value.slug, language)) for value in facet.values})
            for facet in site_facets
        ]
        self._facet_values: dict[tuple[str, tuple[str, ...]], FacetValues] = {}

    def facet_values(self, statement: Statement) -> tuple[FacetValues, ...]:
        """Every facet with the statement's values, in codebook order (a facet without any: no values)."""
        found = []
        for facet, links in self.values:
            chosen = set(values_of(statement, facet.name))
            slugs = tuple(slug for slug in links if slug in chosen)
            made = self._facet_values.get((facet.name, slugs))
            if made is None:
                made = self._facet_values[(facet.name, slugs)] = FacetValues(facet, tuple(links[s] for s in slugs))
            found.append(made)
        return tuple(found)


def _statement_view(
    statement: Statement,
    documents: dict[str, Document],
    shared: _SharedParts,
    language: str,
    brief_members: dict[str, tuple[Link, set[str]]],
    note_members: dict[str, tuple[Link, set[str]]],
    events: dict[str, tuple[HistoryEvent, ...]],
) -> StatementView:
    return StatementView(
        id=statement.id,
        text=statement.text,
        translation=statement.translation_en if language == "en" else None,
        citation=citation(statement, documents),
        themes=tuple(link for slug, link in shared.themes.items() if slug in statement.themes),
        facets=shared.facet_values(statement),
        note=statement.note,
        briefs=tuple(link for link, members in brief_members.values() if statement.id in members),
        notes=tuple(link for link, members in note_members.values() if statement.id in members),
        history=events.get(statement.id, ()),
        added_in=added_in(events.get(statement.id, ())),
    )


def build_site_data(corpus: Corpus, day: date, language: str, templates_dir: Path = DEFAULT_TEMPLATES) -> SiteData:
    """`templates_dir`: the --templates folder, whose notes/ may declare more kinds of note."""
    _ = gettext_for(language)
    codebook = corpus.codebook
    titles = theme_titles(codebook, language)
    site_facets = facets(codebook, language)
    documents = {document.id: document for document in codebook.documents}
    events = histories(corpus, titles, _("Thema’s"), language)
    composed = tuple(
        ComposedView(
            name,
            (spec.title_en if language == "en" and spec.title_en else spec.title),
            framed(build_composed_brief(corpus, spec, day, language), corpus),
        )
        for name, spec in sorted(corpus.briefs.items())
    )
    members = {
        view.name: (Link(view.name, view.title), {entry.id for entry in view.brief.statements}) for view in composed
    }
    kinds = note_kinds(templates_dir)[0] if corpus.notes else {}
    notes = tuple(
        NoteView(name, note.title, note)
        for name, note in (
            (name, framed(build_note(corpus, spec, kinds, day, language), corpus))
            for name, spec in sorted(corpus.notes.items())
        )
    )
    cited = {
        view.name: (Link(view.name, view.title), {entry.statement.id for entry in view.brief.annex}) for view in notes
    }
    shared = _SharedParts(titles, site_facets, language)
    statements = tuple(
        _statement_view(statement, documents, shared, language, members, cited, events)
        for statement in corpus.statements
    )
    recorded = {record.id: record.text for edition in corpus.editions for record in edition.statements}
    retired = tuple(
        RetiredView(entry.id, entry.reason, recorded.get(entry.id), events.get(entry.id, ()))
        for entry in codebook.retired_ids
    )
    themes = tuple(
        ThemeView(
            theme.slug,
            theme_title(theme, language),
            *theme_definition(theme, language),
            framed(build_brief(corpus, theme.slug, day, language), corpus),
        )
        for theme in codebook.themes
    )
    overview = framed(build_overview(corpus, day, language), corpus)
    assert overview.publication is not None  # framed() sets it
    counts: Counter = Counter()
    for statement in corpus.statements:
        for facet in site_facets:
            for value in values_of(statement, facet.name):
                for theme in statement.themes:
                    counts[(theme, facet.name, value)] += 1
    return SiteData(
        corpus,
        language,
        day,
        date_label(day, language),
        overview.publication,
        site_facets,
        statements,
        retired,
        themes,
        composed,
        notes,
        overview,
        dict(counts),
        tuple(edition.edition for edition in corpus.editions),
        _recent_changes(corpus, events),
    )


def _recent_changes(corpus: Corpus, events: dict[str, tuple[HistoryEvent, ...]]) -> dict[str, int]:
    newest = corpus.editions[-1].edition if corpus.editions else None
    found = Counter(
        event.kind
        for history in events.values()
        for event in history
        if event.edition is None or event.edition == newest
    )
    return {kind: found[kind] for kind in (ADDED, REWORDED, RECLASSIFIED, WITHDRAWN)}
