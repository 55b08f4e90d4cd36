"""PDF: the HTML for the paged medium, which a PDF worker process lays out with WeasyPrint (see parallel_render)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.render.brief_html import render_brief_html

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> str:
    return render_brief_html(brief, request.templates_dir, "pdf")


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
