"""Counts over the corpus for editors: statements per theme and facet value, and themes that go together.

The report speaks English, like every command; the themes' titles and the facet values' labels are the
codebook's own (Dutch) words, each on its own line beside its slug. Every table runs from the largest count
down, ties in codebook order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Codebook

BAR_WIDTH = 24


@dataclass(frozen=True)
class Statistics:
    total: int
    themes: list[tuple[str, str, int]]  # (slug, title, statements), codebook order
    facets: dict[str, list[tuple[str, str, int]]]  # facet -> (slug, label, statements), codebook order
    without_facet: dict[str, int]
    pairs: Counter  # (slug, slug) in codebook order -> statements carrying both


def compute(corpus: Corpus) -> Statistics:
    statements = corpus.statements
    theme_order = [theme.slug for theme in corpus.codebook.themes]
    rank = {slug: index for index, slug in enumerate(theme_order)}
    themes = [(theme.slug, theme.title, corpus.count_for(theme.slug)) for theme in corpus.codebook.themes]
    facets = {}
    without = {}
    for facet in corpus.codebook.facet_slugs:
        counts = Counter(value for statement in statements for value in statement.facet_values(facet))
        facets[facet] = [(value.slug, value.label, counts[value.slug]) for value in corpus.codebook.facet(facet).values]
        without[facet] = sum(1 for statement in statements if not statement.facet_values(facet))
    pairs: Counter = Counter()
    for statement in statements:
        ordered = sorted(set(statement.themes), key=lambda slug: rank.get(slug, len(rank)))
        pairs.update(combinations(ordered, 2))
    return Statistics(len(statements), themes, facets, without, pairs)


def _bar(count: int, total: int) -> str:
    """A bar of BAR_WIDTH blocks for all statements: lengths compare across tables."""
    if not count or not total:
        return ""
    return "█" * max(1, round(BAR_WIDTH * count / total))


def facet_title(codebook: Codebook, slug: str) -> str:
    """The facet as the codebook names it, in the terminal's English where it has one: "Parties"."""
    facet = codebook.facet(slug)
    return facet.label_en or facet.label


def by_count(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Most first; ties keep their (codebook) order."""
    return sorted(rows, key=lambda row: -row[2])


def _counts_table(rows: list[tuple[str, str, int]], total: int) -> list[str]:
    slug_width = max(len(slug) for slug, _, _ in rows)
    label_width = max(len(label) for _, label, _ in rows)
    return [
        (
            f"  {slug:<{slug_width}}  {label:<{label_width}}  {count:>4}  {count / total:>4.0%}  {_bar(count, total)}"
        ).rstrip()
        for slug, label, count in rows
    ]


def statistics_report(corpus: Corpus) -> str:
    stats = compute(corpus)
    total = stats.total
    statement_files = len({file for file, _ in corpus.origins.values()})  # statement files only
    lines = [
        f"{total} statements in {statement_files} statement files, "
        f"{len(stats.themes)} themes (a statement may carry several themes and facet values)",
        "Each table: statements per value, most first; the labels are the codebook's.",
        "",
    ]

    lines += ["Themes", *_counts_table(by_count(stats.themes), total), ""]
    for facet in stats.facets:
        rows = [*by_count(stats.facets[facet]), ("-", "(none)", stats.without_facet[facet])]
        lines += [f"{facet_title(corpus.codebook, facet)} — facet '{facet}'", *_counts_table(rows, total), ""]

    slugs = [slug for slug, _, _ in stats.themes]
    counts = {slug: count for slug, _, count in stats.themes}
    width = max(len(slug) for slug in slugs)
    number_width = max(2, len(str(total)))
    lines.append("Theme co-occurrence: statements carrying both themes (the diagonal: all of the theme's)")
    header = " " * (width + 6) + " ".join(f"{index:>{number_width}}" for index in range(1, len(slugs) + 1))
    lines.append(header)
    for row_index, row in enumerate(slugs):
        cells = []
        for column_index, column in enumerate(slugs):
            if row == column:
                count = counts[row]
            else:
                pair = (row, column) if row_index < column_index else (column, row)
                count = stats.pairs[pair]
            cells.append(f"{count if count else '·':>{number_width}}")
        lines.append(f"  {row_index + 1:>2} {row:<{width}} " + " ".join(cells))
    lines.append("")
    rank = {slug: index for index, slug in enumerate(slugs)}
    top = sorted(
        ((pair, count) for pair, count in stats.pairs.items() if count),
        key=lambda item: (-item[1], rank[item[0][0]], rank[item[0][1]]),
    )[:5]
    if top:
        lines.append("Most frequent pairs")
        lines += [f"  {count:>4}  {first} + {second}" for (first, second), count in top]
    else:
        lines.append("No statement carries more than one theme.")
    return "\n".join(lines)
