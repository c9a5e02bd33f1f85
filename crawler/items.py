"""The items that flow from the spiders through the pipelines to the exports.

A statement has two: the page the spider fetched (`StatementPage`), and from the extract step on
the one `Statement` that reaches the exports, whether fetched this run or carried over from the
state (then it holds its stored row and record, so no later step reads the state). Events travel as
`EventSource` (a fetched page) and `EventSightings` (the events read off it). The exported shape of
every record is its JSON Schema in `crawler/schemas/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NewType

from parsel import Selector

from .archive.pending import CaptureRef
from .extract.events import EventRecord
from .extract.statement import ExtractedStatement
from .state import StoredRow

if TYPE_CHECKING:   # the extraction pool builds records, and records name their template by this module's type
    from .extract_pool import PageReading
    from .records import BuiltRecord

Template = NewType("Template", str)   # a template class's name (`crawler.templates.all_templates()`), as exported


class Carry(StrEnum):
    """Why a statement is carried over from the state instead of read this run."""

    NOT_DUE = "not-due"             # the recrawl policy did not make it due: no request
    NOT_MODIFIED = "not-modified"   # re-checked, answered 304
    GONE = "gone"                   # the site answered 404 or 410: marked removed
    FAILED = "failed"               # could not be fetched or read this run (logged with its reason)
    UNSEEN = "unseen"               # discovery was incomplete, so it was not looked for

    @property
    def seen(self) -> bool:
        """Whether the site showed the statement this run."""
        return self in (Carry.NOT_DUE, Carry.NOT_MODIFIED)


@dataclass
class StatementPage:
    """A fetched page that the spider took for a statement, with what the state holds of it."""

    url: str                     # canonical URL
    html: str
    selector: Selector | None = None   # the spider's parse of `html`, so the page is parsed once
    etag: str | None = None
    last_modified: str | None = None
    stored: StoredRow | None = None
    previous: dict[str, Any] | None = None   # the record the state holds
    pdf_url: str | None = None         # the PDF the page links ("Show PDF")
    capture: CaptureRef = None         # where the archive holds the response (`Capture.evidence()`, maybe still being written)
    content_language: str | None = None     # the response's Content-Language header
    reading: PageReading | None = None      # the page as the spider had it read (`crawler.extract_pool`); None: read by the extract step


@dataclass
class Statement:
    """One statement on its way to `statements.jsonl`: built by `crawler.records.build_record` from its
    extracted values (read this run, or taken back from its stored record), then validated."""

    url: str
    template: Template
    extracted: ExtractedStatement | None   # None: carried over (its record is built from the stored one)
    stored: StoredRow | None = None
    previous: dict[str, Any] | None = None
    carried: Carry | None = None          # None: read this run
    etag: str | None = None
    last_modified: str | None = None
    capture: dict[str, Any] | None = None   # the archived response it was read from (None: carried over)
    built: BuiltRecord | None = None      # its record as the extraction pool built it (None: built by the record step)
    record: dict[str, Any] = field(default_factory=dict)   # the exported line, once built
    changed: bool = False                 # what was extracted differs from the stored record
    digest: str = ""                      # `content_hash` of the record, once built


@dataclass
class EventSource:
    """A fetched page holding event teasers or an event detail page."""

    url: str
    html: str
    selector: Selector | None = None   # the spider's parse of `html`, so the page is parsed once
    capture: CaptureRef = None         # where the archive holds the page (maybe still being written)


@dataclass
class EventSightings:
    """The events read off one page; sightings of one event are merged into one line at the end of the run."""

    source_url: str
    records: list[EventRecord] = field(default_factory=list)
    capture: dict[str, Any] | None = None   # where the archive holds the page
