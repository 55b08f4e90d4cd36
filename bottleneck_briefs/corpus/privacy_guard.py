"""The personal-data guard of `check`: every finding is an error at its file, line and column.

What is judged is the text a reader gets: the parsed value (after YAML's escapes
and line folding), read in the guard's form (spaces, dashes and digits folded,
invisible characters removed: privacy_text). A finding is told at the line and
column of the characters in the file that wrote it.

Every text of a published file is guarded (`published_texts`): only the
acknowledgements themselves are not, so a new field is guarded the day it is
added. A text found elsewhere in a file (a Markdown body after its front
matter) is guarded with `GuardedText(document, path, text, start)`, `start`
being where the text stands verbatim in `document.source`.

A finding that was reviewed and may stay is recorded in a `privacy_ok` list of
the mapping that holds the field or of any mapping around it, up to the file's
top level (a statement, a brief file, the codebook, publication.yaml):
`privacy_ok: ["0800-2000: landelijke hulplijn"]`, the exact text before ': ',
the reason after it. It then passes; an acknowledgement that matches no finding
under its mapping is a warning, so none outlives the text it was written for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.yaml_document import Path_, YamlFile, format_path, line_and_column

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.privacy import Finding

ACKNOWLEDGEMENTS_KEY = "privacy_ok"
# Never published: the acknowledgements quote what they allow, and are read by the guard alone.
NOT_PUBLISHED = frozenset({ACKNOWLEDGEMENTS_KEY})
STATEMENT_FIELDS = ("text", "translation_en", "note")  # what a brief shows of a statement


class GuardedText(NamedTuple):
    """One text a reader will see, and where it stands."""

    document: YamlFile  # the file: its name in messages, its source, its privacy_ok acknowledgements
    path: Path_  # the field, e.g. ("statements", 3, "text"); names it in messages
    text: str | None  # the text as published
    start: int | None = None  # where the text stands verbatim in document.source; None: the YAML scalar at path


def allowed_text(acknowledgement: str) -> str:
    from bottleneck_briefs.corpus.privacy_text import guard_form

    return guard_form(acknowledgement.partition(": ")[0])


def published_texts(document: YamlFile) -> list[GuardedText]:
    """Every text in a file's data (values, not keys), but the acknowledgements and words that cannot hold
    personal data (lower-case letters, spaces and hyphens: a slug, a plain word)."""
    texts = []
    pending: list[tuple[object, Path_]] = [(document.data, ())]
    while pending:
        data, path = pending.pop()
        if isinstance(data, str):
            if not _LOWER_CASE_WORDS.fullmatch(data):
                texts.append(GuardedText(document, path, data))
        elif isinstance(data, dict):
            pending += [(value, (*path, key)) for key, value in data.items() if key not in NOT_PUBLISHED]
        elif isinstance(data, list):
            pending += [(value, (*path, index)) for index, value in enumerate(data)]
    return texts[::-1]


# No kind of personal data the guard finds can be written without a digit, a capital or an '@'.
_LOWER_CASE_WORDS = re.compile(r"[a-z -]*")


def privacy_problems(fields: Iterable[tuple]) -> list[Problem]:
    """An error for every finding not acknowledged, a warning for every acknowledgement that matches none.

    `fields`: GuardedText, or (document, path, text) tuples."""
    texts = [GuardedText(*field) for field in fields if field[2]]
    if not texts:  # nor any acknowledgement to match: the detectors need not even be loaded
        return []
    from bottleneck_briefs.corpus.privacy import find_in_texts
    from bottleneck_briefs.corpus.privacy_names import NameListsMissingError
    from bottleneck_briefs.corpus.privacy_text import guard_form, guard_text

    problems: list[Problem] = []
    guarded = [guard_text(field.text or "") for field in texts]
    try:
        findings_per_text = find_in_texts([form.text for form in guarded])
    except (ImportError, NameListsMissingError) as error:  # an incomplete installation: nothing may be published
        missing = f"the '{error.name}' package is not installed" if isinstance(error, ImportError) else str(error)
        return [
            Problem(
                "privacy check",
                None,
                None,
                "",
                f"cannot run: {missing}; reinstall this program with its dependencies (pip install .)",
            )
        ]
    acknowledged: dict[tuple[int, Path_], set[str]] = {}  # (file, owner) -> the acknowledged texts found
    acknowledging: dict[int, bool] = {}
    for field, form, findings in zip(texts, guarded, findings_per_text, strict=True):
        if not findings:
            continue
        owners = [
            (owner, {allowed_text(entry) for entry in entries})
            for owner, entries in _acknowledgements_around(field.document, field.path, acknowledging)
        ]
        for finding in findings:
            found = guard_form(finding.text)
            owner = next((owner for owner, allowed in owners if found in allowed), None)
            if owner is not None:
                acknowledged.setdefault((id(field.document), owner), set()).add(found)
                continue
            line, column, where = locate(field, *form.span_in_value(finding.start, finding.end))
            problems.append(
                Problem(
                    field.document.display_name,
                    line,
                    column,
                    format_path(field.path),
                    f"looks like {finding.kind} ('{finding.masked}'){where}: remove it, "
                    f"or record in {ACKNOWLEDGEMENTS_KEY} why it may stay",
                )
            )
    stale_checked: set[tuple[int, Path_]] = set()
    parents: set[tuple[int, Path_]] = set()
    for field in texts:
        parent = (id(field.document), tuple(field.path[:-1]))
        if parent in parents:
            continue  # the texts of one mapping share their acknowledgements
        parents.add(parent)
        for owner, entries in _acknowledgements_around(field.document, field.path, acknowledging):
            if (id(field.document), owner) in stale_checked:
                continue
            stale_checked.add((id(field.document), owner))
            matched = acknowledged.get((id(field.document), owner), set())
            for index, entry in enumerate(entries):
                if allowed_text(entry) not in matched:
                    problems.append(
                        field.document.problem(
                            (*owner, ACKNOWLEDGEMENTS_KEY, index),
                            f"'{allowed_text(entry)}' matches nothing the privacy check finds here; "
                            "remove this acknowledgement",
                            severity=WARNING,
                        )
                    )
    return problems


def findings_as_published(value: str) -> list[Finding]:
    """The findings in a text as a reader gets it (privacy_text), their offsets those of `value`."""
    from dataclasses import replace

    from bottleneck_briefs.corpus.privacy import find_personal_data
    from bottleneck_briefs.corpus.privacy_text import guard_text

    form = guard_text(value)
    found = []
    for finding in find_personal_data(form.text):
        start, end = form.span_in_value(finding.start, finding.end)
        found.append(replace(finding, start=start, end=end))
    return found


def _acknowledgements_around(
    document: YamlFile, path: Path_, acknowledging: dict[int, bool]
) -> list[tuple[Path_, list[str]]]:
    """(owner, its acknowledgements) of every mapping that holds the field, the nearest first.

    `acknowledging`: id of a file -> whether it records any (its source read once per run)."""
    if id(document) not in acknowledging:
        acknowledging[id(document)] = not document.source or ACKNOWLEDGEMENTS_KEY in document.source
    if not acknowledging[id(document)]:
        return []  # most files: none to look for
    found = []
    for length in range(len(path) - 1, -1, -1):
        entries = _acknowledgements(document, tuple(path[:length]))
        if entries:
            found.append((tuple(path[:length]), entries))
    return found


def _acknowledgements(document: YamlFile, owner: Path_) -> list[str]:
    data: Any = document.data
    for part in owner:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return []
    entries = data.get(ACKNOWLEDGEMENTS_KEY) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, str) and ": " in entry]


def source_offset(field: GuardedText, offset: int) -> int | None:
    """Where the character `offset` of the text stands in its file's source; None when that cannot be told."""
    document = field.document
    if field.start is not None:
        return field.start + offset
    span = document.scalars.get(tuple(field.path))
    if span is None or span.text != field.text or not document.source:
        return None
    from bottleneck_briefs.corpus.scalar_positions import value_offsets

    offsets = value_offsets(document.source, span, field.text)
    return offsets[offset] if offsets is not None and offset < len(offsets) else None


def locate(field: GuardedText, start: int, end: int = 0) -> tuple[int, int, str]:
    """(line, column, remark) of the text's characters from `start` in the file.

    The remark is empty, or when the file cannot tell (a text made by other means
    than YAML), says at which character of the text the value at its line and
    column holds the finding."""
    offset = source_offset(field, start)
    if offset is None:
        line, column = field.document.position(field.path)
        return line, column, f" at character {start + 1} of the text"
    return *line_and_column(field.document.source, offset), ""
