"""DOCX: the brief as a Word document on the house-style reference document (see docx_document)."""

from __future__ import annotations


def render(job, brief, request) -> bytes:
    from bottleneck_briefs.briefs.docx_brief import render_docx
    from bottleneck_briefs.briefs.office_files import refuse_unwritable_text

    refuse_unwritable_text(brief, "the Word file")  # before lxml refuses it halfway with its own error
    return render_docx(brief, request.templates_dir)
