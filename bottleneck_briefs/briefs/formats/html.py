"""HTML: one self-contained file for the browser, a mail attachment or an intranet."""

from __future__ import annotations

from bottleneck_briefs.briefs.render.brief_html import render_brief_html


def render(job, brief, request) -> bytes:
    return render_brief_html(brief, request.templates_dir, "html").encode("utf-8")
