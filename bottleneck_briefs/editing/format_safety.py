"""Formatting never changes the data nor loses a comment: the result is read back and compared."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from bottleneck_briefs.editing.yaml_spacing import SCHEMA_COMMENT_PREFIX

if TYPE_CHECKING:
    from ruamel.yaml import YAML

    from bottleneck_briefs.corpus.problems import Problem


class FormatError(Exception):
    pass


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round-trip reader and writer set up for the corpus layout."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap plain scalars or flow collections; folded text is wrapped by fold_positions
    yaml.preserve_quotes = False
    yaml.allow_unicode = True
    return yaml


def load_round_trip(text: str, yaml: YAML | None = None) -> object:
    """The round-trip data of `text`; FormatError (naming the line) when ruamel.yaml cannot read it.

    `check` refuses what ruamel.yaml cannot read (tabs outside quotes), so this is a last guard."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return (yaml or round_trip_yaml()).load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise FormatError(
            f"{where}the YAML writer cannot read this: {error.problem}; run `bottlenecks check`"
        ) from None
    except YAMLError as error:
        raise FormatError(f"the YAML writer cannot read this: {error}") from None


def comment_lines(text: str) -> list[str]:
    """Every comment in a file, found by ruamel's scanner (so a '#' inside a text is no comment)."""
    from ruamel.yaml.comments import CommentedBase, CommentedSeq

    found: list[str] = []

    def collect(token: object) -> None:
        if token is None:
            return
        if isinstance(token, list):
            for item in token:
                collect(item)
        elif hasattr(token, "value"):
            found.extend(line.strip() for line in token.value.split("\n") if line.strip())

    def walk(node: object) -> None:
        if isinstance(node, CommentedBase):
            comment = node.ca
            collect(comment.comment)
            collect(getattr(comment, "end", None))
            for entry in comment.items.values():
                collect(entry)
            for child in node.values() if isinstance(node, dict) else cast(CommentedSeq, node):
                walk(child)
            if hasattr(node, "comment"):
                pass

    walk(load_round_trip(text))
    return sorted(line for line in found if not line.startswith(SCHEMA_COMMENT_PREFIX))


def read_data(text: str, name: str) -> tuple[Any, list[Problem]]:  # the data as YAML gives it: dicts, lists, scalars
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.yaml"
        path.write_text(text, encoding="utf-8")
        document, problems = read_yaml_file(path, name)
    return document.data, problems


def verify(original: str, formatted: str, expected_data: object, name: str) -> None:
    after, problems = read_data(formatted, name)
    if problems or after != expected_data:
        raise FormatError("writing would change the data; the file is left as it is (please report this)")
    if comment_lines(original) != comment_lines(formatted):
        raise FormatError("writing would lose a comment; the file is left as it is (please report this)")
