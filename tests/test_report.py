"""`bottlenecks report`, end to end: the files it writes, their contents and their failures."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html.parser import HTMLParser
from itertools import pairwise

import pikepdf
import pytest

from bottleneck_briefs.basics.names import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from bottleneck_briefs.briefs.content.brief_data import build_brief
from conftest import DATE, copy_templates, pdf_text, report, squash

DAY = date(2025, 3, 1)


class StatementTexts(HTMLParser):
    """The text of every <blockquote class="statement-text">, as a browser would show it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote" and ("class", "statement-text") in attrs:
            self._depth = 1
            self.texts.append("")
        elif self._depth:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


def test_each_pdf_holds_exactly_its_themes_statements(shipped_briefs, corpus):
    out = shipped_briefs.folder
    for theme in corpus.codebook.themes:
        text = pdf_text(out / f"{theme.slug}.pdf")
        squashed = squash(text)
        mine = corpus.statements_for(theme.slug)
        assert set(re.findall(r"KP-\d{3,}", text)) == {s.id for s in mine}, theme.slug
        for statement in mine:
            assert squash(statement.text) in squashed, (theme.slug, statement.id)
        mine_text = " ".join(squash(s.text) for s in mine)
        for other in corpus.statements:
            if theme.slug not in other.themes and squash(other.text) not in mine_text:
                assert squash(other.text) not in squashed, (theme.slug, other.id)


def test_each_html_holds_exactly_its_themes_statements_once(shipped_briefs, corpus):
    out = shipped_briefs.folder
    for theme in corpus.codebook.themes:
        parser = StatementTexts()
        parser.feed((out / f"{theme.slug}.html").read_text(encoding="utf-8"))
        shown = sorted(" ".join(text.split()) for text in parser.texts)
        assert shown == sorted(" ".join(s.text.split()) for s in corpus.statements_for(theme.slug)), theme.slug


def test_pdf_metadata_tagging_and_fonts(shipped_briefs, corpus):
    out = shipped_briefs.folder
    with pikepdf.open(out / "financiering.pdf") as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Knelpunten: Financiering"
        assert "financiering" in str(info["/Subject"])
        assert "mensenhandel" in str(info["/Keywords"])
        assert str(info["/CreationDate"]).startswith("D:20250301")
        assert str(pdf.Root.Lang) == "nl"
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert "/ID" in pdf.trailer
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            assert "Brief-" in str(font.BaseFont)  # the bundled fonts, not whatever the machine has
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["Inhoud", "Samenvatting", "Uitspraken", "Verantwoording"]
            assert len(outline.root[2].children) == len(build_brief(corpus, "financiering", DAY).groups)
        pages = len(pdf.pages)
        mediabox = [float(v) for v in pdf.pages[0].MediaBox]
        assert mediabox[2:] == pytest.approx([595.28, 841.89], abs=0.5)  # A4
    text = pdf_text(out / "financiering.pdf")
    assert f"pagina 2 van {pages}" in text and f"pagina {pages} van {pages}" in text
    assert "Knelpunten: Financiering" in text.split("\f")[2]  # the running header
    assert f"{corpus.digest[:12]}" in text.split("\f")[-2]  # the colophon names the corpus version


def test_table_of_contents_gives_the_pages_of_the_sections(shipped_briefs):
    out = shipped_briefs.folder
    pages = pdf_text(out / "financiering.pdf").split("\f")
    with pikepdf.open(out / "financiering.pdf") as pdf, pdf.open_outline() as outline:
        numbers = {page.objgen: index for index, page in enumerate(pdf.pages, start=1)}
        # the outline's destinations point at the headings themselves, independent of the contents' numbers
        outline_pages = {item.title: numbers[item.destination[0].objgen] for item in outline.root}
    # the contents sit on the cover; -layout keeps each entry's title and page number on one line
    toc = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(out / "financiering.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for title in ("Samenvatting", "Uitspraken", "Verantwoording"):
        number = int(re.search(rf"^\s*{title}\s+(\d+)$", toc, re.M).group(1))
        assert number == outline_pages[title], title
        assert re.search(rf"^{title}$", pages[number - 1], re.M), title


def test_html_is_one_self_contained_accessible_file(shipped_briefs):
    out = shipped_briefs.folder
    html = (out / "financiering.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert html.count(landmark) == 1, landmark
    assert re.search(r'<a class="skip-link" href="#inhoud">', html) and 'id="inhoud"' in html
    # nothing to fetch: no external stylesheet, script, image or font
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert not re.search(r'url\((?!"data:)', html.split("</style>")[0].split("<style>", 1)[1])
    # WeasyPrint's paged-media properties are for the PDF only; in the HTML they would be invalid CSS
    assert not re.search(r"(string-set|bookmark-level)\s*:", html)
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))


def test_pdf_a_variant_identifies_itself_in_a_file_of_its_own(archival_briefs):
    assert not (archival_briefs / "financiering.pdf").exists()  # the archival run leaves the PDF/UA name alone
    with pikepdf.open(archival_briefs / "financiering.archief.pdf") as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2"
            assert xmp.get("pdfaid:conformance") == "A"
        assert "/OutputIntents" in pdf.Root
        assert "/StructTreeRoot" in pdf.Root  # the archival copy stays accessible


def test_one_run_writes_the_published_and_the_archival_pdf_side_by_side(tmp_path):
    result = report(
        "--theme",
        "financiering",
        "--format",
        "pdf",
        "--pdf-variant",
        "pdf/ua-1",
        "--pdf-variant",
        "pdf/a-2a",
        "--output-dir",
        tmp_path,
        *DATE,
    )
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "financiering.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1" and xmp.get("pdfaid:part") is None
    with pikepdf.open(tmp_path / "financiering.archief.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfuaid:part") is None
    # an archival run later leaves the published file alone
    before = (tmp_path / "financiering.pdf").read_bytes()
    again = report(
        "--theme",
        "financiering",
        "--format",
        "pdf",
        "--pdf-variant",
        "pdf/a-2a",
        "--force",
        "--output-dir",
        tmp_path,
        *DATE,
    )
    assert again.exit_code == 0, again.output
    assert (tmp_path / "financiering.pdf").read_bytes() == before


def test_rerun_without_date_is_identical_and_uses_source_date_epoch(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for folder in ("a", "b"):
        result = report("--theme", "opvang", "--output-dir", str(tmp_path / folder), env=env)
        assert result.exit_code == 0, result.output
    for suffix in ("pdf", "html"):
        assert (tmp_path / "a" / f"opvang.{suffix}").read_bytes() == (tmp_path / "b" / f"opvang.{suffix}").read_bytes()
    assert "14 november 2023" in (tmp_path / "a" / "opvang.html").read_text(encoding="utf-8")


def test_statement_markup_is_shown_as_text(tmp_path, corpus_copy):
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    original = path.read_text(encoding="utf-8")
    edited = original.replace(
        "Er is een versnipperde financiering,",
        "Er is een <script>alert('x')</script> <b>versnipperde</b> financiering,",
        1,
    )
    assert edited != original
    path.write_text(edited, encoding="utf-8")
    result = report("--theme", "financiering", "--output-dir", str(tmp_path / "out"), *DATE, corpus=corpus_copy)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "financiering.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;versnipperde&lt;/b&gt;" in html
    assert "<script" not in html and "<b>" not in html
    pdf_words = " ".join(pdf_text(tmp_path / "out" / "financiering.pdf").split())
    assert "<script>alert('x')</script> <b>versnipperde</b>" in pdf_words


def test_unknown_theme_names_the_themes_and_writes_nothing(tmp_path, corpus):
    for slug in ("financering", "../../etc/passwd"):
        result = report("--theme", "financiering", "--theme", slug, "--output-dir", str(tmp_path / "out"))
        assert result.exit_code != 0
        assert "Available themes" in result.output
        assert all(theme.slug in result.output for theme in corpus.codebook.themes)
        assert not (tmp_path / "out").exists()
    assert "did you mean 'financiering'" in report("--theme", "financering").output


def test_corpus_errors_are_printed_and_nothing_is_written(tmp_path, corpus_copy):
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [financiering]", "themes: [financering]", 1), encoding="utf-8"
    )
    result = report("--theme", "financiering", "--output-dir", str(tmp_path / "out"), corpus=corpus_copy)
    assert result.exit_code == 1
    assert "bloemlezing-2.16.yaml" in result.output and "financering" in result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture
def earlier_report(shipped_briefs, rendered_copy):
    """An output folder holding the briefs of an earlier run."""
    out = rendered_copy(shipped_briefs)
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def test_broken_template_keeps_the_earlier_report(tmp_path, earlier_report):
    out, before = earlier_report
    templates = copy_templates(tmp_path)
    page = templates / "brief.html.j2"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if '<h2 id="samenvatting-title">' in text)
    lines[line] = lines[line].replace('_("Samenvatting")', "brief.samenvating")  # the label is a gettext call
    page.write_text("".join(lines), encoding="utf-8")
    result = report(
        "--theme", "financiering", "--output-dir", str(out), "--date", "2026-01-01", "--templates", str(templates)
    )
    assert result.exit_code == 1
    assert f"brief.html.j2, line {line + 1}" in result.output and "samenvating" in result.output
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_write_keeps_the_earlier_report(earlier_report, monkeypatch):
    out, before = earlier_report
    import bottleneck_briefs.basics.atomic_write as atomic_write

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_write.os, "fsync", disk_full)
    result = report("--theme", "financiering", "--output-dir", str(out), "--date", "2026-01-01")
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(
    "resource",
    [
        '<img src="file:///etc/passwd" alt="">',
        '<img src="http://127.0.0.1:9/pixel.png" alt="">',
        '<link rel="stylesheet" href="../../setup.cfg">',
    ],
)
def test_rendering_fetches_nothing_outside_templates(tmp_path, resource):
    templates = copy_templates(tmp_path)
    page = templates / "_layout.html.j2"  # the base layout every brief extends holds </main>
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", resource + "\n</main>"), encoding="utf-8")
    result = report(
        "--theme",
        "financiering",
        "--format",
        "pdf",
        "--output-dir",
        str(tmp_path / "out"),
        *DATE,
        "--templates",
        str(templates),
    )
    assert result.exit_code == 1, result.output
    assert "refused" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_offers_the_renderers_pdf_variants():
    from bottleneck_briefs.cli.main import report

    option = next(p for p in report.params if p.name == "pdf_variants")
    assert tuple(option.type.choices) == tuple(PDF_VARIANTS) and option.default == (DEFAULT_PDF_VARIANT,)
    assert option.multiple and len(set(PDF_VARIANTS.values())) == len(PDF_VARIANTS)  # a file name each
