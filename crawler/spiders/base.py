"""What both spiders share: the site's base URL, the feeds they write, AJAX lists and link discovery.

Spiders only discover and fetch; everything read off a page is the pipelines' job.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError

from ..templates.lists import (
    DynamicList,
    ListPage,
    find_lists,
    is_pagination_link,
    parse_list_page,
)
from ..urls import canonical_url, worth_following

TRUTHY = {"1", "true", "yes", "on"}
GONE = (404, 410)
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
    """Base of the site's spiders: `SOLIDNET_URL` sets start URLs and the allowed domain."""

    feeds: ClassVar[dict[str, dict[str, Any]]] = {}
    base_url: str
    allowed_domains: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lists_seen: set[str] = set()
        self.requested: set[str] = set()

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
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        exports = Path(settings.get("EXPORTS_DIR")).resolve()
        feeds = {(exports / name).as_uri(): dict(options, overwrite=True) for name, options in cls.feeds.items()}
        settings.set("FEEDS", feeds, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SolidnetSpider:
        if str(kwargs.pop("full", "")).lower() in TRUTHY:
            crawler.settings.set("FULL_RECRAWL", True, priority="cmdline")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = crawler.settings.get("SOLIDNET_URL").rstrip("/")
        spider.allowed_domains = [urlsplit(spider.base_url).hostname or ""]
        return spider

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def list_requests(self, response: TextResponse, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Page 1 of every AJAX-filled list on the page (once per list, whatever page shows it);
        `parse_list` asks for the other pages."""
        for dynamic in find_lists(response.selector, response.url):
            if dynamic.key in self.lists_seen:
                continue
            self.lists_seen.add(dynamic.key)
            yield scrapy.Request(
                dynamic.page_url(1),
                callback=self.parse_list,
                cb_kwargs={"dynamic": dynamic, **kwargs},
                errback=self.discovery_failed,
                meta={LIST_PAGE: canonical_url(response.url, self.base_url)},
            )

    def parse_list(self, response: Response, dynamic: DynamicList, **kwargs: Any) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.logger.warning("list page %s is not text; skipped", response.url)
            return
        page = parse_list_page(response.text, response.url)
        self.crawler.stats.inc_value("lists/pages")
        if page.current_page == 1 and self.wants_list(page):
            for number in range(2, page.pages + 1):
                yield scrapy.Request(
                    dynamic.page_url(number),
                    callback=self.parse_list,
                    cb_kwargs={"dynamic": dynamic, **kwargs},
                    errback=self.discovery_failed,
                    meta={LIST_PAGE: list_page(response)},
                )
        yield from self.list_entries(page.entry_urls, response)

    def wants_list(self, first_page: ListPage) -> bool:
        """Whether a list's other pages are worth fetching, judged by its first page; spiders override."""
        return True

    def list_entries(self, urls: list[str], response: TextResponse) -> Iterator[Any]:
        """What to do with the entries of a list page (`list_page(response)`: the page it sits on); spiders override."""
        return iter(())

    def site_links(self, response: Response) -> Iterator[str]:
        """Canonical URLs of the internal pages the page links to, each once, in page order."""
        yielded: set[str] = set()
        for href in dict.fromkeys(response.css("a::attr(href)").getall()):
            if href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = _site_link(response.urljoin(href), self.base_url)
            if url is not None and url not in yielded:
                yielded.add(url)
                yield url

    def discovery_failed(self, failure: Any) -> None:
        """A start, section or list page could not be fetched: removals are not decided this run."""
        self._failed(failure, "discovery/errors")

    def link_failed(self, failure: Any) -> None:
        """Some other linked page could not be fetched: logged and counted; discovery stands."""
        self._failed(failure, "errors/linked_pages")

    def _failed(self, failure: Any, counter: str) -> None:
        """Forbidden by robots.txt or gone (404, 410): noted. Anything else is an error."""
        url = failure.request.url
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            if failure.request.callback == self.parse_list:
                self.crawler.stats.inc_value("discovery/lists_forbidden")
                self.logger.warning("list not fetched: %s (%s)", url, failure.value)
            else:
                self.logger.info("not fetched: %s (%s)", url, failure.value)
        elif failure.check(HttpError) and failure.value.response.status in GONE:
            self.crawler.stats.inc_value("discovery/not_found")
            self.logger.warning("broken link: %s answered %d", url, failure.value.response.status)
        else:
            self.crawler.stats.inc_value(counter)
            self.logger.error("could not fetch %s: %s", url, failure.value)
