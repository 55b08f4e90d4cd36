"""A second coding end to end: export the coding sheet, fill it in (openpyxl, as a coder would in Excel), import it,
and `agreement` gives the kappa per theme a hand computation gives; planted mistakes in the sheet and in the YAML
are named by their place; the colophon states the agreement, and says nothing without a coding."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from openpyxl import load_workbook

import bottleneck_briefs.basics.corpus_lock as corpus_lock_module
from bottleneck_briefs.basics.corpus_lock import WAITING_MESSAGE
from bottleneck_briefs.corpus.loading import load_corpus
from conftest import ROOT, invoke
from test_corpus_lock import holder  # noqa: F401 - the fixture: another process holding the corpus lock
from test_lazy_imports import HEAVY, imported_modules, importtime

FACETS = load_corpus(ROOT / "bottlenecks").corpus.codebook.facet_slugs  # the shipped corpus's, in codebook order

DAY = "2026-11-30"
# the planted differences of the second coder: (statement, theme) pairs dropped and added
DROPPED = {("KP-004", "preventie"), ("KP-007", "prioritering")}
ADDED = {("KP-001", "signalering"), ("KP-005", "beleid")}
LEFT_EMPTY = "KP-003"
REMARK = "Aangifte raakt aan het strafproces, maar de kern is beleid."


def export_sheet(corpus_dir: Path, target: Path) -> None:
    result = invoke("export", "coding-sheet", target, "--corpus", corpus_dir)
    assert result.exit_code == 0, result.output


def second_coding(statement, column: str, titles: dict[str, str]) -> str | None:
    """What the planted second coder writes in one cell: the corpus's coding, but for the planted differences."""
    if column in titles:
        slug = titles[column]
        marked = (slug in statement.themes or (statement.id, slug) in ADDED) and (statement.id, slug) not in DROPPED
        return "x" if marked else None
    if column in FACETS:
        return ", ".join(statement.facet_values(column)) or None
    if column == "opmerking" and statement.id == "KP-001":
        return REMARK
    return None


def fill_sheet(corpus_dir: Path, sheet: Path, target: Path, edit=None) -> None:
    corpus = load_corpus(corpus_dir).corpus
    titles = {theme.title: theme.slug for theme in corpus.codebook.themes}
    statements = {statement.id: statement for statement in corpus.statements}
    book = load_workbook(sheet)
    rows = book["Codering"]
    header = [cell.value for cell in rows[1]]
    for row in rows.iter_rows(min_row=2):
        statement = statements[row[0].value]
        if statement.id == LEFT_EMPTY:
            continue
        for cell, column in zip(row[2:], header[2:], strict=True):
            cell.value = second_coding(statement, column, titles)
    if edit:
        edit(rows, header)
    book.save(target)


@pytest.fixture
def coded_corpus(corpus_copy, tmp_path) -> Path:
    """The shipped corpus with the planted second coding `tweede` imported from a filled-in sheet."""
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")
    fill_sheet(corpus_copy, tmp_path / "sheet.xlsx", tmp_path / "filled.xlsx")
    result = invoke(
        "import-coding", tmp_path / "filled.xlsx", "--name", "tweede", "--date", DAY, "--corpus", corpus_copy
    )
    assert result.exit_code == 0, result.output
    assert "1 left empty" in result.output
    return corpus_copy


def hand_kappa(both: int, first_only: int, second_only: int, neither: int) -> float:
    n = both + first_only + second_only + neither
    observed = (both + neither) / n
    first, second = (both + first_only) / n, (both + second_only) / n
    chance = first * second + (1 - first) * (1 - second)
    return (observed - chance) / (1 - chance)


def test_the_sheet_shows_texts_and_codebook_but_nothing_of_the_first_coding(corpus_copy, tmp_path, corpus):
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")
    book = load_workbook(tmp_path / "sheet.xlsx")
    assert book.sheetnames == ["Codering", "Codeboek"]
    rows = list(book["Codering"].iter_rows(values_only=True))
    assert rows[0] == ("id", "tekst", *(theme.title for theme in corpus.codebook.themes), *FACETS, "opmerking")
    assert [(row[0], row[1]) for row in rows[1:]] == [(s.id, s.text) for s in corpus.statements]
    assert all(cell is None for row in rows[1:] for cell in row[2:])  # nothing of the editors' coding
    codebook = [cell for row in book["Codeboek"].iter_rows(values_only=True) for cell in row if cell]
    for theme in corpus.codebook.themes:
        assert theme.definition in codebook and theme.use_when in codebook and theme.not_when in codebook


def test_the_csv_sheet_has_the_same_columns(corpus_copy, tmp_path, corpus):
    export_sheet(corpus_copy, tmp_path / "sheet.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "sheet.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "tekst", corpus.codebook.themes[0].title] and len(rows) == len(corpus.statements) + 1


def test_an_imported_coding_passes_check_and_agreement_equals_the_hand_computation(coded_corpus, corpus):
    assert invoke("check", "--corpus", coded_corpus).exit_code == 0
    text = (coded_corpus / "codings" / "tweede.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/coding.schema.json\n")
    assert LEFT_EMPTY not in text and REMARK in text

    result = invoke("agreement", "tweede", "--format", "json", "--corpus", coded_corpus)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    compared = [s for s in corpus.statements if s.id != LEFT_EMPTY]
    assert report["statements_compared"] == len(compared) == 48 and report["left_out"] == [LEFT_EMPTY]
    kappas = {}
    for theme in corpus.codebook.themes:
        slug = theme.slug
        first = {s.id for s in compared if slug in s.themes}
        dropped = {i for i, t in DROPPED if t == slug and i in first}
        added = {i for i, t in ADDED if t == slug and i not in first}
        both, first_only, second_only = len(first) - len(dropped), len(dropped), len(added)
        kappas[slug] = hand_kappa(both, first_only, second_only, len(compared) - both - first_only - second_only)
    got = {code["code"]: code["kappa"] for code in report["codes"] if code["group"] == "themes"}
    assert got == pytest.approx(kappas)
    assert got["capaciteit"] == 1.0 and got["preventie"] < 1.0  # the planted differences count, nothing else
    assert report["mean_kappa"]["themes"] == pytest.approx(sum(kappas.values()) / len(kappas))
    differences = {entry["id"]: entry for entry in report["differences"]}
    assert set(differences) == {i for i, _ in DROPPED | ADDED}
    assert differences["KP-001"]["remark"] == REMARK
    assert "signalering" in differences["KP-001"]["second"]["themes"]
    assert "signalering" not in differences["KP-001"]["corpus"]["themes"]


def test_the_terminal_table_names_undefined_kappas_and_the_disagreements(coded_corpus):
    result = invoke("agreement", "tweede", "--corpus", coded_corpus)
    assert result.exit_code == 0
    assert "48 of 49 statements coded by both; left out (not counted): 1: KP-003" in result.output
    assert "n/a (neither coding used it)" in result.output  # a facet value no one used: no division error
    assert "Krippendorff's alpha of the theme sets (MASI distance): 0." in result.output
    assert "Statements coded differently: 4 (to settle)" in result.output
    assert f"remark: {REMARK}" in result.output


def test_csv_has_one_row_per_code(coded_corpus, corpus):
    result = invoke("agreement", "tweede", "--format", "csv", "--corpus", coded_corpus)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    values = sum(len(facet.values) for facet in corpus.codebook.facets)
    assert len(rows) == len(corpus.codebook.themes) + values
    unused = [row for row in rows if row["kappa_undefined"]]
    assert unused and all(row["kappa"] == "" and row["corpus"] == row["second"] == "0" for row in unused)


def test_an_unknown_coding_is_a_usage_error_with_a_suggestion(coded_corpus):
    result = invoke("agreement", "tweed", "--corpus", coded_corpus)
    assert result.exit_code == 2 and "did you mean 'tweede'" in result.output


def test_an_existing_coding_is_replaced_only_when_asked(coded_corpus, tmp_path):
    before = (coded_corpus / "codings" / "tweede.yaml").read_bytes()
    again = invoke("import-coding", tmp_path / "filled.xlsx", "--name", "tweede", "--corpus", coded_corpus)
    assert again.exit_code == 1 and "already exists" in again.output
    assert (coded_corpus / "codings" / "tweede.yaml").read_bytes() == before
    replaced = invoke(
        "import-coding",
        tmp_path / "filled.xlsx",
        "--name",
        "tweede",
        "--replace",
        "--date",
        DAY,
        "--corpus",
        coded_corpus,
    )
    assert replaced.exit_code == 0 and (coded_corpus / "codings" / "tweede.yaml").read_bytes() == before


def plant_mistakes(rows, header) -> None:
    column = {name: index for index, name in enumerate(header)}
    rows.cell(2, 1).value = "KP-501"  # an id not in the corpus
    rows.cell(8, 1).value = "KP-0l8"  # not even the form of an id
    rows.cell(3, column["Financiering"] + 1).value = "xx"  # not a mark
    rows.cell(4, column["partijen"] + 1).value = "politei"  # a typo in a facet value
    rows.cell(5, column["opmerking"] + 1).value = "Gebeld met j.de.vries@voorbeeld.nl over deze uitspraak."
    rows.cell(6, 1).value = rows.cell(7, 1).value  # the same statement twice


def test_planted_mistakes_in_the_sheet_are_named_by_row_and_column_all_in_one_run(corpus_copy, tmp_path):
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")
    fill_sheet(corpus_copy, tmp_path / "sheet.xlsx", tmp_path / "filled.xlsx", plant_mistakes)
    result = invoke("import-coding", tmp_path / "filled.xlsx", "--name", "tweede", "--corpus", corpus_copy)
    assert result.exit_code == 1
    out = result.output
    assert "filled.xlsx:2: id: id 'KP-501' is not in the corpus" in out
    assert "filled.xlsx:3: Financiering: write x to mark the theme, or leave the cell empty; not 'xx'" in out
    assert "filled.xlsx:4: partijen: unknown partijen value 'politei' — did you mean 'politie'?" in out
    assert (
        "filled.xlsx:5: opmerking: looks like an e-mail address ('j.de…nl') at character 12 of the text: "
        "remove it; a coder's remark needs no personal data" in out
    )
    assert "filled.xlsx:7: id: id 'KP-002' is coded twice (first on row 6)" in out
    assert "filled.xlsx:8: id: must be an id like 'KP-001', not 'KP-0l8'" in out
    assert "6 errors: nothing was imported" in out and not (corpus_copy / "codings").exists()


def test_a_sheet_without_a_theme_column_is_refused(corpus_copy, tmp_path):
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")

    def rename(rows, header):
        rows.cell(1, header.index("Opvang") + 1).value = "Opvnag"

    fill_sheet(corpus_copy, tmp_path / "sheet.xlsx", tmp_path / "filled.xlsx", rename)
    out = invoke("import-coding", tmp_path / "filled.xlsx", "--name", "tweede", "--corpus", corpus_copy).output
    assert "filled.xlsx:1: Opvnag: unknown column — did you mean 'opvang'?" in out
    assert "filled.xlsx:1: Opvang: column 'Opvang' is missing" in out


def test_a_coder_named_on_the_command_line_is_refused(corpus_copy, tmp_path):
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")
    fill_sheet(corpus_copy, tmp_path / "sheet.xlsx", tmp_path / "filled.xlsx")
    result = invoke(
        "import-coding",
        tmp_path / "filled.xlsx",
        "--name",
        "tweede",
        "--coder",
        "Jan de Vries",
        "--corpus",
        corpus_copy,
    )
    assert result.exit_code == 1
    assert "--coder: looks like a person's name" in result.output and "by a role" in result.output
    assert not (corpus_copy / "codings").exists()


def test_import_coding_waits_for_another_writer_then_changes_nothing(
    corpus_copy,
    holder,  # noqa: F811 - the fixture imported above
    tmp_path,
    monkeypatch,
):
    export_sheet(corpus_copy, tmp_path / "sheet.xlsx")
    fill_sheet(corpus_copy, tmp_path / "sheet.xlsx", tmp_path / "filled.xlsx")
    holder(corpus_copy)
    monkeypatch.setattr(corpus_lock_module, "DEFAULT_TIMEOUT", 0.3)
    result = invoke("import-coding", tmp_path / "filled.xlsx", "--name", "tweede", "--corpus", corpus_copy)
    assert result.exit_code == 1 and WAITING_MESSAGE in result.output and "nothing was changed" in result.output
    assert not (corpus_copy / "codings").exists()


def test_agreement_only_reads_and_needs_no_lock(coded_corpus, holder):  # noqa: F811
    holder(coded_corpus)
    result = invoke("agreement", "tweede", "--corpus", coded_corpus)
    assert result.exit_code == 0 and WAITING_MESSAGE not in result.output


def write_coding(corpus_dir: Path, text: str, name: str = "tweede") -> Path:
    path = corpus_dir / "codings" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_planted_mistakes_in_the_yaml_are_named_by_line_and_column(corpus_copy):
    write_coding(
        corpus_copy,
        """\
        coder: Tweede codeur
        date: 2026-11-31
        statements:
          - id: KP-001
            themes: [beleid, financering]
            partijen: [politie]
          - id: KP-999
            themes: [beleid]
            remarks: twijfel
          - id: KP-002
            themes: [financiering]
            remark: Overlegd met 06-12345678, die twijfelde.
        """,
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    out = result.output
    assert "codings/tweede.yaml:2:7: date: '2026-11-31' is not a date in the calendar" in out
    assert "codings/tweede.yaml:9:5: statements[1].remarks: unknown field 'remarks' — did you mean 'remark'?" in out
    # the rules that need the codebook run once the file has the model's shape
    write_coding(
        corpus_copy,
        """\
        coder: Tweede codeur
        date: 2026-11-30
        statements:
          - id: KP-001
            themes: [beleid, financering]
            partijen: [politie]
          - id: KP-999
            themes: [beleid]
          - id: KP-002
            themes: [financiering]
            remark: Overlegd met 06-12345678, die twijfelde.
        """,
    )
    out = invoke("check", "--corpus", corpus_copy).output
    assert (
        "codings/tweede.yaml:5:22: statements[0].themes[1]: unknown theme 'financering' — did you mean 'financiering'?"
    ) in out
    assert "codings/tweede.yaml:7:9: statements[1].id: id 'KP-999' is not in the corpus" in out
    assert "codings/tweede.yaml:11:26: statements[2].remark: looks like a phone number" in out


def test_a_coder_named_by_name_is_refused(corpus_copy):
    write_coding(
        corpus_copy,
        """\
        coder: j.de.vries@voorbeeld.nl
        date: 2026-11-30
        statements:
          - {id: KP-001, themes: [beleid]}
        """,
    )
    out = invoke("check", "--corpus", corpus_copy).output
    assert "codings/tweede.yaml:1:8: coder: looks like an e-mail address" in out


def test_the_schema_offers_the_codebooks_themes(corpus_copy, coded_corpus):
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "bottlenecks" / "schema" / "coding.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    import yaml

    data = yaml.safe_load((coded_corpus / "codings" / "tweede.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["statements"][0]["themes"] = ["financering"]
    assert list(validator.iter_errors(data))


def colophon(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index('id="verantwoording"') :]


def test_the_colophon_states_the_agreement(coded_corpus, tmp_path):
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--theme",
        "preventie",
        "--overview",
        "--format",
        "html",
        "--date",
        "2026-12-01",
        "--output-dir",
        out,
        "--corpus",
        coded_corpus,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(invoke("agreement", "tweede", "--format", "json", "--corpus", coded_corpus).output)
    themes = {code["code"]: code for code in report["codes"] if code["group"] == "themes"}
    lowest = min(themes.values(), key=lambda code: code["kappa"])
    mean = f"{report['mean_kappa']['themes']:.2f}".replace(".", ",")
    theme_brief = colophon(out / "preventie.html")
    assert (
        f"Een tweede codeur deelde 48 van de 49 uitspraken onafhankelijk in; de overeenstemming per thema is "
        f"gemiddeld κ = {mean}, laagste {lowest['kappa']:.2f} ({lowest['code']})."
    ).replace("0.", "0,") in " ".join(theme_brief.split())
    own = f"{themes['preventie']['kappa']:.2f}".replace(".", ",")
    assert f"Voor preventie is κ = {own}" in theme_brief
    overview = colophon(out / "overzicht.html")
    assert 'id="overeenstemming"' in overview and '<th scope="row">Capaciteit</th><td class="num">1,00</td>' in overview


def test_the_english_colophon_states_it_in_english(coded_corpus, tmp_path):
    out = tmp_path / "out"
    assert (
        invoke(
            "report",
            "--theme",
            "capaciteit",
            "--format",
            "html",
            "--lang",
            "en",
            "--date",
            "2026-12-01",
            "--output-dir",
            out,
            "--corpus",
            coded_corpus,
        ).exit_code
        == 0
    )
    text = " ".join(colophon(out / "capaciteit.en.html").split())
    assert "A second coder classified 48 of the 49 statements independently; the agreement per theme is κ = " in text
    assert "For capacity, κ = 1.00 (100% of the statements classified alike)." in text


def test_no_coding_no_word_of_it(shipped_briefs):
    for name in ("financiering.html", "overzicht.html"):
        text = colophon(shipped_briefs / name)
        assert "codeur" not in text and "κ" not in text and "overeenstemming" not in text


def test_agreement_never_imports_weasyprint(coded_corpus, tmp_path):
    completed = importtime(["agreement", "tweede", "--corpus", str(coded_corpus)], tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert "click" in modules
    assert sorted({name.split(".")[0] for name in modules} & (HEAVY | {"jinja2"})) == []


def test_a_text_that_starts_like_a_formula_stays_text_in_the_sheet(corpus, tmp_path):
    from dataclasses import replace

    from bottleneck_briefs.editing.coding_sheet import coding_sheet
    from bottleneck_briefs.editing.coding_sheet_files import csv_bytes, xlsx_bytes

    sheet = coding_sheet(corpus)
    sheet = replace(sheet, rows=(("KP-001", '=HYPERLINK("http://example.org")', *sheet.rows[0][2:]),))
    (tmp_path / "sheet.xlsx").write_bytes(xlsx_bytes(sheet))
    cell = load_workbook(tmp_path / "sheet.xlsx")["Codering"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org")', "s")
    assert "'=HYPERLINK" in csv_bytes(sheet).decode("utf-8-sig")


# --- the OpenDocument sheet (.ods), filled in with odfdo as a coder would in LibreOffice ---------------------------


def ods_values(path: Path, sheet: str) -> list[list]:
    from odfdo import Document

    table = Document(path).body.get_table(name=sheet)
    return [[value for value in row] for row in table.get_values()]


def fill_ods(corpus_dir: Path, sheet: Path, target: Path, edit=None) -> None:
    from odfdo import Document

    corpus = load_corpus(corpus_dir).corpus
    titles = {theme.title: theme.slug for theme in corpus.codebook.themes}
    statements = {statement.id: statement for statement in corpus.statements}
    document = Document(sheet)
    table = document.body.get_table(name="Codering")
    header = table.get_row(0).get_values()
    typed_number = False  # one mark typed as the number 1: a float cell that shows "1"
    for y in range(1, table.height):
        statement = statements[table.get_value((0, y))]
        if statement.id == LEFT_EMPTY:
            continue
        for x, column in enumerate(header[2:], start=2):
            value = second_coding(statement, column, titles)
            if value == "x" and not typed_number:
                table.set_value((x, y), 1)
                typed_number = True
            elif value is not None:
                table.set_value((x, y), value)
    if edit:
        edit(table, header)
    document.save(target)


def test_the_ods_sheet_has_both_sheets_the_texts_verbatim_and_nothing_of_the_first_coding(
    corpus_copy, tmp_path, corpus
):
    from odfdo import Document

    export_sheet(corpus_copy, tmp_path / "sheet.ods")
    assert [table.name for table in Document(tmp_path / "sheet.ods").body.get_tables()] == ["Codering", "Codeboek"]
    rows = ods_values(tmp_path / "sheet.ods", "Codering")
    assert rows[0] == ["id", "tekst", *(theme.title for theme in corpus.codebook.themes), *FACETS, "opmerking"]
    assert [(row[0], row[1]) for row in rows[1:]] == [(s.id, s.text) for s in corpus.statements]
    assert all(cell is None for row in rows[1:] for cell in row[2:])  # nothing of the editors' coding
    codebook = [cell for row in ods_values(tmp_path / "sheet.ods", "Codeboek") for cell in row if cell]
    for theme in corpus.codebook.themes:
        assert theme.definition in codebook and theme.use_when in codebook and theme.not_when in codebook
    export_sheet(corpus_copy, tmp_path / "again.ods")
    assert (tmp_path / "again.ods").read_bytes() == (tmp_path / "sheet.ods").read_bytes()


def test_an_ods_text_that_starts_like_a_formula_stays_a_string_cell(corpus, tmp_path):
    from dataclasses import replace

    from odfdo import Document

    from bottleneck_briefs.editing.coding_sheet import coding_sheet
    from bottleneck_briefs.editing.coding_sheet_files import ods_bytes

    sheet = coding_sheet(corpus)
    sheet = replace(sheet, rows=(("KP-001", '=HYPERLINK("http://example.org")', *sheet.rows[0][2:]),))
    (tmp_path / "sheet.ods").write_bytes(ods_bytes(sheet))
    cell = Document(tmp_path / "sheet.ods").body.get_table(name="Codering").get_cell("B2")
    assert (cell.value, cell.type, cell.formula) == ('=HYPERLINK("http://example.org")', "string", None)


def test_a_filled_in_ods_sheet_gives_the_agreement_the_xlsx_gives(coded_corpus, tmp_path):
    export_sheet(coded_corpus, tmp_path / "sheet.ods")
    fill_ods(coded_corpus, tmp_path / "sheet.ods", tmp_path / "filled.ods")
    result = invoke(
        "import-coding", tmp_path / "filled.ods", "--name", "derde", "--date", DAY, "--corpus", coded_corpus
    )
    assert result.exit_code == 0, result.output
    assert "48 statements coded" in result.output and "1 left empty" in result.output
    assert invoke("check", "--corpus", coded_corpus).exit_code == 0
    from_xlsx = (coded_corpus / "codings" / "tweede.yaml").read_text(encoding="utf-8")
    from_ods = (coded_corpus / "codings" / "derde.yaml").read_text(encoding="utf-8")
    assert from_ods.replace("derde", "tweede") == from_xlsx  # the same coding, but for its name
    reports = [
        json.loads(invoke("agreement", name, "--format", "json", "--corpus", coded_corpus).output)
        for name in ("tweede", "derde")
    ]
    assert reports[1]["codes"] == reports[0]["codes"] and reports[1]["mean_kappa"] == reports[0]["mean_kappa"]
    assert reports[1]["differences"] == reports[0]["differences"] and reports[1]["left_out"] == [LEFT_EMPTY]


def test_an_unknown_mark_and_a_formula_in_the_ods_are_named_by_row_and_column(corpus_copy, tmp_path):
    from odfdo import Cell

    export_sheet(corpus_copy, tmp_path / "sheet.ods")

    def plant_mark(table, header) -> None:
        table.set_value((header.index("Financiering"), 2), "xx")  # row 3: not a mark

    fill_ods(corpus_copy, tmp_path / "sheet.ods", tmp_path / "filled.ods", plant_mark)
    out = invoke("import-coding", tmp_path / "filled.ods", "--name", "tweede", "--corpus", corpus_copy).output
    assert "filled.ods:3: Financiering: write x to mark the theme, or leave the cell empty; not 'xx'" in out
    assert "1 error: nothing was imported" in out

    def plant_formula(table, header) -> None:
        table.set_cell((header.index("opmerking"), 4), Cell("ja", formula='of:=CONCAT("j";"a")'))

    fill_ods(corpus_copy, tmp_path / "sheet.ods", tmp_path / "formula.ods", plant_formula)
    result = invoke("import-coding", tmp_path / "formula.ods", "--name", "tweede", "--corpus", corpus_copy)
    assert result.exit_code == 1 and not (corpus_copy / "codings").exists()
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[ods_values(tmp_path / "sheet.ods", "Codering")[0].index("opmerking")]
    assert f'formula.ods:5: {column}: a formula (=CONCAT("j";"a")), not a value' in result.output, result.output


def ods_with_rows(path: Path, rows: str) -> Path:
    from odfdo import Document, Element

    document = Document("spreadsheet")
    document.body.clear()
    document.body.append(Element.from_tag(f'<table:table table:name="Codering">{rows}</table:table>'))
    document.save(path)
    return path


def text_cell(text: str, repeated: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeated}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def test_repeated_ods_rows_and_cells_are_counted_and_empty_runs_never_expanded(tmp_path):
    from bottleneck_briefs.basics.names import MAX_IMPORT_ROWS
    from bottleneck_briefs.editing.spreadsheet_cells import SpreadsheetError
    from bottleneck_briefs.editing.spreadsheet_reading import read_rows

    empty_run = (
        '<table:table-row table:number-rows-repeated="{}"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    rows = (
        f"<table:table-row>{text_cell('id')}{text_cell('tekst')}{text_cell('x', 2)}"
        '<table:table-cell table:number-columns-repeated="16380"/></table:table-row>'
        + empty_run.format(3)
        + f"<table:table-row>{text_cell('KP-001')}<table:covered-table-cell/><table:table-cell/>"
        f"{text_cell('x')}</table:table-row>" + empty_run.format(1_048_571)
    )  # as a spreadsheet program writes the rest of the sheet
    path = ods_with_rows(tmp_path / "sheet.ods", rows)
    assert read_rows(path, "sheet.ods", None, (), (".ods",)) == (
        ["id", "tekst", "x", "x"],
        [(5, ["KP-001", "", "", "x"])],
    )
    flood = (
        f"<table:table-row>{text_cell('id')}</table:table-row><table:table-row "
        f'table:number-rows-repeated="1000000">{text_cell("KP-001")}</table:table-row>'
    )
    with pytest.raises(SpreadsheetError, match=f"more than {MAX_IMPORT_ROWS} rows"):
        read_rows(ods_with_rows(tmp_path / "flood.ods", flood), "flood.ods", None, (), (".ods",))


def test_a_file_that_is_no_opendocument_is_refused_by_name(corpus_copy, tmp_path):
    (tmp_path / "notes.ods").write_text("id;tekst\n", encoding="utf-8")
    result = invoke("import-coding", tmp_path / "notes.ods", "--name", "tweede", "--corpus", corpus_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "notes.ods: cannot read the workbook: not an OpenDocument spreadsheet" in result.output
