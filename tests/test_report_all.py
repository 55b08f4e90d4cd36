"""`report --all` and the machinery behind it: every brief in one run, PDFs in parallel, progress output."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from bottleneck_briefs.briefs.content.brief_data import build_brief
from bottleneck_briefs.briefs.formats.pdf_output import (
    LAYOUT_GC_THRESHOLD,
    PdfError,
    SharedFonts,
    decompressed_fonts,
    render_pdf,
)
from bottleneck_briefs.briefs.render.brief_html import render_brief_html
from bottleneck_briefs.briefs.run.brief_report import ReportResult
from bottleneck_briefs.briefs.run.build_cache import MANIFEST_NAME
from bottleneck_briefs.briefs.run.parallel_render import PdfRenderer, PdfRenderError
from bottleneck_briefs.briefs.run.report_progress import ConsoleProgress
from conftest import DATE, TEMPLATES, report


def expected_names(corpus, suffixes=("pdf", "html")) -> list[str]:
    """Every theme's brief, every brief file's, every note's, then the overview."""
    names = (
        [theme.slug for theme in corpus.codebook.themes] + sorted(corpus.briefs) + sorted(corpus.notes) + ["overzicht"]
    )
    return [f"{name}.{suffix}" for name in names for suffix in suffixes]


def test_all_writes_every_brief_then_finds_them_up_to_date(shipped_briefs, rendered_copy, corpus):
    out = shipped_briefs.folder
    names = expected_names(corpus)
    assert shipped_briefs.outputs[0].splitlines() == [str(out / name) for name in names]  # one line per file
    assert sorted(p.name for p in out.iterdir()) == sorted([*names, MANIFEST_NAME])  # the manifest is hidden
    for theme in corpus.codebook.themes:
        assert f"Knelpunten: {theme.title}" in (out / f"{theme.slug}.html").read_text(encoding="utf-8")
    overview = (out / "overzicht.html").read_text(encoding="utf-8")
    assert all(statement.id in overview for statement in corpus.statements)
    again = rendered_copy(shipped_briefs)
    result = report("--all", "--output-dir", str(again), *DATE)
    assert result.output.splitlines() == [f"{again / name}: up to date" for name in names]


def test_briefs_asked_for_by_name_are_the_bytes_of_all(tmp_path, shipped_briefs):
    """Repeated --theme and --overview: the files in the order asked, each byte for byte as `--all` wrote it."""
    out = tmp_path / "some"
    result = report("--theme", "opsporing", "--theme", "financiering", "--overview", "--output-dir", str(out), *DATE)
    assert result.exit_code == 0, result.output
    names = [f"{name}.{suffix}" for name in ("opsporing", "financiering", "overzicht") for suffix in ("pdf", "html")]
    assert result.output.splitlines() == [str(out / name) for name in names]
    for name in names:
        assert (out / name).read_bytes() == (shipped_briefs / name).read_bytes(), name


def test_theme_overview_or_all_is_required_and_all_not_with_a_theme(tmp_path):
    for args, message in (
        ([], "name a theme with --theme SLUG, ask for --overview, or --all"),
        (["--all", "--theme", "opvang"], "leave out --theme"),
    ):
        result = report(*args, "--output-dir", str(tmp_path / "out"))
        assert result.exit_code == 2
        assert message in result.output
    assert not (tmp_path / "out").exists()


def test_quiet_prints_nothing_but_writes(tmp_path):
    result = report("--theme", "opvang", "--format", "html", "--quiet", "--output-dir", str(tmp_path), *DATE)
    assert result.exit_code == 0
    assert result.output == ""
    assert (tmp_path / "opvang.html").is_file()


def test_quiet_still_prints_errors(tmp_path):
    result = report("--theme", "opvang", "--quiet", "--output-dir", str(tmp_path), "--date", "2025-02-30")
    assert result.exit_code == 2  # a date that does not exist is refused while parsing
    assert "'2025-02-30' is not a date in the form YYYY-MM-DD" in result.output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_a_summary(capsys):
    terminal = Terminal()
    progress = ConsoleProgress(quiet=False, stream=terminal)
    progress.start(3)
    written = [Path("out/briefs") / name for name in ("a.pdf", "b.pdf", "c.html")]
    for path in written:
        progress.advance(path)
    progress.close()
    progress.summary(ReportResult(written=written, up_to_date=[Path("out/briefs/d.pdf")]))
    assert "Rendering" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert capsys.readouterr().out == "3 files written, 1 up to date in out/briefs\n"  # says where


def test_no_progress_bar_for_one_file_or_off_a_terminal(capsys):
    streams = []
    for stream, count in ((Terminal(), 1), (io.StringIO(), 3)):
        streams.append(stream)
        progress = ConsoleProgress(quiet=False, stream=stream)
        progress.start(count)
        progress.advance(Path("a.pdf"))
        progress.close()
        progress.summary(ReportResult(written=[Path("a.pdf")]))
    assert [stream.getvalue() for stream in streams] == ["", ""]
    assert capsys.readouterr().out == "a.pdf\na.pdf\n"


def render_pdfs(documents: list[str], on_done=lambda index: None, workers: int | None = None) -> list[bytes]:
    """The PDF of each document, in order, as a report run renders them: submitted, then collected."""
    with PdfRenderer(TEMPLATES, "pdf/ua-1", len(documents), workers) as renderer:
        for document in documents:
            renderer.submit(document)
        return renderer.collect(on_done)


def small_briefs(corpus) -> list[str]:
    day = date(2025, 3, 1)
    return [render_brief_html(build_brief(corpus, slug, day), TEMPLATES, "pdf") for slug in ("opsporing", "zorg")]


def test_parallel_and_serial_rendering_give_the_same_bytes_in_order(corpus):
    documents = small_briefs(corpus)
    finished: list[int] = []
    parallel = render_pdfs(documents, on_done=finished.append, workers=2)
    serial = render_pdfs(documents, workers=0)
    assert parallel == serial
    assert parallel[0] != parallel[1]
    assert sorted(finished) == [0, 1]


def test_fonts_shared_across_documents_give_the_bytes_of_fresh_renders(corpus):
    """A PDF worker makes the fonts ready once for every document it renders (decompressed and
    registered); each PDF must still be exactly what a render of its own gives."""
    first, second = small_briefs(corpus)
    documents = [first, second, first]
    fresh = [render_pdf(document, TEMPLATES, "pdf/ua-1") for document in documents]
    fonts = SharedFonts(TEMPLATES)
    assert sorted(path.name for path in fonts.files) == sorted(path.name for path in TEMPLATES.glob("fonts/*.woff2"))
    assert [render_pdf(document, TEMPLATES, "pdf/ua-1", fonts=fonts) for document in documents] == fresh
    assert render_pdfs(documents, workers=1) == fresh  # one worker renders all three


def test_fonts_are_made_ready_from_the_templates_folder_only(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "fonts", templates / "fonts")
    outside = tmp_path / "outside.woff2"
    shutil.copyfile(TEMPLATES / "fonts" / "NotoSans-Bold.woff2", outside)
    (templates / "fonts" / "linked.woff2").symlink_to(outside)
    (templates / "fonts" / "broken.woff2").write_bytes(b"wOF2 but not a font")
    files = decompressed_fonts(templates)
    assert sorted(path.name for path in files) == sorted(path.name for path in TEMPLATES.glob("fonts/*.woff2"))
    assert all(data[:4] in (b"\x00\x01\x00\x00", b"OTTO") for data in files.values())  # TrueType/OpenType


def test_rendering_restores_the_garbage_collector_settings(corpus):
    """Layout runs with fewer collections (pdf_output.LAYOUT_GC_THRESHOLD); the caller's settings come back,
    also when the rendering fails."""
    import gc

    good, other = small_briefs(corpus)
    before = gc.get_threshold()
    assert before != LAYOUT_GC_THRESHOLD
    render_pdf(good, TEMPLATES, "pdf/ua-1")
    assert gc.get_threshold() == before
    with pytest.raises(PdfError):
        render_pdf(other.replace("</main>", '<img src="http://127.0.0.1:9/x.png" alt=""></main>'), TEMPLATES)
    assert gc.get_threshold() == before


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_a_failing_document_is_named_by_its_index(corpus, workers):
    good, other = small_briefs(corpus)
    bad = other.replace("</main>", '<img src="http://127.0.0.1:9/x.png" alt=""></main>')
    with pytest.raises(PdfRenderError) as failure:
        render_pdfs([good, bad], workers=workers)
    assert failure.value.index == 1
    assert isinstance(failure.value.error, PdfError) and "refused" in str(failure.value.error)
