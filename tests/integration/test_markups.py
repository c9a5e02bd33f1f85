"""The same content in every markup the sample site serves (the real site's OpenCms templates, and a
WordPress and a Drupal theme that only the generic reader can read): the real spiders crawl each, and
each is held to the content files' expectations, scored as a share of fields right."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer
from tests.crawl_support import read_jsonl, run_crawl
from tests.markup_expectations import ARTICLES, expected_events, score_events, score_statements

MARKUPS = ("opencms", "wordpress", "drupal")
MIN_SHARE = 0.97


@pytest.fixture(scope="module", params=MARKUPS)
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both spiders run once against the sample site in one markup; the exports and the server's request log."""
    markup = request.param
    workdir = tmp_path_factory.mktemp(markup)
    with SampleServer(CONTENT_DIR, markup=markup) as server:
        results = {spider: run_crawl(spider, server.url, workdir) for spider in ("statements", "events")}
        requests = list(server.log.entries)
    exports = workdir / "exports"
    yield {
        "markup": markup,
        "results": results,
        "statements": read_jsonl(exports / "statements.jsonl"),
        "events": read_jsonl(exports / "events.jsonl"),
        "runs": read_jsonl(exports / "runs.jsonl"),
        "requests": requests,
        "workdir": Path(workdir),
    }


def test_both_runs_end_ok(crawled: dict[str, Any]) -> None:
    for spider, result in crawled["results"].items():
        assert result.returncode == 0, (spider, result.stderr[-3000:])
    assert [run["status"] for run in crawled["runs"]] == ["ok", "ok"]


def test_every_statement_is_found(crawled: dict[str, Any]) -> None:
    assert len(crawled["statements"]) == len(ARTICLES)


def test_share_of_statement_fields_right(crawled: dict[str, Any]) -> None:
    score = score_statements(crawled["statements"])
    print(f"\n{crawled['markup']}: {score.right}/{score.total} statement fields right ({score.share:.1%}); wrong: {score.wrong}")
    assert score.share >= MIN_SHARE, score.wrong


def test_every_event_is_found_with_its_title_dates_and_location(crawled: dict[str, Any]) -> None:
    score = score_events(crawled["events"])
    print(f"\n{crawled['markup']}: {score.complete}/{len(expected_events())} events found with title, dates and location")
    assert score.wrong == []
    assert len(crawled["events"]) == len(expected_events())


def test_a_markup_no_template_claims_is_read_and_counted_as_generic(crawled: dict[str, Any]) -> None:
    templates = Counter(s["template"] for s in crawled["statements"])
    assert crawled["runs"][0]["templates"] == templates   # the run record shows the drift too
    if crawled["markup"] == "opencms":
        by_file = Counter(tomllib.loads(a.read_text(encoding="utf-8")).get("template", "apollo") for a in ARTICLES)   # "plain": no template
        assert templates == {"apollo/10.5": by_file["apollo"], "mercury": by_file["mercury"], "generic": by_file["plain"]}
    else:
        assert templates == {"generic": len(ARTICLES)}
        assert crawled["runs"][0]["counts"]["unknown_template"] == len(ARTICLES)


def test_each_list_page_is_fetched_once(crawled: dict[str, Any]) -> None:
    """Server-rendered pagination (Drupal's `?page=N` pager, `rel=next`) is followed, each page once per spider:
    the statements spider reads the statement lists, both read the events list (the statements spider follows
    every link)."""
    fetched = Counter(target for target, _status in crawled["requests"])
    list_pages = {t: n for t, n in fetched.items() if "page=" in t and not t.startswith("/system/")}
    if crawled["markup"] == "drupal":
        assert {t for t in list_pages if t.startswith("/news/statements/")} == {f"/news/statements/?page={n}" for n in range(1, 5)}
        assert {t for t in list_pages if t.startswith("/events/")} == {f"/events/?page={n}" for n in range(1, 4)}
        assert all(n == 1 for t, n in list_pages.items() if t.startswith("/news/statements/")), list_pages
        assert all(n == 2 for t, n in list_pages.items() if t.startswith("/events/")), list_pages
    else:
        assert list_pages == {}


def test_nearly_every_signatory_has_a_country(crawled: dict[str, Any]) -> None:
    """Persian and Arabic names included (pycountry's translations); the Soviet Union has no country today."""
    signatories = [s for record in crawled["statements"] for s in record["signatories"]]
    with_country = sum(1 for s in signatories if s["country_code"])
    print(f"\n{crawled['markup']}: {with_country}/{len(signatories)} signatories with a country")
    assert with_country >= 0.99 * len(signatories)
