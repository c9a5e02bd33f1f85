"""Per-party totals over exported statement records: names seen, statements signed, first and last dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Identity = tuple[str, str | None, str | None]  # (name, country, country_code)


@dataclass
class _PartyTotals:
    identities: Counter[Identity] = field(default_factory=Counter)
    raw_names: set[str] = field(default_factory=set)
    statements: dict[str, date | None] = field(default_factory=dict)


def _iso_date(value: Any) -> date | None:
    """A date from a date, datetime or ISO string ('2018-11-25', '2018-12-10T15:36:00'); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def statement_date(record: Mapping[str, Any]) -> date | None:
    """The statement's dateline date, else the date it was posted, else None."""
    dateline = record.get("dateline") or {}
    return _iso_date(dateline.get("date")) or _iso_date(record.get("posted_at"))


class PartyTally:
    """Accumulates statement records; `records()` gives one row per resolved party, sorted by party_id."""

    def __init__(self) -> None:
        self._totals: dict[str, _PartyTotals] = {}

    def add(self, record: Mapping[str, Any]) -> None:
        """Count one statement record (adding the same id again replaces its date, never double counts); one
        gone from the site (`removed_at`) no longer counts."""
        if record.get("removed_at") is not None:
            return
        when = statement_date(record)
        for entry in [*record.get("signatories", []), *record.get("initiators", [])]:
            party_id = entry.get("party_id")
            if not party_id:
                continue
            totals = self._totals.setdefault(party_id, _PartyTotals())
            totals.identities[(entry["name"], entry.get("country"), entry.get("country_code"))] += 1
            if entry.get("raw"):
                totals.raw_names.add(entry["raw"])
            totals.statements[record["id"]] = when

    def records(self) -> list[dict[str, Any]]:
        """One dict per party: identity, aliases_seen, statements_signed, first_signed, last_signed."""
        rows = []
        for party_id in sorted(self._totals):
            totals = self._totals[party_id]
            name, country, country_code = min(
                totals.identities, key=lambda identity: (-totals.identities[identity], str(identity))
            )
            dates = sorted(when for when in totals.statements.values() if when is not None)
            rows.append({
                "party_id": party_id,
                "name": name,
                "country": country,
                "country_code": country_code,
                "aliases_seen": sorted(totals.raw_names),
                "statements_signed": len(totals.statements),
                "first_signed": dates[0].isoformat() if dates else None,
                "last_signed": dates[-1].isoformat() if dates else None,
            })
        return rows
