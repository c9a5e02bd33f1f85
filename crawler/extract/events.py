"""Raw event strings (teasers, detail pages) -> clean event records, one per event however often it is seen."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from functools import reduce
from typing import Any

from parsel import Selector

from crawler.extract.dates import DateRange, parse_date_range
from crawler.extract.text import blocks_to_text, html_to_blocks
from crawler.parties.countries import country_of, fold
from crawler.templates import event_template
from crawler.templates.event_pages import EventPage, EventTeaser


@dataclass(frozen=True)
class EventRecord:
    """One event as exported (the crawler adds `crawled_at`)."""

    id: str                        # 'ev-' + 12 hex digits of sha1(normalised title | start date)
    title: str
    start_date: str                # ISO date
    end_date: str                  # ISO date; equal to start_date for a one-day event
    location: str | None           # as written
    country: str | None
    country_code: str | None       # ISO 3166-1 alpha-2
    url: str | None                # the detail page
    source_urls: tuple[str, ...]   # sorted distinct pages the event was seen on
    description: str | None        # plain text of the detail page, one line per paragraph
    from_detail_page: bool = field(default=False, metadata={"export": False})

    def to_dict(self) -> dict[str, object]:
        """The export fields, JSON-ready."""
        return {
            f.name: list(value) if isinstance(value := getattr(self, f.name), tuple) else value
            for f in fields(self)
            if f.metadata.get("export", True)
        }


@dataclass(frozen=True)
class EventProblem:
    """An event that could not be read correctly and is kept out of the export."""

    reason: str              # 'no title', 'unreadable date', 'end before start'
    url: str                 # the detail page, else the page the teaser was seen on
    text: str | None         # the offending text (the date line)
    title: str | None = None


def event_id(title: str, start: date) -> str:
    """Stable id of an event: the same title (case, accents, punctuation aside) and start date, the same id."""
    key = f"{fold(title)}|{start.isoformat()}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _languages(lang: str | None) -> tuple[str, ...] | None:
    """Languages to read a date line in: the element's language, then English."""
    if not lang:
        return None
    primary = lang.replace("_", "-").split("-")[0].lower()
    return (primary,) if primary == "en" else (primary, "en")


def _parse_dates(text: str | None, lang: str | None) -> DateRange | None:
    """The range of a date line, read in its own language first, then in all the site's languages."""
    if not text:
        return None
    languages = _languages(lang)
    found = parse_date_range(text, languages=languages) if languages else None
    return found or parse_date_range(text)


def _iso_day(text: str | None) -> date | None:
    """The day of an ISO date or date-time string ('2020-09-18', '2020-09-18T00:00', with or without offset)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip()).date()
    except ValueError:
        return None


def _is_whole_day(text: str) -> bool:
    return "T" not in text or datetime.fromisoformat(text.strip()).time() == datetime.min.time()


def _iso_dates(page: EventPage) -> DateRange | None:
    """The range of the page's machine-readable dates; an exclusive whole-day end loses a day."""
    start = _iso_day(page.start_iso)
    if start is None:
        return None
    end = _iso_day(page.end_iso)
    if end is None:
        return DateRange(start, start)
    if page.end_exclusive and _is_whole_day(page.start_iso or "") and _is_whole_day(page.end_iso or "") and end > start:
        end -= timedelta(days=1)
    return DateRange(start, end)


def _country(*texts: str | None) -> tuple[str | None, str | None]:
    """(country, alpha-2) of the first text that names or implies a country."""
    for text in texts:
        found = country_of(text) if text else None
        if found is not None:
            return found
    return None, None


def _description(html: str | None) -> str | None:
    return blocks_to_text(html_to_blocks(html)) or None if html else None


def _record(
    title: str, dates: DateRange, location: str | None, country_texts: Sequence[str | None],
    url: str | None, source_url: str, description: str | None, from_detail_page: bool,
) -> EventRecord:
    start, end = dates.start, dates.end
    country, code = _country(*country_texts)
    return EventRecord(
        id=event_id(title, start),
        title=title,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        location=location,
        country=country,
        country_code=code,
        url=url,
        source_urls=(source_url,),
        description=description,
        from_detail_page=from_detail_page,
    )


def _checked(dates: DateRange | None, text: str | None, url: str, title: str) -> DateRange | EventProblem:
    """The dates, or the problem that keeps them out of the export."""
    if dates is None:
        return EventProblem("unreadable date", url, text, title)
    if not dates.is_valid:
        return EventProblem("end before start", url, text, title)
    return dates


def event_from_teaser(teaser: EventTeaser) -> EventRecord | EventProblem:
    """The event a list teaser shows; an EventProblem when its title or dates cannot be read correctly."""
    where = teaser.url or teaser.source_url
    title = " ".join(teaser.title.split())
    if not title:
        return EventProblem("no title", where, teaser.date_text)
    dates = _checked(_parse_dates(teaser.date_text, teaser.lang), teaser.date_text, where, title)
    if isinstance(dates, EventProblem):
        return dates
    return _record(title, dates, teaser.location, [teaser.location], teaser.url, teaser.source_url, None, False)


def event_from_page(page: EventPage) -> EventRecord | EventProblem:
    """The event of a detail page: visible date line first, machine-readable dates as fallback."""
    title = " ".join(page.title.split())
    if not title:
        return EventProblem("no title", page.url, page.date_text)
    text = page.date_text or " - ".join(t for t in (page.start_iso, page.end_iso) if t) or None
    dates = _checked(_parse_dates(page.date_text, page.lang) or _iso_dates(page), text, page.url, title)
    if isinstance(dates, EventProblem):
        return dates
    return _record(
        title, dates, page.location, [page.country, page.location], page.url, page.url,
        _description(page.description_html), True,
    )


def merge_events(a: EventRecord, b: EventRecord) -> EventRecord:
    """One record of the same event seen twice: detail-page values win, then `a`; source pages united.

    Between two sightings of the same kind the later end date wins: a calendar-sheet teaser shows the first day only.
    """
    if a.id != b.id:
        raise ValueError(f"cannot merge different events {a.id} and {b.id}")
    first, second = (b, a) if b.from_detail_page and not a.from_detail_page else (a, b)
    same_kind = a.from_detail_page == b.from_detail_page
    located = first if first.location else second
    geo = located if located.country else (first if first.country else second)
    return replace(
        first,
        end_date=max(a.end_date, b.end_date) if same_kind else first.end_date,
        location=located.location,
        country=geo.country,
        country_code=geo.country_code,
        url=first.url or second.url,
        source_urls=tuple(sorted(set(a.source_urls) | set(b.source_urls))),
        description=first.description or second.description,
        from_detail_page=a.from_detail_page or b.from_detail_page,
    )


def _sighting_order(record: EventRecord) -> tuple[bool, tuple[tuple[bool, str], ...]]:
    """A fixed order of sightings to merge in: detail pages first, then by every field."""
    return not record.from_detail_page, tuple((value is None, str(value)) for value in astuple(record))


class EventBook:
    """Event records gathered over a crawl, merged by id; the result does not depend on the order they arrive in."""

    def __init__(self) -> None:
        self._sightings: dict[str, set[EventRecord]] = {}   # distinct sightings of each event, sources and captures set apart
        self._sources: dict[str, set[str]] = {}
        self._captures: dict[str, list[dict[str, Any]]] = {}

    def add(self, record: EventRecord, capture: dict[str, Any] | None = None) -> None:
        """Add one sighting of an event (with the capture of the page it is on, if archived); the same
        sighting on another page only adds that page."""
        self._sightings.setdefault(record.id, set()).add(replace(record, source_urls=()))
        self._sources.setdefault(record.id, set()).update(record.source_urls)
        if capture is not None:
            self._captures.setdefault(record.id, []).append(capture)

    def _merged(self, event_id: str) -> EventRecord:
        """Every sighting of one event merged in a fixed order, with every page it was seen on."""
        first, *rest = sorted(self._sightings[event_id], key=_sighting_order)
        return replace(reduce(merge_events, rest, first), source_urls=tuple(sorted(self._sources[event_id])))

    def capture(self, record: EventRecord) -> dict[str, Any] | None:
        """The capture that shows a merged event: its detail page's, else that of the first page (by URL) showing it."""
        captures = sorted(self._captures.get(record.id, []), key=lambda c: (c["url"] != record.url, c["url"], c["record_id"]))
        return captures[0] if captures else None

    def __len__(self) -> int:
        return len(self._sightings)

    def __iter__(self) -> Iterator[EventRecord]:
        """The merged events, by start date then id."""
        return iter(sorted(map(self._merged, self._sightings), key=lambda r: (r.start_date, r.id)))


@dataclass(frozen=True)
class Sightings:
    """Every event one page shows (teasers and its own detail), and those that could not be read."""

    records: list[EventRecord]
    problems: list[EventProblem]


def read_event_sightings(html: str | Selector, url: str) -> Sightings:
    """The events on a page: side-list and list teasers, and the page itself when it is an event page."""
    template = event_template(html, url)
    found: list[EventRecord | EventProblem] = [event_from_teaser(t) for t in template.event_teasers()]
    if (page := template.event_page()) is not None and page.title:
        found.append(event_from_page(page))
    return Sightings(
        [f for f in found if isinstance(f, EventRecord)],
        [f for f in found if isinstance(f, EventProblem)],
    )
