"""PartyTally: golden per-party totals from exported statement records."""

from __future__ import annotations

import json
import random
from pathlib import Path

from crawler.parties.tally import PartyTally, statement_date

FIXTURES = Path(__file__).with_name("fixtures")
RECORDS = json.loads((FIXTURES / "tally_records.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((FIXTURES / "tally_expected.json").read_text(encoding="utf-8"))


def test_tally_matches_golden_file() -> None:
    tally = PartyTally()
    for record in RECORDS:
        tally.add(record)
    assert tally.records() == EXPECTED


def test_tally_does_not_depend_on_record_order() -> None:
    shuffled = list(RECORDS)
    random.Random(7).shuffle(shuffled)
    tally = PartyTally()
    for record in shuffled:
        tally.add(record)
    assert tally.records() == EXPECTED


def test_empty_tally() -> None:
    assert PartyTally().records() == []


def test_statement_date_prefers_dateline_then_posted_at() -> None:
    assert [statement_date(record) and statement_date(record).isoformat() for record in RECORDS] == [
        "2018-11-25", "2021-03-02", None, "2021-03-02", "2004-10-09",
    ]
