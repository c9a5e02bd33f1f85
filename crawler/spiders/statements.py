"""`scrapy crawl statements`: discovers every statement (AJAX lists and their pages, links, sitemap, RSS) and fetches it.

Incremental: a statement the state already holds is fetched again only when the recrawl
policy says so, with a conditional request; otherwise its stored record is carried over, so
the exports always hold the whole dataset.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from ..context import RunContext, run_context
from ..items import ArticleFetched, Statement, StoredStatement
from ..schemas import STATEMENT_FIELDS
from ..templates import is_article_page
from ..templates.lists import ListPage
from ..urls import canonical_url, is_article_path, is_event_path, on_site, page_id
from .base import GONE, SolidnetSpider

FEED_ITEMS = {"item_classes": [Statement]}


class StatementsSpider(SolidnetSpider):
    name = "statements"
    feeds: ClassVar[dict[str, dict[str, Any]]] = {
        "statements.jsonl": {"format": "sorted_jsonlines", "fields": STATEMENT_FIELDS, **FEED_ITEMS},
        "signatories.jsonl": {"format": "signatories", **FEED_ITEMS},
        "parties.jsonl": {"format": "parties", **FEED_ITEMS},
    }
    start_paths = ("/", "/news/statements/", "/news/")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: set[str] = set()
        self._removals_done = False

    @property
    def run(self) -> RunContext:
        return run_context(self.crawler)

    async def start(self) -> Any:
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        self.logger.info("run %s (number %d) of %s", self.run.run_id, self.run.number, self.base_url)
        for path in self.start_paths:
            yield scrapy.Request(self.url(path), callback=self.parse, errback=self.discovery_failed)
        yield scrapy.Request(self.url("/sitemap.xml"), callback=self.parse_sitemap, errback=self.optional_missing)
        yield scrapy.Request(self.url("/rss.xml"), callback=self.parse_rss, errback=self.optional_missing)

    # discovery ------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any page: a statement, lists to expand, links to follow.

        A page requested as a statement always goes to the pipelines under the id it was requested
        by (whatever redirect it took), which decide from its markup; any other page does when its
        markup is an article's."""
        statement_id = response.meta.get("statement_id")
        if response.status == 304 and statement_id:   # a conditional re-check: the stored record still holds
            yield from self.carry_over(statement_id, "not-modified")
            return
        if not isinstance(response, TextResponse):
            if statement_id:
                self.logger.warning("%s: not a text page; what the state holds of it is kept", response.url)
                yield from self.carry_over(statement_id, "kept")
            return
        self.crawler.stats.inc_value("pages/html")
        if statement_id:
            yield self.fetched(response, response.meta.get("redirect_urls", [response.url])[0])
        else:
            url = canonical_url(response.url, self.base_url)
            if page_id(url) not in self.seen and is_article_page(response.selector, url):
                self.seen.add(page_id(url))
                yield self.fetched(response, url)
        yield from self.list_requests(response)
        for link in self.site_links(response):
            yield from self.follow(link)

    def fetched(self, response: TextResponse, url: str) -> ArticleFetched:
        return ArticleFetched(
            url=canonical_url(url, self.base_url),
            html=response.text,
            selector=response.selector,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )

    def follow(self, url: str) -> Iterator[Any]:
        path = url[len(self.base_url):] if url.startswith(self.base_url) else url
        if is_event_path(path):
            return
        if is_article_path(path) or self.run.state.get(page_id(url)) is not None:   # a known statement at an old path too
            yield from self.statement(url)
        elif self.first_request(url):
            yield scrapy.Request(url, callback=self.parse, errback=self.link_failed)

    def wants_list(self, first_page: ListPage) -> bool:
        """Only lists of statements are paged through (not the events list, say)."""
        return any(is_article_path(urlsplit(url).path) for url in first_page.entry_urls)

    def list_entries(self, urls: list[str], response: TextResponse) -> Iterator[Any]:
        for url in urls:
            if on_site(url, self.base_url):
                yield from self.follow(canonical_url(url, self.base_url))

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.logger.warning("%s is not text; skipped", response.url)
            return
        response.selector.remove_namespaces()
        for loc in response.xpath("//url/loc/text()").getall():
            if on_site(loc.strip(), self.base_url):
                yield from self.follow(canonical_url(loc.strip(), self.base_url))

    def parse_rss(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.logger.warning("%s is not text; skipped", response.url)
            return
        response.selector.remove_namespaces()
        for link in response.xpath("//item/link/text()").getall():
            if on_site(link.strip(), self.base_url):
                yield from self.follow(canonical_url(link.strip(), self.base_url))

    def optional_missing(self, failure: Any) -> None:
        self.logger.info("optional source not offered: %s (%s)", failure.request.url, failure.value)

    # incremental fetching --------------------------------------------------------

    def statement(self, url: str) -> Iterator[Any]:
        """Fetch a statement, or carry its stored record over when the policy says it is not due.
        A statement the state marks removed is always fetched: it is back on the site."""
        statement_id = page_id(url)
        if statement_id in self.seen:
            return
        self.seen.add(statement_id)
        row = self.run.state.get(statement_id)
        if row is not None and not row.record.get("removed_at") and not self.run.policy.is_due(
            statement_id, row.posted_at, row.checked_run, self.run.number, self.run.started_at.replace(tzinfo=None)
        ):
            yield from self.carry_over(statement_id, "not-due")
            return
        yield self.statement_request(url, statement_id)

    def statement_request(self, url: str, statement_id: str) -> scrapy.Request:
        """A request for a statement page; the middleware makes it conditional when the state knows the page."""
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.statement_failed,
            meta={"statement_id": statement_id, "handle_httpstatus_list": [304]},
        )

    def carry_over(self, statement_id: str, reason: str) -> Iterator[StoredStatement]:
        """The stored record of a statement not read this run; `reason` tells the state pipeline why."""
        row = self.run.state.get(statement_id)
        if row is None:
            return
        if reason in ("not-due", "not-modified"):
            self.crawler.stats.inc_value(f"incremental/{reason.replace('-', '_')}")
            self.crawler.stats.inc_value("incremental/requests_saved")
        yield StoredStatement(row.record, reason)

    def statement_failed(self, failure: Any) -> Iterator[StoredStatement]:
        """A statement page failed. Gone (404, 410): a known statement is marked removed. Anything
        else is logged and counted, and what the state holds of the statement is kept."""
        request = failure.request
        statement_id = request.meta["statement_id"]
        if failure.check(HttpError) and failure.value.response.status in GONE:
            self.crawler.stats.inc_value("statements/gone")
            self.logger.warning("statement %s answered %d", request.url, failure.value.response.status)
            yield from self.carry_over(statement_id, "removed")
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.logger.info("statement not fetched: %s (%s)", request.url, failure.value)
        else:
            self.crawler.stats.inc_value("errors/statement_fetch")
            self.logger.error("could not fetch statement %s: %s", request.url, failure.value)
        yield from self.carry_over(statement_id, "fetch-failed")

    def on_idle(self, spider: scrapy.Spider) -> None:
        """Once discovery is over, the statements the state holds but the site did not show this run:
        those already removed stay removed; the others are re-checked (a 404 or 410 marks them removed).
        When discovery was incomplete, they are carried over as they are, without requests."""
        if self._removals_done:
            return
        self._removals_done = True
        unseen = [row for row in self.run.state.all() if row.id not in self.seen]
        if not unseen:
            return
        self.seen.update(row.id for row in unseen)
        stored = [(row.id, "removed") for row in unseen if row.record.get("removed_at")]
        others = [row for row in unseen if not row.record.get("removed_at")]
        if others and self.crawler.stats.get_value("discovery/errors"):
            self.logger.warning("discovery was incomplete: %d unseen statements are kept as they are", len(others))
            stored += [(row.id, "unseen") for row in others]
        elif others:
            self.logger.info("%d known statements not found by discovery: re-checking them", len(others))
            for row in others:
                self.crawler.engine.crawl(self.statement_request(row.url, row.id))
        if stored:
            self.crawler.engine.crawl(
                scrapy.Request("data:,", callback=self.emit_stored, cb_kwargs={"stored": stored}, dont_filter=True)
            )
        raise DontCloseSpider

    def emit_stored(self, response: Response, stored: list[tuple[str, str]]) -> Iterator[StoredStatement]:
        """The stored records (id, reason) of statements not fetched this run, for the exports; the
        `data:` response that carries them is left out of the run record's page count."""
        self.crawler.stats.inc_value("pages/internal")
        for statement_id, reason in stored:
            yield from self.carry_over(statement_id, reason)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
