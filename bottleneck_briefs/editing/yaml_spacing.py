"""Blank lines and the schema line in the canonical layout.

ruamel.yaml keeps blank lines as parts of comment tokens; these functions take
them out inside statements and themes and put exactly one between items.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken

SCHEMA_COMMENT_PREFIX = "# yaml-language-server: $schema="


def _strip_blank_lines(token: CommentToken, keep_first_line: bool) -> CommentToken | None:
    """A comment token without its blank lines; None when nothing but blank lines is left."""
    lines = token.value.split("\n")
    first, rest = (lines[0], lines[1:]) if keep_first_line else ("", lines)
    rest = [line for line in rest if line.strip()]
    if not first.strip() and not rest:
        return None
    token.value = "\n".join(([first] if keep_first_line else []) + rest) + "\n"
    return token


def _is_block_scalar(value: object) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def strip_nested_blank_lines(node: CommentedMap | CommentedSeq) -> None:
    """No blank lines inside a node; its comments stay where they are."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    for key, entry in list(node.ca.items.items()):
        value = node.get(key) if isinstance(node, CommentedMap) else node[key]
        cleaned = []
        for token in entry:
            if isinstance(token, list):
                token = [t for t in (_strip_blank_lines(t, keep_first_line=False) for t in token) if t] or None
            elif token is not None and hasattr(token, "value"):
                # after a plain value the token starts with its end-of-line comment (or an empty line end);
                # after a block scalar the value has ended its own line, so a leading empty line is blank
                token = _strip_blank_lines(token, keep_first_line=not _is_block_scalar(value))
            cleaned.append(token)
        node.ca.items[key] = cleaned
    for value in node.values() if isinstance(node, CommentedMap) else node:
        if isinstance(value, (CommentedMap, CommentedSeq)):
            strip_nested_blank_lines(value)


def space_items(items: CommentedSeq) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    for index in range(len(items)):
        entry = items.ca.items.get(index) or [None, None, None, None]
        before = entry[1] or []
        before = [t for t in (_strip_blank_lines(t, keep_first_line=False) for t in before) if t]
        if index > 0:
            before.insert(0, CommentToken("\n", CommentMark(0), None))
        entry[1] = before or None
        items.ca.items[index] = entry


def space_top_level_keys(text: str) -> str:
    """One blank line before every top-level key but the first, above the comment lines that lead it in.

    A line that starts in column 0 with a key cannot be inside a block scalar, whose
    content is always indented, so this is safe on the text."""
    lines = text.split("\n")
    keys = [i for i, line in enumerate(lines) if re.match(r"[^\s#-][^:]*:(\s|$)", line)]
    for index in reversed(keys[1:]):
        start = index
        while start > 0 and lines[start - 1].startswith("#"):
            start -= 1
        if start > 0 and lines[start - 1].strip():
            lines.insert(start, "")
    return "\n".join(lines)


def with_schema_comment(text: str, comment: str) -> str:
    lines = text.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith("#"):
        if lines[index].startswith(SCHEMA_COMMENT_PREFIX):
            del lines[index]
            continue
        index += 1
    return "\n".join([comment, *lines])
