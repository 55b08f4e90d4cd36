"""The shipped corpus: verbatim statements from the seed pages, nothing dropped, nothing added."""

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bottleneck_briefs.corpus.loading import load_corpus
from conftest import ROOT
from seed_matching import leftover_words

SEED_PAGES = Path(__file__).parent / "data" / "seed-pages"
# What is on a page but is no statement: the section heading and the running footer.
NOT_STATEMENTS = {
    26: [
        "2.16",
        "Onvoldoende",
        "capaciteit/middelen",
        "bloemlezing",
        "-",
        "programma",
        "samen",
        "tegen",
        "mensenhandel",
    ],
    27: ["bloemlezing", "-", "programma", "samen", "tegen", "mensenhandel", "27"],
}


@pytest.fixture(scope="module")
def corpus(shipped_corpus_dir):
    result = load_corpus(shipped_corpus_dir)
    assert result.corpus is not None, [problem.format() for problem in result.problems]
    return result.corpus


@pytest.mark.parametrize("page", sorted(NOT_STATEMENTS))
def test_every_word_of_the_page_is_in_exactly_one_statement(corpus, page):
    page_text = (SEED_PAGES / f"page-{page}.txt").read_text(encoding="utf-8")
    # ids follow the order of the statements' first lines in the extraction, which the matcher relies on
    on_page = sorted((s for s in corpus.statements if s.source.page == page), key=lambda s: s.id)
    texts = [statement.text for statement in on_page]
    missing, leftover = leftover_words(page_text, texts)
    assert missing == [], "not verbatim on the page"
    assert leftover == NOT_STATEMENTS[page], "words of the page that no statement holds"


def test_statements_per_page_and_section(corpus):
    counts = Counter((statement.source.page, statement.source.section) for statement in corpus.statements)
    assert counts == {(26, "2.15"): 5, (26, "2.16"): 18, (27, "2.16"): 26}


def test_ids_are_unique_and_numbered_in_source_order(corpus):
    ids = sorted(statement.id for statement in corpus.statements)
    assert ids == [f"KP-{number:03d}" for number in range(1, 50)]


def test_notes_never_repeat_inside_the_text(corpus):
    for statement in corpus.statements:
        if statement.note:
            assert statement.note not in statement.text


def test_every_theme_is_used(corpus):
    used = {theme for statement in corpus.statements for theme in statement.themes}
    assert used == {theme.slug for theme in corpus.codebook.themes}


def test_no_statement_id_ever_disappears_without_being_retired():
    """Every id the corpus ever held in this repository's history is still in use or retired in the codebook."""
    history = subprocess.run(
        ["git", "log", "-p", "--format=", "--", "bottlenecks/statements"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if history.returncode != 0:
        pytest.fail(f"git log failed: {history.stderr}")
    ever = set(re.findall(r"^[-+ ]\s*- id: (KP-\d+)", history.stdout, flags=re.MULTILINE))
    assert ever, "no statement ids found in the history"
    corpus = load_corpus(ROOT / "bottlenecks").corpus
    kept = {statement.id for statement in corpus.statements} | {entry.id for entry in corpus.codebook.retired_ids}
    assert sorted(ever - kept) == []
