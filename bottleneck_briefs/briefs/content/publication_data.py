"""The publisher's framing of a brief: publisher, status, edition, the source cited in full, the suggested citation.

Any brief (a theme's, the overview, a composed one) gets it the same way: the
report run builds the brief's data, then `framed` adds this as its
`publication`. Without a publication file no publisher is named, as before;
the edition and the citation come from the recorded editions and the brief.
Plain data, no markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from babel.dates import format_date

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, LOCALES
from bottleneck_briefs.briefs.content.edition_changes import Changes, changes_since
from bottleneck_briefs.briefs.content.statement_address import statement_address
from bottleneck_briefs.briefs.content.translations import date_label, gettext_for
from bottleneck_briefs.corpus.edition_state import EditionState, edition_state, find_edition
from bottleneck_briefs.corpus.loading import Corpus

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.content.brief_parts import BriefHeader
    from bottleneck_briefs.corpus.publication_models import Publication


@dataclass(frozen=True)
class SourceReference:
    """One source document cited in full: title, publisher, year and the sections the brief quotes."""

    title: str
    publisher: str | None
    year: int | None
    sections: tuple[str, ...]  # "§2.16 Onvoldoende capaciteit/middelen"


@dataclass(frozen=True)
class Framing:
    publisher: str | None  # None: no publication file, no publisher named
    website: str | None
    contact: str | None
    licence: str | None
    is_concept: bool
    status_label: str | None  # "concept" / "definitief", in the brief's language; None without a publication file
    edition_label: str  # "Editie 2026-1", "Concept na editie 2026-1", or that no edition was recorded yet
    edition_value: str  # beside the label "Editie": "2026-1", or the label when it says more than the name
    edition_is_current: bool
    edition_is_recorded: bool  # False before the first edition: covers and colophons leave the edition out
    date: date  # the brief's
    language: str  # the brief's
    year: int
    sources: tuple[SourceReference, ...]
    citation: str  # the suggested citation of the brief itself
    keywords: tuple[str, ...]  # edition and status, for the PDF's keywords (and so its XMP)
    changes: Changes | None  # report --since NAME: what changed since that edition
    # the publication's website, where each statement has its page; apart from `website` because a note goes out
    # from its sender without the publisher's website, yet its statements still link to the collection
    statement_site: str | None = None

    def statement_link(self, statement_id: str) -> str:
        """Where a statement's id links: its permanent page on the website, else the statement in this document."""
        return statement_address(self.statement_site, self.language, statement_id) or f"#{statement_id.lower()}"

    @property
    def published(self) -> str:
        """Month and year, "maart 2026": made when a format shows it (as BriefHeader.date_label)."""
        return format_date(self.date, "LLLL y", locale=LOCALES[self.language])


AnyBrief = TypeVar("AnyBrief", bound="BriefHeader")  # framed() gives back the kind of brief it is given


def shown_ids(brief: BriefHeader) -> set[str]:
    """Ids of the statements a brief shows (a theme brief lists them; the overview per theme section)."""
    statements = getattr(brief, "statements", None)
    if not isinstance(statements, (list, tuple)):
        statements = [
            statement for section in getattr(brief, "sections", ()) for statement in getattr(section, "statements", ())
        ]
    return {statement.id for statement in statements}


def _sources(corpus: Corpus, ids: set[str], language: str) -> tuple[SourceReference, ...]:
    used = {(s.source.document, s.source.section) for s in corpus.statements if s.id in ids}
    references = []
    for document in corpus.codebook.documents:
        sections = tuple(
            f"§{section.number}" + (f" {section.title}" if section.title and language == DEFAULT_LANGUAGE else "")
            for section in document.sections
            if (document.id, section.number) in used
        )
        if sections:
            references.append(SourceReference(document.title, document.publisher, document.year, sections))
    return tuple(references)


def _edition_label(state: EditionState, _: Callable[[str], str]) -> str:
    if state.newest is None:
        return _("nog geen editie vastgelegd")
    if state.is_current:
        return _("Editie %(name)s") % {"name": state.name}
    return _("Concept na editie %(name)s") % {"name": state.name}


def _citation(
    title: str,
    year: int,
    publication: Publication | None,
    state: EditionState,
    is_concept: bool,
    _: Callable[[str], str],
) -> str:
    """ "Uitgever (2026). Knelpunten: Financiering [knelpuntenoverzicht, concept]. Editie 2026-1. website":
    the kind of document and its status in brackets after the title, the edition only once there is one."""
    author = f"{publication.publisher} ({year}). " if publication else ""
    dated = "" if publication else f" ({year})"
    kind = _("knelpuntenoverzicht")
    if state.newest is not None and not state.is_current:  # changed since the edition: a concept of the next
        after = _("Concept na editie %(name)s") % {"name": state.name}
        kind += ", " + after[:1].lower() + after[1:]
    elif is_concept:
        kind += ", " + _("concept")
    citation = f"{author}{title}{dated} [{kind[:1].upper()}{kind[1:]}]."
    if state.newest is not None and state.is_current:
        citation += " " + _("Editie %(name)s") % {"name": state.name} + "."
    return citation + (f" {publication.website}" if publication and publication.website else "")


def framing(brief: BriefHeader, corpus: Corpus, since: str | None = None) -> Framing:
    """The framing of one brief; `since`: an edition name (report --since), already known to exist."""
    language = brief.language
    _ = gettext_for(language)
    publication = corpus.publication
    state = edition_state(corpus)
    ids = shown_ids(brief)
    edition_label = _edition_label(state, _)
    # definitief only when the corpus is still the newest edition: a change since makes it a concept again
    is_concept = publication is not None and (publication.status == "concept" or not state.is_current)
    status_label = None
    if publication is not None:
        status_label = _("concept") if is_concept else _("definitief")
    year = brief.date.year
    citation = _citation(brief.title, year, publication, state, is_concept, _)
    keywords = [edition_label] + ([_("status: %(status)s") % {"status": status_label}] if status_label else [])
    changes = None
    if since is not None:
        changes = _changes(brief, corpus, since, ids, language, _)
    framing = Framing(
        publisher=publication.publisher if publication else None,
        website=publication.website if publication else None,
        statement_site=publication.website if publication else None,
        contact=publication.contact if publication else None,
        licence=publication.licence if publication else None,
        is_concept=is_concept,
        status_label=status_label,
        edition_label=edition_label,
        edition_value=state.name if state.is_current and state.name else edition_label,
        edition_is_current=state.is_current,
        edition_is_recorded=state.newest is not None,
        date=brief.date,
        language=language,
        year=year,
        sources=_sources(corpus, ids, language),
        citation=citation,
        keywords=tuple(keywords),
        changes=changes,
    )
    adjusted = getattr(brief, "adjusted_framing", None)  # a note goes out from its sender, with its own status
    return adjusted(framing) if adjusted else framing


def _changes(
    brief: BriefHeader, corpus: Corpus, since: str, ids: set[str], language: str, _: Callable[[str], str]
) -> Changes:
    from bottleneck_briefs.briefs.content.brief_parts import facet_label, theme_titles
    from bottleneck_briefs.briefs.content.statement_coding import facet_titles

    edition = find_edition(corpus, since)
    if edition is None:
        raise KeyError(since)
    labels = {
        facet.slug: {value.slug: facet_label(value, language) for value in facet.values}
        for facet in corpus.codebook.facets
    }
    names = facet_titles(corpus.codebook, language)
    return changes_since(
        corpus,
        edition,
        getattr(brief, "selects", None),
        ids,
        theme_titles(corpus.codebook, language),
        labels,
        names,
        _("Thema’s"),
        date_label(date.fromisoformat(edition.date), language),
    )


def framed(brief: AnyBrief, corpus: Corpus, since: str | None = None) -> AnyBrief:
    """The brief with its framing as `publication`: every kind of brief has that field, so none goes out unframed."""
    if not any(field.name == "publication" for field in dataclasses.fields(brief)):
        raise TypeError(
            f"{type(brief).__name__} has no 'publication' field: add `publication: object = None` "
            "(set by the report run) so that it shows its publisher, edition and changes"
        )
    # every kind of brief has the field (checked above), the header they share does not
    return dataclasses.replace(brief, publication=framing(brief, corpus, since))  # type: ignore[call-arg]
