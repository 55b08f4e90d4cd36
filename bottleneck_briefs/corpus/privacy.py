"""Find what identifies a person in a text: e-mail, phone, BSN, IBAN, home address, a person's name.

Each detector is a cheap regular expression first; the numbers it finds are
then validated by well-kept libraries (phonenumbers for phone numbers, region
NL; python-stdnum for the BSN's 11-proof and the IBAN's checksum), imported only
when a text holds a candidate, so a corpus without one never loads them.
Ordinary numbers (amounts, ages, years, counts, percentages, section and page
numbers) are never candidates: a phone number starts with 0 or +, a BSN must
pass the 11-proof and is not an amount, and so on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bottleneck_briefs.basics.collection import collection_paused
from bottleneck_briefs.corpus.privacy_names import find_names

EMAIL = "an e-mail address"
PHONE = "a phone number"
BSN = "a citizen service number (BSN)"
IBAN = "a bank account number (IBAN)"
POSTCODE = "a postcode"
STREET = "a street address"
NAME = "a person's name"
KINDS = (EMAIL, PHONE, BSN, IBAN, POSTCODE, STREET, NAME)


@dataclass(frozen=True)
class Finding:
    kind: str  # in plain words, e.g. "a phone number"
    start: int  # offsets into the text
    end: int
    text: str  # the matched text, exactly as in the value

    @property
    def masked(self) -> str:
        return mask(self.text)


def mask(text: str) -> str:
    """Enough to recognise it in the file, too little to publish: '06-12345678' -> '06-1…78'."""
    if len(text) <= 4:
        return text[0] + "…"
    head = 4 if len(text) >= 10 else max(1, len(text) // 3)
    tail = 2 if len(text) >= 8 else 1
    return f"{text[:head]}…{text[-tail:]}"


# An e-mail address is looked for around each '@' only: a pattern that starts with the name before it
# would try every word of every text.
_EMAIL_NAME_BEFORE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# 0 or + starts a phone number, then at least seven more digits (0800-2000 has eight in all).
_PHONE_CANDIDATE = re.compile(r"(?:\((?<![\w.,/-]\()0\d{1,3}\) ?|[+0](?<![\w.,/-][+0]))[\d \-./()]{6,}\d")
# Nine digits, also grouped by dots or spaces (1234.56.782, 123 456 782); not part of a longer number.
# Overlapping (all but the first digit looked ahead), so that in "pagina 127 000 000 012" the last three
# groups are still tried.
_BSN_CANDIDATE = re.compile(
    r"\d(?<![\w.,/-]\d)(?=(\d{8}|\d{3}([. -])\d{2}\2\d{3}|\d{2}([. -])\d{3}\3\d{3})"
    r"(?![\w-]|[.,]\d))"
)
_CURRENCY_BEFORE = re.compile(r"(?:[€ƒ$£]|\b(?:EUR|euro))\s*$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^\s*(?:euro|EUR)\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{3}([. -])\d{3}\1\d{3}")
_BSN_NAMED_BEFORE = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer|persoonsnummer)\b[^\x00\n]*$", re.IGNORECASE
)
# Grouped by spaces or dashes, also between the country and the check digits ("NL 91 ABNA …").
_IBAN_CANDIDATE = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z][ -]?\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ -]?[A-Za-z0-9]{1,3})?(?![\w-])"
)
# Each pattern starts with what it needs most and looks behind only then: a lookbehind tried at
# every character would cost more than all the rest of the guard.
# A Dutch postcode: four digits (no leading 0), two capitals but SA, SD and SS (never issued).
_POSTCODE = re.compile(
    r"(?P<digits>[1-9]\d{3})(?<![\w.,/-]\d{4}) ?(?P<letters>(?!SA|SD|SS)[A-Z]{2})"
    r"(?![\w-]|['’]s\b)"
)  # "2500 BV's": a plural, companies
# A PO box ("Postbus 1, 1000 AA") is an organisation's address, never a home.
_PO_BOX_BEFORE = re.compile(r"\b(?:postbus|antwoordnummer) ?\d{1,6},? ?$", re.IGNORECASE)
# "sinds 2016 OM ...": a year before a two-letter abbreviation is no postcode.
_YEAR_BEFORE_ABBREVIATION = {"OM", "EU", "VN", "NL", "EN", "OF", "IN", "OP", "TE", "EK", "WK", "VS", "UK", "KP"}
_STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "steeg",
    "dreef",
    "plantsoen",
    "boulevard",
    "hof",
    "pad",
    "markt",
    "wal",
    "straatweg",
    "allee",
)
# A capitalised name ending in a street word, then a house number (12, 12a, 12-3).
_STREET = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?<![\w-].)[\w'-]*(?:" + "|".join(_STREET_SUFFIXES) + r")"
    r" (?:\d{1,4})(?:[a-zA-Z](?![\w])|-\d{1,3}(?![\w]))?(?![\w%,.]\d|[\w%])"
)
_DIGIT = re.compile(r"\d")


# Texts are scanned joined by a character no pattern matches (YAML refuses it in a file), so that each
# regular expression runs once over a whole corpus instead of once per statement.
SEPARATOR = "\x00"


def find_personal_data(text: str) -> list[Finding]:
    """Everything in `text` that looks like it identifies a person, in order; overlapping matches once."""
    return find_in_texts([text])[0]


def find_in_texts(texts: list[str]) -> list[list[Finding]]:
    """The findings of each text, in the order of `texts`."""
    # The scan makes many small objects and no reference cycles: a garbage collection during it would only
    # walk the whole loaded corpus (millions of objects at 5,000 statements) for nothing, and did, at a third
    # of the guard's time.
    with collection_paused():
        return _find_in_texts(texts)


def _find_in_texts(texts: list[str]) -> list[list[Finding]]:
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    found: list[list[Finding]] = [[] for _ in texts]
    for kind, start, end in _spans(joined):
        index = bisect.bisect_right(starts, start) - 1
        base = starts[index]
        found[index].append(Finding(kind, start - base, end - base, joined[start:end]))
    return [_without_overlaps(findings) if findings else findings for findings in found]


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    at = text.find("@")
    while at >= 0:
        name, domain = _EMAIL_NAME_BEFORE.search(text, max(0, at - 64), at), _EMAIL_DOMAIN.match(text, at)
        if name and domain:
            yield EMAIL, name.start(), domain.end()
        at = text.find("@", at + 1)
    if _DIGIT.search(text):
        for start, end in _phone_numbers(text):
            yield PHONE, start, end
        for match in _BSN_CANDIDATE.finditer(text):  # the first digit, then the rest looked ahead
            if _is_bsn(text, match.start(), text[match.start() : match.end(1)]):
                yield BSN, match.start(), match.end(1)
        for match in _IBAN_CANDIDATE.finditer(text):
            if _is_iban(match.group()):
                yield IBAN, match.start(), match.end()
        for match in _POSTCODE.finditer(text):
            year = 1900 <= int(match.group("digits")) <= 2099
            if not (
                (year and match.group("letters") in _YEAR_BEFORE_ABBREVIATION)
                or _PO_BOX_BEFORE.search(text, max(0, match.start() - 24), match.start())
            ):
                yield POSTCODE, match.start(), match.end()
        for match in _STREET.finditer(text):
            yield STREET, match.start(), match.end()
    for start, end in find_names(text):
        yield NAME, start, end


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the longest of overlapping findings (a BSN inside an IBAN is the IBAN)."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start), KINDS.index(f.kind))):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def _phone_numbers(text: str) -> list[tuple[int, int]]:
    """Each candidate's longest run of digit groups that is a valid number ("06 1234 5678 2019": the first three).

    Linear in the text's length: from each group that may start a number, only the runs of groups holding as
    many digits as a phone number of that start can have are tried, longest first, and only those of a
    plausible shape reach the phone library."""
    candidates = [match for match in _PHONE_CANDIDATE.finditer(text) if _digit_count(match.group()) >= 8]
    if not candidates:
        return []
    spans = []
    for match in candidates:
        groups = [
            (group.start(), group.end(), _NOT_DIGITS.sub("", group.group()))
            for group in _GROUP.finditer(text, match.start(), match.end())
        ]
        first = 0
        while first < len(groups):
            start, found = groups[first][0], None
            if text[start] not in "0+(":
                first += 1  # not the start of a number; a later group may be ("18- 06-12345678")
                continue
            if text[start] == "(" and not _AREA_CODE.match(text, start):
                start += 1  # a bracket around the number, not around its area code: "(06-12345678)"
                if text[start] not in "0+":  # "(111000002)": no phone number starts so, though a BSN may
                    first += 1
                    continue
            most = _most_digits(text[start], "".join(digits for _, _, digits in groups[first : first + 3])[:3])
            count, ends = 0, []
            for index in range(first, len(groups)):
                count += len(groups[index][2])
                if count > most:
                    break
                if count >= 8:
                    ends.append(index)
            for index in reversed(ends):
                end = _trimmed(text, start, groups[index][1])
                if _plausible_phone(text[start:end]) and _valid_phone(text[start:end]):
                    found = index
                    spans.append((start, end))
                    break
            first = found + 1 if found is not None else first + 1
    return spans


_GROUP = re.compile(r"[^ ]+")
_AREA_CODE = re.compile(r"\(0\d{1,3}\)")
_NOT_DIGITS = re.compile(r"\D")


def _most_digits(first_character: str, lead: str) -> int:
    """How many digits a phone number can have that starts with this character and these three digits; 0: none."""
    if first_character == "+":
        return 16 if lead[:1] not in ("", "0") else 0  # E.164's 15 digits, and a trunk zero: "+31 (0)20"
    if lead.startswith("00"):
        return 18 if lead[2:3] not in ("", "0") else 0  # the international prefix too
    return 11 if lead[1:2] not in ("", "0") else 0  # national: 0 and at most ten more digits


# Not phone numbers, though their digits may pass as one: opening hours ("09.00-17.00", "08:00 - 20:00")
# and the public prosecutor's case numbers ("09/123456-22").
_TIME_RANGE = re.compile(r"(?:[01]?\d|2[0-4])[.:][0-5]\d ?- ?(?:[01]?\d|2[0-4])[.:][0-5]\d")
_CASE_NUMBER = re.compile(r"\d{2}/\d{6}-\d{2}")


def _plausible_phone(number: str) -> bool:
    """False when it is written as no phone number is, though its digits may pass as one (also when digits of
    the next words follow: "08.00-20.00 18 jaar")."""
    return not (_TIME_RANGE.match(number) or _CASE_NUMBER.match(number))


@lru_cache(maxsize=1024)
def _valid_phone(number: str) -> bool:
    import phonenumbers  # only for a text that holds a candidate

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, "NL"))
    except phonenumbers.NumberParseException:
        return False


def _trimmed(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends without trailing separators or a bracket it did not open."""
    while end > start and (
        text[end - 1] in " -./(" or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
    ):
        end -= 1
    return end


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _is_bsn(text: str, start: int, candidate: str) -> bool:
    end = start + len(candidate)
    if _CURRENCY_BEFORE.search(text, max(0, start - 12), start) or _CURRENCY_AFTER.match(text[end : end + 8]):
        return False  # €123.456.782 is an amount
    if _THOUSANDS.fullmatch(candidate) and not _BSN_NAMED_BEFORE.search(text, max(0, start - 40), start):
        return False  # 123.456.782 or "703 350 705" reads as a number or three counts unless a BSN is named
    from stdnum.nl import bsn

    return bsn.is_valid(re.sub(r"\D", "", candidate))


def _is_iban(candidate: str) -> bool:
    from stdnum import iban

    return iban.is_valid(re.sub(r"[ -]", "", candidate))
