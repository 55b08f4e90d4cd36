"""Hostile values and the corpora made of them, in one place: what the property test of every command draws from.

Each kind of value an adversary (or a paste from Word) brings: Unicode spaces
and dashes, YAML escapes of control and invisible characters, terminal escape
sequences, emoji sequences, numbers far beyond any page, lists nested past the
Markdown parser's limit, texts at and beyond the length limits, YAML's own
special words. A corpus is written as YAML with JSON-style double-quoted
scalars, so that every escape reaches the parser as an escape; now and then a
value is written raw instead, so the file's own checks get their turn.

A new command (notes, site) adds its files to `hostile_corpus` and its run to
the property test; the values stay here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import strategies as st

from check_cases import MINIMAL

THEMES = ("financiering", "capaciteit")
ORDINARY_WORDS = (
    "opvang",
    "politie",
    "gemeenten",
    "slachtoffers",
    "capaciteit",
    "er",
    "is",
    "te",
    "weinig",
    "geld",
    "voor",
    "de",
    "zorg",
    "en",
    "bedden",
    "signalering",
    "B8",
    "COA",
    "18+",
    "€2",
    "2.16",
    "(KP-024)",
)
UNICODE_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009", "\u3000", "  ", "\t")
DASHES = ("\u2013", "\u2014", "\u2011", "\u2010", "-")
INVISIBLE = ("\u200b", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u202e", "\u2066", "\u200c", "\u200d")
CONTROL = ("\x01", "\x02", "\x07", "\x0b", "\x1b[2J", "\x1b]0;titel\x07", "\x7f", "\x85", "\u2028", "\u2029")
EMOJI = ("😀", "🚨", "👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈", "👍🏽", "می\u200cخواهم", "עברית", "العربية")
YAML_WORDS = (
    "yes",
    "no",
    "null",
    "~",
    "true",
    "0x1F",
    "1e3",
    "0o17",
    ".inf",
    "- x",
    ": x",
    "# x",
    "&a",
    "*a",
    "!!python/object:os.system",
    "{a: b}",
    "[x]",
    "'",
    '"',
    "\\",
    "%",
    "@",
    "`",
    "|",
    ">",
)
PERSONAL = (
    "06\u00a012345678",
    "06 \u2013 12345678",
    "0612\u200b345678",
    "j.jansen@poli\u00adtie.nl",
    "111\u2011222\u2011333",
    "NL91 ABNA 0417 1643 00",
    "dhr. Bakker",
)
HUGE_NUMBERS = (0, -1, 99_999, 100_000, 2**31, 2**63, 10**26)
# what a statement may hold (check accepts it, a brief shows it) and what check must refuse
ACCEPTED = ORDINARY_WORDS * 3 + UNICODE_SPACES + DASHES + EMOJI + YAML_WORDS
REFUSED = INVISIBLE + CONTROL + PERSONAL


def now_and_then(rare, usual, one_in: int = 6):
    """`rare` once in about `one_in` draws, else `usual`: a corpus that checks clean stays common."""
    return st.integers(1, one_in).flatmap(lambda number: rare if number == 1 else usual)


def nested_list(levels: int) -> str:
    return "".join(f"{'  ' * level}- niveau {level + 1}\n" for level in range(levels)) + "\nSlot."


@st.composite
def hostile_text(draw, min_words: int = 1, max_words: int = 12, refusals: bool = True) -> str:
    """Ordinary words mixed with hostile pieces; now and then a text at or past a limit, or deeply nested.

    `refusals=False`: only what check accepts (at the limits, not past them), so the corpus gets to the writers."""
    kinds = ["refused", "long", "nested", "blank"] if refusals else ["long", "nested"]
    kind = draw(now_and_then(st.sampled_from(kinds), st.just("mixed"), 4))
    if kind == "long":
        return draw(
            st.sampled_from(["a" * 5_000, ("woord " * 833).strip(), *(["b" * 5_001, "c" * 33_000] if refusals else [])])
        )
    if kind == "nested":
        return nested_list(draw(st.integers(8, 12 if refusals else 9)))
    if kind == "blank":
        return draw(st.sampled_from(["", " ", "\u00a0", "\u200b", " tekst "]))
    words = draw(st.lists(st.sampled_from(ACCEPTED), min_size=min_words, max_size=max_words))
    if not refusals:
        return " ".join(words).strip() or "leeg"
    if kind == "refused":
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(REFUSED)))
    return " ".join(words).strip() or "leeg"


def _scalar(value: object, raw: bool) -> str:
    """A YAML scalar: double-quoted with every character beyond ASCII as a YAML escape (\\u00a0, \\U0001f600),
    or with `raw` the characters themselves (which the file's own checks must catch)."""
    if not isinstance(value, str):
        return json.dumps(value)
    quoted = json.dumps(value, ensure_ascii=False)  # escapes quotes, backslashes and C0 controls
    if raw:
        return quoted
    return "".join(
        character
        if ord(character) < 0x7F
        else f"\\u{ord(character):04x}"
        if ord(character) <= 0xFFFF
        else f"\\U{ord(character):08x}"
        for character in quoted
    )


@st.composite
def hostile_corpus(draw) -> dict[str, str]:
    """The files of a corpus (relative name -> text) built on the minimal corpus's codebook."""
    refusals = draw(st.booleans())  # else only values check accepts: the writers get them
    raw = refusals and draw(st.integers(0, 2)) == 0  # some corpora carry raw characters in their files
    text = hostile_text(refusals=refusals)
    short = hostile_text(max_words=4, refusals=refusals)
    title = draw(now_and_then(short, st.just("Financiering"), 2))
    summary = draw(now_and_then(text, st.none(), 2))
    codebook = (MINIMAL / "codebook.yaml").read_text(encoding="utf-8")
    codebook = codebook.replace("    title: Financiering\n", f"    title: {_scalar(title, raw)}\n", 1)
    codebook = codebook.replace(
        "    definition: Geld.\n",
        f"    definition: {_scalar(draw(hostile_text(max_words=6, refusals=refusals)), raw)}\n"
        + (f"    summary: {_scalar(summary, raw)}\n" if summary is not None else ""),
        1,
    )
    files = {"codebook.yaml": codebook}
    statements = []
    for number in range(draw(st.integers(1, 4))):
        statement: dict[str, object] = {
            "id": f"KP-{100 + number}",
            "text": draw(text),
            "source": {
                "document": "bloemlezing",
                "section": "2.16",
                "page": draw(
                    now_and_then(st.sampled_from(HUGE_NUMBERS if refusals else (1, 99_999)), st.integers(1, 400))
                ),
            },
            "themes": draw(st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True)),
        }
        if draw(st.booleans()):
            statement["note"] = draw(text)
        statements.append(statement)
    lines = ["statements:"]
    for statement in statements:
        lines.append(f"  - id: {statement['id']}")
        lines += [f"    {key}: {_scalar(value, raw)}" for key, value in statement.items() if key != "id"]
    files["statements/s.yaml"] = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        files["briefs/eigen-selectie.yaml"] = (
            f"title: {_scalar(draw(short), raw)}\n"
            f"summary: {_scalar(draw(text), raw)}\n"
            "select:\n  themes: [financiering, capaciteit]\n"
        )
    if draw(st.booleans()):
        files["publication.yaml"] = f"publisher: {_scalar(draw(short), raw)}\ncontact: {_scalar(draw(short), raw)}\n"
    return files


@st.composite
def hostile_rows(draw) -> list[list[object]]:
    """Rows of a spreadsheet to import (header first), with hostile texts, pages and themes."""
    rows: list[list[object]] = [["text", "themes", "section", "page", "note"]]
    for _ in range(draw(st.integers(1, 3))):
        rows.append(
            [
                draw(hostile_text()),
                draw(st.sampled_from(["financiering", "Capaciteit", "x\x1b[2J", ""])),
                draw(st.sampled_from(["2.16", "2.99", "2.16\u00a0"])),
                draw(now_and_then(st.sampled_from(HUGE_NUMBERS), st.integers(1, 400))),
                draw(st.one_of(st.just(""), hostile_text(max_words=4))),
            ]
        )
    return rows


def write_corpus(folder: Path, files: dict[str, str]) -> None:
    shutil.copytree(MINIMAL, folder)
    for old in (folder / "statements").iterdir():
        old.unlink()
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
