"""What every office file the exports write needs: fixed dates, cells that never run as formulas, texts it can hold.

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

Word, Excel and REFI-QDA files are XML, which cannot hold most control
characters (U+0001) or a lone surrogate; an Excel cell holds at most 32,767
characters. `check` refuses such values in the corpus; should one reach a
writer all the same, the writer refuses the whole file with the place of the
text (UnwritableTextError), rather than dying on its library's error or silently
dropping a character or a part of a text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from bottleneck_briefs.basics.field_names import field_names, field_values
from bottleneck_briefs.basics.printable import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_CHARACTERS = 32_767  # the most an Excel cell holds
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class UnwritableTextError(ValueError):
    """A text that a file format cannot hold; the message says which and where."""


def refuse_unwritable_text(data: object, what: str) -> None:
    """UnwritableTextError when any text in `data` (dataclasses, pydantic models, mappings, sequences) holds a
    character XML cannot hold; `what` names the file, e.g. "the Word file"."""
    texts: list[str] = []
    _gather_texts(data, 0, set(), texts)
    if _NOT_XML.search("".join(texts)) is None:  # one search over all of them: nearly always none
        return
    found = _first_unwritable(data, 0, set())  # the same walk again, now naming the place
    if found is None:
        return
    names, text, index = found
    where = ""
    for name in reversed(names):  # the outermost first
        where += f"[{name}]" if isinstance(name, int) else (f".{name}" if where else name)
    excerpt = printable(text[max(0, index - 20) : index + 20])
    raise UnwritableTextError(
        f"cannot write {what}: {where or 'a text'} holds U+{ord(text[index]):04X}, a control "
        f"character {what} cannot hold, in '{excerpt}'; remove it from the corpus"
    )


# Values that hold no text: skipped without a look (a brief at 5,000 statements holds some 300,000 values)
_NO_TEXT = (int, float, date, type(None))


def _gather_texts(data: object, depth: int, walked: set[int], texts: list[str]) -> None:
    """Every text `_first_unwritable` looks at, into `texts`: the same walk (the same values, _values, in the same
    order, with the same limits), without the names."""
    if isinstance(data, str):
        texts.append(data)
        return
    if depth > 20 or id(data) in walked:
        return
    walked.add(id(data))
    for value in _values(data):
        if isinstance(value, str):
            texts.append(value)
        elif not isinstance(value, _NO_TEXT):
            _gather_texts(value, depth + 1, walked, texts)


_VALUES: dict[type, Callable[[Any], Iterable[object]]] = {}  # by class: how to read its values in one call


def _values(data: object) -> Iterable[object]:
    """The values inside `data`, in order: a dataclass's or model's fields, a sequence's items, a mapping's values;
    none in anything else."""
    kind = type(data)
    try:
        get = _VALUES[kind]
    except KeyError:
        get = _VALUES[kind] = _values_getter(kind)
    return get(data)


def _values_getter(kind: type) -> Callable[[Any], Iterable[object]]:
    fields = field_values(kind)
    if fields is not None:
        return fields
    if issubclass(kind, (list, tuple)):
        return iter
    if issubclass(kind, Mapping):
        return lambda data: data.values()
    return lambda data: ()


def _name(data: object, position: int) -> str | int:
    """The name of the value at `position` among `data`'s values (_values): its field, its index or its key."""
    names = field_names(type(data))
    if names is not None:
        return names[position]
    if isinstance(data, (list, tuple)):
        return position
    assert isinstance(data, Mapping)
    return str(list(data)[position])


def _first_unwritable(data: object, depth: int, walked: set[int]) -> tuple[list[str | int], str, int] | None:
    """(the names leading to it, innermost first; the text; where in it) of the first text XML cannot hold.

    The names are only put together once something is found: the walk itself makes no string. `walked`: the
    ids of the values already walked, found clean (a brief holds a statement in several places). A text among
    the values is searched here rather than in a call of its own: most values are texts."""
    if isinstance(data, str):
        match = _NOT_XML.search(data)
        return ([], data, match.start()) if match else None
    if depth > 20 or id(data) in walked:  # the briefs' data is a few levels deep; never follow a cycle
        return None
    walked.add(id(data))
    for position, value in enumerate(_values(data)):
        if isinstance(value, str):
            match = _NOT_XML.search(value)
            if match is None:
                continue
            return [_name(data, position)], value, match.start()
        if isinstance(value, _NO_TEXT):
            continue
        found = _first_unwritable(value, depth + 1, walked)
        if found is not None:
            found[0].append(_name(data, position))
            return found
    return None


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
