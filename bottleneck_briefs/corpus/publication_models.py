"""The data model of the publication's framing: who publishes the briefs, and the recorded editions.

`publication.yaml` names the publisher, its website and contact, the status
(concept or definitief) and the licence; the cover and colophon of every brief
follow it. `editions/NAME.yaml` records what the corpus said when edition NAME
went out: every statement's id, text, source, themes and facets, so that a
later brief can say what changed since.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from bottleneck_briefs.basics.names import MAX_TEXT_CHARACTERS
from bottleneck_briefs.corpus.acknowledgements import ACKNOWLEDGEMENT_DESCRIPTION, Acknowledgement
from bottleneck_briefs.corpus.models import Slug, Source, StatementId, Text, _not_blank, _Strict, empty_list

STATUSES = ("concept", "definitief")
WEBSITE_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _real_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date in the calendar") from None
    return value


IsoDate = Annotated[str, StringConstraints(pattern=ISO_DATE_PATTERN), AfterValidator(_real_date)]


class Publication(_Strict):
    """Who publishes the briefs: shown on the cover and in the colophon, and the PDF's Author."""

    publisher: Text = Field(
        description="The organisation the briefs go out under, e.g. 'Gemeente Voorbeeldstad, "
        "afdeling Zorg en Veiligheid'."
    )
    website: Annotated[str, StringConstraints(pattern=WEBSITE_PATTERN)] | None = Field(
        default=None, description="Where the briefs are published (https://…); cited in the suggested citation."
    )
    contact: Text | None = Field(
        default=None,
        description="How to reach the publisher (an address or mailbox of the organisation, never a person's).",
    )
    status: Literal["concept", "definitief"] = Field(
        default="concept", description="concept: marked as a draft on every page; definitief: the published text."
    )
    licence: Text | None = Field(default=None, description="Licence of the briefs, e.g. 'CC BY 4.0'.")
    privacy_ok: list[Acknowledgement] = empty_list(ACKNOWLEDGEMENT_DESCRIPTION)
    # what the site's dataset description (DCAT-AP-DONL) needs beyond the above; `check --site` names what is missing
    creator: Text | None = Field(
        default=None,
        description="Who made the dataset (the organisation that curates the "
        "statements), for the site's dataset description.",
    )
    dataset_theme: Annotated[str, StringConstraints(pattern=WEBSITE_PATTERN)] | None = Field(
        default=None,
        description="The dataset's theme as a URI of the Dutch government's policy taxonomy "
        "(an overheid.nl thema), for the site's dataset description.",
    )


class EditionStatement(_Strict):
    """A statement as it stood in an edition: what a reader of that edition read."""

    id: StatementId
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARACTERS), AfterValidator(_not_blank)]
    source: Source
    themes: list[Slug] = Field(min_length=1)
    # then one list of values per facet of the codebook: see corpus_models

    def facet_values(self, facet: str) -> list[str]:
        return getattr(self, facet)


class Edition(_Strict):
    """One recorded edition; written by `bottlenecks edition NAME`, never by hand."""

    edition: Slug = Field(description="The edition's name; the same as the file name without .yaml.")
    date: IsoDate = Field(description="The date the edition was recorded (YYYY-MM-DD).")
    statements: list[EditionStatement]
