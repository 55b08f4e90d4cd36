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
        id=statement.id,
        text=statement.text,
        source=statement.source,
        themes=list(statement.themes),
        **{facet: list(statement.facet_values(facet)) for facet in facets},
    )


def same_words(before: str, after: str) -> bool:
    """Whether two texts differ at most in their spacing (a double space, a no-break space, a line break),
    which no brief shows: a brief's text flows, so it is no rewording."""
    return before.split() == after.split()


def recorded_fields(statement: Statement | EditionStatement, facets: tuple[str, ...]) -> tuple:
    """What an edition records, comparable between a statement and its recorded self.

    As the changes appendix (edition_changes) compares them: the text by its words (same_words), the themes
    and facet values as sets, so that the cover never calls a corpus changed while its appendix finds no change."""
    return (
        statement.id,
        tuple(statement.text.split()),
        statement.source,
        frozenset(statement.themes),
        *(frozenset(statement.facet_values(facet)) for facet in facets),
    )


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
    # by id: which file holds a statement, and in which order, is no part of what was published
    facets = corpus.codebook.facet_slugs
    now = {statement.id: recorded_fields(statement, facets) for statement in corpus.statements}
    then = {statement.id: recorded_fields(statement, facets) for statement in newest.statements}
    return EditionState(newest, now == then)


def find_edition(corpus: Corpus, name: str) -> Edition | None:
    return next((edition for edition in corpus.editions if edition.edition == name), None)
