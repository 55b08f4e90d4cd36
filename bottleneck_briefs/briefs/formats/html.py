"""HTML: one self-contained file for the browser, a mail attachment or an intranet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.render.brief_html import render_brief_html

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    return render_brief_html(brief, request.templates_dir, "html").encode("utf-8")


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
