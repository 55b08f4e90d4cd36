"""The site's OpenDocument files: the corpus as ODS in the open data (a distribution of the dataset), and every
brief's ODT and ODS beside its Word and Excel files.

One site is built per module from a copy of the shipped corpus in which a statement starts like a formula;
the rebuild works on a copy of that site.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from odfdo import Document
from openpyxl import load_workbook
from rdflib import Graph, Namespace, URIRef

from conftest import CORPUS, calls_to, invoke

BASE = "https://example.org/knelpunten/"
FORMULA = '=HYPERLINK("http://example.invalid","klik")'
FORMULA_ID = "KP-005"  # financiering; doelgroep jongeren, uitbuitingsvorm seksueel; quoted by no note
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")


def build(output: Path, corpus: Path):
    return invoke(
        "site", "--output-dir", output, "--date", "2026-03-02", "--no-search", "--base-url", BASE, "--corpus", corpus
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("odf-corpus") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "statements" / "bloemlezing-2.16.yaml"
    source = path.read_text(encoding="utf-8")
    old = (
        "    text: >-\n      Het bestaansrecht voor de aanpak van jonge prostitutie. Nog geen\n"
        "      financiering, terwijl dit wel nodig is.\n"
    )
    assert old in source
    path.write_text(source.replace(old, f"    text: '{FORMULA}'\n", 1), encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def loaded(corpus_dir):
    from bottleneck_briefs.corpus.loading import load_corpus

    return load_corpus(corpus_dir).corpus


@pytest.fixture(scope="module")
def site(corpus_dir) -> Path:
    output = corpus_dir.parent / "site"
    result = build(output, corpus_dir)
    assert result.exit_code == 0, result.output
    return output


def sheet_values(path: Path) -> list[list]:
    """Every row of the workbook's one sheet, each cell's value (None when empty)."""
    tables = Document(path).body.get_tables()
    assert len(tables) == 1
    return [[cell.value for cell in row.traverse()] for row in tables[0].traverse()]


def test_the_ods_holds_every_statement_verbatim_with_its_facets_in_the_xlsx_columns(site, loaded):
    rows = sheet_values(site / "data" / "knelpunten.ods")
    header, body = rows[0], rows[1:]
    facets = loaded.codebook.facet_slugs
    assert header == [
        "id",
        "text",
        "translation_en",
        "themes",
        *facets,
        "document",
        "section",
        "page",
        "note",
        "page_path",
    ]
    assert [row[1] for row in body] == [statement.text for statement in loaded.statements]
    for statement, row in zip(loaded.statements, body, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["id"] == statement.id and cells["themes"] == "; ".join(statement.themes)
        for facet in loaded.codebook.facet_slugs:
            assert cells[facet] == ("; ".join(statement.facet_values(facet)) or None), (statement.id, facet)
        assert cells["page"] == statement.source.page
    workbook = load_workbook(site / "data" / "knelpunten.xlsx", read_only=True).active
    # the XLSX's records and columns (an empty cell is empty in the ODS, an empty text in the XLSX)
    assert [[cell if cell is not None else "" for cell in row] for row in rows] == [
        list(row) for row in workbook.iter_rows(values_only=True)
    ]


def test_a_text_that_starts_like_a_formula_stays_a_string_cell(site):
    table = Document(site / "data" / "knelpunten.ods").body.get_tables()[0]
    row = next(row for row in table.traverse() if row.get_cell(0).value == FORMULA_ID)
    cell = row.get_cell(1)
    assert (cell.value, cell.type, cell.formula) == (FORMULA, "string", None)
    with zipfile.ZipFile(site / "data" / "knelpunten.ods") as archive:
        assert b"table:formula" not in archive.read("content.xml")


def test_the_dataset_has_the_ods_as_a_distribution_that_matches_the_file(site):
    graph = Graph().parse(site / "data" / "dataset.jsonld", format="json-ld")
    data = (site / "data" / "knelpunten.ods").read_bytes()
    distribution = graph.value(predicate=DCAT.accessURL, object=URIRef(BASE + "data/knelpunten.ods"))
    assert distribution is not None
    assert graph.value(distribution, DCT["format"]) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/ODS"
    )
    assert graph.value(distribution, DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/application/vnd.oasis.opendocument.spreadsheet"
    )
    assert int(graph.value(distribution, DCAT.byteSize)) == len(data)
    checksum = graph.value(distribution, SPDX.checksum)
    assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
    dataset = graph.value(predicate=DCAT.distribution, object=distribution)
    assert graph.value(dataset, DCT.isVersionOf) is None  # the collection as published, not an edition
    assert "knelpunten.ods" in (site / "data" / "index.html").read_text(encoding="utf-8")


def test_every_brief_page_offers_its_odt_and_ods_and_the_odt_holds_the_theme(site, loaded):
    theme = loaded.codebook.themes[0].slug
    page = (site / "themas" / theme / "index.html").read_text(encoding="utf-8")
    assert f'href="../../data/briefs/{theme}.odt" download>OpenDocument-tekst (ODT)</a>' in page
    assert f'href="../../data/briefs/{theme}.ods" download>OpenDocument-rekenblad (ODS)</a>' in page
    text = " ".join(Document(site / "data" / "briefs" / f"{theme}.odt").get_formatted_text().split())
    assert " ".join(loaded.statements_for(theme)[0].text.split()) in text
    ids = [row[0] for row in sheet_values(site / "data" / "briefs" / f"{theme}.ods")[1:]]
    assert sorted(ids) == sorted(statement.id for statement in loaded.statements_for(theme))
    others = [site / "overzicht" / "index.html", *(site / "briefs").glob("*/index.html")]
    others += (site / "notities").glob("*/index.html")
    assert len(others) >= 4
    for other in others:
        links = re.findall(r'href="([^"]+\.od[ts])" download', other.read_text(encoding="utf-8"))
        assert len(links) == 2, other
        for link in links:
            assert Document(other.parent / link).mimetype.startswith("application/vnd.oasis.opendocument.")


def test_the_labels_are_english_on_the_english_site():
    from bottleneck_briefs.briefs.content.translations import gettext_for

    _ = gettext_for("en")
    assert _("OpenDocument-tekst (ODT)") == "OpenDocument text (ODT)"
    assert _("OpenDocument-rekenblad (ODS)") == "OpenDocument spreadsheet (ODS)"
    assert _("Alle uitspraken (OpenDocument)") == "All statements (OpenDocument)"


def test_a_rebuild_rewrites_none_of_the_opendocument_files(site, corpus_dir, tmp_path, monkeypatch):
    from bottleneck_briefs.site import open_data

    made = calls_to(monkeypatch, open_data, "records_ods")
    output = tmp_path / "site"
    shutil.copytree(site, output)
    files = [output / "data" / "knelpunten.ods", *(output / "data").glob("*/*.od[ts]")]
    assert len(files) > 2
    inodes = {path: path.stat().st_ino for path in files}
    again = build(output, corpus_dir)
    assert again.exit_code == 0 and "(0 written," in again.output, again.output
    (output / "index.html").write_text("edited by hand", encoding="utf-8")  # the site is built again, in full
    rebuilt = build(output, corpus_dir)
    assert rebuilt.exit_code == 0 and "(0 written," not in rebuilt.output, rebuilt.output
    assert {path: path.stat().st_ino for path in files} == inodes  # the old files, kept: same bytes, not rewritten
    assert made == []  # the open data's ODS taken from the previous build
