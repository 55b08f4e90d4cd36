"""CSV: one row per statement, for Excel with Dutch settings and any other spreadsheet or script.

UTF-8 with a byte order mark, so that Excel reads accents and quotes right
instead of guessing a Windows code page; `;` between cells, because Excel
splits a double-clicked CSV on the list separator of the reader's regional
settings, which is `;` wherever the decimal separator is `,` (the Netherlands,
most of Europe). Lines end in CRLF (RFC 4180); cells that would start a
formula get an apostrophe (office_files.inert).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.formats.export_view import header, rows
from bottleneck_briefs.briefs.formats.office_files import inert

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.formats.output_formats import AnyBrief, Renderer, RenderJob, RenderRequest

DELIMITER = ";"


def render(job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([inert(cell) for cell in header(brief)])
    for row in rows(brief):
        writer.writerow([inert(cell) if isinstance(cell, str) else cell for cell in row.cells()])
    return text.getvalue().encode("utf-8-sig")


if TYPE_CHECKING:  # mypy checks render() against the contract of every output format
    _RENDER: Renderer = render
