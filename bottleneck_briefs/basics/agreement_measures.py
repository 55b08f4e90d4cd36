"""Agreement between two coders: Cohen's kappa for one code, Krippendorff's alpha for sets of codes.

Plain arithmetic on counts, with no statistics library: two coders who coded
the same units give every number here exactly, and a kappa that cannot be
computed (both coders never, or both always, used the code) is said to be
undefined instead of dividing by zero.

Cohen's kappa for a code is computed on its presence or absence per unit, the
way MAXQDA reports code-level agreement: kappa = (p_o - p_e) / (1 - p_e),
p_o the share of units both coders treated alike, p_e the share expected by
chance from how often each coder used the code.

Krippendorff's alpha = 1 - D_o / D_e for two coders and no missing values:
D_o is the mean distance between the two values of a unit, D_e the mean
distance between any two of all 2N values. For sets of themes the distance is
MASI (Passonneau 2006): 0 for the same set, 1 for sets that share nothing,
and in between for sets that overlap, so a set that misses one of three themes
counts as partly alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

NEVER_USED = "neither coding used it"
Value = TypeVar("Value", bound=Hashable)
ALWAYS_USED = "both codings used it for every statement"
NOTHING_COMPARED = "no statement was coded twice"


@dataclass(frozen=True)
class CodeAgreement:
    """How two coders used one code on the same units: the four cells of the 2x2 table."""

    both: int  # units both coders gave the code
    first_only: int
    second_only: int
    neither: int

    @property
    def units(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def first_count(self) -> int:
        return self.both + self.first_only

    @property
    def second_count(self) -> int:
        return self.both + self.second_only

    @property
    def alike(self) -> int:
        return self.both + self.neither

    @property
    def share_alike(self) -> float | None:
        return self.alike / self.units if self.units else None

    def _chance(self) -> int:
        """N² times the agreement expected by chance (integers: `undefined` is exact)."""
        n, first, second = self.units, self.first_count, self.second_count
        return first * second + (n - first) * (n - second)

    @property
    def undefined(self) -> str | None:
        """Why kappa cannot be computed, or None when it can."""
        if not self.units:
            return NOTHING_COMPARED
        if self._chance() != self.units**2:
            return None
        return NEVER_USED if self.first_count == 0 else ALWAYS_USED

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when undefined (chance agreement is 1: nothing to improve on)."""
        if self.undefined is not None:
            return None
        n, chance = self.units, self._chance()
        return float(Fraction(n * self.alike - chance, n * n - chance))


def code_agreement(first: Sequence[bool], second: Sequence[bool]) -> CodeAgreement:
    """The 2x2 table of one code over the same units, in the same order."""
    if len(first) != len(second):
        raise ValueError(f"the codings cover {len(first)} and {len(second)} units: they must cover the same")
    pairs = Counter(zip(first, second, strict=True))
    return CodeAgreement(pairs[True, True], pairs[True, False], pairs[False, True], pairs[False, False])


def code_agreements(
    first: Sequence[Collection[str]], second: Sequence[Collection[str]], codes: Iterable[str]
) -> dict[str, CodeAgreement]:
    """code_agreement of every code at once, from each unit's codes in either coding (each code once per unit):
    one pass over the units instead of one per code."""
    if len(first) != len(second):
        raise ValueError(f"the codings cover {len(first)} and {len(second)} units: they must cover the same")
    in_first = Counter(code for unit in first for code in unit)
    in_second = Counter(code for unit in second for code in unit)
    in_both = Counter(code for one, other in zip(first, second, strict=True) for code in one if code in other)
    units = len(first)
    return {
        code: CodeAgreement(
            in_both[code],
            in_first[code] - in_both[code],
            in_second[code] - in_both[code],
            units - in_first[code] - in_second[code] + in_both[code],
        )
        for code in codes
    }


def masi_distance(first: frozenset, second: frozenset) -> float:
    """MASI distance of two sets: 1 - Jaccard x monotonicity (1 same, 2/3 subset, 1/3 overlap, 0 disjoint)."""
    # alpha's expected distance takes every pair of distinct theme sets: tens of thousands at 5,000 statements
    if first == second:
        return 0.0
    if first.isdisjoint(second):
        return 1.0
    shared = len(first & second)
    monotonicity = 2 / 3 if shared == len(first) or shared == len(second) else 1 / 3  # one holds the other
    return 1 - shared / (len(first) + len(second) - shared) * monotonicity


def nominal_distance(first: Hashable, second: Hashable) -> float:
    return 0.0 if first == second else 1.0


def krippendorff_alpha(pairs: Sequence[tuple[Value, Value]], distance: Callable[[Value, Value], float]) -> float | None:
    """Alpha of two coders over units coded by both: (first value, second value) per unit.

    None when it is undefined: fewer than two units, or every value the same (no disagreement is expected)."""
    if len(pairs) < 2:
        return None
    # over distinct pairs and values, not the N units and 2N x 2N pairs: a few hundred sets, however many units
    observed = sum(count * distance(a, b) for (a, b), count in Counter(pairs).items()) / len(pairs)
    values = Counter(value for pair in pairs for value in pair)
    total = 2 * len(pairs)
    counted = list(values.items())
    expected = 0.0
    for index, (a, count_a) in enumerate(counted):
        expected += count_a * sum(count_b * distance(a, b) for b, count_b in counted[index + 1 :])
    expected = expected * 2 / (total * (total - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
