"""`import` into the corpus: check's own rules, ids as numbers, each file's line endings, only regular files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bottleneck_briefs.corpus.loading import load_corpus
from conftest import ROOT, invoke

FILE_216 = Path("statements") / "bloemlezing-2.16.yaml"
ROW = 'text,themes,section,page\n"{text}",{themes},2.16,27\n'


def sheet(tmp_path: Path, text: str = "Een nieuwe uitspraak over de opvang.", themes: str = "opvang") -> Path:
    path = tmp_path / "rij.csv"
    path.write_text(ROW.format(text=text, themes=themes), encoding="utf-8")
    return path


def statements(corpus: Path) -> dict:
    loaded = load_corpus(corpus)
    assert loaded.corpus is not None, [problem.format() for problem in loaded.problems]
    return {statement.id: statement for statement in loaded.corpus.statements}


# --- the same model and cross-file rules as check ----------------------------------------------


def test_a_theme_listed_twice_gets_checks_own_message_at_the_row_and_column(corpus_copy, tmp_path):
    result = invoke("import", sheet(tmp_path, themes='"zorg, zorg"'), "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "rij.csv:2: themes: theme 'zorg' is listed twice" in result.output


def test_an_unknown_document_gets_checks_own_did_you_mean(corpus_copy, tmp_path):
    path = tmp_path / "doc.csv"
    path.write_text(
        "text,themes,section,page,document\nEen uitspraak.,zorg,2.16,27,bloemlezing-stn\n", encoding="utf-8"
    )
    result = invoke("import", path, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "doc.csv:2: document: unknown document 'bloemlezing-stn' — did you mean 'bloemlezing-stm'?" in result.output


def test_the_corpus_statement_limit_holds_for_an_import_too(corpus_copy, tmp_path, monkeypatch):
    import bottleneck_briefs.corpus.validation as validation

    monkeypatch.setattr(validation, "MAX_STATEMENTS", 49)  # the corpus holds 49: one more is too many
    result = invoke("import", sheet(tmp_path), "--corpus", corpus_copy)
    assert result.exit_code == 1
    # told at the real codebook, never at a copy of the corpus in a temporary folder
    assert f"{corpus_copy / 'codebook.yaml'}: the corpus holds 50 statements; the limit is 49" in result.output
    assert "added" not in result.output


def test_import_reports_the_problem_type_of_check(corpus_copy, tmp_path):
    from bottleneck_briefs.corpus.problems import Problem
    from bottleneck_briefs.editing.spreadsheet_import import plan_import

    corpus = load_corpus(corpus_copy).corpus
    plan = plan_import(sheet(tmp_path, themes="opvng"), corpus, corpus_copy)
    assert [type(problem) for problem in plan.problems] == [Problem]
    assert (plan.problems[0].line, plan.problems[0].field, plan.problems[0].is_error) == (2, "themes", True)
    assert plan.problems[0].message == "unknown theme 'opvng' — did you mean 'opvang'?"


def test_no_message_names_a_temporary_folder(corpus_copy, tmp_path):
    for args in (["import", sheet(tmp_path, themes="opvng")], ["import", sheet(tmp_path), "--dry-run"]):
        result = invoke(*args, "--corpus", corpus_copy)
        assert "/tmp" not in result.output.replace(str(tmp_path), "TESTDIR"), result.output


# --- ids are numbers ----------------------------------------------------------------------------


def test_an_id_with_a_leading_zero_too_many_is_refused_by_check(corpus_copy):
    path = corpus_copy / FILE_216
    path.write_text(path.read_text(encoding="utf-8").replace("id: KP-049", "id: KP-0049"), encoding="utf-8")
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "bloemlezing-2.16.yaml:327:9: statements[43].id: must be written 'KP-049', not 'KP-0049'" in result.output


def test_a_retired_id_written_with_an_extra_zero_does_not_slip_through(corpus_copy):
    codebook = corpus_copy / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "retired_ids: []", "retired_ids:\n  - {id: KP-050, reason: Dubbel.}"
        ),
        encoding="utf-8",
    )
    path = corpus_copy / FILE_216
    path.write_text(path.read_text(encoding="utf-8").replace("id: KP-049", "id: KP-0050"), encoding="utf-8")
    assert invoke("check", "--corpus", corpus_copy).exit_code == 1


def test_import_numbers_past_four_digit_ids(corpus_copy, tmp_path):
    path = corpus_copy / FILE_216
    path.write_text(path.read_text(encoding="utf-8").replace("id: KP-049", "id: KP-1000"), encoding="utf-8")
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    result = invoke("import", sheet(tmp_path), "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "added KP-1001 (row 2)" in result.output


# --- line endings --------------------------------------------------------------------------------


def test_import_into_a_crlf_file_keeps_crlf(corpus_copy, tmp_path):
    path = corpus_copy / FILE_216
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke("import", sheet(tmp_path), "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0  # no bare LF anywhere
    assert statements(corpus_copy)["KP-050"].text == "Een nieuwe uitspraak over de opvang."
    assert invoke("fmt", "--check", "--corpus", corpus_copy).exit_code == 0  # fmt keeps CRLF too


def test_import_into_a_cr_file_keeps_cr_and_the_header_comments(corpus_copy, tmp_path):
    path = corpus_copy / FILE_216
    original = path.read_bytes()
    header = [line for line in original.split(b"\n") if line.startswith(b"#")][:3]
    path.write_bytes(original.replace(b"\n", b"\r"))
    result = invoke("import", sheet(tmp_path), "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert b"\n" not in data
    assert data.split(b"\r")[:3] == header  # each comment on its own line, as it was
    assert "KP-050" in statements(corpus_copy)


# --- only regular files --------------------------------------------------------------------------


def test_import_reads_and_copies_no_symlink_loop_fifo_or_outside_folder(corpus_copy, tmp_path):
    """On a corpus copy, a FIFO would block and a symlink loop recurse: bounded by a timeout in a real process."""
    os.symlink("..", corpus_copy / "statements" / "loop")
    os.mkfifo(corpus_copy / "statements" / "pipe.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "big.bin").write_bytes(b"\0" * 1024 * 1024)
    os.symlink(outside, corpus_copy / "elsewhere")
    process = subprocess.run(
        [sys.executable, "-m", "cli", "import", str(sheet(tmp_path)), "--corpus", str(corpus_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.returncode == 0, process.stderr
    assert "added KP-050 (row 2)" in process.stdout
    assert "KP-050" in statements(corpus_copy)


def test_report_all_does_not_hang_on_a_fifo_codebook(corpus_copy, tmp_path):
    """The light up-to-date check ran first and blocked reading the FIFO for ever."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ".bottlenecks-cache.json").write_text(
        '{"format": "bottlenecks-build-cache/1", "files": {"zorg.html": {"key": "k", "sha256": "s"}}}', encoding="utf-8"
    )
    (corpus_copy / "codebook.yaml").unlink()
    os.mkfifo(corpus_copy / "codebook.yaml")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--all",
            "--format",
            "html",
            "--corpus",
            str(corpus_copy),
            "--output-dir",
            str(reports),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 1
    assert "codebook not found" in stderr
