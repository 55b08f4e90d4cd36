"""The publisher's framing: cover, colophon, citations, PDF metadata; and the changes appendix in the PDF."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from conftest import invoke
from edition_scenario import REASON, change_after_recording, record

PUBLICATION = """publisher: Gemeente Voorbeeldstad, afdeling Zorg en Veiligheid
website: https://www.voorbeeldstad.example/knelpunten
contact: Postbus 1, 1000 AA Voorbeeldstad
status: definitief
licence: CC BY 4.0
"""
DATE = ["--date", "2026-03-02"]


def pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def framed_corpus(tmp_path_factory, shipped_corpus_dir):
    """A corpus copy with a publication file, recorded as 2026-1, then changed, rendered with --since."""
    import shutil

    corpus = tmp_path_factory.mktemp("framed") / "bottlenecks"
    shutil.copytree(shipped_corpus_dir, corpus)
    (corpus / "publication.yaml").write_text(PUBLICATION, encoding="utf-8")
    out = corpus.parent / "reports"
    record(corpus)
    result = invoke(
        "report", "--theme", "financiering", "--output-dir", str(out / "recorded"), *DATE, "--corpus", str(corpus)
    )
    assert result.exit_code == 0, result.output
    change_after_recording(corpus)
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--since",
        "2026-1",
        "--output-dir",
        str(out / "since"),
        *DATE,
        "--corpus",
        str(corpus),
    )
    assert result.exit_code == 0, result.output
    return corpus, out


def test_pdf_of_a_definitive_edition_shows_the_publisher_and_a_citation(framed_corpus):
    _, out = framed_corpus
    pages = pdf_pages(out / "recorded" / "financiering.pdf")
    cover, text = squashed(pages[0]), squashed(" ".join(pages))
    assert "Uitgever Gemeente Voorbeeldstad, afdeling Zorg en Veiligheid" in cover
    assert "Website https://www.voorbeeldstad.example/knelpunten" in cover
    assert "Editie 2026-1" in cover and "Concept na" not in cover and "Status definitief" in cover
    assert "Licentie CC BY 4.0" in text and "Verschenen maart 2026" in text
    assert (
        "Citeerwijze Gemeente Voorbeeldstad, afdeling Zorg en Veiligheid (2026). Knelpunten: Financiering "
        "[Knelpuntenoverzicht]. Editie 2026-1. https://www.voorbeeldstad.example/knelpunten"
    ) in text
    assert "Citeerwijze" in squashed(pages[-1])  # at the very end
    assert not any("CONCEPT" in page for page in pages)  # a definitive edition is not marked as a draft


def test_pdf_metadata_names_the_publisher_edition_and_status(framed_corpus):
    _, out = framed_corpus
    with pikepdf.open(out / "recorded" / "financiering.pdf") as pdf:
        assert str(pdf.docinfo["/Author"]) == "Gemeente Voorbeeldstad, afdeling Zorg en Veiligheid"
        assert "Editie 2026-1" in str(pdf.docinfo["/Keywords"])
        assert "status: definitief" in str(pdf.docinfo["/Keywords"])
        with pdf.open_metadata() as xmp:
            assert "Editie 2026-1, status: definitief" in xmp.get("pdf:Keywords")
            assert "Gemeente Voorbeeldstad" in str(xmp.get("dc:creator"))


def test_a_concept_says_so_on_every_page(framed_corpus):
    _, out = framed_corpus
    pages = pdf_pages(out / "since" / "financiering.pdf")  # changed since the edition: a draft again
    assert len(pages) > 3
    assert all("CONCEPT" in page for page in pages)
    assert "Editie Concept na editie 2026-1" in squashed(pages[0])
    assert "Status CONCEPT" in squashed(pages[0])  # set in capitals, to stand out


def test_changes_appendix_in_the_pdf_shows_all_four_kinds(framed_corpus):
    _, out = framed_corpus
    pages = pdf_pages(out / "since" / "financiering.pdf")
    start = next(
        i for i, page in enumerate(pages) if "Wijzigingen sinds editie 2026-1" in page and "Inhoud" not in page
    )
    appendix = squashed(" ".join(pages[start:]))
    for heading in ("Toegevoegd (1)", "Ingetrokken (1)", "Anders verwoord (1)", "Anders ingedeeld (1)"):
        assert heading in appendix
    assert "KP-050" in appendix and "KP-024" in appendix and f"Reden: {REASON}" in appendix
    # the words of both texts stay readable: struck and underlined, not removed
    assert "die vaak korte termijn kortlopend is" in appendix
    assert "Thema’s: erbij: Zorg en hulpverlening" in appendix and "Partijen: erbij: COSM" in appendix


def test_struck_and_underlined_words_are_drawn_as_lines(framed_corpus):
    """WeasyPrint strokes a line through or under decorated text; the statements' pages draw no such lines."""
    _, out = framed_corpus
    html = (out / "since" / "financiering.html").read_text(encoding="utf-8")
    runs = len(re.findall(r"<(?:del|ins)>", html))
    assert runs == 2  # "korte termijn" struck through, "kortlopend" underlined
    strokes = {}
    with pikepdf.open(out / "since" / "financiering.pdf") as pdf:
        for number, page in enumerate(pdf.pages):
            strokes[number] = [str(operator) for _, operator in pikepdf.parse_content_stream(page)].count("S")
    pages = pdf_pages(out / "since" / "financiering.pdf")
    appendix = next(i for i, page in enumerate(pages) if "Anders verwoord (1)" in page)
    statements = next(i for i, page in enumerate(pages) if "Alleen financiering (" in page and "Inhoud" not in page)
    assert strokes[appendix] >= runs and strokes[statements] == 0


def test_each_statement_id_is_a_link_and_a_named_destination(framed_corpus):
    _corpus, out = framed_corpus
    html = (out / "recorded" / "financiering.html").read_text(encoding="utf-8")
    assert re.search(
        r'<cite lang="nl">Bloemlezing</cite>, §2\.16, p\.&nbsp;26\s*· '
        r'<a class="statement-id" href="https://www\.voorbeeldstad\.example/knelpunten/knelpunten/kp-002/">'
        r"KP-002</a>",
        html,
    )  # the statement's permanent page on the publication's website
    assert html.count("Bloemlezing — Programma Samen tegen Mensenhandel") <= 4  # the full title: cover, colophon, head
    with pikepdf.open(out / "recorded" / "financiering.pdf") as pdf:
        names = pdf.Root.Names.Dests.Names
        destinations = {str(names[i]) for i in range(0, len(names), 2)}
    assert {"kp-002", "kp-005", "kp-017"} <= destinations


def test_the_source_is_cited_in_full_once(framed_corpus, shipped_corpus_dir):
    from bottleneck_briefs.corpus.loading import load_corpus

    _, out = framed_corpus
    text = squashed(" ".join(pdf_pages(out / "recorded" / "financiering.pdf")))
    assert (
        "BronBloemlezing—ProgrammaSamentegenMensenhandel.Geciteerduit:§2.16Onvoldoendecapaciteit/middelen."
        in text.replace(" ", "")
    )
    statements = load_corpus(shipped_corpus_dir).corpus.statements_for("financiering")
    assert text.count("Bloemlezing, §2.16, p.") == len(statements)  # briefly, under each statement


def test_without_a_publication_file_no_publisher_is_named(corpus_copy, tmp_path):
    (corpus_copy / "publication.yaml").unlink()
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "financiering.html").read_text(encoding="utf-8")
    assert 'name="author"' not in html and "Uitgever" not in html and "Status" not in html
    assert "Citeerwijze" in html and "Knelpunten: Financiering (2026) [Knelpuntenoverzicht]." in html


def test_the_shipped_publication_names_the_programme_and_invents_nothing(shipped_corpus_dir):
    import yaml

    data = yaml.safe_load((shipped_corpus_dir / "publication.yaml").read_text(encoding="utf-8"))
    assert data == {"publisher": "Programma Samen tegen Mensenhandel", "status": "concept"}
