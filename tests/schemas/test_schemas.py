"""The schemas are the one declaration of each record's shape: formats are enforced, time fields are
required, and the code that builds records agrees with them field for field."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from crawler.context import Status
from crawler.exporters import signatory_lines
from crawler.extract.statement import read_statement
from crawler.parties.resolver import PartyResolver
from crawler.records import build_record, template_name
from crawler.sample_site.content import SiteContent
from crawler.sample_site.site import SampleSite
from crawler.schemas import SIGNATORY_FIELDS, STATEMENT_FIELDS, problems, schema
from crawler.templates import all_templates, parse_article
from crawler.timefields import statement_times

NOW = "2025-06-01T12:00:00+00:00"
BASE_URL = "https://www.solidnet.org"


def seed_page() -> tuple[str, str]:
    """(URL, HTML) of the sample site's copy of the seed page (64 signatories)."""
    content = SiteContent()
    content.refresh()
    article = next(a for a in content.articles if a.name.startswith("01-seed"))
    page = SampleSite(content).get(article.path, "", BASE_URL)
    return BASE_URL + article.path, page.body


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    """The seed page's record as the pipelines build it."""
    url, html = seed_page()
    page = parse_article(html, url)
    assert page is not None
    built, _ = build_record(url, "apollo", read_statement(page), PartyResolver.shared())
    for entry in built["signatories"]:
        entry["first_seen"] = NOW
    built.update(statement_times(None, NOW, read_at=NOW, seen=True, gone=False, changed=True))
    return built


def test_the_built_record_has_the_schema_fields_in_order_and_holds_it(record: dict[str, Any]) -> None:
    assert tuple(record) == STATEMENT_FIELDS
    assert problems("statement", record) == []


def test_signatory_lines_have_the_schema_fields_in_order_and_hold_it(record: dict[str, Any]) -> None:
    lines = list(signatory_lines(record))
    assert len(lines) == len(record["initiators"]) + len(record["signatories"]) > 10
    for line in lines:
        assert tuple(line) == SIGNATORY_FIELDS
        assert problems("signatory", line) == []


@pytest.mark.parametrize("field", ["crawled_at", "first_seen", "last_seen", "last_changed", "removed_at"])
def test_every_time_field_is_required(record: dict[str, Any], field: str) -> None:
    without = {k: v for k, v in record.items() if k != field}
    assert problems("statement", without) != []


@pytest.mark.parametrize("field", ["crawled_at", "first_seen", "last_seen", "last_changed"])
def test_time_fields_every_record_has_are_not_null(record: dict[str, Any], field: str) -> None:
    assert problems("statement", {**record, field: None}) != []


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("crawled_at",), "not a date"),
        (("first_seen",), "2025-13-01T00:00:00+00:00"),
        (("last_seen",), "2025-06-01 12:00"),
        (("dateline", "date"), "2025-02-30"),
        (("dateline", "end_date"), "1 June 2025"),
        (("url",), "not a uri"),
        (("signatories", 0, "first_seen"), "yesterday"),
    ],
)
def test_malformed_date_times_dates_and_uris_are_rejected(record: dict[str, Any], where: tuple[Any, ...], value: str) -> None:
    broken = copy.deepcopy(record)
    if broken.get("dateline") is None:
        broken["dateline"] = {"text": "Athens, 25 November 2018", "place": "Athens", "date": "2018-11-25", "end_date": "2018-11-25"}
    target: Any = broken
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    assert problems("statement", broken) != [], f"{where} = {value!r} passed"


def test_an_event_with_a_malformed_date_is_rejected() -> None:
    event = {
        "id": "ev-0123456789ab", "title": "Congress", "start_date": "2025-06-01", "end_date": "2025-06-31", "location": None,
        "country": None, "country_code": None, "url": None, "source_urls": [], "description": None,
        "crawled_at": NOW, "first_seen": NOW, "last_seen": NOW, "last_changed": NOW,
    }
    assert problems("event", event) != []
    assert problems("event", {**event, "end_date": "2025-06-30"}) == []


def test_named_states_agree_with_the_schema_enums() -> None:
    pattern = re.compile(schema("statement")["properties"]["template"]["pattern"])
    assert all(pattern.fullmatch(template.name) for template in all_templates())
    assert {template_name(template.name) for template in all_templates()} == {t.name for t in all_templates()}
    assert {s.value for s in Status} == set(schema("run")["properties"]["status"]["enum"])


def test_a_run_record_needs_its_times() -> None:
    run = {
        "run_id": "r", "spider": "events", "started_at": NOW, "ended_at": NOW, "status": "ok", "reason": None,
        "finish_reason": "finished", "counts": {"pages": 3}, "published": True,
    }
    assert problems("run", run) == []
    assert problems("run", {**run, "ended_at": None}) != []
    assert problems("run", {k: v for k, v in run.items() if k != "started_at"}) != []
    assert problems("run", {**run, "started_at": "today"}) != []
