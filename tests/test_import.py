"""`bottlenecks import`: statements from a spreadsheet, validated first, appended with fresh ids."""

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from bottleneck_briefs.corpus.loading import load_corpus
from conftest import invoke

DATA = Path(__file__).parent / "data" / "import"
FILE_216 = Path("statements") / "bloemlezing-2.16.yaml"


def snapshot(corpus: Path) -> dict:
    return {
        path.relative_to(corpus): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(corpus.rglob("*"))
        if path.is_file()
    }


def statements(corpus: Path) -> dict:
    loaded = load_corpus(corpus)
    assert loaded.corpus is not None, [problem.format() for problem in loaded.problems]
    return {statement.id: statement for statement in loaded.corpus.statements}


@pytest.fixture
def workbook(tmp_path):
    """Write an .xlsx like an editor's: English headers, numbers as number cells, a second sheet."""
    from openpyxl import Workbook

    def write(rows, name="import.xlsx", sheet="Sessie Noord"):
        book = Workbook()
        book.active.title = "Toelichting"
        book.active.append(["Vul het tabblad 'Sessie Noord' in."])
        data = book.create_sheet(sheet)
        for row in rows:
            data.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


XLSX_HEADER = ["Text", "Themes", "Section", "Page", "Facets", "Note"]
XLSX_VALID = [
    XLSX_HEADER,
    [
        "Slachtoffers van criminele uitbuiting worden nog te vaak als dader gezien.",
        "signalering; beleid",
        2.16,
        27,
        "uitbuitingsvorm: crimineel",
        None,
    ],
    [None, None, None, None, None, None],  # an empty row is skipped, not an error
    [
        "De politie heeft te weinig rechercheurs voor mensenhandelzaken.",
        "capaciteit, opsporing",
        "2.16",
        27.0,
        "politie",
        "Regiosessie Noord",
    ],
]


def test_valid_csv_with_dutch_headers_is_appended_to_the_right_file(corpus_copy):
    before_text = (corpus_copy / FILE_216).read_text(encoding="utf-8")
    result = invoke("import", DATA / "valid.csv", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "added KP-050 (row 2)" in result.output and "added KP-051 (row 3)" in result.output
    assert "2 statements imported" in result.output

    after_text = (corpus_copy / FILE_216).read_text(encoding="utf-8")
    assert after_text.startswith(before_text)  # the existing statements and comments are untouched
    added = statements(corpus_copy)
    first, second = added["KP-050"], added["KP-051"]
    assert first.text == (
        "Er is te weinig geld voor de opvang van slachtoffers van arbeidsuitbuiting in kleine "
        "gemeenten, en de financiering verschilt per regio."
    )
    assert first.themes == ["financiering", "opvang"]
    assert (first.doelgroep, first.partijen) == (["arbeidsmigranten"], ["gemeenten"])
    assert first.note == "Uit de regiosessie Zuid."
    assert (first.source.document, first.source.section, first.source.page) == ("bloemlezing-stm", "2.16", 27)
    assert second.themes == ["signalering"]  # the title 'Signalering' was given
    assert (second.doelgroep, second.uitbuitingsvorm, second.note) == (["minderjarigen"], ["seksueel"], None)
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    assert invoke("fmt", "--check", "--corpus", corpus_copy).exit_code == 0


def test_valid_xlsx_on_a_named_sheet(corpus_copy, workbook):
    path = workbook(XLSX_VALID)
    result = invoke("import", path, "--sheet", "Sessie Noord", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "added KP-050 (row 2)" in result.output and "added KP-051 (row 4)" in result.output
    added = statements(corpus_copy)
    assert added["KP-050"].themes == ["signalering", "beleid"]
    assert added["KP-050"].source.section == "2.16"  # a number cell 2.16 becomes the section "2.16"
    assert added["KP-050"].uitbuitingsvorm == ["crimineel"]
    assert added["KP-051"].partijen == ["politie"]  # a bare facet value finds its facet
    assert added["KP-051"].source.page == 27


def test_xlsx_first_sheet_is_the_default(corpus_copy, workbook):
    path = workbook(XLSX_VALID)
    result = invoke("import", path, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "import.xlsx:1: Vul het tabblad 'Sessie Noord' in.: unknown column" in result.output


def test_bad_rows_are_all_reported_and_nothing_is_written(corpus_copy):
    before = snapshot(corpus_copy)
    result = invoke("import", DATA / "bad-row.csv", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "tests/data/import/bad-row.csv:2: themes: unknown theme 'financering' — did you mean 'financiering'?",
        "tests/data/import/bad-row.csv:3: facets: unknown doelgroep value 'minderjarige' — did you mean "
        "'minderjarigen'?",
        "tests/data/import/bad-row.csv:3: page: must be a whole number, e.g. 26, not 'p. 27'",
        "3 errors: nothing was imported",
    ]
    assert snapshot(corpus_copy) == before


def test_bad_xlsx_row_names_the_row_and_the_column_as_written(corpus_copy, workbook):
    rows = [
        XLSX_HEADER,
        ["Een goede uitspraak over zorg.", "zorg", "2.16", 27, None, None],
        ["Sectie als datum.", "zorg", datetime(2024, 2, 16), 27, None, None],
        ["", "zorg", "2.99", 27, None, None],
    ]
    before = snapshot(corpus_copy)
    result = invoke("import", workbook(rows), "--sheet", "Sessie Noord", "--corpus", corpus_copy)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("import.xlsx:3: Section: is a date (2024-02-16)" in line for line in lines), lines
    assert any(line.endswith("import.xlsx:4: Text: is empty: every row needs the statement's text") for line in lines)
    # the cross-file rule of `check` itself, in its own words
    assert any(
        "import.xlsx:4: Section: section \"2.99\" is not listed for document 'bloemlezing-stm' in the codebook" in line
        for line in lines
    ), lines
    assert lines[-1] == "3 errors: nothing was imported"
    assert snapshot(corpus_copy) == before


def test_duplicates_are_reported_and_skipped(corpus_copy):
    result = invoke("import", DATA / "duplicate.csv", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "duplicate.csv:2: warning: text: same text as KP-043" in result.output
    assert "duplicate.csv:3: warning: text: 99% similar to KP-012" in result.output
    assert "added KP-050 (row 4)" in result.output
    assert "1 statement imported, 2 skipped as duplicates" in result.output
    assert len(statements(corpus_copy)) == 50


def test_allow_duplicates_imports_near_but_never_identical_texts(corpus_copy):
    result = invoke("import", DATA / "duplicate.csv", "--allow-duplicates", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    added = statements(corpus_copy)
    assert len(added) == 51
    assert added["KP-050"].text.startswith("Er is een capaciteitsgebrek.")
    assert "same text as KP-043" in result.output


def test_duplicates_within_the_spreadsheet(corpus_copy, tmp_path):
    sheet = tmp_path / "twice.csv"
    sheet.write_text(
        "text,themes,section,page\nNieuwe uitspraak over geld.,financiering,2.16,27\n"
        "nieuwe uitspraak over  geld,financiering,2.16,27\n",
        encoding="utf-8",
    )
    result = invoke("import", sheet, "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "twice.csv:3: warning: text: same text as row 2" in result.output


def test_dry_run_writes_nothing(corpus_copy):
    before = snapshot(corpus_copy)
    result = invoke("import", DATA / "valid.csv", "--dry-run", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "would add KP-050 (row 2)" in result.output
    assert "2 statements would be imported" in result.output
    assert snapshot(corpus_copy) == before


def test_new_section_goes_to_a_new_file_with_the_schema_line(corpus_copy, tmp_path):
    codebook = corpus_copy / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "        title: Onvoldoende capaciteit/middelen\n",
            '        title: Onvoldoende capaciteit/middelen\n      - number: "2.17"\n',
        ),
        encoding="utf-8",
    )
    sheet = tmp_path / "new.csv"
    sheet.write_text("text,themes,section,page\nEen uitspraak uit paragraaf 2.17.,beleid,2.17,28\n", encoding="utf-8")
    result = invoke("import", sheet, "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    new_file = corpus_copy / "statements" / "bloemlezing-stm-2.17.yaml"
    assert (
        new_file.read_text(encoding="utf-8").splitlines()[0]
        == "# yaml-language-server: $schema=../schema/statements.schema.json"
    )
    assert statements(corpus_copy)["KP-050"].source.section == "2.17"
    assert invoke("fmt", "--check", "--corpus", corpus_copy).exit_code == 0


def test_row_numbers_count_spreadsheet_rows_not_lines(corpus_copy):
    result = invoke("import", DATA / "multiline.csv", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "multiline.csv:3: themes: unknown theme 'onbekend'" in result.output


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("latin1.csv", None, "latin1.csv: not UTF-8 text (byte 0xE9); save it as 'CSV UTF-8'"),
        ("typo.csv", "text,thems,section,page\n", "typo.csv:1: thems: unknown column — did you mean 'themes'?"),
        ("ids.csv", "id,text,themes,section,page\n", "ids.csv:1: id: ids are given by the import; remove this column"),
        ("missing.csv", "text,themes,page\n", "missing.csv:1: section: required column 'section' is missing"),
        ("empty.csv", "text,themes,section,page\n", "empty.csv: no rows with statements below the header"),
        ("notes.txt", "text\n", "notes.txt: cannot import '.txt' files; use .csv or .xlsx"),
    ],
)
def test_unusable_files_get_a_clear_error(corpus_copy, tmp_path, monkeypatch, name, content, message):
    path = DATA / name if content is None else tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.chdir(path.parent)
    before = snapshot(corpus_copy)
    result = invoke("import", path.name, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert message in result.output
    assert snapshot(corpus_copy) == before


def test_import_refuses_a_broken_corpus(corpus_copy):
    path = corpus_copy / FILE_216
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [financiering]", "themes: [financ]", 1), encoding="utf-8"
    )
    result = invoke("import", DATA / "valid.csv", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "unknown theme 'financ'" in result.output
    assert "added" not in result.output


def test_retired_ids_are_never_handed_out_again(corpus_copy):
    """KP-049 is the last id in use; once KP-050 and KP-051 were retired, the next one is KP-052."""
    codebook = corpus_copy / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "retired_ids: []",
            "retired_ids:\n  - {id: KP-050, reason: Dubbel.}\n  - {id: KP-051, reason: Teruggetrokken.}",
        ),
        encoding="utf-8",
    )
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    result = invoke("import", DATA / "valid.csv", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "added KP-052 (row 2)" in result.output and "added KP-053 (row 3)" in result.output
    assert "KP-050" not in statements(corpus_copy)
