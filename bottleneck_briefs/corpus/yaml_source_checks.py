"""Checks on a YAML file's bytes and characters, before it is parsed.

Each finds what a text editor does not show or shows differently from what
the file holds: bytes that are not UTF-8, tabs in the indentation, control
characters, and characters that are invisible or change the direction of the
text around them (they would reach a brief unseen, or make a line read
differently from what it holds).
"""

from __future__ import annotations

import re
import unicodedata

from bottleneck_briefs.corpus.joiners import is_written_joiner
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import line_and_column


def decode_text(raw: bytes, display_name: str) -> tuple[str | None, list[Problem]]:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        return None, [Problem(display_name, line, column, "", "file contains a NUL byte: is it a binary file?")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        offset = error.start
        line, column = _byte_position(raw, offset)
        return None, [
            Problem(
                display_name,
                line,
                column,
                "",
                f"file is not valid UTF-8 (byte 0x{raw[offset]:02X}); save it with UTF-8 encoding",
            )
        ]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def find_tab_indentation(text: str, display_name: str) -> list[Problem]:
    if "\t" not in text:
        return []  # most files: no line to look at
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation and line.strip():
            problems.append(
                Problem(
                    display_name, number, indentation.index("\t") + 1, "", "tab used for indentation; YAML needs spaces"
                )
            )
    return problems


# What YAML 1.2 accepts in a stream (its c-printable production), NUL is refused earlier.
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def find_control_characters(text: str, display_name: str) -> list[Problem]:
    return [
        Problem(
            display_name,
            *line_and_column(text, match.start()),
            "",
            f"control character U+{ord(match.group()):04X} is not allowed in YAML",
        )
        for match in NOT_PRINTABLE.finditer(text)
    ]


# Characters YAML reads as line breaks although an editor shows none (or no line number for them).
LINE_SEPARATORS = "\x85\u2028\u2029"
_DIRECTIONAL = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMES = {"\x85": "NEXT LINE"}  # a control character: Unicode gives it no name
_INVISIBLE = re.compile(f"[{LINE_SEPARATORS}\u034f\u115f\u1160\u3164\uffa0]|[^\\x00-\\xac\\xae-\\u05ff]")


def character_name(character: str) -> str:
    """E.g. 'U+200B (ZERO WIDTH SPACE)'."""
    name = _NAMES.get(character) or unicodedata.name(character, "unnamed")
    return f"U+{ord(character):04X} ({name})"


def is_invisible(character: str) -> bool:
    return (
        character in LINE_SEPARATORS
        or character in "\u034f\u115f\u1160\u3164\uffa0"
        or unicodedata.category(character) == "Cf"
    )


def invisible_characters(value: str) -> list[str]:
    """The invisible characters in a value, each once, in order (a joiner where emoji or a script put it is none)."""
    return list(
        dict.fromkeys(
            character
            for index, character in enumerate(value)
            if is_invisible(character) and not is_written_joiner(value, index)
        )
    )


def find_invisible_characters(text: str, display_name: str) -> list[Problem]:
    problems = []
    for match in _INVISIBLE.finditer(text):
        character = match.group()
        if not is_invisible(character) or is_written_joiner(text, match.start()):
            continue
        problems.append(Problem(display_name, *line_and_column(text, match.start()), "", invisible_message(character)))
    return problems


def invisible_message(character: str, written: str = "") -> str:
    """What is wrong with an invisible character; `written` says how the file wrote it (e.g. ', written \\u200b')."""
    name = character_name(character) + written
    if character in LINE_SEPARATORS:
        return (
            f"line separator {name}: YAML reads it as a line break that editors do not show; "
            "replace it with a space or a real line break"
        )
    if character in _DIRECTIONAL:
        return (
            f"direction-changing character {name}: it makes the text show in another order than it is stored; remove it"
        )
    return f"invisible character {name}: it would reach the brief unseen; remove it"


def without_line_separators(text: str) -> str:
    """The text with YAML's extra line breaks made spaces, so the parser's lines are the editor's lines.

    Only used where those characters are already reported as errors."""
    return text.translate({ord(character): " " for character in LINE_SEPARATORS})
