"""The time-field rules of the exports, as pure functions of the previous record and what this run saw.

Every time a run sets is its start (`RunContext.stamp`), so one run gives one value everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

TIME_FIELDS = ("crawled_at", "first_seen", "last_seen", "last_changed", "removed_at")
NOT_CONTENT = (*TIME_FIELDS, "capture")   # where the page is archived is no part of what it says
EVENT_NOT_CONTENT = ("crawled_at", "first_seen", "last_seen", "last_changed", "source_urls", "capture")


def statement_times(
    previous: Mapping[str, Any] | None, now: str, *, read_at: str | None, seen: bool, gone: bool, changed: bool,
    replayed: bool = False,
) -> dict[str, str | None]:
    """The time fields of a statement.

    `read_at`: when its page was fetched, if it was read this run (crawled_at: its capture's fetch time); `seen`: the site
    showed it (read, or not due, or answered 304: last_seen = now, removed_at cleared); `gone`: the site answered 404/410
    (removed_at = the run that first found it gone); `changed`: what was extracted differs from the stored record;
    `replayed`: read from the web archive by a re-extraction, so the site was not seen (last_seen keeps its value).
    A new statement (no `previous`) is first seen, and changed, now. Otherwise the previous values hold.
    """
    old = previous or {}
    first_seen = old.get("first_seen") or now
    last_changed = now if changed or previous is None else old.get("last_changed") or now
    if seen:
        last_seen = (old.get("last_seen") or now) if replayed else now
        return {"crawled_at": read_at or old.get("crawled_at") or now, "first_seen": first_seen,
                "last_seen": last_seen, "last_changed": last_changed, "removed_at": None}
    return {
        "crawled_at": old.get("crawled_at") or now,
        "first_seen": first_seen,
        "last_seen": old.get("last_seen") or now,
        "last_changed": last_changed,
        "removed_at": (old.get("removed_at") or now) if gone else old.get("removed_at"),
    }


def entry_key(entry: Mapping[str, Any]) -> str:
    """What makes a signatory the same one across runs: its registry party, else its name."""
    return f"id:{entry['party_id']}" if entry.get("party_id") else f"name:{entry['name'].casefold()}"


def with_first_seen(entries: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]], now: str) -> list[dict[str, Any]]:
    """The signatory entries, each with its `first_seen` (`signatory_first_seen`)."""
    return [{**entry, "first_seen": at} for entry, at in zip(entries, signatory_first_seen(entries, previous, now), strict=True)]


def signatory_first_seen(entries: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]], now: str) -> list[str]:
    """Each signatory's first_seen: that of the same entry in the previous record (same party, else same
    name, else the same text as written), else now."""
    by_key = {entry_key(e): e.get("first_seen") for e in previous}
    by_raw = {e.get("raw"): e.get("first_seen") for e in previous}
    return [by_key.get(entry_key(e)) or by_raw.get(e.get("raw")) or now for e in entries]


def event_times(previous: Mapping[str, Any] | None, record: Mapping[str, Any], now: str, replayed: bool = False) -> dict[str, str]:
    """The time fields of an event the site showed this run: last_changed moves when what it says changed.
    `replayed`: read from the web archive by a re-extraction, so the site was not seen (crawled_at and last_seen keep their values)."""
    unchanged = previous is not None and content(previous, EVENT_NOT_CONTENT) == content(record, EVENT_NOT_CONTENT)
    kept = previous is not None and replayed
    return {
        "crawled_at": previous["crawled_at"] if previous and kept else now,
        "first_seen": previous["first_seen"] if previous else now,
        "last_seen": previous["last_seen"] if previous and kept else now,
        "last_changed": previous["last_changed"] if previous and unchanged else now,
    }


def content(record: Mapping[str, Any], not_content: Sequence[str] = NOT_CONTENT) -> dict[str, Any]:
    """What a record says, without when it was seen and where it is archived (and, for events, where it was seen)."""
    return {k: v for k, v in record.items() if k not in not_content}
