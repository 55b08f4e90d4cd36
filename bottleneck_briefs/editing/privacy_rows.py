"""The personal-data guard for spreadsheet rows: the same findings as `check`, named by row and column."""

from __future__ import annotations

from collections.abc import Iterator

from bottleneck_briefs.corpus.privacy_guard import STATEMENT_FIELDS, findings_as_published


def personal_data_in_row(statement: dict) -> Iterator[tuple[str, str]]:
    """(field, message) for everything in a row's statement that looks like it identifies a person.

    A spreadsheet has no place to record a reviewed exception: such a row is
    imported without it, and the text is added in the YAML with its `privacy_ok`.
    """
    for field in STATEMENT_FIELDS:
        value = statement.get(field)
        if not isinstance(value, str):
            continue
        for finding in findings_as_published(value):
            yield (
                field,
                (
                    f"looks like {finding.kind} ('{finding.masked}') at character {finding.start + 1}: "
                    "remove it; a reviewed exception is recorded in the YAML (privacy_ok), not in a spreadsheet"
                ),
            )
