"""The data model of the corpus: the one source of truth for its shape.

`bottlenecks check` validates every file against these models, and the JSON
Schema for editors is generated from them. References between files (a
statement's themes, facet values, document and section) are checked in
`validation`, which knows the codebook.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from bottleneck_briefs.basics.names import MAX_TEXT_CHARACTERS, SLUG_PATTERN
from bottleneck_briefs.corpus.acknowledgements import ACKNOWLEDGEMENT_DESCRIPTION, Acknowledgement

# One form per number: at least three digits, no leading zero beyond them (KP-049, never KP-0049)
STATEMENT_ID_PATTERN = r"^KP-(?:[0-9]{3}|[1-9][0-9]{3,})$"
SECTION_PATTERN = r"^[0-9]+(?:\.[0-9]+)*$"


def id_number(statement_id: str) -> int:
    """Ids are compared as numbers: KP-049 and KP-0049 are the same id."""
    return int(statement_id[3:])


def canonical_id(number: int) -> str:
    return f"KP-{number:03d}"


def written_id_number(value: object) -> int | None:
    """The number of an id written with too many or too few digits ('KP-0049', 'KP-49'), else None."""
    if isinstance(value, str) and value[:3] == "KP-" and value[3:].isascii() and value[3:].isdigit():
        return int(value[3:])
    return None


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("has spaces or line breaks at the start or end")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
SectionNumber = Annotated[str, StringConstraints(pattern=SECTION_PATTERN)]
StatementId = Annotated[str, StringConstraints(pattern=STATEMENT_ID_PATTERN)]


def empty_list(description: str | None = None) -> Any:
    """A list field that may be left out. A fresh list is made for each object: a shared `[]` default would
    be deep-copied by pydantic instead, which costs more than validating the rest of a statement."""
    return Field(default_factory=list, description=description, json_schema_extra={"default": []})


class _Strict(BaseModel):
    # strict: a number is not silently turned into text, nor "27" into a page number
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Theme(_Strict):
    slug: Slug
    title: Text
    title_en: Text | None = Field(default=None, description="English title, for briefs made with --lang en.")
    definition: Text
    definition_en: Text | None = Field(default=None, description="English definition, for briefs made with --lang en.")
    use_when: Text
    not_when: Text
    summary: Text | None = Field(
        default=None,
        description="The editors' own summary of the theme, shown on its "
        "brief apart from the statements (a small Markdown subset).",
    )
    summary_en: Text | None = Field(default=None, description="English summary, for briefs made with --lang en.")


class FacetValue(_Strict):
    slug: Slug
    label: Text
    label_en: Text | None = Field(default=None, description="English label, for briefs made with --lang en.")


class Facet(_Strict):
    """A controlled vocabulary: a statement lists its values under the facet's slug, and may only use these."""

    slug: Slug = Field(description="The statements' field and the brief files' select key, e.g. 'doelgroep'.")
    label: Text = Field(description="What the facet is called as a heading or column, e.g. 'Doelgroepen'.")
    label_en: Text | None = Field(default=None, description="English label, for briefs made with --lang en.")
    one: Text = Field(description="One value of the facet in a sentence ('noemt geen doelgroep'), e.g. 'doelgroep'.")
    one_en: Text | None = Field(default=None, description="English for one value, e.g. 'target group'.")
    option: Slug | None = Field(
        default=None,
        description="The command line's filter option without its dashes "
        "(default: the slug), e.g. 'partij' for --partij.",
    )
    named: int | None = Field(
        default=None,
        ge=1,
        description="Facets of who a statement names (parties, target "
        "groups): the place of this facet in the brief's figure 1 and its key figures "
        "'... het vaakst genoemd'. Other facets show as one key figure when present.",
    )
    grid: bool = Field(default=False, description="The overview shows a grid of this facet's values per theme.")
    values: list[FacetValue] = Field(min_length=1, description="The values a statement may use.")

    @property
    def command_option(self) -> str:
        """The filter's option on the command line: '--partij'."""
        return f"--{self.option or self.slug}"


class Section(_Strict):
    number: SectionNumber
    title: Text | None = None


class Document(_Strict):
    id: Slug
    title: Text
    short_title: Text | None = Field(
        default=None, description="How a statement's citation names the source, e.g. 'Bloemlezing'."
    )
    publisher: Text | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    sections: list[Section] = Field(min_length=1)


class RetiredId(_Strict):
    """The id of a statement that was taken out of the corpus: never given to another statement."""

    id: StatementId
    reason: Text


class Codebook(_Strict):
    themes: list[Theme] = Field(min_length=1)
    facets: list[Facet] = empty_list("The facets, in the order of columns and filters.")
    documents: list[Document] = Field(min_length=1)
    retired_ids: list[RetiredId] = empty_list(
        "Ids of removed statements; check refuses them and import never hands them out."
    )
    privacy_ok: list[Acknowledgement] = empty_list(ACKNOWLEDGEMENT_DESCRIPTION)

    @property
    def facet_slugs(self) -> tuple[str, ...]:
        return tuple(facet.slug for facet in self.facets)

    def facet(self, slug: str) -> Facet:
        return next(facet for facet in self.facets if facet.slug == slug)


MAX_PAGE = 99_999  # a page number beyond any document: 10**26 would become a float in a spreadsheet


class Source(_Strict):
    document: Slug
    section: SectionNumber
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)]


class Statement(_Strict):
    id: StatementId
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARACTERS), AfterValidator(_not_blank)]
    translation_en: (
        Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARACTERS), AfterValidator(_not_blank)] | None
    ) = Field(
        default=None,
        description="An English translation of the text, shown beside it and marked as a "
        "translation; the text itself stays verbatim.",
    )
    source: Source
    themes: list[Slug] = Field(min_length=1)
    # then one list of values per facet of the codebook: see corpus_models
    note: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARACTERS), AfterValidator(_not_blank)] | None = Field(
        default=None, description="Editor's remark; never part of the text."
    )
    privacy_ok: list[Acknowledgement] = empty_list(ACKNOWLEDGEMENT_DESCRIPTION)

    def facet_values(self, facet: str) -> list[str]:
        """The statement's values of a facet its codebook declares (as a field of corpus_models' Statement)."""
        return getattr(self, facet)


class StatementFile(_Strict):
    statements: list[Statement]
