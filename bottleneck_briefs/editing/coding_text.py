"""A second coding as the YAML text of `codings/NAME.yaml`: laid out like a statement file, to read and diff."""

from __future__ import annotations

import json
import unicodedata

from bottleneck_briefs.corpus.coding_models import CodedStatement, Coding
from bottleneck_briefs.editing.edition_recording import _scalar  # the editions' plain-or-quoted scalar

_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}  # invisible or line-breaking: escaped, so the file shows what it holds


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax) with every invisible character escaped."""
    return "".join(
        _escape(character) if unicodedata.category(character) in _HIDDEN else character
        for character in json.dumps(text, ensure_ascii=False)
    )


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _list(values: list[str]) -> str:
    return f"[{', '.join(map(_scalar, values))}]"


def _facets(coded: CodedStatement) -> list[str]:
    """The facets of the codebook the coding was validated with: the fields its model adds to every coding's."""
    return [name for name in type(coded).model_fields if name not in CodedStatement.model_fields]


def coding_text(coding: Coding, name: str, schema_line: str) -> str:
    lines = [
        schema_line,
        f"# Second coding {name}, imported by `bottlenecks import-coding`; compare it with the corpus's",
        f"# own coding with `bottlenecks agreement {name}`. A statement left out is not compared.",
        f"coder: {_quoted(coding.coder)}",
        f"date: {json.dumps(coding.date)}",
        "statements:",
    ]
    for coded in coding.statements:
        lines += [
            f"  - id: {coded.id}",
            f"    themes: {_list(coded.themes)}",
            # as in a statement file, a facet without values is left out (it reads as [])
            *(
                f"    {facet}: {_list(coded.facet_values(facet))}"
                for facet in _facets(coded)
                if coded.facet_values(facet)
            ),
        ]
        if coded.remark is not None:
            lines.append(f"    remark: {_quoted(coded.remark)}")
    return "\n".join(lines) + "\n"
