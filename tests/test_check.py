"""`bottlenecks check`: the shipped corpus is clean; each planted defect is named by file, line and column."""

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from check_cases import BROKEN, build_case, case_names
from cli import main
from conftest import ROOT


def run_check(cwd, corpus="corpus"):
    # a subprocess, as an editor runs it: proves no traceback reaches the terminal
    return subprocess.run(
        [sys.executable, "-m", "cli", "check", "--corpus", corpus],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]},
    )


def test_shipped_corpus_is_clean(shipped_corpus_dir):
    result = CliRunner().invoke(main, ["check", "--corpus", str(shipped_corpus_dir)])
    assert result.exit_code == 0, result.output
    assert "49 statements, 10 themes" in result.output
    assert "warning" not in result.output


@pytest.mark.parametrize("case", case_names())
def test_broken_corpus_reports_exact_locations(case, tmp_path):
    build_case(case, tmp_path / "corpus")
    result = run_check(tmp_path)
    expected = (BROKEN / case / "expected.txt").read_text()
    assert result.stderr == expected
    assert "Traceback" not in result.stderr + result.stdout
    errors = re.search(r"^(\d+) errors?, ", expected, re.MULTILINE)
    assert result.returncode == (1 if errors and int(errors.group(1)) else 0)


def test_every_problem_is_reported_in_one_run(tmp_path):
    """Problems in several files come together, not one per run."""
    build_case("unknown-theme", tmp_path / "corpus")
    (tmp_path / "corpus" / "statements" / "b.yaml").write_text("statements:\n  - id: KP-003\n\ttext: x\n")
    result = run_check(tmp_path)
    assert "corpus/statements/a.yaml:5:26: statements[0].themes[1]: unknown theme 'financering'" in result.stderr
    assert "corpus/statements/b.yaml:3:1: tab used for indentation" in result.stderr
    assert result.returncode == 1


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (tmp_path / "corpus" / "statements" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "corpus/statements/bomb.yaml:2:10: a1[0]: aliases (*a0) are not supported" in result.stderr


def test_oversized_file_is_refused_before_parsing(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    big = tmp_path / "corpus" / "statements" / "big.yaml"
    big.write_text("statements:\n" + "# padding\n" * 600_000)
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "corpus/statements/big.yaml: file is too large (5.7 MB; the limit is 5 MB)" in result.stderr


def test_deep_nesting_is_refused(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    (tmp_path / "corpus" / "statements" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert re.search(r"corpus/statements/deep\.yaml:1:35: .*: nested more than 32 levels deep", result.stderr)


def test_missing_corpus_folder(tmp_path):
    result = run_check(tmp_path, corpus="nowhere")
    assert result.returncode == 1
    assert result.stderr.startswith("nowhere: corpus folder not found")
    # the full path it looked in, and how to name another one
    assert f"(looked for {tmp_path / 'nowhere'})" in result.stderr
    assert "--corpus PATH" in result.stderr


def test_fifty_megabyte_file_is_refused_at_once(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    with open(tmp_path / "corpus" / "statements" / "huge.yaml", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: the size is what counts, not the content
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "corpus/statements/huge.yaml: file is too large (50.0 MB; the limit is 5 MB)" in result.stderr


def test_statement_of_five_thousand_words_is_refused_with_the_limit(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    words = " ".join(["mensenhandel"] * 5000)
    (tmp_path / "corpus" / "statements" / "long.yaml").write_text(
        "statements:\n  - id: KP-009\n    text: " + words + "\n"
        '    source: {document: bloemlezing, section: "2.16", page: 27}\n    themes: [financiering]\n'
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert (
        "corpus/statements/long.yaml:3:11: statements[0].text: is too long (64999 characters; the limit is 5000)"
    ) in result.stderr


def test_number_of_statements_is_limited(tmp_path, monkeypatch):
    from bottleneck_briefs.corpus import validation
    from bottleneck_briefs.corpus.loading import load_corpus

    build_case("unused-theme", tmp_path / "corpus")
    monkeypatch.setattr(validation, "MAX_STATEMENTS", 1)
    messages = [problem.format() for problem in load_corpus(tmp_path / "corpus").problems]
    assert f"{tmp_path / 'corpus' / 'codebook.yaml'}: the corpus holds 2 statements; the limit is 1" in messages
