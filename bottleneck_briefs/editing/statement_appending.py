"""Append new statements to a statement file's text: the rest of the file keeps its layout and comments."""

from __future__ import annotations

import io
from typing import Any

from bottleneck_briefs.corpus.models import Statement
from bottleneck_briefs.editing.format_safety import FormatError, load_round_trip, read_data, round_trip_yaml, verify
from bottleneck_briefs.editing.line_endings import line_ending, with_line_ending, with_newlines
from bottleneck_briefs.editing.yaml_layout import normalise_mapping
from bottleneck_briefs.editing.yaml_spacing import SCHEMA_COMMENT_PREFIX, with_schema_comment

__all__ = ["FormatError", "append_statements"]


def _commented(value: object) -> Any:  # ruamel.yaml's CommentedMap or CommentedSeq, else the value itself
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def append_statements(text: str, statements: list[dict], *, schema_line: str, name: str = "<text>") -> str:
    """`text` with `statements` appended to its list, in the canonical layout and the file's line endings.

    The existing part of the file keeps its layout and comments; only the new
    statements are laid out here (so a canonical file stays canonical). An empty
    `text` starts a new file."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    ending = line_ending(text)
    text = with_newlines(text)
    yaml = round_trip_yaml()
    yaml.preserve_quotes = True  # the existing statements keep their layout
    data = load_round_trip(text, yaml) if text.strip() else None
    if data is None:
        data = CommentedMap([("statements", CommentedSeq())])
    items = data.get("statements") if isinstance(data, CommentedMap) else None
    if not isinstance(items, CommentedSeq):
        raise FormatError("the file has no list of statements to add to")
    before, _ = read_data(text, name) if text.strip() else ({"statements": []}, [])
    for statement in statements:
        item = _commented(statement)
        normalise_mapping(item, Statement)
        items.append(item)
        if len(items) > 1:
            items.ca.items[len(items) - 1] = [None, [CommentToken("\n", CommentMark(0), None)], None, None]
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    if not result.startswith(SCHEMA_COMMENT_PREFIX):
        result = with_schema_comment(result, schema_line)
    verify(text, result, {**before, "statements": before["statements"] + statements}, name)
    return with_line_ending(result, ending)
