"""Is a piece of text a country name? (pycountry names in the site's languages plus names the site uses)."""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

# Names seen on the site that ISO 3166 lacks or spells differently: short forms, old names, nations.
_EXTRA_NAMES = (
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "UK", "U.K.",
    "USA", "U.S.A.", "US", "U.S.", "United States", "America", "Russia", "Turkey", "Turkiye",
    "Swaziland", "Macedonia", "North Macedonia", "Bohemia", "Bohemia and Moravia", "Palestine",
    "Korea", "North Korea", "South Korea", "DPRK", "Iran", "Syria", "Venezuela", "Bolivia",
    "Catalonia", "Basque Country", "Galicia", "Kurdistan", "Czech Republic", "Vietnam", "Laos",
    "Moldova", "Tanzania", "Congo", "Ivory Coast", "Cape Verde", "Bosnia", "Soviet Union", "USSR",
    "Yugoslavia", "Czechoslovakia", "Holland", "Sahara", "Western Sahara", "Россия",
)
_TRANSLATED_LANGUAGES = ("es", "fr", "pt", "ru", "ar", "de", "it", "el", "tr")
_LEADING_ARTICLE = re.compile(r"^(?:the|el|la|le|les|l'|o|a)\s+|^l'", re.IGNORECASE)


def _fold(text: str) -> str:
    """Case- and accent-insensitive key; leading article and outer punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = " ".join(plain.strip(" .,;:()[]\"'").split())
    return _LEADING_ARTICLE.sub("", plain)


def _iso_names() -> set[str]:
    names: set[str] = set()
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
                names.add(value.split(",")[0])     # 'Korea, Republic of' -> 'Korea'
    return names


def _translated(names: set[str]) -> set[str]:
    translated: set[str] = set()
    for language in _TRANSLATED_LANGUAGES:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for name in names:
            local = catalogue.gettext(name)
            translated.update((local, local.split(",")[0]))
    return translated


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    names = _iso_names() | set(_EXTRA_NAMES)
    names |= _translated(names)
    return frozenset(filter(None, map(_fold, names)))


def is_country(text: str) -> bool:
    """True when `text` is, as a whole, a country (or nation) name: 'Cyprus', 'Britain', 'the Philippines'."""
    return bool(text) and len(text) <= 60 and _fold(text) in _country_keys()
