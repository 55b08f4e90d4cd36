"""`import` of spreadsheets as Excel writes them and as an adversary would: read right or refused early."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bottleneck_briefs.corpus.loading import load_corpus
from conftest import ROOT, invoke

HEADER = ["tekst", "thema's", "paragraaf", "pagina", "noot"]
# what editors type: doubled quotes, commas and semicolons inside a cell, a line break, a quote at the start
EXCEL_TEXTS = [
    'Hij zei "nee" tegen de politie.',
    'Geld, mensen en tijd: "alles" ontbreekt; zeker in kleine gemeenten.',
    '"Wie betaalt?" vragen de gemeenten, en het Rijk zwijgt.',
    "Een cel over twee regels,\nmet een komma erin.",
]


def texts_by_id(corpus: Path) -> dict[str, str]:
    loaded = load_corpus(corpus)
    assert loaded.corpus is not None, [problem.format() for problem in loaded.problems]
    return {statement.id: statement.text for statement in loaded.corpus.statements}


def excel_csv(path: Path, delimiter: str, rows: list[list[str]]) -> Path:
    """A CSV as Excel's "CSV UTF-8" writes it: a byte order mark, CRLF, quotes doubled, cells quoted when needed."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_excel_style_csv_round_trips_every_text_verbatim(corpus_copy, tmp_path, delimiter):
    rows = [[text, "financiering", "2.16", "27", f"Noot {index}, met komma."] for index, text in enumerate(EXCEL_TEXTS)]
    result = invoke("import", excel_csv(tmp_path / "excel.csv", delimiter, rows), "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    texts = texts_by_id(corpus_copy)
    assert [texts[f"KP-{50 + index:03d}"] for index in range(len(EXCEL_TEXTS))] == EXCEL_TEXTS


def test_excel_style_xlsx_round_trips_every_text_verbatim(corpus_copy, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    for text in EXCEL_TEXTS:
        book.active.append([text, "financiering", "2.16", 27, None])
    book.save(tmp_path / "excel.xlsx")
    result = invoke("import", tmp_path / "excel.xlsx", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    texts = texts_by_id(corpus_copy)
    assert [texts[f"KP-{50 + index:03d}"] for index in range(len(EXCEL_TEXTS))] == EXCEL_TEXTS


def test_a_broken_quote_is_refused_with_its_line_not_guessed(corpus_copy, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('text,themes,section,page\n"Hij zei "nee" tegen de politie.",zorg,2.16,27\n', encoding="utf-8")
    result = invoke("import", path, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "broken.csv: line 2: not valid CSV" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_value_in_a_column_without_a_header_is_not_dropped_silently(corpus_copy, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text('text,themes,section,page\n"Een uitspraak.",zorg,2.16,27,vergeten kolom\n', encoding="utf-8")
    result = invoke("import", path, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "extra.csv:2: E: a value in a column without a header" in result.output


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))


def test_xlsx_with_a_cell_at_xfd1048576_is_refused_quickly_in_little_memory(corpus_copy, tmp_path):
    """A 5 KB file that claims a million rows of 16,384 columns: read only the cells it has (bounded: 1.5 GB, 120 s)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["text", "themes", "section", "page"])
    book.active.append(["Een uitspraak over geld.", "financiering", "2.16", 27])
    book.active["XFD1048576"] = "ver weg"
    book.save(tmp_path / "far.xlsx")
    assert (tmp_path / "far.xlsx").stat().st_size < 10_000
    process = subprocess.run(
        [sys.executable, "-m", "cli", "import", "--dry-run", str(tmp_path / "far.xlsx"), "--corpus", str(corpus_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.returncode == 1, process.stderr
    assert "far.xlsx:1048576: XFD: a value in a column without a header" in process.stderr
    assert "Traceback" not in process.stderr


def test_xlsx_row_beyond_the_last_spreadsheet_row_gives_a_message_not_a_traceback(corpus_copy, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["text", "themes", "section", "page"])
    book.active["A5"] = "Een uitspraak."
    book.save(tmp_path / "row5.xlsx")
    with zipfile.ZipFile(tmp_path / "row5.xlsx") as source, zipfile.ZipFile(tmp_path / "far.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # what no spreadsheet program writes
                data = data.replace(b'r="5"', b'r="1048577"').replace(b'r="A5"', b'r="A1048577"')
            target.writestr(item, data)
    result = invoke("import", "--dry-run", tmp_path / "far.xlsx", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert (
        "far.xlsx: the sheet has a row 1048577, beyond the last row a spreadsheet can have (1048576)" in result.output
    )
    assert isinstance(result.exception, SystemExit)


def test_more_rows_than_the_limit_are_refused_before_they_are_judged(corpus_copy, tmp_path, monkeypatch):
    import bottleneck_briefs.editing.spreadsheet_cells as cells

    monkeypatch.setattr(cells, "MAX_IMPORT_ROWS", 3)
    path = tmp_path / "many.csv"
    path.write_text(
        "text,themes,section,page\n" + "".join(f"Uitspraak {i}.,zorg,2.16,27\n" for i in range(4)), encoding="utf-8"
    )
    result = invoke("import", "--dry-run", path, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "many.csv: more than 3 rows; import at most 3 at a time" in result.output


def test_a_fifo_is_not_read_as_a_spreadsheet(corpus_copy, tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    result = invoke("import", tmp_path / "pipe.csv", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "pipe.csv: not a regular file" in result.output
