"""Build a corpus for a check case: the minimal corpus with the case's files laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal"
BROKEN = DATA / "broken"
CASE_CONTROL_FILES = {"expected.txt", "DELETE"}


def case_names() -> list[str]:
    return sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


def build_case(name: str, target: Path) -> Path:
    """Copy the minimal corpus to `target`, then overlay (or delete) the case's files."""
    shutil.copytree(MINIMAL, target)
    case = BROKEN / name
    for source in case.rglob("*"):
        if source.is_file() and source.name not in CASE_CONTROL_FILES:
            destination = target / source.relative_to(case)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    deletions = case / "DELETE"
    if deletions.exists():
        for relative in deletions.read_text().split():
            (target / relative).unlink()
    return target
