"""Date expressions -> `DateRange`: single days, day ranges, month ranges and whole months.

Known forms are read by a small grammar over `datetokens` tokens; dateparser is only a
fallback for a single day written in words the grammar does not know (never for ranges,
whose end it would silently drop), with the languages named and the settings fixed.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

from crawler.extract.datetokens import DATE, MONTH, NUM, SEP, WORD, Token, tokenize
from crawler.extract.months import vocabulary

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "pt", "ru", "ar", "tr", "de", "it", "el")
MIN_YEAR, MAX_YEAR = 1900, 2100

_FALLBACK_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "PARSERS": ["absolute-time"],
}


@dataclass(frozen=True)
class DateRange:
    """First and last day, both included; a single day has start == end."""

    start: date
    end: date

    @property
    def is_valid(self) -> bool:
        """The range does not end before it starts."""
        return self.start <= self.end


@dataclass(frozen=True)
class _Side:
    """What one side of a range says: some of day, month and year."""

    day: int | None = None
    month: int | None = None
    year: int | None = None


def language_key(languages: Sequence[str]) -> tuple[str, ...]:
    """The languages as a hashable key, unknown codes dropped."""
    return tuple(lang for lang in dict.fromkeys(languages) if _known_language(lang))


@lru_cache(maxsize=64)
def _known_language(code: str) -> bool:
    try:
        default_loader.get_locale(code)
    except (KeyError, ValueError):
        return False
    return True


def parse_date_range(text: str, languages: Sequence[str] = LANGUAGES) -> DateRange | None:
    """Read a date expression that stands alone; None if it is not one.

    Years inferred for the start of a range ('29 December - 2 January 2020') roll back one
    year when that is the only way the range can run forward. A range that still ends before
    it starts is returned as written (see `DateRange.is_valid`).
    """
    key = language_key(languages)
    tokens = tokenize(text, vocabulary(key))
    found = range_from_tokens(tokens)
    if found is not None or not _fallback_worthy(tokens):
        return found
    parsed = _fallback_parser(key).get_date_data(text).date_obj
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return DateRange(parsed.date(), parsed.date())


def range_from_tokens(tokens: Sequence[Token]) -> DateRange | None:
    """Apply the grammar to tokens; any unknown word makes it fail."""
    sides: list[list[Token]] = [[]]
    for token in _join_dashed_dates(tokens):
        if token.kind == WORD:
            return None
        if token.kind == SEP:
            if sides[-1]:
                sides.append([])
        elif token.kind in (NUM, MONTH, DATE):
            sides[-1].append(token)
    sides = [side for side in sides if side]
    if not sides or len(sides) > 2:
        return None
    first = _read_side(sides[0])
    if first is None:
        return None
    if len(sides) == 1:
        return _single(first)
    last = _read_side(sides[1])
    return _combine(first, last) if last is not None else None


def _join_dashed_dates(tokens: Sequence[Token]) -> list[Token]:
    """Drop the dashes of `25-Nov-2018` (number, dash, month, dash, number): one day, not a range."""
    kinds = [token.kind for token in tokens]
    dashes = {
        i + offset
        for i in range(len(tokens) - 4)
        if kinds[i : i + 5] == [NUM, SEP, MONTH, SEP, NUM]
        for offset in (1, 3)
    }
    return [token for i, token in enumerate(tokens) if i not in dashes]


def _read_side(tokens: list[Token]) -> _Side | None:
    """A full date token alone, or at most one day, one month and one (4-digit) year."""
    if (whole := tokens[0].day) is not None:
        return _Side(whole.day, whole.month, whole.year) if len(tokens) == 1 else None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    for token in tokens:
        if token.kind == DATE or (token.kind == MONTH and month is not None):
            return None
        if token.kind == MONTH:
            month = token.value
        elif token.digits >= 3 and year is None and MIN_YEAR <= token.value <= MAX_YEAR:
            year = token.value
        elif token.digits < 3 and day is None and 1 <= token.value <= 31:
            day = token.value
        else:
            return None
    return _Side(day, month, year)


def _single(side: _Side) -> DateRange | None:
    """One side alone: a day, or a whole month."""
    if side.month is None or side.year is None:
        return None
    if side.day is None:
        return _whole_months(side.year, side.month, side.year, side.month)
    day = _day(side.year, side.month, side.day)
    return DateRange(day, day) if day else None


def _combine(first: _Side, last: _Side) -> DateRange | None:
    """Two sides: each lends the other the month and year it leaves out."""
    if (first.day is None) != (last.day is None):
        return None
    first_month, last_month = first.month or last.month, last.month or first.month
    first_year, last_year = first.year or last.year, last.year or first.year
    if not (first_month and last_month and first_year and last_year):
        return None
    if first.year is None and first_month > last_month:
        first_year -= 1
    if first.day is None or last.day is None:
        return _whole_months(first_year, first_month, last_year, last_month)
    start, end = _day(first_year, first_month, first.day), _day(last_year, last_month, last.day)
    return DateRange(start, end) if start and end else None


def _whole_months(first_year: int, first_month: int, last_year: int, last_month: int) -> DateRange:
    """From the 1st of the first month to the last day of the last month."""
    last_day = calendar.monthrange(last_year, last_month)[1]
    return DateRange(date(first_year, first_month, 1), date(last_year, last_month, last_day))


def _day(year: int, month: int, day: int) -> date | None:
    """The day, or None if the calendar has no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _fallback_worthy(tokens: Sequence[Token]) -> bool:
    """Only a single day with a number and words the grammar does not know goes to dateparser."""
    kinds = {token.kind for token in tokens}
    return WORD in kinds and NUM in kinds and SEP not in kinds


@lru_cache(maxsize=16)
def _fallback_parser(languages: tuple[str, ...]) -> DateDataParser:
    return DateDataParser(languages=list(languages), settings=_FALLBACK_SETTINGS)
