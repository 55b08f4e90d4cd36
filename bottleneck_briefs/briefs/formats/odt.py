"""ODT: the brief's HTML mapped onto an OpenDocument text on the house-style reference.odt (see odt_writer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    from bottleneck_briefs.briefs.formats.office.odt_writer import write_odt
    from bottleneck_briefs.briefs.formats.office.office_source import brief_document

    return write_odt(brief_document(brief, request.templates_dir), request.templates_dir)


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
