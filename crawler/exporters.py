"""Feed storage and item exporters for the JSON Lines exports.

* `AtomicFileFeedStorage` writes each export to a temporary file in the same folder and moves it
  into place only when the run ends well: a reader never sees a partial file, and a failed or
  killed run leaves the previous exports untouched.
* The exporters sort their lines, so the same site gives byte-identical exports apart from time fields.
* `SignatoryLinesExporter` fans one statement out into one line per party; `PartiesExporter` and
  `EventsExporter` aggregate over the whole crawl and write when it ends.
"""

from __future__ import annotations

import os
import tempfile
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exporters import JsonLinesItemExporter
from w3lib.url import file_uri_to_path

from .context import current_context, run_context, utc_now
from .extract.events import EventBook
from .parties.tally import PartyTally

SIGNATORY_FIELDS = (
    "statement_id", "statement_url", "statement_title", "posted_at", "role", "position",
    "name", "raw", "country", "country_code", "party_id", "group", "first_seen",
)
EVENT_NOT_CONTENT = ("crawled_at", "first_seen", "last_seen", "last_changed", "source_urls")


class AtomicFileFeedStorage:
    """A local file written through a temporary dot-file beside it and `os.replace`d into place only
    when the run publishes (see `RunContext.publish`); otherwise the temporary file is deleted."""

    def __init__(self, uri: str, crawler: Crawler | None = None) -> None:
        self.path = Path(file_uri_to_path(uri)) if uri.startswith("file:") else Path(uri)
        self.crawler = crawler
        self.tmp: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> AtomicFileFeedStorage:
        return cls(uri, crawler)

    def open(self, spider: Any) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)   # left behind by a killed run (the run lock excludes a live one)
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self.tmp = Path(name)
        return os.fdopen(fd, "wb")

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        assert self.tmp is not None
        if self.crawler is not None and not run_context(self.crawler).publish:
            self.tmp.unlink(missing_ok=True)
            return
        self.tmp.chmod(0o644)
        os.replace(self.tmp, self.path)
        _fsync_dir(self.path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LinesExporter(JsonLinesItemExporter):
    """JSON Lines written by the subclass when the feed closes; `encode` gives one line."""

    def encode(self, record: dict[str, Any]) -> bytes:
        return (self.encoder.encode(record) + "\n").encode(self.encoding or "utf-8")


class SortedJsonLinesExporter(LinesExporter):
    """JSON Lines sorted by `id`; lines are encoded as items arrive and written when the feed closes."""

    def __init__(self, file: BytesIO, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.lines: list[tuple[str, bytes]] = []

    def export_item(self, item: Any) -> None:
        record = dict(self.get_serialized_fields(item))
        self.lines.append((str(record.get("id", "")), self.encode(record)))

    def finish_exporting(self) -> None:
        for _key, line in sorted(self.lines, key=lambda pair: pair[0]):
            self.file.write(line)
        self.lines.clear()


class SignatoryLinesExporter(SortedJsonLinesExporter):
    """One line per statement and party: the initiators, then the signatories, in page order."""

    def export_item(self, item: Any) -> None:
        statement = ItemAdapter(item)
        head = {
            "statement_id": statement["id"],
            "statement_url": statement["url"],
            "statement_title": statement["title"],
            "posted_at": statement["posted_at"],
        }
        roles = [("initiator", p, i) for i, p in enumerate(statement["initiators"], 1)]
        roles += [("signatory", p, p["position"]) for p in statement["signatories"]]
        for order, (role, party, position) in enumerate(roles):
            line = {**head, **{k: party.get(k) for k in SIGNATORY_FIELDS if k in party}, "role": role, "position": position}
            record = {k: line.get(k) for k in SIGNATORY_FIELDS}
            self.lines.append((f"{statement['id']}:{order:05d}", self.encode(record)))


class PartiesExporter(LinesExporter):
    """One line per registry party seen in the crawl, written when it ends."""

    def __init__(self, file: BytesIO, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.tally = PartyTally()

    def export_item(self, item: Any) -> None:
        record = ItemAdapter(item)   # read in place: a deep copy of every record (body and all) costs more than the tally
        if record.get("removed_at") is None:   # a statement gone from the site no longer counts
            self.tally.add(record)

    def finish_exporting(self) -> None:
        for record in self.tally.records():
            self.file.write(self.encode(record))


def _event_content(record: dict[str, Any]) -> dict[str, Any]:
    """What an event says, without where and when it was seen: a change here is a change of the event."""
    return {k: v for k, v in record.items() if k not in EVENT_NOT_CONTENT}


class EventsExporter(LinesExporter):
    """One line per event: every sighting of it merged (the detail page wins), written when the crawl
    ends, with the events of earlier runs that the site no longer shows (past events leave the lists).

    Time fields come from the state: first_seen, last_seen (this run when the site showed it),
    last_changed; the state is updated only when the run publishes its exports."""

    def __init__(self, file: BytesIO, crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.book = EventBook()
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: BytesIO, **kwargs: Any) -> EventsExporter:
        return cls(file, crawler, **kwargs)

    def export_item(self, item: Any) -> None:
        for record in ItemAdapter(item)["records"]:
            self.book.add(record)

    def finish_exporting(self) -> None:
        context = current_context(self.crawler) if self.crawler is not None else None
        now = context.stamp if context is not None else utc_now()
        stored = context.state.events() if context is not None else {}
        events = dict(stored)
        for record in self.book:
            fields = record.to_dict()
            old = stored.get(record.id)
            unchanged = old is not None and _event_content(old) == _event_content(fields)
            events[record.id] = {
                **fields,
                "crawled_at": now,
                "first_seen": old["first_seen"] if old else now,
                "last_seen": now,
                "last_changed": old["last_changed"] if unchanged and old else now,
            }
        if context is not None and context.publish:
            for event in events.values():
                context.state.save_event(event)
            context.state.commit()
        for event in sorted(events.values(), key=lambda e: (e["start_date"], e["id"])):
            self.file.write(self.encode(event))
