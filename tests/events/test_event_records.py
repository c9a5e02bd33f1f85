"""Golden tests: raw event strings -> event records, problems, and merging sightings of one event."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from crawler.extract.events import (
    EventBook,
    EventProblem,
    EventRecord,
    event_from_page,
    event_from_teaser,
    merge_events,
)
from crawler.templates import EventPage, EventTeaser, parse_event_page, parse_event_teasers

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CASES = sorted(FIXTURES.glob("*.records.json"))


def _fixture(name: str) -> tuple[str, str]:
    """(HTML, page URL) of a fixture."""
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8"), expected["page_url"]


def _events(name: str) -> list[EventRecord | EventProblem]:
    """Every event a fixture yields: its teasers in page order, then its detail page."""
    html, url = _fixture(name)
    events = [event_from_teaser(t) for t in parse_event_teasers(html, url)]
    page = parse_event_page(html, url)
    return events + ([event_from_page(page)] if page else [])


def _as_json(event: EventRecord | EventProblem) -> dict:
    return {"problem": asdict(event)} if isinstance(event, EventProblem) else event.to_dict()


@pytest.mark.parametrize("records_path", CASES, ids=lambda p: p.name)
def test_records_golden(records_path: Path) -> None:
    name = records_path.name.removesuffix(".records.json")
    expected = json.loads(records_path.read_text(encoding="utf-8"))
    assert [_as_json(e) for e in _events(name)] == expected


def test_event_book_merges_every_fixture_golden() -> None:
    book = EventBook()
    for records_path in CASES:
        for event in _events(records_path.name.removesuffix(".records.json")):
            if isinstance(event, EventRecord):
                book.add(event)
    expected = json.loads((HERE / "event-book.expected.json").read_text(encoding="utf-8"))
    assert [r.to_dict() for r in book] == expected


def test_same_event_on_fifty_pages_is_one_event() -> None:
    html, _ = _fixture("apollo-article")
    pages = [f"https://www.solidnet.org/article/Statement-{n}/" for n in range(50)]
    book = EventBook()
    for page in pages:
        for teaser in parse_event_teasers(html, page):
            record = event_from_teaser(teaser)
            assert isinstance(record, EventRecord)
            book.add(record)
    assert len(book) == 2
    assert [list(r.source_urls) for r in book] == [sorted(pages), sorted(pages)]


def test_id_ignores_url_and_title_spelling() -> None:
    linked = EventTeaser("45th edition of the «Avante!» Festival", "https://www.solidnet.org/event/Avante/",
                         "September 3, 2021 - September 5, 2021", "Portugal", "https://www.solidnet.org/a/")
    unlinked = EventTeaser("45th  Edition of the \"Avante!\" festival", None,
                           "Sep 3, 2021 - Sep 5, 2021", None, "https://www.solidnet.org/b/")
    first, second = event_from_teaser(linked), event_from_teaser(unlinked)
    assert isinstance(first, EventRecord) and isinstance(second, EventRecord)
    assert first.id == second.id
    assert first.id.startswith("ev-") and len(first.id) == 15


@pytest.mark.parametrize("teaser_first", [True, False])
def test_detail_page_wins_over_teaser_in_either_order(teaser_first: bool) -> None:
    side_html, side_url = _fixture("apollo-side-list-title-last")
    avante_teaser = event_from_teaser(parse_event_teasers(side_html, side_url)[2])
    detail_html, detail_url = _fixture("apollo-event-avante")
    page = parse_event_page(detail_html, detail_url)
    assert page is not None
    avante_page = event_from_page(page)
    assert isinstance(avante_teaser, EventRecord) and isinstance(avante_page, EventRecord)
    merged = merge_events(avante_teaser, avante_page) if teaser_first else merge_events(avante_page, avante_teaser)
    assert (merged.location, merged.url) == ("Seixal, Portugal", detail_url)
    assert merged.description is not None and merged.description.startswith("Three days of politics")
    assert merged.source_urls == tuple(sorted({side_url, detail_url}))


def test_calendar_sheet_teaser_does_not_shorten_a_longer_range() -> None:
    day_only = EventTeaser("2nd Congress of Communists of Catalonia", None, "18 Sep 2020", None, "https://x/1")
    full = EventTeaser("2nd Congress of Communists of Catalonia", None, "September 18, 2020 - September 19, 2020",
                       "Barcelona", "https://x/2")
    short, long = event_from_teaser(day_only), event_from_teaser(full)
    assert isinstance(short, EventRecord) and isinstance(long, EventRecord)
    merged = merge_events(short, long)
    assert (merged.end_date, merged.location, merged.country_code) == ("2020-09-19", "Barcelona", "ES")


def test_merging_different_events_is_refused() -> None:
    html, url = _fixture("apollo-events")
    first, second = (event_from_teaser(t) for t in parse_event_teasers(html, url)[:2])
    assert isinstance(first, EventRecord) and isinstance(second, EventRecord)
    with pytest.raises(ValueError):
        merge_events(first, second)


@pytest.mark.parametrize(
    ("start_iso", "end_iso", "exclusive", "expected"),
    [
        ("2020-09-18", "2020-09-20", True, ("2020-09-18", "2020-09-19")),       # JSON-LD whole days
        ("2020-09-18T00:00", "2020-09-20T00:00", True, ("2020-09-18", "2020-09-19")),
        ("2020-10-01T19:00:00+03:00", "2020-10-01T21:00:00+03:00", True, ("2020-10-01", "2020-10-01")),
        ("2020-09-18", "2020-09-18", True, ("2020-09-18", "2020-09-18")),
        ("2020-09-18", "2020-09-19", False, ("2020-09-18", "2020-09-19")),     # <time datetime>: inclusive
        ("2020-09-18", None, False, ("2020-09-18", "2020-09-18")),
    ],
)
def test_machine_readable_dates(start_iso: str, end_iso: str | None, exclusive: bool,
                                expected: tuple[str, str]) -> None:
    page = EventPage("Congress", None, None, None, "https://www.solidnet.org/event/c/",
                     start_iso=start_iso, end_iso=end_iso, end_exclusive=exclusive)
    record = event_from_page(page)
    assert isinstance(record, EventRecord)
    assert (record.start_date, record.end_date) == expected


def test_page_without_any_date_is_a_problem() -> None:
    page = EventPage("Congress", None, "Athens", None, "https://www.solidnet.org/event/c/")
    expected = EventProblem("unreadable date", "https://www.solidnet.org/event/c/", None, "Congress")
    assert event_from_page(page) == expected


def test_an_event_gets_the_capture_of_its_detail_page_else_of_the_first_page_by_url() -> None:
    side_html, side_url = _fixture("apollo-side-list-title-last")
    teaser = event_from_teaser(parse_event_teasers(side_html, side_url)[2])
    detail_html, detail_url = _fixture("apollo-event-avante")
    page = parse_event_page(detail_html, detail_url)
    assert page is not None and isinstance(teaser, EventRecord)
    detail = event_from_page(page)
    assert isinstance(detail, EventRecord) and detail.id == teaser.id

    def capture(url: str, n: int) -> dict[str, str]:
        return {"url": url, "record_id": f"<urn:uuid:{n}>", "file": "a.warc.gz", "digest": "sha1:X", "fetched_at": "2025-01-01T00:00:00+00:00"}

    book = EventBook()
    book.add(teaser)
    assert [book.capture(r) for r in book] == [None]   # no page of it archived
    book.add(teaser, capture("https://www.solidnet.org/z/", 1))
    book.add(teaser, capture("https://www.solidnet.org/b/", 2))
    assert [book.capture(r) for r in book] == [capture("https://www.solidnet.org/b/", 2)]
    book.add(detail, capture(detail_url, 3))
    assert [book.capture(r) for r in book] == [capture(detail_url, 3)]
