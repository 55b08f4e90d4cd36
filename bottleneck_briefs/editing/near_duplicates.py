"""Find a known text that is the same as, or very close to, a new one, without comparing every pair.

Comparing each of 5,000 new rows with every statement and every earlier row
is 25 million similarity ratios: minutes. A word index narrows that down: a
text is only compared with the texts that share at least half of its distinct
words, and those are found through its rarer half alone (a text that shares
half of the words must share one of the other half), whose entries in the
index are short. The difflib ratio on the normalised texts then decides, as
before: from 90% a text counts as a near duplicate.
"""

from __future__ import annotations

import difflib
import math
import re

from bottleneck_briefs.corpus.validation import normalised_text

SIMILARITY = 0.9  # difflib ratio from which a text counts as a near duplicate
SHARED_WORDS = 0.5  # the least part of a text's distinct words a candidate must share
_WORD = re.compile(r"\w+")


class NearDuplicates:
    def __init__(self) -> None:
        self._texts: list[tuple[str, str]] = []  # (normalised text, description)
        self._words: list[frozenset[str]] = []  # the distinct words of each text
        self._exact: dict[str, str] = {}  # normalised text -> description of its first holder
        self._index: dict[str, list[int]] = {}  # word -> the texts that hold it

    def add(self, text: str, description: str) -> None:
        key = normalised_text(text)
        self._exact.setdefault(key, description)
        number = len(self._texts)
        self._texts.append((key, description))
        words = frozenset(_WORD.findall(key))
        self._words.append(words)
        for word in words:
            self._index.setdefault(word, []).append(number)

    def find(self, text: str) -> tuple[str, float] | None:
        """The most similar known text: (description, ratio); None when none reaches SIMILARITY."""
        key = normalised_text(text)
        if key in self._exact:
            return self._exact[key], 1.0
        best = None
        for number in self._candidates(key):
            other, description = self._texts[number]
            matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
            if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY and (best is None or ratio > best[1]):
                best = (description, ratio)
        return best

    def _candidates(self, key: str) -> list[int]:
        words = set(_WORD.findall(key))
        if not words:
            return []
        needed = math.ceil(len(words) * SHARED_WORDS)  # the words a candidate must share
        rare_first = sorted(words, key=lambda word: (len(self._index.get(word, ())), word))
        candidates: set[int] = set()
        for word in rare_first[: len(words) - needed + 1]:
            candidates.update(self._index.get(word, ()))
        # difflib's ratio can reach SIMILARITY only for texts of similar length (its real_quick_ratio)
        shortest, longest = len(key) * SIMILARITY / (2 - SIMILARITY), len(key) * (2 - SIMILARITY) / SIMILARITY
        return sorted(
            number
            for number in candidates
            if shortest <= len(self._texts[number][0]) <= longest and len(words & self._words[number]) >= needed
        )
