"""`report --format docx,xlsx,csv`: Word and spreadsheet briefs, read back as their readers would."""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from conftest import DATE, ROOT, TEMPLATES, copy_templates, pdf_text, squash
from conftest import report as run

THEME = "financiering"
HEADER = [
    "Nummer",
    "Uitspraak",
    "Thema’s",
    "Doelgroepen",
    "Partijen",
    "Vormen van uitbuiting",
    "Bron",
    "Paragraaf",
    "Pagina",
    "Noot van de redactie",
    "Link",
]
GROUP = 3  # the workbook's column of each statement's group in the brief, which the CSV does not have
# the workbook's columns (the codebook's facets after the themes and the group)
COLUMNS = (
    "id",
    "text",
    "themes",
    "group",
    "doelgroep",
    "partijen",
    "uitbuitingsvorm",
    "document",
    "section",
    "page",
    "note",
    "link",
)


def without_group(row: list) -> list:
    return [*row[:GROUP], *row[GROUP + 1 :]]


def unhyphenated(text: str) -> str:
    """Without whitespace and hyphens: pdftotext drops a hyphen that ends a line ("(OMM)-" / "plekken")."""
    return squash(text).replace("-", "")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    result = run("--theme", THEME, "--overview", "--format", "docx,xlsx,csv", "--output-dir", str(folder), *DATE)
    assert result.exit_code == 0, result.output
    return folder


def expected_row(statement, corpus, page: str, anchor: str) -> list:
    codebook = corpus.codebook
    document = next(d for d in codebook.documents if d.id == statement.source.document)
    facets = [
        ", ".join(v.label for v in facet.values if v.slug in statement.facet_values(facet.slug))
        for facet in codebook.facets
    ]
    return [
        statement.id,
        statement.text,
        ", ".join(t.title for t in codebook.themes if t.slug in statement.themes),
        *facets,
        document.title,
        statement.source.section,
        statement.source.page,
        statement.note or "",
        f"{page}#{anchor}",
    ]


# --- the three files ------------------------------------------------------------------------------


def test_one_run_writes_the_three_files(out):
    for name in ("financiering", "overzicht"):
        for suffix in ("docx", "xlsx", "csv"):
            assert (out / f"{name}.{suffix}").stat().st_size > 0
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.html"))


def test_same_input_same_bytes(out, tmp_path):
    assert (
        run("--theme", THEME, "--overview", "--format", "docx,xlsx,csv", "--output-dir", str(tmp_path), *DATE).exit_code
        == 0
    )
    for path in sorted(out.glob("*.*[a-z]")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_archives_carry_the_brief_date_not_the_clock(out, suffix):
    with zipfile.ZipFile(out / f"financiering.{suffix}") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 3, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-03-01T00:00:00Z" in core
    assert datetime.date.today().isoformat() not in core


# --- XLSX and CSV: row by row against the corpus --------------------------------------------------


def test_xlsx_rows_are_the_theme_statements(out, corpus):
    sheet = openpyxl.load_workbook(out / "financiering.xlsx").active
    table = [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]
    assert without_group(table[0]) == HEADER and table[0][GROUP] == "Groep in de brief"
    by_id = {row[0]: without_group(row) for row in table[1:]}
    statements = corpus.statements_for(THEME)
    assert len(table) - 1 == len(by_id) == len(statements)
    for statement in statements:
        assert by_id[statement.id] == expected_row(statement, corpus, "financiering.html", statement.id.lower())


def test_xlsx_has_a_frozen_filtered_header_and_widths(out):
    sheet = openpyxl.load_workbook(out / "financiering.xlsx").active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width == 80
    assert sheet.column_dimensions["L"].width == max(len(cell.value) for cell in sheet["L"]) + 2  # fits its content
    assert sheet.print_title_rows == "$1:$1"  # the header on every printed page
    link = sheet["L2"].hyperlink  # as Excel stores a link to "page.html#anchor": the file, and the anchor apart
    assert f"{link.target}#{link.location}" == sheet["L2"].value and link.target == "financiering.html"
    assert sheet["L2"].font.u == "single" and sheet["L2"].font.color.rgb == "FF0563C1"
    assert sheet["B2"].alignment.wrap_text and not sheet["A2"].alignment.wrap_text
    assert {cell.alignment.vertical for cell in sheet[2]} == {"top"}
    assert isinstance(sheet["J2"].value, int) and sheet["J2"].data_type == "n"  # the page stays a number


def test_xlsx_properties_and_language(out):
    properties = openpyxl.load_workbook(out / "financiering.xlsx").properties
    assert properties.title == properties.subject == "Knelpunten: Financiering"
    assert "mensenhandel" in properties.keywords and "financiering" in properties.keywords
    assert properties.created == datetime.datetime(2025, 3, 1)  # the brief's date, not the clock's
    assert properties.language == "nl-NL"  # added to XlsxWriter's core properties


def test_xlsx_rows_are_as_high_as_their_wrapped_texts_and_print_on_the_page_width(out):
    """Neither Excel nor LibreOffice grows a row for a text a program wrote: a long one would hide under the next."""
    sheet = openpyxl.load_workbook(out / "financiering.xlsx").active
    words = set(COLUMNS) - {"id", "section", "page", "link"}  # the columns of words; ids and numbers stay unwrapped
    assert all(cell.alignment.wrap_text for name, cell in zip(COLUMNS, sheet[2], strict=True) if name in words)
    width = sheet.column_dimensions["B"].width
    # columns of one width are stored as one range (C:D), which openpyxl gives under its first letter
    widths = {
        openpyxl.utils.get_column_letter(index): dimension.width
        for dimension in sheet.column_dimensions.values()
        for index in range(dimension.min, dimension.max + 1)
    }
    for row in sheet.iter_rows(min_row=2):
        longest = max(
            len(str(cell.value or "")) / widths[cell.column_letter]
            for name, cell in zip(COLUMNS, row, strict=True)
            if name in words
        )
        height = sheet.row_dimensions[row[0].row].height
        if longest > 1:  # wraps: at least one line of 15 points per line it needs
            assert height is not None and height >= 15 * math.ceil(longest), (row[0].value, height)
    assert any(len(str(row[1].value)) > width for row in sheet.iter_rows(min_row=2))  # the case is there
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # one page wide (left out: 1, the standard's default)
    assert sheet.page_setup.fitToHeight == 0  # as many pages high as it takes


def test_csv_is_utf8_with_bom_semicolons_and_the_same_rows(out):
    data = (out / "financiering.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(out / "financiering.xlsx").active
    expected = [
        without_group(["" if cell.value is None else str(cell.value) for cell in row]) for row in sheet.iter_rows()
    ]
    assert rows == expected


def test_overview_lists_every_statement_once(out, corpus):
    sheet = openpyxl.load_workbook(out / "overzicht.xlsx").active
    table = [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()][1:]
    assert sorted(row[0] for row in table) == sorted(s.id for s in corpus.statements)
    by_id = {row[0]: without_group(row) for row in table}
    for statement in corpus.statements:
        first = next(t.slug for t in corpus.codebook.themes if t.slug in statement.themes)
        assert by_id[statement.id] == expected_row(
            statement, corpus, "overzicht.html", f"{first}-{statement.id.lower()}"
        )


def test_english_header_and_file_names(tmp_path):
    assert (
        run("--theme", THEME, "--format", "xlsx,csv", "--lang", "en", "--output-dir", str(tmp_path), *DATE).exit_code
        == 0
    )
    sheet = openpyxl.load_workbook(tmp_path / "financiering.en.xlsx").active
    assert [cell.value for cell in sheet[1]][:3] == ["Number", "Statement", "Themes"]
    assert sheet["L2"].value.startswith("financiering.en.html#kp-")
    assert openpyxl.load_workbook(tmp_path / "financiering.en.xlsx").properties.language == "en-GB"
    assert (tmp_path / "financiering.en.csv").read_text(encoding="utf-8-sig").startswith("Number;Statement;")


def test_formula_starts_never_run(corpus_copy, tmp_path):
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    source = path.read_text(encoding="utf-8")
    formula = '=HYPERLINK("http://example.invalid","klik")'
    source = source.replace(
        "    text: >-\n      Er is een versnipperde financiering, die vaak korte termijn is, van\n"
        "      organisaties die met arbeidsmigranten werken.\n",
        f"    text: '{formula}'\n    note: '@SUM(1+1)'\n",
        1,
    )
    source = source.replace(
        "    text: >-\n      Het bestaansrecht voor de aanpak van jonge prostitutie. Nog geen\n"
        "      financiering, terwijl dit wel nodig is.\n",
        "    text: '-12.5'\n",
        1,
    )
    path.write_text(source, encoding="utf-8")
    result = run("--theme", THEME, "--format", "xlsx,csv,ods", "--output-dir", str(tmp_path), *DATE, corpus=corpus_copy)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "financiering.xlsx").active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "KP-002")
    assert row[1].value == formula and row[1].data_type == "s" and row[1].quotePrefix  # verbatim, stored as text
    assert row[10].value == "@SUM(1+1)" and row[10].data_type == "s"
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "KP-005")
    assert row[1].value == "-12.5" and row[1].data_type == "s" and row[1].quotePrefix  # not a number either
    assert all(cell.hyperlink is None for row in sheet.iter_rows() for cell in row[:-1])  # no link guessed from text
    with zipfile.ZipFile(tmp_path / "financiering.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    rows = list(csv.reader(io.StringIO((tmp_path / "financiering.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    kp = next(row for row in rows if row[0] == "KP-002")
    assert kp[1] == "'" + formula and kp[9] == "'@SUM(1+1)"
    with zipfile.ZipFile(tmp_path / "financiering.ods") as archive:  # an ODS cell has a type: text stays text
        content = archive.read("content.xml").decode("utf-8")
    assert "table:formula" not in content
    for text in (formula, "@SUM(1+1)", "-12.5"):
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        assert re.search(r'office:value-type="string"><text:p>' + re.escape(escaped) + "</text:p>", content), text


# --- DOCX: read back with python-docx --------------------------------------------------------------


def docx_statement_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p.style.name == "Quote"]


def test_docx_uses_words_own_styles(out):
    document = docx.Document(str(out / "financiering.docx"))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "Caption", "TOC Heading"} <= styles
    assert [" ".join(p.text.split()) for p in document.paragraphs if p.style.name == "Title"] == [
        "Knelpunten: Financiering"
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Samenvatting", "Uitspraken", "Verantwoording"]


def test_docx_properties_and_language(out):
    document = docx.Document(str(out / "financiering.docx"))
    properties = document.core_properties
    assert properties.title == "Knelpunten: Financiering"
    assert properties.subject == "Financiering"
    assert "mensenhandel" in properties.keywords and "financiering" in properties.keywords
    assert properties.language == "nl-NL"
    assert "bottlenecks" not in (properties.author or "")
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"


def test_english_docx_marks_the_statements_dutch(tmp_path, corpus):
    assert (
        run("--theme", THEME, "--format", "docx", "--lang", "en", "--output-dir", str(tmp_path), *DATE).exit_code == 0
    )
    document = docx.Document(str(tmp_path / "financiering.en.docx"))
    assert document.core_properties.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    quotes = docx_statement_paragraphs(document)
    assert len(quotes) == len(corpus.statements_for(THEME))
    for quote in quotes:
        assert [run.element.rPr.find(qn("w:lang")).get(qn("w:val")) for run in quote.runs] == ["nl-NL"]
    assert "Summary" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_docx_has_every_statement_verbatim_with_citation_and_id(out, corpus):
    document = docx.Document(str(out / "financiering.docx"))
    paragraphs = document.paragraphs
    quotes = [i for i, p in enumerate(paragraphs) if p.style.name == "Quote"]
    statements = {s.id: s for s in corpus.statements_for(THEME)}
    found = {}
    for index in quotes:
        citation = paragraphs[index + 1].text
        statement_id = citation.rsplit("· ", 1)[-1]
        found[statement_id] = paragraphs[index].text
        source = statements[statement_id].source
        assert citation.startswith(f"Bloemlezing, §{source.section}, p.\u00a0{source.page}")
    assert found == {statement_id: s.text for statement_id, s in statements.items()}


def test_docx_tables_are_the_htmls_fact_and_number_tables(out):
    document = docx.Document(str(out / "financiering.docx"))
    key_figures = next(table for table in document.tables if table.rows[0].cells[0].text == "Uitspraken")
    assert key_figures.rows[0].cells[1].text.startswith("13 van de ")
    counts = next(table for table in document.tables if table.rows[0].cells[0].text == "Partij")
    assert [cell.text for cell in counts.rows[0].cells] == ["Partij", "Aantal uitspraken"]
    assert counts.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Aantal uitspraken per genoemde partij", "Aantal uitspraken per genoemde doelgroep"]


def test_docx_table_of_contents_links_each_heading_with_its_page_number_field(out):
    """No TOC field: LibreOffice would show its stored result, which has no page numbers. Each entry is a link
    and a PAGEREF field, which LibreOffice computes as it lays out and Word updates on opening."""
    document = docx.Document(str(out / "financiering.docx"))
    body = document.element.body
    entries = [p for p in document.paragraphs if p.style.name.startswith("TOC ") and p.style.name != "TOC Heading"]
    assert [" ".join(p.text.split()) for p in entries][:2] == ["Samenvatting", "Uitspraken"]
    bookmarks = {node.get(qn("w:name")) for node in body.iter(qn("w:bookmarkStart"))}
    for entry in entries:
        codes = [node.text.split() for node in entry._p.iter(qn("w:instrText"))]
        assert len(codes) == 1 and codes[0][0] == "PAGEREF" and codes[0][1] in bookmarks
        assert {node.get(qn("w:anchor")) for node in entry._p.iter(qn("w:hyperlink"))} == {codes[0][1]}
    assert not any(node.text.strip().startswith("TOC") for node in body.iter(qn("w:instrText")))
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    links = [node.get(qn("w:anchor")) for node in body.iter(qn("w:hyperlink"))]
    assert links and set(links) <= bookmarks
    assert "kp_002" in bookmarks and "kp_002" in links  # every statement can be linked to; its id links to it


def test_docx_colophon_and_editor_notes_apart(out, corpus):
    document = docx.Document(str(out / "overzicht.docx"))
    texts = [p.text for p in document.paragraphs]
    assert any(text.startswith("Kenmerk ") and corpus.digest[:12] in text for text in texts)  # the corpus version
    quotes = {p.text for p in docx_statement_paragraphs(document)}
    for statement in corpus.statements:
        assert statement.text in quotes
        if statement.note:
            assert statement.note not in statement.text
            assert any(statement.note in text and text.startswith("Noot van de redactie") for text in texts)


def test_an_organisation_swaps_in_its_own_reference_document(tmp_path):
    templates = copy_templates(tmp_path)
    own = docx.Document(str(TEMPLATES / "reference.docx"))
    own.styles["Normal"].font.name = "Verdana"
    own.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld"
    own.save(str(templates / "reference.docx"))
    assert (
        run(
            "--theme",
            THEME,
            "--format",
            "docx",
            "--templates",
            str(templates),
            "--output-dir",
            str(tmp_path / "out"),
            *DATE,
        ).exit_code
        == 0
    )
    document = docx.Document(str(tmp_path / "out" / "financiering.docx"))
    assert document.styles["Normal"].font.name == "Verdana"
    assert document.sections[0].header.paragraphs[0].text == "Gemeente Voorbeeld"
    assert len(docx_statement_paragraphs(document)) == 13


# --- DOCX as LibreOffice opens it ---------------------------------------------------------------------


def test_libreoffice_opens_the_docx_and_shows_every_statement(out, corpus, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is needed: bash .ci/install --checkers installs it"
    for name, statements in (("financiering", corpus.statements_for(THEME)), ("overzicht", corpus.statements)):
        converted = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(out / f"{name}.docx"),
            ],
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert converted.returncode == 0, converted.stderr
        text = unhyphenated(pdf_text(tmp_path / f"{name}.pdf"))
        missing = [s.id for s in statements if unhyphenated(s.text) not in text]
        assert missing == []
        assert all(s.id.replace("-", "") in text for s in statements)


# --- bad input ----------------------------------------------------------------------------------------


def test_unknown_format_is_a_usage_error_listing_the_known_ones(tmp_path):
    result = run("--theme", THEME, "--format", "docx,pptx", "--output-dir", str(tmp_path), *DATE)
    assert result.exit_code == 2
    assert "unknown format 'pptx'; choose from pdf, html, docx, odt, xlsx, ods, csv (" in result.output
    assert not tmp_path.joinpath("financiering.docx").exists()


def test_a_failing_format_writes_nothing_of_the_run(tmp_path):
    templates = copy_templates(tmp_path)
    (templates / "reference.docx").write_bytes(b"not a zip")
    target = tmp_path / "out"
    result = run(
        "--theme",
        THEME,
        "--format",
        "html,xlsx,csv,docx",
        "--templates",
        str(templates),
        "--output-dir",
        str(target),
        *DATE,
    )
    assert result.exit_code == 1
    assert "reference.docx: cannot be used as the Word reference document" in result.output
    assert "nothing was written" in result.output
    assert not target.exists() or list(target.iterdir()) == []


def test_the_bundled_reference_document_is_what_the_tool_makes():
    """templates/reference.docx is generated: a change to tools/make_reference_docx.py must be rerun."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_reference_docx", ROOT / "tools" / "make_reference_docx.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build() == (TEMPLATES / "reference.docx").read_bytes()


def test_a_rerun_finds_the_exports_up_to_date(tmp_path):
    args = ("--theme", THEME, "--format", "docx,xlsx,csv", "--output-dir", str(tmp_path), *DATE)
    assert run(*args).exit_code == 0
    again = run(*args)
    assert again.exit_code == 0
    assert again.output.count("up to date") == 3
    (tmp_path / "financiering.csv").write_bytes(b"edited by hand")
    third = run(*args)
    assert "financiering.csv" in third.output and third.output.count("up to date") == 2
    assert (tmp_path / "financiering.csv").read_bytes().startswith(b"\xef\xbb\xbfNummer;")
