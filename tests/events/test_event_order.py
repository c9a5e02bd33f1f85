"""The events export does not depend on the order pages finish downloading in."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.exporters import encode, merged_events
from crawler.extract.events import EventBook, EventRecord, read_event_sightings
from crawler.items import EventSightings

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"


def _sightings(name: str) -> EventSightings:
    """The events one fixture page yields, as the extract pipeline hands them to the feed."""
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    return EventSightings(expected["page_url"], read_event_sightings(html, expected["page_url"]).records)


ALL_RECORDS = [
    record
    for path in sorted(FIXTURES.glob("*.records.json"))
    for record in _sightings(path.name.removesuffix(".records.json")).records
]


def _book(records: list[EventRecord]) -> list[dict[str, object]]:
    book = EventBook()
    for record in records:
        book.add(record)
    return [r.to_dict() for r in book]


@settings(max_examples=200, deadline=None)
@given(st.permutations(ALL_RECORDS))
def test_event_book_is_the_same_in_any_order(records: list[EventRecord]) -> None:
    assert _book(records) == _book(ALL_RECORDS)


# Pages that show the same teaser-only events with other spellings and locations, and a detail page.
PAGES = ["apollo-article", "apollo-side-list-variants", "apollo-list-ajax-events", "mercury-event"]


def _export(items: tuple[EventSightings, ...]) -> bytes:
    book = EventBook()
    for item in items:
        for record in item.records:
            book.add(record)
    return b"".join(encode(event) for event in merged_events(book, {}, "2026-01-01T00:00:00+00:00"))


def test_events_feed_is_byte_identical_in_every_arrival_order() -> None:
    items = [_sightings(name) for name in PAGES]
    outputs = {_export(order) for order in permutations(items)}
    assert len(outputs) == 1
    lines = [json.loads(line) for line in outputs.pop().splitlines()]
    congress = next(line for line in lines if line["id"] == "ev-23e029c7778d")
    assert (congress["title"], congress["location"]) == ("XXI Congress of the Portuguese Communist Party", "Portugal")
