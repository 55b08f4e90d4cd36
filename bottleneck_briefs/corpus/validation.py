"""Checks that need the whole corpus: references into the codebook and uniqueness across files."""

from __future__ import annotations

from bottleneck_briefs.basics.names import MAX_STATEMENTS
from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus.facet_models import RESERVED_FACET_SLUGS
from bottleneck_briefs.corpus.models import Codebook, Statement, id_number
from bottleneck_briefs.corpus.problems import WARNING, Problem
from bottleneck_briefs.corpus.schema_errors import did_you_mean, invisible_note
from bottleneck_briefs.corpus.yaml_reading import YamlFile


def normalised_text(text: str) -> str:
    """Texts that differ only in case, spacing or final punctuation count as duplicates."""
    return " ".join(text.split()).rstrip(".!?").casefold()  # split(): every run of Unicode white space


def check_references(
    codebook: Codebook, codebook_doc: YamlFile, located: list[tuple[YamlFile, int, Statement]], report_unused: bool
) -> list[Problem]:
    """`located`: each statement with its file and its index in that file's list."""
    problems = codebook_problems(codebook, codebook_doc)
    themes = [theme.slug for theme in codebook.themes]
    vocabularies = {facet.slug: [value.slug for value in facet.values] for facet in codebook.facets}
    sections = {document.id: [section.number for section in document.sections] for document in codebook.documents}
    # ids compare as numbers, so no two spellings of one number can pass as different ids
    retired: dict[int, int] = {}  # id number -> its first place in the codebook's list
    for index, entry in enumerate(codebook.retired_ids):
        retired.setdefault(id_number(entry.id), index)
    first_id: dict[int, str] = {}
    first_text: dict[str, str] = {}
    used_themes: set[str] = set()
    facets = codebook.facet_slugs  # a property that builds its tuple: once, not per statement

    for document, index, statement in located:
        at = ("statements", index)
        here = f"{document.display_name}:{document.position(at)[0]}"
        number = id_number(statement.id)
        if number in first_id:
            problems.append(
                document.problem(
                    (*at, "id"), f"id '{statement.id}' is already used at {first_id[number]}; ids must be unique"
                )
            )
        else:
            first_id[number] = here
        if number in retired:
            line = codebook_doc.position(("retired_ids", retired[number]))[0]
            problems.append(
                document.problem(
                    (*at, "id"),
                    f"id '{statement.id}' is retired "
                    f"({codebook_doc.display_name}:{line}); "
                    f"a statement never takes a retired id",
                )
            )
        key = normalised_text(statement.text)
        if key in first_text:
            problems.append(document.problem((*at, "text"), f"same text as the statement at {first_text[key]}"))
        else:
            first_text[key] = here
        used_themes.update(statement.themes)
        problems += _check_values(document, (*at, "themes"), statement.themes, themes, "theme")
        for facet in facets:
            problems += _check_values(
                document, (*at, facet), statement.facet_values(facet), vocabularies[facet], f"{facet} value"
            )
        source = statement.source
        if source.document not in sections:
            problems.append(
                document.problem(
                    (*at, "source", "document"),
                    f"unknown document '{source.document}'{did_you_mean(source.document, sections)}",
                )
            )
        elif source.section not in sections[source.document]:
            problems.append(
                document.problem(
                    (*at, "source", "section"),
                    f'section "{source.section}" is not listed for document '
                    f"'{source.document}' in the codebook"
                    f"{did_you_mean(source.section, sections[source.document])}",
                )
            )

    if len(located) > MAX_STATEMENTS:
        problems.append(
            Problem(
                codebook_doc.display_name,
                None,
                None,
                "",
                f"the corpus holds {len(located)} statements; the limit is {MAX_STATEMENTS}",
            )
        )
    for index, theme in enumerate(codebook.themes):
        if report_unused and theme.slug not in used_themes:
            problems.append(
                codebook_doc.problem(
                    ("themes", index, "slug"), f"theme '{theme.slug}' is used by no statement", severity=WARNING
                )
            )
    return problems


def _check_values(document: YamlFile, path: tuple, values: list[str], known: list[str], what: str) -> list[Problem]:
    if not values or (len(values) == 1 and values[0] in known):  # most lists: nothing to report
        return []
    problems = []
    seen = set()
    for index, value in enumerate(values):
        if value in seen:
            problems.append(document.problem((*path, index), f"{what} '{value}' is listed twice"))
        seen.add(value)
        if value not in known:
            message = f"unknown {what} '{printable(value)}'{invisible_note(value)}{did_you_mean(value, known)}"
            problems.append(document.problem((*path, index), message))
    return problems


def codebook_problems(codebook: Codebook, document: YamlFile) -> list[Problem]:
    """The codebook's own problems: duplicates, and a facet named like a field statements or brief selections
    already have (nothing can be judged against such a codebook: its values would take the field's place)."""
    problems = _duplicates(document, ("themes",), [theme.slug for theme in codebook.themes], "slug", "theme")
    problems += _duplicates(document, ("facets",), list(codebook.facet_slugs), "slug", "facet")
    for index, facet in enumerate(codebook.facets):
        values = [value.slug for value in facet.values]
        problems += _duplicates(document, ("facets", index, "values"), values, "slug", f"{facet.slug} value")
        if facet.slug in RESERVED_FACET_SLUGS:
            problems.append(
                document.problem(
                    ("facets", index, "slug"),
                    f"'{facet.slug}' is already a field of a "
                    "statement or a brief's select: give the facet another slug",
                )
            )
    options = [facet.option or facet.slug for facet in codebook.facets]
    problems += _duplicates(document, ("facets",), options, "option", "facet option")
    problems += _duplicates(document, ("documents",), [d.id for d in codebook.documents], "id", "document")
    problems += _duplicates(document, ("retired_ids",), [r.id for r in codebook.retired_ids], "id", "retired id")
    for index, source in enumerate(codebook.documents):
        numbers = [section.number for section in source.sections]
        problems += _duplicates(document, ("documents", index, "sections"), numbers, "number", "section")
    return problems


def _duplicates(document: YamlFile, path: tuple, values: list[str], field: str, what: str) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in first:
            line = document.position((*path, first[value]))[0]
            problems.append(
                document.problem((*path, index, field), f"{what} '{value}' is defined twice (first on line {line})")
            )
        else:
            first[value] = index
    return problems
