"""Every kind of document the shipped corpus makes (theme briefs, composed briefs, the overview, notes) in
every format the registry knows but PDF (which has its own tests): written, whole, with no traceback.

A note once met the spreadsheet writers' key figures, which knew only briefs: `report --note NAME --format
xlsx` died with an AttributeError.
"""

from __future__ import annotations

import pytest

from bottleneck_briefs.briefs.formats.output_formats import FORMATS
from conftest import CORPUS, report

FORMATS_BUT_PDF = [suffix for suffix, output in FORMATS.items() if not output.in_pdf_workers]
NOTES = sorted(path.stem for path in (CORPUS / "notes").glob("*.md"))


def test_the_shipped_corpus_has_a_note_to_try():
    assert NOTES


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("suffix", FORMATS_BUT_PDF)
def test_every_document_of_report_all_is_written(tmp_path, suffix, language):
    result = report(
        "--all", "--format", suffix, "--lang", language, "--output-dir", tmp_path / "out", "--date", "2026-12-01"
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    for note in NOTES:
        assert any(name.startswith(f"{note}.") and name.endswith(f".{suffix}") for name in written), written
    assert all(path.stat().st_size > 0 for path in (tmp_path / "out").iterdir())
