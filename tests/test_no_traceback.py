"""No traceback, no wrong output: the defects of the third robustness round, each reproduced on a copy of the corpus."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import invoke

STATEMENTS = Path("statements") / "bloemlezing-2.15.yaml"
FIRST_TEXT = ("    text: >-\n      B8 is bij politie gekoppeld aan aangifte; biedt niet automatisch\n"
              "      slachtofferschap.\n")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def record(corpus: Path, name: str = "2026-1"):
    return invoke("edition", name, "--date", "2026-03-01", "--corpus", corpus)


def editions_listing(corpus: Path) -> str:
    result = invoke("editions", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    return result.output


# --- item 7: an edition of a text with a no-break space, a double space and an emoji --------------


def test_an_edition_records_a_text_with_an_emoji_and_odd_spaces(corpus_copy):
    text = "B8 is bij politie gekoppeld aan\u00a0aangifte;  biedt niet 😀 automatisch slachtofferschap."
    edit(corpus_copy / STATEMENTS, FIRST_TEXT, f'    text: "{text}"\n')
    result = record(corpus_copy)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    recorded = (corpus_copy / "editions" / "2026-1.yaml").read_text(encoding="utf-8")
    assert "niet 😀 automatisch" in recorded  # readable, not as surrogate escapes
    assert yaml.safe_load(recorded)["statements"][0]["text"] == text
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")


# --- item 9: equality with an edition does not depend on files or order ----------------------------


def test_moving_renaming_and_reordering_statements_leaves_the_corpus_equal_to_its_edition(corpus_copy):
    assert record(corpus_copy).exit_code == 0
    statements = corpus_copy / "statements"
    (statements / "bloemlezing-2.16.yaml").rename(statements / "a-hernoemd.yaml")  # read first now
    first = corpus_copy / STATEMENTS
    text = first.read_text(encoding="utf-8")
    head, _, items = text.partition("statements:\n")
    entries = items.strip("\n").split("\n\n")
    moved, kept = entries[0], entries[1:]  # KP-001 moves to the other file, the rest reverses order
    first.write_text(head + "statements:\n" + "\n\n".join(reversed(kept)) + "\n", encoding="utf-8")
    other = statements / "a-hernoemd.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "\n" + moved + "\n", encoding="utf-8")
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")
    # the themes of a statement in another order are not a change either, as the appendix says
    edit(other, "    themes: [opvang, financiering]\n", "    themes: [financiering, opvang]\n")
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")
    edit(other, FIRST_TEXT, FIRST_TEXT.replace("B8 is", "B9 is"))
    assert editions_listing(corpus_copy).endswith("the corpus has changed since edition 2026-1\n")


# --- item 10: one edition name, whatever the suffix ----------------------------------------------------


def test_an_edition_name_is_taken_whatever_the_suffix(corpus_copy):
    assert record(corpus_copy).exit_code == 0
    editions = corpus_copy / "editions"
    (editions / "2026-1.yaml").rename(editions / "2026-1.yml")
    again = record(corpus_copy)
    assert again.exit_code == 1
    assert "2026-1.yml: edition 2026-1 already exists" in again.output
    assert sorted(path.name for path in editions.iterdir()) == ["2026-1.yml"]
    (editions / "2026-1.yaml").write_bytes((editions / "2026-1.yml").read_bytes())  # as on main, both recorded
    checked = invoke("check", "--corpus", corpus_copy)
    assert checked.exit_code == 1
    assert re.search(r"editions/2026-1\.yml:\d+:\d+: edition: edition 2026-1 is recorded twice: also in "
                     r"\S*editions/2026-1\.yaml", checked.output), checked.output
