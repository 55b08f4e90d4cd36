"""One report run, in one path: plan (light), then load, render and write from that plan.

    plan          hash the corpus files, read the codebook's themes and the names of the
                  brief and edition files, work out the date and every file's key
                  (report_plan): nothing heavy is imported
    up to date?   then that is the answer: the corpus is never loaded
    PDF workers   forked now, before the corpus loads, so that they import WeasyPrint
                  while this process loads the corpus and renders the HTML
    load          the caller's `load` (it reports the corpus's problems its own way), then
                  its `resolve`: the request as the loaded corpus reads it
    render, write only the files the plan found due (brief_report)

Only when the files cannot be planned without loading them (an unreadable
codebook, an unknown theme, brief or edition, a bad date, a selection given
on the command line) is the corpus loaded first: its own problems are then
reported before anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.run.report_plan import (
    CorpusFacts,
    ReportProgress,
    ReportRequest,
    ReportResult,
    light_plan,
    plan_report,
)

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.loading import Corpus  # heavy (pydantic): for the types only


def facts_of(corpus: Corpus) -> CorpusFacts:
    """What the plan needs, from a loaded corpus."""
    return CorpusFacts(
        corpus.digest,
        tuple(theme.slug for theme in corpus.codebook.themes),
        tuple(sorted(corpus.briefs)),
        tuple(edition.edition for edition in corpus.editions),
        tuple(sorted(corpus.notes)),
    )


def run_report(
    corpus_dir: Path,
    request: ReportRequest,
    load: Callable[[Path], Corpus],
    progress: ReportProgress | None = None,
    resolve: Callable[[Corpus, ReportRequest], ReportRequest] | None = None,
    plan_first: bool = True,
) -> ReportResult:
    """Make the reports `request` asks for; ReportError (report_plan) when they cannot be made.

    `load(corpus_dir)` returns the loaded corpus, or does not return (it reports the corpus's problems).
    `resolve(corpus, request)`, when given, returns the request as the loaded corpus reads it (theme titles
    as slugs, a command-line selection), or does not return (it reports what does not fit the corpus).
    `plan_first=False`: the request is only complete once the corpus is loaded (a selection given on the
    command line), so there is no up-to-date answer without loading it.
    """
    progress = progress or ReportProgress()
    corpus: Corpus | None = None
    plan = light_plan(corpus_dir, request) if plan_first else None
    if plan is None:
        corpus = load(corpus_dir)
        request = resolve(corpus, request) if resolve else request
        plan = plan_report(corpus_dir, request, facts_of(corpus))
    if not plan.due:
        return plan.result()

    from contextlib import AbstractContextManager, nullcontext

    from bottleneck_briefs.basics.interrupts import terminate_like_interrupt

    terminate_like_interrupt()  # a kill ends the workers and removes the temporary files, as Ctrl-C does
    workers: AbstractContextManager = nullcontext()  # no PDF due: no worker processes, not even their module
    if plan.pdfs_due:
        from bottleneck_briefs.briefs.run.parallel_render import PdfRenderer

        workers = PdfRenderer(request.templates_dir, request.pdf_variant, plan.pdfs_due)
    with workers as renderer:
        from bottleneck_briefs.briefs.run.brief_report import write_reports  # the brief code, while the workers start

        if corpus is None:
            corpus = load(corpus_dir)
            resolved = resolve(corpus, request) if resolve else request
            # a file changed after it was hashed, or the corpus reads the request otherwise: key by what was loaded
            if facts_of(corpus) != plan.facts or resolved != request:
                plan = plan_report(corpus_dir, resolved, facts_of(corpus))
        return write_reports(corpus, plan, progress, renderer)
