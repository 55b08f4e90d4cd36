"""A second coding compared with the corpus's own: agreement per code, and every statement coded differently.

The corpus's coding (the editors') is the first, the recorded coding NAME the
second. Only statements in both are compared; the ones the second coder left
out are named, never counted as disagreements. Per theme and per facet value
the presence or absence on each statement gives a 2x2 table and Cohen's kappa
(basics/agreement_measures); the theme sets as wholes give Krippendorff's alpha.
`agreement` prints this, and the briefs' colophon states it in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from bottleneck_briefs.basics.agreement_measures import (
    CodeAgreement,
    code_agreements,
    krippendorff_alpha,
    masi_distance,
)
from bottleneck_briefs.corpus.coding_models import CodedStatement, Coding, codebook_facets
from bottleneck_briefs.corpus.models import Codebook, Statement

THEMES = "themes"  # the group of the theme codes; the facets' groups are named after their facets


@dataclass(frozen=True)
class CodeRow:
    group: str  # THEMES or a facet's name
    slug: str
    label: str  # the theme's title or the value's label (Dutch, as in the codebook)
    agreement: CodeAgreement


@dataclass(frozen=True)
class CodedValues:
    """One statement's themes and facet values in one coding, in codebook order."""

    themes: tuple[str, ...]
    facets: dict[str, tuple[str, ...]]

    def groups(self) -> dict[str, tuple[str, ...]]:
        return {THEMES: self.themes, **self.facets}


@dataclass(frozen=True)
class Difference:
    id: str
    first: CodedValues  # the corpus's coding
    second: CodedValues  # the second coder's
    remark: str | None  # the second coder's


@dataclass(frozen=True)
class Comparison:
    name: str
    coder: str
    date: str
    corpus_count: int  # statements in the corpus
    compared: tuple[str, ...]  # ids coded by both, corpus order
    left_out: tuple[str, ...]  # ids of the corpus the second coding leaves out
    codes: tuple[CodeRow, ...]  # themes first, then each facet's values, codebook order
    theme_alpha: float | None  # Krippendorff's alpha of the theme sets (MASI distance)
    differences: tuple[Difference, ...]

    def rows(self, group: str) -> tuple[CodeRow, ...]:
        return tuple(row for row in self.codes if row.group == group)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.group for row in self.codes))

    def mean_kappa(self, group: str | None = None) -> float | None:
        """Mean of the defined kappas of a group (None: of every code); None when none is defined."""
        kappas = [row.agreement.kappa for row in self.codes if group in (None, row.group)]
        defined = [kappa for kappa in kappas if kappa is not None]
        return fmean(defined) if defined else None

    def lowest(self, group: str = THEMES) -> CodeRow | None:
        """The code of a group with the lowest defined kappa (the first in codebook order on a tie)."""
        defined = [row for row in self.rows(group) if row.agreement.kappa is not None]
        return min(defined, key=lambda row: row.agreement.kappa or 0.0) if defined else None

    def row(self, group: str, slug: str) -> CodeRow | None:
        return next((row for row in self.codes if row.group == group and row.slug == slug), None)


def compare(name: str, coding: Coding, codebook: Codebook, statements: Sequence[Statement]) -> Comparison:
    """`statements`: the corpus's statements, in corpus order."""
    vocabularies = {THEMES: [(theme.slug, theme.title) for theme in codebook.themes]}
    vocabularies.update(
        {facet: [(value.slug, value.label) for value in values] for facet, values in codebook_facets(codebook).items()}
    )
    ranks = {group: {slug: rank for rank, (slug, _) in enumerate(pairs)} for group, pairs in vocabularies.items()}

    seen: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}  # a few hundred choices, 10,000s of statements

    def ordered(group: str, chosen: list[str]) -> tuple[str, ...]:
        """Codebook order, each once (check has refused unknown and repeated values)."""
        if len(chosen) < 2:
            return tuple(chosen)
        key = (group, tuple(chosen))
        if key not in seen:
            seen[key] = tuple(sorted(set(chosen), key=ranks[group].__getitem__))
        return seen[key]

    facets = codebook.facet_slugs  # a property that builds its tuple: once, not twice per statement

    def coded(item: Statement | CodedStatement) -> CodedValues:
        return CodedValues(
            ordered(THEMES, item.themes), {facet: ordered(facet, item.facet_values(facet)) for facet in facets}
        )

    second = {item.id: item for item in coding.statements}
    pairs = [
        (statement.id, coded(statement), coded(second[statement.id]), second[statement.id].remark)
        for statement in statements
        if statement.id in second
    ]
    codes = []
    for group, vocabulary in vocabularies.items():
        sets = [
            (first.themes, other.themes) if group == THEMES else (first.facets[group], other.facets[group])
            for _, first, other, _ in pairs
        ]
        tables = code_agreements([first for first, _ in sets], [other for _, other in sets], ranks[group])
        codes += [CodeRow(group, slug, label, tables[slug]) for slug, label in vocabulary]
    alpha = krippendorff_alpha(
        [(frozenset(first.themes), frozenset(other.themes)) for _, first, other, _ in pairs], masi_distance
    )
    differences = tuple(
        Difference(statement_id, first, other, remark) for statement_id, first, other, remark in pairs if first != other
    )
    return Comparison(
        name=name,
        coder=coding.coder,
        date=coding.date,
        corpus_count=len(statements),
        compared=tuple(statement_id for statement_id, *_ in pairs),
        left_out=tuple(statement.id for statement in statements if statement.id not in second),
        codes=tuple(codes),
        theme_alpha=alpha,
        differences=differences,
    )
