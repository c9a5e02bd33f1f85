"""Runs of the real `events` spider: events the site stops showing are kept, changes are dated, and a
rerun downloads only the pages that changed (the others answer 304 and are read from the archive)."""

from __future__ import annotations

import time
import tomllib
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.sample_site.content import RESCAN_SECONDS
from crawler.sample_site.server import SampleServer
from crawler.schemas import problems
from tests.crawl_support import read_jsonl, run_crawl

RUN_FIELDS = ("last_seen", "crawled_at", "capture")   # what a rerun of an unchanged site changes in an event


def by_title(workdir: Path) -> dict[str, dict[str, Any]]:
    return {e["title"]: e for e in read_jsonl(workdir / "exports" / "events.jsonl")}


def run_start(workdir: Path) -> str:
    return read_jsonl(workdir / "exports" / "runs.jsonl")[-1]["started_at"]


def test_past_events_stay_and_changes_are_dated(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = tmp_path / "content" / "events"
    assert run_crawl("events", own_site.url, tmp_path).returncode == 0
    first, run1 = by_title(tmp_path), run_start(tmp_path)

    gone = events / "10-may-day-rally-lisbon.toml"
    gone_title = tomllib.loads(gone.read_text(encoding="utf-8"))["title"]
    gone.unlink()
    moved = events / "01-2nd-congress-communists-catalonia.toml"
    moved.write_text(moved.read_text(encoding="utf-8").replace('location = "Barcelona"', 'location = "Badalona"', 1), encoding="utf-8")

    result = run_crawl("events", own_site.url, tmp_path, "-s", "LOG_LEVEL=INFO")
    assert result.returncode == 0, result.stderr[-2000:]
    second, run2 = by_title(tmp_path), run_start(tmp_path)
    assert run2 > run1 and set(second) == set(first)
    assert all(problems("event", e) == [] for e in second.values())

    kept = second[gone_title]                      # no longer on the site: kept as last seen
    assert {k: kept[k] for k in ("first_seen", "last_seen", "last_changed")} == {"first_seen": run1, "last_seen": run1, "last_changed": run1}
    catalonia = second["2nd Congress of Communists of Catalonia"]
    assert (catalonia["location"], catalonia["first_seen"], catalonia["last_changed"]) == ("Badalona", run1, run2)
    unchanged = second["XXI Congress of the Portuguese Communist Party"]
    assert (unchanged["first_seen"], unchanged["last_seen"], unchanged["last_changed"]) == (run1, run2, run1)


def without_run_fields(events: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {title: {k: v for k, v in e.items() if k not in RUN_FIELDS} for title, e in events.items()}


def event_page_statuses(site: SampleServer) -> dict[str, int]:
    return {urlsplit(target).path: status for target, status in site.log.entries if target.startswith("/event/")}


def bodies(site: SampleServer, paths: Iterable[str]) -> dict[str, bytes]:
    """What the server sends for each path now."""
    found = {}
    for path in paths:
        with urllib.request.urlopen(site.url + path) as answer:
            found[path] = answer.read()
    return found


def test_an_unchanged_site_is_read_again_from_the_archive_and_a_changed_page_downloaded(own_site: SampleServer, tmp_path: Path) -> None:
    assert run_crawl("events", own_site.url, tmp_path).returncode == 0
    first = by_title(tmp_path)
    first_pages = event_page_statuses(own_site)
    assert len(first_pages) >= 10 and set(first_pages.values()) == {200}

    own_site.log.clear()
    result = run_crawl("events", own_site.url, tmp_path, "-s", "LOG_LEVEL=INFO")
    assert result.returncode == 0, result.stderr[-2000:]
    again = event_page_statuses(own_site)
    assert again == dict.fromkeys(first_pages, 304)   # the same pages asked for; no body downloaded again
    assert own_site.log.statuses()[200] <= 3   # robots.txt, the sitemap: what is never asked for conditionally
    assert without_run_fields(by_title(tmp_path)) == without_run_fields(first)
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["status"] == "ok", run

    before = bodies(own_site, first_pages)
    moved = tmp_path / "content" / "events" / "01-2nd-congress-communists-catalonia.toml"
    moved.write_text(moved.read_text(encoding="utf-8").replace('location = "Barcelona"', 'location = "Badalona"', 1), encoding="utf-8")
    time.sleep(2 * RESCAN_SECONDS)   # the server sees the change
    after = bodies(own_site, first_pages)
    own_site.log.clear()
    assert run_crawl("events", own_site.url, tmp_path).returncode == 0
    downloaded = {path for path, status in event_page_statuses(own_site).items() if status == 200}
    assert "/event/2nd-Congress-of-Communists-of-Catalonia/" in downloaded
    assert downloaded == {path for path in first_pages if before[path] != after[path]}   # every other page answered 304
    assert by_title(tmp_path)["2nd Congress of Communists of Catalonia"]["location"] == "Badalona"


def test_a_304_whose_archived_page_is_gone_is_asked_for_again(own_site: SampleServer, tmp_path: Path) -> None:
    assert run_crawl("events", own_site.url, tmp_path).returncode == 0
    first = by_title(tmp_path)
    for warc in (tmp_path / "state" / "archive").glob("*.warc.gz"):   # the index still names them
        warc.unlink()
    own_site.log.clear()
    result = run_crawl("events", own_site.url, tmp_path, "-s", "LOG_LEVEL=INFO")
    assert result.returncode == 0, result.stderr[-2000:]
    asked = [(urlsplit(target).path, status) for target, status in own_site.log.entries if target.startswith("/event/")]
    pages = {path for path, _status in asked}
    assert sorted(asked) == sorted([(path, 304) for path in pages] + [(path, 200) for path in pages])   # each once conditional, once not
    assert "asked for again without validators" in result.stderr
    assert without_run_fields(by_title(tmp_path)) == without_run_fields(first)
    assert read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]["status"] == "ok"
