"""HTML: one self-contained file for the browser, a mail attachment or an intranet."""

from __future__ import annotations


def render(job, brief, request) -> bytes:
    return job.render(brief, request.templates_dir, "html").encode("utf-8")
