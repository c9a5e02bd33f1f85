"""Incremental runs of the real `statements` spider against a private copy of the sample site:
what a second run fetches, what it exports, and how changes and removals show in the time fields."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from crawler.parties.registry import load_registry
from crawler.sample_site.apollo_markup import AJAX_PATH
from crawler.sample_site.server import SampleServer
from crawler.schemas import problems
from crawler.timefields import NOT_CONTENT
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl, statement_fetches
from tests.golden_exports import without_times as blank_times

EXPORTS = ("statements.jsonl", "signatories.jsonl", "parties.jsonl")


def crawl(site: SampleServer, workdir: Path, *extra: str) -> dict[str, Any]:
    """One run from a cleared request log: the process, its runs.jsonl line and its statements."""
    site.log.clear()
    result = run_crawl("statements", site.url, workdir, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    runs = read_jsonl(workdir / "exports" / "runs.jsonl")
    for run in runs:
        assert problems("run", run) == [], run
    return {"result": result, "run": runs[-1], "statements": read_jsonl(workdir / "exports" / "statements.jsonl")}


def without_times(value: Any) -> Any:
    """A record with every time field (and its capture: where the archive holds it) taken out, at any depth."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k not in NOT_CONTENT}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def stripped_exports(workdir: Path) -> dict[str, str]:
    """The export files as bytes (decoded), every time field's and capture's value blanked: equal means byte-identical but for times."""
    return {name: blank_times((workdir / "exports" / name).read_text(encoding="utf-8")) for name in EXPORTS}


def article_files(site_content: Path) -> list[Path]:
    return sorted((site_content / "articles").glob("*.toml"))


def content_of(site: SampleServer) -> Path:
    return site.site.content.root


def by_id(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids)), "a statement exported twice"
    return {s["id"]: s for s in statements}


def test_second_run_fetches_no_unchanged_body_and_exports_the_same(own_site: SampleServer, tmp_path: Path) -> None:
    articles = article_files(content_of(own_site))
    first = crawl(own_site, tmp_path)
    first_requests = len(own_site.log.paths())
    assert statement_fetches(own_site.log, content_of(own_site), 200) == len(articles)
    before = stripped_exports(tmp_path)

    second = crawl(own_site, tmp_path)
    log = own_site.log
    assert statement_fetches(log, content_of(own_site), 200) == 0, "an unchanged statement body was fetched again"
    assert log.count(AJAX_PATH) > 0, "the lists were not re-read"
    assert len(log.paths()) < first_requests
    assert stripped_exports(tmp_path) == before
    assert set(by_id(second["statements"])) == {page_id(tomllib.loads(a.read_text())["path"]) for a in articles}

    counts = second["run"]["counts"]
    assert counts["new"] == counts["changed"] == counts["removed"] == 0
    assert counts["unchanged"] == len(articles)
    assert counts["not_modified"] == statement_fetches(log, content_of(own_site), 304)
    assert counts["not_due"] + counts["not_modified"] == counts["requests_saved"] == len(articles)
    assert counts["reused"] == len(articles)   # the same code and registry: every stored record taken as it is
    assert first["run"]["counts"]["new"] == len(articles) and first["run"]["counts"]["requests_saved"] == 0
    assert all(s["removed_at"] is None for s in second["statements"])


def test_recent_days_rechecks_with_304_and_full_fetches_everything(own_site: SampleServer, tmp_path: Path) -> None:
    articles = len(article_files(content_of(own_site)))
    crawl(own_site, tmp_path)
    before = stripped_exports(tmp_path)

    rechecked = crawl(own_site, tmp_path, "-s", "RECENT_DAYS=100000")
    assert statement_fetches(own_site.log, content_of(own_site), 304) == articles
    assert statement_fetches(own_site.log, content_of(own_site), 200) == 0
    assert rechecked["run"]["counts"]["not_modified"] == rechecked["run"]["counts"]["requests_saved"] == articles
    assert stripped_exports(tmp_path) == before

    full = crawl(own_site, tmp_path, "-a", "full=1")
    assert statement_fetches(own_site.log, content_of(own_site), 200) == articles
    assert statement_fetches(own_site.log, content_of(own_site), 304) == 0
    counts = full["run"]["counts"]
    assert counts["unchanged"] == articles and counts["changed"] == 0 and counts["requests_saved"] == 0
    assert stripped_exports(tmp_path) == before


def add_signatory(article: Path, known_ids: set[str]) -> str:
    """Append a registry party after the last signatory `<li>` of an article; returns its party id."""
    data = tomllib.loads(article.read_text(encoding="utf-8"))
    last = f"<li>{data['expected']['signatories'][-1]}</li>"
    party = next(p for p in load_registry() if p.party_id not in known_ids and p.country)
    text = article.read_text(encoding="utf-8")
    assert text.count(last) == 1
    article.write_text(text.replace(last, f"{last}\n<li>{party.name}</li>"), encoding="utf-8")
    stat = article.stat()
    os.utime(article, (stat.st_atime, stat.st_mtime + 60))
    return party.party_id


def listed_in_li(article: Path) -> bool:
    data = tomllib.loads(article.read_text(encoding="utf-8"))
    signatories = data.get("expected", {}).get("signatories", [])
    return len(signatories) >= 2 and data.get("body", "").count(f"<li>{signatories[-1]}</li>") == 1


def test_changed_list_and_removed_statement_show_in_time_fields(own_site: SampleServer, tmp_path: Path) -> None:
    articles = article_files(content_of(own_site))
    first = crawl(own_site, tmp_path)
    old = by_id(first["statements"])
    changed_file = next(a for a in articles if listed_in_li(a))
    removed_file = next(a for a in reversed(articles) if a != changed_file)
    changed_id = page_id(tomllib.loads(changed_file.read_text())["path"])
    removed_id = page_id(tomllib.loads(removed_file.read_text())["path"])
    new_party = add_signatory(changed_file, {s["party_id"] for s in old[changed_id]["signatories"] if s["party_id"]})
    removed_file.unlink()

    second = crawl(own_site, tmp_path, "-s", "RECENT_DAYS=100000")
    run1, run2 = first["run"]["started_at"], second["run"]["started_at"]
    assert run1 != run2, "both runs started in the same second: time fields cannot tell them apart"
    assert statement_fetches(own_site.log, content_of(own_site), 200) == 1
    now = by_id(second["statements"])
    assert len(now) == len(articles)

    changed = now[changed_id]
    assert changed["first_seen"] == run1 and changed["last_changed"] == run2 and changed["last_seen"] == run2
    added = [s for s in changed["signatories"] if s["party_id"] == new_party]
    assert len(added) == 1 and added[0]["first_seen"] == run2
    kept = [s for s in changed["signatories"] if s["party_id"] != new_party]
    assert len(kept) == len(old[changed_id]["signatories"])
    assert all(s["first_seen"] == run1 for s in kept)
    lines = [s for s in read_jsonl(tmp_path / "exports" / "signatories.jsonl") if s["statement_id"] == changed_id]
    assert {s["first_seen"] for s in lines if s.get("party_id") == new_party} == {run2}

    removed = now[removed_id]
    assert removed["removed_at"] == run2 and removed["last_seen"] == run1
    assert without_times(removed) == without_times(old[removed_id])
    others = [s for i, s in now.items() if i not in (changed_id, removed_id)]
    assert all(s["last_changed"] == run1 and s["removed_at"] is None and s["last_seen"] == run2 for s in others)
    counts = second["run"]["counts"]
    assert (counts["changed"], counts["removed"], counts["unchanged"]) == (1, 1, len(articles) - 2)

    third = crawl(own_site, tmp_path)
    assert by_id(third["statements"])[removed_id]["removed_at"] == run2
    assert (third["run"]["counts"]["removed"], third["run"]["counts"]["gone"]) == (0, 1)
    assert by_id(third["statements"])[changed_id]["last_changed"] == run2


LIST_PAGE_NUMBER = re.compile(r"list-ajax\.jsp\?.*[?&]page=(\d+)")


def list_pages_read(site: SampleServer) -> list[int]:
    """The page numbers of the AJAX list pages the server answered since its log was cleared."""
    return [int(m.group(1)) for target, _status in list(site.log.entries) if (m := LIST_PAGE_NUMBER.search(target))]


def add_newest_article(content: Path) -> str:
    """A new statement, newer than every other (so first in every list); returns its path."""
    source = content / "articles" / "03-cp-turkey-cp-greece-nato-summit.toml"
    text = source.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    path = "/article/A-statement-newer-than-all-others/"
    text = text.replace(f'path = "{data["path"]}"', f'path = "{path}"', 1).replace(f'title = "{data["title"]}"', 'title = "A statement newer than all others"', 1)
    text = re.sub(r'^published = ".*"$', 'published = "2026-11-30T10:00"', text, count=1, flags=re.M)
    (content / "articles" / "98-newest.toml").write_text(text, encoding="utf-8")
    return path


def test_a_rerun_reads_lists_only_as_deep_as_new_entries_go(own_site: SampleServer, tmp_path: Path) -> None:
    crawl(own_site, tmp_path)
    whole = list_pages_read(own_site)
    assert max(whole) >= 3, "the sample site's lists should have several pages"

    unchanged = crawl(own_site, tmp_path)
    assert set(list_pages_read(own_site)) == {1}, "an unchanged site: only the first page of each list"
    assert unchanged["run"]["counts"]["new"] == 0 and unchanged["run"]["counts"]["removed"] == 0

    path = add_newest_article(content_of(own_site))
    grown = crawl(own_site, tmp_path)
    assert set(list_pages_read(own_site)) == {1, 2}, "page 1 showed a new statement, so page 2 was read, and no further"
    assert grown["run"]["counts"]["new"] == 1
    assert page_id(own_site.url + path) in by_id(grown["statements"])
    assert len(grown["statements"]) == len(article_files(content_of(own_site)))

    cycle = crawl(own_site, tmp_path, "-s", "RECHECK_RUNS=1")   # the first run of a cycle reads every list whole
    assert sorted(list_pages_read(own_site)) == sorted(whole)
    assert (cycle["run"]["counts"]["new"], cycle["run"]["counts"]["removed"]) == (0, 0)


def test_without_a_sitemap_the_rest_of_the_lists_is_read_before_known_statements_are_rechecked(
    own_site: SampleServer, tmp_path: Path
) -> None:
    crawl(own_site, tmp_path)
    whole = list_pages_read(own_site)
    before = stripped_exports(tmp_path)
    for article in article_files(content_of(own_site)):   # the sitemap lists no statement any more
        text = article.read_text(encoding="utf-8")
        if "\nsitemap = false" not in text:
            article.write_text(text.replace("\ntemplate = ", "\nsitemap = false\ntemplate = ", 1), encoding="utf-8")

    second = crawl(own_site, tmp_path)
    assert "found by nothing so far: reading the other" in second["result"].stderr
    assert sorted(list_pages_read(own_site)) == sorted(whole)
    assert statement_fetches(own_site.log, content_of(own_site), 200) == 0
    counts = second["run"]["counts"]
    assert counts["new"] == counts["removed"] == 0 and counts["unchanged"] == len(article_files(content_of(own_site)))
    assert stripped_exports(tmp_path) == before
