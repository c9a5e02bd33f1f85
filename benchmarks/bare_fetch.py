"""The bare fetch the crawl benchmark compares against: a Scrapy spider that downloads a URL list and does nothing else.

Same engine, downloader and concurrency as the crawl (16 requests at a time, no delays, no
AutoThrottle) and the project's engine settings (`ENGINE_SETTINGS`: user agent, retries, timeout,
items per response), none of its middlewares, pipelines or exporters. Every URL is
fetched exactly once, in the order given (duplicates in the list are fetched again: they were
fetched again by the crawl); no redirect is followed, no robots.txt is asked for (the crawl's own
robots.txt request is in the list), and every status is accepted without a log line.

    .venv/bin/python benchmarks/bare_fetch.py URL_FILE   # one absolute URL a line
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from crawler import settings as project

ENGINE_SETTINGS = ("USER_AGENT", "COOKIES_ENABLED", "RETRY_ENABLED", "RETRY_TIMES", "RETRY_HTTP_CODES",
                   "DOWNLOAD_TIMEOUT", "CONCURRENT_ITEMS", "REQUEST_FINGERPRINTER_IMPLEMENTATION")

SETTINGS = {
    **{name: getattr(project, name) for name in ENGINE_SETTINGS},
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "REDIRECT_ENABLED": False,
    "HTTPERROR_ALLOW_ALL": True,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}


class BareFetch(scrapy.Spider):
    name = "bare_fetch"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.fetched = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> None:
        self.fetched += 1


def main() -> None:
    urls = [line.strip() for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if line.strip()]
    process = CrawlerProcess(SETTINGS)
    process.crawl(BareFetch, urls=urls)
    process.start()


if __name__ == "__main__":
    main()
