"""How firm the themes are, for the colophon: a second coder's agreement with the editors' coding.

When the corpus records a second coding (codings/NAME.yaml; the newest when
there are several), every brief says in its colophon how many statements the
second coder classified and the mean and lowest kappa per theme; a brief
gives its own themes' kappa, the overview a table of all. Without a coding,
briefs have `agreement` None and say nothing of it. Numbers come formatted in
the brief's language ("0,97" / "0.97"); the words are the templates'.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from bottleneck_briefs.basics.agreement_measures import ALWAYS_USED, NEVER_USED
from bottleneck_briefs.basics.names import LOCALES
from bottleneck_briefs.briefs.content.brief_parts import theme_title
from bottleneck_briefs.corpus.coding_comparison import THEMES, CodeRow, Comparison, compare
from bottleneck_briefs.corpus.loading import Corpus

# why a kappa cannot be computed, as the templates name it
UNDEFINED_KEYS = {NEVER_USED: "never_used", ALWAYS_USED: "always_used"}
_comparisons: dict[tuple[str, str], Comparison] = {}  # (corpus digest, coding): one comparison per run, not per brief


@dataclass(frozen=True)
class ThemeAgreement:
    slug: str
    title: str  # in the brief's language when the codebook has it
    kappa: float | None  # None: undefined (see `undefined`)
    kappa_label: str  # "0,91"; empty when undefined
    share_alike_label: str  # "98" (percent of the statements coded alike)
    undefined: str | None  # "never_used": neither coder used the theme; "always_used": both used it for all


@dataclass(frozen=True)
class AgreementSummary:
    coder: str  # the second coder's role, e.g. "Tweede codeur"
    compared: int  # statements both codings classified
    corpus_count: int  # statements in the corpus
    all_coded: bool  # the second coder classified every statement
    mean_kappa_label: str  # mean kappa over the themes that have one; empty when none has
    lowest: ThemeAgreement | None  # the theme with the lowest kappa; None when no theme has one
    alpha_label: str  # Krippendorff's alpha of the theme sets (MASI distance); empty when undefined
    own_themes: tuple[ThemeAgreement, ...]  # the themes the brief is about, codebook order (a theme brief: its
    # one theme; the overview: every theme)


def _decimal(value: float | None, language: str) -> str:
    return "" if value is None else format_decimal(value, format="0.00", locale=LOCALES[language])


def recorded_comparison(corpus: Corpus) -> Comparison | None:
    """The newest second coding (by date, then name) compared with the corpus; None when none is recorded."""
    if not corpus.codings:
        return None
    name = max(corpus.codings, key=lambda known: (corpus.codings[known].date, known))
    key = (corpus.digest, name)
    if key not in _comparisons:
        _comparisons.clear()
        _comparisons[key] = compare(name, corpus.codings[name], corpus.codebook, corpus.statements)
    return _comparisons[key]


def agreement_summary(corpus: Corpus, language: str, own_themes: tuple[str, ...] = ()) -> AgreementSummary | None:
    comparison = recorded_comparison(corpus)
    if comparison is None:
        return None
    titles = {theme.slug: theme_title(theme, language) for theme in corpus.codebook.themes}

    def theme(row: CodeRow) -> ThemeAgreement:
        table = row.agreement
        share = table.share_alike
        return ThemeAgreement(
            row.slug,
            titles[row.slug],
            table.kappa,
            _decimal(table.kappa, language),
            "" if share is None else format_decimal(round(share * 100), locale=LOCALES[language]),
            UNDEFINED_KEYS.get(table.undefined or ""),
        )

    themes = tuple(theme(row) for row in comparison.rows(THEMES))
    lowest = comparison.lowest(THEMES)
    return AgreementSummary(
        coder=comparison.coder,
        compared=len(comparison.compared),
        corpus_count=comparison.corpus_count,
        all_coded=not comparison.left_out,
        mean_kappa_label=_decimal(comparison.mean_kappa(THEMES), language),
        lowest=theme(lowest) if lowest is not None else None,
        alpha_label=_decimal(comparison.theme_alpha, language),
        own_themes=tuple(entry for entry in themes if entry.slug in own_themes),
    )
