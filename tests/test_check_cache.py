"""`check` remembers clean runs: an unchanged corpus is confirmed without parsing, a changed one never is."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from check_cases import MINIMAL, build_case
from conftest import ROOT


def check(cwd: Path, *options: str, cache: Path) -> subprocess.CompletedProcess:
    """`bottlenecks check` in a subprocess with -X importtime, so the test sees what it imported."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cli", "check", "--corpus", "corpus", *options],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)},
    )


def loaded_corpus(result: subprocess.CompletedProcess) -> bool:
    """Did the run parse and validate (import the loader and the pydantic model)?"""
    return all(
        re.search(rf"\| +bottleneck_briefs\.{module}$", result.stderr, re.MULTILINE)
        for module in ("corpus.loading", "corpus.models", "corpus.yaml_reading")
    )


def messages(result: subprocess.CompletedProcess) -> str:
    return "".join(line + "\n" for line in result.stderr.splitlines() if not line.startswith("import time:"))


def test_an_unchanged_clean_corpus_is_confirmed_without_parsing(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    first = check(tmp_path, cache=tmp_path / "cache")
    second = check(tmp_path, cache=tmp_path / "cache")
    assert first.returncode == second.returncode == 0
    assert loaded_corpus(first) and not loaded_corpus(second)
    assert second.stdout == first.stdout
    assert "statements" in second.stdout and second.stdout.endswith(": OK\n")


def test_a_changed_corpus_is_checked_in_full(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    assert check(tmp_path, cache=tmp_path / "cache").returncode == 0
    statement_file = sorted((tmp_path / "corpus" / "statements").glob("*.yaml"))[0]
    text = statement_file.read_text(encoding="utf-8")
    assert "capaciteit" in text
    statement_file.write_text(text.replace("capaciteit", "capacitet", 1), encoding="utf-8")
    result = check(tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1
    assert loaded_corpus(result)
    assert "unknown theme 'capacitet'" in messages(result)


def test_no_cache_validates_in_full(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    assert check(tmp_path, cache=tmp_path / "cache").returncode == 0
    result = check(tmp_path, "--no-cache", cache=tmp_path / "cache")
    assert result.returncode == 0 and loaded_corpus(result)


def test_a_run_with_warnings_is_not_remembered(tmp_path):
    build_case("unused-theme", tmp_path / "corpus")
    for _ in range(2):
        result = check(tmp_path, cache=tmp_path / "cache")
        assert result.returncode == 0
        assert loaded_corpus(result)
        assert "warning: themes[0].slug: theme 'financiering' is used by no statement" in messages(result)
    assert not any(path.is_file() for path in (tmp_path / "cache").rglob("*"))


def test_an_unusable_cache_folder_only_costs_speed(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    (tmp_path / "not-a-folder").write_text("x")
    for _ in range(2):
        result = check(tmp_path, cache=tmp_path / "not-a-folder")
        assert result.returncode == 0 and loaded_corpus(result)
        assert messages(result) == ""


def test_a_file_over_the_limit_is_never_read_for_the_cache_key(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    big = tmp_path / "corpus" / "statements" / "big.yaml"
    big.write_text("statements:\n" + "# padding\n" * 600_000)
    result = check(tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1
    assert "corpus/statements/big.yaml: file is too large (5.7 MB; the limit is 5 MB)" in messages(result)
