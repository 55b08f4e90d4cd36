"""The notes' part of loading the corpus: read every notes/*.md, then check them once the rest is known."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from bottleneck_briefs.corpus.models import Codebook, Statement
from bottleneck_briefs.corpus.note_kinds import note_kinds
from bottleneck_briefs.corpus.note_rules import LocatedNote, NoteSpec, check_notes, note_fields  # noqa: F401
from bottleneck_briefs.corpus.note_source import read_note
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.publication_models import Edition


def read_notes(
    folder: Path, paths: list[Path], display_name: Callable[[Path], str]
) -> tuple[list[LocatedNote], list[Problem], list[tuple[str, str]]]:
    """Each note read (those whose front matter can be validated), the problems, and every note's digest entry."""
    located: list[LocatedNote] = []
    problems: list[Problem] = []
    digests: list[tuple[str, str]] = []
    for path in paths:
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        note = read_note(path, display_name(path))
        digests.append((relative.as_posix(), note.front.digest))
        problems += note.problems
        if note.checkable:
            located.append((note, relative))
    return located, problems, digests


def check_notes_of(
    codebook: Codebook,
    notes: list[LocatedNote],
    statements: list[Statement],
    editions: list[Edition],
    templates_dir: Path | None,
    brief_names: Iterable[str],
    complete: bool,
) -> tuple[list[Problem], dict[str, NoteSpec]]:
    """The notes checked against the corpus and the kinds the templates declare (read only when there are notes)."""
    if not notes:
        return [], {}
    kinds, problems = note_kinds(templates_dir)
    found, specs = check_notes(codebook, notes, statements, editions, kinds, brief_names, complete)
    return problems + found, specs
