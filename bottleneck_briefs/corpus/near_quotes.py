"""Quotations typed by hand in a note that nearly, but not exactly, give a statement's text.

A writer who copies a quote by hand drifts from the source: a word added,
one left out, one changed. Such a quote is a Markdown blockquote or text
between quotation marks of at least six words; when most of its words follow
a statement's in order, but not all, `check` names the statement and the
difference, and asks for the marker that quotes it verbatim.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_WORDS = 6
SIMILAR = 0.8  # the share of a quote's words found, in order, in the statement
EXTRA = 2  # words searched beyond the fewest that find every candidate: each rules out more statements
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


def _word_character(character: str) -> bool:
    """What `\\w` matches."""
    return character.isalnum() or character == "_"


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
    """The statements' texts, searched for the candidates of each quotation typed by hand.

    A statement nearly quoted holds at least SIMILAR of the quote's distinct words, so it holds most of
    any few of them: only the statements that hold most of the quote's longest words are candidates, and
    of those only the ones holding enough of all its words are compared with it word by word. Which
    statements hold a word is searched once per word, on demand, in all the texts at once: indexing every
    word of a large corpus would cost more than all the searches.
    """

    def __init__(self, statements: Iterable[tuple[str, str]]):  # (id, text)
        self.statements = list(statements)
        self._joined: str | None = None
        self._starts: list[int] = []
        self._holding: dict[str, frozenset[int]] = {}
        self._words: dict[int, tuple[str, list[str], list[str], frozenset[str]]] = {}

    def _text(self) -> str:
        """Every statement's casefolded text on one line, the lines joined: searched at C speed."""
        if self._joined is None:
            folded = [text.casefold().replace("\n", " ") for _, text in self.statements]
            self._starts = list(itertools.accumulate((len(text) + 1 for text in folded[:-1]), initial=0))
            self._joined = "\n".join(folded)
        return self._joined

    def _holders(self, word: str) -> frozenset[int]:
        """The numbers of the statements whose text holds `word` (as a word, or the part of a longer one)."""
        if word not in self._holding:
            joined, starts = self._text(), self._starts
            # the word's letters first, so the search skips ahead to them; a letter before is ruled out after
            matches = re.finditer(rf"{re.escape(word)}(?!\w)", joined)
            self._holding[word] = frozenset(
                bisect.bisect_right(starts, at) - 1
                for at in map(re.Match.start, matches)
                if not at or not _word_character(joined[at - 1])
            )
        return self._holding[word]

    def _candidates(self, distinct: list[str]) -> list[int]:
        """The statements that hold at least SIMILAR of the quote's distinct words.

        Such a statement misses at most `needed - 1` of them: of the quote's `needed + EXTRA` longest words
        (the rarest, in a real corpus) it holds at least EXTRA + 1, which rules out most statements at once.
        """
        needed = len(distinct) - math.ceil(SIMILAR * len(distinct)) + 1
        longest = sorted(distinct, key=lambda word: (-len(word), word))[: needed + EXTRA]
        least = len(longest) - needed + 1
        held = Counter(itertools.chain.from_iterable(map(self._holders, longest)))
        enough = SIMILAR * len(distinct)
        return sorted(
            number
            for number, count in held.items()
            if count >= least and len(self._statement(number)[3].intersection(distinct)) >= enough
        )

    def _statement(self, number: int) -> tuple[str, list[str], list[str], frozenset[str]]:
        """(text with single spaces, its words, casefolded, and their set), made once per statement."""
        if number not in self._words:
            text = self.statements[number][1]
            words = _WORD.findall(text)
            folded = [word.casefold() for word in words]
            self._words[number] = (" ".join(text.split()), words, folded, frozenset(folded))
        return self._words[number]

    def near(self, quote: HandQuote) -> NearQuote | None:
        words = _WORD.findall(quote.text)
        folded = [word.casefold() for word in words]
        best: tuple[float, int] | None = None
        for number in self._candidates(sorted(set(folded))):
            text, _, statement_folded, _ = self._statement(number)
            if quote.text in text:  # an exact quote of (part of) the statement
                return None
            matcher = difflib.SequenceMatcher(None, folded, statement_folded, autojunk=False)
            score = sum(block.size for block in matcher.get_matching_blocks()) / len(folded)
            if score >= SIMILAR and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            return None
        return NearQuote(quote, self.statements[best[1]][0], _difference(words, self._statement(best[1])[1]))


def _difference(quote: list[str], statement: list[str]) -> str:
    """The quote against the part of the statement it follows, word by word, in a few words."""
    folded = [word.casefold() for word in statement]
    matcher = difflib.SequenceMatcher(None, [word.casefold() for word in quote], folded, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    window = statement[first:last]
    matcher = difflib.SequenceMatcher(
        None, [word.casefold() for word in quote], [word.casefold() for word in window], autojunk=False
    )
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        typed, source = " ".join(quote[i1:i2]), " ".join(window[j1:j2])
        if operation == "insert":
            parts.append(f"'{source}' left out")
        elif operation == "delete":
            parts.append(f"'{typed}' added")
        elif operation == "replace":
            parts.append(f"'{typed}' instead of '{source}'")
    return (
        ", ".join(parts[:3]) + (f" and {len(parts) - 3} more" if len(parts) > 3 else "")
        or "punctuation, capitals or spacing differ"
    )
