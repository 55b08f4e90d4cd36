"""The fields of a dataclass or a pydantic model, found once per class.

For the walks over a brief's data (the build cache's key of a page, the check
for texts a file format cannot hold), which meet the same few classes hundreds
of thousands of times.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any

_KNOWN: dict[type, tuple[str, ...] | None] = {}


def field_names(kind: type) -> tuple[str, ...] | None:
    """The names of the fields of a dataclass or a pydantic model (its `model_fields`), in order; None for any
    other class."""
    if kind not in _KNOWN:
        model_fields = getattr(kind, "model_fields", None)
        _KNOWN[kind] = (
            tuple(field.name for field in dataclasses.fields(kind))
            if dataclasses.is_dataclass(kind)
            else tuple(model_fields)
            if isinstance(model_fields, dict)
            else None
        )
    return _KNOWN[kind]


def field_values(kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """A function that reads the fields of an instance of `kind` (field_names), in order, as a tuple, in one call;
    None for any other class."""
    names = field_names(kind)
    if names is None:
        return None
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda data: (one(data),)
    return attrgetter(*names) if names else lambda data: ()
