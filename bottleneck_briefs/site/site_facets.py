"""The one place the site reads facets: which there are, what they are called, their values, a statement's values.

Facets are declared by the codebook; the site loops over them and never names
one, so a facet the codebook adds gets its columns, links, filters and data
fields without a change here or anywhere else in the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bottleneck_briefs.briefs.content.brief_parts import facet_label
from bottleneck_briefs.briefs.content.statement_coding import facet_titles
from bottleneck_briefs.corpus.models import Codebook, FacetValue

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.models import Statement
    from bottleneck_briefs.corpus.publication_models import EditionStatement


@dataclass(frozen=True)
class Facet:
    name: str  # as the codebook names it (also its key in data files and its folder in paths)
    title: str  # what a reader calls it, in the site's language
    values: tuple[FacetValue, ...]  # codebook order

    def label(self, slug: str, language: str) -> str:
        value = next((value for value in self.values if value.slug == slug), None)
        return facet_label(value, language) if value else slug


def facets(codebook: Codebook, language: str) -> tuple[Facet, ...]:
    titles = facet_titles(codebook, language)
    return tuple(Facet(facet.slug, titles[facet.slug], tuple(facet.values)) for facet in codebook.facets)


def values_of(statement: Statement | EditionStatement, facet: str) -> list[str]:
    """A statement's (or an edition's record's) values of one facet."""
    return list(statement.facet_values(facet))
