"""The office document model as a Word document, on the house-style reference document (see docx_document).

Headings carry Word's heading styles (the navigation pane and the table of
contents follow them), every HTML id is a bookmark that links and the table
of contents point at, and each run keeps its language.
"""

from __future__ import annotations

from pathlib import Path

from bottleneck_briefs.briefs.formats.office.docx_document import WordDocument, reference_document
from bottleneck_briefs.briefs.formats.office.office_model import ListBlock, OfficeDocument, PageBreak, Paragraph, Table


def write_docx(model: OfficeDocument, templates_dir: Path) -> bytes:
    word = WordDocument(reference_document(templates_dir), model.properties.language)
    for block in model.blocks:
        if isinstance(block, Paragraph):
            word.paragraph(block.style, block.runs, block.anchors)
        elif isinstance(block, Table):
            word.table(block)
        elif isinstance(block, ListBlock):
            for item in block.items:
                word.paragraph(item.style, item.runs, item.anchors)
        elif isinstance(block, PageBreak):
            word.page_break()
        else:
            word.table_of_contents(block)
    if model.running_label:
        word.running_label(model.running_label)
    return word.finish(model.properties)
