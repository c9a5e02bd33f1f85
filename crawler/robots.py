"""robots.txt obeyed for every request, the first ones of a run included.

Replaces Scrapy's `RobotsTxtMiddleware` (disabled in the settings): from Scrapy 2.14 on it keeps
one Deferred per host that every waiting request awaits, and Twisted hands the parser only to the
first waiter, `None` ("allowed") to the others, so the requests of a run's start that arrive while
robots.txt is on its way bypass it (scrapy/scrapy#6802 turned the per-waiter Deferred into a shared
await). Here each waiter gets a Deferred of its own, fired with the parser. Settings as Scrapy's:
`ROBOTSTXT_OBEY`, `ROBOTSTXT_PARSER`, `ROBOTSTXT_USER_AGENT`; the same stats (`robotstxt/...`).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


class RobotsTxtMiddleware:
    """Downloader middleware: a request robots.txt forbids raises `IgnoreRequest("Forbidden by robots.txt")`.

    Each host's robots.txt is fetched once; until it is parsed, every request to that host waits.
    A robots.txt that cannot be fetched allows everything (as in Scrapy)."""

    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self._user_agent: str | None = crawler.settings.get("ROBOTSTXT_USER_AGENT") or None
        self._default_user_agent: str = crawler.settings.get("USER_AGENT")
        self._parser_class: Any = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        self._parsers: dict[str, RobotParser | None] = {}
        self._waiting: dict[str, list[Deferred[RobotParser | None]]] = {}   # hosts whose robots.txt is on its way

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return
        parser = await self.parser_for(request)
        if parser is None:
            return
        user_agent = self._user_agent or request.headers.get(b"User-Agent") or self._default_user_agent
        if not parser.allowed(request.url, user_agent):
            logger.debug("Forbidden by robots.txt: %s", request)
            self.crawler.stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest("Forbidden by robots.txt")

    async def parser_for(self, request: Request) -> RobotParser | None:
        """The parser of the request's host: known, awaited (each waiter on its own Deferred), or fetched now."""
        url = urlparse_cached(request)
        host = url.netloc
        if host in self._parsers:
            return self._parsers[host]
        if host in self._waiting:
            waiter: Deferred[RobotParser | None] = Deferred()
            self._waiting[host].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[host] = []
        parser = await self._fetch(Request(
            f"{url.scheme}://{host}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        ), request)
        self._parsers[host] = parser
        for waiter in self._waiting.pop(host):
            waiter.callback(parser)
        return parser

    async def _fetch(self, robots_request: Request, request: Request) -> RobotParser | None:
        stats = self.crawler.stats
        stats.inc_value("robotstxt/request_count")
        try:
            response = await self._download(robots_request)
        except IgnoreRequest:
            return None
        except Exception as error:
            stats.inc_value(f"robotstxt/exception_count/{type(error)}")
            logger.error("Error downloading %s: %s", robots_request, error)
            return None
        stats.inc_value("robotstxt/response_count")
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        parser: RobotParser = build_from_crawler(self._parser_class, self.crawler, response.body)
        if (parsed := getattr(signals, "robots_parsed", None)) is not None:   # a signal newer Scrapy versions have (2.14 has not)
            self.crawler.signals.send_catch_log(signal=parsed, robotparser=parser, request=request)
        return parser

    async def _download(self, request: Request) -> Response:
        engine = self.crawler.engine
        assert engine is not None
        if hasattr(engine, "download_async"):   # Scrapy >= 2.14
            response: Response = await engine.download_async(request)
            return response
        return await maybe_deferred_to_future(engine.download(request))
