"""When a file holds something else than its place calls for, say what shape was expected.

A codebook put under statements/, or a list where a mapping belongs, would
otherwise get one "unknown field" per field; one line telling what this place
holds helps more.
"""

from __future__ import annotations

from pydantic import BaseModel

from bottleneck_briefs.corpus.kinds import PLACES
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.schema_errors import describe
from bottleneck_briefs.corpus.yaml_document import YamlFile


def expected_shape(kind: str, model: type[BaseModel]) -> str:
    """E.g. "a file in statements/ is a mapping with the field 'statements'"."""
    place = next((place.replace("/*", "/") for place, known in PLACES.items() if known == kind), kind)
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    optional = [name for name in model.model_fields if name not in required]
    quoted = [f"'{name}'" for name in required]
    fields = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    extra = f" (optionally {', '.join(repr(name) for name in optional)})" if optional else ""
    noun = "the field" if len(required) == 1 else "the fields"
    where = f"a file in {place}" if place.endswith("/") else place
    return f"{where} is a mapping with {noun} {fields}{extra}"


def shape_problem(document: YamlFile, kind: str, model: type[BaseModel]) -> Problem | None:
    """One problem when the file's top level has nothing of the expected shape; None when it has."""
    data = document.data
    if data is None:
        return None  # empty: validation says so
    if isinstance(data, dict):
        if set(data) & set(model.model_fields):
            return None
        found = ", ".join(f"'{key}'" for key in list(data)[:5])
        return Problem(
            document.display_name,
            *document.position(()),
            "",
            f"not the shape of its place: {expected_shape(kind, model)}; this file has {found}",
        )
    return Problem(
        document.display_name,
        *document.position(()),
        "",
        f"not the shape of its place: {expected_shape(kind, model)}, not {describe(data)}",
    )
