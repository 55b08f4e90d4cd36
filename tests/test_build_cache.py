"""The build cache: an unchanged brief is not rendered again, any changed input renders it again."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from bottleneck_briefs.briefs.run.build_cache import MANIFEST_NAME, BuildCache
from conftest import CORPUS, DATE, copy_templates, report

HTML = ["--theme", "opvang", "--format", "html", *DATE]


def run(out: Path, *args: str, corpus: Path = CORPUS) -> str:
    """What a successful `report ARGS --output-dir OUT` printed."""
    result = report(*args, "--output-dir", out, corpus=corpus)
    assert result.exit_code == 0, result.output
    return result.output


def stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_ino  # a rewrite replaces the file: a new inode


@pytest.fixture
def written(tmp_path):
    out = tmp_path / "out"
    assert run(out, *HTML).splitlines() == [str(out / "opvang.html")]
    return out, stamp(out / "opvang.html")


def test_unchanged_brief_is_not_rendered_again(written):
    out, before = written
    assert run(out, *HTML).splitlines() == [f"{out / 'opvang.html'}: up to date"]
    assert stamp(out / "opvang.html") == before


def test_force_renders_anyway(written):
    out, before = written
    content = (out / "opvang.html").read_bytes()
    assert run(out, *HTML, "--force").splitlines() == [str(out / "opvang.html")]
    assert stamp(out / "opvang.html") != before
    assert (out / "opvang.html").read_bytes() == content  # same inputs, same bytes


def test_changed_option_renders_again(written):
    out, _before = written
    output = run(out, "--theme", "opvang", "--format", "html", "--date", "2025-03-02")
    assert output.splitlines() == [str(out / "opvang.html")]
    assert "2 maart 2025" in (out / "opvang.html").read_text(encoding="utf-8")
    # and the previous option again: its entry was replaced, so it is rendered, not served stale
    assert run(out, *HTML).splitlines() == [str(out / "opvang.html")]
    assert "1 maart 2025" in (out / "opvang.html").read_text(encoding="utf-8")


def test_changed_corpus_renders_again(written, corpus_copy):
    out, _ = written
    assert run(out, *HTML, corpus=corpus_copy).endswith(": up to date\n")  # a copy has the same content
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Gemis aan bedden;", "Gemis aan opvangbedden;", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    assert run(out, *HTML, corpus=corpus_copy).splitlines() == [str(out / "opvang.html")]
    assert "Gemis aan opvangbedden;" in (out / "opvang.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("changed", ["brief.css", "fonts/NotoSerif-Regular.woff2"])
def test_changed_template_or_font_renders_again(tmp_path, changed):
    templates = copy_templates(tmp_path)
    out = tmp_path / "out"
    args = [*HTML, "--templates", str(templates)]
    run(out, *args)
    assert run(out, *args).endswith(": up to date\n")
    with open(templates / changed, "ab") as stream:
        stream.write(b"\n/* changed */\n" if changed.endswith(".css") else b"\0")
    assert run(out, *args).splitlines() == [str(out / "opvang.html")]


def test_a_spreadsheet_does_not_depend_on_the_templates(tmp_path):
    """A changed stylesheet renders the HTML again and leaves the CSV and XLSX, made without templates, alone."""
    templates = copy_templates(tmp_path)
    out = tmp_path / "out"
    args = ["--theme", "opvang", "--format", "html,csv,xlsx", *DATE, "--templates", str(templates)]
    run(out, *args)
    before = {suffix: stamp(out / f"opvang.{suffix}") for suffix in ("csv", "xlsx")}
    with open(templates / "brief.css", "ab") as stream:
        stream.write(b"\n/* changed */\n")
    assert run(out, *args).splitlines() == [
        str(out / "opvang.html"),
        f"{out / 'opvang.csv'}: up to date",
        f"{out / 'opvang.xlsx'}: up to date",
    ]
    assert {suffix: stamp(out / f"opvang.{suffix}") for suffix in ("csv", "xlsx")} == before


def test_edited_or_deleted_output_is_rendered_again(written):
    out, _ = written
    original = (out / "opvang.html").read_bytes()
    (out / "opvang.html").write_bytes(original + b"<!-- edited by hand -->")
    assert run(out, *HTML).splitlines() == [str(out / "opvang.html")]
    assert (out / "opvang.html").read_bytes() == original
    (out / "opvang.html").unlink()
    assert run(out, *HTML).splitlines() == [str(out / "opvang.html")]
    assert (out / "opvang.html").read_bytes() == original


@pytest.mark.parametrize(
    "manifest",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b'["a", "list"]',
        b'{"format": "someone-elses-cache/9", "files": {"opvang.html": {"key": "x", "sha256": "y"}}}',
        b'{"format": "bottlenecks-build-cache/1", "files": {"opvang.html": "not an entry"}}',
    ],
)
def test_corrupt_or_foreign_manifest_is_ignored(written, manifest):
    out, before = written
    (out / MANIFEST_NAME).write_bytes(manifest)
    assert run(out, *HTML).splitlines() == [str(out / "opvang.html")]
    assert stamp(out / "opvang.html") != before
    entries = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert set(entries) == {"opvang.html"}  # written afresh, usable again
    assert run(out, *HTML).endswith(": up to date\n")


def test_manifest_records_the_bytes_written(written):
    out, _ = written
    cache = BuildCache.load(out)
    entry = cache.entries["opvang.html"]
    import hashlib

    assert entry["sha256"] == hashlib.sha256((out / "opvang.html").read_bytes()).hexdigest()
    assert cache.is_current(out / "opvang.html", entry["key"])
    assert not cache.is_current(out / "opvang.html", "another key")


def test_pdf_variant_is_part_of_the_key(shipped_briefs, rendered_copy):
    out = rendered_copy(shipped_briefs)
    args = ["--theme", "opsporing", "--format", "pdf", *DATE]
    assert run(out, *args).endswith(": up to date\n")
    both = ["--pdf-variant", "pdf/ua-1", "--pdf-variant", "pdf/a-2a"]
    assert sorted(run(out, *args, *both).splitlines()) == [
        str(out / "opsporing.archief.pdf"),
        f"{out / 'opsporing.pdf'}: up to date",
    ]
    with pikepdf.open(out / "opsporing.archief.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp.get("pdfaid:part") == "2"
    assert sorted(run(out, *args, *both).splitlines()) == [
        f"{out / 'opsporing.archief.pdf'}: up to date",
        f"{out / 'opsporing.pdf'}: up to date",
    ]


def test_only_the_changed_format_is_rendered(tmp_path):
    out = tmp_path / "out"
    run(out, *HTML)
    output = run(out, "--theme", "opvang", "--format", "both", "--date", "2025-03-01").splitlines()
    assert output == [str(out / "opvang.pdf"), f"{out / 'opvang.html'}: up to date"]


@pytest.mark.parametrize("package", ["xlsxwriter", "python-docx", "odfdo", "weasyprint"])
def test_a_new_version_of_a_writer_library_changes_the_key(monkeypatch, package):
    from bottleneck_briefs.basics import digests

    before = digests.program_digest()
    real = digests.metadata.version
    monkeypatch.setattr(digests.metadata, "version", lambda name: "0.0.1" if name == package else real(name))
    digests.program_digest.cache_clear()
    try:
        assert digests.program_digest() != before
    finally:
        digests.program_digest.cache_clear()


def test_quick_digest_is_the_loaded_corpus_version(corpus_copy):
    from bottleneck_briefs.corpus.files import corpus_digest
    from bottleneck_briefs.corpus.loading import load_corpus

    assert corpus_digest(corpus_copy) == load_corpus(corpus_copy).corpus.digest
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert corpus_digest(corpus_copy) == load_corpus(corpus_copy).corpus.digest


def test_the_plan_finds_files_up_to_date_without_loading_the_corpus_only_when_nothing_changed(written, corpus_copy):
    from dataclasses import replace

    from bottleneck_briefs.briefs.run.report_plan import ReportRequest, light_plan

    out, _ = written
    request = ReportRequest(slugs=("opvang",), output_formats=("html",), output_dir=out, date="2025-03-01")

    def due(request: ReportRequest) -> list[str]:
        plan = light_plan(corpus_copy, request)
        assert plan is not None  # planned from the files alone
        return [planned.path.name for planned in plan.due]

    assert due(request) == [] and light_plan(corpus_copy, request).result().up_to_date == [out / "opvang.html"]
    assert due(replace(request, force=True)) == ["opvang.html"]
    assert due(replace(request, slugs=("opvang", "zorg"))) == ["zorg.html"]
    (corpus_copy / "codebook.yaml").write_text(
        (corpus_copy / "codebook.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert due(request) == ["opvang.html"]  # a changed file: loaded, validated and rendered again
    assert light_plan(corpus_copy, replace(request, slugs=("onbekend",))) is None  # said after loading


def test_language_is_part_of_the_key_and_the_file_name(written):
    out, before = written
    output = run(out, *HTML, "--lang", "en").splitlines()
    assert output == [str(out / "opvang.en.html")]
    assert stamp(out / "opvang.html") == before  # the Dutch brief is left alone
    assert run(out, *HTML, "--lang", "en").splitlines() == [f"{out / 'opvang.en.html'}: up to date"]
    assert run(out, *HTML).splitlines() == [f"{out / 'opvang.html'}: up to date"]
