"""The data model of a brief file (`briefs/NAME.yaml`): a brief the policy writer composes.

A brief file selects statements by themes and facet values, adds hand-picked
ids and leaves others out, and may carry the writer's own key message. Its
theme and facet values are written as the writer likes (any case, a theme's
title for its slug); `brief_file_rules` resolves them against the codebook.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from bottleneck_briefs.corpus.acknowledgements import ACKNOWLEDGEMENT_DESCRIPTION, Acknowledgement
from bottleneck_briefs.corpus.models import StatementId, Text, _Strict, empty_list

MAX_SUMMARY_CHARACTERS = 5_000

Summary = Annotated[Text, StringConstraints(max_length=MAX_SUMMARY_CHARACTERS)]


class BriefSelection(_Strict):
    """Which statements: at least one of the themes, and for each facet given at least one of its values."""

    themes: list[Text] = empty_list("Theme slugs or titles: statements with at least one of them.")
    # then one list per facet of the codebook: see corpus_models
    include: list[StatementId] = empty_list("Ids always in the brief (hand-picked).")
    exclude: list[StatementId] = empty_list("Ids never in the brief.")


class BriefFile(_Strict):
    title: Text = Field(description="The brief's title, on its cover.")
    title_en: Text | None = Field(default=None, description="English title, for briefs made with --lang en.")
    summary: Summary | None = Field(
        default=None,
        description="The writer's key message, shown apart from the statements and labelled as the "
        "writer's text. A small Markdown subset: paragraphs, lists, emphasis, links.",
    )
    summary_en: Summary | None = Field(default=None, description="English key message, for --lang en briefs.")
    select: BriefSelection = Field(description="Which statements the brief holds.")
    privacy_ok: list[Acknowledgement] = empty_list(ACKNOWLEDGEMENT_DESCRIPTION)
