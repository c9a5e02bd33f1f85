"""Property tests: every day written in the site's formats reads back; nothing raises."""
from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract.datelines import parse_dateline
from crawler.extract.dates import DateRange, parse_date_range
from crawler.extract.stamps import parse_stamp

DAYS = st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2069, 12, 31, 23, 59))


def _short_both(moment: datetime, comma: str, space: str) -> str:
    return f"{moment.month}/{moment.day}/{moment:%y}{comma} {moment.hour % 12 or 12}:{moment:%M}{space}{moment:%p}"


@given(MOMENTS, st.sampled_from(["", ","]), st.sampled_from([" ", "\u202f", "\u00a0"]))
def test_short_stamp_round_trip(moment: datetime, comma: str, space: str) -> None:
    assert parse_stamp(_short_both(moment, comma, space)) == moment.replace(second=0, microsecond=0)


@given(MOMENTS)
def test_long_stamp_round_trip(moment: datetime) -> None:
    text = f"{moment:%B} {moment.day}, {moment.year} {moment.hour % 12 or 12}:{moment:%M} {moment:%p}"
    assert parse_stamp(text) == moment.replace(second=0, microsecond=0)


@given(DAYS, st.integers(min_value=0, max_value=40))
def test_range_round_trip(start: date, length: int) -> None:
    end = date.fromordinal(min(start.toordinal() + length, date(2069, 12, 31).toordinal()))
    expected = DateRange(start, end)
    assert parse_date_range(f"{start.day} {start:%B} {start.year} - {end.day} {end:%B} {end.year}") == expected
    assert parse_date_range(f"{start:%b} {start.day}, {start.year} - {end:%b} {end.day}, {end.year}") == expected
    assert parse_date_range(f"{start:%Y-%m-%d} - {end:%Y-%m-%d}") == expected


@settings(deadline=None)   # timing is never asserted: the first call loads dateparser's language data
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_stamp(text)
    found = parse_date_range(text)
    assert found is None or isinstance(found, DateRange)
    dateline = parse_dateline(text)
    assert dateline is None or dateline.text == text.strip()


# Month names written out here by hand (not read from the code's vocabulary): en, es, fr, pt, it, de, ru.
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
}
RU_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]


def _ordinal(day: int, space: str = "") -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{space}{suffix}"


def _month(language: str, day: date) -> str:
    return MONTHS[language][day.month - 1]


# A range inside one month, as each language writes it: (language, format of start `a` and end `b`).
SAME_MONTH: list[Callable[[date, date], str]] = [
    lambda a, b: f"{a.day}-{b.day} {_month('en', a)} {a.year}",
    lambda a, b: f"{_month('en', a)} {a.day}-{b.day}, {a.year}",
    lambda a, b: f"{a.day} - {b.day} {_month('en', a)[:3]} {a.year}",
    lambda a, b: f"{_ordinal(a.day)} to {_ordinal(b.day)} {_month('en', a)} {a.year}",
    lambda a, b: f"{_ordinal(a.day, ' ')} to {_ordinal(b.day, ' ')} {_month('en', a)} {a.year}",
    lambda a, b: f"{_ordinal(a.day)}-{_ordinal(b.day)} of {_month('en', a)}, {a.year}",
    lambda a, b: f"{a.day}-{b.day} de {_month('es', a)} de {a.year}",
    lambda a, b: f"del {a.day} al {b.day} de {_month('es', a)} del {a.year}",
    lambda a, b: f"{a.day} - {b.day} {_month('fr', a)} {a.year}",
    lambda a, b: f"du {'1er' if a.day == 1 else a.day} au {b.day} {_month('fr', a)} {a.year}",
    lambda a, b: f"{a.day} a {b.day} de {_month('pt', a)} de {a.year}",
    lambda a, b: f"dal {a.day} al {b.day} {_month('it', a)} {a.year}",
    lambda a, b: f"{a.day}. bis {b.day}. {_month('de', a)} {a.year}",
    lambda a, b: f"{a.day}–{b.day} {_month('ru', a)} {a.year} г.",
    lambda a, b: f"с {a.day} по {b.day} {_month('ru', a)} {a.year} года",
]
# A range across months of one year (or, with `b` in the next year, across the new year; the start
# then carries its own year, or none, and the year of the end is meant for both).
ACROSS_MONTHS: list[Callable[[date, date, bool], str]] = [
    lambda a, b, y: f"{a.day} {_month('en', a)}{f' {a.year}' * y} - {b.day} {_month('en', b)} {b.year}",
    lambda a, b, y: f"{_month('en', a)} {a.day}{f', {a.year}' * y} - {_month('en', b)} {b.day}, {b.year}",
    lambda a, b, y: f"{_ordinal(a.day)} {_month('en', a)}{f' {a.year}' * y} to {_ordinal(b.day)} {_month('en', b)} {b.year}",
    lambda a, b, y: f"del {a.day} de {_month('es', a)}{f' de {a.year}' * y} al {b.day} de {_month('es', b)} de {b.year}",
    lambda a, b, y: f"{a.day} {_month('fr', a)}{f' {a.year}' * y} - {b.day} {_month('fr', b)} {b.year}",
    lambda a, b, y: f"{a.day} de {_month('pt', a)}{f' de {a.year}' * y} a {b.day} de {_month('pt', b)} de {b.year}",
    lambda a, b, y: f"{a.day} {_month('ru', a)}{f' {a.year} г.' * y} - {b.day} {_month('ru', b)} {b.year} г.",
]
# One day, in words.
ONE_DAY: list[Callable[[date], str]] = [
    lambda a: f"{_ordinal(a.day)} {_month('en', a)} {a.year}",
    lambda a: f"{_month('en', a)} {_ordinal(a.day)}, {a.year}",
    lambda a: f"{a.day} de {_month('es', a)} de {a.year}",
    lambda a: f"{'1er' if a.day == 1 else a.day} {_month('fr', a)} {a.year}",
    lambda a: f"{a.day} de {_month('pt', a)} de {a.year}",
    lambda a: f"{a.day} {_month('it', a)} {a.year}",
    lambda a: f"{a.day}. {_month('de', a)} {a.year}",
    lambda a: f"{a.day} {_month('ru', a)} {a.year} г.",
]
# A whole month, or a run of whole months of one year.
WHOLE_MONTHS: list[Callable[[date, date], str]] = [
    lambda a, b: f"{_month('en', a)} {a.year}" if a.month == b.month else f"{_month('en', a)} - {_month('en', b)} {a.year}",
    lambda a, b: f"{_month('es', a)} de {a.year}" if a.month == b.month else f"{_month('es', a)} - {_month('es', b)} de {a.year}",
    lambda a, b: f"{_month('fr', a)} {a.year}" if a.month == b.month else f"{_month('fr', a)} - {_month('fr', b)} {a.year}",
    lambda a, b: f"{RU_NOMINATIVE[a.month - 1]} {a.year}" if a.month == b.month else f"{RU_NOMINATIVE[a.month - 1]} - {RU_NOMINATIVE[b.month - 1]} {a.year}",
]
YEARS = st.integers(min_value=1990, max_value=2069)
PLACES = ["Athens", "Lisboa", "New Delhi", "Rio de Janeiro", "Москва", "Tshwane – South Africa", "Izmir, Turkiye"]


@st.composite
def same_month(draw: st.DrawFn) -> tuple[date, date]:
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2069, 12, 31)))
    last = calendar.monthrange(start.year, start.month)[1]
    return start, start.replace(day=draw(st.integers(min_value=start.day, max_value=last)))


@st.composite
def across_months(draw: st.DrawFn) -> tuple[date, date]:
    """Two days of one year in different months, the first before the second."""
    year = draw(YEARS)
    first, second = sorted(draw(st.lists(st.integers(1, 12), min_size=2, max_size=2, unique=True)))
    return _some_day(draw, year, first), _some_day(draw, year, second)


@st.composite
def new_year(draw: st.DrawFn) -> tuple[date, date]:
    """A range that runs into the next year, from a later month to an earlier one (December to January)."""
    year = draw(YEARS)
    later = draw(st.integers(2, 12))
    return _some_day(draw, year, later), _some_day(draw, year + 1, draw(st.integers(1, later - 1)))


def _some_day(draw: st.DrawFn, year: int, month: int) -> date:
    return date(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@given(same_month(), st.sampled_from(SAME_MONTH))
def test_a_range_inside_one_month_in_each_language(days: tuple[date, date], write: Callable[[date, date], str]) -> None:
    text = write(*days)
    assert parse_date_range(text) == DateRange(*days), text


@given(st.one_of(across_months(), new_year()), st.booleans(), st.sampled_from(ACROSS_MONTHS))
def test_a_range_across_months_or_into_the_next_year(
    days: tuple[date, date], start_year: bool, write: Callable[[date, date, bool], str]
) -> None:
    text = write(*days, start_year)
    assert parse_date_range(text) == DateRange(*days), text


@given(DAYS, st.sampled_from(ONE_DAY))
def test_one_day_in_words_with_ordinals_in_each_language(day: date, write: Callable[[date], str]) -> None:
    text = write(day)
    assert parse_date_range(text) == DateRange(day, day), text


@given(across_months() | same_month(), st.sampled_from(WHOLE_MONTHS))
def test_whole_months_cover_their_first_to_last_day(days: tuple[date, date], write: Callable[[date, date], str]) -> None:
    first, last = days
    text = write(first, last)
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    assert parse_date_range(text) == DateRange(first.replace(day=1), end), text


@given(same_month() | across_months(), st.sampled_from(SAME_MONTH + ACROSS_MONTHS), st.sampled_from(PLACES), st.booleans())
def test_a_dateline_gives_its_place_and_days(
    days: tuple[date, date], write: Callable[..., str], place: str, place_first: bool
) -> None:
    first, last = days
    if write in SAME_MONTH and (first.year, first.month) != (last.year, last.month):
        first = last.replace(day=1)
    date_text = write(first, last) if write in SAME_MONTH else write(first, last, True)
    line = f"{place}, {date_text}" if place_first else f"{date_text} {place}"
    found = parse_dateline(line)
    assert found is not None, line
    assert (found.place, found.date, found.end_date) == (place, first, last), line
