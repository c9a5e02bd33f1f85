"""Two runs of the real `events` spider: events the site stops showing are kept, changes are dated."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from crawler.schemas import problems
from tests.crawl_support import read_jsonl, run_crawl


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
