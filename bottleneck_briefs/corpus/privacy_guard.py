"""The personal-data guard of `check`: every finding is an error at its file, line and column.

A field is guarded by passing (document, path in the file, text) to
`privacy_problems`; any kind of corpus file plugs its fields in that way. A
finding that was reviewed and may stay is recorded in the `privacy_ok` list of
the mapping that holds the field (a statement, a theme, a brief file):
`privacy_ok: ["0800-2000: landelijke hulplijn"]`, the exact text before ': ',
the reason after it. It then passes; an acknowledgement that matches no finding
of its mapping is a warning, so none outlives the text it was written for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.yaml_reading import Path_, YamlFile, format_path

ACKNOWLEDGEMENTS_KEY = "privacy_ok"
STATEMENT_FIELDS = ("text", "translation_en", "note")  # what a brief shows of a statement
ACKNOWLEDGEMENT_EXAMPLE = "0800-2000: landelijke hulplijn"

GuardedField = tuple[YamlFile, Path_, str | None]


def _acknowledgement(value: str) -> str:
    allowed, separator, reason = value.partition(": ")
    if not separator or not allowed.strip() or not reason.strip():
        raise ValueError(f"must be 'the exact text: why it may stay', e.g. '{ACKNOWLEDGEMENT_EXAMPLE}'")
    return value


Acknowledgement = Annotated[str, AfterValidator(_acknowledgement), Field(
    json_schema_extra={"pattern": r"^\s*\S.*?: .*\S", "examples": [ACKNOWLEDGEMENT_EXAMPLE]})]


def allowed_text(acknowledgement: str) -> str:
    return _normalised(acknowledgement.partition(": ")[0])


def _normalised(text: str) -> str:
    return " ".join(text.split())


def statement_fields(located: Iterable[tuple[YamlFile, int, object]]) -> Iterator[GuardedField]:
    """The guarded fields of each (document, index, statement)."""
    for document, index, statement in located:
        for name in STATEMENT_FIELDS:
            value = getattr(statement, name, None)
            if value:
                yield document, ("statements", index, name), value


def privacy_problems(fields: Iterable[GuardedField]) -> list[Problem]:
    """An error for every finding not acknowledged, a warning for every acknowledgement that matches none."""
    from bottleneck_briefs.corpus.privacy import find_in_texts
    from bottleneck_briefs.corpus.privacy_names import NameListsMissing

    problems: list[Problem] = []
    texts = [(document, path, text) for document, path, text in fields if text]
    acknowledged: dict[tuple[int, Path_], set[str]] = {}  # (file, owner) -> the acknowledged texts found
    indexes: dict[int, _SourceIndex] = {}  # built once per file that has a finding
    try:
        findings_per_text = find_in_texts([text for _, _, text in texts])
    except (ImportError, NameListsMissing) as error:  # an incomplete installation: nothing may be published
        missing = f"the '{error.name}' package is not installed" if isinstance(error, ImportError) else str(error)
        return [Problem("privacy check", None, None, "", f"cannot run: {missing}; reinstall this program "
                                                         "with its dependencies (pip install .)")]
    for (document, path, text), findings in zip(texts, findings_per_text, strict=True):
        if not findings:
            continue
        owner = tuple(path[:-1])
        allowed = {allowed_text(entry) for entry in _acknowledgements(document, owner)}
        for finding in findings:
            if _normalised(finding.text) in allowed:
                acknowledged.setdefault((id(document), owner), set()).add(_normalised(finding.text))
                continue
            if id(document) not in indexes:
                indexes[id(document)] = _SourceIndex(document)
            line, column, where = locate(document, path, text, finding.start, finding.end, indexes[id(document)])
            problems.append(Problem(document.display_name, line, column, format_path(path),
                                    f"looks like {finding.kind} ('{finding.masked}'){where}: remove it, "
                                    f"or record in {ACKNOWLEDGEMENTS_KEY} why it may stay"))
    stale_checked: set[tuple[int, Path_]] = set()
    for document, path, _ in texts:
        owner = tuple(path[:-1])
        entries = _acknowledgements(document, owner)
        if not entries or (id(document), owner) in stale_checked:
            continue
        stale_checked.add((id(document), owner))
        found = acknowledged.get((id(document), owner), set())
        for index, entry in enumerate(entries):
            if allowed_text(entry) not in found:
                problems.append(document.problem(
                    owner + (ACKNOWLEDGEMENTS_KEY, index),
                    f"'{allowed_text(entry)}' matches nothing the privacy check finds here; "
                    "remove this acknowledgement", severity=WARNING))
    return problems


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


class _SourceIndex:
    """Where each line of a file starts, and every key and value in file order."""

    def __init__(self, document: YamlFile):
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", document.source)]
        self.places = sorted({*document.value_positions.values(), *document.key_positions.values()})

    def offset(self, line: int, column: int) -> int | None:
        return self.line_starts[line - 1] + column - 1 if 0 < line <= len(self.line_starts) else None


def locate(document: YamlFile, path: Path_, value: str, start: int, end: int,
           index: _SourceIndex | None = None) -> tuple[int, int, str]:
    """(line, column, remark) of value[start:end] in the file.

    A folded or plain scalar joins its lines with spaces, so the match is looked
    for in the file's text between the value's start and the next key or value,
    with any run of spaces standing for any whitespace. When the file writes it
    differently (an escape in a quoted string), the value's start is given and
    the remark says where in the text the finding is.
    """
    line, column = document.position(path)
    fallback = line, column, f" at character {start + 1} of the text"
    if not document.source:
        return fallback
    index = index or _SourceIndex(document)
    begin = index.offset(line, column)
    if begin is None:
        return fallback
    after = bisect.bisect_right(index.places, (line, column))
    stop = index.offset(*index.places[after]) if after < len(index.places) else None
    matched = value[start:end]
    pattern = re.compile(r"\s+".join(re.escape(part) for part in matched.split()))
    occurrence = value.count(matched, 0, start)  # the same text earlier in the value
    for number, match in enumerate(pattern.finditer(document.source, begin, stop or len(document.source))):
        if number == occurrence:
            found_line = bisect.bisect_right(index.line_starts, match.start())
            return found_line, match.start() - index.line_starts[found_line - 1] + 1, ""
    return fallback
