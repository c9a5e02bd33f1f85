"""What the sample site's other CMS markups (WordPress, Drupal) share: one site shell per CMS, the
same content, and the rules of what a page prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from .content import Article, Event

SITE_NAME = "SolidNet"


def text(value: str) -> str:
    return escape(value, quote=False)


def attr(value: str) -> str:
    return escape(value, quote=True)


def event_path(event: Event) -> str:
    """Where the event's page is: its own path, or one made from its title (these CMSs give every event a page)."""
    if event.path:
        return event.path
    slug = re.sub(r"[^A-Za-z0-9]+", "-", event.title).strip("-")
    return f"/event/{slug}/"


def has_date(item: Article) -> bool:
    """Whether the page prints a posting date: only where the Apollo rendering does (or the unknown
    template did), so the expected values hold on every markup."""
    return item.stamp is not None or item.template == "plain"


def long_day(day: date | datetime) -> str:
    """'September 18, 2020'."""
    return f"{day:%B} {day.day}, {day.year}"


@dataclass(frozen=True)
class Listing:
    """One page of a server-rendered list: what it shows and where it sits."""

    entries: list[str]
    current: int      # 0-based, as Drupal counts
    pages: int


def paged(entries: list[str], page: int, size: int) -> Listing:
    pages = max(1, -(-len(entries) // size))
    current = min(max(page, 0), pages - 1)
    return Listing(entries[current * size : (current + 1) * size], current, pages)
