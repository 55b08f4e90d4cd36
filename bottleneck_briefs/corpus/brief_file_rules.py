"""Checks of brief files that need the rest of the corpus: the codebook's values, the statements' ids.

Each problem names the file, line and column of the value, with a
did-you-mean where one is close. A brief file that passes becomes a
`BriefSpec` with its values resolved to slugs.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from bottleneck_briefs.basics.names import OVERVIEW_NAME, SLUG_PATTERN
from bottleneck_briefs.corpus.brief_file_models import BriefFile, BriefSelection
from bottleneck_briefs.corpus.models import Codebook, Statement
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean
from bottleneck_briefs.corpus.selection import BriefSpec, Selection, selection_of
from bottleneck_briefs.corpus.vocabulary_lookup import Vocabulary
from bottleneck_briefs.corpus.yaml_reading import YamlFile

BRIEFS_FOLDER = "briefs"

# A brief file with its place: (file, its path relative to the corpus folder, the validated model)
LocatedBrief = tuple[YamlFile, PurePosixPath, BriefFile]


def brief_name_problem(name: str, theme_slugs: list[str]) -> str | None:
    """Why `name` cannot name a composed brief's report files, or None. The command line's --name obeys it too."""
    if not re.fullmatch(SLUG_PATTERN, name):
        return (
            f"'{name}' cannot name a brief: use lowercase letters, digits and hyphens "
            f"(it names the report files), e.g. 'opvang-en-zorg'"
        )
    if name in theme_slugs:
        return (
            f"'{name}' is a theme's slug: a composed brief needs another name, so that its files never "
            f"replace the theme's brief (e.g. '{name}-selectie')"
        )
    if name == OVERVIEW_NAME:
        return f"'{name}' names the overview's files: choose another name"
    return None


def check_brief_files(
    codebook: Codebook, briefs: list[LocatedBrief], statements: list[Statement], complete: bool
) -> tuple[list[Problem], dict[str, BriefSpec]]:
    """`complete`: every statement was read, so a selection that matches nothing can be told."""
    vocabulary = Vocabulary(codebook)
    ids = {statement.id for statement in statements}
    retired = {entry.id for entry in codebook.retired_ids}
    problems: list[Problem] = []
    specs: dict[str, BriefSpec] = {}
    for document, relative, brief in briefs:
        name = relative.stem
        file_problems: list[Problem] = []
        if len(relative.parts) != 2:
            file_problems.append(
                Problem(
                    document.display_name,
                    None,
                    None,
                    "",
                    f"brief files go directly in {BRIEFS_FOLDER}/, not in a folder below it",
                )
            )
        elif (reason := brief_name_problem(name, vocabulary.theme_slugs)) is not None:
            file_problems.append(Problem(document.display_name, None, None, "", reason))
        elif name in specs:
            file_problems.append(
                Problem(
                    document.display_name, None, None, "", f"another brief file is named '{name}' ({specs[name].file})"
                )
            )
        spec, value_problems = _resolve(document, name, brief, vocabulary, ids, retired)
        file_problems += value_problems
        if spec is not None and not any(problem.is_error for problem in file_problems):
            if complete and not spec.selection.select(statements):
                file_problems.append(document.problem(("select",), "this selection matches no statement", at_key=True))
            else:
                specs[name] = spec
                if complete:
                    file_problems += _hand_picks_that_change_nothing(document, spec, statements)
        problems += file_problems
    return problems, specs


def _hand_picks_that_change_nothing(document: YamlFile, spec: BriefSpec, statements: list[Statement]) -> list[Problem]:
    """Warnings: an included id the themes and facets select anyway, an excluded one they do not select."""
    selection = spec.selection
    passes = {statement.id for statement in statements if selection.passes_filter(statement)}
    problems = []
    for field, ids, pointless, why in (
        ("include", selection.include, passes, "the selection holds it anyway"),
        ("exclude", selection.exclude, {s.id for s in statements} - passes, "the selection does not hold it"),
    ):
        for index, statement_id in enumerate(ids):
            if statement_id in pointless:
                problems.append(
                    document.problem(
                        ("select", field, index),
                        f"{statement_id}: {why}; listing it in {field} changes nothing",
                        severity=WARNING,
                    )
                )
    return problems


def value_slug(vocabulary: Vocabulary, field: str, value: str) -> tuple[str | None, str]:
    """The slug a select key's value names (themes: a theme; a facet: one of its values), else None and
    the message that says so, with a did-you-mean. Brief files and notes' counts read values this one way."""
    if field == "themes":
        slug, known, what = vocabulary.theme(value), vocabulary.theme_slugs, "theme"
        others = vocabulary.themes
    else:
        slug, known, what = vocabulary.facet_value(field, value), vocabulary.facet_slugs[field], f"{field} value"
        others = vocabulary.facet_values[field]
    if slug is not None:
        return slug, ""
    candidates = known + [key for key in others if key not in known]
    return None, f"unknown {what} '{value}'{did_you_mean(value.casefold(), candidates)}"


def resolve_selection(
    document: YamlFile, at: tuple, select: BriefSelection, vocabulary: Vocabulary, ids: set[str], retired: set[str]
) -> tuple[Selection, list[Problem]]:
    """A `select` (a brief file's, a note's `evidence`) standing at `at` in the file, resolved to slugs."""
    problems: list[Problem] = []

    def resolved(field: str, written: list[str]) -> list[str]:
        slugs: list[str] = []
        for index, value in enumerate(written):
            slug, unknown = value_slug(vocabulary, field, value)
            where = (*at, field, index)
            if slug is None:
                problems.append(document.problem(where, unknown))
            elif slug in slugs:
                what = "theme" if field == "themes" else f"{field} value"
                problems.append(document.problem(where, f"{what} '{slug}' is listed twice"))
            else:
                slugs.append(slug)
        return slugs

    themes = resolved("themes", select.themes)
    facets = {facet: resolved(facet, getattr(select, facet)) for facet in vocabulary.facet_slugs}
    first_line: dict[str, int] = {}
    for field in ("include", "exclude"):
        seen: set[str] = set()
        for index, statement_id in enumerate(getattr(select, field)):
            where = (*at, field, index)
            if statement_id in seen:
                problems.append(document.problem(where, f"id '{statement_id}' is listed twice"))
            elif statement_id in retired:
                message = f"id '{statement_id}' is retired (see the codebook's retired_ids): it is no statement"
                problems.append(
                    document.problem(where, message)
                    if field == "include"
                    else document.problem(where, message + "; leaving it out changes nothing", severity=WARNING)
                )
            elif statement_id not in ids:
                problems.append(
                    document.problem(where, f"unknown id '{statement_id}'{did_you_mean(statement_id, sorted(ids))}")
                )
            elif field == "exclude" and statement_id in first_line:
                problems.append(
                    document.problem(
                        where,
                        f"id '{statement_id}' is in both include (line "
                        f"{first_line[statement_id]}) and exclude: keep one",
                    )
                )
            if field == "include":
                first_line.setdefault(statement_id, document.position(where)[0])
            seen.add(statement_id)
    return selection_of(themes, facets, select.include, select.exclude), problems


def _resolve(
    document: YamlFile, name: str, brief: BriefFile, vocabulary: Vocabulary, ids: set[str], retired: set[str]
) -> tuple[BriefSpec | None, list[Problem]]:
    select = brief.select
    selection, problems = resolve_selection(document, ("select",), select, vocabulary, ids, retired)
    if not select.themes and not any(getattr(select, facet) for facet in vocabulary.facet_slugs) and not select.include:
        problems.append(
            document.problem(
                ("select",),
                f"selects nothing: give themes, facet values ({', '.join(vocabulary.facet_slugs)}) or ids to include",
                at_key=True,
            )
        )
    spec = BriefSpec(
        name=name,
        title=brief.title,
        title_en=brief.title_en,
        summary=brief.summary,
        summary_en=brief.summary_en,
        selection=selection,
        file=document.display_name,
    )
    return spec, problems
