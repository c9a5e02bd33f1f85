"""Spanish, Portuguese, French and Russian party names rendered in English words for matching.

'Parti communiste d'Inde (marxiste)' -> 'communist party of india (marxist)',
'Коммунистическая партия Чехии и Моравии' -> 'communist party of bohemia and moravia'.
Only the generic party vocabulary, country names (pycountry translations, Russian matched by stem so that
genitives such as 'Греции' find 'Греция') and demonyms are translated; other words are kept as written.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from crawler.parties.countries import english_demonym, fold, iso_names

_LANGUAGES = ("es", "fr", "pt", "ru")

# Generic party vocabulary (folded) -> (English, role). Roles: 'head' a party-like noun, 'adj' an adjective
# that Romance languages put after the head, 'word' anything else.
_ROMANCE: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("partido", "parti", "partit"), ("party", "head")),
    **dict.fromkeys(("frente", "front"), ("front", "head")),
    **dict.fromkeys(("union", "uniao"), ("union", "head")),
    **dict.fromkeys(("movimiento", "movimento", "mouvement"), ("movement", "head")),
    **dict.fromkeys(("comunista", "communiste"), ("communist", "adj")),
    **dict.fromkeys(("comunistas", "communistes"), ("communists", "word")),
    **dict.fromkeys(("obrero", "obrera", "operario", "operaria", "ouvrier", "ouvriere"), ("workers", "adj")),
    **dict.fromkeys(("trabajadores", "trabalhadores", "travailleurs"), ("workers", "word")),
    **dict.fromkeys(("trabajo", "trabalho", "travail"), ("labour", "word")),
    **dict.fromkeys(("socialista", "socialiste"), ("socialist", "adj")),
    **dict.fromkeys(
        ("revolucionario", "revolucionaria", "revolutionnaire"), ("revolutionary", "adj")
    ),
    **dict.fromkeys(("democratico", "democratica", "democratique"), ("democratic", "adj")),
    **dict.fromkeys(("popular", "populaire"), ("popular", "adj")),
    **dict.fromkeys(("unificado", "unificada", "unifie", "unifiee"), ("unified", "adj")),
    **dict.fromkeys(("unido", "unida", "uni", "unie"), ("united", "adj")),
    **dict.fromkeys(("marxista", "marxiste"), ("marxist", "adj")),
    **dict.fromkeys(("leninista", "leniniste"), ("leninist", "adj")),
    **dict.fromkeys(("maoista", "maoiste"), ("maoist", "adj")),
    **dict.fromkeys(("nuevo", "nueva", "novo", "nova", "nouveau", "nouvelle"), ("new", "word")),
    **dict.fromkeys(("pueblo", "povo", "peuple"), ("people", "word")),
    **dict.fromkeys(("pueblos", "povos", "peuples"), ("peoples", "word")),
    **dict.fromkeys(("de", "d", "do", "du"), ("of", "word")),
    **dict.fromkeys(("del", "da", "dos", "das", "des"), ("of the", "word")),
    **dict.fromkeys(("el", "la", "los", "las", "le", "les", "l", "o", "os", "as"), ("the", "word")),
    **dict.fromkeys(("y", "e", "et"), ("and", "word")),
    **dict.fromkeys(("en", "em", "au"), ("in", "word")),
}

# Russian: exact word forms first, then stems taking an inflection of up to three letters.
_RUSSIAN_WORDS = {"коммунистов": "of communists", "коммунисты": "communists", "труда": "of labour",
                  "народов": "of the peoples",
                  "и": "and", "в": "in"}
_RUSSIAN_STEMS = {
    "коммунистическ": "communist", "парти": "party", "рабоч": "workers", "трудов": "labour",
    "народн": "peoples", "революционн": "revolutionary", "социалистическ": "socialist",
    "демократическ": "democratic", "объединенн": "unified", "нов": "new", "марксистск": "marxist",
    "ленинск": "leninist", "маоистск": "maoist", "союз": "union", "фронт": "front",
    "движени": "movement", "прогрессивн": "progressive",
}
_INFLECTION = 3

# Demonym stems (es/pt, fr, ru; folded when loaded) by country code, each taking an ending of up to 3 letters.
_DEMONYM_STEMS = {
    "AL": "albanes albanais албанск", "AR": "argentin аргентинск", "AT": "austriac autrichien австрийск",
    "BE": "belga belge бельгийск", "BG": "bulgar болгарск", "BO": "bolivian bolivien боливийск",
    "BR": "brasilen brasileir bresilien бразильск", "BY": "bielorrus belarusse белорусск",
    "CA": "canadiense canadien канадск", "CH": "suizo suica suico suisse швейцарск",
    "CL": "chilen chilien чилийск", "CN": "chino chinois китайск", "CO": "colombian colombien колумбийск",
    "CU": "cuban cubain кубинск", "CY": "chipriot cipriot chypriot кипрск", "CZ": "checo checa tcheque чешск",
    "DE": "aleman alema allemand немецк германск", "DK": "danes dinamarques danois датск",
    "DO": "dominican dominicain доминиканск", "DZ": "argelin algerien алжирск",
    "EC": "ecuatorian equatorian equatorien эквадорск", "EG": "egipci egypcien египетск",
    "ES": "espanol espanhol espagnol испанск", "FI": "finlandes finnois финск финляндск",
    "FR": "frances francais французск", "GB": "britanic britannique британск",
    "GR": "grieg greg grec греческ", "GT": "guatemaltec guatemalien гватемальск",
    "HU": "hungar hongrois венгерск", "IE": "irlandes irlandais ирландск", "IN": "indien индийск",
    "IQ": "iraqui iraquien иракск", "IR": "irani iranien иранск", "IT": "italian italien итальянск",
    "JO": "jordan jordanien иорданск", "JP": "japones japonais японск", "LA": "laosian laotien лаосск",
    "LB": "libanes libanais ливанск", "LU": "luxemburgues luxembourgeois люксембургск",
    "MX": "mexican mexicain мексиканск", "NL": "holandes neerlandais нидерландск",
    "PE": "peruan peruvien перуанск", "PH": "filipin philippin филиппинск",
    "PK": "paquistani pakistanais пакистанск", "PL": "polaco polonais польск",
    "PS": "palestin палестинск", "PT": "portugues portugais португальск",
    "PY": "paraguay парагвайск", "RO": "ruman romen roumain румынск",
    "RU": "ruso rusa russe russo русск российск", "SD": "sudanes soudanais суданск",
    "SE": "sueco sueca suedois шведск", "SV": "salvadoren salvadorien сальвадорск",
    "SY": "sirio syrien сирийск", "TN": "tunecin tunisian tunisien тунисск", "TR": "turc турецк",
    "UA": "ucranian ukrainien украинск", "UY": "uruguay уругвайск",
    "VE": "venezolan venezuelan venezuelien венесуэльск", "VN": "vietnamit vietnamien вьетнамск",
    "ZA": "sudafrican sul_african sud_africain южноафриканск южно_африканск",
}

# Places without an ISO name of their own, or whose registry spelling differs from ISO's.
_PLACES = {
    "Bohemia and Moravia": "bohemia y moravia, boemia e moravia, boheme et moravie, чехия и моравия",
    "Korea": "corea, coreia, coree, корея",
    "Britain": "gran bretana, gra bretanha, grande bretagne, великобритания, британия",
    "Macedonia": "macedonia, macedonie, македония",
    "Russia": "rusia, russia, russie, россия",
    "Kyrgyzstan": "kirguistan, quirguistao, kirghizistan, кыргызстан, киргизия",
    "Russian Federation": "federacion de rusia, federacao da russia, federation de russie",
    "Catalonia": "cataluna, catalunya, catalunha, catalogne, каталония",
    "Soviet Union": "union sovietica, uniao sovietica, union sovietique, советский союз",
}

# English renderings that the registry spells another way; each adds a second form to try.
_REWRITES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bparty of (?:the )?(?:labour|workers)\b", "workers party"),
        (r"\blabour party\b", "workers party"),
        (r"\bparty of (?:the )?people\b", "peoples party"),
    )
)

_MAX_PLACE_WORDS = 4
_PARTICLES = frozenset({"of", "in", "and", "the"})
_RUN = re.compile(r"[^\W\d_]+(?:(?:[-'’]|\s+)[^\W\d_]+)*")
_ELISION = re.compile(r"\b([dl])['’](?=\w)", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-я]")
# Russian endings: consonant-final case endings of adjectives and plurals, then final vowels ('й' folded)
_RUSSIAN_CASE = re.compile(r"(?:ого|его|ому|ему|ых|их|ов|ев)$")
_RUSSIAN_VOWELS = "аеиоуыэюяь"


def _stem(word: str) -> str:
    """A Russian word without its ending ('Греции', 'Греция' -> 'грец'; 'Советского' -> 'советск')."""
    if not _CYRILLIC.search(word):
        return word
    return _RUSSIAN_CASE.sub("", word).rstrip(_RUSSIAN_VOWELS)


def _place_key(words: list[str]) -> tuple[str, ...]:
    return tuple(_stem(word) for word in words)


@lru_cache(maxsize=1)
def _places() -> dict[tuple[str, ...], str]:
    """Place name in es/fr/pt/ru (stemmed words) -> English name as party names use it."""
    english_of_code = {
        country.alpha_2: getattr(country, "common_name", None) or country.name.split(",")[0]
        for country in pycountry.countries
    }
    english_names = iso_names()
    places: dict[tuple[str, ...], str] = {}
    for language in _LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for name, code in english_names.items():
            translated = catalogue.gettext(name)
            for form in (translated, translated.split(",")[0]):
                key = _place_key(fold(form).split())
                if key and len(key) <= _MAX_PLACE_WORDS:
                    places.setdefault(key, english_of_code[code])
    for english, names in _PLACES.items():
        for name in names.split(", "):
            places[_place_key(fold(name).split())] = english
    return places


@lru_cache(maxsize=1)
def _demonyms() -> list[tuple[str, str]]:
    """(stem with words joined by spaces, English demonym), longest stems first."""
    stems = [
        (fold(stem.replace("_", " ")), english)
        for code, spelled in _DEMONYM_STEMS.items()
        if (english := english_demonym(code))
        for stem in spelled.split()
    ]
    return sorted(stems, key=lambda item: -len(item[0]))


def _inflected(word: str, stem: str) -> bool:
    return word.startswith(stem) and len(word) - len(stem) <= _INFLECTION and " " not in word[len(stem):]


def _place_at(words: list[str], start: int) -> tuple[int, str, str] | None:
    for size in range(min(_MAX_PLACE_WORDS, len(words) - start), 0, -1):
        place = _places().get(_place_key(words[start:start + size]))
        if place is not None:
            return size, place.lower(), "place"
    return None


def _demonym_at(words: list[str], start: int) -> tuple[int, str, str] | None:
    for size in range(min(2, len(words) - start), 0, -1):
        phrase = " ".join(words[start:start + size])
        for stem, english in _demonyms():
            if _inflected(phrase, stem):
                return size, english, "adj"
    return None


def _translate_at(words: list[str], start: int, after_particle: bool) -> tuple[int, str, str] | None:
    """(words used, English, role) for the longest known phrase at start, None for an unknown word.

    The longer of a place and a demonym wins; a word that is both ('suisse') is the place after 'of', 'in'
    ... or at the start of a run, the demonym elsewhere.
    """
    place, demonym = _place_at(words, start), _demonym_at(words, start)
    if place and demonym and place[0] == demonym[0]:
        return place if after_particle else demonym
    if place or demonym:
        return max(filter(None, (place, demonym)), key=lambda found: found[0])
    word = words[start]
    if word in _ROMANCE:
        return 1, *_ROMANCE[word]
    if word in _RUSSIAN_WORDS:
        return 1, _RUSSIAN_WORDS[word], "word"
    stem = max((stem for stem in _RUSSIAN_STEMS if _inflected(word, stem)), key=len, default=None)
    return (1, _RUSSIAN_STEMS[stem], "word") if stem else None


def _translate_run(run: str) -> str:
    """English words for one run of words: Romance adjectives moved before their head, 'of' before places."""
    words = fold(_ELISION.sub(r"\1e ", run)).split()
    out: list[tuple[str, str]] = []
    start = 0
    while start < len(words):
        after_particle = not out or out[-1][0].split()[-1] in _PARTICLES
        found = _translate_at(words, start, after_particle)
        size, english, role = found if found else (1, words[start], "word")
        if role == "place" and not after_particle:
            out.append(("of", "word"))
        out.append((english, role))
        start += size
    for index, (_, role) in enumerate(out):
        if role == "head":
            end = index + 1
            while end < len(out) and out[end][1] == "adj":
                end += 1
            out[index:end] = [*reversed(out[index + 1:end]), (out[index][0], "moved")]
    return " ".join(english for english, _ in out)


def english_forms(name: str) -> list[str]:
    """English renderings of a foreign party name to try in order; [] when nothing in it was translated."""
    english = _RUN.sub(lambda match: _translate_run(match.group()), name)
    if fold(english) == fold(name):
        return []
    forms = [english]
    for pattern, replacement in _REWRITES:
        rewritten = pattern.sub(replacement, english)
        if rewritten != english:
            forms.append(rewritten)
    return forms
