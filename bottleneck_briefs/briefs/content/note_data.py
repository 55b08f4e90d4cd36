"""What a note says: its header, its text with the markers filled in from the corpus, and its annex.

The text's quotes are the statements verbatim, its counts the numbers the
corpus gives at this render; the annex holds every cited statement in the
order of first citation, then the `evidence` statements not cited, each with
its full source. The note's kind (note_kinds) names its template. Plain data
and the text's HTML (escaped by markdown-it); the template decides the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.content.brief_parts import BriefHeader, EntryBuilder, StatementEntry, header_fields
from bottleneck_briefs.briefs.content.note_markdown import NotePart, QuotePart, TextPart, note_parts
from bottleneck_briefs.briefs.content.publication_data import Framing
from bottleneck_briefs.briefs.content.translations import gettext_for, number_label
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.note_kinds import NoteKind
from bottleneck_briefs.corpus.note_markers import find_markers, marker_key
from bottleneck_briefs.corpus.note_rules import NoteSpec, annexed_ids, counted

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.models import Statement
    from bottleneck_briefs.corpus.publication_models import EditionStatement


class NoteError(ValueError):
    """The note cannot be rendered with these templates (its kind is not declared there)."""


@dataclass(frozen=True)
class AnnexEntry:
    statement: StatementEntry
    cited: bool  # cited in the text; otherwise annexed as evidence


@dataclass(frozen=True)
class Note(BriefHeader):
    kind_name: str
    kind_label: str
    to: str
    sender: str  # the front matter's `from`: an organisation or a unit
    reference: str | None
    status: str  # "concept" or "definitief", the note's own
    edition: str | None  # the edition it was written against: its changes are annexed
    parts: tuple[NotePart, ...]
    quotes: dict[str, StatementEntry]  # the statements quoted in the text, by id
    annex: tuple[AnnexEntry, ...]
    publication: Framing | None = None  # added by the report run

    @property
    def template(self) -> str:  # type: ignore[override]
        return f"notes/{self.kind_name}.html.j2"

    @property
    def statements(self) -> list[StatementEntry]:
        return [entry.statement for entry in self.annex]

    @property
    def statement_count(self) -> int:
        return len(self.annex)

    @property
    def cited_count(self) -> int:
        return sum(entry.cited for entry in self.annex)

    def selects(self, statement: Statement | EditionStatement) -> bool:
        """The --since appendix shows the changes of the annexed statements."""
        return any(entry.statement.id == statement.id for entry in self.annex)

    @property
    def topic_keywords(self) -> list[str]:
        return [self.kind_label.lower()]

    def adjusted_framing(self, framing: Framing) -> Framing:
        """A note goes out from its sender, with its own status and citation; the corpus's publisher is cited
        as the source's, in the colophon."""
        _ = gettext_for(self.language)
        concept = self.status == "concept"
        label = _("concept") if concept else _("definitief")
        to = _("%(kind)s aan %(to)s") % {"kind": self.kind_label, "to": self.to}
        reference = ", " + _("kenmerk %(reference)s") % {"reference": self.reference} if self.reference else ""
        citation = f"{self.sender} ({self.date.year}). {self.title}. {to}{reference}, {label}."
        return replace(
            framing,
            publisher=self.sender,
            website=None,
            contact=None,
            licence=None,
            is_concept=concept,
            status_label=label,
            citation=citation,
            keywords=(framing.edition_label, _("status: %(status)s") % {"status": label}),
        )


def build_note(
    corpus: Corpus, spec: NoteSpec, kinds: dict[str, NoteKind], day: date, language: str = DEFAULT_LANGUAGE
) -> Note:
    kind = kinds.get(spec.kind)
    if kind is None:
        raise NoteError(
            f"note '{spec.name}': its kind '{spec.kind}' is not declared in the templates "
            f"(known: {', '.join(sorted(kinds))})"
        )
    statements = {statement.id: statement for statement in corpus.statements}
    entry = EntryBuilder.for_corpus(corpus, language)
    annexed = annexed_ids(spec, corpus.statements)
    annex = tuple(
        AnnexEntry(entry(statements[statement_id], None), statement_id in spec.cited) for statement_id in annexed
    )
    entries = {item.statement.id: item.statement for item in annex}

    def marker_html(text: str) -> Markup:
        marker = find_markers(text)[0]
        if marker.statement_id is not None:
            anchor = marker.statement_id.lower()
            return Markup('<a class="note-citation" href="#{}">{}</a>').format(anchor, marker.statement_id)
        selection = spec.counts[marker_key(text)]
        return escape(number_label(counted(selection, corpus.statements), language))

    parts = tuple(note_parts(spec.body, marker_html))
    quotes = {part.statement_id: entries[part.statement_id] for part in parts if isinstance(part, QuotePart)}
    front = spec.front
    note_day = date.fromisoformat(front.date) if front.date else day
    label = kind.label_en if language == "en" and kind.label_en else kind.label
    return Note(
        **header_fields(corpus, spec.name, front.title, [statements[i] for i in annexed], note_day, language),
        kind_name=kind.name,
        kind_label=label,
        to=front.to,
        sender=front.from_,
        reference=front.reference,
        status=front.status,
        edition=front.edition,
        parts=parts,
        quotes=quotes,
        annex=annex,
    )


__all__ = ["AnnexEntry", "Note", "NoteError", "QuotePart", "TextPart", "build_note"]
