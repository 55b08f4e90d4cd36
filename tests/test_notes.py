"""Notes (notes/NAME.md): the shipped examples rendered, and `check` guarding a note as it guards the corpus.

What a note should say is computed here from the corpus YAML, read with PyYAML
in this file, never by the code under test.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, invoke, pdf_text, squash

DATE = ["--date", "2026-12-01"]
NOTITIE, BESLISNOTA = "geld-voor-de-aanpak", "capaciteit-beslisnota"


def statements_yaml(corpus: Path) -> dict[str, dict]:
    return {
        item["id"]: item
        for path in sorted((corpus / "statements").glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["statements"]
    }


def yaml_count(corpus: Path, **select: list[str]) -> int:
    def holds(item: dict) -> bool:
        return all(set(values) & set(item.get(key, [])) for key, values in select.items())

    return sum(holds(item) for item in statements_yaml(corpus).values())


def check(corpus: Path, *args: str):
    return invoke("check", "--no-cache", "--corpus", str(corpus), *args)


def note_report(corpus: Path, out: Path, *args: str):
    return invoke("report", *args, "--corpus", str(corpus), "--output-dir", str(out), *DATE)


def write_note(corpus: Path, name: str, body: str, front: str = "") -> Path:
    path = corpus / "notes" / f"{name}.md"
    path.write_text(
        "---\ntitle: Proef\nkind: notitie\nto: Gemeenteraad Voorbeeldstad\n"
        f"from: Afdeling Zorg en Veiligheid\nstatus: concept\n{front}---\n\n{body}",
        encoding="utf-8",
    )
    return path


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


# --- the shipped examples ------------------------------------------------------------------------


def test_the_shipped_notes_check_clean_and_render_with_verbatim_quotes_and_live_counts(tmp_path):
    assert check(CORPUS).exit_code == 0
    result = note_report(CORPUS, tmp_path, "--note", NOTITIE, "--note", BESLISNOTA)
    assert result.exit_code == 0, result.output
    texts = statements_yaml(CORPUS)
    html = (tmp_path / f"{NOTITIE}.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<div class="note-quote">\s*<blockquote lang="nl"><p>(.*?)</p>', html, re.S)
    assert [unescape(quote) for quote in quotes] == [texts["KP-017"]["text"]]
    count = yaml_count(CORPUS, themes=["financiering"])
    together = yaml_count(CORPUS, themes=["financiering"], partijen=["gemeenten"])
    assert f"Professionals noemen {count} knelpunten over financiering; {together} daarvan" in html
    assert "[[" not in html
    # the annex: the cited statements in the order of first citation, then the evidence not cited
    annexed = re.findall(r'<div class="statement" id="(kp-\d+)">', html)
    cited = ["kp-017", "kp-048", "kp-002", "kp-034", "kp-037", "kp-025", "kp-031", "kp-028"]
    evidence = [i.lower() for i, item in texts.items() if "financiering" in item["themes"]]
    assert annexed[: len(cited)] == cited
    assert sorted(annexed[len(cited) :]) == sorted(set(evidence) - set(cited))
    for statement_id in annexed:
        assert squash(texts[statement_id.upper()]["text"]) in squash(unescape(html))
    pdf = pdf_text(tmp_path / f"{BESLISNOTA}.pdf")
    pages = [page for page in pdf.split("\f") if page.strip()]
    assert all("CONCEPT" in page for page in pages)  # a concept is marked on every page
    assert squash(texts["KP-048"]["text"]) in squash(pdf)
    assert f"{yaml_count(CORPUS, themes=['capaciteit'])}vande{len(texts)}uitspraken" in squash(pdf)
    for label in ("Aan", "Van", "Datum", "Kenmerk", "Onderwerp", "Status", "Bijlage: de uitspraken"):
        assert label in pdf


def test_a_note_is_byte_identical_across_runs_and_shows_an_edited_statement(tmp_path, corpus_copy):
    first, second = tmp_path / "a", tmp_path / "b"
    assert note_report(corpus_copy, first, "--note", NOTITIE).exit_code == 0
    assert note_report(corpus_copy, second, "--note", NOTITIE, "--force").exit_code == 0
    for suffix in ("pdf", "html"):
        assert (first / f"{NOTITIE}.{suffix}").read_bytes() == (second / f"{NOTITIE}.{suffix}").read_bytes()
    statements = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("€2 miljoen onvoldoende.", "€2 miljoen ruim onvoldoende."), encoding="utf-8")
    assert note_report(corpus_copy, first, "--note", NOTITIE).exit_code == 0
    assert "€2 miljoen ruim onvoldoende." in (first / f"{NOTITIE}.html").read_text(encoding="utf-8")


def test_themes_and_list_show_the_notes():
    listed = invoke("themes", "--corpus", str(CORPUS))
    assert "Notes (report --note NAME):" in listed.output and NOTITIE in listed.output
    shown = invoke("list", "--note", BESLISNOTA, "--corpus", str(CORPUS))
    assert shown.exit_code == 0
    assert shown.output.index("KP-043") < shown.output.index("KP-020")  # in the order of first citation
    unknown = invoke("list", "--note", "geld-voor-aanpak", "--corpus", str(CORPUS))
    assert unknown.exit_code == 2 and "did you mean 'geld-voor-de-aanpak'" in unknown.output


def test_a_note_in_word_and_opendocument_quotes_its_statements_verbatim(tmp_path, corpus):
    import docx
    from odfdo import Document

    result = note_report(CORPUS, tmp_path, "--note", NOTITIE, "--format", "docx,odt")
    assert result.exit_code == 0, result.output
    word = "\n".join(paragraph.text for paragraph in docx.Document(str(tmp_path / f"{NOTITIE}.docx")).paragraphs)
    opendocument = " ".join(p.text_recursive for p in Document(str(tmp_path / f"{NOTITIE}.odt")).body.get_paragraphs())
    by_id = {statement.id: statement for statement in corpus.statements}
    for statement in (by_id["KP-017"], by_id["KP-048"]):  # quoted, and annexed
        assert statement.text in word and " ".join(statement.text.split()) in " ".join(opendocument.split())


@pytest.mark.xdist_group("odf")  # one LibreOffice at a time
def test_libreoffice_opens_each_notes_word_and_opendocument_file_with_every_quote_verbatim(tmp_path):
    """The judge of a brief's DOCX and ODT judges the notes': every statement a note annexes (its cited ones
    and its evidence) is there verbatim, its counts are the YAML's, and a concept says so on every page."""
    from test_odf import libreoffice_pdf, unhyphenated

    result = note_report(CORPUS, tmp_path, "--note", NOTITIE, "--note", BESLISNOTA, "--format", "docx,odt")
    assert result.exit_code == 0, result.output
    texts = statements_yaml(CORPUS)
    for name in (NOTITIE, BESLISNOTA):
        source = (CORPUS / "notes" / f"{name}.md").read_text(encoding="utf-8")
        evidence = yaml.safe_load(source.split("---\n")[1])["evidence"]
        theme = evidence["themes"][0]
        annexed = set(re.findall(r"\[\[(KP-\d+)\]\]", source))
        annexed |= {
            statement_id
            for statement_id, item in texts.items()
            if all(set(values) & set(item.get(key, [])) for key, values in evidence.items())
        }
        for suffix in ("docx", "odt"):
            converted = tmp_path / suffix
            converted.mkdir(exist_ok=True)
            pages = pdf_text(libreoffice_pdf(tmp_path / f"{name}.{suffix}", converted)).split("\f")[:-1]
            text = unhyphenated("".join(pages))
            assert sorted(i for i in annexed if unhyphenated(texts[i]["text"]) not in text) == [], (name, suffix)
            assert all(i.replace("-", "") in text for i in annexed), (name, suffix)
            count = yaml_count(CORPUS, themes=[theme])
            assert {
                NOTITIE: f"Professionalsnoemen{count}knelpunten",
                BESLISNOTA: f"{count}vande{len(texts)}uitspraken",
            }[name] in text, (name, suffix)
            assert pages and all("CONCEPT" in page for page in pages), (name, suffix)
            for label in ("Aan", "Kenmerk", "Onderwerp", "Bijlage: de uitspraken"):
                assert unhyphenated(label) in text, (name, suffix, label)


# --- check -----------------------------------------------------------------------------------------


def test_check_reports_each_planted_mistake_at_its_line_and_column(corpus_copy):
    write_note(
        corpus_copy,
        "proef",
        "Eerste alinea [[KP-204]].\n\n"  # line 9
        "[[count themes=financiering partij=gemeenten]] en [[count themes=financeering]]\n\n"  # 11
        "> Hoeveel geld is er eigenlijk beschikbaar, €2 miljoen ruim onvoldoende.\n\n"  # 13
        "Zij zeiden: “Te veel wisselingen en doorloop op alle posities.”\n",
    )  # 15
    result = check(corpus_copy)
    assert result.exit_code == 1
    output = result.output
    assert lines_with(output, "proef.md:9:15: unknown id 'KP-204' — did you mean 'KP-024'?")
    assert lines_with(output, "proef.md:11:29: unknown count key 'partij' — did you mean 'partijen'? (the keys are")
    assert lines_with(output, "proef.md:11:59: themes: unknown theme 'financeering' — did you mean 'financiering'?")
    assert lines_with(
        output, "proef.md:13:3: warning: looks like KP-024 but differs: 'ruim' added; cite it as [[KP-024]]"
    )
    assert lines_with(output, "proef.md:15:14: warning: looks like KP-010 but differs: 'alle' added")


def test_the_near_quote_search_finds_what_comparing_every_statement_finds():
    """Quotes typed by hand from the shipped statements, a word added, left out or changed (and some exact),
    among many statements made of the same words: the candidate search loses no near quote."""
    import random

    from bottleneck_briefs.corpus.near_quotes import HandQuote, StatementWords

    class EveryStatement(StatementWords):
        def _candidates(self, distinct):
            return list(range(len(self.statements)))

    texts = [(statement_id, item["text"]) for statement_id, item in sorted(statements_yaml(CORPUS).items())]
    rng = random.Random(26)
    words = [word for _, text in texts for word in text.split()]
    crowd = texts + [(f"KP-{900 + number}", " ".join(rng.choice(words) for _ in range(30))) for number in range(300)]
    quotes = []
    for _, text in texts:
        typed = text.split()
        start = rng.randrange(max(1, len(typed) - 10))
        window = typed[start : start + rng.randint(6, 14)]
        change = rng.choice(["add", "drop", "swap", "exact"])
        at = rng.randrange(len(window))
        if change == "add":
            window.insert(at, "ruim")
        elif change == "drop" and len(window) > 6:
            del window[at]
        elif change == "swap":
            window[at] = "velen"
        quotes.append(HandQuote(0, " ".join(window)))
    searched, compared = StatementWords(crowd), EveryStatement(crowd)
    found = [searched.near(quote) for quote in quotes]
    assert found == [compared.near(quote) for quote in quotes]
    assert sum(near is not None for near in found) >= len(quotes) // 2  # most are near quotes: a real comparison


def test_a_retired_id_is_refused_with_its_reason(corpus_copy):
    codebook = corpus_copy / "codebook.yaml"
    statements = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    start = text.index("  - id: KP-013")
    statements.write_text(text[:start] + text[text.index("  - id: KP-014") :], encoding="utf-8")
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "retired_ids: []", "retired_ids:\n  - id: KP-013\n    reason: Dubbel met KP-012."
        ),
        encoding="utf-8",
    )
    write_note(corpus_copy, "proef", "Zie [[KP-013]].\n")
    output = check(corpus_copy).output
    assert lines_with(output, "proef.md:9:5: KP-013 is retired: Dubbel met KP-012. Cite another statement")


def test_front_matter_problems_are_told_at_their_line_in_the_note(corpus_copy):
    write_note(corpus_copy, "proef", "Tekst.\n", front="kind2: x\nedition: 2099-1\n")
    path = corpus_copy / "notes" / "proef.md"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: notitie", "kind: notitje"), encoding="utf-8")
    output = check(corpus_copy).output
    assert lines_with(output, "proef.md:3:7: kind: unknown kind 'notitje' — did you mean 'notitie'?")
    assert lines_with(output, "proef.md:7:1: kind2")
    assert lines_with(output, "proef.md:8:10") and lines_with(output, "unknown edition '2099-1'")


def test_a_beslisnota_without_an_expected_section_is_a_warning(corpus_copy):
    path = corpus_copy / "notes" / f"{BESLISNOTA}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Kernpunten", "## Hoofdpunten"), encoding="utf-8")
    result = check(corpus_copy)
    assert result.exit_code == 0
    assert (
        lines_with(result.output, "capaciteit-beslisnota.md:5:7: warning: kind: a beslisnota holds the sections")
        and "lacks Kernpunten" in result.output
    )


def test_a_cited_statement_changed_since_the_notes_edition_is_a_warning_and_annexed(corpus_copy, tmp_path):
    assert invoke("edition", "2026-1", "--date", "2026-03-01", "--corpus", str(corpus_copy)).exit_code == 0
    statements = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("€2 miljoen onvoldoende.", "€2 miljoen ruim onvoldoende."), encoding="utf-8")
    write_note(corpus_copy, "proef", "[[KP-024]]\n", front="edition: 2026-1\n")
    result = check(corpus_copy)
    assert lines_with(result.output, "proef.md:10:1: warning: KP-024 changed since edition 2026-1: reworded")
    assert note_report(corpus_copy, tmp_path, "--note", "proef").exit_code == 0
    html = (tmp_path / "proef.html").read_text(encoding="utf-8")
    assert "Wijzigingen sinds editie 2026-1" in html and "<ins>ruim</ins>" in html


def test_a_note_may_not_take_a_themes_or_a_brief_files_name(corpus_copy):
    write_note(corpus_copy, "financiering", "Tekst.\n")
    write_note(corpus_copy, "opvang-en-zorg", "Tekst.\n")
    output = check(corpus_copy).output
    assert lines_with(output, "financiering.md: 'financiering' is a theme's slug")
    assert lines_with(output, "opvang-en-zorg.md: 'opvang-en-zorg' names a brief file")


def test_personal_data_in_a_note_is_refused_at_its_place(corpus_copy):
    write_note(corpus_copy, "proef", "Bel ons.\n\nMail naar j.jansen@voorbeeldstad.nl voor meer.\n")
    result = check(corpus_copy)
    assert result.exit_code == 1
    assert lines_with(result.output, "proef.md:11:11: body: looks like")


def test_an_organisation_adds_its_own_kind_in_a_templates_folder(corpus_copy, tmp_path):
    templates = tmp_path / "huisstijl"
    (templates / "notes").mkdir(parents=True)
    (templates / "notes" / "raadsinformatiebrief.yaml").write_text(
        "label: Raadsinformatiebrief\nexpected_sections: [Kern]\n", encoding="utf-8"
    )
    (templates / "notes" / "raadsinformatiebrief.html.j2").write_text(
        '{% extends "note.html.j2" %}\n', encoding="utf-8"
    )
    write_note(corpus_copy, "proef", "## Kern\n\nTekst [[KP-017]].\n")
    path = corpus_copy / "notes" / "proef.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: notitie", "kind: raadsinformatiebrief"), encoding="utf-8"
    )
    assert check(corpus_copy).exit_code == 1  # the bundled templates know no such kind
    assert check(corpus_copy, "--templates", str(templates)).exit_code == 0
    out = tmp_path / "out"
    result = note_report(corpus_copy, out, "--note", "proef", "--templates", str(templates), "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Raadsinformatiebrief" in (out / "proef.html").read_text(encoding="utf-8")


def test_the_note_schema_is_current_and_validates_the_shipped_front_matter():
    import jsonschema

    schema = CORPUS / "schema" / "note.schema.json"
    assert subprocess.run(["git", "diff", "--quiet", str(schema)], cwd=CORPUS.parent).returncode == 0
    import json

    for path in (CORPUS / "notes").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        data = json.loads(json.dumps(yaml.safe_load(front), default=str))  # YAML 1.2 reads a date as text
        jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))


def test_a_notes_spreadsheet_holds_its_annexed_statements(tmp_path):
    assert note_report(CORPUS, tmp_path, "--note", BESLISNOTA, "--format", "csv").exit_code == 0
    rows = (tmp_path / f"{BESLISNOTA}.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    ids = [row.split(";")[0] for row in rows]
    assert ids[:3] == ["KP-043", "KP-020", "KP-029"] and len(ids) == len(set(ids))
    assert all(
        link.endswith(f"{BESLISNOTA}.html#{i.lower()}")
        for i, link in zip(ids, (row.rsplit(";", 1)[1] for row in rows), strict=True)
    )


def test_an_unclosed_marker_and_a_misplaced_note_are_told(corpus_copy):
    write_note(corpus_copy, "proef", "Tekst [[KP-024 zonder einde.\n")
    (corpus_copy / "notes" / "oud").mkdir()
    (corpus_copy / "notes" / "oud" / "x.md").write_text((corpus_copy / "notes" / "proef.md").read_text())
    output = check(corpus_copy).output
    assert lines_with(output, "proef.md:9:7: '[[' without its ']]'")
    assert lines_with(output, "x.md: notes go directly in notes/")


def test_all_in_word_plans_the_notes_too(tmp_path):
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest, plan_report, quick_facts

    facts = quick_facts(CORPUS)
    assert facts is not None and facts.note_names == (BESLISNOTA, NOTITIE)
    plan = plan_report(
        CORPUS,
        ReportRequest(all_briefs=True, output_formats=("docx", "csv"), output_dir=tmp_path, date="2026-12-01"),
        facts,
    )
    notes = [planned.path.name for planned in plan.files if planned.kind == "note"]
    assert sorted(notes) == [f"{BESLISNOTA}.csv", f"{BESLISNOTA}.docx", f"{NOTITIE}.csv", f"{NOTITIE}.docx"]
