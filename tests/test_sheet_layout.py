"""The one sheet layout of a brief's XLSX and ODS: laid out once for both, and the files are those each makes alone."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date

from conftest import DATE, calls_to
from conftest import report as run


def test_a_briefs_xlsx_and_ods_share_one_layout_and_are_the_files_each_makes_alone(tmp_path, monkeypatch, corpus):
    from bottleneck_briefs.briefs.content.brief_data import build_brief
    from bottleneck_briefs.briefs.content.publication_data import framed
    from bottleneck_briefs.briefs.formats import sheet_layout
    from bottleneck_briefs.briefs.formats.output_formats import FORMATS
    from bottleneck_briefs.briefs.run.brief_jobs import theme_job
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    laid_out = calls_to(monkeypatch, sheet_layout, "_laid_out")
    result = run(
        "--theme", "financiering", "--theme", "opvang", "--format", "xlsx,csv,ods", *DATE, "--output-dir", tmp_path
    )
    assert result.exit_code == 0, result.output
    assert len(laid_out) == 2  # one layout per brief, not one per file
    for slug in ("financiering", "opvang"):
        brief = framed(build_brief(corpus, slug, date.fromisoformat(DATE[1])), corpus, None)  # as `report` does
        for suffix in ("xlsx", "ods"):
            alone = FORMATS[suffix].render(theme_job(slug), replace(brief), ReportRequest())  # a brief of its own
            assert (tmp_path / f"{slug}.{suffix}").read_bytes() == alone, (slug, suffix)
    assert len(laid_out) == 6


def test_a_layout_is_kept_for_its_brief_only_and_only_while_the_brief_lives(corpus):
    from bottleneck_briefs.briefs.content.brief_data import build_brief
    from bottleneck_briefs.briefs.formats import sheet_layout

    brief = build_brief(corpus, "financiering", date.fromisoformat(DATE[1]))
    layout = sheet_layout.sheet_layout(brief)
    assert sheet_layout.sheet_layout(brief) is layout
    twin = replace(brief)  # equal, but another brief: laid out anew
    assert sheet_layout.sheet_layout(twin) is not layout
    assert sheet_layout.sheet_layout(twin) == layout
    del twin
    gc.collect()
    assert sheet_layout._kept.empty  # the gone brief's layout is not held on to


def test_a_site_makes_a_briefs_office_files_together_and_its_spreadsheets_together():
    from bottleneck_briefs.briefs.formats.output_formats import made_together

    assert made_together(("pdf", "html", "docx", "odt", "xlsx", "ods", "csv")) == [
        ("docx", "odt"),
        ("pdf",),
        ("html",),
        ("xlsx", "ods"),
        ("csv",),
    ]
    assert made_together(("ods", "html", "xlsx")) == [("ods", "xlsx"), ("html",)]


def test_a_short_text_with_a_line_break_of_any_kind_takes_a_line_per_line():
    from bottleneck_briefs.briefs.formats.sheet_layout import _lines

    assert _lines("", 10) == 1
    assert _lines("short", 10) == 1
    assert _lines("eleven chars", 10) == 2
    for separator in ("\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"):
        assert _lines(f"one{separator}two", 10) == 2, repr(separator)
    assert _lines("one\n\nthree", 10) == 3  # an empty line is a line too
