"""HTML: one self-contained file for the browser, a mail attachment or an intranet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.brief_html import render_brief_html

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.brief_jobs import BriefJob
    from bottleneck_briefs.briefs.output_formats import AnyBrief, Renderer
    from bottleneck_briefs.briefs.report_plan import ReportRequest


def render(job: BriefJob, brief: AnyBrief, request: ReportRequest) -> bytes:
    return render_brief_html(brief, request.templates_dir, "html").encode("utf-8")


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
