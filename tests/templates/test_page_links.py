"""What discovery takes from a page (`crawler.templates.links`): read from the bundled site's pages, the
links are those Scrapy's own `response.urljoin` gives, the lists and PDF those of the list and PDF readers."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.sample_site.content import SiteContent
from crawler.sample_site.site import SampleSite
from crawler.templates.links import joiner, linked_urls, page_links
from crawler.templates.lists import find_lists
from crawler.templates.pdf import pdf_link
from tests.extract_pool.test_extraction_pool import BASE_URL, sample_pages

SECTIONS = ("/", "/news/statements/", "/news/", "/events/")   # pages with AJAX lists


def section_pages() -> list[tuple[str, str]]:
    site = SampleSite(SiteContent())
    return [(BASE_URL + path, site.get(path, "", BASE_URL).body) for path in SECTIONS]


def scrapy_links(url: str, html: str) -> list[str]:
    """Every link as Scrapy joins it against the page (its `<base href>` included), once each, in page order."""
    response = HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")
    hrefs = dict.fromkeys(response.css("a::attr(href)").getall())
    return list(dict.fromkeys(response.urljoin(h) for h in hrefs if not h.startswith(("javascript:", "mailto:", "#"))))


def test_every_sample_page_gives_the_links_scrapy_joins_its_lists_and_its_pdf() -> None:
    pages = sample_pages() + section_pages()
    assert len(pages) >= 40
    with_lists = with_pdf = 0
    for url, html in pages:
        sel = Selector(text=html)
        links = page_links(sel, url)
        assert list(links.urls) == scrapy_links(url, html), url
        assert links.lists == tuple(find_lists(sel, url)) and links.pdf_url == pdf_link(sel, url)
        with_lists += bool(links.lists)
        with_pdf += links.pdf_url is not None
    assert with_lists and with_pdf   # the sample pages show both


def test_links_are_joined_against_the_base_href_and_script_mail_and_fragment_links_left_out() -> None:
    html = """<html><head><base href="/news/"></head><body>
      <a href="one/">1</a><a href="javascript:void(0)">js</a><a href="mailto:a@b.c">mail</a><a href="#top">top</a>
      <a href="one/">again</a><a href="https://other.example/x">out</a></body></html>"""
    url = "https://www.solidnet.org/article/X/"
    assert linked_urls(Selector(text=html), url) == ("https://www.solidnet.org/news/one/", "https://other.example/x")
    assert list(linked_urls(Selector(text=html), url)) == scrapy_links(url, html)


BASES = [
    "https://www.solidnet.org/article/a/b?x=1#f", "https://www.solidnet.org", "http://user:pw@127.0.0.1:8123/p/",
    "https://WWW.Solidnet.org:443/a/../b;p?q", "mailto:info@solidnet.org", "file:///srv/site/page.html", "/relative/base",
]
HREFS = [
    "/", "/article/x", "/a/./b/../c", "/a//b", "/x?", "/x#", "/x;p?q=1#f", "//cdn.example.org/x", "//", "http://other.org/a/../b",
    "https://www.solidnet.org/y", "http:///no-host", "https:x", "http://h/\tx\n", "relative/page", "../up", "?q=2", "", " /padded",
    "/\t/", "/\n/x", "http://", "https:///x", "https://?q", "http://h", "HTTP://h/x", "https://h:99/a b",
]


@pytest.mark.parametrize("base", BASES)
def test_joiner_is_urljoin(base: str) -> None:
    """The remembered join gives exactly what `urljoin` gives, for every kind of base and href."""
    join = joiner(base)
    assert [join(href) for href in HREFS] == [urljoin(base, href) for href in HREFS]
