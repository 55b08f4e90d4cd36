"""Turn pydantic's validation errors into plain-worded problems at the right line."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus import models
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile
from bottleneck_briefs.corpus.yaml_source_checks import character_name, invisible_characters

_PATTERN_HINTS = {
    models.SLUG_PATTERN: "must be a lowercase slug like 'financiering' (letters, digits and hyphens)",
    models.STATEMENT_ID_PATTERN: "must be an id like 'KP-001'",
    models.SECTION_PATTERN: "must be a section number like \"2.16\"",
}


def _field_names(model: type[BaseModel], names: set[str]) -> set[str]:
    for name, info in model.model_fields.items():
        names.add(name)
        for candidate in _nested_models(info.annotation):
            _field_names(candidate, names)
    return names


def _nested_models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _nested_models(arg)]


KNOWN_FIELDS = sorted(_field_names(models.Codebook, set()) | _field_names(models.StatementFile, set()))


def did_you_mean(value: object, candidates) -> str:
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


def validation_problems(document: YamlFile, error: ValidationError, prefix: tuple = ()) -> list[Problem]:
    """`prefix` is where the validated value stands in the file, e.g. ("statements", 3)."""
    return [_problem(document, detail, prefix) for detail in error.errors()]


def _problem(document: YamlFile, detail: ErrorDetails, prefix: tuple) -> Problem:
    path = prefix + tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    name = path[-1] if path else ""
    if kind == "missing":
        return document.problem(path, f"required field '{name}' is missing")
    if kind == "extra_forbidden":
        return document.problem(path, f"unknown field '{name}'{did_you_mean(name, KNOWN_FIELDS)}", at_key=True)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if not path and value is None:
            return document.problem(path, "file is empty")
        return document.problem(path, f"must be a mapping of fields, not {describe(value)}")
    if kind == "string_type":
        message = f"must be text, not {describe(value)}"
        if name == "section" and isinstance(value, (int, float)):
            written = document.source_token(path) or str(value)  # 2.10 as written, not the number 2.1
            message = f"must be text, not a number ({written}); write the section in quotes: \"{written}\""
        return document.problem(path, message)
    if kind == "int_type":
        return document.problem(path, f"must be a whole number, not {describe(value)}")
    if kind == "list_type":
        return document.problem(path, f"must be a list, e.g. [{value if isinstance(value, str) else '...'}], "
                                      f"not {describe(value)}")
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(context.get("pattern")), f"does not match {context.get('pattern')}")
        return document.problem(path, f"{hint}, not '{printable(value)}'{invisible_note(value)}")
    if kind == "too_short":
        return document.problem(path, "must not be empty")
    if kind == "string_too_long":
        return document.problem(path, f"is too long ({len(value)} characters; the limit is "
                                      f"{context.get('max_length')})")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = context.get("ge", context.get("le"))
        return document.problem(path, f"must be {bound} {limit}, not {value}")
    if kind == "value_error":
        return document.problem(path, detail["msg"].removeprefix("Value error, "))
    return document.problem(path, detail["msg"])
