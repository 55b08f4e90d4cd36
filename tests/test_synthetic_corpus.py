"""The benchmarks' synthetic corpus is a valid corpus: a benchmark of a corpus that `check` refuses measures nothing."""

from __future__ import annotations

import sys

from conftest import ROOT, invoke

sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import generate


def test_the_synthetic_corpus_passes_check(tmp_path):
    corpus = generate(120, tmp_path / "corpus")
    result = invoke("check", "--no-cache", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    assert "120 statements" in result.output
