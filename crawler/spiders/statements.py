"""`scrapy crawl statements`: discovers every statement (AJAX lists and their pages, links, sitemap, RSS) and fetches it.

Incremental: a statement the state already holds is fetched again only when the recrawl
policy says so, with a conditional request; otherwise its stored record is carried over, so
the exports always hold the whole dataset.
"""

from __future__ import annotations

from typing import Any, Iterator

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse

from ..context import RunContext, run_context
from ..items import ArticleFetched, Statement, StoredStatement
from ..schemas import STATEMENT_FIELDS
from ..templates import is_article_page
from ..urls import canonical_url, is_article_path, is_event_path, on_site, page_id
from .base import SolidnetSpider

FEED_ITEMS = {"item_classes": [Statement]}


class StatementsSpider(SolidnetSpider):
    name = "statements"
    feeds = {
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
        """Any page: a statement (known by its markup), lists to expand, links to follow."""
        if response.status == 304:
            yield from self.carry_over(response.meta["statement_id"], "not-modified")
            return
        if not isinstance(response, TextResponse):
            return
        self.crawler.stats.inc_value("pages/html")
        url = canonical_url(response.url, self.base_url)
        if is_article_page(response.selector, url):
            self.seen.add(page_id(url))
            yield ArticleFetched(
                url=url,
                html=response.text,
                etag=_header(response, b"ETag"),
                last_modified=_header(response, b"Last-Modified"),
            )
        elif is_article_path(response.url):
            self.crawler.stats.inc_value("pages/article_url_without_article_markup")
            self.logger.warning("%s has an article URL but no article markup", response.url)
        yield from self.list_requests(response)
        for link in self.site_links(response):
            yield from self.follow(link)

    def follow(self, url: str) -> Iterator[Any]:
        path = url[len(self.base_url):] if url.startswith(self.base_url) else url
        if is_event_path(path):
            return
        if is_article_path(path):
            yield from self.statement(url)
        else:
            yield scrapy.Request(url, callback=self.parse, errback=self.discovery_failed)

    def list_entries(self, urls: list[str], response: Response) -> Iterator[Any]:
        for url in urls:
            if on_site(url, self.base_url):
                yield from self.follow(canonical_url(url, self.base_url))

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        response.selector.remove_namespaces()
        for loc in response.xpath("//url/loc/text()").getall():
            if on_site(loc.strip(), self.base_url):
                yield from self.follow(canonical_url(loc.strip(), self.base_url))

    def parse_rss(self, response: Response) -> Iterator[Any]:
        response.selector.remove_namespaces()
        for link in response.xpath("//item/link/text()").getall():
            if on_site(link.strip(), self.base_url):
                yield from self.follow(canonical_url(link.strip(), self.base_url))

    def optional_missing(self, failure: Any) -> None:
        self.logger.info("optional source not offered: %s (%s)", failure.request.url, failure.value)

    # incremental fetching --------------------------------------------------------

    def statement(self, url: str) -> Iterator[Any]:
        """Fetch a statement, or carry its stored record over when the policy says it is not due."""
        statement_id = page_id(url)
        if statement_id in self.seen:
            return
        self.seen.add(statement_id)
        row = self.run.state.get(statement_id)
        if row is not None and not self.run.policy.is_due(
            statement_id, row.posted_at, row.checked_run, self.run.number, self.run.started_at.replace(tzinfo=None)
        ):
            self.crawler.stats.inc_value("incremental/requests_saved")
            yield StoredStatement(row.record, "not-due")
            return
        yield scrapy.Request(
            url,
            callback=self.parse,
            errback=self.statement_failed,
            meta={"statement_id": statement_id, "handle_httpstatus_list": [304]},
        )

    def carry_over(self, statement_id: str, reason: str) -> Iterator[StoredStatement]:
        row = self.run.state.get(statement_id)
        if row is not None:
            if reason == "not-modified":
                self.crawler.stats.inc_value("incremental/not_modified")
            yield StoredStatement(row.record, reason)

    def statement_failed(self, failure: Any) -> Iterator[StoredStatement]:
        """A statement page failed: logged and counted; what the state holds of it is kept."""
        self.crawler.stats.inc_value("errors/statement_fetch")
        self.logger.error("could not fetch statement %s: %s", failure.request.url, failure.value)
        yield from self.carry_over(failure.request.meta["statement_id"], "fetch-failed")

    def on_idle(self, spider: scrapy.Spider) -> None:
        """Once discovery is over: statements the state holds but the site no longer shows are marked removed."""
        if self._removals_done:
            return
        self._removals_done = True
        if self.crawler.stats.get_value("discovery/errors"):
            self.logger.warning("discovery was incomplete: no statement is marked removed this run")
            return
        gone = [row.id for row in self.run.state.all() if row.id not in self.seen]
        if not gone:
            return
        request = scrapy.Request("data:,", callback=self.emit_removed, cb_kwargs={"ids": gone}, dont_filter=True)
        self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def emit_removed(self, response: Response, ids: list[str]) -> Iterator[StoredStatement]:
        for statement_id in ids:
            yield from self.carry_over(statement_id, "removed")


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
