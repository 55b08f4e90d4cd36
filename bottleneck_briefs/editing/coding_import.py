"""`import-coding FILE --name NAME`: a filled-in coding sheet into `codings/NAME.yaml`.

The sheet's cells are translated into a coding (a marked theme column into
its theme, a facet cell's labels or slugs into values), and the coding is then
judged by the very rules `check` applies to `codings/*.yaml`, with every
problem named by the sheet's row and column. Nothing is written when any
problem is an error; the file is written in one step, and an existing coding
is replaced only when asked. The caller holds the corpus lock from loading the
corpus until the file is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus.coding_models import CODINGS_FOLDER, Coding
from bottleneck_briefs.corpus.coding_rules import (
    coding_name_problem,
    coding_problems,
    personal_data_problems,
    validate_coding,
)
from bottleneck_briefs.corpus.json_schema import CODING_SCHEMA, schema_comment
from bottleneck_briefs.corpus.loading import Corpus, display_name
from bottleneck_briefs.corpus.problems import ERROR, Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean
from bottleneck_briefs.corpus.vocabulary_lookup import Vocabulary
from bottleneck_briefs.corpus.yaml_events import build
from bottleneck_briefs.corpus.yaml_reading import Path_, YamlFile, format_path
from bottleneck_briefs.editing.coding_sheet import (
    FACET,
    FIXED_HEADERS,
    ID,
    MARK,
    MARKS,
    NO_MARKS,
    REMARK,
    THEME,
    sheet_columns,
)
from bottleneck_briefs.editing.coding_text import coding_text
from bottleneck_briefs.editing.spreadsheet_cells import SpreadsheetError
from bottleneck_briefs.editing.spreadsheet_reading import read_rows
from bottleneck_briefs.editing.spreadsheet_rows import split_list


class CodingImportError(Exception):
    """The coding cannot be written; nothing was written."""


@dataclass
class SheetCoding(YamlFile):
    """The sheet as a coding file whose problems name a row and a column instead of a line and a field."""

    rows: list[int] = field(default_factory=list)  # per coded statement: its row in the sheet
    columns: dict[tuple, str] = field(default_factory=dict)  # path of a value -> the header of its column
    line_word = "row"

    def column_of(self, path: tuple) -> str:
        path = tuple(path)
        while path:
            if path in self.columns:
                return self.columns[path]
            path = path[:-1]
        return ""

    def position(self, path: Path_) -> tuple[int, int]:
        return (self.rows[path[1]], 1) if len(path) > 1 and path[0] == "statements" else (1, 1)

    def problem(self, path: Path_, message: str, *, at_key: bool = False, severity: str = ERROR) -> Problem:
        path = tuple(path)
        if len(path) > 1 and path[0] == "statements":
            return Problem(
                self.display_name,
                self.rows[path[1]],
                None,
                self.column_of(path) or format_path(path[2:]),
                message,
                severity,
            )
        return Problem(self.display_name, None, None, format_path(path), message, severity)


def _columns(header: list[str], corpus: Corpus, name: str) -> tuple[dict[int, tuple[str, str]], list[Problem]]:
    """Column index -> (kind, key) for every column the sheet holds, and what is wrong with the header."""
    vocabulary = Vocabulary(corpus.codebook)
    known: dict[str, tuple[str, str]] = {
        alias: (kind, kind) for kind, aliases in FIXED_HEADERS.items() for alias in aliases
    }
    known.update({written: (THEME, slug) for written, slug in vocabulary.themes.items()})
    known.update({facet.casefold(): (FACET, facet) for facet in corpus.codebook.facet_slugs})
    found: dict[int, tuple[str, str]] = {}
    first: dict[tuple[str, str], str] = {}
    problems = []
    for index, written_label in enumerate(header):
        label = printable(written_label)  # a header may hold anything; the terminal shows it escaped
        written = written_label.strip().rstrip(":").casefold()
        if not written:
            continue
        if written not in known:
            problems.append(
                Problem(
                    name,
                    1,
                    None,
                    label.strip(),
                    f"unknown column{did_you_mean(written, known)}; "
                    "the sheet's columns are id, tekst, one per theme, one per facet and opmerking "
                    "(export a new sheet with `bottlenecks export coding-sheet`)",
                )
            )
            continue
        kind_key = known[written]
        if kind_key in first:
            problems.append(
                Problem(
                    name,
                    1,
                    None,
                    label.strip(),
                    f"a second column for the same thing (the first is '{first[kind_key]}')",
                )
            )
            continue
        first[kind_key], found[index] = label.strip(), kind_key
    for column in sheet_columns(corpus.codebook):
        if (column.kind, column.key) not in first and column.kind in (ID, THEME, FACET):
            why = (
                "every row needs its statement's id"
                if column.kind == ID
                else "every theme and facet needs its column, or the agreement would count it as never used"
            )
            problems.append(Problem(name, 1, None, column.header, f"column '{column.header}' is missing: {why}"))
    return found, problems


def _marked(value: object, error: Callable[[str], None]) -> bool:
    if value is None or value is False:
        return False
    if value is True or (isinstance(value, (int, float)) and value == 1):
        return True
    written = str(value).strip().casefold()
    if written in MARKS:
        return True
    if written not in NO_MARKS:
        error(f"write {MARK} to mark the theme, or leave the cell empty; not '{printable(str(value))}'")
    return False


def sheet_coding(
    source: Path, corpus: Corpus, coder: str, day: str, sheet: str | None = None
) -> tuple[Coding | None, SheetCoding, int, list[Problem]]:
    """(coding, its document, rows left empty, problems): the sheet judged as `check` judges a coding."""
    name = display_name(source)
    document = SheetCoding(name)
    aliases = {alias for aliases in FIXED_HEADERS.values() for alias in aliases}
    aliases |= {column.header.casefold() for column in sheet_columns(corpus.codebook)}
    try:
        header, cells = read_rows(source, name, sheet, aliases, (".xlsx", ".ods", ".csv"))
    except SpreadsheetError as failure:
        return None, document, 0, failure.problems
    columns, problems = _columns(header, corpus, name)
    if problems:
        return None, document, 0, problems
    vocabulary = Vocabulary(corpus.codebook)
    headers = {index: printable(header[index].strip()) for index in columns}
    statements: list[dict] = []
    left_out = 0
    for number, values in cells:
        row_start = len(problems)
        entry: dict = {"themes": [], **{facet: [] for facet in corpus.codebook.facet_slugs}}
        places: dict[tuple, str] = {}
        coded = False
        for index, (kind, key) in columns.items():
            value = values[index] if index < len(values) else None
            label = headers[index]

            def error(message: str, label: str = label, number: int = number) -> None:
                problems.append(Problem(name, number, None, label, message))

            if kind == ID:
                entry["id"] = "" if value is None else str(value).strip()
                places[("id",)] = label
            elif kind == THEME and _marked(value, error):
                places[("themes", len(entry["themes"]))] = label
                entry["themes"].append(key)
                coded = True
            elif kind == FACET:
                for written in split_list(value):
                    places[(key, len(entry[key]))] = label
                    entry[key].append(vocabulary.facet_value(key, written) or written)
                    coded = True
            elif kind == REMARK and value not in (None, ""):
                entry["remark"] = str(value)
                places[("remark",)] = label
                coded = True
            if kind in (FACET, REMARK):
                places.setdefault((key,), label)
        if len(problems) > row_start:
            continue  # this row's cells are wrong: the other rows are still judged by the rules
        if not coded:
            left_out += 1  # an empty row: the statement is not coded
            continue
        if not entry.get("id"):
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    headers[_index_of(columns, ID)],
                    "is empty: a coded row needs the statement's id",
                )
            )
        if not entry["themes"]:
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    "",
                    f"no theme marked: mark at least one theme with "
                    f"{MARK}, or empty the row to leave the statement out",
                )
            )
        if len(problems) > row_start:
            continue  # this row's cells are wrong: the other rows are still judged by the rules
        position = len(statements)
        document.rows.append(number)
        document.columns.update({("statements", position, *path): label for path, label in places.items()})
        statements.append(entry)
    if not statements and not problems:
        problems.append(Problem(name, None, None, "", "no coded rows: mark the themes of at least one statement"))
    if not statements:
        return None, document, left_out, problems
    document.data = {"coder": coder, "date": day, "statements": statements}
    coding, items, model_problems = validate_coding(document, corpus.codebook.facet_slugs)
    problems += model_problems
    problems += coding_problems(corpus.codebook, document, items, {statement.id for statement in corpus.statements})
    problems += [_on_sheet(problem, document) for problem in personal_data_problems([(document, items)])]
    return coding, document, left_out, sorted(problems, key=Problem.sort_key)


def _index_of(columns: dict[int, tuple[str, str]], kind: str) -> int:
    return next(index for index, (found, _) in columns.items() if found == kind)


def _on_sheet(problem: Problem, document: SheetCoding) -> Problem:
    """A finding of the privacy guard, which names a field path, named by its row and column instead."""
    if problem.file != document.display_name:
        return problem
    tail = ", or record in privacy_ok why it may stay"  # a sheet and an option have no place for that
    if problem.field == "coder":
        return dataclasses.replace(
            problem,
            file="--coder",
            line=None,
            column=None,
            field="",
            message=problem.message.replace(tail, "; name the coder by a role, e.g. 'Tweede codeur'"),
        )
    path = tuple(
        int(part) if part.isdigit() else part for part in problem.field.replace("[", ".").replace("]", "").split(".")
    )
    message = problem.message.replace(tail, "; a coder's remark needs no personal data")
    return dataclasses.replace(problem, column=None, field=document.column_of(path) or problem.field, message=message)


def coding_path(corpus_dir: Path, name: str) -> Path:
    return Path(corpus_dir) / CODINGS_FOLDER / f"{name}.yaml"


def _reads_back(text: str, coding: Coding) -> bool:
    """Whether `check`'s own reader (YAML 1.2 core schema, libyaml) gives this very coding from `text`."""
    document = YamlFile("read back")
    if build(text, document):
        return False
    try:
        return type(coding).model_validate(document.data) == coding
    except ValidationError:
        return False


def write_coding(corpus_dir: Path, name: str, coding: Coding, replace: bool) -> Path:
    """Write codings/NAME.yaml in one step; CodingImportError when it cannot (nothing is written then)."""
    from bottleneck_briefs.basics.atomic_write import write_atomically, write_new_atomically

    reason = coding_name_problem(name)
    if reason is not None:
        raise CodingImportError(reason)
    path = coding_path(corpus_dir, name)
    if path.exists() and not replace:
        raise CodingImportError(
            f"{path}: coding {name} already exists; give --replace to replace it, or another --name"
        )
    text = coding_text(coding, name, schema_comment(path, corpus_dir, False, CODING_SCHEMA))
    if not _reads_back(text, coding):  # never write what `check` would read otherwise
        raise CodingImportError(f"{path}: the coding would not read back as imported; nothing was written")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (write_atomically if replace else write_new_atomically)(path, text.encode("utf-8"))
    except FileExistsError:
        raise CodingImportError(f"{path}: coding {name} was written meanwhile; it is left as it is") from None
    except OSError as error:
        raise CodingImportError(f"cannot write {error.filename or path}: {error.strerror or error}") from None
    return path
