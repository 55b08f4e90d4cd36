"""ODT: the brief's HTML mapped onto an OpenDocument text on the house-style reference.odt (see odt_writer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.brief_jobs import BriefJob
    from bottleneck_briefs.briefs.output_formats import AnyBrief, Renderer
    from bottleneck_briefs.briefs.report_plan import ReportRequest


def render(job: BriefJob, brief: AnyBrief, request: ReportRequest) -> bytes:
    from bottleneck_briefs.briefs.odt_writer import write_odt
    from bottleneck_briefs.briefs.office_source import brief_document

    return write_odt(brief_document(brief, request.templates_dir), request.templates_dir)


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
