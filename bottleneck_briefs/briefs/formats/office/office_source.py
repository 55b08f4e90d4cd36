"""The one content source of the editable formats: the brief's HTML, as the templates render it, mapped.

DOCX and ODT say what the HTML and the PDF say because they are made from
the same rendered document (for the paged medium, whose fonts are referred
to rather than carried inline: the mapper reads no styling).
"""

from __future__ import annotations

from pathlib import Path

from bottleneck_briefs.briefs.content.brief_parts import BriefHeader
from bottleneck_briefs.briefs.formats.office.office_mapping import office_document
from bottleneck_briefs.briefs.formats.office.office_model import OfficeDocument
from bottleneck_briefs.briefs.render.brief_html import render_brief_html


def brief_document(brief: BriefHeader, templates_dir: Path) -> OfficeDocument:
    """The office document model of any brief (a theme's, a composed one, the overview)."""
    return office_document(render_brief_html(brief, templates_dir, "pdf"))
