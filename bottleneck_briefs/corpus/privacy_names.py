"""Names of persons in Dutch prose: forms of address, first names and surnames.

The name lists are those of `deduce`, the Dutch de-identification package of
UMC Utrecht: Dutch first names and surnames, each with the package's own list
of exceptions (names that are everyday words, such as "Dag" or "Thuis"). Only
its list files are read, found through the installed package without importing
it: deduce's own pipeline takes seconds to load and is built for medical notes.
Names that are also common Dutch words (deduce's common and stop words) are
left out again here, so "Mensen" or "Stad" never count as a surname, and a
match that lies inside the name of a Dutch place ("Sas van Gent") is no person's name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# Words between a first name and a surname ("van der" in "Jan van der Berg"); longest first.
INTERFIXES = (
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "in 't",
    "in de",
    "op de",
    "op den",
    "uit de",
    "de la",
    "van",
    "von",
    "der",
    "den",
    "de",
    "ter",
    "ten",
    "te",
    "'t",
    "el",
    "al",
    "le",
    "la",
)
_INTERFIX = "|".join(re.escape(interfix) for interfix in INTERFIXES)
_CAPITAL_INTERFIX = "|".join(re.escape(interfix[0].upper() + interfix[1:]) for interfix in INTERFIXES)
# A capitalised word: Latin letters with accents, Latin Extended-A for Turkish and Slavic names ("Doğan"), "IJ".
_UPPER = r"(?:IJ|[A-ZÀ-ÖØ-ÞĀ-ſ])"
_LOWER = r"[a-zß-öø-ÿĀ-ſ]"
_CAPITALISED = _UPPER + _LOWER + "+(?:-" + _UPPER + _LOWER + "+)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"

# How a person is addressed: a name may follow with its interfix in lower case ("mevrouw van Dijk").
FORMS_OF_ADDRESS = (
    "mevrouw",
    "mevr.",
    "mw.",
    "mej.",
    "meneer",
    "mijnheer",
    "de heer",
    "dhr.",
    "hr.",
    "mr.",
    "dr.",
    "drs.",
    "ir.",
    "ing.",
    "prof.",
    "ds.",
    "mrs.",
    "ms.",
    "miss",
)  # and in an English translation
# The same abbreviations written without their dot ("dhr Bakker"), in lower case or capitalised only:
# "10 MW Windpark" is a power, not a person.
DOTLESS_FORMS = ("dhr", "mevr", "mw")
# Roles written before a name ("wijkagent Bakker"); "burgemeester van Utrecht" is no name, so a lower-case
# interfix after these ends the match.
ROLES = (
    "collega",
    "wijkagent",
    "politieagent",
    "agent",
    "rechercheur",
    "officier",
    "advocaat",
    "advocate",
    "rechter",
    "burgemeester",
    "wethouder",
    "minister",
    "staatssecretaris",
    "casemanager",
    "hulpverlener",
    "jeugdzorgwerker",
    "tolk",
    "voogd",
    "zuster",
    "broeder",
    "pater",
    "dokter",
    "juf",
    "meester",
    "officier van justitie",
    "hoofdofficier",
    "rechter-commissaris",
    "kinderrechter",
    "advocaat-generaal",
    "hoofdagent",
    "brigadier",
    "inspecteur",
    "gezinsvoogd",
    "jeugdbeschermer",
    "raadsman",
    "raadsvrouw",
    "notaris",
    "huisarts",
)
# Roles whose office is named by its place ("burgemeester Utrecht"); "collega Bergen" is a person.
OFFICES_IN_A_PLACE = frozenset(
    {
        "burgemeester",
        "wethouder",
        "officier",
        "officier van justitie",
        "hoofdofficier",
        "rechter",
        "kinderrechter",
        "rechter-commissaris",
        "advocaat-generaal",
    }
)
# A first name and surname before one of these words name a place or a prize, not a person: "Het Willem
# Pompe Instituut", "de Anne Frank Stichting".
NAMED_AFTER = frozenset(
    """
instituut stichting fonds centrum ziekenhuis school college lyceum academie universiteit museum huis prijs
lezing leerstoel kliniek zaal gebouw kazerne foundation institute centre center hospital award lecture
""".split()
)

# Capitalised words that follow a role without being a name ("collega Jeugdzorg", "mevrouw de Minister").
NOT_A_NAME = frozenset(
    """
Politie Marechaussee Justitie Jeugdzorg Gemeente Gemeenten Veilig Thuis Openbaar Ministerie Nederland
Inspectie Arbeidsinspectie Raad Stichting Centrum Rijk Provincie Kamer Koninklijke Kinderbescherming
Minister Burgemeester Wethouder Staatssecretaris Voorzitter Directeur Rapporteur Nationaal Nationale Wet
Mensenhandel Opvang Zorg Gezondheidszorg Reclassering Belastingdienst Douane Immigratie Naturalisatiedienst
""".split()
)


def _words(words: tuple[str, ...]) -> str:
    """An alternation of words, longest first, any run of spaces between the words of one."""
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


_DOTLESS = "|".join(form for word in DOTLESS_FORMS for form in (word, word.capitalize()))
_TITLE_PATTERN = re.compile(
    r"(?<![\w.])(?:(?:(?i:" + _words(FORMS_OF_ADDRESS) + r")|(?:" + _DOTLESS + r")(?=\s))\s+"
    r"(?P<address>" + _INITIALS + r"\s*)?(?:(?P<interfix>(?i:" + _INTERFIX + r"))\s+)?"
    r"|(?P<by_role>(?i:" + _words(ROLES) + r"))\s+"
    r"(?P<role>" + _INITIALS + r"\s*)?(?:(?P<role_interfix>" + _CAPITAL_INTERFIX + r")\s+)?)"
    r"(?P<name>" + _CAPITALISED + r")(?![\w-])"
)


def _by_first_letter(words: tuple[str, ...]) -> str:
    """An alternation grouped by first letter ("m(?:evrouw|eneer)|d(?:hr\\.|e heer)"): each place in the text
    is then tried against one group, not against every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + _words(tuple(rests)) + ")" for first, rests in sorted(groups.items()))


# The titles alone in the lower-cased text: far quicker than the whole case-insensitive pattern tried at
# every character (lower() keeps the offsets unless a letter such as 'İ' grows; then the pattern runs).
_TITLE_GATE = re.compile(_by_first_letter(FORMS_OF_ADDRESS + DOTLESS_FORMS + ROLES))
# Every capitalised word; a name is looked for only from those that are a first name or a surname.
_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ](?<![\w.-].)(?:(?<=I)J)?" + _LOWER + "+(?:-" + _UPPER + _LOWER + r"+)?(?![\w-])")
_AFTER_FIRST_NAME = re.compile(
    r"\s+(?:(?P<interfix>" + _INTERFIX + "|" + _CAPITAL_INTERFIX + r")\s+)?"
    r"(?P<surname>" + _CAPITALISED + r")(?![\w-])"
)
_INITIAL = re.compile(r"[A-Z]\.")
# A first name and the initial of a surname: "Jeroen D.", "Ahmed B. (34)".
_INITIAL_AFTER_FIRST_NAME = re.compile(r"\s+[A-Z]\.(?![\w.])")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])" + _INITIALS + r"\s*(?:(?P<interfix>" + _INTERFIX + r")\s+)?$")


class NameListsMissingError(RuntimeError):
    pass


def _deduce_lists() -> Path:
    spec = find_spec("deduce")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise NameListsMissingError("the 'deduce' package, whose name lists it reads, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _read(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def _names(folder: Path, common: set[str]) -> frozenset[str]:
    names = _read(folder / "items.txt") - _read(folder / "exceptions.txt")
    return frozenset(name for name in names if name.casefold() not in common)


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), without the names that are common Dutch words."""
    root = _deduce_lists()
    whitelist = root / "whitelist"
    common = {
        word.casefold()
        for word in _read(whitelist / "lst_common_word" / "items.txt")
        | _read(whitelist / "lst_stop_word" / "items.txt")
    }
    first = _names(root / "names" / "lst_first_name", common)
    surnames = _names(root / "names" / "lst_surname", common)
    if not first or not surnames:
        raise NameListsMissingError(f"the name lists of the 'deduce' package are not under {root}")
    return first, surnames


@lru_cache(maxsize=1)
def _places() -> list[str]:
    """Dutch places of several words that read like a name ("Sas van Gent", "Burgemeester Beinsdorp")."""
    folder = _deduce_lists() / "locations" / "lst_placename"
    places = _read(folder / "lst_residence" / "items.txt") | _read(folder / "lst_municipality" / "items.txt")
    return sorted((place for place in places if " " in place), key=len, reverse=True)


@lru_cache(maxsize=1)
def _place_word_runs() -> frozenset[str]:
    """Every run of two or more words of those places, lower case."""
    return frozenset(
        " ".join(words[start:end])
        for words in (place.lower().split() for place in _places())
        for start in range(len(words))
        for end in range(start + 2, len(words) + 1)
    )


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(place) for place in _places()) + r")(?!\w)", re.IGNORECASE)


def _outside_places(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    def inside_a_place(span: tuple[int, int]) -> bool:
        if " ".join(text[span[0] : span[1]].lower().split()) not in _place_word_runs():
            return False  # no place has these words: the common case, a set lookup
        around = _place_pattern().finditer(text, max(0, span[0] - 40), span[1] + 40)
        return any(place.start() <= span[0] and span[1] <= place.end() for place in around)

    return [span for span in spans if not inside_a_place(span)]


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """Dutch municipalities and provinces: after a role they name its office ("officier van justitie Utrecht")."""
    folder = _deduce_lists() / "locations" / "lst_placename"
    return frozenset(_read(folder / "lst_municipality" / "items.txt") | _read(folder / "lst_province" / "items.txt"))


def _names_an_office(match: re.Match, surnames: frozenset[str]) -> bool:
    """Whether what follows a role names its office, not a person: a municipality ("officier van justitie
    Utrecht"), or after a role of several words anything but initials or a surname ("de officier van justitie
    Fier", the organisation)."""
    name, interfix = match.group("name"), match.group("role_interfix")
    role = " ".join(match.group("by_role").lower().split())
    if role in OFFICES_IN_A_PLACE and (
        name in _municipalities() or (bool(interfix) and f"{interfix} {name}" in _municipalities())
    ):
        return True
    several_words = " " in role
    return several_words and not (match.group("role") or interfix or _is_surname(name, surnames))


def _is_surname(word: str, surnames: frozenset[str]) -> bool:
    return word in surnames or any(part in surnames for part in word.split("-"))


def _named_after(text: str, end: int) -> bool:
    """Whether the name ending at `end` is that of an institute or a prize ("Willem Pompe Instituut")."""
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1).lower() in NAMED_AFTER


def find_names(text: str) -> list[tuple[int, int]]:
    """Spans of what looks like a person's name: after a form of address or role, or a first name and surname."""
    first_names, surnames = name_lists()
    spans = []
    lowered = text.lower()
    for title in _TITLE_GATE.finditer(lowered) if len(lowered) == len(text) else _TITLE_PATTERN.finditer(text):
        match = _TITLE_PATTERN.match(text, title.start())  # the whole pattern only where a title stands
        if (
            match
            and match.group("name") not in NOT_A_NAME
            and not (match.group("by_role") and _names_an_office(match, surnames))
        ):
            spans.append(match.span())
    initials = _INITIAL.search(text) is not None
    for word in _WORD.finditer(text):
        if word.group() in first_names and word.group() not in NOT_A_NAME:
            after = _AFTER_FIRST_NAME.match(text, word.end())
            if (
                after
                and after.group("surname") not in NOT_A_NAME
                and (after.group("interfix") or _is_surname(after.group("surname"), surnames))
            ):
                if not _named_after(text, after.end()):
                    spans.append((word.start(), after.end()))
            elif initials and (initial := _INITIAL_AFTER_FIRST_NAME.match(text, word.end())):
                spans.append((word.start(), initial.end()))
        if initials and text[word.start() - 1] in " .":  # initials before a surname: "A.B. (van) Jansen"
            before = _INITIALS_BEFORE.search(text, max(0, word.start() - 24), word.start())
            if before and (
                _is_surname(word.group(), surnames) or (before.group("interfix") and word.group() not in NOT_A_NAME)
            ):
                spans.append((before.start(), word.end()))
    return _outside_places(text, spans) if spans else spans
