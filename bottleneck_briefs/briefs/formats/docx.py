"""DOCX: the brief's HTML mapped onto a Word document on the house-style reference document."""

from __future__ import annotations


def render(job, brief, request) -> bytes:
    from bottleneck_briefs.briefs.docx_writer import write_docx
    from bottleneck_briefs.briefs.office_source import brief_document

    return write_docx(brief_document(brief, request.templates_dir), request.templates_dir)
