"""A site that fails some requests: errors are logged and counted, the crawl goes on, nothing is lost."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from crawler.sample_site.apollo_markup import AJAX_PATH
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl

SEED = "/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/"


def exported(workdir: Path) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in read_jsonl(workdir / "exports" / "statements.jsonl")}


def last_run(workdir: Path) -> dict[str, Any]:
    return read_jsonl(workdir / "exports" / "runs.jsonl")[-1]


def article_paths(content: Path) -> list[str]:
    return [tomllib.loads(f.read_text(encoding="utf-8"))["path"] for f in sorted((content / "articles").glob("*.toml"))]


def test_a_failing_statement_page_is_counted_and_the_rest_exported(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    own_site.error_pages[SEED] = 500
    result = run_crawl("statements", own_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    paths = article_paths(tmp_path / "content")
    assert set(exported(tmp_path)) == {page_id(p) for p in paths if p != SEED}
    counts = last_run(tmp_path)["counts"]
    assert counts["errors"] >= 1 and counts["retries"] >= 1
    assert f"could not fetch statement {own_site.url}{SEED}" in result.stderr


def test_a_statement_that_fails_later_keeps_its_record(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_crawl("statements", own_site.url, tmp_path).returncode == 0
    before = exported(tmp_path)[page_id(SEED)]
    own_site.error_pages[SEED] = 503
    assert run_crawl("statements", own_site.url, tmp_path, "-a", "full=1").returncode == 0
    after = exported(tmp_path)[page_id(SEED)]
    assert after == before
    assert last_run(tmp_path)["counts"]["kept"] == 1


def test_a_statement_page_showing_an_error_page_keeps_its_record(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_crawl("statements", own_site.url, tmp_path).returncode == 0
    before = exported(tmp_path)[page_id(SEED)]
    own_site.error_pages[SEED] = 200   # the CMS's error page, served as if all was well
    result = run_crawl("statements", own_site.url, tmp_path, "-a", "full=1")
    assert result.returncode == 0, result.stderr[-2000:]
    assert exported(tmp_path)[page_id(SEED)] == before
    counts = last_run(tmp_path)["counts"]
    assert (counts["kept"], counts["not_article"]) == (1, 1)
    assert f"{own_site.url}{SEED}: not an article page; the record of an earlier run is kept" in result.stderr


def test_no_statement_is_marked_removed_when_discovery_was_incomplete(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_crawl("statements", own_site.url, tmp_path).returncode == 0
    gone = tmp_path / "content" / "articles" / "02-23rd-imcwp-resolution-palestine.toml"
    gone_id = page_id(tomllib.loads(gone.read_text(encoding="utf-8"))["path"])
    gone.unlink()
    own_site.error_pages[AJAX_PATH] = 500
    result = run_crawl("statements", own_site.url, tmp_path)
    statements = exported(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert statements[gone_id]["removed_at"] is None
    assert len(statements) == len(article_paths(tmp_path / "content")) + 1
    assert last_run(tmp_path)["counts"]["discovery_errors"] >= 1


def test_an_events_run_that_reads_no_event_fails_and_keeps_the_previous_export(own_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_crawl("events", own_site.url, tmp_path).returncode == 0
    events = tmp_path / "exports" / "events.jsonl"
    before = events.read_bytes()
    assert before
    for event in (tmp_path / "content" / "events").glob("*.toml"):
        event.unlink()
    result = run_crawl("events", own_site.url, tmp_path)
    assert result.returncode == 4, result.stderr[-2000:]
    assert events.read_bytes() == before
    assert (last_run(tmp_path)["status"], last_run(tmp_path)["reason"]) == ("failed", "no events found on the site")
