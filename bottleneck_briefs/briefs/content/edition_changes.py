"""What changed in the corpus since a recorded edition, for one brief: the appendix of `report --since NAME`.

Four kinds of change, each statement in at most one list per kind: added (in
the corpus, not in the edition), withdrawn (in the edition, retired since,
with the codebook's reason), reworded (same id, other words: a word-level
diff) and reclassified (other themes, facet values or place in the source).
A brief shows the changes of the statements it selects now or selected in
the edition; a brief without a selection (the overview) shows them all.
Plain data, no markup, like brief_data.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from bottleneck_briefs.corpus.edition_state import same_words
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Statement
from bottleneck_briefs.corpus.publication_models import Edition, EditionStatement

SAME, DELETED, INSERTED = "same", "del", "ins"
AsRecorded = Statement | EditionStatement  # a statement now, or as an edition recorded it: the same fields


@dataclass(frozen=True)
class Words:
    kind: str  # SAME, DELETED or INSERTED
    text: str  # one or more words, separated by single spaces


@dataclass(frozen=True)
class Entry:
    id: str
    linked: bool  # the statement is in this brief: its id links to it
    text: str  # now (added, reworded, reclassified) or as the edition had it (withdrawn)


@dataclass(frozen=True)
class Withdrawn(Entry):
    reason: str | None  # from the codebook's retired_ids


@dataclass(frozen=True)
class Reworded(Entry):
    words: tuple[Words, ...]  # the old text and the new, word by word


@dataclass(frozen=True)
class ValueChange:
    label: str  # "Thema’s", or the facet's name
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class Reclassified(Entry):
    changes: tuple[ValueChange, ...]
    source_before: str | None  # "§2.15, p. 26" when the place in the source changed
    source_after: str | None


@dataclass(frozen=True)
class Changes:
    edition: str
    edition_date: str  # as the brief writes dates: "1 maart 2026"
    added: tuple[Entry, ...]
    withdrawn: tuple[Withdrawn, ...]
    reworded: tuple[Reworded, ...]
    reclassified: tuple[Reclassified, ...]

    @property
    def total(self) -> int:
        return len(self.added) + len(self.withdrawn) + len(self.reworded) + len(self.reclassified)


def word_diff(before: str, after: str) -> tuple[Words, ...]:
    """The two texts word by word: runs of kept, deleted and inserted words, the deleted before the inserted."""
    old, new = before.split(), after.split()
    parts: list[Words] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(Words(SAME, " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(Words(DELETED, " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append(Words(INSERTED, " ".join(new[j1:j2])))
    return tuple(parts)


def _place(statement: AsRecorded) -> str:
    return f"§{statement.source.section}, p. {statement.source.page}"


def changes_since(
    corpus: Corpus,
    edition: Edition,
    selects: Callable[[AsRecorded], bool] | None,
    shown_ids: set[str],
    theme_titles: dict[str, str],
    facet_labels: dict[str, dict[str, str]],
    facet_names: dict[str, str],
    themes_label: str,
    date_text: str,
) -> Changes:
    """`selects`: whether a statement (as now or as in the edition) belongs in the brief; None: all do.

    `shown_ids`: the statements the brief shows, whose ids can link to them.
    """
    keep = selects or (lambda statement: True)
    before = {statement.id: statement for statement in edition.statements}
    now = {statement.id: statement for statement in corpus.statements}
    reasons = {entry.id: entry.reason for entry in corpus.codebook.retired_ids}
    added, reworded, reclassified = [], [], []
    for statement_id, current in now.items():
        old = before.get(statement_id)
        if not (keep(current) or (old is not None and keep(old))):
            continue
        linked = statement_id in shown_ids
        if old is None:
            added.append(Entry(statement_id, linked, current.text))
            continue
        if not same_words(old.text, current.text):  # a changed spacing alone shows nothing to the reader
            reworded.append(Reworded(statement_id, linked, current.text, word_diff(old.text, current.text)))
        value_changes = [_values(themes_label, old.themes, current.themes, theme_titles)]
        value_changes += [
            _values(facet_names[facet], old.facet_values(facet), current.facet_values(facet), facet_labels[facet])
            for facet in facet_names
        ]
        value_changes = [change for change in value_changes if change.removed or change.added]
        moved = old.source != current.source
        if value_changes or moved:
            reclassified.append(
                Reclassified(
                    statement_id,
                    linked,
                    current.text,
                    tuple(value_changes),
                    _place(old) if moved else None,
                    _place(current) if moved else None,
                )
            )
    withdrawn = tuple(
        Withdrawn(old.id, False, old.text, reasons.get(old.id))
        for old in edition.statements
        if old.id not in now and keep(old)
    )
    return Changes(edition.edition, date_text, tuple(added), withdrawn, tuple(reworded), tuple(reclassified))


def _values(label: str, before: list[str], after: list[str], labels: dict[str, str]) -> ValueChange:
    removed = tuple(labels.get(value, value) for value in before if value not in after)
    added = tuple(labels.get(value, value) for value in after if value not in before)
    return ValueChange(label, removed, added)
