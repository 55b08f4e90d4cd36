"""The direction of imports between the package's rooms, read from the source of every module.

basics imports nothing of the package; the corpus builds on basics only; briefs
and editing build on the corpus and basics, and neither is ever imported by
them. The command line (cli.py) sits on top: nothing in the package imports
it except `python -m bottleneck_briefs`. Every import counts, also one inside
a function (the package imports heavy modules late, but a late import is
still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = "bottleneck_briefs"
# room -> the rooms its modules may import (the package's own __init__, with __version__, is always allowed)
ALLOWED = {
    "basics": {"basics"},
    "corpus": {"basics", "corpus"},
    "briefs": {"basics", "corpus", "briefs"},
    "editing": {"basics", "corpus", "editing", "briefs"},
    "site": {"basics", "corpus", "briefs", "site"},
    "command_line": {"basics", "corpus", "briefs", "editing", "site", "command_line"},  # puts the rooms to work
}
ENTRY_POINT = "__main__"  # the one module that may import the command line


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(source: str, module: str, is_package: bool) -> set[str]:
    """Every module an import statement in `source` names, relative imports resolved."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.add(target)
            # `from bottleneck_briefs import corpus` imports a room, not just the package
            names.update(f"{target}.{alias.name}" for alias in node.names if target == PACKAGE)
    return names


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """The imports of one module that break the contract, as 'module -> imported'."""
    parts = module.split(".")
    room = parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None
    found = []
    for name in sorted(imported_names(source, module, is_package)):
        target = name.split(".")
        if target[0] == "cli" and parts[-1] != ENTRY_POINT:
            found.append(f"{module} -> {name} (the command line sits on top of the package)")
        elif (target[0] == PACKAGE and len(target) > 1 and target[1] in ALLOWED and room is not None
              and target[1] not in ALLOWED[room]):
            found.append(f"{module} -> {name} ({room} may import only {', '.join(sorted(ALLOWED[room]))})")
    return found


MODULES = sorted((ROOT / PACKAGE).rglob("*.py"))


def test_every_module_belongs_to_a_room():
    loose = [module_name(path) for path in MODULES
             if len(path.relative_to(ROOT / PACKAGE).parts) > 1
             and path.relative_to(ROOT / PACKAGE).parts[0] not in ALLOWED]
    assert loose == []
    rooms = {path.relative_to(ROOT / PACKAGE).parts[0] for path in MODULES if path.parent != ROOT / PACKAGE}
    assert rooms == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_imports_follow_the_rooms(path):
    assert violations(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py") == []


@pytest.mark.parametrize("source, module, broken", [
    ("from bottleneck_briefs.corpus.models import Statement", "bottleneck_briefs.basics.names", True),
    ("def late():\n    from bottleneck_briefs.briefs import charts", "bottleneck_briefs.corpus.loading", True),
    ("from ..editing import terminal", "bottleneck_briefs.corpus.loading", True),
    ("from bottleneck_briefs import briefs", "bottleneck_briefs.corpus.files", True),
    ("import cli", "bottleneck_briefs.briefs.brief_report", True),
    ("from . import names", "bottleneck_briefs.basics.digests", False),
    ("from bottleneck_briefs import __version__", "bottleneck_briefs.basics.digests", False),
    ("from bottleneck_briefs.corpus.loading import Corpus", "bottleneck_briefs.briefs.brief_jobs", False),
    ("from cli import main", "bottleneck_briefs.__main__", False),
])
def test_the_contract_check_sees_a_wrong_import(source, module, broken):
    assert bool(violations(source, module)) is broken
