"""Event JSON-LD goes through the shared reader: escaped strings are unescaped, so ids match the teasers'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.events import EventRecord, event_from_page, event_from_teaser
from crawler.templates import parse_event_page, parse_event_teasers

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str) -> tuple[str, str]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8"), expected["page_url"]


@pytest.mark.parametrize("escaped", ["&#039;", "&amp;#039;"], ids=["mercury", "mercury-11"])
def test_json_ld_event_title_is_unescaped_and_matches_its_teaser(escaped: str) -> None:
    html, url = _fixture("generic-event-jsonld-escaped")
    page = parse_event_page(html.replace("&#039;", escaped), url)
    assert page is not None
    assert (page.title, page.location) == ("Public Meeting on Workers' Rights", "Workers' Centre, Athens")
    list_html, list_url = _fixture("mercury-event")
    teaser = next(t for t in parse_event_teasers(list_html, list_url) if t.url == page.url)
    from_page, from_teaser = event_from_page(page), event_from_teaser(teaser)
    assert isinstance(from_page, EventRecord) and isinstance(from_teaser, EventRecord)
    assert from_page.id == from_teaser.id
