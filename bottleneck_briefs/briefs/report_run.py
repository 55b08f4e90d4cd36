"""One report run, in one path: plan (light), then load, render and write from that plan.

    plan          hash the corpus files, read the codebook's themes, work out the date
                  and every file's key (report_plan): nothing heavy is imported
    up to date?   then that is the answer: the corpus is never loaded
    PDF workers   forked now, before the corpus loads, so that they import WeasyPrint
                  while this process loads the corpus and renders the HTML
    load          the caller's `load` (it reports the corpus's problems its own way)
    render, write only the files the plan found due (brief_report)

Only when the files cannot be planned without loading them (an unreadable
codebook, an unknown theme, a bad date) is the corpus loaded first: its own
problems are then reported before anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.report_plan import (
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
    return CorpusFacts(corpus.digest, tuple(theme.slug for theme in corpus.codebook.themes))


def run_report(corpus_dir: Path, request: ReportRequest, load: Callable[[Path], Corpus],
               progress: ReportProgress | None = None) -> ReportResult:
    """Make the reports `request` asks for; ReportProblem (report_plan) when they cannot be made.

    `load(corpus_dir)` returns the loaded corpus, or does not return (it reports the corpus's problems).
    """
    progress = progress or ReportProgress()
    corpus: Corpus | None = None
    plan = light_plan(corpus_dir, request)
    if plan is None:
        corpus = load(corpus_dir)
        plan = plan_report(corpus_dir, request, facts_of(corpus))
    if not plan.due:
        return plan.result()

    from bottleneck_briefs.briefs.parallel_render import PdfRenderer

    with PdfRenderer(request.templates_dir, request.pdf_variant, plan.pdfs_due) as renderer:
        from bottleneck_briefs.briefs.brief_report import write_reports  # the brief code, while the workers start

        if corpus is None:
            corpus = load(corpus_dir)
            if facts_of(corpus) != plan.facts:  # a file changed after it was hashed: key by what was loaded
                plan = plan_report(corpus_dir, request, facts_of(corpus))
        return write_reports(corpus, plan, progress, renderer)
