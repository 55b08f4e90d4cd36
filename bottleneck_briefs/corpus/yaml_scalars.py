"""What a scalar means under YAML 1.2's core schema, and which tags are allowed."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, TypeAlias

from bottleneck_briefs.corpus.problems import Problem

# A parser's position in the text (line, column, index) and a parser's event, PyYAML's or libyaml's. The
# stubs allow None for a mark and a tag where the parser gives one for the events read here (a tag is
# looked at only when there is one), so the aliases leave them unchecked.
Mark: TypeAlias = Any
Event: TypeAlias = Any

TAG_PREFIX = "tag:yaml.org,2002:"
CORE_TAGS = {TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

# A plain scalar that starts with none of these is text, null or a boolean (most are words: keys, slugs, ids)
_NUMBER_STARTS = frozenset("0123456789+-.~")
_WORDS = {
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}

DROPPED = object()  # a value that could not be used; its problem is already reported


def mark_position(mark: Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def tag_problem(name: str, event: Event, field: str) -> Problem:
    tag = event.tag.replace(TAG_PREFIX, "!!")
    return Problem(
        name,
        *mark_position(event.start_mark),
        field,
        f"tag '{tag}' is not allowed: only YAML's core schema (text, numbers, true/false, null, "
        "lists, mappings) is read",
    )


def scalar_value(event: Event, name: str, field: Callable[[], str], problems: list[Problem]) -> object:
    """The value of a scalar event; DROPPED (with a problem added) when its tag does not fit.

    `field()` names the field for a message (only worked out when there is one)."""
    tag, value = event.tag, event.value
    if tag in (None, "!"):
        if event.style or tag == "!":  # quoted or block scalar (libyaml says '' for plain)
            return value
        return resolve_plain(value)
    if tag not in CORE_TAGS:
        problems.append(tag_problem(name, event, field()))
        return DROPPED
    kind = tag[len(TAG_PREFIX) :]
    if kind == "str":
        return value
    resolved = resolve_plain(value)
    wanted = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
    if kind == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
        resolved = float(resolved)
    if wanted is None or type(resolved) is not wanted:
        problems.append(Problem(name, *mark_position(event.start_mark), field(), f"'{value}' is not a valid !!{kind}"))
        return DROPPED
    return resolved


def resolve_plain(value: str) -> object:
    """YAML 1.2 core schema: no 'yes'/'no' booleans, no dates, no sexagesimal numbers."""
    if value and value[0] not in _NUMBER_STARTS:
        return _WORDS.get(value, value)  # the patterns below match no other word
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value[0] in "tT"
    if _INT.match(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith(".nan"):
            return math.nan
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        return float(value)
    return value
