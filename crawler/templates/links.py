"""What discovery takes from a page's markup: its AJAX lists, the URLs it links to, the PDF it offers.

The same reading serves the spider's own parse of a page and the extraction workers', which return it
with a statement page's fields, so a statement page is parsed once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from .lists import DynamicList, find_lists
from .pdf import pdf_link

NOT_PAGES = ("javascript:", "mailto:", "#")
_IGNORED = str.maketrans("", "", "\t\r\n")   # what `urlsplit` removes from a URL before reading it


@dataclass(frozen=True)
class PageLinks:
    lists: tuple[DynamicList, ...]   # the AJAX-filled lists on the page
    urls: tuple[str, ...]            # every link, absolute, each once, in page order
    pdf_url: str | None              # the PDF the page offers


@lru_cache(maxsize=8192)
def _joined(origin: str, href: str) -> str:
    return urljoin(origin, href)


def _host_only(href: str) -> bool:
    """Whether `urljoin` takes only the scheme and host of the base for `href`: a path from the root
    (`/path`) or a URL with a host (`http(s)://host...`), as `urlsplit` reads it (tabs and newlines out)."""
    read = href.translate(_IGNORED)
    if read.startswith("/"):
        return not read.startswith("//")   # `//` with no host takes the base's path
    if read.startswith(("http://", "https://")):
        return read.split("//", 1)[1][:1] not in ("", "/", "?", "#")
    return False


def joiner(base: str) -> Callable[[str], str]:
    """`urljoin(base, href)` for one page's base, remembered where the result takes only the scheme and
    host of an http(s) base (`_host_only`): a site's navigation links, the same on every page, are
    joined once per run."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return partial(urljoin, base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    return lambda href: _joined(origin, href) if _host_only(href) else urljoin(base, href)


def linked_urls(sel: Selector, url: str) -> tuple[str, ...]:
    """Every `<a href>` of the page made absolute (against its `<base href>` when it has one), each once,
    in page order; `javascript:`, `mailto:` and fragment links left out."""
    base = urljoin(url, base_href.strip()) if (base_href := sel.xpath("//base/@href").get()) else url
    hrefs = dict.fromkeys(sel.css("a::attr(href)").getall())
    join = joiner(base)
    return tuple(dict.fromkeys(join(href) for href in hrefs if not href.startswith(NOT_PAGES)))


def page_links(sel: Selector, url: str) -> PageLinks:
    return PageLinks(tuple(find_lists(sel, url)), linked_urls(sel, url), pdf_link(sel, url))
