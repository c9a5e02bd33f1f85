"""The items that flow from the spiders through the pipelines to the feeds.

Spiders yield *fetched pages* (`ArticleFetched`, `EventSource`) or a statement carried over from
the state of earlier runs (`StoredStatement`); pipelines turn them into the exported records
(`Statement`, `EventSightings`). Dataclasses, so an unknown field is an error, not a silent key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parsel import Selector

from .extract.events import EventRecord
from .extract.statement import ExtractedStatement


@dataclass
class ArticleFetched:
    """A fetched page that the spider took for a statement."""

    url: str                     # canonical URL
    html: str
    selector: Selector | None = None   # the spider's parse of `html`, so the page is parsed once
    etag: str | None = None
    last_modified: str | None = None
    pdf_url: str | None = None         # the PDF the page links ("Show PDF")
    capture: dict[str, Any] | None = None   # where the archive holds the response (Capture.evidence())


@dataclass
class ExtractedPage:
    """A statement page with its values extracted, party names not yet resolved."""

    fetched: ArticleFetched
    template: str
    extracted: ExtractedStatement


@dataclass
class StoredStatement:
    """A statement not fetched again this run (unchanged, not due, or gone): its last exported record."""

    record: dict[str, Any]
    reason: str                  # "not-due", "not-modified" or "removed"


@dataclass
class Statement:
    """One statement: one line of `statements.jsonl` (see schemas/statement.schema.json)."""

    id: str
    url: str
    title: str | None = None
    posted_at: str | None = None
    categories: list[str] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    meeting: dict[str, Any] | None = None
    languages: list[str] = field(default_factory=list)
    body: str = ""
    dateline: dict[str, Any] | None = None
    initiators: list[dict[str, Any]] = field(default_factory=list)
    signatories: list[dict[str, Any]] = field(default_factory=list)
    duplicates_dropped: int = 0
    template: str = "apollo"
    pdf_url: str | None = None
    capture: dict[str, Any] | None = None
    crawled_at: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    last_changed: str | None = None
    removed_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class EventSource:
    """A fetched page holding event teasers or an event detail page."""

    url: str
    html: str
    selector: Selector | None = None   # the spider's parse of `html`, so the page is parsed once
    capture: dict[str, Any] | None = None


@dataclass
class EventSightings:
    """The events read off one page; the events feed merges sightings of one event into one line."""

    source_url: str
    records: list[EventRecord] = field(default_factory=list)
    capture: dict[str, Any] | None = None   # where the archive holds the page
