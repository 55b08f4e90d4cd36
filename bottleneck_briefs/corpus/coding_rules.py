"""Checks of second codings that need the rest of the corpus: the codebook's themes and values, the statements' ids.

Each problem names the file, line and column of the value, with a
did-you-mean where one is close; `import-coding` runs the very same checks on a
filled-in coding sheet, whose document then names a row and a column instead.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from pydantic import ValidationError

from bottleneck_briefs.basics.names import SLUG_PATTERN
from bottleneck_briefs.corpus.coding_models import CODINGS_FOLDER, CodedStatement, Coding, codebook_facets
from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.models import Codebook
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean, validation_problems
from bottleneck_briefs.corpus.validation import _check_values  # the statements' own check of themes and values
from bottleneck_briefs.corpus.yaml_reading import Path_, YamlFile

# The statements of a coding that the model accepts, each with its index in the file's list
Items = list[tuple[int, CodedStatement]]
# A coding file with its place: (file, its path relative to the corpus folder, the model or None when the file has
# errors of its own, its valid statements)
LocatedCoding = tuple[YamlFile, PurePosixPath, Coding | None, Items]
GUARDED_FIELDS = ("remark",)  # of each coded statement; and the coding's `coder`


def coding_name_problem(name: str) -> str | None:
    """Why `name` cannot name a coding (`agreement NAME`, codings/NAME.yaml), or None."""
    if not re.fullmatch(SLUG_PATTERN, name):
        return f"'{name}' cannot name a coding: use lowercase letters, digits and hyphens, e.g. 'tweede-codeur-2026'"
    return None


def validate_coding(document: YamlFile, facets: tuple[str, ...]) -> tuple[Coding | None, Items, list[Problem]]:
    """The coding (None when it has errors), its valid statements and its problems.

    The statements the model accepts are kept even when others are broken, so that the rules
    that need the codebook judge them in the same run: every problem of a file at once."""
    models = corpus_models(facets)
    try:
        coding = models.coding.model_validate(document.data)
        return coding, list(enumerate(coding.statements)), []
    except ValidationError as error:
        problems = validation_problems(document, error, model=models.coding, facets=facets)
        data = document.data
        items = data.get("statements") if isinstance(data, dict) else None
        valid: Items = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            with contextlib.suppress(ValidationError):  # reported above, at its place in the whole file
                valid.append((index, models.coded_statement.model_validate(item)))
        return None, valid, problems


def check_codings(codebook: Codebook, codings: list[LocatedCoding], ids: set[str] | None) -> list[Problem]:
    """`ids`: the corpus's statement ids; None when not every statement file could be read (no id is unknown then)."""
    problems: list[Problem] = []
    for document, relative, _, items in codings:
        if len(relative.parts) != 2:
            problems.append(
                Problem(
                    document.display_name,
                    None,
                    None,
                    "",
                    f"coding files go directly in {CODINGS_FOLDER}/, not in a folder below it",
                )
            )
        elif (reason := coding_name_problem(relative.stem)) is not None:
            problems.append(Problem(document.display_name, None, None, "", reason))
        problems += coding_problems(codebook, document, items, ids)
    return problems


def coding_problems(codebook: Codebook, document: YamlFile, items: Items, ids: set[str] | None) -> list[Problem]:
    """The problems of one coding's statements: ids against the corpus, themes and facet values against the codebook."""
    themes = [theme.slug for theme in codebook.themes]
    vocabularies = {facet: [value.slug for value in values] for facet, values in codebook_facets(codebook).items()}
    retired = {entry.id for entry in codebook.retired_ids}
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, coded in items:
        at = ("statements", index)
        if coded.id in first:
            line = document.position(("statements", first[coded.id]))[0]
            where = f"{getattr(document, 'line_word', 'line')} {line}"  # a coding sheet counts rows
            problems.append(document.problem((*at, "id"), f"id '{coded.id}' is coded twice (first on {where})"))
        elif coded.id in retired:
            problems.append(
                document.problem(
                    (*at, "id"),
                    f"id '{coded.id}' is retired (see the codebook's retired_ids): it is no statement to code",
                )
            )
        elif ids is not None and coded.id not in ids:
            problems.append(
                document.problem(
                    (*at, "id"), f"id '{coded.id}' is not in the corpus{did_you_mean(coded.id, sorted(ids))}"
                )
            )
        first.setdefault(coded.id, index)
        problems += _check_values(document, (*at, "themes"), coded.themes, themes, "theme")
        for facet, known in vocabularies.items():
            problems += _check_values(document, (*at, facet), coded.facet_values(facet), known, f"{facet} value")
    return problems


def guarded_fields(codings: Iterable[tuple[YamlFile, Items]]) -> Iterator[tuple[YamlFile, Path_, str]]:
    """The texts of codings that must not identify a person: the coder (a role) and the remarks."""
    for document, items in codings:
        coder = document.data.get("coder") if isinstance(document.data, dict) else None
        if isinstance(coder, str) and coder:
            yield document, ("coder",), coder
        for index, coded in items:
            for name in GUARDED_FIELDS:
                value = getattr(coded, name)
                if value:
                    yield document, ("statements", index, name), value


def personal_data_problems(codings: Iterable[tuple[YamlFile, Items]]) -> list[Problem]:
    """The personal-data guard on a coding read from a sheet (`check` guards coding files as every published file)."""
    fields = list(guarded_fields(codings))
    if not fields:
        return []  # no coding: the guard's name lists are not even loaded
    from bottleneck_briefs.corpus.privacy_guard import privacy_problems

    return privacy_problems(fields)
