"""A sitemap's requests go out `SITEMAP_BATCH` at a time, the next batch once the scheduler holds none
(here one at a time, on a site of 400 statements): the crawl finds and exports what it does with every
request at once; a sitemap does not wait while Scrapy reads no request; and a run that must close while
the sitemap's callback waits (a run time limit) closes."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.crawl_site import build_content
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.crawl_support import ROOT, crawl_command, read_jsonl

STATEMENTS = 400
EXIT_FAILED = 4


def held_batches(stderr: str) -> int:
    found = re.search(r"'sitemap/batches_held': (\d+)", stderr)
    return int(found.group(1)) if found else 0


def test_sitemap_requests_one_at_a_time_find_every_statement(tmp_path: Path) -> None:
    build_content(tmp_path / "content", STATEMENTS, 0)
    with SampleServer(tmp_path / "content") as server:
        command = crawl_command("statements", server.url, tmp_path / "work", "-s", "SITEMAP_BATCH=1")
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        paths = server.site.content.article_paths()
        asked = [urlsplit(target).path.rstrip("/") for target, _status in server.log.entries]
    assert result.returncode == 0, result.stderr[-3000:]
    assert held_batches(result.stderr) >= 1, result.stderr[-3000:]   # the sitemap's callback waited for the scheduler
    ids = [s["id"] for s in read_jsonl(tmp_path / "work" / "exports" / "statements.jsonl")]
    assert sorted(ids) == sorted(page_id(server.url + path) for path in paths)
    assert sorted(path for path in asked if path in paths) == sorted(paths)   # each statement page asked for once


def test_a_sitemap_held_in_the_scraper_does_not_wait_for_a_scheduler_the_engine_no_longer_reads(tmp_path: Path) -> None:
    """Scrapy takes no request from the scheduler while the responses being processed exceed
    `SCRAPER_SLOT_MAX_ACTIVE_SIZE`, a sitemap waiting in its callback among them: the sitemap goes on."""
    build_content(tmp_path / "content", STATEMENTS, 0)
    with SampleServer(tmp_path / "content") as server:
        command = crawl_command("statements", server.url, tmp_path / "work", "-s", "SITEMAP_BATCH=1", "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=1000")
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        paths = server.site.content.article_paths()
    assert result.returncode == 0, result.stderr[-3000:]
    ids = [s["id"] for s in read_jsonl(tmp_path / "work" / "exports" / "statements.jsonl")]
    assert sorted(ids) == sorted(page_id(server.url + path) for path in paths)


def test_a_time_limit_reached_while_the_sitemap_waits_ends_the_run(tmp_path: Path) -> None:
    build_content(tmp_path / "content", STATEMENTS, 0)
    with SampleServer(tmp_path / "content") as server:
        command = crawl_command("statements", server.url, tmp_path / "work", "-s", "SITEMAP_BATCH=1", "-s", "CLOSESPIDER_TIMEOUT=2")
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert time.monotonic() - started < 60
    assert result.returncode == EXIT_FAILED, result.stderr[-3000:]
    assert "Closing spider (closespider_timeout)" in result.stderr
    assert held_batches(result.stderr) >= 1, result.stderr[-3000:]
