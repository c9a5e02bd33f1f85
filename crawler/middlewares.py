"""Downloader middleware: conditional requests for pages the state already holds."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler

from .context import run_context


class ConditionalRequestMiddleware:
    """Adds If-None-Match / If-Modified-Since to a re-check of a known statement (not on a full recrawl)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        statement_id = request.meta.get("statement_id")
        if not statement_id:
            return None
        context = run_context(self.crawler)
        if context.policy.full or (row := context.state.get(statement_id)) is None:
            return None
        if row.etag:
            request.headers.setdefault(b"If-None-Match", row.etag.encode("latin-1"))
        if row.last_modified:
            request.headers.setdefault(b"If-Modified-Since", row.last_modified.encode("latin-1"))
        return None
