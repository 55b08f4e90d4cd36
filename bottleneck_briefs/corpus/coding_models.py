"""The data model of a second coding (`codings/NAME.yaml`): how a second coder assigned the themes and facets.

A second coder codes the statements independently with the codebook, on a
coding sheet (`export coding-sheet`); `import-coding` turns the filled-in sheet
into this file, and `agreement NAME` compares it with the corpus's own coding.
A statement left out is simply not compared. The coder is named by a role,
never by a person's name, and the remarks are guarded for personal data like
every text of the corpus.
"""

from __future__ import annotations

from pydantic import Field

from bottleneck_briefs.corpus.acknowledgements import Acknowledgement
from bottleneck_briefs.corpus.models import Codebook, FacetValue, Slug, StatementId, Text, _Strict, empty_list
from bottleneck_briefs.corpus.publication_models import IsoDate

CODINGS_FOLDER = "codings"


class CodedStatement(_Strict):
    """What every coded statement has; `facet_models.corpus_models` adds one list per facet of the codebook."""

    id: StatementId = Field(description="The statement's id in the corpus, e.g. KP-001.")
    themes: list[Slug] = Field(min_length=1, description="The themes the second coder assigned.")
    remark: Text | None = Field(
        default=None,
        description="The coder's doubt or reasoning, for the editors who settle the differences; never published.",
    )
    privacy_ok: list[Acknowledgement] = empty_list(
        "Reviewed findings of the privacy check in the remark that may stay."
    )

    def facet_values(self, facet: str) -> list[str]:
        return getattr(self, facet)


def codebook_facets(codebook: Codebook) -> dict[str, list[FacetValue]]:
    """Each facet's values, codebook order: where every part of a second coding reads the codebook's facets."""
    return {facet.slug: list(facet.values) for facet in codebook.facets}


class Coding(_Strict):
    """A second, independent coding of (some of) the corpus's statements."""

    coder: Text = Field(description="Who coded, as a role (e.g. 'Tweede codeur'), never a person's name.")
    date: IsoDate = Field(description="When the coding was done (YYYY-MM-DD).")
    statements: list[CodedStatement] = Field(
        min_length=1, description="One entry per coded statement; a statement left out is not compared."
    )
    privacy_ok: list[Acknowledgement] = empty_list("Reviewed findings of the privacy check in 'coder' that may stay.")
