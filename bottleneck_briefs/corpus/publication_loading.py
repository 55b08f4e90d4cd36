"""Validate the publication file and the edition files, and check the editions against the corpus."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pydantic import ValidationError

from bottleneck_briefs.corpus.facet_models import corpus_models
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
        return None, validation_problems(document, error, model=Publication)


def validate_edition(
    document: YamlFile, relative: str, facets: tuple[str, ...]
) -> tuple[Edition | None, list[Problem]]:
    """One edition file; its name must be the file's name, and each id appears once.

    Those two are checked on the data as read, so that they are reported together with any
    field the model refuses: all of a hand-edited file's problems in one run.
    """
    problems = _name_and_ids(document, PurePosixPath(relative).stem)
    model = corpus_models(facets).edition
    try:
        edition = model.model_validate(document.data)
    except ValidationError as error:
        return None, problems + validation_problems(document, error, model=model)
    return (None if problems else edition), problems


def _name_and_ids(document: YamlFile, stem: str) -> list[Problem]:
    data = document.data if isinstance(document.data, dict) else {}
    problems = []
    name = data.get("edition")
    if isinstance(name, str) and name != stem:
        problems.append(
            document.problem(
                ("edition",),
                f"the edition is named '{name}' but its file is {stem}.yaml: the name and the file name must agree",
            )
        )
    statements = data.get("statements")
    first: dict[str, int] = {}
    for index, statement in enumerate(statements if isinstance(statements, list) else []):
        statement_id = statement.get("id") if isinstance(statement, dict) else None
        if not isinstance(statement_id, str):
            continue
        if statement_id in first:
            line = document.position(("statements", first[statement_id]))[0]
            problems.append(
                document.problem(
                    ("statements", index, "id"), f"id '{statement_id}' is recorded twice (first on line {line})"
                )
            )
        first.setdefault(statement_id, index)
    return problems


def duplicate_editions(editions: list[tuple[YamlFile, Edition]]) -> list[Problem]:
    """One file per edition name: 2026-1.yml and 2026-1.yaml would be two records of one edition."""
    first: dict[str, str] = {}
    problems = []
    for document, edition in sorted(editions, key=lambda pair: pair[0].display_name):
        if edition.edition in first:
            problems.append(
                document.problem(
                    ("edition",),
                    f"edition {edition.edition} is recorded twice: also in "
                    f"{first[edition.edition]}; keep one of the two files",
                )
            )
        first.setdefault(edition.edition, document.display_name)
    return problems


def edition_order(edition: Edition) -> tuple:
    """Oldest first: by date, then by name with its numbers compared as numbers (2026-9 before 2026-10)."""
    return (
        edition.date,
        [
            (0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", edition.edition)
            if part
        ],
    )


def check_editions(
    editions: list[tuple[YamlFile, Edition]], codebook: Codebook, current_ids: set[str]
) -> list[Problem]:
    """A published id never vanishes silently: one left out of the corpus must be retired, with its reason."""
    retired = {entry.id for entry in codebook.retired_ids}
    problems = []
    for document, edition in editions:
        for index, statement in enumerate(edition.statements):
            if statement.id not in current_ids and statement.id not in retired:
                problems.append(
                    document.problem(
                        ("statements", index, "id"),
                        f"{statement.id} was published in edition {edition.edition} but is no longer in the corpus: "
                        f"add it to the codebook's retired_ids with the reason it was withdrawn",
                    )
                )
    return problems
