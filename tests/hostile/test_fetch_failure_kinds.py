"""The one classification of failed fetches: exceptions as Scrapy and Twisted raise them -> kind and reason."""

from __future__ import annotations

import pytest
from scrapy.exceptions import IgnoreRequest
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError as TwistedRefused
from twisted.internet.error import TimeoutError as TwistedTimeout

from crawler.archive.middleware import NotInArchive
from crawler.fetch_failures import FailureKind, classify


@pytest.mark.parametrize(
    ("error", "status", "kind"),
    [
        (IgnoreRequest("Forbidden by robots.txt"), None, FailureKind.ROBOTS),
        (IgnoreRequest("Filtered offsite request to 'solidnet.org'"), None, FailureKind.OFFSITE),
        (IgnoreRequest("max redirections reached"), None, FailureKind.REDIRECT_LOOP),
        (IgnoreRequest("Ignored response <200 x> because its body (203860 B compressed, 5308416 B decompressed so far) "
                       "exceeded DOWNLOAD_MAXSIZE (5242880 B) during decompression."), None, FailureKind.TOO_LARGE),
        (Exception("Expected to receive 52428800 bytes which is larger than download max size (5242880) in request <GET x>."),
         None, FailureKind.TOO_LARGE),
        (CancelledError(), None, FailureKind.TOO_LARGE),
        (TwistedTimeout("User timeout caused connection failure: Getting x took longer than 20.0 seconds."), None, FailureKind.TIMEOUT),
        (TwistedRefused(), None, FailureKind.NETWORK),
        (IgnoreRequest("something else"), None, FailureKind.IGNORED),
        (NotInArchive("not in the archive"), None, FailureKind.NOT_IN_ARCHIVE),
        (Exception("Ignoring non-200 response"), 404, FailureKind.GONE),
        (Exception("Ignoring non-200 response"), 410, FailureKind.GONE),
        (Exception("Ignoring non-200 response"), 503, FailureKind.HTTP_ERROR),
    ],
)
def test_each_failure_has_its_kind(error: BaseException, status: int | None, kind: FailureKind) -> None:
    assert classify(error, status).kind is kind


def test_forbidden_gone_and_ignored_are_not_errors_the_rest_are() -> None:
    assert [classify(IgnoreRequest("Forbidden by robots.txt")).is_error, classify(Exception(), 404).is_error,
            classify(IgnoreRequest("something else")).is_error, classify(NotInArchive("not in the archive")).is_error] == [False] * 4
    assert all(classify(error, status).is_error for error, status in [
        (Exception(), 500), (IgnoreRequest("max redirections reached"), None), (CancelledError(), None),
        (IgnoreRequest("Filtered offsite request to 'x'"), None), (TwistedTimeout(), None), (TwistedRefused(), None),
    ])
    assert classify(Exception("Ignoring non-200 response"), 500).reason == "answered 500"
