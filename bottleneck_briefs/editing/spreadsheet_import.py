"""Import new statements from a spreadsheet (.csv or .xlsx) into the corpus.

One row is one statement. Every row is checked against the data model and the
codebook before anything is written; if any row is wrong, nothing is written.
New statements get the next free ids and are appended to the statement file
that already holds their document and section (a new file when none does),
keeping that file's comments and layout. Texts that are the same as, or very
close to, a statement already in the corpus (or an earlier row) are reported
and skipped.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bottleneck_briefs.basics.names import MAX_IMPORT_ROWS
from bottleneck_briefs.corpus.loading import (
    Corpus,
    corpus_files,
    display_name,
    load_corpus,
)
from bottleneck_briefs.corpus.models import FACETS, Statement
from bottleneck_briefs.corpus.schema_errors import did_you_mean, validation_problems
from bottleneck_briefs.corpus.validation import normalised_text
from bottleneck_briefs.corpus.yaml_reading import YamlFile
from bottleneck_briefs.editing.privacy_rows import personal_data_in_row

# The column names a spreadsheet may use, English and Dutch; compared case-insensitively.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "tekst", "uitspraak", "knelpunt"),
    "themes": ("themes", "theme", "thema's", "themas", "thema"),
    "section": ("section", "paragraaf", "sectie"),
    "page": ("page", "pagina", "blz", "bladzijde"),
    "facets": ("facets", "facetten"),
    "note": ("note", "noot", "opmerking", "toelichting"),
    "document": ("document", "bron"),
    "doelgroep": ("doelgroep", "doelgroepen", "target group"),
    "partijen": ("partijen", "partij", "parties"),
    "uitbuitingsvorm": ("uitbuitingsvorm", "form of exploitation"),
}
REQUIRED = ("text", "themes", "section", "page")
SIMILARITY = 0.9  # difflib ratio on normalised texts from which a text counts as a near duplicate
LIST_SEPARATOR = re.compile(r"[,;\n]")


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int | None
    column: str
    message: str
    is_error: bool = True

    def format(self) -> str:
        location = f"{self.file}:{self.row}" if self.row is not None else self.file
        return ": ".join(part for part in (location, self.column, self.message) if part)


class ImportFailure(Exception):
    def __init__(self, problems: list[RowProblem]):
        super().__init__("; ".join(problem.format() for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Addition:
    row: int
    statement: dict  # in the canonical key order
    target: Path


@dataclass
class ImportPlan:
    additions: list[Addition] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)  # duplicates, reported but not fatal
    problems: list[RowProblem] = field(default_factory=list)  # errors: nothing may be written


# --- reading ------------------------------------------------------------------------------

def _cell(value) -> object:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def read_csv(path: Path, name: str) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailure([RowProblem(name, None, "", f"not UTF-8 text (byte 0x{error.object[error.start]:02X}); "
                                                        "save it as 'CSV UTF-8'")]) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = list(csv.reader(text.splitlines(keepends=True) if text else [], dialect))
    if not records:
        raise ImportFailure([RowProblem(name, None, "", "the file is empty")])
    # row numbers as a spreadsheet shows them: the header is row 1 (a cell may span several lines)
    return [str(cell) for cell in records[0]], [(number, [_cell(c) for c in record])
                                                 for number, record in enumerate(records[1:], start=2)]


def read_xlsx(path: Path, name: str, sheet: str | None) -> tuple[list[str], list[tuple[int, list]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)  # cached results of formulas, not the formulas
    except Exception as error:  # openpyxl raises many kinds for a broken or foreign file
        raise ImportFailure([RowProblem(name, None, "", f"cannot read the workbook: {error}")]) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        raise ImportFailure([RowProblem(name, None, "", f"no sheet '{sheet}'{did_you_mean(sheet, workbook.sheetnames)}"
                                                        f"; the sheets are: {', '.join(workbook.sheetnames)}")])
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    rows = list(worksheet.iter_rows(values_only=True))
    if not rows:
        raise ImportFailure([RowProblem(name, None, "", f"sheet '{worksheet.title}' is empty")])
    header = ["" if cell is None else str(cell) for cell in rows[0]]
    return header, [(number, [_cell(c) for c in row]) for number, row in enumerate(rows[1:], start=2)]


def read_rows(path: Path, name: str, sheet: str | None = None):
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFailure([RowProblem(name, None, "", "file not found")])
    if suffix == ".csv":
        return read_csv(path, name)
    if suffix == ".xlsx":
        return read_xlsx(path, name, sheet)
    raise ImportFailure([RowProblem(name, None, "", f"cannot import '{path.suffix}' files; use .csv or .xlsx")])


def map_columns(header: list[str], name: str) -> tuple[dict[str, int], dict[str, str], list[RowProblem]]:
    """Which column holds which field: (field -> index, field -> header as written, problems)."""
    known = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}
    indexes: dict[str, int] = {}
    labels: dict[str, str] = {}
    problems = []
    for index, label in enumerate(header):
        key = label.strip().rstrip(":").casefold()
        if not key:
            continue
        if key == "id":
            problems.append(RowProblem(name, 1, label, "ids are given by the import; remove this column"))
            continue
        if key not in known:
            problems.append(RowProblem(name, 1, label, f"unknown column{did_you_mean(key, known)}; the columns are: "
                                                       f"{', '.join(COLUMNS)} (or their Dutch names)"))
            continue
        field_name = known[key]
        if field_name in indexes:
            problems.append(RowProblem(name, 1, label, f"a second column for '{field_name}' "
                                                       f"(the first is '{labels[field_name]}')"))
            continue
        indexes[field_name], labels[field_name] = index, label.strip()
    for field_name in REQUIRED:
        if field_name not in indexes:
            problems.append(RowProblem(name, 1, field_name, f"required column '{field_name}' is missing "
                                                            f"(Dutch: '{COLUMNS[field_name][1]}')"))
    return indexes, labels, problems


# --- one row ------------------------------------------------------------------------------

def _split(value) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in LIST_SEPARATOR.split(str(value)) if part.strip()]


class _RowReader:
    def __init__(self, corpus: Corpus, name: str):
        self.codebook = corpus.codebook
        self.name = name
        self.themes = {theme.slug: theme.slug for theme in self.codebook.themes}
        self.themes.update({theme.title.casefold(): theme.slug for theme in self.codebook.themes})
        self.vocabularies = {facet: {value.slug: value.slug for value in getattr(self.codebook.facets, facet)}
                             for facet in FACETS}
        for facet in FACETS:
            self.vocabularies[facet].update({value.label.casefold(): value.slug
                                             for value in getattr(self.codebook.facets, facet)})
        self.sections = {document.id: [section.number for section in document.sections]
                         for document in self.codebook.documents}

    def read(self, number: int, cells: list, indexes: dict[str, int], labels: dict[str, str]):
        problems: list[RowProblem] = []

        def cell(field_name: str):
            index = indexes.get(field_name)
            return cells[index] if index is not None and index < len(cells) else None

        def error(field_name: str, message: str) -> None:
            problems.append(RowProblem(self.name, number, labels.get(field_name, field_name), message))

        text = cell("text")
        if text is None or text == "":
            error("text", "is empty: every row needs the statement's text")
        elif not isinstance(text, str):
            text = str(text)

        themes = []
        for value in _split(cell("themes")):
            slug = self.themes.get(value.casefold()) or self.themes.get(value)
            if slug is None:
                error("themes", f"unknown theme '{value}'{did_you_mean(value.casefold(), self.themes)}")
            elif slug in themes:
                error("themes", f"theme '{slug}' is listed twice")
            else:
                themes.append(slug)
        if not themes and not any(p.column == labels.get("themes", "themes") for p in problems):
            error("themes", "is empty: give at least one theme, e.g. 'financiering'")

        facets: dict[str, list[str]] = {facet: [] for facet in FACETS}
        for facet in FACETS:
            for value in _split(cell(facet)):
                self._add_facet(facet, value, facets, lambda message, facet=facet: error(facet, message))
        for group in re.split(r";|\n", str(cell("facets") or "")):
            if not group.strip():
                continue
            facet, _, values = group.partition(":") if ":" in group else ("", "", group)
            facet = facet.strip().casefold()
            if facet and facet not in FACETS:
                error("facets", f"unknown facet '{facet}'{did_you_mean(facet, FACETS)}; "
                                f"write e.g. 'doelgroep: minderjarigen; partijen: politie'")
                continue
            for value in _split(values.replace(";", ",")):
                self._add_facet(facet or None, value, facets, lambda message: error("facets", message))

        section = self._section(cell("section"), lambda message: error("section", message))
        page = self._page(cell("page"), lambda message: error("page", message))
        document = self._document(cell("document"), section, lambda message: error(
            "document" if cell("document") else "section", message))
        note = cell("note")
        note = str(note) if note not in (None, "") else None

        statement = {"id": "KP-000", "text": text, "source": {"document": document, "section": section, "page": page},
                     "themes": themes, **{facet: values for facet, values in facets.items() if values}}
        if note is not None:
            statement["note"] = note
        for field_name, message in personal_data_in_row(statement):  # nothing that identifies a person
            error(field_name, message)
        if not problems:
            try:
                Statement.model_validate(statement)
            except ValidationError as failure:
                for problem in validation_problems(YamlFile(self.name), failure):
                    field_name = problem.field.split(".")[-1].split("[")[0]
                    error(field_name if field_name in labels else "text", problem.message)
        return statement, problems

    def _add_facet(self, facet: str | None, value: str, facets: dict, error) -> None:
        key = value.casefold()
        if facet is None:  # a bare value: find its facet
            owners = [name for name in FACETS if key in self.vocabularies[name]]
            if len(owners) != 1:
                every = {v for name in FACETS for v in self.vocabularies[name]}
                error(f"unknown facet value '{value}'{did_you_mean(key, every)}" if not owners else
                      f"'{value}' is a value of {' and '.join(owners)}; write e.g. '{owners[0]}: {value}'")
                return
            facet = owners[0]
        slug = self.vocabularies[facet].get(key)
        if slug is None:
            error(f"unknown {facet} value '{value}'{did_you_mean(key, self.vocabularies[facet])}")
        elif slug in facets[facet]:
            error(f"{facet} value '{slug}' is listed twice")
        else:
            facets[facet].append(slug)

    def _section(self, value, error) -> str | None:
        if value is None or value == "":
            error("is empty: give the section of the source, e.g. \"2.16\"")
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            error(f"is a date ({value:%Y-%m-%d}): the spreadsheet turned the section number into a date; "
                  "format the column as text")
            return None
        if isinstance(value, float):
            value = format(value, "g")  # a number cell: 2.16 -> "2.16" (2.10 would read as "2.1": use text cells)
        return str(value).strip().removeprefix("§").strip()

    def _page(self, value, error) -> int | None:
        if isinstance(value, bool):
            error(f"must be a whole number, not {value}")
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = "" if value is None else str(value).strip()
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        error("is empty: give the page number of the source" if not text
              else f"must be a whole number, e.g. 26, not '{text}'")
        return None

    def _document(self, value, section: str | None, error) -> str | None:
        if value not in (None, ""):
            document = str(value).strip()
            if document not in self.sections:
                error(f"unknown document '{document}'{did_you_mean(document, self.sections)}")
                return None
            if section is not None and section not in self.sections[document]:
                error(f"section \"{section}\" is not listed for document '{document}' in the codebook"
                      f"{did_you_mean(section, self.sections[document])}")
            return document
        if section is None:
            return None
        owners = [document for document, numbers in self.sections.items() if section in numbers]
        if len(owners) == 1:
            return owners[0]
        every = sorted({number for numbers in self.sections.values() for number in numbers})
        if not owners:
            error(f"section \"{section}\" is not in the codebook{did_you_mean(section, every)}; add it to the "
                  "document's sections in codebook.yaml first")
        else:
            error(f"section \"{section}\" is in several documents ({', '.join(owners)}); add a 'document' column")
        return None


# --- duplicates, ids and target files ---------------------------------------------------------

class _Duplicates:
    def __init__(self, corpus: Corpus):
        self.known: list[tuple[str, str]] = []  # (normalised text, description)
        for statement in corpus.statements:
            file, line = corpus.origins.get(statement.id, ("", 0))
            self.add(statement.text, f"{statement.id} ({file}:{line})")

    def add(self, text: str, description: str) -> None:
        self.known.append((normalised_text(text), description))

    def find(self, text: str) -> tuple[str, float] | None:
        """The most similar known text: (description, ratio), or None below the threshold."""
        key = normalised_text(text)
        best = None
        for other, description in self.known:
            if other == key:
                return description, 1.0
            matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
            if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY and (best is None or ratio > best[1]):
                best = (description, ratio)
        return best


def next_ids(corpus: Corpus, count: int) -> list[str]:
    """Above every id in use or retired: an id is never handed out twice."""
    taken = [statement.id for statement in corpus.statements] + [entry.id for entry in corpus.codebook.retired_ids]
    numbers = [int(statement_id[3:]) for statement_id in taken]
    start = max(numbers, default=0) + 1
    return [f"KP-{number:03d}" for number in range(start, start + count)]


def target_file(corpus_dir: Path, corpus: Corpus, document: str, section: str) -> Path:
    """The statement file holding most statements of this document and section; a new file when none does."""
    counts: dict[str, int] = {}
    for statement in corpus.statements:
        if (statement.source.document, statement.source.section) == (document, section):
            file = corpus.origins[statement.id][0]
            counts[file] = counts.get(file, 0) + 1
    if counts:
        best = sorted(counts, key=lambda file: (-counts[file], file))[0]
        for path in corpus_files(corpus_dir):
            if display_name(path, corpus_dir) == best:
                return path
    return Path(corpus_dir) / "statements" / f"{document}-{section}.yaml"


# --- the import ---------------------------------------------------------------------------

def plan_import(source: Path, corpus: Corpus, corpus_dir: Path, *, allow_duplicates: bool = False,
                sheet: str | None = None) -> ImportPlan:
    name = display_name(source, Path.cwd())
    plan = ImportPlan()
    try:
        header, rows = read_rows(source, name, sheet)
    except ImportFailure as failure:
        plan.problems = failure.problems
        return plan
    indexes, labels, plan.problems = map_columns(header, name)
    if plan.problems:
        return plan
    rows = [(number, cells) for number, cells in rows if any(cell not in (None, "") for cell in cells)]
    if not rows:
        plan.problems.append(RowProblem(name, None, "", "no rows with statements below the header"))
        return plan
    if len(rows) > MAX_IMPORT_ROWS:
        plan.problems.append(RowProblem(name, None, "", f"{len(rows)} rows; import at most {MAX_IMPORT_ROWS} at a time"))
        return plan

    reader = _RowReader(corpus, name)
    duplicates = _Duplicates(corpus)
    accepted: list[tuple[int, dict]] = []
    for number, cells in rows:
        statement, problems = reader.read(number, cells, indexes, labels)
        plan.problems += problems
        if problems:
            continue
        found = duplicates.find(statement["text"])
        column = labels["text"]
        if found and found[1] == 1.0:
            plan.skipped.append(RowProblem(name, number, column, f"same text as {found[0]}; skipped "
                                                                 "(identical texts are never imported)", False))
            continue
        if found and not allow_duplicates:
            plan.skipped.append(RowProblem(name, number, column, f"{found[1]:.0%} similar to {found[0]}; skipped "
                                                                 "(use --allow-duplicates to import it)", False))
            continue
        duplicates.add(statement["text"], f"row {number}")
        accepted.append((number, statement))

    if plan.problems:
        return plan
    for (number, statement), new_id in zip(accepted, next_ids(corpus, len(accepted)), strict=True):
        statement = {**statement, "id": new_id}
        source_ = statement["source"]
        plan.additions.append(Addition(number, statement, target_file(corpus_dir, corpus, source_["document"],
                                                                      source_["section"])))
    return plan


def apply_plan(plan: ImportPlan, corpus_dir: Path) -> list[str]:
    """Write the additions; returns problems (as text) and writes nothing if the result would not load cleanly."""
    from bottleneck_briefs.corpus.json_schema import schema_comment
    from bottleneck_briefs.editing.canonical_format import (
        FormatError,
        append_statements,
    )

    corpus_dir = Path(corpus_dir)
    by_file: dict[Path, list[dict]] = {}
    for addition in plan.additions:
        by_file.setdefault(addition.target, []).append(addition.statement)
    new_texts: dict[Path, str] = {}
    for path, statements in by_file.items():
        old = path.read_bytes().decode("utf-8-sig") if path.is_file() else ""
        try:
            new_texts[path] = append_statements(old, statements, schema_line=schema_comment(path, corpus_dir, False),
                                                name=display_name(path, corpus_dir))
        except FormatError as error:
            return [f"{display_name(path, corpus_dir)}: {error}"]

    # Try the result on a copy of the corpus first: the real files change only if it loads without errors.
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "corpus"
        shutil.copytree(corpus_dir, trial)
        for path, text in new_texts.items():
            target = trial / path.resolve().relative_to(corpus_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = load_corpus(trial)
        if result.corpus is None:
            return [problem.format() for problem in result.problems if problem.is_error]

    from bottleneck_briefs.basics.atomic_write import write_all_atomically

    try:
        for path in new_texts:
            path.parent.mkdir(parents=True, exist_ok=True)
        # every file reaches the disk before any replaces its predecessor: a full disk changes nothing
        write_all_atomically([(path, text.encode("utf-8")) for path, text in new_texts.items()])
    except OSError as error:
        where = display_name(Path(error.filename), corpus_dir) if error.filename else str(corpus_dir)
        return [f"{where}: cannot write: {error.strerror or error}"]
    return []


def statement_preview(statement: dict, width: int = 60) -> str:
    text = " ".join(statement["text"].split())
    return text if len(text) <= width else text[: width - 1] + "…"

