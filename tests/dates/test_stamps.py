"""Golden tests of the page stamp and the `From:` line."""
from __future__ import annotations

import pytest
from date_goldens import golden, golden_ids

from crawler.extract.stamps import parse_from_line, parse_stamp

STAMPS = golden("stamps")
FROM_LINES = golden("from_lines")


@pytest.mark.parametrize("row", STAMPS, ids=golden_ids(STAMPS))
def test_parse_stamp(row: dict) -> None:
    parsed = parse_stamp(row["input"])
    assert (parsed.isoformat() if parsed else None) == row["expected"]


@pytest.mark.parametrize("row", FROM_LINES, ids=golden_ids(FROM_LINES))
def test_parse_from_line(row: dict) -> None:
    parsed = parse_from_line(row["input"])
    assert (parsed.isoformat() if parsed else None) == row["expected"]


def test_stamp_is_naive() -> None:
    parsed = parse_stamp("2018-12-10T15:36:00-05:00")
    assert parsed is not None and parsed.tzinfo is None
