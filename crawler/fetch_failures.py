"""What went wrong with a request that got no usable response: one classification for every spider.

`classify` is pure (an exception, and the response status where there was one, in; a named kind
and a reason out); `FetchFailure.level` says how loud it is and `FetchFailure.is_error` whether it
counts against the run's error share. The spiders log each failed request once, at that level,
and count it under `fetch_failures/<kind>`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from scrapy.exceptions import IgnoreRequest
from twisted.internet.defer import CancelledError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

from .archive.middleware import NotInArchive

GONE_STATUSES = (404, 410)


class FailureKind(StrEnum):
    ROBOTS = "robots"               # robots.txt forbids it: not fetched on purpose
    GONE = "gone"                   # 404 or 410: the site says the page is not there
    HTTP_ERROR = "http_error"       # any other status the spider does not handle (after retries)
    TOO_LARGE = "too_large"         # over DOWNLOAD_MAXSIZE, sent or announced, or once decompressed
    OFFSITE = "offsite"             # redirected to a host the crawler does not crawl
    REDIRECT_LOOP = "redirect_loop"  # more redirects than REDIRECT_MAX_TIMES
    TIMEOUT = "timeout"             # no whole answer within DOWNLOAD_TIMEOUT (after retries)
    NETWORK = "network"             # refused, reset, DNS, TLS ... (after retries)
    NOT_IN_ARCHIVE = "not_in_archive"   # a re-extraction asked for a page the web archive does not hold
    IGNORED = "ignored"             # dropped by another component on purpose


QUIET = {
    FailureKind.ROBOTS: logging.INFO, FailureKind.GONE: logging.WARNING, FailureKind.NOT_IN_ARCHIVE: logging.WARNING,
    FailureKind.IGNORED: logging.INFO,
}


@dataclass(frozen=True)
class FetchFailure:
    kind: FailureKind
    reason: str
    status: int | None = None      # the HTTP status, when the server answered

    @property
    def is_error(self) -> bool:
        """Whether the request failed (logged as an error, counted in the error share), rather than
        was not made on purpose or found gone."""
        return self.kind not in QUIET

    @property
    def level(self) -> int:
        return QUIET.get(self.kind, logging.ERROR)


_SIZE_MARKS = ("max size", "maxsize", "download_maxsize", "DOWNLOAD_MAXSIZE")


def classify(error: BaseException, status: int | None = None) -> FetchFailure:
    """The kind of failure an exception (from a downloader middleware, the download handler or the
    HTTP error middleware, with the response status when there was one) stands for."""
    message = str(error) or type(error).__name__
    if status is not None:
        kind = FailureKind.GONE if status in GONE_STATUSES else FailureKind.HTTP_ERROR
        return FetchFailure(kind, f"answered {status}", status)
    if any(mark in message for mark in _SIZE_MARKS):
        return FetchFailure(FailureKind.TOO_LARGE, message)
    if isinstance(error, NotInArchive):
        return FetchFailure(FailureKind.NOT_IN_ARCHIVE, message)
    if isinstance(error, IgnoreRequest):
        if "robots.txt" in message:
            return FetchFailure(FailureKind.ROBOTS, message)
        if "offsite" in message:
            return FetchFailure(FailureKind.OFFSITE, message)
        if "redirections" in message:
            return FetchFailure(FailureKind.REDIRECT_LOOP, message)
        return FetchFailure(FailureKind.IGNORED, message)
    if isinstance(error, (TimeoutError, TwistedTimeoutError)) or "Timeout" in type(error).__name__ or "took longer than" in message:
        return FetchFailure(FailureKind.TIMEOUT, message)
    if isinstance(error, CancelledError) or type(error).__name__ == "DownloadCancelledError":
        # the download handler cancels a body that grows past the cap (and logs its size just before)
        return FetchFailure(FailureKind.TOO_LARGE, "download cancelled: the body grew past DOWNLOAD_MAXSIZE")
    return FetchFailure(FailureKind.NETWORK, f"{type(error).__name__}: {message}")


def classify_failure(failure: Failure) -> FetchFailure:
    """`classify` for a Twisted failure as an errback receives it."""
    error = failure.value if failure.value is not None else Exception(failure.getErrorMessage())
    status = getattr(getattr(error, "response", None), "status", None)
    return classify(error, status if isinstance(status, int) else None)
