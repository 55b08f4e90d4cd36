"""Commands that make no PDF never import WeasyPrint (it costs about a second to import), nor the editors' libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS as CORPUS_DIR
from conftest import ROOT

CORPUS = str(CORPUS_DIR)
# what only a PDF (WeasyPrint), an XLSX brief (XlsxWriter) or an editor's command (fmt: ruamel, import: openpyxl,
# serve: watchfiles) needs
HEAVY = {"weasyprint", "xlsxwriter", "ruamel", "openpyxl", "watchfiles"}


def importtime(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter that logs every module it imports (to stderr)."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", str(ROOT / "cli.py"), *args], capture_output=True, text=True, cwd=cwd
    )


def imported_modules(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--corpus", CORPUS],
        ["themes", "--corpus", CORPUS],
        ["list", "--theme", "financiering", "--corpus", CORPUS],
        ["stats", "--corpus", CORPUS],
        ["schema", "--check", "--corpus", CORPUS],
        [
            "report",
            "--theme",
            "financiering",
            "--format",
            "html",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        ["report", "--all", "--format", "html", "--date", "2025-03-01", "--output-dir", "out", "--corpus", CORPUS],
        [
            "report",
            "--theme",
            "financiering",
            "--overview",
            "--format",
            "docx,csv",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        [
            "report",
            "--theme",
            "financiering",
            "--overview",
            "--format",
            "odt,ods",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        ["export", "codebook", "out.qdc", "--corpus", CORPUS],
    ],
    ids=lambda args: " ".join(a for a in args[:4] if a != CORPUS),
)
def test_command_does_not_import_heavy_modules(args, tmp_path):
    completed = importtime(args, tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert "click" in modules  # the log is complete enough to tell
    assert sorted({name.split(".")[0] for name in modules} & HEAVY) == []


def test_an_xlsx_report_imports_xlsxwriter_but_neither_openpyxl_nor_weasyprint(tmp_path):
    """XlsxWriter writes the workbook; openpyxl (which imports numpy when it is installed) only reads, for import."""
    completed = importtime(
        [
            "report",
            "--theme",
            "financiering",
            "--overview",
            "--format",
            "docx,xlsx,csv",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert sorted({name.split(".")[0] for name in imported_modules(completed.stderr)} & HEAVY) == ["xlsxwriter"]
    assert (tmp_path / "out" / "overzicht.xlsx").is_file()


def test_a_spreadsheet_report_imports_no_template_engine(tmp_path):
    """CSV and XLSX are made from the brief's data alone: no Jinja, no Markdown renderer, no PDF workers."""
    completed = importtime(
        [
            "report",
            "--theme",
            "financiering",
            "--format",
            "csv,xlsx",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert (tmp_path / "out" / "financiering.csv").is_file()
    assert "yaml" in modules  # the log is complete enough to tell
    assert sorted({name.split(".")[0] for name in modules} & {"jinja2", "markdown_it", "weasyprint"}) == []
    assert "bottleneck_briefs.briefs.run.parallel_render" not in modules


def test_a_word_report_is_made_from_the_templates_without_weasyprint(tmp_path):
    """The Word brief is the templates' HTML mapped by lxml onto python-docx: Jinja, never the PDF's engine."""
    completed = importtime(
        [
            "report",
            "--theme",
            "financiering",
            "--format",
            "docx",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert {"docx", "jinja2", "lxml"} <= {name.split(".")[0] for name in modules}
    assert "weasyprint" not in {name.split(".")[0] for name in modules}


def test_an_html_report_does_import_jinja(tmp_path):
    completed = importtime(
        [
            "report",
            "--theme",
            "financiering",
            "--format",
            "html",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "jinja2" in imported_modules(completed.stderr)


def test_a_pdf_report_does_import_it(tmp_path):
    """The same check sees WeasyPrint when it is used, so the tests above can fail."""
    completed = importtime(
        [
            "report",
            "--theme",
            "opsporing",
            "--format",
            "pdf",
            "--date",
            "2025-03-01",
            "--output-dir",
            "out",
            "--corpus",
            CORPUS,
        ],
        tmp_path,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "weasyprint" in imported_modules(completed.stderr)
    assert (tmp_path / "out" / "opsporing.pdf").is_file()


GUARD_MODULES = ("phonenumbers", "stdnum", "deduce", "bottleneck_briefs.corpus.privacy")


def guard_modules(modules: set[str]) -> set[str]:
    return {name for name in modules if any(name == top or name.startswith(top + ".") for top in GUARD_MODULES)}


def test_an_up_to_date_report_loads_no_part_of_the_privacy_guard(corpus_copy, tmp_path):
    """The corpus holds an acknowledged phone number, so running the guard would import phonenumbers."""
    path = corpus_copy / "statements" / "bloemlezing-2.16.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + (
            "\n  - id: KP-090\n    text: Bel de landelijke hulplijn 0800-2000 of mail info@example.nl.\n"
            '    source: {document: bloemlezing-stm, section: "2.16", page: 26}\n    themes: [financiering]\n'
            '    privacy_ok: ["0800-2000: landelijke hulplijn", "info@example.nl: algemeen adres"]\n'
        ),
        encoding="utf-8",
    )
    args = [
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--date",
        "2025-03-01",
        "--output-dir",
        "out",
        "--corpus",
        str(corpus_copy),
    ]
    first = importtime(args, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert {"phonenumbers", "bottleneck_briefs.corpus.privacy"} <= guard_modules(imported_modules(first.stderr))
    again = importtime(args, tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "up to date" in again.stdout
    assert guard_modules(imported_modules(again.stderr)) == set()


def test_check_of_a_corpus_without_numbers_to_validate_imports_no_number_library(tmp_path):
    completed = importtime(["check", "--no-cache", "--corpus", CORPUS], tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert "bottleneck_briefs.corpus.privacy" in modules  # the guard did run
    assert not {"phonenumbers", "stdnum"} & {name.split(".")[0] for name in modules}


def test_an_up_to_date_report_neither_loads_the_corpus_nor_imports_the_brief_code(tmp_path):
    args = [
        "report",
        "--theme",
        "opvang",
        "--format",
        "html",
        "--date",
        "2025-03-01",
        "--output-dir",
        "out",
        "--corpus",
        CORPUS,
    ]
    first = importtime(args, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "bottleneck_briefs.briefs.run.brief_report" in imported_modules(first.stderr)  # the check can see it
    again = importtime(args, tmp_path)
    assert again.returncode == 0 and again.stdout == "out/opvang.html: up to date\n", again.stderr[-2000:]
    heavy = {
        "pydantic",
        "jinja2",
        "babel",
        "bottleneck_briefs.corpus.loading",
        "bottleneck_briefs.briefs.run.brief_report",
        "bottleneck_briefs.briefs.run.parallel_render",
    }
    assert sorted(heavy & imported_modules(again.stderr)) == []
