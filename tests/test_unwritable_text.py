"""refuse_unwritable_text finds a character XML cannot hold wherever it is in a brief's data, and names the place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import pytest
from pydantic import BaseModel

from bottleneck_briefs.briefs.formats.office_files import UnwritableTextError, refuse_unwritable_text


class Kind(StrEnum):
    PLAIN = "gewoon"
    BROKEN = "stuk\x07"


class Source(BaseModel):
    title: str
    year: int


@dataclass
class Entry:
    text: str
    kind: Kind = Kind.PLAIN
    sources: list[Source] = field(default_factory=list)
    counts: dict[object, object] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    day: date = date(2025, 1, 1)
    flag: bool = False


@dataclass
class One:  # a class of one field (and one of none) is read otherwise than one of several
    text: str


@dataclass
class Empty:
    pass


@dataclass
class Brief:
    title: str
    entries: list[Entry]
    again: list[Entry] = field(default_factory=list)


def refusal(data: object) -> str:
    with pytest.raises(UnwritableTextError) as raised:
        refuse_unwritable_text(data, "the Word file")
    return str(raised.value)


def test_clean_data_passes_and_a_cycle_ends():
    entry = Entry(
        "tekst", sources=[Source(title="Bron", year=2024)], counts={1: "een", "b": [2, 3.5, None], "c": Empty()}
    )
    brief = Brief("Titel", [entry, entry], again=[entry])
    cycle: list[object] = ["a"]
    cycle.append(cycle)
    refuse_unwritable_text(brief, "the Word file")
    refuse_unwritable_text(cycle, "the Word file")


@pytest.mark.parametrize(
    ("broken", "where", "character"),
    [
        (Brief("Ti\x01tel", []), "title", "0001"),
        (Brief("Titel", [Entry("ok"), Entry("te\x02kst")]), "entries[1].text", "0002"),
        (Brief("Titel", [Entry("ok", tags=("a", "b\ud800"))]), "entries[0].tags[1]", "D800"),
        (
            Brief("Titel", [Entry("ok", sources=[Source(title="\x1b[2J", year=1)])]),
            "entries[0].sources[0].title",
            "001B",
        ),
        (Brief("Titel", [Entry("ok", counts={7: ["x", "\ufffe"]})]), "entries[0].counts.7[1]", "FFFE"),
        (Brief("Titel", [Entry("ok", kind=Kind.BROKEN)]), "entries[0].kind", "0007"),
        (Brief("Titel", [Entry("ok", counts={"e": Empty(), "o": One("a\x04")})]), "entries[0].counts.o.text", "0004"),
        (Brief("Titel", [], again=[Entry("ok"), Entry("n\x0bu")]), "again[1].text", "000B"),
    ],
)
def test_the_message_names_the_place_and_the_character(broken, where, character):
    message = refusal(broken)
    assert message.startswith(f"cannot write the Word file: {where} holds U+{character}, a control character"), message


def test_a_text_alone_and_its_excerpt():
    message = refusal("x" * 30 + "\x01" + "y" * 30)
    assert re.fullmatch(
        r"cannot write the Word file: a text holds U\+0001, a control character the Word file cannot hold, "
        r"in 'x{20}\\x01y{19}'; remove it from the corpus",
        message,
    ), message


def test_a_value_walked_clean_in_one_place_is_not_walked_again_but_a_broken_one_is_found_in_the_first():
    shared = Entry("st\x03uk")
    assert refusal(Brief("Titel", [Entry("ok")], again=[shared, shared])).startswith(
        "cannot write the Word file: again[0].text holds U+0003"
    )
