"""Names of persons in Dutch prose: forms of address, first names and surnames.

The name lists are those of `deduce`, the Dutch de-identification package of
UMC Utrecht: Dutch first names and surnames, each with the package's own list
of exceptions (names that are everyday words, such as "Dag" or "Thuis"). Only
its list files are read, found through the installed package without importing
it: deduce's own pipeline takes seconds to load and is built for medical notes.
Names that are also common Dutch words (deduce's common and stop words) are
left out again here, so "Mensen" or "Stad" never count as a surname.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# Words between a first name and a surname ("van der" in "Jan van der Berg"); longest first.
INTERFIXES = ("van der", "van den", "van de", "van het", "van 't", "in 't", "in de", "op de", "op den",
              "uit de", "de la", "van", "von", "der", "den", "de", "ter", "ten", "te", "'t", "el", "al", "le", "la")
_INTERFIX = "|".join(re.escape(interfix) for interfix in INTERFIXES)
_CAPITAL_INTERFIX = "|".join(re.escape(interfix[0].upper() + interfix[1:]) for interfix in INTERFIXES)
# A capitalised word: Latin letters with accents, Latin Extended-A for Turkish and Slavic names ("Doğan"), "IJ".
_UPPER = r"(?:IJ|[A-ZÀ-ÖØ-ÞĀ-ſ])"
_LOWER = r"[a-zß-öø-ÿĀ-ſ]"
_CAPITALISED = _UPPER + _LOWER + "+(?:-" + _UPPER + _LOWER + "+)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"

# How a person is addressed: a name may follow with its interfix in lower case ("mevrouw van Dijk").
FORMS_OF_ADDRESS = ("mevrouw", "mevr.", "mw.", "mej.", "meneer", "mijnheer", "de heer", "dhr.", "hr.",
                    "mr.", "dr.", "drs.", "ir.", "ing.", "prof.", "ds.")
# Roles written before a name ("wijkagent Bakker"); "burgemeester van Utrecht" is no name, so a lower-case
# interfix after these ends the match.
ROLES = ("collega", "wijkagent", "politieagent", "agent", "rechercheur", "officier", "advocaat", "advocate",
         "rechter", "burgemeester", "wethouder", "minister", "staatssecretaris", "casemanager", "hulpverlener",
         "jeugdzorgwerker", "tolk", "voogd", "zuster", "broeder", "pater", "dokter", "juf", "meester")

# Capitalised words that follow a role without being a name ("collega Jeugdzorg", "mevrouw de Minister").
NOT_A_NAME = frozenset("""
Politie Marechaussee Justitie Jeugdzorg Gemeente Gemeenten Veilig Thuis Openbaar Ministerie Nederland
Inspectie Arbeidsinspectie Raad Stichting Centrum Rijk Provincie Kamer Koninklijke Kinderbescherming
Minister Burgemeester Wethouder Staatssecretaris Voorzitter Directeur Rapporteur Nationaal Nationale
Mensenhandel Opvang Zorg Gezondheidszorg Reclassering Belastingdienst Douane Immigratie Naturalisatiedienst
""".split())

_TITLE_PATTERN = re.compile(
    r"(?<![\w.])(?:(?i:" + "|".join(re.escape(form) for form in FORMS_OF_ADDRESS) + r")\s+"
    r"(?P<address>" + _INITIALS + r"\s*)?(?:(?P<interfix>(?i:" + _INTERFIX + r"))\s+)?"
    r"|(?i:" + "|".join(re.escape(role) for role in ROLES) + r")\s+"
    r"(?P<role>" + _INITIALS + r"\s*)?(?:(?P<role_interfix>" + _CAPITAL_INTERFIX + r")\s+)?)"
    r"(?P<name>" + _CAPITALISED + r")(?![\w-])"
)
# Overlapping pairs: a lookahead at every place, so that "In Nederland Jan Jansen" still finds "Jan Jansen".
_PAIR_PATTERN = re.compile(
    r"(?<![\w.-])(?=(?P<first>" + _CAPITALISED + r")\s+(?:(?P<interfix>" + _INTERFIX + "|" + _CAPITAL_INTERFIX + r")\s+)?"
    r"(?P<surname>" + _CAPITALISED + r")(?![\w-]))"
)
_INITIALS_PATTERN = re.compile(
    r"(?<![\w.])(?P<initials>" + _INITIALS + r")\s*(?:(?P<interfix>" + _INTERFIX + r")\s+)?"
    r"(?P<surname>" + _CAPITALISED + r")(?![\w-])"
)
_QUICK = re.compile(_UPPER + r"[\w.-]*\s+(?:[a-z']+\s+){0,2}" + _UPPER + "|(?i:" +
                    "|".join(re.escape(word) for word in FORMS_OF_ADDRESS + ROLES) + r")\s")


class NameListsMissing(RuntimeError):
    pass


def _deduce_lists() -> Path:
    spec = importlib.util.find_spec("deduce")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise NameListsMissing("the name lists come from the 'deduce' package, which is not installed; "
                               "install this program with its dependencies (pip install .)")
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
    common = {word.casefold() for word in _read(whitelist / "lst_common_word" / "items.txt")
              | _read(whitelist / "lst_stop_word" / "items.txt")}
    first = _names(root / "names" / "lst_first_name", common)
    surnames = _names(root / "names" / "lst_surname", common)
    if not first or not surnames:
        raise NameListsMissing(f"the name lists of the 'deduce' package were not found under {root}")
    return first, surnames


def _is_surname(word: str, surnames: frozenset[str]) -> bool:
    return word in surnames or any(part in surnames for part in word.split("-"))


def find_names(text: str) -> list[tuple[int, int]]:
    """Spans of what looks like a person's name: after a form of address or role, or a first name and surname."""
    if not _QUICK.search(text):  # most statements have no two capitalised words close together
        return []
    first_names, surnames = name_lists()
    spans = []
    for match in _TITLE_PATTERN.finditer(text):
        if match.group("name") not in NOT_A_NAME:
            spans.append((match.start(), match.end()))
    for match in _PAIR_PATTERN.finditer(text):
        first, surname = match.group("first"), match.group("surname")
        if first in first_names and first not in NOT_A_NAME and surname not in NOT_A_NAME and (
                match.group("interfix") or _is_surname(surname, surnames)):
            spans.append((match.start(), match.end("surname")))
    for match in _INITIALS_PATTERN.finditer(text):
        if _is_surname(match.group("surname"), surnames) or (match.group("interfix")
                                                              and match.group("surname") not in NOT_A_NAME):
            spans.append((match.start(), match.end()))
    return spans
