"""Keep each file's line endings: a file saved with CRLF (Windows) or CR stays so when it is rewritten.

ruamel.yaml reads any line break but writes "\n" only, and it treats a lone
"\r" as part of a comment, which runs the header comments together. So the text
is given to it with "\n" and the result gets the file's own line ending back.
"""

from __future__ import annotations


def line_ending(text: str) -> str:
    """The file's line ending: that of its first line break ("\n" for a file without one)."""
    for index, char in enumerate(text):
        if char == "\n":
            return "\n"
        if char == "\r":
            return "\r\n" if text[index + 1 : index + 2] == "\n" else "\r"
    return "\n"


def with_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def with_line_ending(text: str, ending: str) -> str:
    """`text` (with "\n" line breaks) with `ending` instead."""
    return text if ending == "\n" else text.replace("\n", ending)
