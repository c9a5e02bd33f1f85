"""Which responses the page checks read as text: markup only, not a PDF Scrapy typed as text."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import TextResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.middlewares import PageChecksMiddleware, is_markup
from crawler.sample_site.content import SiteContent
from crawler.sample_site.pdf import statement_pdf

URL = "http://127.0.0.1:8000/pdflink/en/x/statement.pdf"


def response(content_type: str | None, body: bytes) -> TextResponse:
    headers = {"Content-Type": content_type} if content_type else {}
    return TextResponse(URL, headers=headers, body=body, request=Request(URL))


def test_html_xml_and_untyped_responses_are_markup() -> None:
    for content_type in ("text/html; charset=utf-8", "application/xhtml+xml", "text/xml", "application/rss+xml",
                         "application/atom+xml", "image/svg+xml", None):
        assert is_markup(content_type or ""), content_type


def test_an_uncompressed_pdf_is_left_alone() -> None:
    content = SiteContent()
    content.refresh()
    pdf = statement_pdf(content.articles[0])
    page = response("application/pdf", pdf)
    assert not is_markup(page.headers[b"Content-Type"].decode())
    crawler = get_crawler(settings_dict={"STATS_CLASS": MemoryStatsCollector})
    crawler.stats = MemoryStatsCollector(crawler)
    checked = PageChecksMiddleware(crawler).process_response(page.request, page)
    assert checked is page
    assert page._cached_ubody is None   # never decoded, so never sent through charset detection
    assert crawler.stats.get_stats() == {}
