"""The models whose fields follow the codebook's facets.

A statement, a recorded edition's statement and a brief file's `select` hold one
list per facet the codebook declares, under the facet's slug. The classes in
`models`, `publication_models` and `brief_file_models` hold the fields every
corpus has; `corpus_models` adds the facets, in the codebook's order and in the
place an editor expects them (after `themes`), so that validation reports an
unknown field with file:line:col, `fmt` orders the keys, and the JSON Schema
lists exactly the facets of this codebook. Built once per tuple of facet slugs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, create_model

from bottleneck_briefs.corpus.brief_file_models import BriefFile, BriefSelection
from bottleneck_briefs.corpus.coding_models import CodedStatement, Coding
from bottleneck_briefs.corpus.models import Slug, Statement, StatementFile, Text, empty_list
from bottleneck_briefs.corpus.note_models import NoteFrontMatter
from bottleneck_briefs.corpus.publication_models import Edition, EditionStatement

# A facet's slug becomes a field of these models: it may not take the place of one they already have.
RESERVED_FACET_SLUGS = frozenset(Statement.model_fields) | frozenset(BriefSelection.model_fields) | {"facets"}


@dataclass(frozen=True)
class CorpusModels:
    """The models of one codebook's files: each has its general class's fields and methods (typed as that class)."""

    statement: type[Statement]
    statement_file: type[StatementFile]
    edition_statement: type[EditionStatement]
    edition: type[Edition]
    brief_selection: type[BriefSelection]
    brief_file: type[BriefFile]
    coded_statement: type[CodedStatement]
    coding: type[Coding]
    note_front_matter: type[NoteFrontMatter]


def _fields(
    model: type[BaseModel], replaced: dict[str, Any], after: str = "", added: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The model's fields in their order, some replaced, the added ones right after the field `after`."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        fields[name] = replaced.get(name, (info.annotation, info))
        if name == after:
            fields.update(added or {})
    return fields


def _rebuilt(model: type[BaseModel], fields: dict[str, Any]) -> Any:
    # the general class's own bases (config, methods) without its fields, so the order is this one's
    built: Any = create_model(
        model.__name__, __base__=model.__bases__, __doc__=model.__doc__, __module__=model.__module__, **fields
    )
    for name, value in vars(model).items():  # methods and properties the general class defines
        if (
            (callable(value) or isinstance(value, property))
            and not name.startswith("__")
            and name not in vars(built)
            and not name.startswith("model_")
        ):
            setattr(built, name, value)
    return built


@cache
def corpus_models(facets: tuple[str, ...]) -> CorpusModels:
    values: dict[str, Any] = {facet: (list[Slug], empty_list()) for facet in facets}
    statement = _rebuilt(Statement, _fields(Statement, {}, "themes", values))
    statements: Any = list[statement]  # type: ignore[valid-type]
    statement_file = _rebuilt(StatementFile, _fields(StatementFile, {"statements": (statements, ...)}))
    edition_statement = _rebuilt(EditionStatement, _fields(EditionStatement, {}, "themes", values))
    edition = _rebuilt(
        Edition,
        _fields(
            Edition,
            {
                "statements": (
                    list[edition_statement],  # type: ignore[valid-type]
                    Edition.model_fields["statements"],
                )
            },
        ),
    )
    written: dict[str, Any] = {
        facet: (
            list[Text],
            empty_list(
                (f"Values of the facet '{facet}' (slugs or labels): statements with at least one of them."),
            ),
        )
        for facet in facets
    }
    selection = _rebuilt(BriefSelection, _fields(BriefSelection, {}, "themes", written))
    brief_file = _rebuilt(BriefFile, _fields(BriefFile, {"select": (selection, BriefFile.model_fields["select"])}))
    coded_statement = _rebuilt(CodedStatement, _fields(CodedStatement, {}, "themes", values))
    coding = _rebuilt(
        Coding,
        _fields(
            Coding,
            {
                "statements": (
                    list[coded_statement],  # type: ignore[valid-type]
                    Coding.model_fields["statements"],
                )
            },
        ),
    )
    evidence = (selection | None, NoteFrontMatter.model_fields["evidence"])
    note_front_matter = _rebuilt(NoteFrontMatter, _fields(NoteFrontMatter, {"evidence": evidence}))
    return CorpusModels(
        statement,
        statement_file,
        edition_statement,
        edition,
        selection,
        brief_file,
        coded_statement,
        coding,
        note_front_matter,
    )


def fields_beyond_a_statement(statement_files: list[object]) -> tuple[str, ...]:
    """Without a codebook, the fields the statement files' statements hold beyond every statement's own: taken
    for facets, so that the missing codebook is the one error, not every facet value after it."""
    lists = [data.get("statements") for data in statement_files if isinstance(data, dict)]
    names = (
        name for items in lists if isinstance(items, list) for item in items if isinstance(item, dict) for name in item
    )
    return tuple(dict.fromkeys(name for name in names if isinstance(name, str) and name not in RESERVED_FACET_SLUGS))
