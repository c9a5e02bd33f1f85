"""Hostile and broken responses from a real local server: caps, bombs, loops, empty pages, a wrong
charset. Each failed page is logged once with its URL and reason, counted by kind, and kept out of
the exports (its stored record, when there is one, kept)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site.hostile import MIB, GzipBomb, Oversized, Redirect, Static, WrongCharset
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl

SEED = "/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/"
SPANISH = "/article/21st-IMCWP-Resolucion-de-solidaridad-con-Cuba-socialista/"


def statements(workdir: Path) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in read_jsonl(workdir / "exports" / "statements.jsonl")}


def counts(workdir: Path) -> dict[str, int]:
    counted: dict[str, int] = read_jsonl(workdir / "exports" / "runs.jsonl")[-1]["counts"]
    return counted


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if " ERROR: " in line]


@pytest.mark.parametrize("answer", [Oversized(50 * MIB), Oversized(50 * MIB, announced=False), GzipBomb(256 * MIB)],
                         ids=["announced", "streamed", "gzip-bomb"])
def test_an_over_cap_statement_is_logged_once_counted_and_kept_out(hostile_site: SampleServer, tmp_path: Path, answer: Any) -> None:
    hostile_site.hostile[SEED] = answer
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert page_id(SEED) not in statements(tmp_path)
    assert len(statements(tmp_path)) > 30
    assert (counts(tmp_path)["too_large"], counts(tmp_path)["errors"]) == (1, 1)
    assert error_lines(result) == [line for line in error_lines(result) if f"could not fetch statement {hostile_site.url}{SEED} (too_large)" in line]
    assert (tmp_path / "exports" / "statements.jsonl").stat().st_size < 2 * MIB


def test_an_over_cap_statement_keeps_its_stored_record(hostile_site: SampleServer, tmp_path: Path) -> None:
    assert run_crawl("statements", hostile_site.url, tmp_path).returncode == 0
    before = statements(tmp_path)[page_id(SEED)]
    hostile_site.hostile[SEED] = Oversized(50 * MIB, announced=False)
    result = run_crawl("statements", hostile_site.url, tmp_path, "-a", "full=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert statements(tmp_path)[page_id(SEED)] == before
    assert (counts(tmp_path)["too_large"], counts(tmp_path)["kept"]) == (1, 1)


def test_a_gzip_sitemap_bomb_is_a_counted_discovery_error(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.hostile["/sitemap.xml"] = GzipBomb(256 * MIB, "application/xml")
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (counts(tmp_path)["too_large"], counts(tmp_path)["discovery_errors"], counts(tmp_path)["errors"]) == (1, 1, 1)
    assert f"could not fetch optional source {hostile_site.url}/sitemap.xml (too_large)" in result.stderr


def test_a_redirect_loop_is_logged_once_and_counted(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.hostile[SEED] = Redirect(SEED + "?hop={n}")   # a new URL every hop: never the same twice
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert page_id(SEED) not in statements(tmp_path)
    assert (counts(tmp_path)["redirect_loops"], counts(tmp_path)["errors"]) == (1, 1)
    assert len(error_lines(result)) == 1 and "(redirect_loop): max redirections reached" in error_lines(result)[0]


def test_a_redirect_back_to_a_page_already_asked_for_is_a_logged_and_counted_loop(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.hostile["/news/"] = Redirect("/news/elsewhere/")   # A -> B -> A: Scrapy's duplicate filter drops the second A
    hostile_site.hostile["/news/elsewhere/"] = Redirect("/news/")
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert (counts(tmp_path)["redirect_loops"], counts(tmp_path)["errors"]) == (1, 1), result.stderr[-3000:]
    assert error_lines(result) and f"could not fetch {hostile_site.url}/news/ (redirect_loop): redirected back to it" in error_lines(result)[0]


def test_a_failing_page_gives_one_error_line(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.error_pages[SEED] = 500
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(error_lines(result)) == 1, error_lines(result)
    assert f"could not fetch statement {hostile_site.url}{SEED} (http_error): answered 500" in error_lines(result)[0]
    assert counts(tmp_path)["errors"] == 1 and counts(tmp_path)["retries"] >= 1


def test_an_empty_page_is_not_exported_as_a_statement(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.hostile[SEED] = Static(b"<html><head></head><body></body></html>")
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert page_id(SEED) not in statements(tmp_path), result.stderr[-3000:]
    assert counts(tmp_path)["empty"] == 1


def test_an_empty_page_keeps_the_stored_record(hostile_site: SampleServer, tmp_path: Path) -> None:
    assert run_crawl("statements", hostile_site.url, tmp_path).returncode == 0
    before = statements(tmp_path)[page_id(SEED)]
    hostile_site.hostile[SEED] = Static(b"<html><head></head><body></body></html>")
    result = run_crawl("statements", hostile_site.url, tmp_path, "-a", "full=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert statements(tmp_path)[page_id(SEED)] == before
    assert (counts(tmp_path)["empty"], counts(tmp_path)["kept"]) == (1, 1)
    assert f"{hostile_site.url}{SEED}: no title and no body" in result.stderr


def test_a_page_under_a_wrong_charset_header_is_read_in_its_own(hostile_site: SampleServer, tmp_path: Path) -> None:
    hostile_site.hostile[SPANISH] = WrongCharset("iso-8859-1")
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    statement = statements(tmp_path)[page_id(SPANISH)]
    assert statement["title"] == "21st IMCWP, Resolución de solidaridad con Cuba socialista"
    assert "Ã" not in statement["body"] and "ó" in statement["body"] + statement["title"]
    assert counts(tmp_path)["charset_mismatches"] == 1
    assert f"{hostile_site.url}{SPANISH}: header says 'text/html; charset=iso-8859-1', but its content is valid UTF-8: read as utf-8" in result.stderr


def test_a_redirect_off_the_site_is_counted(hostile_site: SampleServer, tmp_path: Path) -> None:
    port = hostile_site.url.rsplit(":", 1)[1]
    hostile_site.hostile[SEED] = Redirect(f"http://localhost:{port}{SEED}")   # another host name of the same server
    result = run_crawl("statements", hostile_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert counts(tmp_path)["offsite"] == 1
