"""A brief's file taken from the previous site with only the corpus's version written anew is the file a fresh
render gives (site/version_carry.py); a template that does anything else with the version turns that off."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from datetime import date

import pytest

from conftest import CORPUS, add_editor_note, copy_templates, invoke

NEW_VERSION = "0123456789ab"


@pytest.fixture(scope="module")
def briefs(corpus):
    """A theme's brief, the overview, a composed brief and a note of the shipped corpus, as the site makes them."""
    from bottleneck_briefs.site.site_build import SiteRequest, _brief_jobs
    from bottleneck_briefs.site.site_data import build_site_data

    site = build_site_data(corpus, date(2025, 3, 1), "nl")
    every = _brief_jobs(site, SiteRequest(output_dir=CORPUS / "unused", day=date(2025, 3, 1)))
    kinds: dict[str, tuple] = {}
    for job, brief in every:
        kinds.setdefault(job.kind, (job, brief))
    assert set(kinds) >= {"theme", "overview", "composed", "note"}, set(kinds)
    return list(kinds.values())


@pytest.mark.parametrize("suffix", ["html", "docx", "odt", "xlsx", "ods", "csv"])
def test_an_old_file_with_the_version_written_anew_is_the_fresh_render(briefs, suffix):
    from bottleneck_briefs.briefs.formats.output_formats import FORMATS
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest
    from bottleneck_briefs.site.version_carry import carried

    request = ReportRequest(output_formats=(suffix,))
    for job, brief in briefs:
        old = FORMATS[suffix].render(job, brief, request)
        fresh = FORMATS[suffix].render(job, replace(brief, corpus_version=NEW_VERSION), request)
        assert old != fresh or suffix in ("xlsx", "ods", "csv"), (job.name, suffix)  # those name no version
        assert carried(old, suffix, brief.corpus_version, NEW_VERSION, brief.date) == fresh, (job.name, suffix)


def test_the_version_shows_verbatim_in_the_documents_a_reader_opens(briefs):
    from bottleneck_briefs.briefs.formats.output_formats import FORMATS
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    job, brief = briefs[0]
    html = FORMATS["html"].render(job, brief, ReportRequest())
    assert brief.corpus_version in html.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(FORMATS["docx"].render(job, brief, ReportRequest()))) as docx:
        assert brief.corpus_version in docx.read("word/document.xml").decode("utf-8")


def test_only_templates_that_print_the_version_as_it_is_let_it_be_carried(tmp_path):
    from bottleneck_briefs.site.version_carry import templates_show_it_verbatim

    templates = copy_templates(tmp_path)
    assert templates_show_it_verbatim(templates)
    parts = templates / "_parts.html.j2"
    text = parts.read_text(encoding="utf-8")
    assert "{{ brief.corpus_version }}" in text
    for changed in (
        "{{ brief.corpus_version|upper }}",
        "{{ brief.corpus_version[:8] }}",
        "{% set v = brief.corpus_version %}",
    ):
        parts.write_text(text.replace("{{ brief.corpus_version }}", changed, 1), encoding="utf-8")
        assert not templates_show_it_verbatim(templates), changed


def _taken(output: str) -> tuple[int, int]:
    found = re.search(r"; (\d+) of (\d+) brief files taken from the last build", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def test_with_a_template_that_changes_the_version_every_brief_file_is_made_anew(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    templates = copy_templates(tmp_path)
    parts = templates / "_parts.html.j2"
    parts.write_text(
        parts.read_text(encoding="utf-8").replace("{{ brief.corpus_version }}", "{{ brief.corpus_version|upper }}", 1),
        encoding="utf-8",
    )
    output = tmp_path / "site"
    options = ["site", "--no-search", "--output-dir", output, "--templates", templates, "--date", "2025-03-01"]
    assert invoke(*options, "--corpus", corpus).exit_code == 0
    add_editor_note(corpus)
    again = invoke(*options, "--corpus", corpus)
    assert again.exit_code == 0, again.output
    taken, total = _taken(again.output)
    assert taken == 0 and total > 10
    from bottleneck_briefs.corpus.loading import load_corpus

    version = load_corpus(corpus).corpus.digest[:12].upper()
    pages = sorted((output / "data" / "briefs").glob("*.html"))
    assert pages and all(version in page.read_text(encoding="utf-8") for page in pages)
