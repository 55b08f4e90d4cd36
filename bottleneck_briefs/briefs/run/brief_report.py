"""Render and write the files a report plan found due (see report_plan and report_run).

Every file that needs making is rendered in memory first; only when all of
them succeeded is anything written: each to a temporary file on disk, and only
when all are there are they renamed over the earlier ones. So a template error
in the third theme does not leave a mix of new and old briefs behind, and the
corpus is only ever read. The PDFs are rendered in parallel (see
parallel_render) while the HTML files are rendered here.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bottleneck_briefs.basics.atomic_write import write_all_atomically
from bottleneck_briefs.basics.names import OVERVIEW_NAME
from bottleneck_briefs.briefs.content.brief_data import build_brief
from bottleneck_briefs.briefs.content.brief_date import BriefDateError, brief_date
from bottleneck_briefs.briefs.content.composed_brief import EmptySelectionError, build_composed_brief
from bottleneck_briefs.briefs.content.note_data import NoteError
from bottleneck_briefs.briefs.content.overview_data import build_overview
from bottleneck_briefs.briefs.content.publication_data import framed
from bottleneck_briefs.briefs.formats.office_files import UnwritableTextError
from bottleneck_briefs.briefs.formats.output_formats import OutputFile, needs_pdf_workers
from bottleneck_briefs.briefs.formats.pdf_output import PdfError
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError
from bottleneck_briefs.briefs.run.brief_jobs import BriefJob, job_for, note_job
from bottleneck_briefs.briefs.run.report_plan import (
    PlannedFile,
    ReportError,
    ReportPlan,
    ReportProgress,
    ReportRequest,
    ReportResult,
)
from bottleneck_briefs.corpus.loading import Corpus

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.content.brief_parts import BriefHeader
    from bottleneck_briefs.briefs.run.parallel_render import PdfRenderer


@dataclass
class _Output:
    planned: PlannedFile
    job: BriefJob
    data: bytes | None = None  # filled in by _render

    @property
    def path(self) -> Path:
        return self.planned.path

    @property
    def file(self) -> OutputFile:  # its format, name suffix and variant
        return self.planned.file

    @property
    def rendered(self) -> bytes:
        if self.data is None:
            raise RuntimeError(f"{self.path} was never rendered")
        return self.data


def _size(brief: BriefHeader) -> int:
    """How long a brief is, roughly: its statements (the overview lists some under several themes)."""
    return getattr(brief, "entry_count", 0) or getattr(brief, "statement_count", 0)


def _documents_shared(outputs: list[_Output]) -> AbstractContextManager[None]:
    """office_source.documents_shared when a DOCX or ODT is due (imported only then: it loads lxml and Jinja)."""
    if not any(output.file.format.office_document for output in outputs):
        return nullcontext()
    from bottleneck_briefs.briefs.formats.office.office_source import documents_shared

    return documents_shared()


def _render(
    corpus: Corpus,
    request: ReportRequest,
    day: date,
    outputs: list[_Output],
    progress: ReportProgress,
    renderer: PdfRenderer | None = None,
) -> None:
    """Fill in every output's bytes: the PDFs in the workers, the HTML files here meanwhile."""
    if renderer is None and needs_pdf_workers(output.file.format.suffix for output in outputs):
        from bottleneck_briefs.briefs.run.parallel_render import (
            PdfRenderer,  # imports WeasyPrint: only when a PDF is due
        )

        with PdfRenderer(request.templates_dir, request.pdf_variant, len(outputs)) as own:
            return _render(corpus, request, day, outputs, progress, own)
    jobs = list(dict.fromkeys(output.job for output in outputs))
    briefs = {}
    pdfs: dict[int, _Output] = {}
    try:
        for job in jobs:
            built = job.build(corpus, day, request.language)
            # a note written against an edition shows what changed since, unless --since names another
            briefs[job] = framed(built, corpus, request.since or getattr(built, "edition", None))
        # The longest PDF first: started last, it would leave the other cores idle at the end.
        for job in sorted(jobs, key=lambda job: -_size(briefs[job])):
            for output in outputs:
                output_format = output.file.format
                if output.job is job and output_format.in_pdf_workers:
                    document = output_format.render(job, briefs[job], request)
                    assert renderer is not None and isinstance(document, str)  # started above; the HTML to lay out
                    pdfs[renderer.submit(document, output.file.variant)] = output
        with _documents_shared(outputs):  # a brief's DOCX and ODT, one after the other, from one document
            for output in outputs:  # while the workers lay out the PDFs
                output_format = output.file.format
                if not output_format.in_pdf_workers:
                    job = output.job
                    data = output_format.render(job, briefs[job], request)
                    assert isinstance(data, bytes)  # only a format laid out in the PDF workers renders text
                    output.data = data
                    progress.advance(output.path)
    except TemplateFileError as error:
        raise ReportError(f"{job.label}: {error}") from None
    except (EmptySelectionError, NoteError) as error:
        raise ReportError(str(error)) from None
    except UnwritableTextError as error:
        raise ReportError(f"{job.label}: {error}") from None
    if not pdfs:
        return
    from concurrent.futures.process import BrokenProcessPool

    from bottleneck_briefs.briefs.run.parallel_render import PdfRenderError

    assert renderer is not None  # there are PDFs: it was started above
    try:
        results = renderer.collect(on_done=lambda index: progress.advance(pdfs[index].path))
    except PdfRenderError as failure:
        label = pdfs[failure.index].job.label
        if isinstance(failure.error, PdfError):
            raise ReportError(f"{label}: {failure.error}") from None
        if isinstance(failure.error, BrokenProcessPool):
            raise ReportError(f"{label}: the PDF worker process stopped unexpectedly (out of memory?)") from None
        raise ReportError(f"{label}: unexpected error while making the PDF: {unexpected(failure.error)}") from None
    for index, data in enumerate(results):
        pdfs[index].data = data


def unexpected(error: BaseException) -> str:
    """An unforeseen error in one line: its kind and message (e.g. a scratch folder removed mid-run)."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def write_reports(
    corpus: Corpus, plan: ReportPlan, progress: ReportProgress | None = None, renderer: PdfRenderer | None = None
) -> ReportResult:
    """Render the files the plan found due, then write all of them; returns what was written and what was current.

    `renderer`: a started parallel_render.PdfRenderer, when the caller started one early.
    """
    progress = progress or ReportProgress()
    request = plan.request
    jobs: dict[tuple[str, str], BriefJob] = {}
    due = [
        _Output(
            planned,
            jobs.setdefault(
                (planned.kind, planned.name),
                job_for(planned.kind, planned.name, request.selection, request.templates_dir),
            ),
        )
        for planned in plan.due
    ]
    result = plan.result()
    progress.start(len(due))
    _render(corpus, request, plan.day, due, progress, renderer)
    try:
        Path(request.output_dir).mkdir(parents=True, exist_ok=True)
        # all files reach the disk before any replaces its predecessor: a full disk changes nothing
        write_all_atomically([(output.path, output.rendered) for output in due])
    except OSError as error:
        raise ReportError(f"cannot write {error.filename or request.output_dir}: {error.strerror or error}") from None
    cache = plan.cache
    for output in due:
        result.written.append(output.path)
        cache.record(output.path, output.planned.key, output.rendered)
    if due:
        try:
            cache.save()
        except OSError as error:  # the briefs are written; the next run just renders them again
            result.warnings.append(f"cannot save the build cache {cache.path}: {error.strerror or error}")
    return result


def html_brief(corpus: Corpus, corpus_dir: Path, templates_dir: Path, slug: str, date: str | None = None) -> str:
    """The HTML brief of one theme, brief file or the overview (OVERVIEW_NAME) exactly as `report --format html`
    writes it (e.g. for a live preview)."""
    from bottleneck_briefs.briefs.render.brief_html import render_brief_html

    try:
        day = brief_date(corpus_dir, date)
        if slug in corpus.notes:
            built = note_job(slug, templates_dir).build(corpus, day, "nl")
            brief = framed(built, corpus, built.edition)
        elif slug == OVERVIEW_NAME:
            brief = framed(build_overview(corpus, day), corpus)
        else:
            brief = framed(
                build_composed_brief(corpus, corpus.briefs[slug], day)
                if slug in corpus.briefs
                else build_brief(corpus, slug, day),
                corpus,
            )
        return render_brief_html(brief, templates_dir, "html")
    except BriefDateError as error:
        raise ReportError(str(error)) from None
    except TemplateFileError as error:
        raise ReportError(f"brief '{slug}': {error}") from None
    except NoteError as error:
        raise ReportError(str(error)) from None
