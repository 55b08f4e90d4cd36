"""The data model of a note's front matter (`notes/NAME.md`): what a notitie or beslisnota says of itself.

The header of a Dutch government memo: to whom (Aan), from which organisation
or unit (Van), date, reference (Kenmerk), subject (the title) and status; the
kind of note (a template, see note_kinds), the edition it was written
against, and the statements annexed as evidence besides those cited, chosen
as a brief file's `select` chooses them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from bottleneck_briefs.corpus.acknowledgements import Acknowledgement
from bottleneck_briefs.corpus.brief_file_models import BriefSelection
from bottleneck_briefs.corpus.models import Slug, Text, _Strict, empty_list
from bottleneck_briefs.corpus.publication_models import IsoDate


class NoteFrontMatter(_Strict):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    title: Text = Field(description="The subject (Onderwerp), the note's title.")
    kind: Slug = Field(
        description="The kind of note: a template in the templates folder's notes/ (shipped: notitie, beslisnota)."
    )
    to: Text = Field(description="Aan: the addressee, an organisation or a body (e.g. 'Gemeenteraad Voorbeeldstad').")
    from_: Text = Field(
        alias="from", description="Van: the organisation or unit that sends the note, never a person's name."
    )
    date: IsoDate | None = Field(default=None, description="YYYY-MM-DD; else the date rules of the briefs.")
    reference: Text | None = Field(default=None, description="Kenmerk: the note's reference, e.g. 'ZV-2026-014'.")
    status: Literal["concept", "definitief"] = Field(
        default="concept", description="concept: marked as a draft on every page; definitief: the text sent."
    )
    edition: Text | None = Field(
        default=None,
        description="The recorded edition the note was written against: "
        "check warns when a cited statement changed since.",
    )
    evidence: BriefSelection | None = Field(
        default=None, description="Statements annexed besides those cited, chosen as a brief file's select."
    )
    privacy_ok: list[Acknowledgement] = empty_list(
        "Reviewed findings of the privacy check in the note that may stay: 'exact text: why'."
    )
