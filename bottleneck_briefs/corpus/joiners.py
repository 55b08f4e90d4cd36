"""Where a zero-width joiner or non-joiner is how a text is written, not a hidden character.

A ZERO WIDTH JOINER (U+200D) between two pictographs makes one emoji of them
(👩‍⚕️ a health worker, 👨‍👩‍👧 a family); a ZERO WIDTH NON-JOINER (U+200C) between two
letters of the Arabic script keeps them apart as Persian writes them ("می‌خواهم"),
and does the same in the scripts of India and a few others. There they are part
of the text; anywhere else they are invisible characters that could hide what a
text holds. The emoji and script properties come from the `regex` package, which
follows the Unicode standard; the standard library's `re` does not know them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regex import Pattern

ZWJ = "\u200d"
ZWNJ = "\u200c"
# Scripts that write the non-joiner between letters of a word.
NON_JOINER_SCRIPTS = (
    "Arabic",
    "Syriac",
    "Nko",
    "Mongolian",
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[Pattern, Pattern, Pattern, Pattern]:
    import regex  # only for a text that holds a joiner

    scripts = "".join(f"\\p{{Script_Extensions={script}}}" for script in NON_JOINER_SCRIPTS)
    letter = f"(?:(?=[{scripts}])[\\p{{L}}\\p{{M}}])"
    # a pictograph, then maybe a skin tone and a variation selector (🏳️‍🌈, 👩🏽‍⚕️)
    before_zwj = regex.compile(r"\p{Extended_Pictographic}[\U0001F3FB-\U0001F3FF]?\uFE0F?\Z")
    after_zwj = regex.compile(r"\p{Extended_Pictographic}")
    before_zwnj = regex.compile(letter + r"\p{M}*\Z")
    after_zwnj = regex.compile(letter)
    return before_zwj, after_zwj, before_zwnj, after_zwnj


def is_written_joiner(text: str, index: int) -> bool:
    """Whether text[index], a ZWJ or ZWNJ, stands where its script or an emoji puts it."""
    character = text[index]
    if character not in (ZWJ, ZWNJ):
        return False
    before_zwj, after_zwj, before_zwnj, after_zwnj = _patterns()
    before, after = (before_zwj, after_zwj) if character == ZWJ else (before_zwnj, after_zwnj)
    return bool(before.search(text[max(0, index - 8) : index]) and after.match(text, index + 1))
