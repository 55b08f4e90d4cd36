"""What every office file the exports write needs: fixed dates, and cells that never run as formulas.

Word and Excel files are zip archives; the libraries that write them stamp
every member with the clock's time, so the same brief would give different
bytes every minute. `fixed_dates` rewrites the archive with one date for
every member (the brief's own), keeping names, order and contents. An
OpenDocument file's first member, `mimetype`, stays uncompressed, as ODF
requires (it is how a program recognises the file without unzipping it).

A spreadsheet cell whose text starts with `=`, `+`, `-` or `@` (or a tab or
carriage return, which some programs skip before looking) is run as a formula
by Excel and LibreOffice: text from a corpus could then compute, fetch or
execute something on the reader's machine (CSV injection).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def inert(text: str) -> str:
    """The text as a CSV cell no spreadsheet runs: an apostrophe before a formula start (OWASP's advice)."""
    return "'" + text if starts_like_formula(text) else text


def fixed_dates(archive: bytes, day: date, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same zip archive with every member dated `day`, 00:00, and no platform-specific attributes.

    `edits`: member name -> what to make of its bytes on the way (a property the writing library lacks)."""
    edits = edits or {}
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if member.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            data = source.read(member)
            if member.filename in edits:
                data = edits[member.filename](data)
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()
