"""Find each statement's words, in order, among the words of an extracted two-column page.

The extraction interleaves the lines of both columns and breaks words across
lines with a hyphen, so a statement is a subsequence of the page's words, where
one word may be split in two ("automa -" ... "tisch").
"""

from __future__ import annotations


def _split_candidates(tokens: list[str], used: list[bool], index: int, word: str):
    """If tokens[index] starts `word` as a line-end fragment, yield the indexes of its continuation."""
    token = tokens[index]
    hyphen_token = index + 1 < len(tokens) and tokens[index + 1] == "-"
    if token.endswith("-"):
        prefix, after = token[:-1], index + 1
    elif hyphen_token:
        prefix, after = token, index + 2
    else:
        return
    if not prefix or not word.startswith(prefix) or word == prefix:
        return
    rest = word[len(prefix) :]
    for later in range(after, len(tokens)):
        if not used[later] and tokens[later] == rest:
            yield later, (index + 1 if hyphen_token else None)
            return


def match_statement(tokens: list[str], used: list[bool], text: str) -> list[int] | None:
    """Mark and return the page positions of the statement's words, or None if it is not there."""
    positions: list[int] = []
    cursor = 0
    for word in text.split():
        for index in range(cursor, len(tokens)):
            if used[index]:
                continue
            if tokens[index] == word:
                positions.append(index)
                cursor = index + 1
                break
            split = next(_split_candidates(tokens, used, index, word), None)
            if split:
                later, hyphen = split
                positions += [index, later] + ([hyphen] if hyphen is not None else [])
                cursor = later + 1  # the statement goes on after the word's second half
                break
        else:
            for position in positions:
                used[position] = False
            return None
        for position in positions:
            used[position] = True
    return positions


def leftover_words(page_text: str, statement_texts: list[str]) -> tuple[list[str], list[str]]:
    """Return (statements not found verbatim, page words no statement accounts for)."""
    tokens = page_text.split()
    used = [False] * len(tokens)
    missing = [text for text in statement_texts if match_statement(tokens, used, text) is None]
    return missing, [token for token, is_used in zip(tokens, used, strict=True) if not is_used]
