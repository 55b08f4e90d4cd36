"""Checks of notes (`notes/NAME.md`) against the rest of the corpus, each at its file, line and column.

The front matter is validated by its model; the kind must be declared in the
templates, the edition recorded; every `[[KP-…]]` must name a statement (a
retired one is refused with its reason), every `[[count …]]` known keys and
values; a quotation typed by hand that drifts from a statement is a warning,
as is a cited statement changed since the note's edition and a section its
kind expects but it lacks. A note that passes becomes a NoteSpec.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pydantic import ValidationError

from bottleneck_briefs.corpus.brief_file_rules import brief_name_problem, resolve_selection, value_slug
from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.models import Codebook, Statement
from bottleneck_briefs.corpus.near_quotes import StatementWords, hand_quotes
from bottleneck_briefs.corpus.note_kinds import NoteKind
from bottleneck_briefs.corpus.note_markers import Marker, find_markers, marker_key
from bottleneck_briefs.corpus.note_models import NoteFrontMatter
from bottleneck_briefs.corpus.note_source import BODY_PATH, NoteSource
from bottleneck_briefs.corpus.privacy_guard import GuardedText, published_texts
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.publication_models import Edition, EditionStatement
from bottleneck_briefs.corpus.schema_errors import did_you_mean, validation_problems
from bottleneck_briefs.corpus.selection import Selection, selection_of
from bottleneck_briefs.corpus.vocabulary_lookup import Vocabulary

NOTES_FOLDER = "notes"
ID_KEYS = ("include", "exclude")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)

# A note with its place: (what was read, its path relative to the corpus folder)
LocatedNote = tuple[NoteSource, PurePosixPath]


@dataclass(frozen=True)
class NoteSpec:
    """A checked note: its front matter, text, and the selection of each count and of its evidence."""

    name: str
    file: str
    front: NoteFrontMatter
    body: str
    counts: dict[str, Selection] = field(default_factory=dict)  # a count marker's text -> what it counts
    evidence: Selection | None = None
    cited: tuple[str, ...] = ()  # ids in the order of first citation

    @property
    def kind(self) -> str:
        return self.front.kind


def select_keys(vocabulary: Vocabulary) -> tuple[str, ...]:
    """A count's keys: those of a brief file's select under this codebook (its themes, facets and ids)."""
    return tuple(corpus_models(tuple(vocabulary.facet_slugs)).brief_selection.model_fields)


def headings(text: str) -> list[str]:
    return [match.group(1).strip() for match in _HEADING.finditer(text)]


def check_notes(
    codebook: Codebook,
    notes: list[LocatedNote],
    statements: list[Statement],
    editions: list[Edition],
    kinds: dict[str, NoteKind],
    taken_names: Iterable[str],
    complete: bool,
) -> tuple[list[Problem], dict[str, NoteSpec]]:
    """`taken_names`: brief files' names, which a note's files must not replace; `complete`: every statement
    was read, so an unknown id is truly unknown."""
    vocabulary = Vocabulary(codebook)
    front_matter = corpus_models(codebook.facet_slugs).note_front_matter
    ids = {statement.id for statement in statements}
    retired = {entry.id: entry.reason for entry in codebook.retired_ids}
    taken = set(taken_names)
    words: StatementWords | None = None  # indexed once, when a note holds a quotation typed by hand
    problems: list[Problem] = []
    specs: dict[str, NoteSpec] = {}
    for note, relative in notes:
        document = note.front
        name = relative.name.removesuffix(".md")
        if len(relative.parts) != 2:
            problems.append(
                Problem(
                    note.display_name, None, None, "", f"notes go directly in {NOTES_FOLDER}/, not in a folder below it"
                )
            )
            continue
        reason = brief_name_problem(name, vocabulary.theme_slugs)
        reason = reason.replace("a brief", "a note") if reason else None
        if reason is None and name in taken:
            reason = f"'{name}' names a brief file (briefs/{name}.yaml) too: the note needs another name"
        if reason is not None:
            problems.append(Problem(note.display_name, None, None, "", reason))
        try:
            front = front_matter.model_validate(document.data)
        except ValidationError as error:
            problems += validation_problems(document, error, model=front_matter, facets=codebook.facet_slugs)
            front = None
        note_problems = _front_matter_references(note, kinds, editions)
        evidence = None
        if front is not None and front.evidence is not None:
            evidence, found = resolve_selection(document, ("evidence",), front.evidence, vocabulary, ids, set(retired))
            note_problems += found
        markers = find_markers(note.body)
        counts, cited, found = _marker_problems(note, markers, vocabulary, ids, retired, complete)
        note_problems += found
        quotes = hand_quotes(note.body)
        if quotes:
            words = words or StatementWords((statement.id, statement.text) for statement in statements)
            for quote in quotes:
                near = words.near(quote)
                if near is not None:
                    note_problems.append(
                        note.problem(
                            quote.offset,
                            f"looks like {near.statement_id} but differs: {near.difference}; "
                            f"cite it as [[{near.statement_id}]]",
                            severity=WARNING,
                        )
                    )
        if front is not None and front.edition is not None:
            note_problems += _changed_since(note, front.edition, markers, editions, statements, codebook)
        if front is not None and front.kind in kinds:
            written = {heading.casefold() for heading in headings(note.body)}
            missing = [section for section in kinds[front.kind].expected_sections if section.casefold() not in written]
            if missing:
                note_problems.append(
                    document.problem(
                        ("kind",),
                        f"a {front.kind} holds the sections "
                        f"{', '.join(kinds[front.kind].expected_sections)}; this one "
                        f"lacks {', '.join(missing)}",
                        severity=WARNING,
                    )
                )
        problems += note_problems
        if front is not None and reason is None and not any(problem.is_error for problem in note_problems):
            specs[name] = NoteSpec(name, note.display_name, front, note.body, counts, evidence, tuple(cited))
    return problems, specs


def _front_matter_references(note: NoteSource, kinds: dict[str, NoteKind], editions: list[Edition]) -> list[Problem]:
    """The kind and the edition, read from the front matter as written: told with its other problems."""
    data = note.front.data if isinstance(note.front.data, dict) else {}
    kind, edition = data.get("kind"), data.get("edition")
    problems = []
    if isinstance(kind, str) and kind and kind not in kinds:
        problems.append(
            note.front.problem(
                ("kind",),
                f"unknown kind '{kind}'"
                f"{did_you_mean(kind, sorted(kinds))} (the kinds are "
                f"{', '.join(sorted(kinds))}; a templates folder's notes/ adds more)",
            )
        )
    names = [recorded.edition for recorded in editions]
    if isinstance(edition, str) and edition not in names:
        known = f"recorded: {', '.join(names)}" if names else "no edition is recorded yet"
        problems.append(
            note.front.problem(("edition",), f"unknown edition '{edition}'{did_you_mean(edition, names)} ({known})")
        )
    return problems


def _marker_problems(
    note: NoteSource,
    markers: list[Marker],
    vocabulary: Vocabulary,
    ids: set[str],
    retired: dict[str, str],
    complete: bool,
) -> tuple[dict[str, Selection], list[str], list[Problem]]:
    problems: list[Problem] = []
    counts: dict[str, Selection] = {}
    cited: list[str] = []
    for marker in markers:
        if marker.problem is not None:
            problems.append(note.problem(marker.start, marker.problem))
        elif marker.statement_id is not None:
            statement_id = marker.statement_id
            if statement_id in retired:
                reason = retired[statement_id].strip()
                reason += "" if reason.endswith((".", "!", "?")) else "."
                problems.append(
                    note.problem(
                        marker.start, f"{statement_id} is retired: {reason} Cite another statement or leave it out."
                    )
                )
            elif statement_id not in ids:
                if complete:
                    problems.append(
                        note.problem(marker.start, f"unknown id '{statement_id}'{id_suggestion(statement_id, ids)}")
                    )
            elif statement_id not in cited:
                cited.append(statement_id)
        elif marker.count is not None:
            selection, found = _count_selection(note, marker, vocabulary, ids, set(retired))
            problems += found
            if selection is not None:
                counts[marker_key(note.body[marker.start : marker.end])] = selection
    return counts, cited, problems


def id_suggestion(written: str, ids: set[str]) -> str:
    """A did-you-mean for a mistyped id: digits swapped (KP-204 for KP-024) first, then the closest in spelling."""
    swapped = [known for known in sorted(ids) if sorted(known) == sorted(written) and known != written]
    if swapped:
        best = min(swapped, key=lambda known: sum(a != b for a, b in zip(known, written, strict=False)))
        return f" — did you mean '{best}'?"
    return did_you_mean(written, sorted(ids))


def _count_selection(
    note: NoteSource, marker: Marker, vocabulary: Vocabulary, ids: set[str], retired: set[str]
) -> tuple[Selection | None, list[Problem]]:
    problems: list[Problem] = []
    chosen: dict[str, list[str]] = {}
    keys = select_keys(vocabulary)
    for key in marker.count or ():
        if key.key not in keys:
            problems.append(
                note.problem(
                    key.offset,
                    f"unknown count key '{key.key}'"
                    f"{did_you_mean(key.key, list(keys))} (the keys are "
                    f"those of a brief file's select: {', '.join(keys)})",
                )
            )
            continue
        if key.key in chosen:
            problems.append(note.problem(key.offset, f"'{key.key}' is given twice: separate its values by commas"))
            continue
        values: list[str] = []
        for value in key.values:
            if key.key in ID_KEYS:
                if value in retired:
                    problems.append(note.problem(key.offset, f"{key.key}: '{value}' is retired: it is no statement"))
                elif value not in ids:
                    problems.append(
                        note.problem(key.offset, f"{key.key}: unknown id '{value}'{did_you_mean(value, sorted(ids))}")
                    )
                values.append(value)
                continue
            slug, unknown = value_slug(vocabulary, key.key, value)
            if slug is None:
                problems.append(note.problem(key.offset, f"{key.key}: {unknown}"))
            else:
                values.append(slug)
        chosen[key.key] = values
    if problems:
        return None, problems
    facets = {key: values for key, values in chosen.items() if key not in ("themes", *ID_KEYS)}
    selection = selection_of(chosen.get("themes", ()), facets, chosen.get("include", ()), chosen.get("exclude", ()))
    return selection, []


def annexed_ids(spec: NoteSpec, statements: Iterable[Statement]) -> list[str]:
    """The annex's statements: the cited ones in the order of first citation, then the evidence not cited."""
    evidence = spec.evidence.select(statements) if spec.evidence is not None else []
    return list(spec.cited) + [statement.id for statement in evidence if statement.id not in spec.cited]


def counted(selection: Selection, statements: Iterable[Statement]) -> int:
    """A count's number: without themes or facet values every statement counts (less those excluded)."""
    statements = list(statements)
    if not selection.has_filter:
        exclude = set(selection.exclude)
        return sum(1 for statement in statements if statement.id not in exclude)
    return len(selection.select(statements))


def _changed_since(
    note: NoteSource,
    edition_name: str,
    markers: list[Marker],
    editions: list[Edition],
    statements: list[Statement],
    codebook: Codebook,
) -> list[Problem]:
    """Warnings: a cited statement reworded, withdrawn or given other themes since the note's edition."""
    edition = next((edition for edition in editions if edition.edition == edition_name), None)
    if edition is None:
        return []
    before = {statement.id: statement for statement in edition.statements}
    now = {statement.id: statement for statement in statements}
    reasons = {entry.id: entry.reason for entry in codebook.retired_ids}
    problems, told = [], set()
    for marker in markers:
        statement_id = marker.statement_id
        if statement_id is None or statement_id in told or statement_id not in before:
            continue
        told.add(statement_id)
        old, current = before[statement_id], now.get(statement_id)
        changes = list(_changes(old, current, reasons.get(statement_id)))
        if changes:
            problems.append(
                note.problem(
                    marker.start,
                    f"{statement_id} changed since edition {edition_name}: {'; '.join(changes)}",
                    severity=WARNING,
                )
            )
    return problems


def _changes(old: EditionStatement, current: Statement | None, reason: str | None) -> Iterator[str]:
    if current is None:
        yield "withdrawn" + (f" ({reason})" if reason else "")
        return
    if old.text != current.text:
        yield "reworded"
    if old.themes != current.themes:
        yield f"themes were {', '.join(old.themes)}, now {', '.join(current.themes)}"


def note_fields(notes: list[LocatedNote]) -> Iterator[GuardedText]:
    """The personal-data guard's texts of each note: every text of its front matter, and its Markdown text."""
    for note, _ in notes:
        yield from published_texts(note.front)
        if note.body.strip():
            yield GuardedText(note.front, BODY_PATH, note.body, note.body_offset)
