"""One spreadsheet row into one statement's data, in the corpus's own terms.

This only translates what a spreadsheet holds into what a statement file would
hold: lists split at commas, theme titles and facet labels turned into their
slugs, a number cell into a section, the document found from the section.
Whether the result is right is judged afterwards by the same data model and
cross-file rules as `check` (see spreadsheet_import), never here.
`SpreadsheetRows` lets those rules name a spreadsheet row and column.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bottleneck_briefs.corpus.models import Codebook
from bottleneck_briefs.corpus.problems import ERROR, Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean
from bottleneck_briefs.corpus.vocabulary_lookup import Vocabulary
from bottleneck_briefs.corpus.yaml_reading import Path_, YamlFile, format_path

LIST_SEPARATOR = re.compile(r"[,;\n]")
PLACEHOLDER_ID = "KP-000"  # until the rows that will be imported get their ids


@dataclass
class RowStatement:
    row: int
    data: dict  # the statement as a statement file would hold it
    columns: dict[str, str]  # field ("text", "source.section", "doelgroep", ...) -> its column as written
    problems: list[Problem] = field(default_factory=list)  # what could not be translated


@dataclass
class SpreadsheetRows(YamlFile):
    """The rows as a corpus file of statements, whose problems point at a spreadsheet row and column."""

    rows: list[RowStatement] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int, int]:
        return (self.rows[path[1]].row, 1) if len(path) > 1 else (1, 1)

    def problem(self, path: Path_, message: str, *, at_key: bool = False, severity: str = ERROR) -> Problem:
        row = self.rows[path[1]]
        inner = tuple(path[2:])
        key = ".".join(str(part) for part in inner[:2]) if inner[:1] == ("source",) else str(inner[0]) if inner else ""
        column = row.columns.get(key) or row.columns.get(str(inner[0]) if inner else "") or format_path(inner)
        return Problem(self.display_name, row.row, None, column, message, severity)


def split_list(value: object) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in LIST_SEPARATOR.split(str(value)) if part.strip()]


class RowConverter:
    def __init__(self, codebook: Codebook, name: str, indexes: dict[str, int], labels: dict[str, str]):
        self.name, self.indexes, self.labels = name, indexes, labels
        self.vocabulary = Vocabulary(codebook)  # titles and labels for slugs, in any case, as everywhere
        self.facets = codebook.facet_slugs
        self.sections = {
            document.id: [section.number for section in document.sections] for document in codebook.documents
        }

    def convert(self, number: int, cells: list) -> RowStatement:
        labels = self.labels
        columns = {
            "text": labels["text"],
            "themes": labels["themes"],
            "source.section": labels["section"],
            "source.page": labels["page"],
            "source.document": labels.get("document", labels["section"]),
            "note": labels.get("note", "note"),
            "id": "id",
        }
        row = RowStatement(number, {}, columns)

        def cell(field_name: str) -> object:
            index = self.indexes.get(field_name)
            return cells[index] if index is not None and index < len(cells) else None

        def error(column: str, message: str) -> None:
            row.problems.append(Problem(self.name, number, None, column, message))

        text = cell("text")
        if text in (None, ""):
            error(labels["text"], "is empty: every row needs the statement's text")
        themes = [self.vocabulary.theme(value) or value for value in split_list(cell("themes"))]
        if not themes:
            error(labels["themes"], "is empty: give at least one theme, e.g. 'financiering'")
        facets = self._facets(cell, row, error)
        section = self._section(cell("section"), lambda message: error(labels["section"], message))
        page = self._page(cell("page"), lambda message: error(labels["page"], message))
        document = self._document(cell("document"), section, lambda message: error(columns["source.document"], message))
        note = cell("note")
        row.data = {
            "id": PLACEHOLDER_ID,
            "text": text if text is None or isinstance(text, str) else str(text),
            "source": {"document": document, "section": section, "page": page},
            "themes": themes,
            **{facet: values for facet, values in facets.items() if values},
        }
        if note not in (None, ""):
            row.data["note"] = str(note)
        return row

    def _facets(
        self, cell: Callable[[str], object], row: RowStatement, error: Callable[[str, str], None]
    ) -> dict[str, list[str]]:
        facets: dict[str, list[str]] = {facet: [] for facet in self.facets}

        def add(facet: str, value: str, column: str) -> None:
            facets[facet].append(self.vocabulary.facet_value(facet, value) or value)
            row.columns.setdefault(facet, column)

        for facet in self.facets:
            for value in split_list(cell(facet)):
                add(facet, value, self.labels[facet])
        column = self.labels.get("facets", "facets")
        for group in re.split(r";|\n", str(cell("facets") or "")):
            if not group.strip():
                continue
            facet, _, values = group.partition(":") if ":" in group else ("", "", group)
            facet = facet.strip().casefold()
            if facet and facet not in self.facets:
                error(
                    column, f"unknown facet '{facet}'{did_you_mean(facet, self.facets)}; write e.g. '{self._example()}'"
                )
                continue
            for value in split_list(values.replace(";", ",")):
                owner = facet or self._owner(value, lambda message: error(column, message))
                if owner:
                    add(owner, value, column)
        return facets

    def _example(self) -> str:
        """E.g. 'doelgroep: minderjarigen; partijen: politie', from the codebook's first two facets."""
        return "; ".join(f"{facet}: {self.vocabulary.facet_slugs[facet][0]}" for facet in self.facets[:2])

    def _owner(self, value: str, error: Callable[[str], None]) -> str | None:
        """The facet a bare value belongs to (`politie` is one of `partijen`)."""
        owners = [facet for facet in self.facets if self.vocabulary.facet_value(facet, value)]
        if len(owners) == 1:
            return owners[0]
        if owners:
            error(f"'{value}' is a value of {' and '.join(owners)}; write e.g. '{owners[0]}: {value}'")
        else:
            every = {known for facet in self.facets for known in self.vocabulary.facet_values[facet]}
            error(f"unknown facet value '{value}'{did_you_mean(value.casefold(), every)}")
        return None

    def _section(self, value: object, error: Callable[[str], None]) -> str | None:
        if value is None or value == "":
            error('is empty: give the section of the source, e.g. "2.16"')
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            error(
                f"is a date ({value:%Y-%m-%d}): the spreadsheet turned the section number into a date; "
                "format the column as text"
            )
            return None
        if isinstance(value, float):
            value = format(value, "g")  # a number cell: 2.16 -> "2.16" (2.10 would read as "2.1": use text cells)
        return str(value).strip().removeprefix("§").strip()

    def _page(self, value: object, error: Callable[[str], None]) -> int | None:
        if isinstance(value, bool):
            error(f"must be a whole number, not {value}")
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = "" if value is None else str(value).strip()
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        error(
            "is empty: give the page number of the source"
            if not text
            else f"must be a whole number, e.g. 26, not '{text}'"
        )
        return None

    def _document(self, value: object, section: str | None, error: Callable[[str], None]) -> str | None:
        """The document as written, else the one document whose sections hold this section."""
        if value not in (None, ""):
            return str(value).strip()
        if section is None:
            return None
        owners = [document for document, numbers in self.sections.items() if section in numbers]
        if len(owners) == 1 or len(self.sections) == 1:
            return (owners or list(self.sections))[0]  # one document: the rules name a missing section
        if owners:
            error(f"section \"{section}\" is in several documents ({', '.join(owners)}); add a 'document' column")
        else:
            every = sorted({number for numbers in self.sections.values() for number in numbers})
            error(
                f'section "{section}" is not in the codebook{did_you_mean(section, every)}; add it to the '
                "document's sections in codebook.yaml first, or add a 'document' column"
            )
        return None
