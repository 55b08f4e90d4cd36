"""DOCX: the brief's HTML mapped onto a Word document on the house-style reference document."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.brief_jobs import BriefJob
    from bottleneck_briefs.briefs.output_formats import AnyBrief, Renderer
    from bottleneck_briefs.briefs.report_plan import ReportRequest


def render(job: BriefJob, brief: AnyBrief, request: ReportRequest) -> bytes:
    from bottleneck_briefs.briefs.docx_writer import write_docx
    from bottleneck_briefs.briefs.office_files import refuse_unwritable_text
    from bottleneck_briefs.briefs.office_source import brief_document

    refuse_unwritable_text(brief, "the Word file")  # before lxml refuses it halfway with its own error
    return write_docx(brief_document(brief, request.templates_dir), request.templates_dir)


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
