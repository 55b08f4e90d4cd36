"""Property tests of the personal-data guard: ordinary statements never alarm, planted items are always found."""

import os
import random
import re

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from bottleneck_briefs.corpus.privacy import BSN, EMAIL, IBAN, NAME, PHONE, POSTCODE, STREET, find_personal_data
from bottleneck_briefs.corpus.privacy_names import _CAPITALISED, name_lists
from privacy_cases import NUMBERS, ORGANISATIONS, WORDS, ordinary_statement

# single words: "Groot Koerkamp" after a title is found as "mevrouw Groot", which the exact test below would miss
FIRST_NAMES, SURNAMES = (sorted(name for name in names if re.fullmatch(_CAPITALISED, name)) for names in name_lists())
DIGIT = "0123456789"

ordinary_part = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(ORGANISATIONS),
    st.integers(0, 10**6).map(str),
    st.integers(1, 99).map(lambda n: f"{n}%"),
    st.integers(1900, 2100).map(str),
    st.integers(1, 999).map(lambda n: f"€{n} miljoen"),
)
ordinary = st.lists(ordinary_part, min_size=1, max_size=30).map(lambda parts: " ".join(parts) + ".")


@settings(max_examples=500, deadline=None)
@given(ordinary)
def test_ordinary_statements_give_no_finding(text):
    assert find_personal_data(text) == []


@settings(max_examples=50, deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_ordinary_statements_give_no_finding(rng):
    assert find_personal_data(ordinary_statement(random.Random(rng.random()))) == []


def digits(count: int) -> st.SearchStrategy[str]:
    return st.text(DIGIT, min_size=count, max_size=count)


def _bsn(first_eight: str) -> str | None:
    check = sum(int(digit) * weight for digit, weight in zip(first_eight, range(9, 1, -1), strict=True)) % 11
    return first_eight + str(check) if check < 10 else None


def _valid_phone(text: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(text, "NL"))


def _iban(bank: str, account: str, grouped: bool) -> str:
    from stdnum import iban

    compact = f"NL{iban.calc_check_digits(f'NL00{bank}{account}')}{bank}{account}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if grouped else compact


emails = st.builds(
    lambda user, domain, tld: f"{user}@{domain}.{tld}",
    st.from_regex(r"[a-z][a-z0-9]{0,8}(?:[._+-][a-z0-9]{1,8})?", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["nl", "com", "org"]),
)
phones = st.one_of(
    digits(8).map(lambda d: f"06-{d}"),
    digits(8).map(lambda d: f"06 {d[:4]} {d[4:]}"),
    digits(8).map(lambda d: f"+31 6 {d}"),
    st.tuples(st.sampled_from(["10", "20", "30", "40", "70", "50", "58"]), digits(7)).map(lambda p: f"0{p[0]}-{p[1]}"),
    st.tuples(st.sampled_from(["20", "30", "70"]), digits(7)).map(lambda p: f"+31 (0){p[0]} {p[1]}"),
).filter(_valid_phone)
# Three groups of three read as a number or as counts unless a BSN is named before them.
BSN_LAYOUTS = [
    "{0}{1}{2}{3}{4}{5}{6}{7}{8}",
    "{0}{1}{2}{3}.{4}{5}.{6}{7}{8}",
    "BSN {0}{1}{2} {3}{4}{5} {6}{7}{8}",
    "burgerservicenummer {0}{1}{2}.{3}{4}{5}.{6}{7}{8}",
]
bsns = st.builds(
    lambda number, layout: layout.format(*number),
    digits(8).map(_bsn).filter(lambda number: number and int(number) > 0),  # 000000000 is none
    st.sampled_from(BSN_LAYOUTS),
)
ibans = st.builds(_iban, st.sampled_from(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"]), digits(10), st.booleans())
postcodes = (
    st.tuples(st.integers(1000, 9999), st.from_regex(r"[A-Z]{2}", fullmatch=True), st.sampled_from(["", " "]))
    .filter(lambda p: p[1] not in ("SA", "SD", "SS") and not (1900 <= p[0] <= 2099))
    .map(lambda p: f"{p[0]}{p[2]}{p[1]}")
)
streets = st.builds(
    lambda name, suffix, number, letter: f"{name}{suffix} {number}{letter}",
    st.sampled_from(["Kalver", "Hoofd", "Molen", "Kerk", "Dorps", "Stations", "Wilhelmina"]),
    st.sampled_from(["straat", "laan", "weg", "plein", "gracht", "kade", "singel"]),
    st.integers(1, 999),
    st.sampled_from(["", "a", "B"]),
)
names = st.one_of(
    st.builds(
        lambda title, surname: f"{title} {surname}",
        st.sampled_from(["mevrouw", "meneer", "de heer", "dhr.", "mw.", "collega", "wijkagent"]),
        st.sampled_from(SURNAMES),
    ),
    st.builds(lambda first, surname: f"{first} {surname}", st.sampled_from(FIRST_NAMES), st.sampled_from(SURNAMES)),
)
planted = st.one_of(
    *(
        item.map(lambda text, kind=kind: (kind, text))
        for kind, item in [
            (EMAIL, emails),
            (PHONE, phones),
            (BSN, bsns),
            (IBAN, ibans),
            (POSTCODE, postcodes),
            (STREET, streets),
            (NAME, names),
        ]
    )
)


@settings(max_examples=int(os.environ.get("PRIVACY_EXAMPLES", 500)), deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + NUMBERS + ORGANISATIONS), max_size=20),
    st.data(),
    planted,
    st.sampled_from(["{} ", "({}) ", "{}, ", "{}. ", "'{}' ", "{}: "]),
)
def test_a_planted_item_is_found_wherever_it_is_placed(parts, data, item, wrapping):
    kind, text = item
    lead, _, text = text.partition(" ") if kind == BSN and not text[0].isdigit() else ("", "", text)
    place = data.draw(st.integers(0, len(parts)), label="place")
    before = " ".join(parts[:place] + ([lead] if lead else []))
    statement = (before + " " if before else "") + wrapping.format(text) + " ".join(parts[place:])
    start = len(before) + bool(before) + wrapping.index("{")
    found = [(finding.kind, finding.start, finding.text) for finding in find_personal_data(statement)]
    assert (kind, start, text) in found, (statement, found)
