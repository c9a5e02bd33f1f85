"""Downloader middleware: the charset of pages whose header contradicts their content; pages nested
too deep to be read whole."""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from w3lib.encoding import http_content_type_encoding

from .charset import contradiction
from .extract.text import MAX_DEPTH, too_deep

logger = logging.getLogger(__name__)

MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml", "application/atom+xml"})


def is_markup(content_type: str) -> bool:
    """Whether a response with this Content-Type is a page to check: HTML or XML, or untyped. Scrapy makes a
    TextResponse of any body without binary bytes, an uncompressed PDF too; reading that as text would
    send it through charset detection for nothing."""
    mime = content_type.split(";", 1)[0].strip().lower()
    return not mime or mime in MARKUP_TYPES or mime.endswith("+xml")


class PageChecksMiddleware:
    """Checks of every text response, after decompression:

    - a Content-Type charset its content contradicts: the page is read in the charset the content
      shows (`crawler.charset.contradiction`), or as the header says when none fits; logged and
      counted either way (`pages/charset_mismatch`);
    - elements nested deeper than the parser keeps (MAX_DEPTH): what lies deeper is lost; logged as
      a problem of the page and counted (`pages/too_deep`, `pages/problems`)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageChecksMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if not isinstance(response, TextResponse):
            return response
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        if not is_markup(content_type):
            return response
        response = self.charset_checked(response, content_type)
        if too_deep(response.text):
            self.stats.inc_value("pages/too_deep")
            self.stats.inc_value("pages/problems")
            logger.warning("%s: elements nested deeper than %d levels: what lies deeper is not read", response.url, MAX_DEPTH)
        return response

    def charset_checked(self, response: TextResponse, content_type: str) -> TextResponse:
        verdict = contradiction(http_content_type_encoding(content_type), response.body)
        if verdict is None:
            return response
        self.stats.inc_value("pages/charset_mismatch")
        if verdict.charset is None:
            logger.warning("%s: header says %r, but %s; read as the header says", response.url, content_type, verdict.reason)
            return response
        logger.warning("%s: header says %r, but %s: read as %s", response.url, content_type, verdict.reason, verdict.charset)
        return response.replace(encoding=verdict.charset)
