"""The direction of imports between the package's rooms, read from the source of every module.

basics imports nothing of the package; the corpus builds on basics only. The
briefs are four rooms in a row: content (what a brief says), render (HTML
from it), formats (every file format) and run (planning and writing a
report); each may import the rooms before it, never one after it. editing
and the site build on the corpus and the briefs. The command line (cli/)
sits on top: nothing in the package imports it except `python -m
bottleneck_briefs`. Every import counts, also one inside a function (the
package imports heavy modules late, but a late import is still a
dependency), and no module reaches itself through a chain of imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = "bottleneck_briefs"
BRIEFS = ("briefs.content", "briefs.render", "briefs.formats", "briefs.run")  # in the order they build on each other
# room -> the rooms its modules may import (the package's own __init__, with __version__, is always allowed)
ALLOWED = {
    "basics": {"basics"},
    "corpus": {"basics", "corpus"},
    **{room: {"basics", "corpus", *BRIEFS[: position + 1]} for position, room in enumerate(BRIEFS)},
    "briefs": {"briefs"},  # the briefs package itself holds no code
    "editing": {"basics", "corpus", *BRIEFS, "editing"},
    "site": {"basics", "corpus", *BRIEFS, "site"},
    "cli": {"basics", "corpus", *BRIEFS, "editing", "site", "cli"},  # puts the rooms to work
}
ENTRY_POINT = "__main__"  # the one module that may import the command line


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(module: str) -> str | None:
    """The longest room name the module's path inside the package starts with."""
    inside = module.split(".")[1:]
    for length in range(len(inside), 0, -1):
        if ".".join(inside[:length]) in ALLOWED:
            return ".".join(inside[:length])
    return None


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
            # `from bottleneck_briefs.briefs import content` imports a room (or a module), not just the package
            names.update(f"{target}.{alias.name}" for alias in node.names if target.startswith(PACKAGE))
    return names


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """The imports of one module that break the contract, as 'module -> imported'."""
    room = room_of(module)
    found = []
    for name in sorted(imported_names(source, module, is_package)):
        if name.split(".")[0] == "cli" and module.split(".")[-1] != ENTRY_POINT:
            found.append(f"{module} -> {name} (the top-level cli.py only starts the command line)")
            continue
        target = room_of(name) if name.startswith(PACKAGE + ".") else None
        if room is not None and target is not None and target not in ALLOWED[room]:
            found.append(f"{module} -> {name} ({room} may import only {', '.join(sorted(ALLOWED[room]))})")
        elif target == "cli" and room is None and module.split(".")[-1] != ENTRY_POINT:
            found.append(f"{module} -> {name} (the command line sits on top of the package)")
    return found


MODULES = sorted((ROOT / PACKAGE).rglob("*.py"))
NAMES = {module_name(path): path for path in MODULES}


def test_every_module_belongs_to_a_room():
    loose = [name for name, path in NAMES.items() if path.parent != ROOT / PACKAGE and room_of(name) is None]
    assert loose == []
    assert {room_of(name) for name, path in NAMES.items() if path.parent != ROOT / PACKAGE} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_imports_follow_the_rooms(path):
    assert violations(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py") == []


@pytest.mark.parametrize(
    "source, module, broken",
    [
        ("from bottleneck_briefs.corpus.models import Statement", "bottleneck_briefs.basics.names", True),
        (
            "def late():\n    from bottleneck_briefs.briefs.render import charts",
            "bottleneck_briefs.corpus.loading",
            True,
        ),
        ("from ..editing import terminal", "bottleneck_briefs.corpus.loading", True),
        ("from bottleneck_briefs import briefs", "bottleneck_briefs.corpus.files", True),
        ("import cli", "bottleneck_briefs.briefs.run.brief_report", True),
        (
            "from bottleneck_briefs.briefs.run.report_plan import plan_report",
            "bottleneck_briefs.briefs.formats.pdf",
            True,
        ),
        ("from bottleneck_briefs.briefs.render import charts", "bottleneck_briefs.briefs.content.brief_data", True),
        ("from bottleneck_briefs.cli.options import load_or_exit", "bottleneck_briefs.site.site_build", True),
        ("from . import names", "bottleneck_briefs.basics.digests", False),
        ("from bottleneck_briefs import __version__", "bottleneck_briefs.basics.digests", False),
        ("from bottleneck_briefs.corpus.loading import Corpus", "bottleneck_briefs.briefs.run.brief_jobs", False),
        (
            "from bottleneck_briefs.briefs.content import brief_parts",
            "bottleneck_briefs.briefs.formats.office.docx_writer",
            False,
        ),
        ("from bottleneck_briefs.cli.main import run", "bottleneck_briefs.__main__", False),
    ],
)
def test_the_contract_check_sees_a_wrong_import(source, module, broken):
    assert bool(violations(source, module)) is broken


def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports (a package's own __init__ not counted for its modules)."""
    graph = {}
    for name, path in NAMES.items():
        targets = set()
        for imported in imported_names(path.read_text(encoding="utf-8"), name, path.name == "__init__.py"):
            while imported and imported not in NAMES:  # `from a.b import name`: the module a.b
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other through imports (Tarjan's strongly connected components)."""
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in order:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in stack:
                lowest[module] = min(lowest[module], order[target])
        if lowest[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_no_module_imports_itself_through_a_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
