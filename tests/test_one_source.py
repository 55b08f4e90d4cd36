"""One content source: DOCX and ODT are the templates' HTML mapped, so they say what the PDF and HTML say."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import DATE, calls_to, copy_templates, invoke, pdf_text
from conftest import report as run
from edition_scenario import change_after_recording, record

pytestmark = pytest.mark.xdist_group("one-source")


def squashed(text: str) -> str:
    """Without white space and hyphens: a layout breaks lines (and words, with a hyphen) where it likes."""
    return re.sub(r"[\s\-\u00ad]+", "", text).lower()  # the PDF writes some labels in capitals (CSS)


def docx_texts(path: Path, captions: bool = True) -> list[str]:
    """Every paragraph of the document, table cells included, in order; `captions`: with the tables' captions."""
    document = docx.Document(str(path))
    texts: list[str] = []
    body = document.element.body
    caption = document.styles["Caption"].style_id
    for child in body.iterchildren():
        if child.tag.endswith("}p") and (captions or f'w:val="{caption}"' not in etree.tostring(child).decode()):
            texts.append("".join(node.text or "" for node in child.iter() if node.tag.endswith(("}t", "}tab"))))
        elif child.tag.endswith("}tbl"):
            texts += [
                "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                for cell in child.iter()
                if cell.tag.endswith("}tc")
            ]
    return [text for text in texts if text.strip()]


def pdf_lines(path: Path, running: set[str]) -> list[str]:
    """The PDF's lines of text, less its running header and footer (title, date, page number, status)."""
    lines = []
    for page in pdf_text(path).split("\f"):
        page_lines = [line.strip() for line in page.splitlines() if line.strip()]
        while page_lines and (page_lines[0] in running):
            page_lines.pop(0)
        while page_lines and (page_lines[-1] in running or page_lines[-1].isdigit()):
            page_lines.pop()
        lines += [line.removeprefix("• ") for line in page_lines]  # a list's bullet is drawn, not said
    return lines


def words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def sentences(texts: list[str]) -> list[str]:
    """The sentences of each paragraph (or table cell) that have three words or more."""
    return [part for text in texts for part in re.split(r"(?<=[.!?:])\s+", text) if words(part) >= 3]


def nearby(sentence: str, pdf_words: list[str], slack: int = 30) -> bool:
    """Every word of `sentence` in the PDF in order, within a few lines: the text of a table's header cell that
    wraps beside its longer value comes out of the PDF interleaved with it."""
    wanted = [squashed(word) for word in sentence.split()]
    for start, word in enumerate(pdf_words):
        if word == wanted[0]:
            position = start
            for other in wanted[1:]:
                window = pdf_words[position + 1 : start + len(wanted) + slack]
                if other not in window:
                    break
                position += 1 + window.index(other)
            else:
                return True
    return False


def compare(docx_path: Path, pdf_path: Path, running: set[str]) -> tuple[list[str], list[str]]:
    """Sentences of the DOCX the PDF lacks, and lines of words of the PDF the DOCX lacks. A figure is a chart
    in the PDF and its table (with its caption) in the DOCX: the PDF's chart labels are single words or
    numbers, not sentences, and a table's caption is not looked for in the PDF."""
    pdf = pdf_lines(pdf_path, running)
    pdf_all, word_all = squashed("".join(pdf)), squashed("".join(docx_texts(docx_path)))
    pdf_words = [squashed(word) for word in " ".join(pdf).split()]
    missing_in_pdf = [
        sentence
        for sentence in sentences(docx_texts(docx_path, captions=False))
        if squashed(sentence) not in pdf_all and not nearby(sentence, pdf_words)
    ]
    # a contents entry ends in its page number, which only the PDF has
    missing_in_word = [
        line
        for line in pdf
        if words(line) >= 3 and squashed(line) not in word_all and squashed(re.sub(r"\s\d+$", "", line)) not in word_all
    ]
    return missing_in_pdf, missing_in_word


KINDS = {
    "theme brief": (["--theme", "financiering"], "financiering", "Knelpunten: Financiering", "1 maart 2025"),
    "composed brief": (["--brief", "opvang-en-zorg"], "opvang-en-zorg", None, "1 maart 2025"),
    "overview": (["--overview"], "overzicht", "Knelpunten: Overzicht", "1 maart 2025"),
    "English brief": (["--theme", "opvang", "--lang", "en"], "opvang.en", "Bottlenecks: Reception", "1 March 2025"),
    "note": (["--note", "geld-voor-de-aanpak"], "geld-voor-de-aanpak", None, "1 december 2026"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_docx_and_pdf_say_the_same_sentences(kind, tmp_path):
    args, name, title, date_label = KINDS[kind]
    result = run(*args, "--format", "pdf,docx", "--output-dir", str(tmp_path), *DATE)
    assert result.exit_code == 0, result.output
    if title is None:
        title = docx.Document(str(tmp_path / f"{name}.docx")).core_properties.title
    missing_in_pdf, missing_in_word = compare(
        tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf", {title, date_label, "Concept", "CONCEPT"}
    )
    assert missing_in_pdf == []
    assert missing_in_word == []


def test_docx_and_pdf_of_a_since_appendix_say_the_same(corpus_copy, tmp_path):
    record(corpus_copy)
    change_after_recording(corpus_copy)
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "pdf,docx",
        "--since",
        "2026-1",
        "--output-dir",
        str(tmp_path),
        *DATE,
        "--corpus",
        str(corpus_copy),
    )
    assert result.exit_code == 0, result.output
    texts = docx_texts(tmp_path / "financiering.docx")
    assert "Wijzigingen sinds editie 2026-1" in texts
    missing_in_pdf, missing_in_word = compare(
        tmp_path / "financiering.docx",
        tmp_path / "financiering.pdf",
        {"Knelpunten: Financiering", "1 maart 2025", "Concept"},
    )
    assert missing_in_pdf == []
    assert missing_in_word == []


def test_the_comparison_sees_a_missing_sentence(tmp_path):
    """The check above can fail: a sentence only the Word brief has is found."""
    assert run("--theme", "financiering", "--format", "pdf,docx", "--output-dir", str(tmp_path), *DATE).exit_code == 0
    document = docx.Document(str(tmp_path / "financiering.docx"))
    document.add_paragraph("Deze zin staat alleen in het Word-document en nergens anders.")
    document.save(str(tmp_path / "changed.docx"))
    missing_in_pdf, _ = compare(
        tmp_path / "changed.docx",
        tmp_path / "financiering.pdf",
        {"Knelpunten: Financiering", "1 maart 2025", "Concept"},
    )
    assert missing_in_pdf == ["Deze zin staat alleen in het Word-document en nergens anders."]


def test_a_label_changed_in_a_templates_folder_reaches_every_format(tmp_path):
    templates = copy_templates(tmp_path)
    layout = templates / "_layout.html.j2"
    source = layout.read_text(encoding="utf-8")
    assert '{{ _("Verantwoording") }}' in source
    layout.write_text(source.replace('{{ _("Verantwoording") }}', "Verantwoording en herkomst"), encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "--theme",
        "financiering",
        "--format",
        "pdf,html,docx,odt",
        "--templates",
        str(templates),
        "--output-dir",
        str(out),
        *DATE,
    )
    assert result.exit_code == 0, result.output
    assert "Verantwoording en herkomst" in pdf_text(out / "financiering.pdf")
    assert "Verantwoording en herkomst" in (out / "financiering.html").read_text(encoding="utf-8")
    headings = [p.text for p in docx.Document(str(out / "financiering.docx")).paragraphs if p.style.name == "Heading 1"]
    assert "Verantwoording en herkomst" in headings
    with zipfile.ZipFile(out / "financiering.odt") as odt:
        assert "Verantwoording en herkomst" in odt.read("content.xml").decode("utf-8")


def test_the_word_brief_holds_no_wording_of_its_own():
    """The wording lives in the templates: no module that writes DOCX or ODT calls the translation catalogue."""
    office = Path(__file__).resolve().parent.parent / "bottleneck_briefs" / "briefs" / "formats" / "office"
    writers = [*office.glob("*.py"), *office.parent.glob("docx.py"), *office.parent.glob("odt.py")]
    assert writers
    for path in writers:
        text = path.read_text(encoding="utf-8")
        assert "gettext" not in text and "translations" not in text, path.name
    assert subprocess.run(["grep", "-rl", "Kernboodschap", *map(str, writers)], capture_output=True).stdout == b""


def test_every_class_the_mapper_reads_is_documented():
    from bottleneck_briefs.briefs.formats.office.office_mapping import SKIPPED_CLASSES, STYLE_BY_CLASS

    page = (Path(__file__).resolve().parent.parent / "docs" / "office-formats.md").read_text(encoding="utf-8")
    for name in [*STYLE_BY_CLASS, *SKIPPED_CLASSES, "cover-theme", "toc", "facts", "num", "mono"]:
        assert f".{name}" in page, name


def test_a_briefs_docx_and_odt_share_one_document_and_are_the_files_each_makes_alone(tmp_path, monkeypatch, corpus):
    from bottleneck_briefs.briefs.content.brief_data import build_brief
    from bottleneck_briefs.briefs.content.publication_data import framed
    from bottleneck_briefs.briefs.formats.office import office_source
    from bottleneck_briefs.briefs.formats.output_formats import FORMATS
    from bottleneck_briefs.briefs.run.brief_jobs import theme_job
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    mapped = calls_to(monkeypatch, office_source, "office_document")
    result = run(
        "--theme", "financiering", "--theme", "opvang", "--format", "docx,odt", *DATE, "--output-dir", tmp_path
    )
    assert result.exit_code == 0, result.output
    assert len(mapped) == 2  # one document per brief, not one per file
    for slug in ("financiering", "opvang"):  # outside `report` every file renders its own document
        brief = framed(build_brief(corpus, slug, date.fromisoformat(DATE[1])), corpus, None)  # as `report` does
        for suffix in ("docx", "odt"):
            alone = FORMATS[suffix].render(theme_job(slug), brief, ReportRequest())
            assert (tmp_path / f"{slug}.{suffix}").read_bytes() == alone, (slug, suffix)
    assert len(mapped) == 6
