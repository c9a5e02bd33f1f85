"""Extracted values -> the exported statement record: party names resolved, positions numbered,
one party listed twice counted as a duplicate. Pure: no Scrapy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .extract.categories import classify_categories
from .extract.signatories import ListedParty, listed_party
from .extract.statement import ExtractedStatement
from .parties.resolver import PartyResolver, Resolved
from .urls import page_id


@dataclass
class StatementRecord:
    """A statement's export fields (time fields aside) and the names the registry lacks."""

    fields: dict[str, Any]
    unresolved: list[str] = field(default_factory=list)


def _party(resolved: Resolved) -> dict[str, Any]:
    return {
        "name": resolved.name,
        "country": resolved.country,
        "country_code": resolved.country_code,
        "party_id": resolved.party_id,
    }


def resolve_entries(
    entries: Sequence[ListedParty], resolver: PartyResolver, unresolved: list[str]
) -> tuple[list[dict[str, Any]], int]:
    """The signatory list with every party resolved; entries resolving to a party already listed are dropped.
    Returns the entries and how many were dropped; unresolved names are appended to `unresolved`."""
    signatories: list[dict[str, Any]] = []
    seen: set[str] = set()
    dropped = 0
    for entry in entries:
        resolved = resolver.resolve(entry.party, entry.country_hint)
        if resolved.party_id is None:
            unresolved.append(entry.name)
            resolved = Resolved(entry.name, None, resolved.country, resolved.country_code)
        elif resolved.party_id in seen:
            dropped += 1
            continue
        else:
            seen.add(resolved.party_id)
        party = _party(resolved)
        signatories.append(
            {"position": len(signatories) + 1, "name": party.pop("name"), "raw": entry.raw, **party, "group": entry.group}
        )
    return signatories, dropped


def _named(resolver: PartyResolver, unresolved: list[str], name: str, hint: str | None, raw: str | None) -> dict[str, Any]:
    """A category party (no `raw`) or an initiator, resolved."""
    resolved = resolver.resolve(name, hint)
    if resolved.party_id is None:
        unresolved.append(name)
    party = _party(resolved)
    return party if raw is None else {"name": party.pop("name"), "raw": raw, **party}


def statement_record(url: str, template: str, extracted: ExtractedStatement, resolver: PartyResolver) -> StatementRecord:
    """Every export field of a statement but the time fields."""
    unresolved: list[str] = []

    def named(name: str, hint: str | None, raw: str | None) -> dict[str, Any]:
        return _named(resolver, unresolved, name, hint, raw)

    signatories, dropped = resolve_entries(extracted.party_list.entries, resolver, unresolved)
    dateline = extracted.dateline.dateline
    meeting = extracted.classified.meeting
    fields = {
        "id": page_id(url),
        "url": url,
        "title": extracted.title,
        "posted_at": extracted.posted_at.isoformat(timespec="seconds") if extracted.posted_at else None,
        "categories": extracted.categories,
        "parties": [named(p.name, p.country_hint, None) for p in extracted.classified.parties],
        "meeting": {"name": meeting.name, "number": meeting.number} if meeting else None,
        "languages": extracted.classified.languages,
        "body": extracted.body,
        "dateline": (
            {"text": dateline.text, "place": dateline.place, "date": dateline.date.isoformat(), "end_date": dateline.end_date.isoformat()}
            if dateline
            else None
        ),
        "initiators": [named(name, None, name) for name in extracted.party_list.initiators],
        "signatories": signatories,
        "duplicates_dropped": extracted.party_list.duplicates_dropped + dropped,
        "template": template,
    }
    return StatementRecord(fields, unresolved)


def reresolved(record: dict[str, Any], resolver: PartyResolver) -> StatementRecord:
    """A stored record with its parties resolved again against the current registry, the way a fresh
    extraction would: registry growth reaches statements that are not fetched again."""
    unresolved: list[str] = []
    first_seen = {entry["raw"]: entry.get("first_seen") for entry in record.get("signatories", [])}
    entries = [listed_party(entry["raw"], entry.get("group")) for entry in record.get("signatories", [])]
    signatories, dropped = resolve_entries(entries, resolver, unresolved)
    for entry in signatories:
        entry["first_seen"] = first_seen.get(entry["raw"])
    classified = classify_categories(record.get("categories", []), record.get("title") or "")
    fields = {
        **record,
        "parties": [_named(resolver, unresolved, p.name, p.country_hint, None) for p in classified.parties],
        "initiators": [_named(resolver, unresolved, p["raw"], None, p["raw"]) for p in record.get("initiators", [])],
        "signatories": signatories,
        "duplicates_dropped": record.get("duplicates_dropped", 0) + dropped,
    }
    return StatementRecord(fields, unresolved)
