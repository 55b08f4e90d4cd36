"""Facets come from the codebook: a corpus that declares a fourth facet, or only two, runs every command.

`tests/data/facets-sector` adds a facet `sector` and `tests/data/facets-two`
keeps only `partijen` and `sector` (neither of who a statement names, so no
figure of mentions and no grid): nothing in the code names them. Every command
and every format runs on both without a traceback, and the new facet shows up
where the others do: the key figures, the spreadsheet columns, the filter
option, the schema, the statistics, the REFI-QDA codebook, the changes since
an edition and the import.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import DATA, DATE, invoke

SECTOR = DATA / "facets-sector"
TWO = DATA / "facets-two"
FORMATS = "pdf,html,docx,xlsx,csv"


def run(*args: object):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(params=[SECTOR, TWO], ids=["sector", "two-facets"])
def corpus(request, tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(request.param, folder)
    return folder


def key_figures(html: str) -> str:
    """The key figures' table of a brief, as text."""
    import re

    start = html.index('id="kerncijfers-title"')
    table = html[start : html.index("</table>", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


def test_every_command_and_format_runs_on_the_declared_facets(corpus, tmp_path):
    out = tmp_path / "out"
    run("check", "--corpus", corpus)
    run("themes", "--corpus", corpus)
    run("list", "--theme", "financiering", "--corpus", corpus)
    assert "KP-001" in run("list", "--sector", "zorg", "--corpus", corpus).output
    run("report", "--all", "--format", FORMATS, *DATE, "--output-dir", out, "--corpus", corpus)
    run(
        "report",
        "--theme",
        "capaciteit",
        "--lang",
        "en",
        "--format",
        "html,docx,xlsx,csv",
        *DATE,
        "--output-dir",
        out,
        "--corpus",
        corpus,
    )
    run(
        "report",
        "--sector",
        "Zorg",
        "--partij",
        "politie",
        "--name",
        "zorg-politie",
        "--format",
        FORMATS,
        *DATE,
        "--output-dir",
        out,
        "--corpus",
        corpus,
    )
    assert (out / "zorg-politie.pdf").is_file() and (out / "overzicht.xlsx").is_file()
    run("edition", "2026-1", "--date", "2026-01-01", "--corpus", corpus)
    statements = corpus / "statements" / "a.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace("sector: [zorg]", "sector: [onderwijs]", 1), encoding="utf-8"
    )
    run("editions", "--corpus", corpus)
    run(
        "report",
        "--theme",
        "capaciteit",
        "--since",
        "2026-1",
        "--format",
        "html,docx,xlsx,csv",
        *DATE,
        "--output-dir",
        out / "since",
        "--corpus",
        corpus,
    )
    assert "Sectoren" in (out / "since" / "capaciteit.html").read_text(encoding="utf-8")  # what was reclassified
    run("export", "codebook", tmp_path / "codes.qdc", "--corpus", corpus)
    assert 'name="Sectoren"' in (tmp_path / "codes.qdc").read_text(encoding="utf-8")
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "tekst;thema's;paragraaf;pagina;sector\nNieuw knelpunt in de zorg.;capaciteit;2.16;26;Zorg\n", encoding="utf-8"
    )
    run("import", sheet, "--corpus", corpus)
    written = "".join(path.read_text(encoding="utf-8") for path in (corpus / "statements").glob("*.yaml"))
    assert "Nieuw knelpunt in de zorg." in written and written.count("sector: [zorg]") == 1  # KP-001 now onderwijs
    stats = run("stats", "--corpus", corpus).output
    assert "sector" in stats and "onderwijs" in stats
    run("fmt", "--corpus", corpus)
    run("fmt", "--check", "--corpus", corpus)
    run("schema", "--corpus", corpus)
    schema = json.loads((corpus / "schema" / "statements.schema.json").read_text(encoding="utf-8"))
    statement = schema["$defs"]["Statement"]["properties"]
    assert statement["sector"]["items"]["enum"][:2] == ["zorg", "onderwijs"]
    codebook = yaml.safe_load((corpus / "codebook.yaml").read_text(encoding="utf-8"))
    facets = [facet["slug"] for facet in codebook["facets"]]
    after_themes = list(statement)[list(statement).index("themes") + 1 :]
    assert after_themes[: len(facets)] == facets  # in the codebook's order, where an editor writes them
    brief = json.loads((corpus / "schema" / "brief.schema.json").read_text(encoding="utf-8"))
    assert "sector" in brief["$defs"]["BriefSelection"]["properties"]
    run("check", "--corpus", corpus)


def test_a_fourth_facet_shows_in_the_key_figures_the_columns_and_the_filter(tmp_path):
    out = tmp_path / "out"
    run(
        "report",
        "--theme",
        "financiering",
        "--brief",
        "zorgsector",
        "--format",
        "html,xlsx,csv",
        *DATE,
        "--output-dir",
        out,
        "--corpus",
        SECTOR,
    )
    figures = key_figures((out / "financiering.html").read_text(encoding="utf-8"))
    assert "Sector Zorg: 1; Onderwijs: 1; Land- en tuinbouw: 1" in figures
    assert "Partijen het vaakst genoemd Gemeenten: 2; Politie: 1" in figures  # the others as they were
    header = [cell.value for cell in next(load_workbook(out / "financiering.xlsx").worksheets[0].iter_rows())]
    assert header[4:8] == ["Doelgroepen", "Partijen", "Vormen van uitbuiting", "Sectoren"]  # after the group
    rows = {row[0]: row for row in load_workbook(out / "financiering.xlsx").worksheets[0].iter_rows(values_only=True)}
    assert rows["KP-002"][7] == "Zorg, Onderwijs"
    # the composed brief selects by the new facet: the statements in the care sector, no other
    composed = (out / "zorgsector.csv").read_text(encoding="utf-8-sig")
    assert "KP-001;" in composed and "KP-002;" in composed and "KP-003;" not in composed
    listed = run("list", "--sector", "land-en-tuinbouw", "--corpus", SECTOR).output
    assert "KP-003" in listed and "KP-001" not in listed
    assert "--sector VALUE" in run("report", "--help", "--corpus", SECTOR).output
    wrong = invoke("list", "--sector", "zrog", "--corpus", SECTOR)
    assert wrong.exit_code == 2 and "unknown sector value 'zrog' — did you mean 'zorg'?" in wrong.output


def test_two_facets_leave_out_the_figures_of_the_others(tmp_path):
    out = tmp_path / "out"
    run(
        "report", "--theme", "capaciteit", "--overview", "--format", "html", *DATE, "--output-dir", out, "--corpus", TWO
    )
    html = (out / "capaciteit.html").read_text(encoding="utf-8")
    assert 'id="figuur-genoemd"' not in html  # no facet of who a statement names
    assert "Partij Politie: 1 Sector Zorg: 1; Onderwijs: 1" in key_figures(html)
    overview = (out / "overzicht.html").read_text(encoding="utf-8")
    assert "Figuur 2." in overview and "Figuur 3." not in overview  # no grid declared
    assert invoke("list", "--doelgroep", "x", "--corpus", TWO).exit_code == 2  # no such facet, no such option


def test_today_option_names_stay(tmp_path):
    """--partij filters the facet `partijen`: the codebook's `option:` names it."""
    listed = run("list", "--partij", "gemeenten", "--theme", "financiering", "--corpus", SECTOR).output
    assert "KP-003" in listed and "KP-004" in listed and "KP-002" not in listed
    assert "--partijen" not in run("list", "--help", "--corpus", SECTOR).output


def test_a_facet_declaration_is_checked(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SECTOR, corpus)
    codebook = corpus / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(
        text.replace("  - slug: sector", "  - slug: themes").replace("option: partij", "option: doelgroep"),
        encoding="utf-8",
    )
    result = invoke("check", "--corpus", corpus)
    assert result.exit_code == 1
    assert "'themes' is already a field of a statement or a brief's select" in result.output
    assert "facet option 'doelgroep' is defined twice" in result.output
    assert "unknown field 'sector'" in result.output  # the statements' values of a facet the codebook lost


@pytest.mark.parametrize("slug", ["note", "include", "exclude", "id", "text", "source", "themes"])
def test_a_facet_named_like_a_field_is_one_clear_error_never_a_traceback(corpus_copy, slug):
    codebook = corpus_copy / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    declaration = f"  - {{slug: {slug}, label: Opmerking, one: opmerking, values: [{{slug: kort, label: Kort}}]}}\n"
    codebook.write_text(text.replace("facets:\n", "facets:\n" + declaration, 1), encoding="utf-8")
    result = invoke("check", "--no-cache", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message and exit 1, no error inside the program
    line = text[: text.index("facets:\n")].count("\n") + 2
    assert (
        f"codebook.yaml:{line}:12: facets[0].slug: '{slug}' is already a field of a statement or a brief's select: "
        "give the facet another slug"
    ) in result.output
    assert "1 error, 0 warnings" in result.output  # nothing judged against the codebook follows from it
