"""Month, weekday and filler words by language, read once from dateparser's locale data."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dateparser.languages.loader import default_loader

MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words that join the two ends of a range ("3 to 5", "del 3 al 5", "du 3 au 5", "с 3 по 5").
RANGE_WORDS = frozenset({
    "to", "till", "until", "through", "thru", "and", "al", "a", "y", "au", "et", "e",
    "bis", "und", "до", "по", "и",
})
# Words a date expression may carry that say nothing about the date.
FILLER_WORDS = frozenset({
    "of", "the", "on", "in", "at", "from", "between", "de", "del", "da", "do", "du", "le",
    "la", "el", "em", "en", "desde", "entre", "dal", "vom", "am", "с", "со",
})
# Year markers written after the year ("2017 г.").
YEAR_MARKS = frozenset({"г", "гг", "год", "года"})


def fold(word: str) -> str:
    """Case-fold, drop accents and a trailing period: the key every lookup uses."""
    decomposed = unicodedata.normalize("NFD", word.casefold().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Vocabulary:
    """Folded words of some languages: months (-> 1..12), weekdays and fillers."""

    months: dict[str, int]
    weekdays: frozenset[str]
    fillers: frozenset[str]


@lru_cache(maxsize=32)
def vocabulary(languages: tuple[str, ...]) -> Vocabulary:
    """Merge the locale data of `languages`.

    Month forms of one or two letters and weekday abbreviations of up to three letters
    are left out: they are ordinary words too ('Ka', 'Paz' in 'La Paz').
    """
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    fillers: set[str] = {fold(w) for w in FILLER_WORDS}
    for language in languages:
        info = default_loader.get_locale(language).info
        for number, key in enumerate(MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                folded = fold(name)
                if len(folded) > 2 and " " not in folded:
                    months.setdefault(folded, number)
        for key in WEEKDAY_KEYS:
            weekdays.update(fold(n) for n in info.get(key, ()) if len(fold(n)) > 3)
        fillers.update(fold(w) for w in info.get("skip", ()) if len(w) > 1 and w.isalpha())
    fillers -= {fold(w) for w in RANGE_WORDS}
    return Vocabulary(months, frozenset(weekdays), frozenset(fillers))
