"""The plan of a report run: which files it makes, the cache key of each, and which are due.

A run is planned once, before anything heavy happens (see report_run): the
brief's date is worked out, the corpus files are hashed and the codebook's
theme slugs read, without parsing or validating the corpus. A rerun in which
every file is up to date is answered from the plan alone. That is safe
because the corpus digest covers every byte of every corpus file and the
program digest covers the validating code: the same digest was loaded and
validated by the run that wrote the files. Otherwise the corpus is loaded,
and the files the plan lists as due are rendered and written (brief_report).

This module stays light (no pydantic, no Jinja, no WeasyPrint).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.basics.names import (
    DEFAULT_LANGUAGE,
    DEFAULT_OUTPUT_DIR,
    DEFAULT_PDF_VARIANT,
    DEFAULT_TEMPLATES,
    LANGUAGES,
    OVERVIEW_NAME,
    SLUG_PATTERN,
    output_stem,
)
from bottleneck_briefs.briefs.content.brief_date import BriefDateError, brief_date
from bottleneck_briefs.briefs.formats.output_formats import DEFAULT_FORMATS, FORMATS, OutputFile, output_files
from bottleneck_briefs.briefs.render.template_folders import folders_digest
from bottleneck_briefs.briefs.run.build_cache import BuildCache
from bottleneck_briefs.corpus.files import CODEBOOK_NAME, NOTE_SUFFIX, YAML_SUFFIXES, corpus_digest
from bottleneck_briefs.corpus.kinds import BRIEFS, EDITION, NOTES, PLACES
from bottleneck_briefs.corpus.selection import BriefSpec


class ReportError(Exception):
    """The reports could not be made; nothing was written."""


@dataclass(frozen=True)
class ReportRequest:
    slugs: tuple[str, ...] = ()
    overview: bool = False  # also the overview brief of all themes (reports/overzicht.*)
    output_formats: tuple[str, ...] = DEFAULT_FORMATS  # suffixes from output_formats.FORMATS
    output_dir: Path = Path(DEFAULT_OUTPUT_DIR)
    pdf_variants: tuple[str, ...] = (DEFAULT_PDF_VARIANT,)  # keys of names.PDF_VARIANTS: one PDF file each
    date: str | None = None  # YYYY-MM-DD; otherwise derived from the corpus (see brief_date)
    templates_dir: Path = DEFAULT_TEMPLATES
    all_briefs: bool = False  # every theme and the overview, instead of `slugs`
    force: bool = False  # render even when the cache says a file is up to date
    language: str = DEFAULT_LANGUAGE  # "en": English labels, files named SLUG.en.pdf
    briefs: tuple[str, ...] = ()  # composed briefs: the names of brief files (briefs/NAME.yaml)
    selection: BriefSpec | None = None  # one brief over the selection given on the command line
    since: str | None = None  # an edition's name: every brief gets the appendix of changes since it
    notes: tuple[str, ...] = ()  # the writers' notes: the names of note files (notes/NAME.md)

    @property
    def pdf_variant(self) -> str:
        """The first PDF variant asked for (the one a PDF renderer starts with)."""
        return self.pdf_variants[0]


@dataclass
class ReportResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)  # left alone: same inputs, same bytes on disk
    warnings: list[str] = field(default_factory=list)


class ReportProgress:
    """Told how many files will be rendered, then of each one done; silent by default."""

    def start(self, count: int) -> None:
        pass

    def advance(self, path: Path) -> None:
        pass


@dataclass(frozen=True)
class CorpusFacts:
    """What a plan needs to know of the corpus: its version, its themes in codebook order, the names of its
    brief files and of its recorded editions."""

    version: str
    theme_slugs: tuple[str, ...]
    brief_names: tuple[str, ...] = ()  # sorted
    edition_names: tuple[str, ...] = ()
    note_names: tuple[str, ...] = ()  # sorted


@dataclass(frozen=True)
class PlannedFile:
    path: Path  # as the user named the output folder, for the messages
    kind: str  # of brief: "theme", "composed", "selection" or "overview" (see brief_jobs)
    name: str  # the theme's slug, the brief's name, or the overview's name
    file: OutputFile  # its format, name suffix and variant
    key: str  # of everything the file's bytes depend on
    current: bool  # written from these very inputs and untouched since: left alone

    @property
    def suffix(self) -> str:
        return self.file.suffix


@dataclass
class ReportPlan:
    request: ReportRequest
    day: date
    facts: CorpusFacts
    files: list[PlannedFile]
    cache: BuildCache  # the output folder's manifest, which the writer updates

    @property
    def due(self) -> list[PlannedFile]:
        return [planned for planned in self.files if not planned.current]

    @property
    def pdfs_due(self) -> int:
        return sum(planned.file.format.in_pdf_workers for planned in self.due)

    def result(self) -> ReportResult:
        """The result of a run that renders nothing: every file up to date."""
        return ReportResult(up_to_date=[planned.path for planned in self.files if planned.current])


def job_ids(
    request: ReportRequest, theme_slugs: Sequence[str], brief_names: Sequence[str] = (), note_names: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(kind, name) of every brief asked for: the themes in the order asked (each once), the composed briefs,
    the command-line selection, then the overview. `brief_names`: every brief file's name, for --all."""
    if request.all_briefs:
        return (
            [("theme", slug) for slug in theme_slugs]
            + [("composed", name) for name in brief_names]
            + [("note", name) for name in note_names]
            + [("overview", OVERVIEW_NAME)]
        )
    ids = [("theme", slug) for slug in dict.fromkeys(request.slugs)]
    ids += [("composed", name) for name in dict.fromkeys(request.briefs)]
    ids += [("selection", request.selection.name)] if request.selection else []
    ids += [("note", name) for name in dict.fromkeys(request.notes)]
    return ids + ([("overview", OVERVIEW_NAME)] if request.overview else [])


def output_path(output_dir: Path, slug: str, suffix: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """`output_dir/slug.suffix` (`slug.en.suffix` in English), refused unless the slug is a plain slug and
    the file stays inside."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ReportError(f"'{slug}' is not a theme slug (lowercase letters, digits and hyphens)")
    if language not in LANGUAGES:
        raise ReportError(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    target = Path(output_dir) / f"{output_stem(slug, language)}.{suffix}"
    folder = Path(output_dir).resolve()
    # resolve() follows a symlink planted at the target: it must still land in the folder
    if target.resolve().parent != folder:
        raise ReportError(f"{target} would be written outside the output folder {folder}")
    return target  # as the user named it, for the messages


def plan_report(corpus_dir: Path, request: ReportRequest, facts: CorpusFacts) -> ReportPlan:
    """Every requested file with its key, and whether it is up to date; ReportError when the request
    cannot be made from this corpus.

    Keys are per file, not per run: `--format html` after `--format both` finds the HTML current.
    """
    unknown = [suffix for suffix in request.output_formats if suffix not in FORMATS]
    if unknown:
        raise ReportError(f"unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}")
    if request.language not in LANGUAGES:
        raise ReportError(f"unknown language '{request.language}'; choose one of {', '.join(LANGUAGES)}")
    missing = [slug for slug in request.slugs if slug not in facts.theme_slugs]
    if missing:
        raise ReportError(f"unknown theme '{missing[0]}'")
    missing = [name for name in request.briefs if name not in facts.brief_names]
    if missing:
        raise ReportError(f"unknown brief '{missing[0]}'")
    missing = [name for name in request.notes if name not in facts.note_names]
    if missing:
        raise ReportError(f"unknown note '{missing[0]}'")
    if request.since is not None and request.since not in facts.edition_names:
        raise ReportError(f"unknown edition '{request.since}'")
    ids = job_ids(request, facts.theme_slugs, facts.brief_names, facts.note_names)
    names = [name for _, name in ids]
    clash = next((name for name in names if names.count(name) > 1), None)
    if clash:  # e.g. a theme whose slug is the overview's file name
        raise ReportError(f"two briefs would be written to the same files: {clash}")
    try:
        day = brief_date(corpus_dir, request.date)
    except BriefDateError as error:
        raise ReportError(str(error)) from None
    outputs = output_files(request)
    templates = ""  # a spreadsheet is made without the templates: their folder is not even hashed
    if any(file.format.reads_templates for file in outputs):
        try:
            templates = folders_digest(request.templates_dir)
        except OSError as error:
            raise ReportError(f"cannot read the templates: {error}") from None
    common = (program_digest(), facts.version, day.isoformat())
    cache = BuildCache.load(request.output_dir)
    files = []
    for kind, name in ids:
        for file in outputs:
            options = [str(getattr(request, option)) for option in file.format.options]
            # a command-line brief is made of its selection; a brief file's bytes are in the corpus digest
            selection = [request.selection.key()] if kind == "selection" and request.selection else []
            key = cache_key(
                *common,
                templates if file.format.reads_templates else "",
                kind,
                name,
                request.language,
                file.suffix,
                file.variant or "",
                *options,
                *selection,
                f"since={request.since or ''}",
            )
            path = output_path(request.output_dir, name, file.suffix, request.language)
            files.append(PlannedFile(path, kind, name, file, key, not request.force and cache.is_current(path, key)))
    return ReportPlan(request, day, facts, files, cache)


def quick_facts(corpus_dir: Path) -> CorpusFacts | None:
    """The corpus's version, theme slugs and brief and edition names, read without validation; None when the
    files cannot be read that way (then only loading the corpus can say what is wrong)."""
    import yaml

    path = Path(corpus_dir) / CODEBOOK_NAME
    if not path.is_file():  # a FIFO would block the read forever; the full run names what is wrong
        return None
    try:
        version = corpus_digest(corpus_dir)  # first: it refuses files over the limits before reading them
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return CorpusFacts(
            version,
            tuple(str(theme["slug"]) for theme in data["themes"]),
            _file_names(corpus_dir, BRIEFS),
            _file_names(corpus_dir, EDITION),
            _file_names(corpus_dir, NOTES, (NOTE_SUFFIX,)),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None


def _file_names(corpus_dir: Path, kind: str, suffixes: tuple[str, ...] = YAML_SUFFIXES) -> tuple[str, ...]:
    """The names of the files of one kind (briefs/NAME.yaml, editions/NAME.yaml), as loading names them,
    without reading them."""
    folder = next(place.removesuffix("/*") for place, its_kind in PLACES.items() if its_kind == kind)
    names = {path.stem for path in (Path(corpus_dir) / folder).glob("*") if path.suffix in suffixes and path.is_file()}
    return tuple(sorted(names))


def light_plan(corpus_dir: Path, request: ReportRequest) -> ReportPlan | None:
    """The plan made from the corpus files without loading them; None when it takes the loaded corpus:
    the files cannot be read that way, or the request does not fit them (an unknown theme, brief or edition,
    a bad date), which is then reported after the corpus's own problems."""
    facts = quick_facts(corpus_dir)
    if facts is None:
        return None
    try:
        return plan_report(corpus_dir, request, facts)
    except ReportError:
        return None
