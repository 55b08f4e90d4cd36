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
  inside a statement or theme.

Formatting never changes the data: the result is read back with the project's
own reader and compared with the original before anything is written, and the
comments before and after are compared too.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from bottleneck_briefs.corpus.json_schema import schema_comment
from bottleneck_briefs.corpus.loading import CODEBOOK_NAME, corpus_files, display_name
from bottleneck_briefs.corpus.models import (
    Codebook,
    Document,
    FacetValue,
    RetiredId,
    Section,
    Source,
    Statement,
    StatementFile,
    Theme,
)
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_reading import _NOT_PRINTABLE, read_yaml_file

WIDTH = 76
TEXT_INDENT = 6  # the content of a block scalar in a list item's mapping: "  - key:" -> 6 spaces
LONG_TEXT_FIELDS = {"text", "translation_en", "note", "definition", "definition_en", "use_when", "not_when"}
SCHEMA_COMMENT_PREFIX = "# yaml-language-server: $schema="


class FormatError(Exception):
    pass


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


def round_trip_yaml():
    """A ruamel.yaml round-trip reader and writer set up for the corpus layout."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap plain scalars or flow collections; folded text is wrapped by fold_positions
    yaml.preserve_quotes = False
    yaml.allow_unicode = True
    return yaml


def fold_positions(text: str, indent: int = TEXT_INDENT, width: int = WIDTH) -> list[int]:
    """Greedy wrapping: the positions of the spaces where a folded scalar breaks its lines.

    Only a single space between two non-space characters can be folded; any other
    break would change the text when YAML unfolds it.
    """
    limit = width - indent
    candidates = [i for i, char in enumerate(text)
                  if char == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " "]
    folds: list[int] = []
    line_start = 0
    last_break: int | None = None
    for position in candidates:
        if position - line_start > limit:  # the word ending here does not fit on the line
            if last_break is not None:
                folds.append(last_break)
                line_start = last_break + 1
            if position - line_start > limit:  # one word longer than a line: it gets a line of its own
                folds.append(position)
                line_start, last_break = position + 1, None
                continue
        last_break = position
    if len(text) - line_start > limit and last_break is not None:
        folds.append(last_break)
    return folds


def _fits_plain(key: str, text: str, indent: int) -> bool:
    """Whether `key: text` fits on one line and YAML needs no quotes for it."""
    if len(text) + len(key) + 2 + indent > WIDTH:
        return False
    from ruamel.yaml.comments import CommentedMap

    out = io.StringIO()
    round_trip_yaml().dump(CommentedMap([(key, text)]), out)
    return out.getvalue() == f"{key}: {text}\n"


def _long_text(key: str, value):
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    text = str(value)
    if _NOT_PRINTABLE.search(text) or text != text.strip():
        return _quoted(text)  # only double quotes can hold these (as escapes); `check` reports them anyway
    if "\n" in text:
        return LiteralScalarString(text)
    if _fits_plain(key, text, TEXT_INDENT - 2):
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = fold_positions(text)
    return folded


def _plain(value):
    from ruamel.yaml.scalarstring import ScalarString

    return str(value) if isinstance(value, ScalarString) else value


def _quoted(value):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value) if isinstance(value, str) else value


def _set_scalar(mapping, key, value) -> None:
    """Set a value with exactly the given style (CommentedMap.__setitem__ would keep the old one)."""
    from ruamel.yaml.compat import ordereddict

    ordereddict.__setitem__(mapping, key, value)


# --- structure ---------------------------------------------------------------------------

FLOW_MODELS = (Source, FacetValue, RetiredId)
_CHILD_MODELS = {
    (StatementFile, "statements"): Statement,
    (Statement, "source"): Source,
    (Codebook, "themes"): Theme,
    (Codebook, "documents"): Document,
    (Document, "sections"): Section,
    (Codebook, "retired_ids"): RetiredId,
}
_SPACED_LISTS = {(StatementFile, "statements"), (Codebook, "themes")}  # a blank line between items


def _normalise_mapping(mapping, model) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    order = list(model.model_fields)
    keys = list(mapping.keys())
    wanted = [key for key in order if key in mapping] + [key for key in keys if key not in order]
    if keys != wanted:
        items = [(key, mapping[key]) for key in wanted]
        for key in keys:
            del mapping[key]
        for key, value in items:
            mapping[key] = value
    if model in FLOW_MODELS:
        mapping.fa.set_flow_style()
    else:
        mapping.fa.set_block_style()

    for key in wanted:
        value = mapping[key]
        if isinstance(value, str):
            if key in LONG_TEXT_FIELDS and value.strip():
                _set_scalar(mapping, key, _long_text(key, value))
            elif model in (Source, Section) and key in ("section", "number"):
                _set_scalar(mapping, key, _quoted(value))
            else:
                _set_scalar(mapping, key, _plain(value))
        elif isinstance(value, CommentedMap):
            child = _CHILD_MODELS.get((model, key))
            if model is Codebook and key == "facets":
                _normalise_facets(value)
            elif child is not None:
                _normalise_mapping(value, child)
        elif isinstance(value, CommentedSeq):
            child = _CHILD_MODELS.get((model, key))
            if child is not None:
                _normalise_list(value, child, spaced=(model, key) in _SPACED_LISTS)
            elif all(not isinstance(item, (CommentedMap, CommentedSeq)) for item in value):
                value.fa.set_flow_style()
                for index, item in enumerate(value):
                    list.__setitem__(value, index, _plain(item))


def _normalise_facets(facets) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    facets.fa.set_block_style()
    for values in facets.values():
        if isinstance(values, CommentedSeq):
            values.fa.set_block_style()
            for item in values:
                if isinstance(item, CommentedMap):
                    _normalise_mapping(item, FacetValue)


def _normalise_list(items, model, spaced: bool) -> None:
    from ruamel.yaml.comments import CommentedMap

    items.fa.set_block_style()
    for item in items:
        if isinstance(item, CommentedMap):
            _normalise_mapping(item, model)
    if spaced:
        _space_items(items)


# --- blank lines ---------------------------------------------------------------------------

def _strip_blank_lines(token, keep_first_line: bool):
    """A comment token without its blank lines; None when nothing but blank lines is left."""
    lines = token.value.split("\n")
    first, rest = (lines[0], lines[1:]) if keep_first_line else ("", lines)
    rest = [line for line in rest if line.strip()]
    if not first.strip() and not rest:
        return None
    token.value = "\n".join(([first] if keep_first_line else []) + rest) + "\n"
    return token


def _is_block_scalar(value) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _strip_nested_blank_lines(node) -> None:
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
    for value in (node.values() if isinstance(node, CommentedMap) else node):
        if isinstance(value, (CommentedMap, CommentedSeq)):
            _strip_nested_blank_lines(value)


def _space_items(items) -> None:
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


# --- files -----------------------------------------------------------------------------

def _comment_lines(text: str) -> list[str]:
    """Every comment in a file, found by ruamel's scanner (so a '#' inside a text is no comment)."""
    from ruamel.yaml.comments import CommentedBase, CommentedSeq

    found: list[str] = []

    def collect(token) -> None:
        if token is None:
            return
        if isinstance(token, list):
            for item in token:
                collect(item)
        elif hasattr(token, "value"):
            found.extend(line.strip() for line in token.value.split("\n") if line.strip())

    def walk(node) -> None:
        if isinstance(node, CommentedBase):
            comment = node.ca
            collect(comment.comment)
            collect(getattr(comment, "end", None))
            for entry in comment.items.values():
                collect(entry)
            for child in (node.values() if isinstance(node, dict) else cast(CommentedSeq, node)):
                walk(child)
            if hasattr(node, "comment"):
                pass

    walk(round_trip_yaml().load(text))
    return sorted(line for line in found if not line.startswith(SCHEMA_COMMENT_PREFIX))


def _space_top_level_keys(text: str) -> str:
    """One blank line before every top-level key but the first, above the comment lines that lead it in.

    A line that starts in column 0 with a key cannot be inside a block scalar, whose
    content is always indented, so this is safe on the text."""
    import re

    lines = text.split("\n")
    keys = [i for i, line in enumerate(lines) if re.match(r"[^\s#-][^:]*:(\s|$)", line)]
    for index in reversed(keys[1:]):
        start = index
        while start > 0 and lines[start - 1].startswith("#"):
            start -= 1
        if start > 0 and lines[start - 1].strip():
            lines.insert(start, "")
    return "\n".join(lines)


def _with_schema_comment(text: str, comment: str) -> str:
    lines = text.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith("#"):
        if lines[index].startswith(SCHEMA_COMMENT_PREFIX):
            del lines[index]
            continue
        index += 1
    return "\n".join([comment] + lines)


def _read_data(text: str, name: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.yaml"
        path.write_text(text, encoding="utf-8")
        document, problems = read_yaml_file(path, name)
    return document.data, problems


def format_text(text: str, *, is_codebook: bool, schema_line: str, name: str = "<text>") -> str:
    """The canonical form of one file's text. Raises FormatError if it cannot be formatted safely."""
    yaml = round_trip_yaml()
    data = yaml.load(text)
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(data, CommentedMap):
        raise FormatError("the file is not a mapping of fields")
    _strip_nested_blank_lines(data)
    _normalise_mapping(data, Codebook if is_codebook else StatementFile)
    out = io.StringIO()
    yaml.dump(data, out)
    formatted = _with_schema_comment(_space_top_level_keys(out.getvalue()), schema_line)

    before, _ = _read_data(text, name)
    _verify(text, formatted, before, name)
    return formatted


def _verify(original: str, formatted: str, expected_data, name: str) -> None:
    after, problems = _read_data(formatted, name)
    if problems or after != expected_data:
        raise FormatError("writing would change the data; the file is left as it is (please report this)")
    if _comment_lines(original) != _comment_lines(formatted):
        raise FormatError("writing would lose a comment; the file is left as it is (please report this)")


def _commented(value):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def append_statements(text: str, statements: list[dict], *, schema_line: str, name: str = "<text>") -> str:
    """`text` with `statements` appended to its list, in the canonical layout.

    The existing part of the file keeps its layout and comments; only the new
    statements are laid out here (so a canonical file stays canonical). An empty
    `text` starts a new file."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    yaml = round_trip_yaml()
    yaml.preserve_quotes = True  # the existing statements keep their layout
    data = yaml.load(text) if text.strip() else None
    if data is None:
        data = CommentedMap([("statements", CommentedSeq())])
    items = data.get("statements") if isinstance(data, CommentedMap) else None
    if not isinstance(items, CommentedSeq):
        raise FormatError("the file has no list of statements to add to")
    before, _ = _read_data(text, name) if text.strip() else ({"statements": []}, [])
    for statement in statements:
        item = _commented(statement)
        _normalise_mapping(item, Statement)
        items.append(item)
        if len(items) > 1:
            items.ca.items[len(items) - 1] = [None, [CommentToken("\n", CommentMark(0), None)], None, None]
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    if not result.startswith(SCHEMA_COMMENT_PREFIX):
        result = _with_schema_comment(result, schema_line)
    _verify(text, result, {**before, "statements": before["statements"] + statements}, name)
    return result


def format_file(path: Path, corpus_dir: Path) -> FormatResult:
    name = display_name(path, corpus_dir)
    result = FormatResult(path, name)
    document, problems = read_yaml_file(path, name)
    if problems:
        result.problems = problems
        return result
    result.original = path.read_bytes().decode("utf-8-sig")
    is_codebook = path.resolve() == (Path(corpus_dir) / CODEBOOK_NAME).resolve()
    try:
        result.formatted = format_text(result.original, is_codebook=is_codebook,
                                       schema_line=schema_comment(path, corpus_dir, is_codebook), name=name)
    except FormatError as error:
        result.problems = [Problem(name, None, None, "", str(error))]
    except Exception as error:  # ruamel refuses something our reader accepts
        result.problems = [Problem(name, None, None, "", f"cannot be formatted: {error}")]
    return result


def format_corpus(corpus_dir: Path) -> list[FormatResult]:
    """The codebook and the statement files; the publication file is the editor's own, editions are records."""
    from bottleneck_briefs.corpus.kinds import CODEBOOK, STATEMENTS, kind_of

    corpus_dir = Path(corpus_dir)
    return [format_file(path, corpus_dir) for path in corpus_files(corpus_dir)
            if kind_of(path.relative_to(corpus_dir).as_posix()) in (CODEBOOK, STATEMENTS)]


def write_result(result: FormatResult) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a file."""
    from bottleneck_briefs.basics.atomic_write import write_atomically

    if result.formatted is None:
        raise ValueError(f"{result.name} could not be formatted")
    write_atomically(result.path, result.formatted.encode("utf-8"))


def unified_diff(result: FormatResult) -> str:
    import difflib

    return "".join(difflib.unified_diff(result.original.splitlines(keepends=True),
                                        (result.formatted or "").splitlines(keepends=True),
                                        f"{result.name} (now)", f"{result.name} (canonical)"))
