"""ODT: the brief's HTML mapped onto an OpenDocument text on the house-style reference.odt (see odt_writer)."""

from __future__ import annotations


def render(job, brief, request) -> bytes:
    from bottleneck_briefs.briefs.formats.office.odt_writer import write_odt
    from bottleneck_briefs.briefs.formats.office.office_source import brief_document

    return write_odt(brief_document(brief, request.templates_dir), request.templates_dir)
