"""The one content source of the editable formats: the brief's HTML, as the templates render it, mapped.

DOCX and ODT say what the HTML and the PDF say because they are made from
the same rendered document (for the paged medium, whose fonts are referred
to rather than carried inline: the mapper reads no styling).

Rendering and mapping a long brief takes a few seconds (the overview at
5,000 statements: two), and both a brief's DOCX and its ODT need it: within
`documents_shared()` the last brief's document is kept for the next format
of that brief. Outside it every call renders anew, so that a long-running
caller (the preview) always reads a changed template. The writers only read
the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bottleneck_briefs.briefs.content.brief_parts import BriefHeader
from bottleneck_briefs.briefs.formats.office.office_mapping import office_document
from bottleneck_briefs.briefs.formats.office.office_model import OfficeDocument
from bottleneck_briefs.briefs.render.brief_html import render_brief_html

_sharing = False
_last: tuple[BriefHeader, Path, OfficeDocument] | None = None  # within documents_shared(): the last one made


def brief_document(brief: BriefHeader, templates_dir: Path) -> OfficeDocument:
    """The office document model of any brief (a theme's, a composed one, the overview)."""
    global _last
    if _sharing and _last is not None and _last[0] is brief and _last[1] == Path(templates_dir):
        return _last[2]
    document = office_document(render_brief_html(brief, templates_dir, "pdf"))
    if _sharing:
        _last = (brief, Path(templates_dir), document)
    return document


@contextmanager
def documents_shared() -> Iterator[None]:
    """Within it, the editable formats of one brief made in a row share its document (see above)."""
    global _sharing, _last
    outer = _sharing
    _sharing = True
    try:
        yield
    finally:
        _sharing = outer
        if not outer:
            _last = None
