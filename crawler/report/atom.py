"""`exports/changes.atom`: an Atom 1.0 feed (RFC 4287) of the changes a reader subscribes to:
one entry per new statement and one per run in which a statement's signatory list grew."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from ..parties.tally import statement_date
from .figures import Growth, Window, changes, last_published
from .loader import Exports, Record

ATOM = "http://www.w3.org/2005/Atom"
KINDS = "https://github.com/solidnet-crawler/changes"   # the scheme of the entries' categories
FEED_DAYS = 30          # entries of this many days before the build
FEED_LIMIT = 200        # at most this many entries, newest first (a first crawl makes every statement new)
NAMES_SHOWN = 12


def _urn(text: str) -> str:
    """A stable entry id: a name-based UUID of the text."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, text)}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _names(entries: list[Record]) -> str:
    names = [f"{e['name']} ({e['country']})" if e.get("country") else e["name"] for e in entries]
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + (f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else "")


def _about(statement: Record) -> str:
    """Where and when a statement was adopted, and its meeting, as one phrase."""
    dateline = statement.get("dateline") or {}
    parts = [dateline.get("place"), str(statement_date(statement) or ""), (statement.get("meeting") or {}).get("name")]
    return ", ".join(p for p in parts if p)


def _entry(feed: ET.Element, *, entry_id: str, title: str, updated: str, statement: Record, kind: str, summary: str) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", entry_id)
    _add(entry, "title", title)
    _add(entry, "updated", updated)
    _add(entry, "link", rel="alternate", type="text/html", href=statement["url"])
    _add(entry, "category", term=kind, scheme=KINDS)
    _add(entry, "summary", summary)


def _new_entry(feed: ET.Element, statement: Record) -> None:
    signatories = statement.get("signatories", [])
    about = _about(statement)
    summary = f"New statement{f' ({about})' if about else ''}. "
    summary += f"Signed by {len(signatories)} parties: {_names(signatories)}." if signatories else "No signatory list."
    _entry(feed, entry_id=_urn(f"{statement['url']}#new"), title=f"New: {statement['title'] or statement['url']}",
           updated=statement["first_seen"], statement=statement, kind="new-statement", summary=summary)


def _growth_entry(feed: ET.Element, growth: Growth) -> None:
    statement, at = growth.statement, growth.at.isoformat(timespec="seconds")
    summary = (f"{len(growth.added)} new signator{'y' if len(growth.added) == 1 else 'ies'}: {_names(growth.added)}. "
               f"Now signed by {len(statement.get('signatories', []))} parties.")
    _entry(feed, entry_id=_urn(f"{statement['url']}#signatories-{at}"),
           title=f"Signatories added ({len(growth.added)}): {statement['title'] or statement['url']}",
           updated=at, statement=statement, kind="signatories-added", summary=summary)


def site_of(exports: Exports) -> str | None:
    """The site's base URL, from the statements' URLs."""
    for statement in exports.statements:
        parts = urlsplit(statement["url"])
        return f"{parts.scheme}://{parts.netloc}/"
    return None


def atom_feed(exports: Exports, now: datetime) -> bytes:
    """The feed document: new statements and grown signatory lists of the last FEED_DAYS days, newest first."""
    start = now - timedelta(days=FEED_DAYS)
    found = changes(exports, Window(start), Window(start))
    items: list[tuple[str, str, Record | Growth]] = [(s["first_seen"], s["id"], s) for s in found.new]
    items += [(g.at.isoformat(timespec="seconds"), g.statement["id"], g) for g in found.grown]
    items.sort(key=lambda item: (datetime.fromisoformat(item[0]), item[1]), reverse=True)
    items = items[:FEED_LIMIT]
    last_run = last_published(exports.runs, "statements")
    updated = items[0][0] if items else (last_run["started_at"] if last_run else now.isoformat(timespec="seconds"))

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    site = site_of(exports)
    _add(feed, "id", _urn(f"{site or 'solidnet-crawler'}#changes"))
    _add(feed, "title", "SolidNet: new statements and signatures")
    _add(feed, "subtitle", f"New statements and new signatories of statements on solidnet.org, the last {FEED_DAYS} days.")
    _add(feed, "updated", updated)
    _add(_add(feed, "author"), "name", "solidnet-crawler")
    _add(feed, "generator", "solidnet-crawler")
    if site:
        _add(feed, "link", rel="alternate", type="text/html", href=site)
    for _, _, item in items:
        if isinstance(item, Growth):
            _growth_entry(feed, item)
        else:
            _new_entry(feed, item)
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
