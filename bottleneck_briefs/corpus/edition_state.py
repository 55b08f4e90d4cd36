"""How the corpus stands to its recorded editions: which is the newest, and does the corpus still equal it."""

from __future__ import annotations

from dataclasses import dataclass

from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Statement
from bottleneck_briefs.corpus.publication_models import Edition, EditionStatement


def snapshot(statement: Statement, facets: tuple[str, ...]) -> EditionStatement:
    """What an edition records of a statement (not its editor's note or translation: they are not the text)."""
    return corpus_models(facets).edition_statement(
        id=statement.id, text=statement.text, source=statement.source, themes=list(statement.themes),
        **{facet: list(statement.facet_values(facet)) for facet in facets})


def recorded_fields(statement: Statement | EditionStatement, facets: tuple[str, ...]) -> tuple:
    """What an edition records, comparable between a statement and its recorded self."""
    return (statement.id, statement.text, statement.source, tuple(statement.themes),
            *(tuple(statement.facet_values(facet)) for facet in facets))


@dataclass(frozen=True)
class EditionState:
    newest: Edition | None  # None: no edition recorded yet
    is_current: bool  # the corpus's statements are exactly the newest edition's

    @property
    def name(self) -> str | None:
        return self.newest.edition if self.newest else None


def edition_state(corpus: Corpus) -> EditionState:
    if not corpus.editions:
        return EditionState(None, False)
    newest = corpus.editions[-1]
    facets = corpus.codebook.facet_slugs
    equal = len(corpus.statements) == len(newest.statements) and all(
        recorded_fields(now, facets) == recorded_fields(then, facets)
        for now, then in zip(corpus.statements, newest.statements, strict=True))
    return EditionState(newest, equal)


def find_edition(corpus: Corpus, name: str) -> Edition | None:
    return next((edition for edition in corpus.editions if edition.edition == name), None)
