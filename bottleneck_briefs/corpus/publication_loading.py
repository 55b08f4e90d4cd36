"""Validate the publication file and the edition files, and check the editions against the corpus."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pydantic import ValidationError

from bottleneck_briefs.corpus.models import Codebook
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.publication_models import Edition, Publication
from bottleneck_briefs.corpus.schema_errors import validation_problems
from bottleneck_briefs.corpus.yaml_reading import YamlFile

EDITIONS_FOLDER = "editions"
PUBLICATION_NAME = "publication.yaml"


def validate_publication(document: YamlFile) -> tuple[Publication | None, list[Problem]]:
    try:
        return Publication.model_validate(document.data), []
    except ValidationError as error:
        return None, validation_problems(document, error)


def validate_edition(document: YamlFile, relative: str) -> tuple[Edition | None, list[Problem]]:
    """One edition file; its name must be the file's name, and each id appears once."""
    try:
        edition = Edition.model_validate(document.data)
    except ValidationError as error:
        return None, validation_problems(document, error)
    problems = []
    stem = PurePosixPath(relative).stem
    if edition.edition != stem:
        problems.append(document.problem(("edition",), f"the edition is named '{edition.edition}' but its file "
                                                       f"is {stem}.yaml: the name and the file name must agree"))
    first: dict[str, int] = {}
    for index, statement in enumerate(edition.statements):
        if statement.id in first:
            line = document.position(("statements", first[statement.id]))[0]
            problems.append(document.problem(("statements", index, "id"),
                                             f"id '{statement.id}' is recorded twice (first on line {line})"))
        first.setdefault(statement.id, index)
    return (None if problems else edition), problems


def edition_order(edition: Edition) -> tuple:
    """Oldest first: by date, then by name with its numbers compared as numbers (2026-9 before 2026-10)."""
    return (edition.date, [(0, int(part), "") if part.isdigit() else (1, 0, part)
                           for part in re.split(r"(\d+)", edition.edition) if part])


def check_editions(editions: list[tuple[YamlFile, Edition]], codebook: Codebook, current_ids: set[str]) -> list[Problem]:
    """A published id never vanishes silently: one left out of the corpus must be retired, with its reason."""
    retired = {entry.id for entry in codebook.retired_ids}
    problems = []
    for document, edition in editions:
        for index, statement in enumerate(edition.statements):
            if statement.id not in current_ids and statement.id not in retired:
                problems.append(document.problem(
                    ("statements", index, "id"),
                    f"{statement.id} was published in edition {edition.edition} but is no longer in the corpus: "
                    f"add it to the codebook's retired_ids with the reason it was withdrawn"))
    return problems
