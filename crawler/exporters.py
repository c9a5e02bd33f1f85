"""The lines of the JSON Lines exports, made from the records the state holds. No Scrapy, no files:
`crawler.publish` writes what these give, streamed, in a fixed order, so the same site gives
byte-identical exports apart from time fields.

* `signatory_lines` fans a statement out into one line per party (initiators, then signatories, in
  page order), from its `LINE_SOURCES` and the Party Facts mapping; `signatory_text` encodes them, as
  the state stores them; the party tally is `crawler.parties.tally.PartyTally`.
* `merged_events` gives one record per event: every sighting of this run merged (the detail page
  wins) with the capture that shows it, with the events of earlier runs the site no longer shows
  (past events leave the lists).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .extract.events import EventBook
from .parties.links import links_of
from .schemas import SIGNATORY_FIELDS
from .timefields import event_times

_ENCODER = json.JSONEncoder(ensure_ascii=False)   # the separators and escapes of Scrapy's JSON Lines exporter


def export_text(record: Mapping[str, Any]) -> str:
    """A record's export line without its newline (also how the state stores it, so publishing writes it as stored)."""
    return _ENCODER.encode(record)


def encode(record: Mapping[str, Any]) -> bytes:
    """One export line."""
    return (export_text(record) + "\n").encode("utf-8")


LINE_SOURCES = ("id", "url", "title", "posted_at", "initiators", "signatories")   # what a statement's signatory lines are made of


def signatory_text(statement: Mapping[str, Any]) -> str:
    """The statement's lines of signatories.jsonl, each ended by a newline (stored with the statement, so
    publishing writes them as stored while they hold)."""
    return "".join(f"{export_text(line)}\n" for line in signatory_lines(statement))


def signatory_lines(statement: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One line per statement and party: the initiators, then the signatories, in page order."""
    head = {
        "statement_id": statement["id"],
        "statement_url": statement["url"],
        "statement_title": statement["title"],
        "posted_at": statement["posted_at"],
    }
    roles = [("initiator", p, i) for i, p in enumerate(statement["initiators"], 1)]
    roles += [("signatory", p, p["position"]) for p in statement["signatories"]]
    for role, party, position in roles:
        line = {**head, **party, "role": role, "position": position, **links_of(party.get("party_id")).as_fields()}
        yield {k: line.get(k) for k in SIGNATORY_FIELDS}


def merged_events(book: EventBook, stored: Mapping[str, dict[str, Any]], now: str, replayed: bool = False) -> list[dict[str, Any]]:
    """Every event to export, by start date then id: this run's merged sightings with their time fields
    (`crawler.timefields.event_times`; `replayed`: read from the web archive), and the stored events the
    site no longer shows, as they were."""
    events = dict(stored)
    for record in book:
        fields = {**record.to_dict(), "capture": book.capture(record)}
        events[record.id] = {**fields, **event_times(stored.get(record.id), fields, now, replayed)}
    return sorted(events.values(), key=lambda e: (e["start_date"], e["id"]))
