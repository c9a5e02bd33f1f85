"""Event markup -> raw strings: what event teasers and detail pages hold, the teaser markup Apollo and
Mercury share, and helpers the templates' event-page readers use (each template reads its own pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.urls import is_event_path

from .article_page import clean

# Classes of elements whose text is the place, not the date, inside a `.teaser-date`.
_PLACE_CLASSES = ("teaser-location", "teaser-place", "teaser-place-inline")
# Query parameters that name one instance of a (possibly repeating) event, not the event.
_INSTANCE_PARAMS = frozenset({"instancedate"})
# The instance-date suffix Mercury appends to titles: ' - Friday 9/18/20, 12:00 AM'.
_TITLE_INSTANCE_SUFFIX = re.compile(
    r"\s+-\s+(?:[A-Za-z]+day\s+)?\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\s*[AP]M\s*$"
)


@dataclass(frozen=True)
class EventTeaser:
    """One event as a list teaser prints it."""

    title: str
    url: str | None          # absolute detail URL, instance query removed; None when not linked
    date_text: str           # the date line without the location: 'September 18, 2020 - September 19, 2020'
    location: str | None     # as printed ('Barcelona'), None when the teaser has none
    source_url: str          # the page the teaser was seen on
    lang: str | None = None  # language of the teaser ('es'), from the nearest `lang` attribute


@dataclass(frozen=True)
class EventPage:
    """One event detail page as raw strings."""

    title: str
    date_text: str | None          # visible date line: '9/18/20 12:00 AM - 9/19/20 12:00 AM'
    location: str | None           # location name as printed: 'Barcelona'
    description_html: str | None   # the description paragraphs as HTML
    url: str                       # the page URL, instance query removed
    country: str | None = None     # the address's country element, when printed
    start_iso: str | None = None   # machine-readable start (JSON-LD startDate, <time datetime>)
    end_iso: str | None = None     # machine-readable end
    end_exclusive: bool = False    # end_iso is the day after the last day (JSON-LD whole-day events)
    lang: str | None = None        # the page language (`<html lang>`)


def has_class(name: str) -> str:
    """XPath predicate: the context element has the CSS class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text_of(sel: Selector | None) -> str:
    """All text under an element, white space collapsed."""
    return (clean(" ".join(sel.xpath(".//text()").getall())) or "") if sel is not None else ""


def first(sel: Selector | None, *queries: str) -> Selector | None:
    """The first element matched by the first CSS query that matches (None inside None)."""
    if sel is None:
        return None
    for query in queries:
        found = sel.css(query)
        if found:
            return found[0]
    return None


def _selector(html_or_selector: str | Selector) -> Selector:
    return html_or_selector if isinstance(html_or_selector, Selector) else Selector(text=html_or_selector)


def clean_event_url(href: str | None, base_url: str) -> str | None:
    """`href` made absolute against `base_url`, without the `instancedate` query parameter."""
    if not href or not href.strip() or href.strip().startswith(("#", "javascript:", "mailto:")):
        return None
    parts = urlsplit(urljoin(base_url, href.strip()))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _INSTANCE_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def lang_of(sel: Selector) -> str | None:
    lang = sel.xpath("ancestor-or-self::*[@lang][1]/@lang").get()
    return lang.strip() if lang and lang.strip() else None


# ---------------------------------------------------------------- teasers

_TEASER_XPATH = (
    f"//*[({has_class('ap-teaser')} or ({has_class('teaser')} and {has_class('type-event')}))"
    f" and not(ancestor::*[{has_class('ap-teaser')} or {has_class('teaser')}])]"
)


def _teaser_date_text(teaser: Selector) -> str:
    """The `.teaser-date` text without the place elements and the separator before them."""
    date = first(teaser, ".teaser-date")
    if date is None:
        return ""
    not_place = " and ".join(f"not(ancestor::*[{has_class(c)}])" for c in _PLACE_CLASSES)
    text = clean(" ".join(date.xpath(f".//text()[{not_place}]").getall())) or ""
    return text.rstrip(" -–—,")


def _calendar_date_text(teaser: Selector) -> str:
    """A one-day date from a calendar sheet: '18 Sep 2020' (Apollo `h3` + `.monthYear`, Mercury spans)."""
    sheet = first(teaser, ".calendar-sheet")
    if sheet is None:
        return ""
    day = text_of(first(sheet, ".day-number", "h3"))
    month_year = text_of(first(sheet, ".month-year", ".monthYear"))
    return f"{day} {month_year}" if day and month_year else ""


def _teaser_location(teaser: Selector) -> str | None:
    return text_of(first(teaser, *(f".{c}" for c in _PLACE_CLASSES))) or None


def _is_event_teaser(teaser: Selector, url: str | None) -> bool:
    """Event markers: an event class, a location, a calendar sheet, or a link to an event page."""
    classes = f" {teaser.attrib.get('class', '')} "
    if " ap-event-teaser " in classes or " type-event " in classes:
        return True
    if _teaser_location(teaser) or teaser.css(".calendar-sheet"):
        return True
    return bool(url and is_event_path(urlsplit(url).path))


def _parse_teaser(teaser: Selector, page_url: str) -> EventTeaser | None:
    head = first(teaser, "h3.teaser-head a", "a.teaser-head", ".teaser-head", ".heading .headline", ".heading a")
    title = text_of(head)
    link = first(
        teaser, "h3.teaser-head a[href]", "a.teaser-head[href]", ".heading a[href]", "a.teaser-btn[href]", "a[href]"
    )
    url = clean_event_url(link.attrib.get("href") if link is not None else None, page_url)
    if not title or not _is_event_teaser(teaser, url):
        return None
    return EventTeaser(
        title=title,
        url=url,
        date_text=_teaser_date_text(teaser) or _calendar_date_text(teaser),
        location=_teaser_location(teaser),
        source_url=page_url,
        lang=lang_of(teaser),
    )


def parse_event_teasers(html_or_selector: str | Selector, page_url: str) -> list[EventTeaser]:
    """Every event teaser on a page or AJAX list response, in page order."""
    sel = _selector(html_or_selector)
    teasers = (_parse_teaser(t, page_url) for t in sel.xpath(_TEASER_XPATH))
    return [t for t in teasers if t is not None]


# ---------------------------------------------------------------- detail pages


def description_html(blocks: list[Selector]) -> str | None:
    html = "\n".join(b.get() for b in blocks).strip()
    return html or None


def page_title(page: Selector) -> str:
    """`og:title` or `<title>`, without Mercury's appended instance date."""
    title = clean(page.css('meta[property="og:title"]::attr(content)').get()) or text_of(first(page, "title"))
    return _TITLE_INSTANCE_SUFFIX.sub("", title)


def ld_str(ld: dict[str, Any] | None, key: str) -> str | None:
    value = ld.get(key) if ld is not None else None
    return value.strip() or None if isinstance(value, str) else None


def ld_place_name(location: object) -> str | None:
    """The name of the first schema.org Place in a JSON-LD `location`."""
    for item in location if isinstance(location, list) else [location]:
        if isinstance(item, dict) and item.get("@type") == "Place" and isinstance(item.get("name"), str):
            return clean(item["name"])
    return None
