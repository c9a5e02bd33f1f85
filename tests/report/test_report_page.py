"""The report of a real sample-site crawl, opened in real headless Chromium with the network cut off."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.report.browser import ARTIFACTS, visit_offline
from tests.report.expected import Expected, load

READ_PAGE = """() => {
  const text = (e) => e.textContent.trim();
  const counts = {};
  document.querySelectorAll("[data-count]").forEach(e => { counts[e.dataset.count] = text(e); });
  const charts = [...document.querySelectorAll("figure.chart")].map(f => {
    const svg = f.querySelector("svg");
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const marks = [...f.querySelectorAll(".mark")];
    return {
      name: f.dataset.chart, declared: Number(f.dataset.marks), marks: marks.length, width: box.width, height: box.height,
      visible: marks.filter(m => { const b = m.querySelector("path").getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length,
      tips: marks.map(m => text(m.querySelector("title"))),
    };
  });
  const changes = {};
  document.querySelectorAll("#change-counts [data-last]").forEach(e => { changes["last." + e.dataset.last] = Number(text(e)); });
  document.querySelectorAll("#change-counts [data-recent]").forEach(e => { changes["recent." + e.dataset.recent] = Number(text(e)); });
  return {
    built: document.body.dataset.built,
    counts, charts, changes,
    recent: [...document.querySelectorAll("#recent tr[data-statement-id]")].map(r => [r.dataset.statementId, Number(text(r.querySelector("[data-signatories]")))]),
    health: [...document.querySelectorAll("#health tr[data-run-id]")].map(r => [r.dataset.runId, text(r.querySelector(".status"))]),
    upcoming: [...document.querySelectorAll("#upcoming tr[data-event-id]")].map(r => r.dataset.eventId),
    pairs: [...document.querySelectorAll("#strongest-pairs tr")].slice(1).map(r => Number(text(r.cells[2]))),
  };
}"""


@pytest.fixture(scope="module")
def seen(crawled: tuple[Path, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    exports, _ = crawled
    visit = visit_offline(exports / "report" / "index.html", tmp_path_factory.mktemp("profile"), READ_PAGE, ARTIFACTS / "report.png")
    return {"visit": visit, "page": visit.data, "expected": load(exports)}


def test_the_page_opens_offline_without_an_error(seen: dict[str, Any]) -> None:
    visit = seen["visit"]
    assert visit.console_errors == [] and visit.page_errors == []
    assert visit.failed_requests == [] and visit.blocked == []
    assert all(url.startswith("file://") for url in visit.requests) and visit.requests, visit.requests
    shot = ARTIFACTS / "report.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_the_counts_on_the_page_are_those_of_the_exports(seen: dict[str, Any]) -> None:
    page, expected = seen["page"], seen["expected"]
    today = datetime.fromisoformat(page["built"]).date()
    assert page["counts"] == expected.counts(today)
    signatures = expected.signatures_of()
    assert page["recent"] and all(count == signatures[statement_id] for statement_id, count in page["recent"])
    assert len(page["recent"]) == min(20, len(expected.on_site) - int(expected.counts(today)["undated"]))
    upcoming = {e["id"] for e in expected.events if e["end_date"] >= today.isoformat()}
    assert set(page["upcoming"]) == upcoming and upcoming
    assert page["health"] == [[run["run_id"], run["status"]] for run in reversed(expected.runs)]


def test_every_chart_is_drawn_with_the_exports_figures(seen: dict[str, Any]) -> None:
    page, expected = seen["page"], seen["expected"]
    charts = {chart["name"]: chart for chart in page["charts"]}
    assert set(charts) == {"years", "parties", "pairs", "countries"}
    for chart in charts.values():
        assert chart["width"] > 200 and chart["height"] > 150, chart["name"]
        assert chart["marks"] == chart["declared"] == chart["visible"] > 0, chart["name"]
    assert charts["years"]["marks"] == expected.year_bars()
    assert charts["parties"]["marks"] == min(20, len(expected.parties))
    assert charts["countries"]["marks"] == expected.country_bars()
    most_signed = max(p["statements_signed"] for p in expected.parties)
    assert f": {most_signed} statements signed" in charts["parties"]["tips"][0]
    pairs = expected.pair_counts()
    strongest = max(pairs.values())
    assert page["pairs"][0] == strongest and page["pairs"] == sorted(page["pairs"], reverse=True)
    cells = [int(n) for tip in charts["pairs"]["tips"] for n in re.findall(r": (\d+) statements signed together$", tip)]
    assert len(cells) == len(charts["pairs"]["tips"])
    assert max(cells) == strongest and set(cells) <= set(pairs.values())


def test_a_first_crawl_is_all_new(seen: dict[str, Any]) -> None:
    page, expected = seen["page"], seen["expected"]
    assert page["changes"] == {
        "last.new": len(expected.statements), "last.grown": 0, "last.removed": 0, "last.edited": 0, "last.new_events": len(expected.events),
        "recent.new": len(expected.statements), "recent.grown": 0, "recent.removed": 0, "recent.edited": 0,
        "recent.new_events": len(expected.events),
    }


def test_each_run_ends_with_a_summary_and_no_progress_line_without_a_terminal(crawled: tuple[Path, Any]) -> None:
    exports, results = crawled
    statements, events = (result.stdout for result in results)
    expected: Expected = load(exports)
    assert re.search(rf"statements run \S+: ok\n  {len(expected.statements)} new, 0 changed, 0 removed, 0 errors;", statements), statements
    assert re.search(rf"events run \S+: ok\n  {len(expected.events)} events exported, {len(expected.events)} new;", events), events
    for output in (statements, events):
        assert f"exports: {exports.resolve()}" in output
        assert f"report:  {exports / 'report' / 'index.html'}" in output
        assert "pages/s" not in output and "\x1b[" not in output   # no progress line, no terminal codes
