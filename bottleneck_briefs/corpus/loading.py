"""Load the corpus folder: the codebook and every statement file, validated."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from bottleneck_briefs.basics.collection import collection_paused
from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus.brief_file_models import BriefFile
from bottleneck_briefs.corpus.brief_file_rules import LocatedBrief, check_brief_files
from bottleneck_briefs.corpus.checks_meanwhile import ChecksMeanwhile, is_published
from bottleneck_briefs.corpus.coding_models import Coding
from bottleneck_briefs.corpus.coding_rules import LocatedCoding, check_codings, validate_coding
from bottleneck_briefs.corpus.facet_declarations import written_facet_slugs
from bottleneck_briefs.corpus.facet_models import RESERVED_FACET_SLUGS, corpus_models, fields_beyond_a_statement
from bottleneck_briefs.corpus.file_shapes import shape_problem
from bottleneck_briefs.corpus.files import (  # noqa: F401
    CODEBOOK_NAME,
    MAX_CORPUS_BYTES,
    MAX_FILE_BYTES,
    YAML_SUFFIXES,
    combined_digest,
    corpus_files,
    display_name,
    note_files,
    outside_files,
)
from bottleneck_briefs.corpus.kinds import (
    BRIEFS,
    CODEBOOK,
    CODING,
    EDITION,
    NOTES,
    PUBLICATION,
    STATEMENTS,
    kind_of,
    places_in_words,
)
from bottleneck_briefs.corpus.markdown_subset import markdown_problems
from bottleneck_briefs.corpus.models import Codebook, Statement, StatementFile, Theme
from bottleneck_briefs.corpus.note_loading import NoteSpec, check_notes_of, note_fields, read_notes
from bottleneck_briefs.corpus.parallel_reading import SplitReading, reading_begun
from bottleneck_briefs.corpus.privacy_guard import privacy_problems
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.publication_loading import (
    check_editions,
    duplicate_editions,
    edition_order,
    validate_edition,
    validate_publication,
)
from bottleneck_briefs.corpus.publication_models import Edition, Publication
from bottleneck_briefs.corpus.schema_errors import validation_problems
from bottleneck_briefs.corpus.selection import BriefSpec
from bottleneck_briefs.corpus.validation import check_references, codebook_problems
from bottleneck_briefs.corpus.yaml_reading import YamlFile

# the kinds of file validated as one whole (statement files are validated statement by statement)
WHOLE_FILE_MODELS: dict[str, type[BaseModel]] = {
    CODEBOOK: Codebook,
    BRIEFS: BriefFile,
    PUBLICATION: Publication,
    EDITION: Edition,
    CODING: Coding,
}


@dataclass(frozen=True)
class Corpus:
    codebook: Codebook
    statements: tuple[Statement, ...]
    digest: str  # sha256 over every file's name and bytes: the corpus version
    file_count: int
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (file, line)
    briefs: dict[str, BriefSpec] = field(default_factory=dict)  # the composed briefs of briefs/, by name
    publication: Publication | None = None  # publication.yaml; None: no publisher is named
    editions: tuple[Edition, ...] = ()  # recorded editions, oldest first
    codings: dict[str, Coding] = field(default_factory=dict)  # second codings of codings/, by name
    notes: dict[str, NoteSpec] = field(default_factory=dict)  # the writers' notes of notes/, by name

    def theme(self, slug: str) -> Theme | None:
        return next((theme for theme in self.codebook.themes if theme.slug == slug), None)

    def statements_for(self, slug: str) -> list[Statement]:
        return [statement for statement in self.statements if slug in statement.themes]

    def count_for(self, slug: str) -> int:
        return sum(1 for statement in self.statements if slug in statement.themes)


@dataclass
class LoadResult:
    corpus: Corpus | None  # None when there are errors
    problems: list[Problem]
    file_count: int = 0


# A statement with its place in its file: (file, index in the file's list, statement)
Located = tuple[YamlFile, int, Statement]


def validate_statement_file(document: YamlFile, facets: tuple[str, ...]) -> tuple[list[Located], list[Problem]]:
    """Validate item by item, so that one broken statement does not hide the others' problems."""
    statement_file = corpus_models(facets).statement_file
    data = document.data
    items = data.get("statements") if isinstance(data, dict) else None
    if document.complete_items is not None:  # after a syntax error: the statements read to their end
        items = (items or [])[: document.complete_items.get("statements", 0)]
        return _validate_items(document, items, facets), []
    shape = shape_problem(document, STATEMENTS, StatementFile)
    if shape is not None:
        return [], [shape]
    if not isinstance(data, dict) or not isinstance(items, list):
        try:
            statement_file.model_validate(data)
        except ValidationError as error:
            return [], validation_problems(document, error, facets=facets)
        return [], []
    problems: list[Problem] = []
    try:
        statement_file.model_validate({**data, "statements": []})
    except ValidationError as error:
        problems += validation_problems(document, error, facets=facets)
    located = _validate_items(document, items, facets, problems)
    return located, problems


def _validate_items(
    document: YamlFile, items: list, facets: tuple[str, ...], problems: list[Problem] | None = None
) -> list[Located]:
    problems = [] if problems is None else problems
    located: list[Located] = []
    model = corpus_models(facets).statement
    for index, item in enumerate(items):
        try:
            located.append((document, index, model.model_validate(item)))
        except ValidationError as error:
            problems += validation_problems(document, error, ("statements", index), facets=facets)
    return located


def load_corpus(folder: Path, templates_dir: Path | None = None, reading: SplitReading | None = None) -> LoadResult:
    """`templates_dir`: a --templates folder, whose notes/ may declare more kinds of note. `reading`: the reading
    of this corpus's files, begun earlier (reading_begun); used when its files are still the corpus's."""
    # beside: ends the processes that read and guard meanwhile, should the load end early
    with collection_paused(), contextlib.ExitStack() as beside:
        return _load(Path(folder), templates_dir, beside, reading)


def _load(
    folder: Path, templates_dir: Path | None, beside: contextlib.ExitStack, reading: SplitReading | None
) -> LoadResult:
    if not folder.is_dir():
        return LoadResult(None, [missing_folder_problem(folder)])
    files = corpus_files(folder)
    notes = note_files(folder)
    # files over their own limit are reported one by one below and never read
    total = sum(size for size in (path.stat().st_size for path in files + notes) if size <= MAX_FILE_BYTES)
    if total > MAX_CORPUS_BYTES:  # refused before reading: parsing this much would take minutes
        return LoadResult(
            None,
            [
                _whole_file(
                    display_name(folder),
                    f"the corpus is too large ({total / 1024 / 1024:.1f} MB in {len(files)} "
                    f"files; the limit is {MAX_CORPUS_BYTES // 1024 // 1024} MB)",
                )
            ],
            len(files),
        )
    problems: list[Problem] = [_refused(path) for path in outside_files(folder)]
    digests: list[tuple[str, str]] = []
    codebook_path = folder / CODEBOOK_NAME
    codebook = codebook_doc = None
    located: list[Located] = []
    brief_files: list[LocatedBrief] = []
    publication = None
    editions: list[tuple[YamlFile, Edition]] = []
    facets: tuple[str, ...] | None = None  # as the codebook declares them; the files that hold facets wait for it
    waiting: list[tuple[str, Path, YamlFile]] = []
    meanwhile = ChecksMeanwhile(beside)  # the privacy guard and text warnings, beside the reading
    codings: list[LocatedCoding] = []

    if not codebook_path.is_file() and codebook_path not in outside_files(folder):
        problems.append(
            _whole_file(
                display_name(codebook_path),
                "codebook not found: the themes and facet vocabularies must be defined here",
            )
        )
    if reading is None or [path for path, _ in reading.files] != files:
        reading = reading_begun(folder, beside)
    for path, (document, file_problems, judged) in zip(files, reading, strict=True):
        problems += file_problems
        digests.append((path.relative_to(folder).as_posix(), document.digest))
        if file_problems and not document.checkable:
            continue
        if judged is None:
            problems += markdown_problems(document)
            meanwhile.add(document, published=is_published(folder, path))
        else:  # judged where it was read
            problems += judged
        kind = kind_of(path.relative_to(folder).as_posix())
        if kind in WHOLE_FILE_MODELS:  # validated as one whole: only complete and of the right shape
            if document.complete_items is not None:
                continue  # cut short by a syntax error: its fields would only be reported as missing
            shape = shape_problem(document, kind, WHOLE_FILE_MODELS[kind])
            if shape is not None:
                problems.append(shape)
                continue
        if kind == CODEBOOK:
            facets = tuple(slug for slug in written_facet_slugs(document.data) if slug not in RESERVED_FACET_SLUGS)
            try:
                codebook, codebook_doc = Codebook.model_validate(document.data), document
            except ValidationError as error:
                problems += validation_problems(document, error)
            if codebook is not None and RESERVED_FACET_SLUGS.intersection(codebook.facet_slugs):
                problems += codebook_problems(codebook, document)  # nothing is judged against this codebook
                codebook = None
        elif kind in (STATEMENTS, BRIEFS, EDITION, CODING):
            waiting.append((kind, path, document))
        elif kind == PUBLICATION:
            publication, file_problems = validate_publication(document)
            problems += file_problems
        elif kind == NOTES:
            problems.append(
                _whole_file(document.display_name, "a note is a Markdown file with front matter: name it NAME.md")
            )
        else:
            problems.append(
                _whole_file(
                    document.display_name, f"not a corpus file: each kind of file has its place ({places_in_words()})"
                )
            )

    meanwhile.finish_reading()
    if facets is None:  # no codebook could be read: that is the error, the statements' facets are not
        facets = fields_beyond_a_statement([document.data for kind, _, document in waiting if kind == STATEMENTS])
    for kind, path, document in waiting:
        if kind == STATEMENTS:
            file_statements, file_problems = validate_statement_file(document, facets)
            located += file_statements
            problems += file_problems
        elif kind == BRIEFS:
            try:
                relative = PurePosixPath(path.relative_to(folder).as_posix())
                brief = corpus_models(facets).brief_file.model_validate(document.data)
                brief_files.append((document, relative, brief))
            except ValidationError as error:
                problems += validation_problems(document, error, facets=facets)
        elif kind == EDITION:
            edition, file_problems = validate_edition(document, path.relative_to(folder).as_posix(), facets)
            problems += file_problems
            editions += [(document, edition)] if edition else []
        else:
            coding, items, file_problems = validate_coding(document, facets)
            problems += file_problems
            codings.append((document, PurePosixPath(path.relative_to(folder).as_posix()), coding, items))

    problems += duplicate_editions(editions)
    # read now, told after the statements' problems are judged: a note's typo does not hide an unused theme
    located_notes, note_problems, note_digests = read_notes(folder, notes, display_name)
    digests += note_digests
    note_specs: dict = {}
    if codebook is not None and codebook_doc is not None:
        # Unused themes can only be judged when every statement could be read.
        complete = not any(problem.is_error for problem in problems)
        problems += check_references(codebook, codebook_doc, located, report_unused=complete)
        brief_problems, briefs = check_brief_files(codebook, brief_files, [s for _, _, s in located], complete)
        problems += brief_problems
        if complete:  # an id missing only because its file could not be read is not withdrawn
            problems += check_editions(editions, codebook, {statement.id for _, _, statement in located})
        problems += check_codings(codebook, codings, {s.id for _, _, s in located} if complete else None)
        found, note_specs = check_notes_of(
            codebook,
            located_notes,
            [s for _, _, s in located],
            [edition for _, edition in editions],
            templates_dir,
            [relative.stem for _, relative, _ in brief_files],
            complete,
        )
        problems += found
    problems += note_problems
    # nothing that identifies a person is published
    problems += meanwhile.problems() + privacy_problems(note_fields(located_notes))
    if not located and not any(problem.is_error for problem in problems):
        problems.append(_whole_file(display_name(folder), "the corpus holds no statements"))
    problems.sort(key=Problem.sort_key)
    if any(problem.is_error for problem in problems) or codebook is None:
        return LoadResult(None, problems, len(files) + len(notes))

    origins = {
        statement.id: (document.display_name, document.position(("statements", index))[0])
        for document, index, statement in located
    }
    statements = tuple(statement for _, _, statement in located)
    recorded = tuple(sorted((edition for _, edition in editions), key=edition_order))
    corpus = Corpus(
        codebook,
        statements,
        combined_digest(digests),
        len(files) + len(notes),
        origins,
        briefs=briefs,
        publication=publication,
        editions=recorded,
        notes=note_specs,
        codings={relative.stem: coding for _, relative, coding, _ in codings if coding},
    )
    return LoadResult(corpus, problems, len(files) + len(notes))


def _whole_file(name: str, message: str) -> Problem:
    """A problem of a file (or folder) as a whole: no line, no field."""
    return Problem(name, None, None, "", message)


def missing_folder_problem(folder: Path) -> Problem:
    return _whole_file(
        printable(str(folder)),
        f"corpus folder not found (looked for {printable(str(Path(folder).absolute()))}); "
        "run from the folder that holds it, or name it with --corpus PATH",
    )


def _refused(path: Path) -> Problem:
    return _whole_file(
        display_name(path),
        "refused: this name leads to a file outside the corpus folder (a link), which is never read; "
        "copy the file into the corpus instead",
    )
