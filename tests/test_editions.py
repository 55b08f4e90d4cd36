"""Editions: `bottlenecks edition NAME`, `bottlenecks editions`, and what a brief says about them."""

from __future__ import annotations

import re

import pytest
import yaml

from bottleneck_briefs.briefs.content.edition_changes import DELETED, INSERTED, SAME, Words, word_diff
from bottleneck_briefs.corpus.loading import load_corpus
from conftest import invoke
from edition_scenario import ADDED, REWORDED, change_after_recording, record

DATE = ["--date", "2026-03-02"]


def report_html(corpus, out, *args):
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--output-dir",
        str(out),
        *DATE,
        "--corpus",
        str(corpus),
        *args,
    )
    assert result.exit_code == 0, result.output
    return (out / "financiering.html").read_text(encoding="utf-8")


def test_an_edition_records_every_statement(corpus_copy):
    result = record(corpus_copy)
    path = corpus_copy / "editions" / "2026-1.yaml"
    assert "editions/2026-1.yaml: edition 2026-1 of 2026-03-01, 49 statements" in result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = load_corpus(corpus_copy).corpus
    assert data["edition"] == "2026-1" and data["date"] == "2026-03-01"
    assert [s["id"] for s in data["statements"]] == [s.id for s in corpus.statements]
    first = corpus.statements[0]
    assert data["statements"][0]["text"] == first.text
    assert data["statements"][0]["themes"] == first.themes
    assert data["statements"][0]["source"] == first.source.model_dump()
    assert "note" not in path.read_text(encoding="utf-8")  # an editor's note is not part of what was published
    assert corpus.editions[0].edition == "2026-1"
    listed = invoke("editions", "--corpus", str(corpus_copy))
    assert listed.output.splitlines() == ["2026-1  2026-03-01     49 statements", "the corpus equals edition 2026-1"]


def test_an_edition_is_never_overwritten(corpus_copy):
    record(corpus_copy)
    path = corpus_copy / "editions" / "2026-1.yaml"
    before = path.read_bytes()
    result = invoke("edition", "2026-1", "--date", "2026-04-01", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert "already exists" in result.output and "nothing was written" in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["2026-1.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    "args, message",
    [
        (["2026 1"], "is not an edition name"),
        (["Editie-1"], "is not an edition name"),
        (["../x"], "is not an edition name"),
        (["2026-1", "--date", "1 maart"], "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_bad_name_or_date_is_a_usage_error_and_writes_nothing(corpus_copy, args, message):
    result = invoke("edition", *args, "--corpus", str(corpus_copy))
    assert result.exit_code == 2
    assert message in result.output
    assert not (corpus_copy / "editions").exists()


def test_a_new_edition_is_not_dated_before_the_newest(corpus_copy):
    record(corpus_copy, "2026-2", "2026-06-01")
    result = invoke("edition", "2026-3", "--date", "2026-05-01", "--corpus", str(corpus_copy))
    assert result.exit_code == 1 and "cannot be dated earlier" in result.output
    assert not (corpus_copy / "editions" / "2026-3.yaml").exists()


def test_editions_are_ordered_by_date_then_number(corpus_copy):
    for name in ("2026-10", "2026-9"):
        record(corpus_copy, name, "2026-03-01")
    assert [e.edition for e in load_corpus(corpus_copy).corpus.editions] == ["2026-9", "2026-10"]


def test_the_cover_names_the_edition_while_the_corpus_equals_it(corpus_copy, tmp_path):
    html = report_html(corpus_copy, tmp_path / "before")
    assert "nog geen editie vastgelegd" in html
    record(corpus_copy)
    html = report_html(corpus_copy, tmp_path / "recorded")
    assert '<th scope="row">Editie</th><td>2026-1</td>' in html
    change_after_recording(corpus_copy)
    html = report_html(corpus_copy, tmp_path / "changed")
    assert '<th scope="row">Editie</th><td>Concept na editie 2026-1</td>' in html
    assert '<strong>Kenmerk</strong> <span class="mono">' in html  # the digest stays, in the colophon
    assert invoke("editions", "--corpus", str(corpus_copy)).output.endswith("has changed since edition 2026-1\n")


def test_since_shows_every_kind_of_change_in_the_html(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    html = report_html(corpus_copy, tmp_path, "--since", "2026-1")
    appendix = html[html.index('<section class="changes" id="wijzigingen"') :]
    appendix = appendix[: appendix.index("</section>")]
    assert "Wijzigingen sinds editie 2026-1" in appendix
    assert re.search(
        r"<strong>1</strong> toegevoegd.*<strong>1</strong> ingetrokken.*"
        r"<strong>1</strong> anders verwoord.*<strong>1</strong> anders ingedeeld",
        appendix,
        re.S,
    )
    assert "<del>korte termijn</del> <ins>kortlopend</ins>" in appendix
    assert (
        "Er is te weinig geld voor de opvang van slachtoffers in kleine gemeenten &amp; &lt;regio&#39;s&gt;."
        in appendix
    )  # statement text is data, never markup
    assert "KP-024" in appendix and "Dubbel met KP-017." in appendix
    assert "Zorg en hulpverlening" in appendix and "COSM" in appendix
    # each id links to the statement in this brief; the withdrawn one has nothing to link to
    for statement_id in (ADDED, REWORDED, "KP-025"):
        anchor = statement_id.lower()
        assert f'<a class="statement-id" href="#{anchor}">{statement_id}</a>' in appendix
        assert f'id="{anchor}"' in html
    assert '<span class="statement-id">KP-024</span>' in appendix
    assert 'href="#wijzigingen"' in html[: html.index('id="wijzigingen"')]  # in the table of contents and summary


def test_a_brief_shows_only_the_changes_of_its_statements(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    result = invoke(
        "report",
        "--theme",
        "signalering",
        "--format",
        "html",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--since",
        "2026-1",
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "signalering.html").read_text(encoding="utf-8")
    assert "Geen wijzigingen: de uitspraken zijn dezelfde als in editie 2026-1." in html


def test_an_unknown_edition_is_a_usage_error_listing_the_known_ones(corpus_copy, tmp_path):
    record(corpus_copy)
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--since",
        "2026-2",
        "--output-dir",
        str(tmp_path / "out"),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 2
    assert "unknown edition '2026-2' — did you mean '2026-1'?" in result.output
    assert "Recorded editions: 2026-1" in result.output
    assert not (tmp_path / "out").exists()


def test_since_is_part_of_the_cache_key_and_reruns_are_identical(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    plain = report_html(corpus_copy, tmp_path)
    since = report_html(corpus_copy, tmp_path, "--since", "2026-1")
    assert "wijzigingen" not in plain and "wijzigingen" in since
    again = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--since",
        "2026-1",
        "--corpus",
        str(corpus_copy),
    )
    assert "up to date" in again.output
    forced = report_html(corpus_copy, tmp_path, "--since", "2026-1", "--force")
    assert forced == since


def test_the_overview_lists_all_changes_and_every_id_has_its_own_anchor(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    result = invoke(
        "report",
        "--overview",
        "--format",
        "html",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--since",
        "2026-1",
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "overzicht.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for target in set(re.findall(r'href="#([^"]+)"', html)):
        assert target in ids, target
    corpus = load_corpus(corpus_copy).corpus
    assert {s.id.lower() for s in corpus.statements} <= ids  # each statement once under its own id
    assert "<strong>1</strong> ingetrokken" in html


def test_word_diff_keeps_every_word_in_order():
    parts = word_diff("Er is een gebrek aan capaciteit.", "Er is een groot tekort aan capaciteit en geld.")
    assert parts == (
        Words(SAME, "Er is een"),
        Words(DELETED, "gebrek"),
        Words(INSERTED, "groot tekort"),
        Words(SAME, "aan"),
        Words(DELETED, "capaciteit."),
        Words(INSERTED, "capaciteit en geld."),
    )
    old = " ".join(p.text for p in parts if p.kind != INSERTED)
    new = " ".join(p.text for p in parts if p.kind != DELETED)
    assert (old, new) == ("Er is een gebrek aan capaciteit.", "Er is een groot tekort aan capaciteit en geld.")


def test_a_hand_edited_edition_stops_check_and_report_and_nothing_is_written(corpus_copy, tmp_path):
    record(corpus_copy)
    path = corpus_copy / "editions" / "2026-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("themes: [beleid]", "themes: beleid", 1), encoding="utf-8")
    checked = invoke("check", "--corpus", str(corpus_copy))
    assert checked.exit_code == 1
    assert re.search(r"editions/2026-1\.yaml:\d+:\d+: statements\[0\]\.themes: must be a list", checked.output)
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--since",
        "2026-1",
        "--output-dir",
        str(tmp_path / "out"),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_since_applies_to_every_brief_of_all(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    result = invoke(
        "report",
        "--all",
        "--format",
        "html",
        "--since",
        "2026-1",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    briefs = sorted(tmp_path.glob("*.html"))
    assert len(briefs) == 14  # 10 themes, the brief file opvang-en-zorg, the two notes and the overview
    for html in briefs:
        assert "Wijzigingen sinds editie 2026-1" in html.read_text(encoding="utf-8"), html.name


def test_an_english_brief_gets_the_appendix_in_english(corpus_copy, tmp_path):
    from test_english import DUTCH_LABELS, visible

    record(corpus_copy)
    change_after_recording(corpus_copy)
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--lang",
        "en",
        "--format",
        "html",
        "--since",
        "2026-1",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    text = visible((tmp_path / "financiering.en.html").read_text(encoding="utf-8"))
    assert "Changes since edition 2026-1" in text and "Draft after edition 2026-1" in text
    assert "Reworded (1)" in text and "Reason:" in text
    assert [word for word in DUTCH_LABELS if re.search(rf"\b{re.escape(word)}\b", text)] == []
