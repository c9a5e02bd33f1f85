"""Golden tests of one dateline, and of finding the dateline in a body."""
from __future__ import annotations

import json

import pytest
from date_goldens import FIXTURES, golden, golden_ids

from crawler.extract.datelines import Dateline, find_dateline, parse_dateline

DATELINES = golden("datelines")
BODIES = sorted(FIXTURES.glob("*.txt"))


def _as_dict(dateline: Dateline) -> dict[str, str | None]:
    return {
        "place": dateline.place,
        "date": dateline.date.isoformat(),
        "end_date": dateline.end_date.isoformat(),
    }


@pytest.mark.parametrize("row", DATELINES, ids=golden_ids(DATELINES))
def test_parse_dateline(row: dict) -> None:
    found = parse_dateline(row["input"])
    assert (_as_dict(found) if found else None) == row["expected"]


def test_dateline_text_is_the_stripped_line() -> None:
    found = parse_dateline("  Beirut, 22-25 November 2012.\n")
    assert found is not None and found.text == "Beirut, 22-25 November 2012."


@pytest.mark.parametrize("body", BODIES, ids=[path.stem for path in BODIES])
def test_find_dateline(body) -> None:
    expected = json.loads(body.with_suffix(".json").read_text(encoding="utf-8"))
    result = find_dateline(body.read_text(encoding="utf-8").splitlines())
    got = {
        "dateline": {"text": result.dateline.text, **_as_dict(result.dateline)} if result.dateline else None,
        "unreadable": result.unreadable,
    }
    assert got == expected


def test_find_dateline_empty_body() -> None:
    result = find_dateline([])
    assert result.dateline is None and result.unreadable is None
