"""Rewrite corpus files in one canonical layout, keeping every comment.

The layout is the one the corpus was written in by hand:

- the first line points the YAML language server at the file's JSON Schema;
- keys in the order of the data model (unknown keys last, in their order);
- long texts (a statement's `text` and `note`, a theme's `definition`,
  `use_when` and `not_when`): on the key's line when `key: text` fits in 76
  columns and needs no quotes, else a folded block scalar (`>-`) wrapped at 76
  columns; a text with line breaks as a literal block (`|-`);
- `source` and facet values (`{slug: ..., label: ...}`) as flow mappings,
  lists of slugs as flow lists (`[a, b]`); everything else in block style;
- section numbers in double quotes, other strings plain unless YAML needs quotes;
- exactly one blank line between statements, between themes and before each
  top-level key but the first (above the comments that introduce it), none
  inside a statement or theme;
- each file keeps its own line endings (LF, CRLF or CR).

The layout is applied by yaml_layout and yaml_spacing; format_safety reads the
result back. Formatting never changes the data: the result is read back with the project's
own reader and compared with the original before anything is written, and the
comments before and after are compared too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bottleneck_briefs.corpus.brief_file_models import BriefFile
from bottleneck_briefs.corpus.json_schema import schema_comment
from bottleneck_briefs.corpus.kinds import BRIEFS, kind_of
from bottleneck_briefs.corpus.loading import CODEBOOK_NAME, corpus_files, display_name
from bottleneck_briefs.corpus.models import Codebook, StatementFile
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from bottleneck_briefs.editing.format_safety import FormatError, load_round_trip, read_data, round_trip_yaml, verify
from bottleneck_briefs.editing.line_endings import line_ending, with_line_ending, with_newlines
from bottleneck_briefs.editing.yaml_layout import WIDTH, fold_positions, normalise_mapping
from bottleneck_briefs.editing.yaml_spacing import (
    space_top_level_keys,
    strip_nested_blank_lines,
    with_schema_comment,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "WIDTH",
    "FormatError",
    "FormatResult",
    "fold_positions",
    "format_corpus",
    "format_file",
    "format_text",
    "unified_diff",
    "write_result",
]


@dataclass
class FormatResult:
    path: Path
    name: str
    original: str = ""
    formatted: str | None = None  # None when the file could not be formatted
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


def format_text(
    text: str, *, is_codebook: bool, schema_line: str, name: str = "<text>", model: type[BaseModel] | None = None
) -> str:
    """The canonical form of one file's text, in its own line endings. FormatError if it cannot be done safely."""
    from ruamel.yaml.comments import CommentedMap

    ending = line_ending(text)
    text = with_newlines(text)
    yaml = round_trip_yaml()
    data = load_round_trip(text, yaml)
    if not isinstance(data, CommentedMap):
        raise FormatError("the file is not a mapping of fields")
    strip_nested_blank_lines(data)
    normalise_mapping(data, model or (Codebook if is_codebook else StatementFile))
    out = io.StringIO()
    yaml.dump(data, out)
    formatted = with_schema_comment(space_top_level_keys(out.getvalue()), schema_line)

    before, _ = read_data(text, name)
    verify(text, formatted, before, name)
    return with_line_ending(formatted, ending)


def format_file(path: Path, corpus_dir: Path) -> FormatResult:
    name = display_name(path)
    result = FormatResult(path, name)
    _document, problems = read_yaml_file(path, name)
    if problems:
        result.problems = problems
        return result
    result.original = path.read_bytes().decode("utf-8-sig")
    is_codebook = path.resolve() == (Path(corpus_dir) / CODEBOOK_NAME).resolve()
    try:
        is_brief = kind_of(path.resolve().relative_to(Path(corpus_dir).resolve()).as_posix()) == BRIEFS
        result.formatted = format_text(
            result.original,
            is_codebook=is_codebook,
            schema_line=schema_comment(path, corpus_dir, is_codebook),
            name=name,
            model=BriefFile if is_brief else None,
        )
    except FormatError as error:
        result.problems = [Problem(name, None, None, "", str(error))]
    except Exception as error:  # a ruamel.yaml failure past reading: the file is left as it is
        result.problems = [
            Problem(
                name,
                None,
                None,
                "",
                f"cannot be formatted ({type(error).__name__}: {error}); "
                "the file is left as it is (please report this)",
            )
        ]
    return result


def format_corpus(corpus_dir: Path) -> list[FormatResult]:
    """The codebook, the statement files and the brief files; the publication file is the editor's own, and editions
    are records written by `bottlenecks edition`."""
    from bottleneck_briefs.corpus.kinds import CODEBOOK, STATEMENTS

    corpus_dir = Path(corpus_dir)
    return [
        format_file(path, corpus_dir)
        for path in corpus_files(corpus_dir)
        if kind_of(path.relative_to(corpus_dir).as_posix()) in (CODEBOOK, STATEMENTS, BRIEFS)
    ]


def write_result(result: FormatResult) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a file."""
    from bottleneck_briefs.basics.atomic_write import write_atomically

    if result.formatted is None:
        raise ValueError(f"{result.name} could not be formatted")
    write_atomically(result.path, result.formatted.encode("utf-8"))


def unified_diff(result: FormatResult) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            (result.formatted or "").splitlines(keepends=True),
            f"{result.name} (now)",
            f"{result.name} (canonical)",
        )
    )
