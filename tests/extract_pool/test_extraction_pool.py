"""Statement pages read by worker processes (`crawler.extract_pool`): real spawned workers, the bundled
site's pages, the same readings as in the crawl's own process; a dead worker loses nothing."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.extract_pool import ExtractionPool, PageReading, RecordSpec, read_page
from crawler.parties.resolver import PartyResolver
from crawler.records import build_record, content_hash, template_name
from crawler.sample_site.content import SiteContent
from crawler.sample_site.site import SampleSite
from crawler.templates.lists import ListPage, parse_list_page
from crawler.workers import WORKER_NICENESS
from tests.templates.test_templates import html as fixture_html

BASE_URL = "http://127.0.0.1:8000"
ROOT = Path(__file__).resolve().parent.parent.parent


def sample_pages() -> list[tuple[str, str]]:
    """(URL, HTML) of every statement page of the bundled site."""
    content = SiteContent()
    content.refresh()
    site = SampleSite(content)
    pages = [(BASE_URL + article.path, site.get(article.path, "", BASE_URL)) for article in content.articles]
    return [(url, page.body) for url, page in pages if page.status == 200]


def read_all(pool: ExtractionPool, pages: list[tuple[str, str]]) -> list[PageReading]:
    async def run() -> list[PageReading]:
        return list(await asyncio.gather(*(pool.read(html, None, url, None) for url, html in pages)))
    try:
        return asyncio.run(run())
    finally:
        pool.close()


def test_workers_read_every_page_as_the_crawl_process_does() -> None:
    pages = sample_pages()
    assert len(pages) >= 45
    expected = [read_page(html, url, None) for url, html in pages]
    assert sum(reading.article is not None for reading in expected) >= 45
    assert read_all(ExtractionPool(2), pages) == expected
    assert read_all(ExtractionPool(0), pages) == expected


def test_a_page_read_for_a_statement_comes_with_its_record_built_in_the_worker() -> None:
    """The record is the one the record step builds from the reading (the PDF link of the page's links
    included), with its content hash and the party names the registry lacks."""
    pages = sample_pages()
    statement_url = pages[0][0].rstrip("/") + "/"

    async def run(pool: ExtractionPool) -> list[PageReading]:
        return list(await asyncio.gather(*(pool.read(html, None, url, None, statement_url) for url, html in pages)))
    pool = ExtractionPool(2)
    try:
        readings = asyncio.run(run(pool))
    finally:
        pool.close()
    assert readings == [read_page(html, url, None, RecordSpec(statement_url)) for url, html in pages]
    with_pdf = 0
    for reading in readings:
        assert reading.article is not None and reading.article.built is not None
        extracted = dataclasses.replace(reading.article.extracted, pdf_url=reading.links.pdf_url)
        record, unresolved = build_record(statement_url, template_name(reading.article.template), extracted, PartyResolver.shared())
        assert reading.article.built.record == record and reading.article.built.unresolved == unresolved
        assert reading.article.built.digest == content_hash(record)
        with_pdf += record["pdf_url"] is not None
    assert with_pdf >= 10
    assert all(reading.article is None or reading.article.built is None for reading in read_all(ExtractionPool(0), pages))


def test_workers_run_below_the_crawl_process_priority() -> None:
    """When both cores are busy, the crawl's event loop, which every page waits on, goes first."""
    pool = ExtractionPool(2)
    pages = sample_pages()[:2]

    async def read() -> list[PageReading]:
        return list(await asyncio.wait_for(asyncio.gather(*(pool.read(html, None, url, None) for url, html in pages)), timeout=60))
    try:
        assert all(reading.article is not None for reading in asyncio.run(read()))   # the workers are up
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        assert [os.getpriority(os.PRIO_PROCESS, pid) for pid in pool.worker_pids()] == [min(19, mine + WORKER_NICENESS)] * 2
    finally:
        pool.close()


def test_workers_read_list_pages_as_the_crawl_process_does() -> None:
    pages = [(fixture_html(name), "https://www.solidnet.org/system/modules/x/list-ajax.jsp?a=b") for name in ("apollo-list-ajax", "mercury-list-ajax")]

    def read(pool: ExtractionPool) -> list[ListPage]:
        async def run() -> list[ListPage]:
            return list(await asyncio.gather(*(pool.run(parse_list_page, text, url) for text, url in pages)))
        try:
            return asyncio.run(run())
        finally:
            pool.close()

    expected = [parse_list_page(text, url) for text, url in pages]
    assert all(page.entry_urls for page in expected)
    assert read(ExtractionPool(1)) == expected == read(ExtractionPool(0))


def test_large_pages_and_large_readings_pass_both_ways_at_once() -> None:
    """Pages and readings far larger than a socket's buffer, many at once to one worker: neither side
    waits on the other for good (a large page goes to a worker only once it is idle)."""
    url, html = sample_pages()[0]
    start = html.index("The Portuguese Communist Party")   # where its body text begins
    big = html[:start] + ("<p>" + "Workers of the world, unite! " * 40 + "</p>") * 1500 + html[start:]
    assert len(pickle.dumps(read_page(big, url, None))) > 1_500_000   # the reading carries the body text
    pool = ExtractionPool(1)

    async def run() -> list[PageReading]:
        return list(await asyncio.wait_for(asyncio.gather(*(pool.read(big, None, url, None) for _ in range(4))), timeout=120))
    try:
        readings = asyncio.run(run())
    finally:
        pool.close()
    assert readings == [read_page(big, url, None)] * 4


def read_killing(pool: ExtractionPool, pages: list[tuple[str, str]], victims: int) -> tuple[list[PageReading], int]:
    """The pages read by `pool`, with `victims` of its workers killed once the first page is read; how
    many workers were left at the end."""
    async def run() -> tuple[list[PageReading], int]:
        first = await pool.read(pages[0][1], None, pages[0][0], None)   # the workers are up
        for pid in pool.worker_pids()[:victims]:
            os.kill(pid, signal.SIGKILL)
        rest = await asyncio.gather(*(pool.read(html, None, url, None) for url, html in pages[1:]))   # sent before the pool knows
        return [first, *rest], len(pool.worker_pids())
    try:
        return asyncio.run(run())
    finally:
        pool.close()


@pytest.mark.parametrize(("workers", "left", "logged"), [
    (1, 0, "the extraction workers stopped"),          # its pages, and all after, read here
    (2, 1, "one of the extraction workers stopped"),   # the other worker goes on
])
def test_a_worker_that_dies_is_logged_once_and_nothing_is_lost(
    workers: int, left: int, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    pages = sample_pages()[:8]
    with caplog.at_level(logging.ERROR, logger="crawler.workers"):
        readings, remaining = read_killing(ExtractionPool(workers), pages, 1)
    assert readings == [read_page(html, url, None) for url, html in pages]
    assert remaining == left
    assert [record.message.split(" (")[0] for record in caplog.records] == [logged]   # once


CHILD = """
import asyncio, sys
from crawler.extract_pool import ExtractionPool
pool = ExtractionPool(1)
asyncio.run(pool.read("<html><body><p>x</p></body></html>", None, "http://localhost/", None))
print(*pool.worker_pids(), flush=True)
sys.stdin.read()
"""


def test_workers_end_when_the_crawl_process_is_killed() -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    workers = [int(pid) for pid in child.stdout.readline().split()]
    assert workers
    child.kill()
    child.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
