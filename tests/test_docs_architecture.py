"""The architecture page names every room of the package and the import direction the import contract enforces.

When the rooms change, tests/test_import_contract.py's ALLOWED changes with them, and this test says which
line of docs/development/architecture.md to update.
"""

from __future__ import annotations

import re

from conftest import ROOT
from test_import_contract import ALLOWED, PACKAGE, room_of

PAGE = ROOT / "docs" / "development" / "architecture.md"


def room_table() -> dict[str, set[str]]:
    """The page's table of rooms: room -> the other rooms it may import."""
    rows = re.findall(r"^\| `([\w.]+)` \| [^|]+ \| ([^|]+) \|$", PAGE.read_text(encoding="utf-8"), re.M)
    assert rows, f"{PAGE.name} has no table of rooms (| `room` | what it holds | may import |)"
    return {room: set(re.findall(r"`([\w.]+)`", allowed)) for room, allowed in rows}


def test_every_sub_package_is_a_room_on_the_page():
    sub_packages = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / PACKAGE).rglob("*/__init__.py")}
    assert set(room_table()) == set(ALLOWED) == {room_of(package) for package in sub_packages}


def test_the_page_shows_the_direction_the_import_contract_enforces():
    for room, allowed in room_table().items():
        assert allowed == ALLOWED[room] - {room}, (
            f"{PAGE.name}: `{room}` may import {sorted(ALLOWED[room] - {room})} (tests/test_import_contract.py), "
            f"the page says {sorted(allowed)}"
        )


def test_the_picture_shows_every_room():
    picture = PAGE.read_text(encoding="utf-8").split("```")[1]
    assert set(re.findall(r"[\w.]+", picture)) >= set(ALLOWED) - {"briefs"}
