"""Golden tests: event markup -> EventTeaser / EventPage raw strings."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from parsel import Selector

from crawler.templates import parse_event_page, parse_event_teasers
from crawler.templates.event_pages import clean_event_url

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*.expected.json"))


def _case(expected_path: Path) -> tuple[str, dict]:
    html = expected_path.with_name(expected_path.name.replace(".expected.json", ".html")).read_text(encoding="utf-8")
    return html, json.loads(expected_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("expected_path", CASES, ids=lambda p: p.name)
def test_teasers_golden(expected_path: Path) -> None:
    html, expected = _case(expected_path)
    teasers = parse_event_teasers(html, expected["page_url"])
    assert [asdict(t) for t in teasers] == expected["teasers"]


@pytest.mark.parametrize("expected_path", CASES, ids=lambda p: p.name)
def test_event_page_golden(expected_path: Path) -> None:
    html, expected = _case(expected_path)
    page = parse_event_page(html, expected["page_url"])
    assert (asdict(page) if page else None) == expected["page"]


def test_teasers_accept_a_selector() -> None:
    html, expected = _case(FIXTURES / "apollo-events.expected.json")
    teasers = parse_event_teasers(Selector(text=html), expected["page_url"])
    assert [asdict(t) for t in teasers] == expected["teasers"]


def test_teaser_date_excludes_the_location_whatever_the_element_order() -> None:
    title_first, _ = _case(FIXTURES / "apollo-article.expected.json")
    title_last, _ = _case(FIXTURES / "apollo-side-list-title-last.expected.json")
    first = parse_event_teasers(title_first, "https://www.solidnet.org/")[0]
    last = parse_event_teasers(title_last, "https://www.solidnet.org/")[0]
    assert (first.title, first.date_text, first.location) == (last.title, last.date_text, last.location)
    assert "Barcelona" not in last.date_text


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/event/A/?instancedate=1600376400000", "https://www.solidnet.org/event/A/"),
        ("/event/A/?instancedate=1600376400000&x=1", "https://www.solidnet.org/event/A/?x=1"),
        ("../event/B", "https://www.solidnet.org/event/B"),
        ("http://solidnet.org/event/C/#top", "http://solidnet.org/event/C/"),
        ("#", None),
        ("  ", None),
    ],
)
def test_clean_event_url(href: str, expected: str | None) -> None:
    assert clean_event_url(href, "https://www.solidnet.org/events/page") == expected
