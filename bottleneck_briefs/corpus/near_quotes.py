"""Quotations typed by hand in a note that nearly, but not exactly, give a statement's text.

A writer who copies a quote by hand drifts from the source: a word added,
one left out, one changed. Such a quote is a Markdown blockquote or text
between quotation marks of at least six words; when most of its words follow
a statement's in order, but not all, `check` names the statement and the
difference, and asks for the marker that quotes it verbatim.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_WORDS = 6
SIMILAR = 0.8  # the share of a quote's words found, in order, in the statement
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_QUOTED = re.compile(r"„([^”\"\n]+?)[”\"]|“([^”\n]+?)”|\"([^\"\n]+?)\"|‘([^’\n]{20,}?)’")
_BLOCKQUOTE = re.compile(r"(?:^[ ]{0,3}>[^\n]*(?:\n|$))+", re.MULTILINE)
_QUOTE_MARK = re.compile(r"^[ ]{0,3}> ?", re.MULTILINE)


@dataclass(frozen=True)
class HandQuote:
    offset: int  # where the quoted words start in the note's text
    text: str


@dataclass(frozen=True)
class NearQuote:
    quote: HandQuote
    statement_id: str
    difference: str  # e.g. "'ruim' added"


def hand_quotes(text: str) -> list[HandQuote]:
    """Blockquotes and text between quotation marks of at least MIN_WORDS words, markers left out."""
    quotes = []
    for match in _BLOCKQUOTE.finditer(text):
        inner = _QUOTE_MARK.sub("", match.group()).strip()
        offset = match.start() + (len(match.group()) - len(match.group().lstrip(" >")))
        quotes.append(HandQuote(offset, " ".join(inner.split())))
    for match in _QUOTED.finditer(text):
        group = next(index for index in range(1, 5) if match.group(index) is not None)
        quotes.append(HandQuote(match.start(group), " ".join(match.group(group).split())))
    return [quote for quote in quotes if "[[" not in quote.text and len(_WORD.findall(quote.text)) >= MIN_WORDS]


class StatementWords:
    """The statements' words, indexed once for every note of a check."""

    def __init__(self, statements: Iterable[tuple[str, str]]):  # (id, text)
        self.texts: list[tuple[str, str, list[str]]] = []
        self.index: dict[str, set[int]] = {}
        for number, (statement_id, text) in enumerate(statements):
            words = _WORD.findall(text)
            self.texts.append((statement_id, " ".join(text.split()), words))
            for word in {word.casefold() for word in words}:
                self.index.setdefault(word, set()).add(number)

    def near(self, quote: HandQuote) -> NearQuote | None:
        words = _WORD.findall(quote.text)
        folded = [word.casefold() for word in words]
        shared: dict[int, int] = {}
        for word in set(folded):
            for number in self.index.get(word, ()):
                shared[number] = shared.get(number, 0) + 1
        enough = SIMILAR * len(set(folded))
        best: tuple[float, int] | None = None
        for number, count in shared.items():
            if count < enough:
                continue
            statement_id, text, statement_words = self.texts[number]
            if quote.text in text:  # an exact quote of (part of) the statement
                return None
            matcher = difflib.SequenceMatcher(None, folded, [w.casefold() for w in statement_words], autojunk=False)
            found = sum(block.size for block in matcher.get_matching_blocks())
            score = found / len(folded)
            if score >= SIMILAR and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            return None
        statement_id, _, statement_words = self.texts[best[1]]
        return NearQuote(quote, statement_id, _difference(words, statement_words))


def _difference(quote: list[str], statement: list[str]) -> str:
    """The quote against the part of the statement it follows, word by word, in a few words."""
    folded = [word.casefold() for word in statement]
    matcher = difflib.SequenceMatcher(None, [word.casefold() for word in quote], folded, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    window = statement[first:last]
    matcher = difflib.SequenceMatcher(None, [word.casefold() for word in quote],
                                      [word.casefold() for word in window], autojunk=False)
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        typed, source = " ".join(quote[i1:i2]), " ".join(window[j1:j2])
        if operation == "insert":
            parts.append(f"'{source}' left out")
        elif operation == "delete":
            parts.append(f"'{typed}' added")
        elif operation == "replace":
            parts.append(f"'{typed}' instead of '{source}'")
    return ", ".join(parts[:3]) + (f" and {len(parts) - 3} more" if len(parts) > 3 else "") \
        or "punctuation, capitals or spacing differ"
