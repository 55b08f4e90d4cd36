"""PDF: the HTML for the paged medium, which a PDF worker process lays out with WeasyPrint (see parallel_render)."""

from __future__ import annotations

from bottleneck_briefs.briefs.render.brief_html import render_brief_html


def render(job, brief, request) -> str:
    return render_brief_html(brief, request.templates_dir, "pdf")
