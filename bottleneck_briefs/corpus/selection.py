"""Which statements a composed brief holds: its selection, resolved to codebook slugs.

Themes are alternatives (a statement with at least one of them); so are the
values of one facet; facets given together must all hold. Hand-picked ids are
added, excluded ids taken out. Statements keep their corpus order. Both
`check` (a selection that matches nothing) and the briefs use this one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # light at run time: a report plan holds a Selection without loading the data model
    from bottleneck_briefs.corpus.models import Statement


@dataclass(frozen=True)
class Selection:
    themes: tuple[str, ...] = ()
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet, its values) per facet given, in codebook order
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def has_filter(self) -> bool:
        """Whether themes or facet values are given; without them only the hand-picked ids are in."""
        return bool(self.themes or self.facets)

    @property
    def is_empty(self) -> bool:
        return not (self.has_filter or self.include)

    def passes_filter(self, statement: Statement) -> bool:
        if not self.has_filter:
            return False
        if self.themes and not set(self.themes) & set(statement.themes):
            return False
        return all(set(values) & set(statement.facet_values(facet)) for facet, values in self.facets)

    def select(self, statements: Iterable[Statement]) -> list[Statement]:
        include, exclude = set(self.include), set(self.exclude)
        return [
            statement
            for statement in statements
            if statement.id not in exclude and (statement.id in include or self.passes_filter(statement))
        ]

    def key(self) -> str:
        """A stable text of the selection, e.g. for a cache key."""
        parts = [f"themes={','.join(self.themes)}"] + [f"{facet}={','.join(values)}" for facet, values in self.facets]
        return ";".join([*parts, f"include={','.join(self.include)}", f"exclude={','.join(self.exclude)}"])


def selection_of(
    themes: Iterable[str] = (),
    facets: Mapping[str, Iterable[str]] | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Selection:
    """A Selection from resolved slugs: each value once, facets in the order given (the codebook's)."""
    facets = facets or {}
    return Selection(
        themes=tuple(dict.fromkeys(themes)),
        facets=tuple((facet, tuple(dict.fromkeys(values))) for facet, values in facets.items() if values),
        include=tuple(dict.fromkeys(include)),
        exclude=tuple(dict.fromkeys(exclude)),
    )


@dataclass(frozen=True)
class BriefSpec:
    """A composed brief: its name (the report files' name), what it says of itself and what it selects."""

    name: str
    title: str
    selection: Selection
    title_en: str | None = None
    summary: str | None = None  # the writer's key message (Markdown subset), never mixed into the statements
    summary_en: str | None = None
    file: str | None = None  # the brief file it comes from; None: made on the command line

    def key(self) -> str:
        """Everything of a command-line brief its files depend on (a brief file's bytes are in the corpus digest)."""
        return "\n".join([self.name, self.title, self.title_en or "", self.selection.key()])
