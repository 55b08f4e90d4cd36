"""Which spreadsheet column holds which field of a statement (English or Dutch names)."""

from __future__ import annotations

from bottleneck_briefs.corpus.models import Codebook
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
}  # and a column per facet of the codebook: facet_columns
REQUIRED = ("text", "themes", "section", "page")


def facet_columns(codebook: Codebook) -> dict[str, tuple[str, ...]]:
    """Each facet's column names: its slug, option, labels and the name of one value (Dutch and English)."""
    return {
        facet.slug: tuple(
            dict.fromkeys(
                name.casefold()
                for name in (facet.slug, facet.option, facet.label, facet.one, facet.label_en, facet.one_en)
                if name
            )
        )
        for facet in codebook.facets
    }


def known_names(codebook: Codebook) -> dict[str, str]:
    """Column name (casefolded) -> the field it holds."""
    every = {**COLUMNS, **facet_columns(codebook)}
    return {alias: field for field, aliases in every.items() for alias in aliases}


def column_key(label: str) -> str:
    return label.strip().rstrip(":").casefold()


def map_columns(
    header: list[str], name: str, codebook: Codebook
) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Which column holds which field: (field -> index, field -> header as written, problems)."""
    known = known_names(codebook)
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
        if key not in known:
            problem(
                label,
                f"unknown column{did_you_mean(key, known)}; the columns are: "
                f"{', '.join([*COLUMNS, *codebook.facet_slugs])} (or their Dutch names)",
            )
            continue
        field_name = known[key]
        if field_name in indexes:
            problem(label, f"a second column for '{field_name}' (the first is '{labels[field_name]}')")
            continue
        indexes[field_name], labels[field_name] = index, label.strip()
    for field_name in REQUIRED:
        if field_name not in indexes:
            problem(field_name, f"required column '{field_name}' is missing (Dutch: '{COLUMNS[field_name][1]}')")
    return indexes, labels, problems
