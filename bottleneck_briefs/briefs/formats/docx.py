"""DOCX: the brief's HTML mapped onto a Word document on the house-style reference document."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    from bottleneck_briefs.briefs.formats.office.docx_writer import write_docx
    from bottleneck_briefs.briefs.formats.office.office_source import brief_document
    from bottleneck_briefs.briefs.formats.office_files import refuse_unwritable_text

    refuse_unwritable_text(brief, "the Word file")  # before lxml refuses it halfway with its own error
    return write_docx(brief_document(brief, request.templates_dir), request.templates_dir)


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
