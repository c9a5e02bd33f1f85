"""The real `events` spider against the real sample-site server: what lands in exports/events.jsonl on disk."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site.content import CONTENT_DIR
from crawler.schemas import problems
from tests.crawl_support import read_jsonl, run_crawl
from tests.seed import SEED_PAGE

EVENTS = sorted((CONTENT_DIR / "events").glob("*.toml"))
# A side-list line of the seed page: 'September 18, 2020 - September 19, 2020 - Barcelona 2nd Congress of ...'
SEED_EVENT_LINE = re.compile(r"^(?P<start>[A-Z][a-z]+ \d{1,2}, \d{4}) - (?P<end>[A-Z][a-z]+ \d{1,2}, \d{4}) - (?P<rest>.+)$")


def event_file(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def iso(long_date: str) -> str:
    return datetime.strptime(long_date, "%B %d, %Y").date().isoformat()


@pytest.fixture(scope="module")
def crawl(module_site, tmp_path_factory) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    workdir = tmp_path_factory.mktemp("events")
    result = run_crawl("events", module_site.url, workdir)
    exports = workdir / "exports"
    return {
        "base_url": module_site.url,
        "requested": module_site.log.paths(),   # this crawl's requests only: the server is this module's own
        "result": result,
        "events": read_jsonl(exports / "events.jsonl"),
        "runs": read_jsonl(exports / "runs.jsonl"),
    }


def matching(crawl: dict[str, Any], title: str, start_date: str) -> list[dict[str, Any]]:
    return [e for e in crawl["events"] if e["title"] == title and e["start_date"] == start_date]


def test_the_run_exits_ok(crawl: dict[str, Any]) -> None:
    result = crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_line_matches_the_event_schema(crawl: dict[str, Any]) -> None:
    assert crawl["events"]
    for event in crawl["events"]:
        assert problems("event", event) == [], event


@pytest.mark.parametrize("path", [p for p in EVENTS if not event_file(p)["expected"].get("excluded")], ids=lambda p: p.stem)
def test_each_expected_event_is_exported_once_with_its_values(crawl: dict[str, Any], path: Path) -> None:
    want = dict(event_file(path)["expected"])
    want["url"] = crawl["base_url"] + want["url"] if "url" in want else None   # TOML has no null
    found = matching(crawl, want["title"], want["start_date"])
    assert len(found) == 1, [e["title"] for e in crawl["events"]]
    assert {key: found[0][key] for key in want} == want


def test_the_broken_event_is_left_out_logged_and_counted(crawl: dict[str, Any]) -> None:
    broken = [event_file(p) for p in EVENTS if event_file(p)["expected"].get("excluded")]
    assert broken
    log = crawl["result"].stderr
    for event in broken:
        assert not [e for e in crawl["events"] if e["title"] == event["title"]]
        assert re.search(rf"{re.escape(crawl['base_url'])}/events/: event {re.escape(repr(event['title']))} left out", log)
    assert crawl["runs"][-1]["counts"]["unreadable_events"] >= len(broken)


def test_the_seed_page_side_list_events_are_exported(crawl: dict[str, Any]) -> None:
    lines = [m for line in SEED_PAGE.read_text(encoding="utf-8").splitlines() if (m := SEED_EVENT_LINE.match(line.strip()))]
    assert len(lines) == 3
    for line in lines:
        found = [
            e for e in crawl["events"]
            if e["start_date"] == iso(line["start"]) and e["end_date"] == iso(line["end"]) and line["rest"].endswith(" " + e["title"])
        ]
        assert len(found) == 1, line.group(0)
        teaser_location = line["rest"].removesuffix(" " + found[0]["title"])
        assert teaser_location in found[0]["location"]


def test_every_event_but_the_broken_one_is_exported_once_under_its_own_id(crawl: dict[str, Any]) -> None:
    wanted = [event_file(p)["expected"] for p in EVENTS if not event_file(p)["expected"].get("excluded")]
    ids = [e["id"] for e in crawl["events"]]
    assert len(crawl["events"]) == len(wanted)
    assert len(set(ids)) == len(ids)
    assert sorted((e["title"], e["start_date"]) for e in crawl["events"]) == sorted((w["title"], w["start_date"]) for w in wanted)


def test_side_list_events_name_the_pages_they_were_seen_on(crawl: dict[str, Any]) -> None:
    side = [event_file(p) for p in EVENTS if event_file(p).get("sidebar")]
    assert side
    for event in side:
        (found,) = matching(crawl, event["title"], str(event["start"]))
        assert len(found["source_urls"]) > 1
        assert crawl["base_url"] + "/" in found["source_urls"]
    for event in crawl["events"]:
        assert not any("list-ajax" in url for url in event["source_urls"]), event["source_urls"]


def test_the_run_record_says_ok(crawl: dict[str, Any]) -> None:
    run = crawl["runs"][-1]
    assert run["spider"] == "events"
    assert run["status"] == "ok", run
    assert problems("run", run) == []


def test_robots_txt_is_obeyed(crawl: dict[str, Any]) -> None:
    paths = crawl["requested"]
    assert "/events/" in paths and "/robots.txt" in paths
    assert not any(p.startswith("/search/") for p in paths)
