"""What discovery takes from a page's markup: its AJAX lists, the URLs it links to, the PDF it offers.

The same reading serves the spider's own parse of a page and the extraction workers', which return it
with a statement page's fields, so a statement page is parsed once."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector

from .lists import DynamicList, find_lists
from .pdf import pdf_link

NOT_PAGES = ("javascript:", "mailto:", "#")


@dataclass(frozen=True)
class PageLinks:
    lists: tuple[DynamicList, ...]   # the AJAX-filled lists on the page
    urls: tuple[str, ...]            # every link, absolute, each once, in page order
    pdf_url: str | None              # the PDF the page offers


def linked_urls(sel: Selector, url: str) -> tuple[str, ...]:
    """Every `<a href>` of the page made absolute (against its `<base href>` when it has one), each once,
    in page order; `javascript:`, `mailto:` and fragment links left out."""
    base = urljoin(url, base_href.strip()) if (base_href := sel.xpath("//base/@href").get()) else url
    hrefs = dict.fromkeys(sel.css("a::attr(href)").getall())
    return tuple(dict.fromkeys(urljoin(base, href) for href in hrefs if not href.startswith(NOT_PAGES)))


def page_links(sel: Selector, url: str) -> PageLinks:
    return PageLinks(tuple(find_lists(sel, url)), linked_urls(sel, url), pdf_link(sel, url))
