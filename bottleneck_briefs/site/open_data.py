"""The corpus as open data: one record per statement, as JSON, CSV, XLSX and ODS, with a JSON Schema for the records.

Records hold codes, not labels (theme and facet value slugs, as the codebook
and the REFI-QDA codebook name them), so a script can join them with the
codebook; each record names its permanent page. The same corpus gives the
same bytes (sorted keys, fixed dates in the workbook).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from xlsxwriter import Workbook

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE
from bottleneck_briefs.briefs.formats.office_files import fixed_dates, inert, starts_like_formula
from bottleneck_briefs.briefs.formats.sheet_layout import WRAPPED, table_layout
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.site import site_paths as paths
from bottleneck_briefs.site.site_facets import values_of

if TYPE_CHECKING:
    from datetime import datetime

SCHEMA_ID = "statements.schema.json"
# the record's fields in their column order; the facets sit between the themes and the source
LEADING = ("id", "text", "translation_en", "themes")
TRAILING = ("document", "section", "page", "note", "page_path")
LIST_SEPARATOR = "; "  # several codes in one CSV or XLSX cell


def columns(facets: tuple[str, ...]) -> tuple[str, ...]:
    """`facets`: the codebook's, in its order."""
    return (*LEADING, *facets, *TRAILING)


def records(corpus: Corpus, statements: Iterable | None = None) -> list[dict]:
    """One dict per statement (the corpus's, or an edition's records), in order; page_path is the statement's
    page from the site's root. An edition records no translation or note: they are null there."""
    found = []
    for statement in corpus.statements if statements is None else statements:
        record: dict = {
            "id": statement.id,
            "text": statement.text,
            "translation_en": getattr(statement, "translation_en", None),
            "themes": list(statement.themes),
        }
        record.update({facet: values_of(statement, facet) for facet in corpus.codebook.facet_slugs})
        record.update(
            {
                "document": statement.source.document,
                "section": statement.source.section,
                "page": statement.source.page,
                "note": getattr(statement, "note", None),
                "page_path": paths.statement(DEFAULT_LANGUAGE, statement.id),
            }
        )
        found.append(record)
    return found


def records_json(corpus: Corpus, statements: Iterable | None = None, schema: str = SCHEMA_ID) -> bytes:
    """`schema`: the schema file as a link from where this file lies (an edition's lies deeper)."""
    return (
        json.dumps({"$schema": schema, "statements": records(corpus, statements)}, ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")


def records_schema(facets: tuple[str, ...]) -> bytes:
    """The JSON Schema of the records file (draft 2020-12)."""
    codes = {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}}
    properties = {
        "id": {"type": "string", "pattern": "^KP-[0-9]{3,}$", "description": "Permanent id of the statement."},
        "text": {"type": "string", "description": "The statement, verbatim from the source (Dutch)."},
        "translation_en": {"type": ["string", "null"], "description": "English translation, not from the source."},
        "themes": {**codes, "minItems": 1, "description": "Theme slugs from the codebook."},
        **{facet: {**codes, "description": f"Values of the codebook's facet '{facet}'."} for facet in facets},
        "document": {"type": "string", "description": "The source document's id in the codebook."},
        "section": {"type": "string", "description": "Section of the source document."},
        "page": {"type": "integer", "minimum": 1, "description": "Page of the source document."},
        "note": {"type": ["string", "null"], "description": "Editors' remark; never part of the text."},
        "page_path": {"type": "string", "description": "The statement's permanent page, from the site's root."},
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Statements (knelpunten), one record each",
        "type": "object",
        "required": ["statements"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "statements": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": list(columns(facets)),
                    "additionalProperties": False,
                    "properties": properties,
                },
            },
        },
    }
    return (json.dumps(schema, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cells(record: dict, facets: tuple[str, ...]) -> list[str | int]:
    return [
        LIST_SEPARATOR.join(value) if isinstance(value, list) else ("" if value is None else value)
        for value in (record[column] for column in columns(facets))
    ]


def records_csv(corpus: Corpus, statements: Iterable | None = None) -> bytes:
    """RFC 4180: UTF-8, commas, CRLF; a header row of the field names; cells that would run as formulas made inert."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    facets = corpus.codebook.facet_slugs
    writer.writerow(columns(facets))
    for record in records(corpus, statements):
        writer.writerow([inert(cell) if isinstance(cell, str) else cell for cell in _cells(record, facets)])
    return text.getvalue().encode("utf-8")


def records_xlsx(corpus: Corpus, day: date) -> bytes:
    """One sheet, a frozen header row with a filter; every text stored as text, never run as a formula."""
    out = io.BytesIO()
    book = Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    book.set_properties({"title": "Knelpunten", "created": _midnight(day)})
    sheet = book.add_worksheet("knelpunten")
    bold, wrapped = book.add_format({"bold": True}), book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    facets = corpus.codebook.facet_slugs
    for column, name in enumerate(columns(facets)):
        sheet.write_string(0, column, name, bold)
        sheet.set_column(column, column, 80 if name == "text" else 16)
    rows = records(corpus)
    for row, record in enumerate(rows, start=1):
        for column, cell in enumerate(_cells(record, facets)):
            if isinstance(cell, int):
                sheet.write_number(row, column, cell)
            else:
                sheet.write_string(row, column, cell, quoted if starts_like_formula(cell) else wrapped)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(columns(facets)) - 1)
    book.close()
    return fixed_dates(out.getvalue(), day)


def records_ods(corpus: Corpus, day: date) -> bytes:
    """The XLSX's sheet as an OpenDocument workbook, laid out as a brief's ODS (sheet_layout, ods.workbook): every
    text a string cell, so a text that starts like a formula is never one; dated `day`, so the same corpus gives
    the same bytes."""
    from bottleneck_briefs.briefs.formats.ods import Properties, workbook  # odfdo: only when the file is made

    facets = corpus.codebook.facet_slugs
    names = list(columns(facets))
    layout = table_layout(
        names, names, [_cells(record, facets) for record in records(corpus)], (*WRAPPED, "translation_en", *facets)
    )
    return workbook("knelpunten", layout, Properties("Knelpunten", (), DEFAULT_LANGUAGE, "", day), linked=False)


def _midnight(day: date) -> datetime:
    from datetime import datetime, time

    return datetime.combine(day, time())
