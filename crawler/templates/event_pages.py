"""Event markup -> raw strings: teasers in lists (Apollo, Mercury) and event detail pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.urls import is_event_path

from .article_page import clean, json_ld

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


def _has_class(name: str) -> str:
    """XPath predicate: the context element has the CSS class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _text(sel: Selector | None) -> str:
    """All text under an element, white space collapsed."""
    return (clean(" ".join(sel.xpath(".//text()").getall())) or "") if sel is not None else ""


def _first(sel: Selector | None, *queries: str) -> Selector | None:
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


def _lang_of(sel: Selector) -> str | None:
    lang = sel.xpath("ancestor-or-self::*[@lang][1]/@lang").get()
    return lang.strip() if lang and lang.strip() else None


# ---------------------------------------------------------------- teasers

_TEASER_XPATH = (
    f"//*[({_has_class('ap-teaser')} or ({_has_class('teaser')} and {_has_class('type-event')}))"
    f" and not(ancestor::*[{_has_class('ap-teaser')} or {_has_class('teaser')}])]"
)


def _teaser_date_text(teaser: Selector) -> str:
    """The `.teaser-date` text without the place elements and the separator before them."""
    date = _first(teaser, ".teaser-date")
    if date is None:
        return ""
    not_place = " and ".join(f"not(ancestor::*[{_has_class(c)}])" for c in _PLACE_CLASSES)
    text = clean(" ".join(date.xpath(f".//text()[{not_place}]").getall())) or ""
    return text.rstrip(" -–—,")


def _calendar_date_text(teaser: Selector) -> str:
    """A one-day date from a calendar sheet: '18 Sep 2020' (Apollo `h3` + `.monthYear`, Mercury spans)."""
    sheet = _first(teaser, ".calendar-sheet")
    if sheet is None:
        return ""
    day = _text(_first(sheet, ".day-number", "h3"))
    month_year = _text(_first(sheet, ".month-year", ".monthYear"))
    return f"{day} {month_year}" if day and month_year else ""


def _teaser_location(teaser: Selector) -> str | None:
    return _text(_first(teaser, *(f".{c}" for c in _PLACE_CLASSES))) or None


def _is_event_teaser(teaser: Selector, url: str | None) -> bool:
    """Event markers: an event class, a location, a calendar sheet, or a link to an event page."""
    classes = f" {teaser.attrib.get('class', '')} "
    if " ap-event-teaser " in classes or " type-event " in classes:
        return True
    if _teaser_location(teaser) or teaser.css(".calendar-sheet"):
        return True
    return bool(url and is_event_path(urlsplit(url).path))


def _parse_teaser(teaser: Selector, page_url: str) -> EventTeaser | None:
    head = _first(teaser, "h3.teaser-head a", "a.teaser-head", ".teaser-head", ".heading .headline", ".heading a")
    title = _text(head)
    link = _first(
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
        lang=_lang_of(teaser),
    )


def parse_event_teasers(html_or_selector: str | Selector, page_url: str) -> list[EventTeaser]:
    """Every event teaser on a page or AJAX list response, in page order."""
    sel = _selector(html_or_selector)
    teasers = (_parse_teaser(t, page_url) for t in sel.xpath(_TEASER_XPATH))
    return [t for t in teasers if t is not None]


# ---------------------------------------------------------------- detail pages


def _description_html(blocks: list[Selector]) -> str | None:
    html = "\n".join(b.get() for b in blocks).strip()
    return html or None


def _parse_apollo(page: Selector, url: str) -> EventPage | None:
    root = _first(page, ".ap-event-page")
    if root is None:
        return None
    header = _first(root, ".ap-event-header") or root
    title = _text(_first(header, ".headline h2", ".headline")) or _page_title(page)
    location = _first(header, ".detail-location")
    return EventPage(
        title=title,
        date_text=_text(_first(header, ".detail-date h5", ".detail-date")) or None,
        location=_text(_first(location, "h5")) or None,
        description_html=_description_html(root.xpath(f"./*[{_has_class('ap-paragraph')}]")),
        url=url,
        country=_text(_first(location, ".adress .country", ".country")) or None,
        lang=_lang_of(root),
    )


def _parse_mercury(page: Selector, url: str) -> EventPage | None:
    root = _first(page, ".detail-page.type-event")
    if root is None:
        return None
    location = _first(root, ".info.location")
    ld = _json_ld_event(page)
    content = root.css(".detail-content")
    return EventPage(
        title=_text(_first(root, ".intro-headline .headline", ".intro-headline")) or _page_title(page),
        date_text=_text(_first(root, ".info.date > div")) or None,
        location=_text(_first(location, ".locname")) or _text(_first(location, ".address .locality")) or None,
        description_html=_description_html(content),
        url=url,
        country=_text(_first(location, ".address .country")) or None,
        start_iso=_ld_str(ld, "startDate"),
        end_iso=_ld_str(ld, "endDate"),
        end_exclusive=True,
        lang=_lang_of(root),
    )


def _parse_generic(page: Selector, url: str) -> EventPage | None:
    """Any other markup: a JSON-LD Event, or `<time datetime>` on an event URL."""
    ld = _json_ld_event(page)
    times = [t.strip() for t in page.css("time::attr(datetime)").getall() if t.strip()]
    if ld is None and not (times and is_event_path(urlsplit(url).path)):
        return None
    title = _ld_str(ld, "name") or _page_title(page)
    if not title:
        return None
    if ld is not None:
        start, end, exclusive = _ld_str(ld, "startDate"), _ld_str(ld, "endDate"), True
    else:
        start, end, exclusive = times[0], (times[1] if len(times) > 1 else None), False
    location = ld.get("location") if ld is not None else None
    return EventPage(
        title=title,
        date_text=None,
        location=_ld_place_name(location),
        description_html=None,
        url=url,
        start_iso=start,
        end_iso=end,
        end_exclusive=exclusive,
        lang=clean(page.xpath("/html/@lang").get()),
    )


def _page_title(page: Selector) -> str:
    """`og:title` or `<title>`, without Mercury's appended instance date."""
    title = clean(page.css('meta[property="og:title"]::attr(content)').get()) or _text(_first(page, "title"))
    return _TITLE_INSTANCE_SUFFIX.sub("", title)


def _json_ld_event(page: Selector) -> dict[str, Any] | None:
    """The first JSON-LD object of @type Event on the page."""
    return next((obj for obj in json_ld(page) if obj.get("@type") == "Event"), None)


def _ld_str(ld: dict[str, Any] | None, key: str) -> str | None:
    value = ld.get(key) if ld is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _ld_place_name(location: object) -> str | None:
    """The name of the first schema.org Place in a JSON-LD `location`."""
    for item in location if isinstance(location, list) else [location]:
        if isinstance(item, dict) and item.get("@type") == "Place" and isinstance(item.get("name"), str):
            return clean(item["name"])
    return None


def parse_event_page(html: str | Selector, url: str) -> EventPage | None:
    """The event on a detail page (Apollo, Mercury, generic), or None for a page that is not an event."""
    page = _selector(html)
    clean_url = clean_event_url(url, url) or url
    for parse in (_parse_apollo, _parse_mercury, _parse_generic):
        event = parse(page, clean_url)
        if event is not None:
            return event if event.title else None
    return None
