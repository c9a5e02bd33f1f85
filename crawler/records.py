"""The statement record, built in one place: extracted values -> the exported line (time fields aside),
party names resolved, positions numbered, one party listed twice counted as a duplicate. Pure: no Scrapy.

A statement read this run and one carried over from the state go through the same `build_record`:
a stored record is first turned back into the values it was built from (`extracted_from_record`),
so registry growth reaches statements that are not fetched again. A stored record built by the same
code, registry and libraries (`builder_key`) is what that would give again: it is taken as it is
(`reused_record`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .extract.categories import Categories, classify_categories
from .extract.datelines import Dateline, DatelineResult
from .extract.signatories import ListedParty, PartyList, listed_party
from .extract.statement import ExtractedStatement
from .items import Template
from .parties.resolver import PartyResolver, Resolved
from .schemas import STATEMENT_FIELDS
from .templates import all_templates
from .timefields import NOT_CONTENT, content
from .urls import page_id

LEGACY_TEMPLATES = ("apollo",)   # what records of runs before layouts were named say


def template_name(name: str) -> Template:
    """A template's name as a `Template` (ValueError for a name no registered template has, or had)."""
    if name not in {template.name for template in all_templates()} | set(LEGACY_TEMPLATES):
        raise ValueError(f"unknown template {name!r}")
    return Template(name)


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


@dataclass(frozen=True)
class BuiltRecord:
    """A statement's record as `build_record` makes it (time fields None, no capture), the party names the
    registry lacks, and its `content_hash`."""

    record: dict[str, Any]
    unresolved: list[str]
    digest: str
    lines: str | None = None   # its signatory lines, when made for a statement new to the state (`read_page`)


def built_record(url: str, template: Template, extracted: ExtractedStatement, resolver: PartyResolver) -> BuiltRecord:
    """`build_record` and the record's `content_hash`, which the time fields and capture set later do not change."""
    record, unresolved = build_record(url, template, extracted, resolver)
    return BuiltRecord(record, unresolved, content_hash(record))


PACKAGE = Path(__file__).parent
MATCHING_LIBRARIES = ("pycountry", "rapidfuzz")   # country names and translations; fuzzy name matching


@cache
def builder_key(registry: str | None = None) -> str:
    """What building a record from its values depends on beyond them: this package's code and data files (the
    schemas too: they fix the signatory lines' fields, which the state keeps beside the record),
    the party registry `PARTY_REGISTRY` names (None: the bundled one), Python (its Unicode tables) and the
    libraries party names are matched with. A record stored with the key in force is what building it
    again would give; any change to one of these builds every stored record again, once."""
    digest = hashlib.sha1(f"{sys.version}|{'|'.join(version(name) for name in MATCHING_LIBRARIES)}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".csv", ".json") and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    if registry:
        digest.update(Path(registry).read_bytes())
    return digest.hexdigest()[:16]


def reused_record(previous: dict[str, Any], digest: str) -> BuiltRecord:
    """A stored record (`digest`: its content hash) as `built_record` builds it again from its own values under the
    same `builder_key`: time fields None, no capture, each signatory without its `first_seen`; the party names the
    registry lacks: a signatory's name and an initiator's raw name, as building found them, and a category
    party's name as stored (its cleaned form; only the run's count of unresolved names reads these)."""
    record: dict[str, Any] = {name: None if name in NOT_CONTENT else previous.get(name) for name in STATEMENT_FIELDS}
    signatories = record["signatories"] = without_first_seen(previous["signatories"])
    unresolved = [entry["name"] for entry in signatories if entry["party_id"] is None]
    unresolved += [party["name"] for party in previous["parties"] if party["party_id"] is None]
    unresolved += [entry["raw"] for entry in previous["initiators"] if entry["party_id"] is None]
    return BuiltRecord(record, unresolved, digest)


def without_first_seen(signatories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The signatory entries as building makes them: no `first_seen` yet."""
    return [{k: v for k, v in entry.items() if k != "first_seen"} for entry in signatories]


def content_hash(record: dict[str, Any]) -> str:
    """A hash of what was extracted, blind to the time fields (also each signatory's `first_seen`) and the capture."""
    stable = content(record)
    stable["signatories"] = without_first_seen(record.get("signatories", []))
    raw = json.dumps(stable, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def build_record(url: str, template: Template, extracted: ExtractedStatement, resolver: PartyResolver) -> tuple[dict[str, Any], list[str]]:
    """Every export field of a statement, in schema order, the time fields still None; and the party
    names the registry lacks. Signatories get their `first_seen` from `crawler.timefields`."""
    unresolved: list[str] = []

    def named(name: str, hint: str | None, raw: str | None) -> dict[str, Any]:
        return _named(resolver, unresolved, name, hint, raw)

    signatories, dropped = resolve_entries(extracted.party_list.entries, resolver, unresolved)
    dateline = extracted.dateline.dateline
    meeting = extracted.classified.meeting
    values = {
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
        "pdf_url": extracted.pdf_url,
    }
    return {name: values.get(name) for name in STATEMENT_FIELDS}, unresolved


def _with_stored_languages(classified: Categories, languages: list[str]) -> Categories:
    """Languages the badges and title give, else those stored (the page's own language, read when it was fetched)."""
    return classified if classified.languages or not languages else replace(classified, languages=list(languages))


def extracted_from_record(record: dict[str, Any]) -> ExtractedStatement:
    """The extracted values a stored record was built from (party names as written, before resolution)."""
    dateline = record.get("dateline")
    posted = record.get("posted_at")
    title = record.get("title")
    categories = list(record.get("categories") or [])
    return ExtractedStatement(
        title=title,
        posted_at=datetime.fromisoformat(posted) if posted else None,
        categories=categories,
        classified=_with_stored_languages(classify_categories(categories, title or ""), record.get("languages") or []),
        body=record.get("body") or "",
        dateline=DatelineResult(
            Dateline(dateline["text"], dateline["place"], date.fromisoformat(dateline["date"]), date.fromisoformat(dateline["end_date"]))
            if dateline
            else None,
            None,
        ),
        party_list=PartyList(
            initiators=[entry["raw"] for entry in record.get("initiators") or []],
            entries=[listed_party(entry["raw"], entry.get("group")) for entry in record.get("signatories") or []],
            duplicates_dropped=int(record.get("duplicates_dropped") or 0),
            heading=None,
        ),
        pdf_url=record.get("pdf_url"),
    )
