"""What both spiders share: the site's base URL, AJAX lists and link discovery.

Spiders only discover and fetch; everything read off a page is the pipelines' job.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.selector import Selector

from ..archive.middleware import ARCHIVE_KEY
from ..fetch_failures import FailureKind, FetchFailure, classify_failure
from ..templates.lists import DynamicList, ListPage, is_pagination_link, parse_list_page
from ..urls import canonical_url, on_site, site_domain, worth_following

TRUTHY = {"1", "true", "yes", "on"}
PAGE_QUERY = re.compile(r"(?:^|&)page=\d+")
LIST_PAGE = "list_page"   # request meta key: the page an AJAX list sits on
LINK_CACHE = 4096         # distinct absolute link URLs whose canonical form is remembered (every page repeats the menus)


@lru_cache(maxsize=LINK_CACHE)
def _site_link(url: str, base_url: str) -> str | None:
    """The canonical URL of an absolute link worth following (an internal HTML page, not a
    server-rendered list page), else None."""
    if worth_following(url, base_url) and not is_pagination_link(url):
        return canonical_url(url, base_url)
    return None


def list_page(response: Response) -> str:
    """The page a reader sees an AJAX list response on (the response's own URL when unknown)."""
    return response.meta.get(LIST_PAGE) or response.url


class SolidnetSpider(scrapy.Spider):
    """Base of the site's spiders: `SOLIDNET_URL` sets start URLs and the allowed domain (its host
    with and without `www.`; pages are exported under the host of SOLIDNET_URL)."""

    base_url: str
    allowed_domains: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lists_seen: set[str] = set()
        self.requested: set[str] = set()
        self._dry: list[asyncio.Future[None]] = []   # sitemaps waiting for the scheduler to run dry (`ran_dry`)

    def first_request(self, url: str) -> bool:
        """True the first time a spider asks whether to request this (canonical) URL, False after that.

        A page's links repeat on every page (menus, side lists): asking the scheduler again only for its
        duplicate filter to drop the request costs a request object and a pass through every middleware
        per link, and changes nothing that is fetched."""
        if url in self.requested:
            return False
        self.requested.add(url)
        return True

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SolidnetSpider:
        if str(kwargs.pop("full", "")).lower() in TRUTHY:
            crawler.settings.set("FULL_RECRAWL", True, priority="cmdline")
        if str(kwargs.pop("reextract", "")).lower() in TRUTHY:
            crawler.settings.set("REEXTRACT", True, priority="cmdline")
        if crawler.settings.getbool("REEXTRACT"):   # every page read again, from the archive (robots.txt too): nothing is sent
            crawler.settings.set("FULL_RECRAWL", True, priority="cmdline")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = crawler.settings.get("SOLIDNET_URL").rstrip("/")
        spider.allowed_domains = [site_domain(urlsplit(spider.base_url).hostname or "")]   # www. and the bare domain alike
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.ran_dry, signal=signals.scheduler_empty)
        return spider

    def ran_dry(self) -> None:
        """The scheduler had no request to give: the sitemaps waiting for it go on."""
        waiting, self._dry = self._dry, []
        for future in waiting:
            if not future.done():
                future.set_result(None)

    def on_dropped(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """The scheduler's duplicate filter dropped a request. A redirect back to a URL already in its own
        chain (A -> B -> A) is a redirect loop: one ERROR line with the URL, counted; any other duplicate
        is the filter doing its job."""
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            self.crawler.stats.inc_value(f"fetch_failures/{FailureKind.REDIRECT_LOOP}")
            self.logger.error("could not fetch %s (%s): redirected back to it by %s", request.url, FailureKind.REDIRECT_LOOP, chain[-1])

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def list_requests(self, lists: Iterable[DynamicList], page_url: str, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Page 1 of each AJAX-filled list of the page at `page_url` (once per list, whatever page shows
        it); `parse_list` asks for the other pages."""
        for dynamic in lists:
            if dynamic.key in self.lists_seen:
                continue
            self.lists_seen.add(dynamic.key)
            yield self.list_page_request(dynamic, 1, canonical_url(page_url, self.base_url), kwargs)

    async def parse_list(self, response: Response, dynamic: DynamicList, **kwargs: Any) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            self.logger.warning("list page %s is not text; skipped", response.url)
            return
        page = await self.read_list(response)
        self.crawler.stats.inc_value("lists/pages")
        for request in self.next_list_pages(page, dynamic, response, kwargs):
            yield request
        for output in self.list_entries(page.entry_urls, response):
            yield output

    async def read_list(self, response: TextResponse) -> ListPage:
        """A list page's entries and page counts (`parse_list_page`), read here; spiders override."""
        return parse_list_page(response.text, response.url)

    def list_page_request(
        self, dynamic: DynamicList, number: int, shown_on: str, kwargs: dict[str, Any], **meta: Any
    ) -> scrapy.Request:
        """Page `number` of an AJAX list shown on the page `shown_on` (`meta`: more for the request's meta)."""
        return scrapy.Request(
            dynamic.page_url(number),
            callback=self.parse_list,
            cb_kwargs={"dynamic": dynamic, **kwargs},
            errback=self.discovery_failed,
            meta={LIST_PAGE: shown_on, ARCHIVE_KEY: f"{dynamic.key}#{number}", **meta},
        )

    def next_list_pages(self, page: ListPage, dynamic: DynamicList, response: TextResponse, kwargs: dict[str, Any]) -> Iterable[scrapy.Request]:
        """The pages of a list to fetch after this one: from its first page, every other page of a list
        worth paging through (`wants_list`); spiders override."""
        if page.current_page == 1 and self.wants_list(page):
            for number in range(2, page.pages + 1):
                yield self.list_page_request(dynamic, number, list_page(response), kwargs)

    def wants_list(self, first_page: ListPage) -> bool:
        """Whether a list's other pages are worth fetching, judged by its first page; spiders override."""
        return True

    def list_entries(self, urls: list[str], response: TextResponse) -> Iterator[Any]:
        """What to do with the entries of a list page (`list_page(response)`: the page it sits on); spiders override."""
        return iter(())

    def site_links(self, urls: Iterable[str]) -> Iterator[str]:
        """Canonical URLs of the internal pages among a page's links (`linked_urls`), each once, in page order."""
        yielded: set[str] = set()
        for link in urls:
            url = _site_link(link, self.base_url)
            if url is not None and url not in yielded:
                yielded.add(url)
                yield url

    def sitemap_request(self) -> scrapy.Request:
        return scrapy.Request(self.url("/sitemap.xml"), callback=self.parse_sitemap, errback=self.optional_missing)

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:
        """A sitemap (`sitemap_entry` is called with each page's canonical URL) or a sitemap index (each
        sitemap fetched).

        The requests of a sitemap's entries go out `SITEMAP_BATCH` at a time: the next batch once the
        scheduler has run dry. A large site's whole sitemap queued at once would hold a request object
        per page in memory for most of the run; the requests themselves are the same (this is still the
        sitemap's callback: its spider middlewares, its Referer). Items (statements carried over) are
        not held back."""
        sitemaps, entries = self.listed_urls(response, "//sitemap/loc/text()", "//url/loc/text()")
        for loc in sitemaps:
            yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.optional_missing)
        self.crawler.stats.inc_value("sitemap/entries", len(entries))
        batch, sent = max(1, self.crawler.settings.getint("SITEMAP_BATCH")), 0
        for loc in entries:
            for output in self.sitemap_entry(canonical_url(loc, self.base_url)):
                if isinstance(output, scrapy.Request):
                    if sent == batch:
                        if not await self.scheduler_dry():
                            return
                        sent = 0
                    sent += 1
                    self.crawler.stats.inc_value("sitemap/requests")
                yield output

    async def scheduler_dry(self) -> bool:
        """Until the scheduler holds no request (its counts say so, checked as Scrapy's `scheduler_empty`
        says it has none to give, and every second): True; True at once too while the engine takes no
        request because responses wait to be processed (this sitemap among them: a wait would hold it).
        False as soon as the engine is closing the spider (a time limit, a stop): the sitemap's callback
        then ends, so the close does not wait for it."""
        stats, engine = self.crawler.stats, self.crawler.engine
        held = False
        while stats.get_value("scheduler/enqueued", 0) > stats.get_value("scheduler/dequeued", 0):
            if engine.scraper.slot is not None and engine.scraper.slot.needs_backout():
                return True
            if engine.needs_backout() and not engine.downloader.needs_backout():   # closing or stopping
                return False
            if not held:
                stats.inc_value("sitemap/batches_held")
                held = True
            future = asyncio.get_running_loop().create_future()
            self._dry.append(future)
            await asyncio.wait([future], timeout=1)
            if future in self._dry:
                self._dry.remove(future)
        return True

    def listed_urls(self, response: Response, *xpaths: str) -> list[list[str]]:
        """The on-site URLs an XML sitemap or feed holds at each of `xpaths` (none when it is not text). Its
        tree is parsed here, not kept on the response: a sitemap's callback outlives its reading."""
        if not isinstance(response, TextResponse):
            self.logger.warning("%s is not text; skipped", response.url)
            return [[] for _xpath in xpaths]
        tree = Selector(response)
        tree.remove_namespaces()
        return [[url.strip() for url in tree.xpath(xpath).getall() if on_site(url.strip(), self.base_url)] for xpath in xpaths]

    def sitemap_entry(self, url: str) -> Iterator[Any]:
        """What to do with a page the sitemap lists; spiders override."""
        return iter(())

    def pagination_links(self, response: TextResponse) -> list[str]:
        """The other pages of a server-rendered list: `rel=next` links, and links of the page's pager to the
        same path with a `page` query (each list page is fetched once: the duplicate filter drops repeats)."""
        here = urlsplit(response.url).path
        found = response.css('a[rel~="next"]::attr(href), link[rel~="next"]::attr(href)').getall()
        pagers = response.xpath("//*[contains(@class, 'pager') or contains(@class, 'pagination')]//a/@href").getall()
        found += [h for h in pagers if urlsplit(response.urljoin(h)).path == here and PAGE_QUERY.search(urlsplit(h).query)]
        urls = (response.urljoin(h) for h in found if not h.startswith(("javascript:", "#")))
        return list(dict.fromkeys(canonical_url(u, self.base_url) for u in urls if worth_following(u, self.base_url)))

    def optional_missing(self, failure: Any) -> None:
        """A sitemap or the RSS feed: not offered (404, 410) or forbidden is fine; any other failure
        (over the size cap, say) is a discovery error."""
        self.report_failure(failure, "optional source", "discovery/errors", gone_is_fine=True)

    def discovery_failed(self, failure: Any) -> None:
        """A start, section or list page could not be fetched: removals are not decided this run."""
        self._failed(failure, "discovery/errors")

    def link_failed(self, failure: Any) -> None:
        """Some other linked page could not be fetched: logged and counted; discovery stands."""
        self._failed(failure, "errors/linked_pages")

    def _failed(self, failure: Any, counter: str) -> None:
        """Forbidden by robots.txt or gone (404, 410): noted (a forbidden list as a warning). Anything else is an error."""
        is_list = failure.request.callback == self.parse_list
        failed = self.report_failure(failure, "list" if is_list else "page", counter)
        if failed.kind is FailureKind.ROBOTS and is_list:
            self.crawler.stats.inc_value("discovery/lists_forbidden")
        elif failed.kind is FailureKind.GONE:
            self.crawler.stats.inc_value("discovery/not_found")

    def report_failure(self, failure: Any, what: str, counter: str, gone_is_fine: bool = False) -> FetchFailure:
        """A request that got no usable response: classified, logged once (an error, or a warning / info
        line when it was forbidden or is gone) with its URL and reason, counted under
        `fetch_failures/<kind>`, and under `counter` when it is an error."""
        failed = classify_failure(failure)
        url = failure.request.url
        stats = self.crawler.stats
        stats.inc_value(f"fetch_failures/{failed.kind}")
        if failed.is_error:
            stats.inc_value(counter)
            self.logger.error("could not fetch %s %s (%s): %s", what, url, failed.kind, failed.reason)
        elif failed.kind is FailureKind.GONE:
            self.logger.log(logging.INFO if gone_is_fine else logging.WARNING, "%s %s answered %s", what, url, failed.status)
        else:
            level = logging.WARNING if what == "list" else failed.level
            self.logger.log(level, "%s not fetched: %s (%s)", what, url, failed.reason)
        return failed
