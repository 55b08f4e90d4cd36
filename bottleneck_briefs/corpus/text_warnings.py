"""Warnings where YAML changes a text without a word, told from the source lines.

What an editor sees is not always what YAML reads: in a folded block (>) a
line indented deeper keeps its line break and a trailing space stays; a line
starting with '#' inside a block is text, not a comment; after an unquoted
text ' #...' is a comment that YAML drops; typographic quotes around a text
become part of it. Each is told at its line, as a warning: the editor decides.
"""

from __future__ import annotations

import re

from bottleneck_briefs.corpus.markdown_subset import MARKDOWN_FIELDS  # paragraphs and lists: never one paragraph
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.yaml_document import Path_, ScalarSpan, YamlFile, format_path, line_and_column

_OPENING_QUOTES = "“„‘‚«‹"
_CLOSING_QUOTES = "”“’‘»›"
_DROPPED_COMMENT = re.compile(r"[ \t]+#.*")
_DOUBLE_SPACE = re.compile(r"\S(  +)\S")
_INDENTATION = re.compile(r"\n( *)(?=\S)")


def text_warnings(document: YamlFile) -> list[Problem]:
    problems: list[Problem] = []
    source = document.source
    for path, span in document.scalars.items():
        value = span.text
        if not (path and isinstance(path[-1], str) and value.strip()) or path[-1] in MARKDOWN_FIELDS:
            continue
        if (
            (span.style in (">", "|") and _block_worth_a_look(source[span.start : span.end]))
            or "\n" in value.strip("\n")
            or "  " in value
            or value[0] in _OPENING_QUOTES
            or (span.style == "" and _DROPPED_COMMENT.match(source, span.end))
        ):
            problems += _warnings_for(document, path, span, value)
    return problems


def _block_worth_a_look(chunk: str) -> bool:
    """Whether a block's source has a '#', a trailing space or lines indented differently (most have none)."""
    if "#" in chunk or " \n" in chunk or "\t\n" in chunk or chunk.endswith((" ", "\t")):
        return True
    return len(set(_INDENTATION.findall(chunk))) > 1


def _warnings_for(document: YamlFile, path: Path_, span: ScalarSpan, value: str) -> list[Problem]:
    source = document.source
    found: list[tuple[tuple[int, int], str]] = []
    line_break_explained = double_space_explained = False

    def warn(offset: int, message: str) -> None:
        found.append((line_and_column(source, offset), message))

    if span.style in (">", "|"):
        block = _block_lines(source, span)
        indentation = min((len(line) - len(line.lstrip(" ")) for _, line in block if line.strip()), default=0)
        for offset, line in block:
            if not line.strip():
                continue
            depth = len(line) - len(line.lstrip(" "))
            if span.style == ">" and depth > indentation:
                line_break_explained = double_space_explained = True
                warn(
                    offset + depth,
                    "this line is indented deeper than the text's first line: in a folded "
                    "text (>) it keeps its line break; indent it like the other lines",
                )
            if line.lstrip(" ").startswith("#"):
                warn(
                    offset + depth,
                    "this line starts with '#' inside a block text: it is part of the text, "
                    "not a comment; move a remark to the note field",
                )
            if line != line.rstrip(" \t"):
                double_space_explained = True
                warn(
                    offset + len(line.rstrip(" \t")),
                    "a space at the end of this line stays in the text "
                    "(a double space once the lines are joined); remove it",
                )
    elif span.style == "":
        rest_end = source.find("\n", span.end)
        rest = source[span.end : rest_end if rest_end >= 0 else len(source)]
        comment = _DROPPED_COMMENT.match(rest)
        if comment:
            dropped = comment.group().strip()
            warn(
                span.end + comment.group().index("#"),
                f"'{dropped[:40]}' after the text is a comment that YAML drops: if it belongs to the text, "
                "put the whole text in quotes",
            )
    inner = value.strip("\n")
    if "\n" in inner and not line_break_explained:
        warn(
            span.start,
            "the text contains a line break; a statement is one paragraph: write it as "
            "a folded block (>-) with every line indented alike",
        )
    if "  " in value and not double_space_explained:
        double = _DOUBLE_SPACE.search(source, span.start, span.end)
        warn(double.start(1) if double else span.start, "the text contains a double space")
    stripped = value.strip()
    if len(stripped) > 1 and stripped[0] in _OPENING_QUOTES and stripped[-1] in _CLOSING_QUOTES:
        warn(
            span.start,
            f"the text is wrapped in typographic quotes ({stripped[0]}…{stripped[-1]}): they become "
            "part of the text; leave them out unless the source has them",
        )
    return [
        Problem(document.display_name, line, column, format_path(path), message, WARNING)
        for (line, column), message in found
    ]


def _block_lines(source: str, span: ScalarSpan) -> list[tuple[int, str]]:
    """The content lines of a block scalar with the offset where each starts (the header line left out)."""
    start = source.find("\n", span.start, span.end)
    lines = []
    while start >= 0 and start + 1 < span.end:
        end = source.find("\n", start + 1)
        end = span.end if end < 0 or end > span.end else end
        lines.append((start + 1, source[start + 1 : end]))
        start = end if end < span.end else -1
    return lines
