"""One rule for what an event path is (`crawler.urls.is_event_path`): `/event/<slug>`, never the `/events/` section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.events import read_event_sightings
from crawler.templates import parse_event_page

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str) -> tuple[str, str]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8"), expected["page_url"]


@pytest.mark.parametrize(
    "url",
    ["https://www.solidnet.org/events/", "https://www.solidnet.org/event/", "https://www.solidnet.org/news/events/"],
)
def test_dated_page_off_an_event_path_is_no_event(url: str) -> None:
    html, _ = _fixture("generic-events-section")
    sightings = read_event_sightings(html, url)
    assert (sightings.records, sightings.problems) == ([], [])


def test_the_same_markup_on_an_event_path_is_an_event() -> None:
    html, _ = _fixture("generic-events-section")
    page = parse_event_page(html, "https://www.solidnet.org/event/Events-of-the-Year/")
    assert page is not None
    assert (page.start_iso, page.end_iso) == ("2026-12-29", "2027-01-03")


def test_link_to_the_events_section_is_no_event_teaser() -> None:
    html, url = _fixture("apollo-side-list-all-events")
    sightings = read_event_sightings(html, url)
    assert [r.title for r in sightings.records] == ["XXI Congress of the Portuguese Communist Party"]
    assert sightings.problems == []
