"""Category badges (and title prefixes/markers) -> parties, meeting and languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pycountry

from crawler.extract.names import looks_party_like
from crawler.parties.countries import is_country_name


@dataclass(frozen=True)
class Meeting:
    """An International Meeting: '20th IMCWP' (number 20) or an unnumbered one (number None)."""

    name: str
    number: int | None


@dataclass(frozen=True)
class CategoryParty:
    """A party badge 'Country, Party name' split into the name and the country hint."""

    name: str
    country_hint: str | None


@dataclass(frozen=True)
class Categories:
    """What the badges of one page say."""

    parties: list[CategoryParty] = field(default_factory=list)
    meeting: Meeting | None = None
    languages: list[str] = field(default_factory=list)  # ISO 639-1


_MEETING_NUMBERED = re.compile(
    r"^\s*(?P<number>\d{1,2})\s*(?:st|nd|rd|th)?\.?\s+"
    r"(?:IMCWP|International\s+Meeting\s+of\s+Communist\s+and\s+Workers['’]?\s+Parties)\b",
    re.IGNORECASE,
)
_MEETING_NAMED = re.compile(
    r"\bIMCWP\b|\bInternational\s+Meeting\s+of\s+Communist\s+and\s+Workers", re.IGNORECASE
)
_TITLE_LANGUAGES = re.compile(r"\[\s*([A-Za-z]{2}\.?(?:\s*[,/;]\s*[A-Za-z]{2}\.?)*)\s*\]")
_LANGUAGE_BADGE = re.compile(r"^\s*([A-Z][a-z])\.?\s*$")  # title case: "UK" is a place, "Uk" a language
_PARTY_WORDS = re.compile(
    r"\b(?:part(?:y|i|ido|ei|ito|it)|communists|movement|front|league|tribune)\b", re.IGNORECASE
)
_GENERAL_BADGES = frozenset({"communist and workers parties", "joint statement"})
# Words that alone name no party: a badge made only of them ('Party', 'Communist Parties') is a topic.
_GENERIC_PARTY_WORDS = frozenset({
    "party", "parties", "partido", "partidos", "parti", "partis", "partei", "parteien", "the", "of", "and",
    "communist", "communists", "workers", "workers'", "communist and workers", "left", "political",
})
# Badges the site writes that are not ISO 639-1 codes (or mean another language there).
_SITE_LANGUAGE_CODES = {
    "sp": "es", "gr": "el", "ge": "de", "cz": "cs", "dk": "da", "jp": "ja", "cn": "zh", "ua": "uk",
}


def _ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '11th', '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _meeting(text: str, *, whole: bool) -> Meeting | None:
    """A numbered meeting at the start of text; with whole=True also an unnumbered meeting badge."""
    match = _MEETING_NUMBERED.match(text)
    if match:
        number = int(match["number"])
        return Meeting(f"{_ordinal(number)} IMCWP", number)
    if whole and _MEETING_NAMED.search(text):
        return Meeting(" ".join(text.split()), None)
    return None


def language_code(code: str) -> str | None:
    """ISO 639-1 code of a site language code ('En' -> 'en', 'Sp' -> 'es', 'Gr' -> 'el')."""
    lowered = code.strip().rstrip(".").lower()
    if lowered in _SITE_LANGUAGE_CODES:
        return _SITE_LANGUAGE_CODES[lowered]
    if len(lowered) == 2 and pycountry.languages.get(alpha_2=lowered) is not None:
        return lowered
    return None


def _party(badge: str) -> CategoryParty | None:
    """'Hungary, Hungarian Workers' Party' -> party with country hint; a bare party name -> no hint.

    A comma badge is a party only when its first part is a country or its second reads like a party's name
    ('Middle East, North Africa' and 'Imperialism, war' are topics)."""
    text = " ".join(badge.split())
    if "," in text:
        country, name = (part.strip() for part in text.split(",", 1))
        if country and name and (is_country_name(country) or looks_party_like(name)):
            return CategoryParty(name, country)
    if _PARTY_WORDS.search(text) and not set(text.casefold().replace("’", "'").split()) <= _GENERIC_PARTY_WORDS:
        return CategoryParty(text, None)
    return None


def _is_general(badge: str) -> bool:
    key = re.sub(r"[^\w ]", "", badge.casefold())
    return " ".join(key.split()) in _GENERAL_BADGES


def classify_categories(badges: Sequence[str], title: str = "") -> Categories:
    """Badges -> parties, meeting, languages; the title adds its meeting prefix and [En] markers."""
    parties: list[CategoryParty] = []
    meeting: Meeting | None = None
    languages: list[str] = []
    for badge in badges:
        if not badge.strip() or _is_general(badge):
            continue
        found = _meeting(badge, whole=True)
        if found is not None:
            meeting = meeting or found
            continue
        language = _LANGUAGE_BADGE.match(badge)
        if language:
            code = language_code(language.group(1))
            if code and code not in languages:
                languages.append(code)
            continue
        party = _party(badge)
        if party is not None and party not in parties:
            parties.append(party)
    meeting = meeting or _meeting(title, whole=False)
    for marker in _TITLE_LANGUAGES.findall(title):
        for part in re.split(r"[,/;]", marker):
            code = language_code(part)
            if code and code not in languages:
                languages.append(code)
    return Categories(parties, meeting, languages)
