"""Near duplicates are found through a word index: each new text is scored against a few candidates, not all."""

from __future__ import annotations

import difflib
import io
import random

import bottleneck_briefs.editing.near_duplicates as near_duplicates
from bottleneck_briefs.editing.import_progress import row_progress
from bottleneck_briefs.editing.near_duplicates import NearDuplicates

TEXT = "Er is te weinig geld voor de opvang van slachtoffers van arbeidsuitbuiting in kleine gemeenten."


def unrelated_texts(count: int) -> list[str]:
    generator = random.Random(7)
    common = ["de", "het", "een", "van", "en", "in", "is", "te", "voor", "op"]
    return [
        " ".join(
            generator.choice(common) if generator.random() < 0.4 else f"woord{generator.randrange(50_000)}"
            for _ in range(generator.randint(8, 30))
        )
        for _ in range(count)
    ]


def test_a_near_duplicate_is_found_among_thousands_with_few_comparisons(monkeypatch):
    scored = []

    class CountingMatcher(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs):
            scored.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(near_duplicates.difflib, "SequenceMatcher", CountingMatcher)
    index = NearDuplicates()
    for number, text in enumerate(unrelated_texts(3000)):
        index.add(text, f"text {number}")
    index.add(TEXT, "KP-012")
    found = index.find(TEXT.replace("weinig", "wenig").replace("kleine", "klijne"))
    assert found is not None and found[0] == "KP-012" and found[1] >= 0.9
    assert len(scored) < 30  # all 3,001 known texts would be scored without the index


def test_same_text_ignoring_case_spacing_and_final_punctuation_is_the_same():
    index = NearDuplicates()
    index.add(TEXT, "KP-012")
    assert index.find("  " + TEXT.upper().replace(" ", "  ").rstrip(".") + "!") == ("KP-012", 1.0)


def test_the_most_similar_of_several_candidates_is_told():
    index = NearDuplicates()
    index.add(TEXT.replace("weinig", "wenig").replace("kleine", "klijne").replace("opvang", "opvng"), "far")
    index.add(TEXT.replace("weinig", "wenig"), "near")
    assert index.find(TEXT)[0] == "near"


def test_a_text_with_few_shared_words_is_no_near_duplicate():
    index = NearDuplicates()
    index.add(TEXT, "KP-012")
    assert index.find("Gemeenten hebben geen zicht op de uitbuiting van minderjarigen.") is None


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only():
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        with row_progress(stream) as advance:
            for done in range(1, 501):
                advance(done, 500)
    assert "Checking rows" in terminal.getvalue() and "500/500" in terminal.getvalue()
    assert log.getvalue() == ""
