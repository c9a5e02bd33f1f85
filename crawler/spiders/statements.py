"""`scrapy crawl statements`: discovers every statement (AJAX lists and their pages, links, sitemap, RSS) and fetches it.

Incremental: every recrawl decision is the run's `Recrawl` component's (`crawler.recrawl`): a
statement the state already holds is fetched again only when due, with a conditional request;
otherwise its stored record is carried over, so the exports always hold the whole dataset.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse

from ..archive.middleware import ARCHIVE_CONDITIONAL, ARCHIVE_RESUME, CAPTURE
from ..context import run_context
from ..extract_pool import ExtractionPool, PageReading, crawl_pool
from ..fetch_failures import FailureKind
from ..items import Carry, Statement, StatementPage
from ..recrawl import Fetch, Recrawl
from ..templates import is_article_page
from ..templates.links import page_links
from ..templates.lists import DynamicList, ListPage, parse_list_page
from ..urls import canonical_url, is_article_path, is_event_path, on_site, page_id
from .base import SolidnetSpider, list_page

LIST_PAGING = "list_paging"   # request.meta key: which pages a list page leads to, when not as the run reads lists
PAGING_REST = "rest"          # every page after it (the rest of a list that stopped short)
PAGING_NONE = "none"          # none (one of those)


class StatementsSpider(SolidnetSpider):
    name = "statements"
    start_paths = ("/", "/news/statements/", "/news/")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unseen_done = False
        self.cut_lists: list[tuple[scrapy.Request, int]] = []   # where each list read as deep as new entries go stopped: its rest, pages left

    @property
    def recrawl(self) -> Recrawl:
        return run_context(self.crawler).recrawl

    @property
    def pages(self) -> ExtractionPool:
        return crawl_pool(self.crawler)

    async def start(self) -> Any:
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        run = run_context(self.crawler)
        self.logger.info("run %s (number %d) of %s", run.run_id, run.number, self.base_url)
        if self.recrawl.fetches_all:   # the extraction workers start (and import the readers) while the first pages are fetched;
            crawl_pool(self.crawler)   # other runs start them on the first page they read, if any
        for path in self.start_paths:
            yield scrapy.Request(self.url(path), callback=self.parse, errback=self.discovery_failed)
        yield self.sitemap_request()
        yield scrapy.Request(self.url("/rss.xml"), callback=self.parse_rss, errback=self.optional_missing)

    # discovery ------------------------------------------------------------------

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Any page: a statement, lists to expand, links to follow.

        A page requested as a statement always goes to the pipelines under the id it was requested
        by (whatever redirect it took), which decide from its markup; it is read as it arrives, by the
        extraction pool (`crawler.extract_pool`: a worker process), and its links come with the
        reading. Any other page is parsed here, and goes to the pipelines when its markup is an article's."""
        statement_id = response.meta.get("statement_id")
        if response.status == 304 and statement_id:   # a conditional re-check: the stored record still holds
            for item in _some(self.recrawl.answered(statement_id, Carry.NOT_MODIFIED)):
                yield item
            return
        if not isinstance(response, TextResponse):
            if statement_id:
                self.crawler.stats.inc_value("statements/failed")
                self.logger.warning("%s: not a text page; what the state holds of it is kept", response.url)
                for item in _some(self.recrawl.answered(statement_id, Carry.FAILED)):
                    yield item
            return
        self.crawler.stats.inc_value("pages/html")
        page = None
        if statement_id:
            url = canonical_url(response.meta.get("redirect_urls", [response.url])[0], self.base_url)   # as requested
            reading = await self.read(response, url, statement_id)
            links = reading.links if reading else page_links(response.selector, response.url)
            page = self.fetched(response, statement_id, url, links.pdf_url, reading)
        else:
            links = page_links(response.selector, response.url)
            url = canonical_url(response.url, self.base_url)
            if page_id(url) not in self.recrawl.seen and is_article_page(response.selector, url) and (claimed := self.recrawl.claim(url)):
                page = self.fetched(response, claimed, url, links.pdf_url)
        if page is not None and page.pdf_url and on_site(page.pdf_url, self.base_url):
            yield self.pdf_request(page.pdf_url)
        for request in self.list_requests(links.lists, response.url):
            yield request
        for link in self.site_links(links.urls):
            for followed in self.follow(link):
                yield followed
        if page is not None:   # last: Scrapy takes a callback's outputs in turn, and the item's steps wait for its capture
            yield page

    async def read(self, response: TextResponse, statement_url: str, statement_id: str) -> PageReading | None:
        """A statement page read by the extraction pool, its record built for `statement_url` (and for a statement
        new to the state, its signatory lines); None when reading it failed (logged and counted: its links are
        then read here, and the extract step meets the same failure)."""
        try:
            return await self.pages.read(
                response.text, None if self.pages.in_workers else response.selector, response.url,
                _header(response, b"Content-Language"), statement_url,
                None if self.recrawl.knows(statement_id) else run_context(self.crawler).stamp,
            )
        except Exception as error:   # a reader's bug on some markup must not stop discovery from the page
            self.crawler.stats.inc_value("pages/reading_failed")
            self.logger.error("%s: could not be read (%s: %s); its links are followed", response.url, type(error).__name__, error)
            return None

    async def read_list(self, response: TextResponse) -> ListPage:
        """A list page, read by the extraction pool in a run that fetches every page (its workers start
        with it); here in other runs, which read a few list pages and may start no worker at all."""
        if self.recrawl.fetches_all:
            return await self.pages.run(parse_list_page, response.text, response.url)
        return await super().read_list(response)

    def fetched(self, response: TextResponse, statement_id: str, url: str, pdf_url: str | None, reading: PageReading | None = None) -> StatementPage:
        """The statement page fetched (`url`: its canonical URL, which its record was built for)."""
        return self.recrawl.page(
            statement_id, url, response.text, None if reading else response.selector,
            _header(response, b"ETag"), _header(response, b"Last-Modified"),
            pdf_url=pdf_url, capture=response.meta.get(CAPTURE),
            content_language=_header(response, b"Content-Language"), reading=reading,
        )

    def pdf_request(self, url: str) -> scrapy.Request:
        """The statement's PDF, for the archive: conditional on its last capture; nothing is read from it."""
        return scrapy.Request(
            url,
            callback=self.pdf_fetched,
            errback=self.link_failed,
            meta={ARCHIVE_RESUME: True, ARCHIVE_CONDITIONAL: True, "handle_httpstatus_list": [304]},
        )

    def pdf_fetched(self, response: Response) -> None:
        self.crawler.stats.inc_value("pdfs/not_modified" if response.status == 304 else "pdfs/fetched")

    def follow(self, url: str) -> Iterator[Any]:
        path = url[len(self.base_url):] if url.startswith(self.base_url) else url
        if is_event_path(path):
            return
        if is_article_path(path) or self.recrawl.knows(page_id(url)):   # a known statement at an old path too
            yield from self.statement(url)
        elif self.first_request(url):
            yield scrapy.Request(url, callback=self.parse, errback=self.link_failed)

    def next_list_pages(self, page: ListPage, dynamic: DynamicList, response: TextResponse, kwargs: dict[str, Any]) -> Iterator[scrapy.Request]:
        """Every page of a list when the run reads lists whole (`Recrawl.whole_lists`). Otherwise one page
        at a time, as deep as new entries go (`Recrawl.list_goes_on`); where a list stops short, the
        request for the rest is kept (`cut_lists`): `on_idle` sends it when re-checking the statements the state
        holds that were found by nothing would take more requests than the rest of the lists."""
        paging = response.meta.get(LIST_PAGING)
        if paging == PAGING_NONE or (page.current_page == 1 and not self.wants_list(page)):
            return
        shown_on = list_page(response)
        if paging == PAGING_REST or self.recrawl.whole_lists:
            if page.current_page == 1 or paging == PAGING_REST:
                for number in range(page.current_page + 1, page.pages + 1):
                    yield self.list_page_request(dynamic, number, shown_on, kwargs, **{LIST_PAGING: PAGING_NONE})
            return
        if page.current_page >= page.pages:
            return
        entries = [page_id(canonical_url(url, self.base_url)) for url in page.entry_urls if on_site(url, self.base_url)]
        if self.recrawl.list_goes_on(entries):
            yield self.list_page_request(dynamic, page.current_page + 1, shown_on, kwargs)
        else:
            rest = self.list_page_request(dynamic, page.current_page + 1, shown_on, kwargs, **{LIST_PAGING: PAGING_REST})
            self.cut_lists.append((rest, page.pages - page.current_page))

    def wants_list(self, first_page: ListPage) -> bool:
        """Only lists of statements are paged through (not the events list, say)."""
        return any(is_article_path(urlsplit(url).path) for url in first_page.entry_urls)

    def list_entries(self, urls: list[str], response: TextResponse) -> Iterator[Any]:
        for url in urls:
            if on_site(url, self.base_url):
                yield from self.follow(canonical_url(url, self.base_url))

    def sitemap_entry(self, url: str) -> Iterator[Any]:
        yield from self.follow(url)

    def parse_rss(self, response: Response) -> Iterator[Any]:
        for link in self.listed_urls(response, "//item/link/text()")[0]:
            yield from self.follow(canonical_url(link, self.base_url))

    # incremental fetching: the decisions are the Recrawl component's ------------------------

    def statement(self, url: str) -> Iterator[Any]:
        """Fetch a statement, or carry its stored record over (`Recrawl.discovered`)."""
        decided = self.recrawl.discovered(url)
        if isinstance(decided, Fetch):
            yield self.statement_request(decided)
        elif decided is not None:
            yield decided

    def statement_request(self, fetch: Fetch) -> scrapy.Request:
        """A request for a statement page, conditional when the state knows the page."""
        return scrapy.Request(
            fetch.url,
            callback=self.parse,
            errback=self.statement_failed,
            headers=fetch.headers or None,
            meta={"statement_id": fetch.statement_id, "handle_httpstatus_list": [304], ARCHIVE_RESUME: True},
        )

    def statement_failed(self, failure: Any) -> Iterator[Statement]:
        """A statement page failed. Gone (404, 410): a known statement is marked removed. Anything
        else is logged and counted, and what the state holds of the statement is kept."""
        failed = self.report_failure(failure, "statement", "errors/statement_fetch")
        statement_id = failure.request.meta["statement_id"]
        if failed.kind is FailureKind.GONE:
            self.crawler.stats.inc_value("statements/gone")
            yield from _some(self.recrawl.answered(statement_id, Carry.GONE))
            return
        self.crawler.stats.inc_value("statements/failed")
        yield from _some(self.recrawl.answered(statement_id, Carry.FAILED))

    def on_dropped(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """The scheduler dropped a request (a duplicate, e.g. after a redirect to the same URL): a statement's
        stored record is carried over at the end (`Recrawl.lost`)."""
        super().on_dropped(request, spider)
        if statement_id := request.meta.get("statement_id"):
            self.recrawl.dropped[statement_id] = f"the duplicate filter dropped the request for {request.url} (a redirect to itself?)"

    def on_idle(self, spider: scrapy.Spider) -> None:
        """When the crawl is idle: first, when more statements the state holds were found by nothing than the
        lists read only as deep as new entries went have pages left, the rest of those lists; then, once, the statements the state holds that
        discovery did not find (`Recrawl.unseen`: re-checked, or carried over when discovery was incomplete);
        every time, the statement requests Scrapy dropped without an answer, logged, counted and carried over."""
        unread = sum(pages for _request, pages in self.cut_lists)
        if not self._unseen_done and self.cut_lists and (unfound := self.recrawl.unseen_count()) > unread:
            self.logger.info("%d known statements were found by nothing so far: reading the other %d pages of %d lists first",
                             unfound, unread, len(self.cut_lists))
            rest, self.cut_lists = self.cut_lists, []
            for request, _pages in rest:
                self.crawler.engine.crawl(request)
            raise DontCloseSpider
        carried: list[Statement] = []
        for lost in self.recrawl.lost():
            self.crawler.stats.inc_value("statements/lost")
            self.logger.warning("statement %s not fetched: %s; %s", lost.url, lost.reason,
                                "the record of an earlier run is kept" if lost.statement else "the state has no record of it")
            if lost.statement is not None:
                carried.append(lost.statement)
        fetches: list[Fetch] = []
        if not self._unseen_done:
            self._unseen_done = True
            complete = not self.crawler.stats.get_value("discovery/errors")
            fetches, unseen = self.recrawl.unseen(complete)
            carried += unseen
            if not complete and unseen:
                self.logger.warning("discovery was incomplete: %d unseen statements are kept as they are", len(unseen))
            elif fetches:
                self.logger.info("%d known statements not found by discovery: re-checking them", len(fetches))
        for fetch in fetches:
            self.crawler.engine.crawl(self.statement_request(fetch))
        if carried:
            self.crawler.engine.crawl(
                scrapy.Request("data:,", callback=self.emit_stored, cb_kwargs={"stored": carried}, dont_filter=True)
            )
        if fetches or carried:
            raise DontCloseSpider

    def emit_stored(self, response: Response, stored: list[Statement]) -> Iterator[Statement]:
        """Statements carried over without a request of their own, for the exports; the `data:`
        response that carries them is left out of the run record's page count."""
        self.crawler.stats.inc_value("pages/internal")
        yield from stored


def _some(item: Statement | None) -> Iterator[Statement]:
    if item is not None:
        yield item


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
