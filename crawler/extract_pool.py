"""Statement pages read in worker processes, so the crawl's process goes on fetching and discovering
while another core extracts (`EXTRACT_WORKERS`; 0 reads them in the crawl's own process).

What a worker runs is the same pure reading the crawl's process runs without workers (`read_page`):
the template's raw parts, then every field (`crawler.extract.statement.read_statement`). A worker
that dies is logged once and the pages are read in the crawl's process from then on; nothing is lost."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import wait

from parsel import Selector

from .extract.statement import ExtractedStatement, read_statement
from .templates import parse_article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageReading:
    """What an article page gives: its template's name and its extracted values."""

    template: str
    extracted: ExtractedStatement


def read_page(html: str | Selector, url: str, content_language: str | None) -> PageReading | None:
    """The statement on a page, or None when the page is not an article."""
    page = parse_article(html, url, content_language)
    return None if page is None else PageReading(page.template, read_statement(page))


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def _start_worker() -> None:
    """A worker ends when the crawl's process does, even when that one is killed."""
    threading.Thread(target=_exit_with_parent, daemon=True, name="exit-with-parent").start()


class ExtractionPool:
    """`workers` processes reading statement pages; none: read in this process."""

    def __init__(self, workers: int) -> None:
        self.executor = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
            if workers > 0 else None
        )

    async def read(self, html: str, selector: Selector | None, url: str, content_language: str | None) -> PageReading | None:
        """The page read by a worker (from its text); in this process (from its parse) without one."""
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
