"""Commands that make no PDF never import WeasyPrint (it costs about a second to import), nor the editors' libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS as CORPUS_DIR
from conftest import ROOT

CORPUS = str(CORPUS_DIR)
# what only a PDF (WeasyPrint) or an editor's command (fmt: ruamel, import: openpyxl, serve: watchfiles) needs
HEAVY = {"weasyprint", "ruamel", "openpyxl", "watchfiles"}


def importtime(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter that logs every module it imports (to stderr)."""
    return subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "cli.py"), *args],
                          capture_output=True, text=True, cwd=cwd)


def imported_modules(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [
    ["check", "--corpus", CORPUS],
    ["themes", "--corpus", CORPUS],
    ["list", "--theme", "financiering", "--corpus", CORPUS],
    ["stats", "--corpus", CORPUS],
    ["schema", "--check", "--corpus", CORPUS],
    ["report", "--theme", "financiering", "--format", "html", "--date", "2025-03-01", "--output-dir", "out",
     "--corpus", CORPUS],
    ["report", "--all", "--format", "html", "--date", "2025-03-01", "--output-dir", "out", "--corpus", CORPUS],
], ids=lambda args: " ".join(a for a in args[:4] if a != CORPUS))
def test_command_does_not_import_heavy_modules(args, tmp_path):
    completed = importtime(args, tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = imported_modules(completed.stderr)
    assert "click" in modules  # the log is complete enough to tell
    assert sorted({name.split(".")[0] for name in modules} & HEAVY) == []


def test_a_pdf_report_does_import_it(tmp_path):
    """The same check sees WeasyPrint when it is used, so the tests above can fail."""
    completed = importtime(["report", "--theme", "opsporing", "--format", "pdf", "--date", "2025-03-01",
                            "--output-dir", "out", "--corpus", CORPUS], tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "weasyprint" in imported_modules(completed.stderr)
    assert (tmp_path / "out" / "opsporing.pdf").is_file()


def test_an_up_to_date_report_neither_loads_the_corpus_nor_imports_the_brief_code(tmp_path):
    args = ["report", "--theme", "opvang", "--format", "html", "--date", "2025-03-01", "--output-dir", "out",
            "--corpus", CORPUS]
    first = importtime(args, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "bottleneck_briefs.briefs.brief_report" in imported_modules(first.stderr)  # the check can see it
    again = importtime(args, tmp_path)
    assert again.returncode == 0 and again.stdout == "out/opvang.html: up to date\n", again.stderr[-2000:]
    heavy = {"pydantic", "jinja2", "babel", "bottleneck_briefs.corpus.loading", "bottleneck_briefs.briefs.brief_report",
             "bottleneck_briefs.briefs.parallel_render"}
    assert sorted(heavy & imported_modules(again.stderr)) == []
