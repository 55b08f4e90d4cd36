"""PDF: the HTML for the paged medium, which a PDF worker process lays out with WeasyPrint (see parallel_render)."""

from __future__ import annotations


def render(job, brief, request) -> str:
    return job.render(brief, request.templates_dir, "pdf")
