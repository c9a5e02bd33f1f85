"""The report page: figures and charts from the exports, rendered into one self-contained HTML file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import charts
from .figures import (
    change_report,
    cosignature_pairs,
    glance,
    matrix_parties,
    per_year,
    recent_statements,
    run_health,
    signatures_by_country,
    strongest_pairs,
    top_parties,
    upcoming_events,
)
from .loader import Exports, Record

TEMPLATES = Path(__file__).with_name("templates")
LIST_SHOWN = 10          # entries shown per list of changes; the next ones, up to LIST_LIMIT, folded
LIST_LIMIT = 200
RECENT_DAYS = 30
EXPORT_FILES = ("statements.jsonl", "signatories.jsonl", "parties.jsonl", "events.jsonl", "runs.jsonl")


def when(value: str | None) -> str:
    """A time field for people: '2026-12-01 21:20 UTC'."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment.tzinfo else f"{moment:%Y-%m-%d %H:%M}"


def statement_day(statement: Record) -> str:
    """The statement's date (dateline, else posting), as ISO; empty when it has none."""
    dateline = statement.get("dateline") or {}
    return dateline.get("date") or (statement.get("posted_at") or "")[:10]


def party_label(party: Record) -> str:
    return f"{party['name']} ({party['country_code']})" if party.get("country_code") else party["name"]


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    environment.filters["when"] = when
    environment.filters["day"] = statement_day
    return environment


def context(exports: Exports, now: datetime) -> dict[str, Any]:
    """Everything the template shows."""
    current = exports.current
    names = {p["party_id"]: party_label(p) for p in exports.parties}
    short_names = {p["party_id"]: charts.party_label(p, 26) for p in exports.parties}
    pairs = cosignature_pairs(current)
    for party in {p for pair in pairs for p in pair} - set(names):
        names[party] = short_names[party] = party
    countries = signatures_by_country(current)
    top = top_parties(exports.parties, 20)
    chart_list = [
        charts.years_chart(per_year(current)),
        charts.parties_chart(top),
        charts.pairs_chart(pairs, matrix_parties(pairs, 12), short_names),
        charts.countries_chart(countries[:20]),
    ]
    return {
        "now": now,
        "glance": glance(exports, now.date()),
        "charts": {c.name: {"chart": c, "svg": Markup(c.svg)} for c in chart_list},
        "pairs": [(names[a], names[b], count) for a, b, count in strongest_pairs(pairs, 15)],
        "countries": countries,
        "changes": change_report(exports, now, RECENT_DAYS),
        "recent_days": RECENT_DAYS,
        "shown": LIST_SHOWN,
        "limit": LIST_LIMIT,
        "upcoming": upcoming_events(exports.events, now.date()),
        "statements": recent_statements(current, 20),
        "health": run_health(exports.runs, 15),
        "exports": EXPORT_FILES,
    }


def render_page(exports: Exports, now: datetime) -> str:
    """The report as one HTML document (charts inline, no script, nothing loaded from elsewhere)."""
    return _environment().get_template("index.html").render(context(exports, now))
