"""Statement pages read in worker processes, so the crawl's process goes on fetching and discovering
while another core parses and extracts (`EXTRACT_WORKERS`; 0 reads them in the crawl's own process).

What a worker runs is the same pure reading the crawl's process runs without workers (`read_page`):
the links discovery follows (`crawler.templates.links.page_links`), then the template's raw parts and
every field (`crawler.extract.statement.read_statement`). The spider awaits the reading of each
statement page it fetched and follows the links; the extract step takes the fields. A page is
parsed once, off the crawl's process. A worker that dies is logged once and the pages are read in
the crawl's process from then on; nothing is lost."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

from parsel import Selector

from .extract.statement import ExtractedStatement, read_statement
from .templates import parse_article
from .templates.links import PageLinks, page_links

if TYPE_CHECKING:   # the workers import this module: they need no Scrapy
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
_ATTR = "_solidnet_extraction_pool"


@dataclass(frozen=True)
class ArticleReading:
    """What an article page gives: its template's name and its extracted values."""

    template: str
    extracted: ExtractedStatement


@dataclass(frozen=True)
class PageReading:
    links: PageLinks                 # what discovery follows
    article: ArticleReading | None   # None: the page is not an article


def read_page(html: str | Selector, url: str, content_language: str | None) -> PageReading:
    """A statement page's links and its statement, from one parse (as HTML, as Scrapy parses a page)."""
    sel = html if isinstance(html, Selector) else Selector(text=html, type="html")
    links = page_links(sel, url)
    page = parse_article(sel, url, content_language)
    return PageReading(links, None if page is None else ArticleReading(page.template, read_statement(page)))


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def _start_worker() -> None:
    """A worker ends when the crawl's process does, even when that one is killed."""
    threading.Thread(target=_exit_with_parent, daemon=True, name="exit-with-parent").start()


def _ready() -> None:
    """Nothing: a worker's first task, which has it import this module (and every reader) before the first page."""


class ExtractionPool:
    """`workers` processes reading statement pages; none: read in this process."""

    def __init__(self, workers: int) -> None:
        self.executor: ProcessPoolExecutor | None = None
        if workers > 0:
            self.executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
            for _ in range(workers):   # the workers start, and import the readers, while the crawl starts
                self.executor.submit(_ready)

    @property
    def in_workers(self) -> bool:
        """Whether pages are read by workers (then `read` wants no selector: the page is not parsed here)."""
        return self.executor is not None

    async def read(self, html: str, selector: Selector | None, url: str, content_language: str | None) -> PageReading:
        """The page read by a worker (from its text); in this process (from `selector`, else its text) without one."""
        if self.executor is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(self.executor, read_page, html, url, content_language)
            except BrokenExecutor as error:
                if self.executor is not None:
                    logger.error("the extraction workers stopped (%s); pages are read in the crawl's process from now on", error)
                    self.executor.shutdown(wait=False, cancel_futures=True)
                    self.executor = None
        return read_page(selector or html, url, content_language)

    def close(self) -> None:
        """Wait for the workers to end (so their CPU time counts in the crawl's)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None


def crawl_pool(crawler: Crawler) -> ExtractionPool:
    """The crawl's pool (`EXTRACT_WORKERS`), opened on first use (the statements spider opens it as it
    starts) and closed when the spider closes."""
    from scrapy import signals  # here: the workers import this module, and need no Scrapy

    pool: ExtractionPool | None = getattr(crawler, _ATTR, None)
    if pool is None:
        pool = ExtractionPool(crawler.settings.getint("EXTRACT_WORKERS"))
        setattr(crawler, _ATTR, pool)
        crawler.signals.connect(pool.close, signal=signals.spider_closed, weak=False)
    return pool
