"""`bottlenecks report`: build, render and write the briefs of one or more themes.

Every file that needs making is rendered in memory first; only when all of
them succeeded is anything written, each file atomically. So a template error
in the third theme does not leave a mix of new and old briefs behind, and the
corpus is only ever read. Files whose inputs did not change since they were
written are left alone (see build_cache); the PDFs that do need rendering
are rendered in parallel (see parallel_render).
"""

from __future__ import annotations

import re
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .atomic_write import write_atomically
from .brief_data import build_brief
from .brief_date import BriefDateError, brief_date
from .brief_html import render_brief_html
from .brief_jobs import BriefJob, all_jobs, theme_jobs
from .build_cache import BuildCache, cache_key, folder_digest, program_digest
from .corpus import Corpus
from .models import SLUG_PATTERN
from .pdf_output import DEFAULT_PDF_VARIANT, PdfProblem
from .template_environment import DEFAULT_TEMPLATES, TemplateProblem

FORMATS = {"pdf": ("pdf",), "html": ("html",), "both": ("pdf", "html")}


class ReportProblem(Exception):
    """The reports could not be made; nothing was written."""


@dataclass(frozen=True)
class ReportRequest:
    slugs: tuple[str, ...] = ()
    output_format: str = "both"
    output_dir: Path = Path("reports")
    pdf_variant: str = DEFAULT_PDF_VARIANT
    date: str | None = None  # YYYY-MM-DD; otherwise derived from the corpus (see brief_date)
    templates_dir: Path = DEFAULT_TEMPLATES
    all_briefs: bool = False  # every theme and the overview, instead of `slugs`
    force: bool = False  # render even when the cache says a file is up to date


class ReportProgress:
    """Told how many files will be rendered, then of each one done; silent by default."""

    def start(self, count: int) -> None:
        pass

    def advance(self, path: Path) -> None:
        pass


@dataclass
class ReportResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)  # left alone: same inputs, same bytes on disk
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Output:
    path: Path
    job: BriefJob
    suffix: str
    key: str
    data: bytes | None = None


def output_path(output_dir: Path, slug: str, suffix: str) -> Path:
    """`output_dir/slug.suffix`, refused unless the slug is a plain slug and the file stays inside."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ReportProblem(f"'{slug}' is not a theme slug (lowercase letters, digits and hyphens)")
    target = Path(output_dir) / f"{slug}.{suffix}"
    folder = Path(output_dir).resolve()
    # resolve() follows a symlink planted at the target: it must still land in the folder
    if target.resolve().parent != folder:
        raise ReportProblem(f"{target} would be written outside the output folder {folder}")
    return target  # as the user named it, for the messages


def _jobs(corpus: Corpus, request: ReportRequest) -> list[BriefJob]:
    if request.all_briefs:
        return all_jobs(corpus)
    for slug in request.slugs:
        if corpus.theme(slug) is None:
            raise ReportProblem(f"unknown theme '{slug}'")
    return theme_jobs(request.slugs)


def _plan(corpus: Corpus, request: ReportRequest, day: date) -> list[_Output]:
    """Every requested file with the key of everything it is made from."""
    if request.output_format not in FORMATS:
        raise ReportProblem(f"unknown format '{request.output_format}'; choose one of {', '.join(FORMATS)}")
    try:
        templates = folder_digest(request.templates_dir)  # the templates, stylesheets and fonts
    except OSError as error:
        raise ReportProblem(f"cannot read the templates: {error}") from None
    common = (program_digest(), corpus.digest, templates, day.isoformat())
    outputs = []
    for job in _jobs(corpus, request):
        for suffix in FORMATS[request.output_format]:
            variant = request.pdf_variant if suffix == "pdf" else ""
            key = cache_key(*common, job.kind, job.name, suffix, variant)
            outputs.append(_Output(output_path(request.output_dir, job.name, suffix), job, suffix, key))
    return outputs


def _render(corpus: Corpus, request: ReportRequest, day: date, outputs: list[_Output],
            progress: ReportProgress) -> None:
    """Fill in every output's bytes: HTML here, the PDFs in parallel."""
    pdfs: list[tuple[_Output, str]] = []
    for job in dict.fromkeys(output.job for output in outputs):
        try:
            brief = job.build(corpus, day)
            for output in (output for output in outputs if output.job is job):
                if output.suffix == "html":
                    output.data = job.render(brief, request.templates_dir, "html").encode("utf-8")
                    progress.advance(output.path)
                else:
                    pdfs.append((output, job.render(brief, request.templates_dir, "pdf")))
        except TemplateProblem as error:
            raise ReportProblem(f"{job.label}: {error}") from None
    if not pdfs:
        return
    from .parallel_render import PdfRenderFailed, render_pdfs  # imports WeasyPrint: only when a PDF is due

    try:
        results = render_pdfs([html for _, html in pdfs], request.templates_dir, request.pdf_variant,
                              on_done=lambda index: progress.advance(pdfs[index][0].path))
    except PdfRenderFailed as failure:
        label = pdfs[failure.index][0].job.label
        if isinstance(failure.error, PdfProblem):
            raise ReportProblem(f"{label}: {failure.error}") from None
        if isinstance(failure.error, BrokenProcessPool):
            raise ReportProblem(f"{label}: the PDF worker process stopped unexpectedly (out of memory?)") from None
        raise failure.error
    for (output, _), data in zip(pdfs, results):
        output.data = data


def write_reports(corpus: Corpus, corpus_dir: Path, request: ReportRequest,
                  progress: ReportProgress | None = None) -> ReportResult:
    """Render what is out of date, then write all of it; returns what was written and what was current."""
    progress = progress or ReportProgress()
    try:
        day = brief_date(corpus_dir, request.date)
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    outputs = _plan(corpus, request, day)
    cache = BuildCache.load(request.output_dir)
    result = ReportResult()
    due = []
    for output in outputs:
        if not request.force and cache.is_current(output.path, output.key):
            result.up_to_date.append(output.path)
        else:
            due.append(output)
    progress.start(len(due))
    _render(corpus, request, day, due, progress)
    try:
        Path(request.output_dir).mkdir(parents=True, exist_ok=True)
        for output in due:
            write_atomically(output.path, output.data)
            result.written.append(output.path)
            cache.record(output.path, output.key, output.data)
    except OSError as error:
        done = f" (already written: {', '.join(map(str, result.written))})" if result.written else ""
        raise ReportProblem(f"cannot write {error.filename or request.output_dir}: {error.strerror or error}{done}") from None
    if due:
        try:
            cache.save()
        except OSError as error:  # the briefs are written; the next run just renders them again
            result.warnings.append(f"cannot save the build cache {cache.path}: {error.strerror or error}")
    return result


def html_brief(corpus: Corpus, corpus_dir: Path, templates_dir: Path, slug: str, date: str | None = None) -> str:
    """The HTML brief of one theme exactly as `report --format html` writes it (e.g. for a live preview)."""
    try:
        return render_brief_html(build_brief(corpus, slug, brief_date(corpus_dir, date)), templates_dir, "html")
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    except TemplateProblem as error:
        raise ReportProblem(f"brief '{slug}': {error}") from None
