"""Turn pydantic's validation errors into plain-worded problems at the right line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus import models, publication_models
from bottleneck_briefs.corpus.brief_file_models import BriefFile
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile
from bottleneck_briefs.corpus.yaml_source_checks import character_name, invisible_characters

_PATTERN_HINTS = {
    models.SLUG_PATTERN: "must be a lowercase slug like 'financiering' (letters, digits and hyphens)",
    models.STATEMENT_ID_PATTERN: "must be an id like 'KP-001'",
    models.SECTION_PATTERN: 'must be a section number like "2.16"',
    publication_models.WEBSITE_PATTERN: "must be a web address starting with https://",
    publication_models.ISO_DATE_PATTERN: "must be a date in the form YYYY-MM-DD",
}


def _field_names(model: type[BaseModel], names: set[str]) -> set[str]:
    for name, info in model.model_fields.items():
        names.add(name)
        for candidate in _nested_models(info.annotation):
            _field_names(candidate, names)
    return names


def _nested_models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _nested_models(arg)]


KNOWN_FIELDS = sorted(
    _field_names(models.Codebook, set())
    | _field_names(models.StatementFile, set())
    | _field_names(BriefFile, set())
    | _field_names(publication_models.Publication, set())
    | _field_names(publication_models.Edition, set())
)


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """A suggestion of another, close word; never the word itself."""
    if not isinstance(value, str):
        return ""
    others = [candidate for candidate in candidates if candidate != value]
    matches = difflib.get_close_matches(value, others, n=1, cutoff=0.6)
    return f" — did you mean '{matches[0]}'?" if matches else ""


def invisible_note(value: object) -> str:
    """E.g. "; it contains the invisible character U+200B (ZERO WIDTH SPACE)"."""
    found = invisible_characters(value) if isinstance(value, str) else []
    if not found:
        return ""
    noun = "character" if len(found) == 1 else "characters"
    return f"; it contains the invisible {noun} {', '.join(character_name(c) for c in found)}"


def describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def validation_problems(
    document: YamlFile,
    error: ValidationError,
    prefix: tuple = (),
    model: type[BaseModel] | None = None,
    facets: tuple[str, ...] = (),
) -> list[Problem]:
    """`prefix` is where the validated value stands in the file, e.g. ("statements", 3).

    `model`: the file's model, whose fields alone are suggested for an unknown one (default: any corpus field);
    `facets`: the codebook's facets, fields of a statement and a brief's selection."""
    known = sorted(_field_names(model, set())) if model else KNOWN_FIELDS
    known = sorted({*known, *facets}) if facets else known
    return [_problem(document, detail, prefix, known) for detail in error.errors()]


def _problem(
    document: YamlFile, detail: ErrorDetails, prefix: tuple, known_fields: list[str] = KNOWN_FIELDS
) -> Problem:
    path = prefix + tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    name = path[-1] if path else ""
    if kind == "missing":
        return document.problem(path, f"required field '{name}' is missing")
    if kind == "extra_forbidden":
        others = [known for known in known_fields if known != name]  # a field of another kind of file is no typo
        return document.problem(path, f"unknown field '{name}'{did_you_mean(name, others)}", at_key=True)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if not path and value is None:
            return document.problem(path, "file is empty")
        return document.problem(path, f"must be a mapping of fields, not {describe(value)}")
    if kind == "string_type":
        message = f"must be text, not {describe(value)}"
        if name == "section" and isinstance(value, (int, float)):
            written = document.source_token(path) or str(value)  # 2.10 as written, not the number 2.1
            message = f'must be text, not a number ({written}); write the section in quotes: "{written}"'
        return document.problem(path, message)
    if kind == "int_type":
        return document.problem(path, f"must be a whole number, not {describe(value)}")
    if kind == "list_type":
        return document.problem(
            path, f"must be a list, e.g. [{value if isinstance(value, str) else '...'}], not {describe(value)}"
        )
    if kind == "literal_error":  # a value from a fixed list, e.g. a publication's status
        expected = str(context.get("expected", "")).replace(" or ", ", ")
        choices = [choice.strip("'") for choice in expected.split(", ")]
        return document.problem(
            path,
            f"must be one of {', '.join(repr(c) for c in choices)}, not "
            f"{describe(value)}{did_you_mean(value, choices)}",
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(context.get("pattern")), f"does not match {context.get('pattern')}")
        number = models.written_id_number(value) if context.get("pattern") == models.STATEMENT_ID_PATTERN else None
        if number is not None:  # ids are numbers written one way: KP-0049 would be KP-049 a second time
            return document.problem(
                path,
                f"must be written '{models.canonical_id(number)}', not '{value}': an id has "
                "three digits or more and no leading zero beyond three",
            )
        return document.problem(path, f"{hint}, not '{printable(value)}'{invisible_note(value)}")
    if kind == "too_short":
        return document.problem(path, "must not be empty")
    if kind == "string_too_long":
        return document.problem(
            path, f"is too long ({len(value)} characters; the limit is {context.get('max_length')})"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = context.get("ge", context.get("le"))
        return document.problem(path, f"must be {bound} {limit}, not {value}")
    if kind == "value_error":
        return document.problem(path, detail["msg"].removeprefix("Value error, "))
    return document.problem(path, detail["msg"])
