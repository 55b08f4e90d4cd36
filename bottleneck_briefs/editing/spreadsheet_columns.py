"""Which spreadsheet column holds which field of a statement (English or Dutch names)."""

from __future__ import annotations

from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean

# The column names a spreadsheet may use, English and Dutch; compared case-insensitively.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "tekst", "uitspraak", "knelpunt"),
    "themes": ("themes", "theme", "thema's", "themas", "thema"),
    "section": ("section", "paragraaf", "sectie"),
    "page": ("page", "pagina", "blz", "bladzijde"),
    "facets": ("facets", "facetten"),
    "note": ("note", "noot", "opmerking", "toelichting"),
    "document": ("document", "bron"),
    "doelgroep": ("doelgroep", "doelgroepen", "target group"),
    "partijen": ("partijen", "partij", "parties"),
    "uitbuitingsvorm": ("uitbuitingsvorm", "form of exploitation"),
}
REQUIRED = ("text", "themes", "section", "page")
KNOWN_NAMES = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}


def column_key(label: str) -> str:
    return label.strip().rstrip(":").casefold()


def map_columns(header: list[str], name: str) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Which column holds which field: (field -> index, field -> header as written, problems)."""
    indexes: dict[str, int] = {}
    labels: dict[str, str] = {}
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(name, 1, None, column, message))

    for index, label in enumerate(header):
        key = column_key(label)
        if not key:
            continue
        if key == "id":
            problem(label, "ids are given by the import; remove this column")
            continue
        if key not in KNOWN_NAMES:
            problem(label, f"unknown column{did_you_mean(key, KNOWN_NAMES)}; the columns are: "
                           f"{', '.join(COLUMNS)} (or their Dutch names)")
            continue
        field_name = KNOWN_NAMES[key]
        if field_name in indexes:
            problem(label, f"a second column for '{field_name}' (the first is '{labels[field_name]}')")
            continue
        indexes[field_name], labels[field_name] = index, label.strip()
    for field_name in REQUIRED:
        if field_name not in indexes:
            problem(field_name, f"required column '{field_name}' is missing (Dutch: '{COLUMNS[field_name][1]}')")
    return indexes, labels, problems
