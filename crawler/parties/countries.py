"""Countries from place phrases and party names: pycountry names (with translations) plus a few site names."""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

# Display names where ISO's short name is awkward ('Palestine, State of').
_DISPLAY_NAMES = {"PS": "Palestine", "RU": "Russia"}

# Historic, regional and colloquial names ISO 3166 lacks; "" marks a place with no single present-day country.
_PLACE_NAMES = {
    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "uk": "GB", "u k": "GB", "usa": "US", "us": "US", "u s a": "US",
    "u s": "US", "america": "US", "united states": "US", "russia": "RU", "turkey": "TR",
    "turkiye": "TR", "swaziland": "SZ", "macedonia": "MK", "fyrom": "MK", "bohemia": "CZ",
    "moravia": "CZ", "bohemia and moravia": "CZ", "czech republic": "CZ", "catalonia": "ES",
    "catalunya": "ES", "cataluna": "ES", "basque country": "ES", "galicia": "ES", "quebec": "CA",
    "dprk": "KP", "dpr korea": "KP", "north korea": "KP", "south korea": "KR", "palestine": "PS",
    "vietnam": "VN", "laos": "LA", "holland": "NL", "ivory coast": "CI", "cape verde": "CV",
    "burma": "MM", "east timor": "TL", "bosnia": "BA", "persia": "IR",
    "soviet union": "", "ussr": "", "yugoslavia": "", "czechoslovakia": "", "kurdistan": "",
    "korea": "", "congo": "", "sahara": "EH",
    "россия": "RU",
    "سوريا": "SY", "سورية": "SY", "تركيا": "TR", "ترکیه": "TR",   # ISO's Arabic and Persian names are long forms
}

# Demonyms as they appear in party names ('Portuguese Communist Party').
_DEMONYMS = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ",
    "bahraini": "BH", "bangladeshi": "BD", "basque": "ES", "belarusian": "BY", "belgian": "BE",
    "bolivian": "BO", "brazilian": "BR", "british": "GB", "bulgarian": "BG", "canadian": "CA",
    "catalan": "ES", "chilean": "CL", "chinese": "CN", "colombian": "CO", "croatian": "HR",
    "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "dominican": "DO", "dutch": "NL",
    "ecuadorian": "EC", "egyptian": "EG", "estonian": "EE", "ethiopian": "ET", "finnish": "FI",
    "french": "FR", "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR",
    "guatemalan": "GT", "honduran": "HN", "hungarian": "HU", "indian": "IN", "iranian": "IR",
    "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "japanese": "JP",
    "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA",
    "latvian": "LV", "lebanese": "LB", "lithuanian": "LT", "luxembourgish": "LU", "macedonian": "MK",
    "maltese": "MT", "mexican": "MX", "moldovan": "MD", "mongolian": "MN", "moroccan": "MA",
    "nepalese": "NP", "nicaraguan": "NI", "nigerian": "NG", "norwegian": "NO", "pakistani": "PK",
    "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE",
    "philippine": "PH", "polish": "PL", "portuguese": "PT", "puerto rican": "PR", "romanian": "RO",
    "russian": "RU", "salvadoran": "SV", "saudi": "SA", "senegalese": "SN", "serbian": "RS",
    "slovak": "SK", "slovenian": "SI", "south african": "ZA", "spanish": "ES", "sri lankan": "LK",
    "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY", "tajik": "TJ",
    "tunisian": "TN", "turkish": "TR", "ukrainian": "UA", "uruguayan": "UY", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE",
}

# Host cities of the International Meetings and other cities named in datelines and event locations.
_CITIES = {
    "athens": "GR", "thessaloniki": "GR", "beirut": "LB", "izmir": "TR", "istanbul": "TR",
    "ankara": "TR", "havana": "CU", "la habana": "CU", "caracas": "VE", "new delhi": "IN",
    "delhi": "IN", "tshwane": "ZA", "pretoria": "ZA", "johannesburg": "ZA", "minsk": "BY",
    "lisbon": "PT", "lisboa": "PT", "moscow": "RU", "moskva": "RU", "москва": "RU",
    "saint petersburg": "RU", "st petersburg": "RU", "leningrad": "RU", "barcelona": "ES",
    "madrid": "ES", "sao paulo": "BR", "brasilia": "BR", "rio de janeiro": "BR", "guayaquil": "EC",
    "quito": "EC", "hanoi": "VN", "damascus": "SY", "brussels": "BE", "paris": "FR", "rome": "IT",
    "london": "GB", "berlin": "DE", "prague": "CZ", "budapest": "HU", "sofia": "BG",
    "nicosia": "CY", "beijing": "CN", "pyongyang": "KP", "dublin": "IE", "vienna": "AT",
    "bucharest": "RO", "belgrade": "RS", "tbilisi": "GE", "yerevan": "AM", "baku": "AZ",
    "kyiv": "UA", "kiev": "UA", "mexico city": "MX", "buenos aires": "AR", "montevideo": "UY",
    "bogota": "CO", "lima": "PE", "managua": "NI", "tunis": "TN", "algiers": "DZ", "cairo": "EG",
    "khartoum": "SD", "amman": "JO", "baghdad": "IQ", "tehran": "IR", "kathmandu": "NP",
    "dhaka": "BD", "colombo": "LK", "oslo": "NO", "stockholm": "SE", "helsinki": "FI",
    "copenhagen": "DK", "warsaw": "PL", "amsterdam": "NL", "ramallah": "PS", "chisinau": "MD",
}

_TRANSLATION_LANGUAGES = ("es", "fr", "pt", "ru", "ar", "fa", "tr", "de", "it", "el")
# Arabic and Persian spellings of the same letters, made one for lookups.
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ؤ": "و", "ـ": None})
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_ARABIC_ARTICLE = "ال"
_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"[’'`´ʼ]")
_SPLIT_PARTS = re.compile(r"\s*(?:,|;|،|/|\s[-–—‐]\s|[–—])\s*")
# ', ' and '; ' anywhere, en and em dashes with or without spaces, hyphens with a space on either side
_PARTY_COUNTRY_SEPARATOR = re.compile(r"\s*[,;،–—]\s*|\s+[-‐‑]\s*|\s*[-‐‑]\s+")
_PAREN = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_OF_TAIL = re.compile(r"\b(?:of|in)\s+(?:the\s+)?(?P<tail>[^,()]+)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lookup key: case and accents folded, apostrophes dropped, punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", plain)).split())


def country_key(text: str) -> str:
    """`fold` for country lookups, Arabic script made one: Arabic and Persian letter forms alike, the
    article 'ال' dropped ('اليونان' and 'یونان', Greece, give one key)."""
    words = fold(text).translate(_ARABIC_LETTERS).split()
    return " ".join(
        w[len(_ARABIC_ARTICLE):] if w.startswith(_ARABIC_ARTICLE) and len(w) > 3 and _ARABIC_SCRIPT.match(w) else w
        for w in words
    )


def _nisba(key: str) -> str | None:
    """The Arabic-script adjective of a one-word country key ('یونان' -> 'یونانی' Greek, 'سوریه' -> 'سوری')."""
    if " " in key or not _ARABIC_SCRIPT.match(key):
        return None
    base = key.rstrip("اه")
    return base if base.endswith("ی") else base + "ی"


def country_name(code: str) -> str:
    """Display name of an ISO 3166-1 alpha-2 code ('CZ' -> 'Czechia')."""
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise KeyError(code)
    return getattr(country, "common_name", None) or country.name


def english_demonym(code: str) -> str | None:
    """The English demonym used in party names for a country code ('PT' -> 'portuguese'), None if none."""
    return next((word for word, demonym_code in _DEMONYMS.items() if demonym_code == code), None)


def iso_names() -> dict[str, str]:
    """English ISO names (short, common, official and the part before a comma) -> code."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(value, country.alpha_2)
                names.setdefault(value.split(",")[0], country.alpha_2)
    return names


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    """Folded country name (English and translations, site names) -> code ('' for no country)."""
    english = iso_names()
    keys: dict[str, str] = {country_key(name): code for name, code in english.items()}
    # short names before official ones: a catalogue's slip in a long form ('State of ...') must not win
    short = [(n, c.alpha_2) for c in pycountry.countries for a in ("name", "common_name") if (n := getattr(c, a, None))]
    official = [(c.official_name, c.alpha_2) for c in pycountry.countries if getattr(c, "official_name", None)]
    for language in _TRANSLATION_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for name, code in [*short, *official]:
            translated = catalogue.gettext(name)
            for form in (translated, translated.split(",")[0], translated.split("،")[0]):   # 'ایران، جمهوری اسلامی'
                keys.setdefault(country_key(form), code)
    keys.update((country_key(name), code) for name, code in _PLACE_NAMES.items())
    for key, code in list(keys.items()):
        if code and (adjective := _nisba(key)):
            keys.setdefault(adjective, code)
    keys.pop("", None)
    return keys


def _lookup(phrase: str, *, cities: bool) -> str | None:
    """Code for a whole phrase ('' for a known place with no country), None when unknown."""
    key = country_key(phrase)
    if key.startswith("the "):
        key = key[4:]
    if key in _country_keys():
        return _country_keys()[key]
    if cities:
        return _CITIES.get(key)
    return None


def _result(code: str | None) -> tuple[str, str] | None:
    return (country_name(code), code) if code else None


def country_of(text: str) -> tuple[str, str] | None:
    """Country of a place or country phrase: 'Lisbon, Portugal' -> ('Portugal', 'PT'); None if unknown."""
    whole = _lookup(text, cities=True)
    if whole is not None:
        return _result(whole)
    for part in reversed(_SPLIT_PARTS.split(text.strip(" .\t"))):
        code = _lookup(part, cities=True)
        if code is not None:
            return _result(code)
    return None


def is_country_name(text: str) -> bool:
    """Whether the whole text names a country or nation ('Cyprus', 'Britain', 'the Philippines'); cities do not count."""
    return bool(text) and len(text) <= 60 and _lookup(text.strip(" .,;:()[]\"'"), cities=False) is not None


def split_country(name: str) -> tuple[str, str | None]:
    """'AKEL, Cyprus' / 'Algeria, PADS' / 'Greece - KKE' / 'Communist Party (Italy)' -> (party, country);
    (name, None) when no side of a separator, nor a trailing parenthesis, is a country."""
    for separator in _PARTY_COUNTRY_SEPARATOR.finditer(name):
        left, right = name[:separator.start()].strip(), name[separator.end():].strip()
        if left and right and is_country_name(left):
            return right, left
        if left and right and is_country_name(right):
            return left, right
    tail = _PAREN.match(name)
    if tail and tail["head"] and is_country_name(tail["inner"]):
        return tail["head"], tail["inner"].strip()
    return name, None


def _scan(words: list[str]) -> str | None:
    """First country name or demonym among the words, longest n-gram first at each position."""
    for start in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[start:start + size])
            if len(words) - start < size:
                continue
            code = _DEMONYMS.get(phrase)
            if code is None:
                code = _country_keys().get(phrase)
            if code is not None:
                return code
    return None


def country_from_party_name(name: str) -> tuple[str, str] | None:
    """Country named by a party name: 'Communist Party of X', 'X-ian Communist Party', 'Party, Country' ..."""
    _, country = split_country(name)
    if country is not None:
        return _result(_lookup(country, cities=False))
    paren = _PAREN.match(name)
    core = paren["head"] if paren and paren["head"] else name
    of_tail = _OF_TAIL.search(core)
    if of_tail:
        code = _lookup(of_tail["tail"], cities=False)
        if code:
            return _result(code)
    return _result(_scan(country_key(core).split()))
