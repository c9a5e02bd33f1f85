"""Dynamic lists (Apollo `ap-list-entries`, Mercury `list-box`): the AJAX endpoint, its pages and entries."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

PAGE_IN_ONCLICK = re.compile(r"page=(\d+)")
PAGINATION_QUERY = re.compile(r"(?:^|&)reloaded(?:&|$).*page=\d+|page=\d+.*(?:^|&)reloaded(?:&|$)")


def is_pagination_link(url: str) -> bool:
    """A server-rendered list page link (`index.html?reloaded&page=3`): the same entries as the AJAX pages."""
    return bool(PAGINATION_QUERY.search(urlsplit(url).query))


@dataclass(frozen=True)
class DynamicList:
    """One list container on a page; `page_url(n)` is the AJAX request for page n."""

    ajax_base: str   # absolute endpoint URL with every parameter up to `option=paginate&`
    key: str         # endpoint path and content path: the same list shown on several pages has one key

    def page_url(self, number: int) -> str:
        return f"{self.ajax_base}reloaded&page={number}"


@dataclass(frozen=True)
class ListPage:
    """One page of a list: its entry links and where it sits in the pagination."""

    entry_urls: list[str]
    current_page: int
    pages: int


def _json_attr(raw: str | None) -> dict[str, object]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def find_lists(sel: Selector, page_url: str) -> list[DynamicList]:
    """Every AJAX-filled list on a page, as `buildAjaxLink()` of the CMS's script builds its URL."""
    found = []
    for box in sel.css("div.ap-list-entries[data-list], div.list-box[data-list]"):
        data = _json_attr(box.attrib.get("data-list"))
        ajax, path = data.get("ajax"), data.get("path")
        if not ajax or not path:
            continue
        locale = data.get("locale", "en")
        params = (
            f"contentpath={path}&instanceId={box.attrib.get('id', '')}&elementId={box.attrib.get('data-id', '')}"
            f"&sitepath={data.get('sitepath', '/')}&subsite={data.get('subsite', '/')}&__locale={locale}&loc={locale}"
        )
        endpoint = urljoin(page_url, str(ajax).replace("&amp;", "&"))
        joiner = "&" if "?" in endpoint else "?"
        found.append(DynamicList(f"{endpoint}{joiner}{params}&option=paginate&", f"{urlsplit(endpoint).path}|{path}"))
    return found


def _pagination_pages(sel: Selector) -> list[int]:
    numbers: list[int] = []
    for attr in sel.css(".list-append-position a::attr(onclick), .list-append-position a::attr(href), button[data-load]::attr(data-load)").getall():
        numbers.extend(int(n) for n in PAGE_IN_ONCLICK.findall(attr))
    return numbers


def parse_list_page(text: str, url: str) -> ListPage:
    """Entries and page counts of an AJAX list response (or a server-rendered Mercury list)."""
    sel = Selector(text=text)
    links = sel.css(
        ".list-entry a.teaser-head::attr(href), .list-entry h3.teaser-head a::attr(href), "
        ".list-entry .teaser .heading a::attr(href)"
    ).getall()
    entry_urls = list(dict.fromkeys(urljoin(url, href) for href in links))
    result = _json_attr(sel.css("#resultdata::attr(data-result)").get())

    def number(key: str) -> int | None:
        value = result.get(key)
        return int(value) if isinstance(value, (str, int)) and str(value).isdigit() else None

    current = number("currentPage")
    current = 1 if current is None else current
    pages = number("pages")   # the pagination links only when the result data lacks it: some lists link every page
    return ListPage(entry_urls, current, max(_pagination_pages(sel), default=current) if pages is None else pages)
