"""Import new statements from a spreadsheet (.csv or .xlsx) into the corpus.

One row is one statement. Every row is judged by the data model and by the
cross-file rules of `check` (the very same functions, with the rows in the
place of a statement file) before anything is written; if any row is wrong,
nothing is written. New statements get the next free ids and are appended to
the statement file that already holds their document and section (a new file
when none does), keeping that file's comments, layout and line endings. Texts
that are the same as, or very close to, a statement already in the corpus (or
an earlier row) are reported and skipped.

The caller holds the corpus lock (basics/corpus_lock) from loading the corpus
until `apply_plan` returns, so no other writer can change it in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.loading import (
    CODEBOOK_NAME,
    Corpus,
    corpus_files,
    display_name,
    load_corpus,
)
from bottleneck_briefs.corpus.models import Source, Statement, canonical_id, id_number
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.schema_errors import validation_problems
from bottleneck_briefs.corpus.validation import check_references
from bottleneck_briefs.corpus.yaml_reading import YamlFile, read_yaml_file
from bottleneck_briefs.editing.near_duplicates import NearDuplicates
from bottleneck_briefs.editing.privacy_rows import personal_data_in_row
from bottleneck_briefs.editing.spreadsheet_cells import SpreadsheetError
from bottleneck_briefs.editing.spreadsheet_columns import known_names, map_columns
from bottleneck_briefs.editing.spreadsheet_reading import read_rows
from bottleneck_briefs.editing.spreadsheet_rows import RowConverter, RowStatement, SpreadsheetRows


@dataclass(frozen=True)
class Addition:
    row: int
    statement: dict  # in the canonical key order
    target: Path


@dataclass
class ImportPlan:
    additions: list[Addition] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # duplicates: warnings, reported but not fatal
    problems: list[Problem] = field(default_factory=list)  # errors: nothing may be written


Progress = Callable[[int, int], None]  # (rows done, rows in all)


def plan_import(
    source: Path,
    corpus: Corpus,
    corpus_dir: Path,
    *,
    allow_duplicates: bool = False,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    name = display_name(source)
    plan = ImportPlan()
    try:
        header, cells = read_rows(source, name, sheet, known_names(corpus.codebook))
    except SpreadsheetError as failure:
        plan.problems = failure.problems
        return plan
    indexes, labels, plan.problems = map_columns(header, name, corpus.codebook)
    if plan.problems:
        return plan
    if not cells:
        plan.problems.append(Problem(name, None, None, "", "no rows with statements below the header"))
        return plan

    converter = RowConverter(corpus.codebook, name, indexes, labels)
    rows = SpreadsheetRows(name)
    duplicates = _known_texts(corpus)
    statement_model = corpus_models(corpus.codebook.facet_slugs).statement  # a statement of this codebook's facets
    checked: list[int] = []  # indexes in rows.rows of the rows the cross-file rules judge
    for done, (number, values) in enumerate(cells, start=1):
        row = converter.convert(number, values)
        rows.rows.append(row)
        index = len(rows.rows) - 1
        try:
            statement_model.model_validate(row.data)
        except ValidationError as failure:
            _add_new(row, validation_problems(rows, failure, ("statements", index), facets=corpus.codebook.facet_slugs))
        for field_name, message in personal_data_in_row(row.data):  # nothing that identifies a person
            _add_new(row, [rows.problem(("statements", index, field_name), message)])
        if progress is not None:
            progress(done, len(cells))
        if row.problems:
            checked.append(index)
            continue
        skipped = _skip_reason(duplicates.find(row.data["text"]), allow_duplicates)
        if skipped:
            plan.skipped.append(Problem(name, number, None, labels["text"], skipped, WARNING))
            continue
        duplicates.add(row.data["text"], f"row {number}")
        checked.append(index)

    for index, new_id in zip(checked, next_ids(corpus, len(checked)), strict=True):
        rows.rows[index].data["id"] = new_id
    checked_rows = {rows.rows[index].row: rows.rows[index] for index in checked}
    for problem in _cross_file_problems(corpus, corpus_dir, rows, checked):
        if problem.file == name and problem.line in checked_rows:
            _add_new(checked_rows[problem.line], [problem])
        else:
            plan.problems.append(problem)  # e.g. the corpus's statement limit, told at the codebook
    plan.problems += [problem for row in rows.rows for problem in row.problems]
    plan.problems.sort(key=Problem.sort_key)
    if plan.problems:
        return plan
    target_file = TargetFiles(corpus_dir, corpus)
    for index in checked:
        row = rows.rows[index]
        plan.additions.append(Addition(row.row, row.data, target_file(row.data["source"])))
    return plan


def _known_texts(corpus: Corpus) -> NearDuplicates:
    known = NearDuplicates()
    for statement in corpus.statements:
        file, line = corpus.origins.get(statement.id, ("", 0))
        known.add(statement.text, f"{statement.id} ({file}:{line})")
    return known


def _skip_reason(found: tuple[str, float] | None, allow_duplicates: bool) -> str | None:
    if found is None or (found[1] < 1.0 and allow_duplicates):
        return None
    if found[1] == 1.0:
        return f"same text as {found[0]}; skipped (identical texts are never imported)"
    return f"{found[1]:.0%} similar to {found[0]}; skipped (use --allow-duplicates to import it)"


def _add_new(row: RowStatement, problems: list[Problem]) -> None:
    """Add problems, except for a column already reported (a missing page is not also 'not a number')."""
    reported = {problem.field for problem in row.problems}
    row.problems += [problem for problem in problems if problem.field not in reported]


def _cross_file_problems(corpus: Corpus, corpus_dir: Path, rows: SpreadsheetRows, checked: list[int]) -> list[Problem]:
    """`check`'s own cross-file rules over the corpus followed by the rows."""
    located = _corpus_statements(corpus)
    for index in checked:
        located.append((rows, index, _lenient_statement(rows.rows[index], corpus.codebook.facet_slugs)))
    codebook_path = Path(corpus_dir) / CODEBOOK_NAME
    codebook_doc, _ = read_yaml_file(codebook_path, display_name(codebook_path))  # for its lines
    return [
        problem
        for problem in check_references(corpus.codebook, codebook_doc, located, report_unused=False)
        if problem.is_error
    ]


def _corpus_statements(corpus: Corpus) -> list[tuple[YamlFile, int, Statement]]:
    """The loaded statements in their files, each at the line the loader found it on."""
    files: dict[str, YamlFile] = {}
    located = []
    for statement in corpus.statements:
        file, line = corpus.origins.get(statement.id, ("", 0))
        document = files.setdefault(file, YamlFile(file))
        index = len(document.value_positions)
        document.value_positions[("statements", index)] = (line, 1)
        located.append((document, index, statement))
    return located


def _lenient_statement(row: RowStatement, facets: tuple[str, ...]) -> Statement:
    """The row as a statement, also when the model refused part of it: the rules judge the rest."""
    data = row.data
    model = corpus_models(facets).statement  # a statement of this codebook's facets
    if not row.problems:
        return model.model_validate(data)
    source = Source.model_construct(**data["source"])  # a missing value is None, and its column already told
    text = data["text"] if isinstance(data["text"], str) and data["text"] else f"\0row {row.row}"  # no false twin
    return model.model_construct(**{**data, "text": text, "source": source})


def next_ids(corpus: Corpus, count: int) -> list[str]:
    """Above every id in use or retired, compared as numbers: an id is never handed out twice."""
    taken = [statement.id for statement in corpus.statements] + [entry.id for entry in corpus.codebook.retired_ids]
    start = max((id_number(taken_id) for taken_id in taken), default=0) + 1
    return [canonical_id(number) for number in range(start, start + count)]


class TargetFiles:
    """Where a new statement goes: the file holding most statements of its document and section, else a new one."""

    def __init__(self, corpus_dir: Path, corpus: Corpus):
        self.corpus_dir = Path(corpus_dir)
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for statement in corpus.statements:
            per_file = counts.setdefault((statement.source.document, statement.source.section), {})
            file = corpus.origins[statement.id][0]
            per_file[file] = per_file.get(file, 0) + 1
        paths = {display_name(path): path for path in corpus_files(corpus_dir)}
        self.files = {
            place: paths[min(per_file, key=lambda file: (-per_file[file], file))] for place, per_file in counts.items()
        }

    def __call__(self, source: dict) -> Path:
        place = (source["document"], source["section"])
        return self.files.get(place) or self.corpus_dir / "statements" / f"{place[0]}-{place[1]}.yaml"


def apply_plan(plan: ImportPlan, corpus_dir: Path) -> list[str]:
    """Write the additions; returns problems (as text), and writes nothing when one file cannot take them."""
    from bottleneck_briefs.basics.atomic_write import write_all_atomically
    from bottleneck_briefs.corpus.json_schema import schema_comment
    from bottleneck_briefs.editing.statement_appending import FormatError, append_statements

    corpus_dir = Path(corpus_dir)
    by_file: dict[Path, list[dict]] = {}
    for addition in plan.additions:
        by_file.setdefault(addition.target, []).append(addition.statement)
    new_texts: dict[Path, bytes] = {}
    for path, statements in by_file.items():
        name = display_name(path)
        if path.exists() and not path.is_file():
            return [f"{name}: not a regular file; a statement file must be one"]
        old = path.read_bytes().decode("utf-8-sig") if path.is_file() else ""
        try:
            new_texts[path] = append_statements(
                old, statements, schema_line=schema_comment(path, corpus_dir, False), name=name
            ).encode("utf-8")
        except FormatError as error:
            return [f"{name}: {error}"]
    try:
        for path in new_texts:
            path.parent.mkdir(parents=True, exist_ok=True)
        # every file reaches the disk before any replaces its predecessor: a full disk changes nothing
        write_all_atomically(list(new_texts.items()))
    except OSError as error:
        where = display_name(Path(error.filename)) if error.filename else str(corpus_dir)
        return [f"{where}: cannot write: {error.strerror or error}"]
    return _not_kept(plan, corpus_dir)


def _not_kept(plan: ImportPlan, corpus_dir: Path) -> list[str]:
    """Read the corpus back: an import reports only statements that are really there."""
    result = load_corpus(corpus_dir)
    if result.corpus is None:
        return [problem.format() for problem in result.problems if problem.is_error]
    texts = {statement.id: statement.text for statement in result.corpus.statements}
    return [
        f"{addition.statement['id']} (row {addition.row}) is not in the corpus after writing"
        for addition in plan.additions
        if texts.get(addition.statement["id"]) != addition.statement["text"]
    ]


def statement_preview(statement: dict, width: int = 60) -> str:
    text = " ".join(statement["text"].split())
    return text if len(text) <= width else text[: width - 1] + "…"
