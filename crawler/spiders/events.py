"""`scrapy crawl events`: fetches the pages that show events and hands them on as `EventSource`s.

The side list of upcoming events is the same on every article page, so the home page and one
section page stand for all of them; the events section's list is read page by page (AJAX or a
server-rendered pager), every event detail page linked from a teaser is fetched, and so is every
event page the sitemap lists. Reading the events is the pipelines' job.

Every events page is asked for conditionally: a page the server says is unchanged (304) is read
again from its archived capture (`ARCHIVE_REVISIT`), so a rerun downloads only what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from ..archive.middleware import ARCHIVE_RESUME, ARCHIVE_REVISIT, CAPTURE
from ..items import EventSource
from ..templates.links import linked_urls
from ..templates.lists import DynamicList, find_lists
from ..urls import canonical_url, is_event_path, on_site
from .base import SolidnetSpider, list_page

REVISITED = {ARCHIVE_REVISIT: True}   # every page is read again each run: unchanged ones (304) from the archive


class EventsSpider(SolidnetSpider):
    name = "events"
    side_list_paths = ("/", "/news/statements/")   # pages carrying the side list of upcoming events
    section_path = "/events/"                      # the events section: an AJAX list of every event

    async def start(self) -> Any:
        for path in self.side_list_paths:
            yield self.page_request(self.url(path), self.parse)
        yield self.page_request(self.url(self.section_path), self.parse_section)
        yield self.sitemap_request()

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """A page with teasers, or an event page: handed on whole; the event pages it links to are fetched."""
        if not isinstance(response, TextResponse):
            return
        yield from self.event_requests(self.site_links(linked_urls(response.selector, response.url)))
        yield EventSource(   # after the requests: Scrapy takes a callback's outputs in turn, and the item's steps wait for its capture
            url=canonical_url(response.url, self.base_url), html=response.text, selector=response.selector, capture=response.meta.get(CAPTURE)
        )

    def parse_section(self, response: Response) -> Iterator[Any]:
        """The events section: every page of its AJAX lists and of its server-rendered pager, then the page itself."""
        if isinstance(response, TextResponse):
            yield from self.list_requests(find_lists(response.selector, response.url), response.url)
            for url in self.pagination_links(response):
                yield self.page_request(url, self.parse_section)
        yield from self.parse(response)

    def page_request(self, url: str, callback: Callable[..., Any], **meta: Any) -> scrapy.Request:
        """A request for an events page: conditional, a 304 read again from the archive (`REVISITED`)."""
        return scrapy.Request(url, callback=callback, errback=self.discovery_failed, meta={**REVISITED, **meta})

    def list_page_request(
        self, dynamic: DynamicList, number: int, shown_on: str, kwargs: dict[str, Any], **meta: Any
    ) -> scrapy.Request:
        return super().list_page_request(dynamic, number, shown_on, kwargs, **{**REVISITED, **meta})

    def sitemap_entry(self, url: str) -> Iterator[Any]:
        yield from self.event_requests([url])

    def list_entries(self, urls: list[str], response: TextResponse) -> Iterator[Any]:
        """One page of the events list: their detail pages; its teasers, seen on the list page (after the requests)."""
        yield from self.event_requests(canonical_url(url, self.base_url) for url in urls if on_site(url, self.base_url))
        yield EventSource(url=list_page(response), html=response.text, selector=response.selector, capture=response.meta.get(CAPTURE))

    def event_requests(self, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        """Requests for the event detail pages among canonical URLs, each asked for once; one that a killed or
        failed run fetched is read from the archive."""
        for url in urls:
            if is_event_path(urlsplit(url).path) and self.first_request(url):
                yield self.page_request(url, self.parse, **{ARCHIVE_RESUME: True})
