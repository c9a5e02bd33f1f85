"""A Scrapy extension that lets log calls below `LOG_LEVEL` stop at the logger.

Scrapy leaves the root logger at NOTSET and filters at its handler, so every DEBUG call (a "Crawled"
and a "Scraped from" line for each response and item) builds its record and its message before the
handler drops it. With the root logger at `LOG_LEVEL` while the engine runs, such a call returns at
once; what is logged, and what the `log_count/*` stats count, stay the same.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler


class RootAtLogLevel:
    def __init__(self, level: int | str) -> None:
        self.level = level
        self.before = logging.root.level

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RootAtLogLevel:
        extension = cls(crawler.settings.get("LOG_LEVEL"))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:   # after the crawler has installed Scrapy's root handler
        self.before = logging.root.level
        logging.root.setLevel(self.level)

    def engine_stopped(self) -> None:
        logging.root.setLevel(self.before)
