"""The workbook travels alone: links that still lead somewhere, the key figures, and each statement's group."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from conftest import DATA, DATE, report

LINK = 12  # the workbook's last column (L): the statement in the HTML brief


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped corpus: its publication.yaml names no website."""
    out = tmp_path_factory.mktemp("xlsx")
    result = report("--theme", "financiering", "--overview", "--format", "html,xlsx", *DATE, "--output-dir", out)
    assert result.exit_code == 0, result.output
    return out


def test_without_a_website_the_sheet_says_where_the_html_belongs(shipped):
    book = openpyxl.load_workbook(shipped / "financiering.xlsx")
    sheet = book["Uitspraken"]
    assert sheet.cell(1, LINK).value == "Link"
    note = sheet.cell(1, LINK).comment.text  # on the Link column's header, in the sheet itself
    assert "financiering.html" in note and "in dezelfde map als dit bestand" in note
    assert all(
        row[LINK - 1].startswith("financiering.html#kp-") for row in sheet.iter_rows(min_row=2, values_only=True)
    )
    figures = [row[0] for row in book["Kerncijfers"].iter_rows(values_only=True)]
    assert note in figures  # and below the key figures


def test_with_a_website_every_link_is_a_whole_web_address(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "facets-sector", corpus)  # publication.yaml: website https://example.org/knelpunten
    result = report(
        "--theme", "financiering", "--overview", "--format", "xlsx", *DATE, "--output-dir", tmp_path, corpus=corpus
    )
    assert result.exit_code == 0, result.output
    for name, anchor in (("financiering", "kp-002"), ("overzicht", "financiering-kp-002")):
        sheet = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")["Uitspraken"]
        links = [row[-1] for row in sheet.iter_rows(min_row=2)]
        assert links[0].value == f"https://example.org/knelpunten/{name}.html#{anchor}"
        assert (links[0].hyperlink.target, links[0].hyperlink.location) == (
            f"https://example.org/knelpunten/{name}.html",
            anchor,
        )
        assert all(link.value.startswith("https://example.org/knelpunten/") for link in links)
        assert sheet.cell(1, sheet.max_column).comment is None  # nothing to explain


def key_figures_text(html: str) -> str:
    start = html.index('id="kerncijfers-title"')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start : html.index("</table>", start)]).split())


def test_the_key_figures_sheet_counts_what_the_brief_says(shipped, corpus):
    rows = list(openpyxl.load_workbook(shipped / "financiering.xlsx")["Kerncijfers"].iter_rows(values_only=True))
    assert rows[0] == ("Kerncijfer", "Waarde", "Aantal uitspraken")
    figures = {(label, value): count for label, value, count in rows[1:] if isinstance(count, int)}
    statements = corpus.statements_for("financiering")
    assert figures[("Uitspraken", "in deze brief")] == len(statements)
    assert figures[("Uitspraken", "in het corpus")] == len(corpus.statements)
    summary = key_figures_text((shipped / "financiering.html").read_text(encoding="utf-8"))
    for facet in corpus.codebook.facets:  # every value a statement names, and how many name none
        for value in facet.values:
            named = sum(value.slug in s.facet_values(facet.slug) for s in statements)
            assert figures.get((facet.label, value.label), 0) == named, (facet.slug, value.slug)
            if named:
                assert f"{value.label}: {named}" in summary  # the brief's own key figures say the same
        assert figures[(facet.label, "geen")] == sum(not s.facet_values(facet.slug) for s in statements)
    overview = list(openpyxl.load_workbook(shipped / "overzicht.xlsx")["Kerncijfers"].iter_rows(values_only=True))
    per_theme = {value: count for label, value, count in overview[1:] if label == "Thema"}
    assert per_theme == {theme.title: corpus.count_for(theme.slug) for theme in corpus.codebook.themes}


def test_each_statement_row_names_its_group_in_the_brief(shipped):
    html = (shipped / "financiering.html").read_text(encoding="utf-8")
    groups = {}  # statement id -> the heading of the group it stands under in the HTML
    for part in html.split('<section class="group"')[1:]:
        heading = re.search(r"<h3[^>]*>(.*?)<span", part, re.S).group(1).strip()
        groups.update({found.upper(): heading for found in re.findall(r'id="(kp-\d+)"', part)})
    sheet = openpyxl.load_workbook(shipped / "financiering.xlsx")["Uitspraken"]
    assert sheet.cell(1, 4).value == "Groep in de brief"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {row[0]: row[3] for row in rows} == groups and len(set(groups.values())) > 1
