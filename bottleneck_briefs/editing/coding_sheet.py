"""The coding sheet for a second coder: its columns and rows, computed once for every file format.

One row per statement (id and verbatim text), one column per theme to mark
with an x, one per facet to fill in with values, and a column for the coder's
remark; nothing of the corpus's own coding is shown. A second table holds
the codebook: what each theme means and when to use it, and the values of
each facet. The writers (coding_sheet_files) only lay these tables out, and
`import-coding` reads the columns back by the same headers.
"""

from __future__ import annotations

from dataclasses import dataclass

from bottleneck_briefs.corpus.coding_models import codebook_facets
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Codebook

ID, TEXT, THEME, FACET, REMARK = "id", "text", "theme", "facet", "remark"
# headers as the sheet writes them, and the other names import accepts (compared case-insensitively)
FIXED_HEADERS = {
    ID: ("id", "nummer"),
    TEXT: ("tekst", "text", "uitspraak"),
    REMARK: ("opmerking", "remark", "toelichting"),
}
MARK = "x"
MARKS = {"x", "ja", "yes", "1", "v", "✓", "✔"}  # what counts as a theme marked, case-insensitively
NO_MARKS = {"", "0", "nee", "no", "-"}
INSTRUCTIONS = (
    "Codeer elke uitspraak zelfstandig met het codeboek hieronder, zonder de codering van de redactie te zien.",
    f"Zet een {MARK} in de kolom van elk thema dat van toepassing is (minstens één per uitspraak).",
    "Vul per facet de waarden in die de uitspraak noemt, gescheiden door komma's; laat het vak leeg als er geen is.",
    "Twijfel? Schrijf het in de kolom 'opmerking' (nooit een naam of ander persoonsgegeven).",
    "Laat een hele rij leeg om een uitspraak over te slaan: die telt dan niet mee.",
)


@dataclass(frozen=True)
class SheetColumn:
    kind: str  # ID, TEXT, THEME, FACET or REMARK
    key: str  # the theme's slug or the facet's name; the kind for the others
    header: str
    width: int  # in characters


@dataclass(frozen=True)
class CodingSheet:
    columns: tuple[SheetColumn, ...]
    rows: tuple[tuple[str, ...], ...]  # per statement: id, text, then empty cells to fill in
    codebook_header: tuple[str, ...]
    codebook_rows: tuple[tuple[str, ...], ...]
    instructions: tuple[str, ...] = INSTRUCTIONS


def sheet_columns(codebook: Codebook) -> tuple[SheetColumn, ...]:
    """The columns in order: id, text, a theme's title per theme, a facet's name per facet, remark."""
    return (
        SheetColumn(ID, ID, FIXED_HEADERS[ID][0], 10),
        SheetColumn(TEXT, TEXT, FIXED_HEADERS[TEXT][0], 70),
        *(
            SheetColumn(THEME, theme.slug, theme.title, max(6, min(len(theme.title), 16)) + 2)
            for theme in codebook.themes
        ),
        *(SheetColumn(FACET, facet, facet, 24) for facet in codebook_facets(codebook)),
        SheetColumn(REMARK, REMARK, FIXED_HEADERS[REMARK][0], 40),
    )


def coding_sheet(corpus: Corpus) -> CodingSheet:
    columns = sheet_columns(corpus.codebook)
    blanks = ("",) * (len(columns) - 2)
    rows = tuple((statement.id, statement.text, *blanks) for statement in corpus.statements)
    header, codebook_rows = codebook_table(corpus.codebook)
    return CodingSheet(columns, rows, header, codebook_rows)


def codebook_table(codebook: Codebook) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(header, rows): each theme with its definition and guidance, then each facet's values."""
    header = ("soort", "code", "naam", "definitie", "wel van toepassing", "niet van toepassing")
    rows = [
        ("thema", theme.slug, theme.title, theme.definition, theme.use_when, theme.not_when)
        for theme in codebook.themes
    ]
    rows += [
        (facet, value.slug, value.label, "", "", "")
        for facet, values in codebook_facets(codebook).items()
        for value in values
    ]
    return header, tuple(rows)
