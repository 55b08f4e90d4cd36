"""`bottlenecks report`: build, render and write the briefs of one or more themes.

Every file that needs making is rendered in memory first; only when all of
them succeeded is anything written: each to a temporary file on disk, and only
when all are there are they renamed over the earlier ones. So a template error
in the third theme does not leave a mix of new and old briefs behind, and the
corpus is only ever read. Files whose inputs did not change since they were
written are left alone (see build_cache); the PDFs that do need rendering
are rendered in parallel (see parallel_render).
"""

from __future__ import annotations

import re
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bottleneck_briefs.basics.atomic_write import write_all_atomically
from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, LANGUAGES, output_stem
from bottleneck_briefs.briefs.brief_data import build_brief
from bottleneck_briefs.briefs.brief_date import BriefDateError, brief_date
from bottleneck_briefs.briefs.brief_html import render_brief_html
from bottleneck_briefs.briefs.brief_jobs import BriefJob, job_for
from bottleneck_briefs.briefs.build_cache import BuildCache
from bottleneck_briefs.briefs.composed_brief import EmptySelection, build_composed_brief
from bottleneck_briefs.briefs.output_formats import FORMATS, OutputFile, needs_pdf_workers
from bottleneck_briefs.briefs.pdf_output import PdfProblem
from bottleneck_briefs.briefs.publication_data import framed
from bottleneck_briefs.briefs.report_plan import (
    ReportProgress,
    ReportRequest,
    ReportResult,
    job_ids,
    output_keys,
)
from bottleneck_briefs.briefs.template_environment import TemplateProblem
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import SLUG_PATTERN

__all__ = ["ReportProblem", "ReportProgress", "ReportRequest", "ReportResult", "write_reports"]


class ReportProblem(Exception):
    """The reports could not be made; nothing was written."""


@dataclass
class _Output:
    path: Path
    job: BriefJob
    file: OutputFile  # its format, name suffix and variant
    key: str
    data: bytes | None = None  # filled in by _render

    @property
    def rendered(self) -> bytes:
        if self.data is None:
            raise RuntimeError(f"{self.path} was never rendered")
        return self.data


def output_path(output_dir: Path, slug: str, suffix: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """`output_dir/slug.suffix` (`slug.en.suffix` in English), refused unless the slug is a plain slug and
    the file stays inside."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ReportProblem(f"'{slug}' is not a theme slug (lowercase letters, digits and hyphens)")
    if language not in LANGUAGES:
        raise ReportProblem(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    target = Path(output_dir) / f"{output_stem(slug, language)}.{suffix}"
    folder = Path(output_dir).resolve()
    # resolve() follows a symlink planted at the target: it must still land in the folder
    if target.resolve().parent != folder:
        raise ReportProblem(f"{target} would be written outside the output folder {folder}")
    return target  # as the user named it, for the messages


def _plan(corpus: Corpus, request: ReportRequest, day: date) -> list[_Output]:
    """Every requested file with the key of everything it is made from."""
    unknown = [suffix for suffix in request.output_formats if suffix not in FORMATS]
    if unknown:
        raise ReportProblem(f"unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}")
    if request.language not in LANGUAGES:
        raise ReportProblem(f"unknown language '{request.language}'; choose one of {', '.join(LANGUAGES)}")
    for slug in request.slugs:
        if corpus.theme(slug) is None:
            raise ReportProblem(f"unknown theme '{slug}'")
    for name in request.briefs:
        if name not in corpus.briefs:
            raise ReportProblem(f"unknown brief '{name}'")
    if request.since is not None and request.since not in (edition.edition for edition in corpus.editions):
        raise ReportProblem(f"unknown edition '{request.since}'")
    ids = job_ids(request, [theme.slug for theme in corpus.codebook.themes], sorted(corpus.briefs))
    names = [name for _, name in ids]
    clash = next((name for name in names if names.count(name) > 1), None)
    if clash:  # e.g. a theme whose slug is the overview's file name
        raise ReportProblem(f"two briefs would be written to the same files: {clash}")
    try:
        keys = output_keys(request, corpus.digest, day, ids)
    except OSError as error:
        raise ReportProblem(f"cannot read the templates: {error}") from None
    jobs = {name: job_for(kind, name, request.selection) for kind, name in ids}
    return [_Output(output_path(request.output_dir, name, file.suffix, request.language), jobs[name], file, key)
            for name, file, key in keys]


def _size(brief) -> int:
    """How long a brief is, roughly: its statements (the overview lists some under several themes)."""
    return getattr(brief, "entry_count", 0) or getattr(brief, "statement_count", 0)


def _render(corpus: Corpus, request: ReportRequest, day: date, outputs: list[_Output],
            progress: ReportProgress, renderer=None) -> None:
    """Fill in every output's bytes: the PDFs in the workers, the HTML files here meanwhile."""
    if renderer is None and needs_pdf_workers(output.file.format.suffix for output in outputs):
        from bottleneck_briefs.briefs.parallel_render import (
            PdfRenderer,  # imports WeasyPrint: only when a PDF is due
        )

        with PdfRenderer(request.templates_dir, request.pdf_variant, len(outputs)) as own:
            return _render(corpus, request, day, outputs, progress, own)
    jobs = list(dict.fromkeys(output.job for output in outputs))
    briefs = {}
    pdfs: dict[int, _Output] = {}
    try:
        for job in jobs:
            briefs[job] = framed(job.build(corpus, day, request.language), corpus, request.since)
        # The longest PDF first: started last, it would leave the other cores idle at the end.
        for job in sorted(jobs, key=lambda job: -_size(briefs[job])):
            for output in outputs:
                output_format = output.file.format
                if output.job is job and output_format.in_pdf_workers:
                    document = output_format.render(job, briefs[job], request)
                    pdfs[renderer.submit(document, output.file.variant)] = output
        for output in outputs:  # while the workers lay out the PDFs
            output_format = output.file.format
            if not output_format.in_pdf_workers:
                job = output.job
                output.data = output_format.render(job, briefs[job], request)
                progress.advance(output.path)
    except TemplateProblem as error:
        raise ReportProblem(f"{job.label}: {error}") from None
    except EmptySelection as error:
        raise ReportProblem(str(error)) from None
    if not pdfs:
        return
    from bottleneck_briefs.briefs.parallel_render import PdfRenderFailed

    try:
        results = renderer.collect(on_done=lambda index: progress.advance(pdfs[index].path))
    except PdfRenderFailed as failure:
        label = pdfs[failure.index].job.label
        if isinstance(failure.error, PdfProblem):
            raise ReportProblem(f"{label}: {failure.error}") from None
        if isinstance(failure.error, BrokenProcessPool):
            raise ReportProblem(f"{label}: the PDF worker process stopped unexpectedly (out of memory?)") from None
        raise ReportProblem(f"{label}: unexpected error while making the PDF: {unexpected(failure.error)}") from None
    for index, data in enumerate(results):
        pdfs[index].data = data


def unexpected(error: BaseException) -> str:
    """An unforeseen error in one line: its kind and message (e.g. a scratch folder removed mid-run)."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def write_reports(corpus: Corpus, corpus_dir: Path, request: ReportRequest,
                  progress: ReportProgress | None = None, renderer=None) -> ReportResult:
    """Render what is out of date, then write all of it; returns what was written and what was current.

    `renderer`: a started parallel_render.PdfRenderer, when the caller started one early.
    """
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
    _render(corpus, request, day, due, progress, renderer)
    try:
        Path(request.output_dir).mkdir(parents=True, exist_ok=True)
        # all files reach the disk before any replaces its predecessor: a full disk changes nothing
        write_all_atomically([(output.path, output.rendered) for output in due])
    except OSError as error:
        raise ReportProblem(f"cannot write {error.filename or request.output_dir}: {error.strerror or error}") from None
    for output in due:
        result.written.append(output.path)
        cache.record(output.path, output.key, output.rendered)
    if due:
        try:
            cache.save()
        except OSError as error:  # the briefs are written; the next run just renders them again
            result.warnings.append(f"cannot save the build cache {cache.path}: {error.strerror or error}")
    return result


def html_brief(corpus: Corpus, corpus_dir: Path, templates_dir: Path, slug: str, date: str | None = None) -> str:
    """The HTML brief of one theme or brief file exactly as `report --format html` writes it (e.g. for a live
    preview)."""
    try:
        day = brief_date(corpus_dir, date)
        brief = framed(build_composed_brief(corpus, corpus.briefs[slug], day) if slug in corpus.briefs
                       else build_brief(corpus, slug, day), corpus)
        return render_brief_html(brief, templates_dir, "html")
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    except TemplateProblem as error:
        raise ReportProblem(f"brief '{slug}': {error}") from None
