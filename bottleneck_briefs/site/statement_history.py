"""A statement's history across the recorded editions: added in, reworded in (word by word), re-themed in, withdrawn.

Each recorded edition is compared with the one before it (the first with
nothing), and the corpus as it stands with the newest edition, so that a
change not yet recorded in an edition is shown too, as such. Plain data, no
markup; the word diff is the briefs' own (edition_changes.word_diff).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeAlias

from bottleneck_briefs.briefs.content.edition_changes import ValueChange, Words, word_diff
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.site.site_facets import facets, values_of

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.models import Codebook, Statement
    from bottleneck_briefs.corpus.publication_models import EditionStatement

ADDED, REWORDED, RECLASSIFIED, MOVED, WITHDRAWN = "added", "reworded", "reclassified", "moved", "withdrawn"


@dataclass(frozen=True)
class HistoryEvent:
    kind: str  # ADDED, REWORDED, RECLASSIFIED, MOVED or WITHDRAWN
    edition: str | None  # the edition that recorded it; None: since the newest edition, not yet recorded
    date: str | None  # the edition's date, YYYY-MM-DD
    words: tuple[Words, ...] = ()  # REWORDED: the old text and the new, word by word
    changes: tuple[ValueChange, ...] = ()  # RECLASSIFIED: themes and facet values removed and added
    place_before: str | None = None  # MOVED: "§2.15, p. 26"
    place_after: str | None = None


Record: TypeAlias = "Statement | EditionStatement"  # a statement now, or as an edition recorded it


def _place(record: Record) -> str:
    return f"§{record.source.section}, p. {record.source.page}"


def _value_changes(
    before: Record, after: Record, theme_titles: dict[str, str], themes_label: str, language: str, codebook: Codebook
) -> tuple[ValueChange, ...]:
    def change(label: str, old: list[str], new: list[str], labels: Callable[[str], str]) -> ValueChange:
        return ValueChange(
            label, tuple(labels(v) for v in old if v not in new), tuple(labels(v) for v in new if v not in old)
        )

    found = [change(themes_label, list(before.themes), list(after.themes), lambda slug: theme_titles.get(slug, slug))]
    for facet in facets(codebook, language):
        found.append(
            change(
                facet.title,
                values_of(before, facet.name),
                values_of(after, facet.name),
                partial(facet.label, language=language),
            )
        )
    return tuple(change for change in found if change.removed or change.added)


def _compare(
    before: Record | None,
    after: Record | None,
    edition: str | None,
    day: str | None,
    context: tuple[dict[str, str], str, str, Codebook],
) -> list[HistoryEvent]:
    if before is None and after is None:
        return []
    if before is None:
        return [HistoryEvent(ADDED, edition, day)]
    if after is None:
        return [HistoryEvent(WITHDRAWN, edition, day)]
    events = []
    if before.text != after.text:
        events.append(HistoryEvent(REWORDED, edition, day, words=word_diff(before.text, after.text)))
    changes = _value_changes(before, after, *context)
    if changes:
        events.append(HistoryEvent(RECLASSIFIED, edition, day, changes=changes))
    if before.source != after.source:
        events.append(HistoryEvent(MOVED, edition, day, place_before=_place(before), place_after=_place(after)))
    return events


def histories(
    corpus: Corpus, theme_titles: dict[str, str], themes_label: str, language: str
) -> dict[str, tuple[HistoryEvent, ...]]:
    """Every statement id ever recorded or in the corpus now -> its events, oldest first."""
    context = (theme_titles, themes_label, language, corpus.codebook)
    found: dict[str, list[HistoryEvent]] = {}
    previous: dict = {}
    for edition in corpus.editions:
        records = {record.id: record for record in edition.statements}
        for statement_id in dict.fromkeys([*previous, *records]):
            events = _compare(
                previous.get(statement_id), records.get(statement_id), edition.edition, edition.date, context
            )
            found.setdefault(statement_id, []).extend(events)
        previous = records
    now = {statement.id: statement for statement in corpus.statements}
    for statement_id in dict.fromkeys([*previous, *now]):
        events = _compare(previous.get(statement_id), now.get(statement_id), None, None, context)
        found.setdefault(statement_id, []).extend(events)
    return {statement_id: tuple(events) for statement_id, events in found.items()}


def added_in(events: tuple[HistoryEvent, ...]) -> str | None:
    """The edition a statement first appeared in (None: not yet in any recorded edition)."""
    return next((event.edition for event in events if event.kind == ADDED), None)
