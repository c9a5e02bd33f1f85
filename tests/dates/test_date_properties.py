"""Property tests: every day written in the site's formats reads back; nothing raises."""
from __future__ import annotations

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
