"""A YAML syntax error in the editor's words: where to fix it and how.

The parser notices a mistake where it can no longer go on, which is often
lines after the mistake itself: an unclosed quote or list is noticed at the
end of the file. So the message points at where the quote or list was opened,
and says where the parser noticed; for the commonest mistake, a colon inside
an unquoted text, it says to quote the text.
"""

from __future__ import annotations

import yaml

from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_scalars import Event, Mark, mark_position

_CLOSERS = {"[": ("list", "]"), "{": ("mapping", "}")}


def syntax_problem(
    name: str,
    text: str,
    error: yaml.MarkedYAMLError,
    unclosed_flow: tuple[Mark, str] | None,
    last_quoted: Event | None,
    field: str,
) -> Problem:
    """The problem for a yaml.MarkedYAMLError.

    `unclosed_flow`: (mark, field) of the [ or { most likely left open, or None; `last_quoted`: the scalar
    event of the last quoted text read before the error, or None."""
    mark = error.problem_mark or error.context_mark
    noticed: tuple[int | None, int | None] = mark_position(mark) if mark else (None, None)
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    if context == "while scanning a quoted scalar" and error.context_mark is not None:
        opened = mark_position(error.context_mark)
        quote = text[error.context_mark.index] if error.context_mark.index < len(text) else '"'
        return Problem(
            name,
            *opened,
            field,
            f"YAML syntax error: the quoted text opened with {quote} at line {opened[0]}, column "
            f"{opened[1]} is never closed (the parser noticed at {_where(noticed)}: {problem}); "
            f"add the closing {quote}",
        )
    if unclosed_flow is not None and text[unclosed_flow[0].index : unclosed_flow[0].index + 1] in _CLOSERS:
        open_flow_mark, field = unclosed_flow
        opened = mark_position(open_flow_mark)
        kind, closer = _CLOSERS[text[open_flow_mark.index]]
        return Problem(
            name,
            *opened,
            field,
            f"YAML syntax error: the {kind} opened with '{text[open_flow_mark.index]}' at line "
            f"{opened[0]}, column {opened[1]} is not closed (the parser noticed at {_where(noticed)}: "
            f"{problem}); add the closing '{closer}', or, if the bracket belongs to a text, put the whole "
            "text in quotes",
        )
    if (
        last_quoted is not None
        and mark is not None
        and last_quoted.start_mark.line < last_quoted.end_mark.line
        and last_quoted.end_mark.line <= mark.line
    ):
        opened, closed = mark_position(last_quoted.start_mark), mark_position(last_quoted.end_mark)
        quote = '"' if last_quoted.style == '"' else "'"
        return Problem(
            name,
            *opened,
            field,
            f"YAML syntax error: the quoted text opened with {quote} at line {opened[0]}, column "
            f"{opened[1]} runs on to line {closed[0]}, column {closed[1] - 1}: is its closing {quote} "
            f"missing? (the parser noticed at {_where(noticed)}: {problem})",
        )
    if problem.startswith("mapping values are not allowed") and mark is not None:
        return Problem(
            name,
            *noticed,
            field,
            "YAML syntax error: a colon followed by a space inside an unquoted text starts a new field; "
            'put the whole text in quotes ("...") or write it as a block (>-)'
            + (
                ""
                if _is_value_line(text, mark)
                else ", or, if a new field was meant, indent it like the fields around it"
            ),
        )
    detail = problem
    if context:
        started = error.context_mark
        where = f" that starts on line {started.line + 1}" if started and mark and started.line != mark.line else ""
        detail = f"{detail} ({context}{where})"
    return Problem(name, *noticed, field, f"YAML syntax error: {detail}")


def _where(position: tuple[int | None, int | None]) -> str:
    line, column = position
    return "the end of the file" if line is None else f"line {line}, column {column}"


def _is_value_line(text: str, mark: Mark) -> bool:
    """Whether the offending colon stands on a line that already holds a `key: value` before it."""
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index]
    return ": " in before
