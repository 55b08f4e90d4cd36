"""Cohen's kappa and Krippendorff's alpha against cases computed by hand, including the undefined ones."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from bottleneck_briefs.basics.agreement_measures import (
    ALWAYS_USED,
    NEVER_USED,
    NOTHING_COMPARED,
    CodeAgreement,
    code_agreement,
    code_agreements,
    krippendorff_alpha,
    masi_distance,
    nominal_distance,
)


@pytest.mark.parametrize(
    "table, kappa",
    [
        # 2x2 tables (both, first only, second only, neither) and kappa worked out on paper:
        # p_o = 35/50 = 0.7; p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4
        ((20, 5, 10, 15), 0.4),
        # p_o = 0.8, p_e = 0.5 x 0.5 + 0.5 x 0.5 = 0.5: kappa = 0.6
        ((4, 1, 1, 4), 0.6),
        # always opposite, each coder half the time: p_o = 0, p_e = 0.5: kappa = -1
        ((0, 5, 5, 0), -1.0),
        # one coder never uses it, the other once in ten: p_o = 0.9, p_e = 0.9: kappa = 0
        ((0, 0, 1, 9), 0.0),
        # perfect agreement on a code used for 3 of 48 statements
        ((3, 0, 0, 45), 1.0),
        # 48 statements, corpus 7, second 6, both 6: p_o = 47/48; p_e = (7x6 + 41x42)/48² = 1764/2304;
        # kappa = (47x48 - 1764) / (2304 - 1764) = 492/540
        ((6, 1, 0, 41), 492 / 540),
    ],
)
def test_kappa_equals_the_hand_computation(table, kappa):
    agreement = CodeAgreement(*table)
    assert agreement.undefined is None
    assert agreement.kappa == pytest.approx(kappa, abs=1e-12)


def test_a_code_nobody_used_has_no_kappa_and_says_why():
    agreement = code_agreement([False] * 12, [False] * 12)
    assert (agreement.kappa, agreement.undefined) == (None, NEVER_USED)
    assert agreement.share_alike == 1.0  # alike on every statement, yet nothing to measure beyond chance


def test_a_code_both_used_for_every_statement_has_no_kappa_and_says_why():
    agreement = code_agreement([True] * 7, [True] * 7)
    assert (agreement.kappa, agreement.undefined) == (None, ALWAYS_USED)


def test_no_units_no_kappa():
    assert CodeAgreement(0, 0, 0, 0).undefined == NOTHING_COMPARED
    assert CodeAgreement(0, 0, 0, 0).kappa is None and CodeAgreement(0, 0, 0, 0).share_alike is None


def test_one_coder_always_the_other_not_always_is_defined():
    agreement = code_agreement([True] * 4, [True, True, True, False])
    assert agreement.undefined is None and agreement.kappa == 0.0


def test_code_agreement_counts_the_cells_in_unit_order():
    agreement = code_agreement([True, True, False, False, True], [True, False, True, False, True])
    assert (agreement.both, agreement.first_only, agreement.second_only, agreement.neither) == (2, 1, 1, 1)
    with pytest.raises(ValueError):
        code_agreement([True], [True, False])


def test_alpha_of_krippendorffs_own_two_coder_example():
    """Krippendorff, 'Computing Krippendorff's alpha-reliability' (2011), nominal data of two observers:
    D_o = 4/10, D_e = 2 x 14 x 6 / (20 x 19); alpha = 1 - 0.4 / (168/380) = 0.095."""
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    alpha = krippendorff_alpha(list(zip(first, second, strict=True)), nominal_distance)
    assert alpha == pytest.approx(1 - Fraction(4, 10) / Fraction(168, 380), abs=1e-12)
    assert round(alpha, 3) == 0.095


def test_masi_distance_by_hand():
    a, b, c = "a", "b", "c"
    assert masi_distance(frozenset({a}), frozenset({a})) == 0
    assert masi_distance(frozenset({a}), frozenset({a, b})) == pytest.approx(1 - 1 / 2 * 2 / 3)  # subset
    assert masi_distance(frozenset({a, b}), frozenset({b, c})) == pytest.approx(1 - 1 / 3 * 1 / 3)  # overlap
    assert masi_distance(frozenset({a}), frozenset({b})) == 1  # disjoint


def test_alpha_of_theme_sets_with_masi_by_hand():
    """Units {a}/{a}, {a}/{a,b}, {b}/{b}: D_o = (2/3)/3 = 2/9; values {a} x3, {a,b} x1, {b} x2;
    D_e = 2 (3x1x2/3 + 3x2x1 + 1x2x2/3) / (6x5) = 28/45; alpha = 1 - (2/9)/(28/45) = 9/14."""
    a, ab, b = frozenset("a"), frozenset("ab"), frozenset("b")
    assert krippendorff_alpha([(a, a), (a, ab), (b, b)], masi_distance) == pytest.approx(9 / 14, abs=1e-12)


def test_alpha_is_undefined_without_variation_or_units():
    assert krippendorff_alpha([(1, 1), (1, 1), (1, 1)], nominal_distance) is None
    assert krippendorff_alpha([(1, 2)], nominal_distance) is None


def _alpha_by_definition(pairs, distance) -> float:
    """Alpha from the definition: every ordered pair of distinct value positions, 2N x (2N - 1) of them."""
    values = [value for pair in pairs for value in pair]
    expected = sum(distance(x, y) for i, x in enumerate(values) for j, y in enumerate(values) if i != j)
    expected /= len(values) * (len(values) - 1)
    observed = sum(distance(x, y) for x, y in pairs) / len(pairs)
    return 1 - observed / expected


def test_alpha_agrees_with_the_definition_on_random_theme_sets():
    draw = random.Random(29)
    themes = "abcde"
    for _ in range(20):
        pairs = [
            (frozenset(draw.sample(themes, draw.randint(1, 3))), frozenset(draw.sample(themes, draw.randint(1, 3))))
            for _ in range(draw.randint(2, 30))
        ]
        assert krippendorff_alpha(pairs, masi_distance) == pytest.approx(_alpha_by_definition(pairs, masi_distance))


@pytest.mark.parametrize("seed", range(20))
def test_every_code_at_once_gives_each_code_s_own_table(seed):
    rng = random.Random(seed)
    codes = [f"code-{number}" for number in range(rng.randint(1, 6))]
    units = rng.randint(0, 40)
    first = [tuple(code for code in codes if rng.random() < 0.4) for _ in range(units)]
    second = [tuple(code for code in codes if rng.random() < 0.4) for _ in range(units)]
    tables = code_agreements(first, second, codes)
    assert list(tables) == codes
    for code in codes:
        assert tables[code] == code_agreement([code in unit for unit in first], [code in unit for unit in second])


def test_every_code_at_once_refuses_codings_of_different_lengths():
    with pytest.raises(ValueError, match="cover 1 and 2 units"):
        code_agreements([("a",)], [("a",), ()], ["a"])
