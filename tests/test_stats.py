"""`bottlenecks stats`: counts per theme and facet value, and theme co-occurrence."""

import re
from pathlib import Path

from bottleneck_briefs.corpus.loading import load_corpus
from bottleneck_briefs.editing.statistics import facet_title
from conftest import invoke


def section(output: str, title: str) -> list[str]:
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(title)) + 1
    end = next((index for index in range(start, len(lines)) if not lines[index].strip()), len(lines))
    return lines[start:end]


def test_theme_counts_match_the_corpus(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    result = invoke("stats", "--corpus", shipped_corpus_dir)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("49 statements in 2 statement files, 10 themes")
    rows = section(result.output, "Themes")
    by_count = sorted(corpus.codebook.themes, key=lambda theme: -corpus.count_for(theme.slug))  # ties: codebook order
    assert [row.split()[0] for row in rows] == [theme.slug for theme in by_count]
    for row, theme in zip(rows, by_count, strict=True):
        count = int(re.search(r"\s(\d+)\s+\d+%", row).group(1))
        assert count == corpus.count_for(theme.slug), row
    assert re.match(r"\s+capaciteit\s+Capaciteit\s+19\s+39%\s+█{9}$", rows[0])


def test_facet_counts_include_statements_without_a_value(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    output = invoke("stats", "--corpus", shipped_corpus_dir).output
    for facet in corpus.codebook.facet_slugs:
        rows = section(output, f"{facet_title(corpus.codebook, facet)} — facet '{facet}'")
        counts = {row.split()[0]: int(re.search(r"\s(\d+)\s+\d+%", row).group(1)) for row in rows}
        values = [counts[row.split()[0]] for row in rows[:-1]]
        assert values == sorted(values, reverse=True)  # most first; "(none)" last
        assert rows[-1].split()[:2] == ["-", "(none)"]
        for value in corpus.codebook.facet(facet).values:
            assert counts[value.slug] == sum(value.slug in s.facet_values(facet) for s in corpus.statements)
        assert counts["-"] == sum(not s.facet_values(facet) for s in corpus.statements)
    assert "openbaar-ministerie" in output  # an unused value is listed with 0, not hidden


def test_co_occurrence_matrix_is_symmetric_and_counts_pairs(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    output = invoke("stats", "--corpus", shipped_corpus_dir).output
    rows = section(output, "Theme co-occurrence")[1:]
    slugs = [theme.slug for theme in corpus.codebook.themes]
    matrix = [[0 if cell == "·" else int(cell) for cell in row.split()[2:]] for row in rows]
    assert [row.split()[1] for row in rows] == slugs
    for i, first in enumerate(slugs):
        assert matrix[i][i] == corpus.count_for(first)
        for j, second in enumerate(slugs):
            assert matrix[i][j] == matrix[j][i]
            if i != j:
                assert matrix[i][j] == sum(first in s.themes and second in s.themes for s in corpus.statements)
    pairs = section(output, "Most frequent pairs")
    assert pairs[0].split() == ["3", "financiering", "+", "preventie"]


def test_small_corpus_in_full():
    output = invoke("stats", "--corpus", Path(__file__).parent / "data" / "minimal").output
    assert section(output, "Parties — facet 'partijen'") == [
        "  politie    Politie       2   67%  ████████████████",
        "  gemeenten  Gemeenten     1   33%  ████████",
        "  -          (none)        1   33%  ████████",
    ]
    assert section(output, "Theme co-occurrence")[1:] == [
        "   1 financiering  1  ·",
        "   2 capaciteit    ·  2",
    ]
    assert output.rstrip().endswith("No statement carries more than one theme.")


def test_broken_corpus_reports_problems(tmp_path):
    result = invoke("stats", "--corpus", tmp_path / "missing")
    assert result.exit_code == 1
    assert "corpus folder not found" in result.output


def test_one_language_per_line_and_the_codebooks_labels(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    output = invoke("stats", "--corpus", shipped_corpus_dir).output
    for facet in corpus.codebook.facet_slugs:
        title = facet_title(corpus.codebook, facet)
        assert f"per {facet} value" not in output  # a Dutch key as an English noun
        assert title == corpus.codebook.facet(facet).label_en and f"{title} — facet '{facet}'" in output
        for value in corpus.codebook.facet(facet).values:
            row = next(line for line in output.splitlines() if line.split()[:1] == [value.slug])
            assert value.label in row  # the codebook's label beside its slug
    english_headings = [line for line in output.splitlines() if line and not line.startswith(" ")]
    assert all(re.fullmatch(r"[\w\s,.;:'()’—+-]+", line, re.ASCII) for line in english_headings), english_headings
