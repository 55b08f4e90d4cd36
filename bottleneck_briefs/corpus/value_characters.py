"""The character rules on a parsed text: what an escape in a double-quoted string writes.

A double-quoted YAML string writes any character as an escape: `"\\x01"`,
`"\\u202e"`, `"\\e[2J"` pass every check on the file's characters and reach the
brief, a DOCX (which refuses control characters) and the terminal. The same
rules as on the file's characters hold for the text YAML reads; each character
that an escape wrote is an error at the escape's line and column. (A character
written as itself was already told by the checks on the file.)
"""

from __future__ import annotations

import re
import unicodedata

from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.scalar_positions import escape_at, value_offsets
from bottleneck_briefs.corpus.yaml_document import YamlFile, format_path, line_and_column
from bottleneck_briefs.corpus.yaml_source_checks import character_name, invisible_message, is_invisible

# In a text: tabs and line breaks, and what YAML accepts in a file but the C1 line break (told as invisible).
_CONTROL = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escaped_character_problems(document: YamlFile) -> list[Problem]:
    problems = []
    for path, span in document.scalars.items():
        if span.style != '"' or "\\" not in document.source[span.start : span.end]:
            continue  # only a double-quoted string has escapes
        value = span.text
        suspects = [
            index for index, character in enumerate(value) if _CONTROL.match(character) or is_invisible(character)
        ]
        if not suspects:
            continue
        from bottleneck_briefs.corpus.joiners import is_written_joiner

        offsets = value_offsets(document.source, span, value)
        for index in suspects:
            character = value[index]
            if offsets is not None and document.source[offsets[index]] == character:
                continue  # written as itself: told by the checks on the file's characters
            if not _CONTROL.match(character) and is_written_joiner(value, index):
                continue
            if offsets is not None:
                at = offsets[index]
                line, column = line_and_column(document.source, at)
                written = f", written {document.source[at : at + escape_at(document.source, at)[1]]}"
            else:
                (line, column), written = document.position(path), f" (character {index + 1} of the text)"
            name = f"U+{ord(character):04X}" if unicodedata.name(character, "") == "" else character_name(character)
            message = (
                f"control character {name}{written}: not allowed in a text (a DOCX refuses it, a terminal "
                "obeys it); remove it"
                if _CONTROL.match(character)
                else invisible_message(character, written)
            )
            problems.append(Problem(document.display_name, line, column, format_path(path), message))
    return problems
