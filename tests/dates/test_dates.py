"""Golden tests of date expressions -> DateRange."""
from __future__ import annotations

from datetime import date

import pytest
from date_goldens import golden, golden_ids

from crawler.extract.dates import DateRange, parse_date_range

RANGES = golden("ranges")


@pytest.mark.parametrize("row", RANGES, ids=golden_ids(RANGES))
def test_parse_date_range(row: dict) -> None:
    found = parse_date_range(row["input"])
    assert ([found.start.isoformat(), found.end.isoformat()] if found else None) == row["expected"]


def test_is_valid() -> None:
    assert DateRange(date(2018, 11, 23), date(2018, 11, 25)).is_valid
    assert DateRange(date(2018, 11, 23), date(2018, 11, 23)).is_valid
    assert not DateRange(date(2018, 11, 25), date(2018, 11, 23)).is_valid


def test_languages_limit_month_names() -> None:
    assert parse_date_range("10 de novembro de 2016", languages=["en"]) is None
    assert parse_date_range("10 de novembro de 2016", languages=["pt"]) == DateRange(date(2016, 11, 10), date(2016, 11, 10))


def test_unknown_language_code_is_ignored() -> None:
    assert parse_date_range("25 November 2018", languages=["en", "xx"]) == DateRange(date(2018, 11, 25), date(2018, 11, 25))
