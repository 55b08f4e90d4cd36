"""`--format odt,ods`: OpenDocument briefs, read back with odfdo and opened in LibreOffice; and issue 27's
"Word and ODT as the PDF": a concept says so on every page, the contents show page numbers in LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from odfdo import Document, Element

from conftest import DATE, ROOT, TEMPLATES, copy_templates, pdf_text, squash
from conftest import report as run
from edition_scenario import record

THEME = "financiering"
pytestmark = pytest.mark.xdist_group("odf")


def unhyphenated(text: str) -> str:
    return squash(text).replace("-", "").replace("\u00ad", "")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("odf")
    result = run("--theme", THEME, "--overview", "--format", "odt,ods,docx,xlsx", "--output-dir", str(folder), *DATE)
    assert result.exit_code == 0, result.output
    return folder


def libreoffice_pdf(path: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: bash .ci/install --checkers installs it"
    converted = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert converted.returncode == 0, converted.stderr
    return folder / (path.stem + ".pdf")


def styles_of(document: Document, xpath: str) -> list[str]:
    return [element.get_attribute("text:style-name") for element in document.body.get_elements(xpath)]


# --- ODT read back with odfdo ---------------------------------------------------------------------


def test_odt_uses_the_reference_styles_and_headings(out):
    document = Document(out / f"{THEME}.odt")
    used = set(styles_of(document, "//text:p")) | set(styles_of(document, "//text:h"))
    assert {
        "Title",
        "Subtitle",
        "Heading_20_1",
        "Heading_20_2",
        "Quotations",
        "Caption",
        "Small_20_Text",
        "Contents_20_Heading",
        "Contents_20_1",
        "Table_20_Contents",
    } <= used
    headings = [h.text_recursive for h in document.body.get_headers(outline_level=1)]
    assert headings == ["Samenvatting", "Uitspraken", "Verantwoording"]
    for name in used - {"BBreak", "BTable_20_Contents_num", "BTable_20_Heading_num"}:
        assert document.get_style("paragraph", name) is not None, name  # every style is defined


def test_odt_properties_and_language(out):
    document = Document(out / f"{THEME}.odt")
    meta = document.meta
    assert meta.get_title() == "Knelpunten: Financiering"
    assert meta.get_subject() == "Financiering"
    assert "financiering" in meta.get_keywords() and "mensenhandel" in meta.get_keywords()
    assert meta.get_language() == "nl-NL"
    assert str(meta.get_creation_date()).startswith("2025-03-01")
    assert "bottlenecks" not in (meta.get_initial_creator() or "")
    default = document.styles.get_element("//style:default-style[@style:family='paragraph']")
    properties = default.get_element("style:text-properties")
    assert (properties.get_attribute("fo:language"), properties.get_attribute("fo:country")) == ("nl", "NL")


def test_english_odt_marks_the_statements_dutch(tmp_path, corpus):
    assert run("--theme", THEME, "--format", "odt", "--lang", "en", "--output-dir", str(tmp_path), *DATE).exit_code == 0
    document = Document(tmp_path / f"{THEME}.en.odt")
    assert document.meta.get_language() == "en-GB"
    quotes = document.body.get_paragraphs(style="Quotations")
    assert len(quotes) == len(corpus.statements_for(THEME))
    for quote in quotes:
        spans = quote.get_elements("text:span")
        assert spans and not (quote.text or "").strip()  # all of the text is in marked spans
        for span in spans:
            style = document.get_style("text", span.get_attribute("text:style-name"))
            assert style.get_element("style:text-properties").get_attribute("fo:language") == "nl"


def test_odt_has_every_statement_verbatim_with_citation_and_bookmark(out, corpus):
    document = Document(out / f"{THEME}.odt")
    quotes = {p.text_recursive for p in document.body.get_paragraphs(style="Quotations")}
    assert quotes == {s.text for s in corpus.statements_for(THEME)}
    bookmarks = {b.name for b in document.body.get_bookmarks()}
    assert {s.id.lower() for s in corpus.statements_for(THEME)} <= bookmarks
    links = {a.get_attribute("xlink:href") for a in document.body.get_elements("//text:a")}
    assert "#kp-002" in links


def test_odt_table_of_contents_refers_to_page_numbers_of_bookmarks(out):
    document = Document(out / f"{THEME}.odt")
    toc = document.body.get_toc()
    assert toc is not None
    references = toc.get_elements("//text:bookmark-ref")
    bookmarks = {b.name for b in document.body.get_bookmarks()}
    assert len(references) >= 3
    for reference in references:
        assert reference.get_attribute("text:reference-format") == "page"
        assert reference.get_attribute("text:ref-name") in bookmarks


def test_an_organisation_swaps_in_its_own_reference_odt(tmp_path):
    templates = copy_templates(tmp_path)
    own = Document(TEMPLATES / "reference.odt")
    own.get_style("paragraph", "Quotations").set_properties(area="text", color="#008000")
    master = own.styles.get_element("//style:master-page")
    master.insert(Element.from_tag("<style:header><text:p>Gemeente Voorbeeld</text:p></style:header>"), position=0)
    own.save(templates / "reference.odt")
    assert (
        run(
            "--theme",
            THEME,
            "--format",
            "odt",
            "--templates",
            str(templates),
            "--output-dir",
            str(tmp_path / "out"),
            *DATE,
        ).exit_code
        == 0
    )
    document = Document(tmp_path / "out" / f"{THEME}.odt")
    assert "#008000" in document.get_style("paragraph", "Quotations").serialize()
    assert "Gemeente Voorbeeld" in document.styles.get_element("//style:master-page").serialize()


@pytest.mark.parametrize("kind", ["not a zip", "a spreadsheet"])
def test_a_broken_reference_odt_is_one_clear_error_and_writes_nothing(tmp_path, kind):
    templates = copy_templates(tmp_path)
    if kind == "not a zip":
        (templates / "reference.odt").write_bytes(b"not a zip")
    else:
        Document("spreadsheet").save(templates / "reference.odt")
    result = run(
        "--theme",
        THEME,
        "--format",
        "html,odt",
        "--templates",
        str(templates),
        "--output-dir",
        str(tmp_path / "out"),
        *DATE,
    )
    assert result.exit_code == 1
    assert "reference.odt: cannot be used as the OpenDocument reference document" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_bundled_reference_odt_is_what_the_tool_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_reference_odt", ROOT / "tools" / "make_reference_odt.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build() == (TEMPLATES / "reference.odt").read_bytes()


# --- ODS: the XLSX's sheet ----------------------------------------------------------------------


def test_ods_has_the_xlsx_sheet_columns_rows_and_properties(out):
    for name in (THEME, "overzicht"):
        ods = Document(out / f"{name}.ods")
        workbook = openpyxl.load_workbook(out / f"{name}.xlsx")
        sheet = workbook.worksheets[0]
        tables = ods.body.get_tables()
        assert [table.name for table in tables] == [sheet.title]
        table = tables[0]
        expected = [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]
        got = [[cell.value if cell.value is not None else "" for cell in row.traverse()] for row in table.traverse()]
        got = [[int(v) if isinstance(v, float | int) and not isinstance(v, bool) else v for v in row] for row in got]
        for row in got[1:]:  # odfdo reads a linked text as Markdown: the link goes to the HTML beside the file
            text = row[-1][1 : row[-1].index("]")]
            assert row[-1] == f"[{text}](../{text})"
            row[-1] = text
        assert got == expected
        assert ods.meta.get_title() == workbook.properties.title
        assert ods.meta.get_keywords() == workbook.properties.keywords
        assert ods.meta.get_language() == "nl-NL"
        assert table.get_element("table:table-header-rows") is not None  # repeated on every printed page
        ranges = ods.body.get_elements("//table:database-range")
        assert ranges and ranges[0].get_attribute("table:display-filter-buttons") in (True, "true")


def test_ods_column_widths_follow_the_xlsx(out):
    ods = Document(out / f"{THEME}.ods")
    sheet = openpyxl.load_workbook(out / f"{THEME}.xlsx").worksheets[0]
    table = ods.body.get_tables()[0]
    widths = [
        float(ods.get_style("table-column", column.style).serialize().split('column-width="')[1].split("cm")[0])
        for column in table.get_columns()
    ]
    # XlsxWriter stores neighbouring columns of one width as one range (min..max), which openpyxl keys by its first
    by_column = {
        number: dimension.width
        for dimension in sheet.column_dimensions.values()
        for number in range(dimension.min, dimension.max + 1)
    }
    excel = [by_column[index + 1] for index in range(len(widths))]
    ratios = {round(width / characters, 2) for width, characters in zip(widths, excel, strict=True)}
    assert len(ratios) == 1  # one scale: the same widths


def test_libreoffice_opens_the_ods_and_shows_every_statement(out, corpus, tmp_path):
    """Cells of one row wrap side by side, so the PDF's text interleaves them: each statement's words in order."""
    words = pdf_text(libreoffice_pdf(out / f"{THEME}.ods", tmp_path)).split()

    def shown(text: str) -> bool:
        rest = iter(words)
        return all(word in rest for word in text.split())

    statements = corpus.statements_for(THEME)
    assert [s.id for s in statements if not shown(s.text)] == []
    assert not shown("Er is een versnipperde financiering die nergens staat")  # the check can fail


# --- both files, again and in LibreOffice -----------------------------------------------------------


def test_a_rerun_gives_the_same_bytes(out, tmp_path):
    assert (
        run(
            "--theme", THEME, "--overview", "--format", "odt,ods", "--output-dir", str(tmp_path), *DATE, "--force"
        ).exit_code
        == 0
    )
    for name in (THEME, "overzicht"):
        for suffix in ("odt", "ods"):
            assert (tmp_path / f"{name}.{suffix}").read_bytes() == (out / f"{name}.{suffix}").read_bytes()
            with zipfile.ZipFile(tmp_path / f"{name}.{suffix}") as archive:
                first = archive.infolist()[0]
                assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
                assert {info.date_time[:3] for info in archive.infolist()} == {(2025, 3, 1)}


@pytest.mark.parametrize("suffix", ["odt", "docx"])
def test_libreoffice_shows_every_statement_the_contents_page_numbers_and_concept_on_every_page(
    out, corpus, tmp_path, suffix
):
    for name, statements in ((THEME, corpus.statements_for(THEME)), ("overzicht", corpus.statements)):
        pdf = libreoffice_pdf(out / f"{name}.{suffix}", tmp_path)
        pages = pdf_text(pdf).split("\f")[:-1]
        text = unhyphenated("".join(pages))
        assert [s.id for s in statements if unhyphenated(s.text) not in text] == []
        assert all("CONCEPT" in page for page in pages), name  # the corpus's publication is a concept
        contents = pages[0] + pages[1]
        for entry in ("Samenvatting", "Verantwoording"):
            assert re.search(rf"{entry}\s*\.{{3,}}\s*\d+", contents), (name, entry)


def test_a_published_brief_has_no_concept_mark(corpus_copy, tmp_path):
    publication = corpus_copy / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    assert re.search(r"^status: concept$", text, re.M), text
    publication.write_text(re.sub(r"^status: concept$", "status: definitief", text, flags=re.M), encoding="utf-8")
    record(corpus_copy)  # definitief while the corpus is still the recorded edition
    result = run("--theme", THEME, "--format", "docx,odt", "--output-dir", str(tmp_path), *DATE, corpus=corpus_copy)
    assert result.exit_code == 0, result.output
    word = docx.Document(str(tmp_path / f"{THEME}.docx"))
    assert "CONCEPT" not in " ".join(p.text for p in word.sections[0].header.paragraphs)
    with zipfile.ZipFile(tmp_path / f"{THEME}.odt") as odt:
        assert b"CONCEPT" not in odt.read("styles.xml")
