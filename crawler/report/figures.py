"""What the report shows, as plain functions over export records (no drawing, no HTML).

A party *signed* a statement when it is among its signatories or initiators with a resolved
`party_id` (the definition of `statements_signed` in parties.jsonl); a *signature* is one entry of
a signatory list. Only statements still on the site are counted; removed ones show under changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ..dataset import network
from ..parties.tally import statement_date
from .loader import Exports, Record

Pair = tuple[str, str]
NEVER = datetime.max.replace(tzinfo=UTC)   # a start no time field reaches


def moment(value: str | None) -> datetime | None:
    """A time field (UTC, ISO 8601) as a datetime; None when absent."""
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Glance:
    statements: int
    removed: int
    signatures: int
    parties: int
    countries: int
    events: int
    upcoming: int
    first_year: int | None
    last_year: int | None
    undated: int


def glance(exports: Exports, today: date) -> Glance:
    """The dataset at a glance: counts over the statements on the site, the parties and the events."""
    current = exports.current
    years = [y for y in map(network.statement_year, current) if y is not None]
    countries = {p["country_code"] for p in exports.parties if p.get("country_code")}
    return Glance(
        statements=len(current),
        removed=len(exports.statements) - len(current),
        signatures=sum(len(s.get("signatories", [])) for s in current),
        parties=len(exports.parties),
        countries=len(countries),
        events=len(exports.events),
        upcoming=len(upcoming_events(exports.events, today)),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        undated=len(current) - len(years),
    )


@dataclass(frozen=True)
class YearCount:
    year: int
    statements: int
    signatures: int


def per_year(statements: Iterable[Record]) -> list[YearCount]:
    """Statements and signatures per year (dateline date, else posting date), every year of the span."""
    counts: Counter[int] = Counter()
    signed: Counter[int] = Counter()
    for statement in statements:
        year = network.statement_year(statement)
        if year is not None:
            counts[year] += 1
            signed[year] += len(statement.get("signatories", []))
    if not counts:
        return []
    return [YearCount(y, counts[y], signed[y]) for y in range(min(counts), max(counts) + 1)]


def top_parties(parties: Iterable[Record], n: int = 20) -> list[Record]:
    """The parties that signed most statements (from parties.jsonl), most first, ties by name."""
    return sorted(parties, key=lambda p: (-p["statements_signed"], p["name"], p["party_id"]))[:n]


def cosignature_pairs(statements: Iterable[Record]) -> Counter[Pair]:
    """How many statements each pair of parties signed together, a translation group counted once
    (`crawler.dataset.network`, as the SQLite view and the network file count); pairs as (smaller id, larger id)."""
    return Counter({(pair.a, pair.b): pair.weight for pair in network.cosignature_pairs(statements)})


def strongest_pairs(pairs: Counter[Pair], n: int = 15) -> list[tuple[str, str, int]]:
    """The pairs that signed most together, most first, ties by ids."""
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [(a, b, count) for (a, b), count in ranked[:n]]


def pair_matrix(pairs: Counter[Pair], party_ids: Sequence[str]) -> list[list[int]]:
    """Statements signed together for each pair of the given parties (a symmetric matrix, zero diagonal)."""
    return [[0 if a == b else pairs[min(a, b), max(a, b)] for b in party_ids] for a in party_ids]


def matrix_parties(pairs: Counter[Pair], n: int = 12) -> list[str]:
    """The parties with the most co-signatures (sum over their pairs), most first: the matrix's rows."""
    weight: Counter[str] = Counter()
    for (a, b), count in pairs.items():
        weight[a] += count
        weight[b] += count
    return [party for party, _ in sorted(weight.items(), key=lambda item: (-item[1], item[0]))[:n]]


@dataclass(frozen=True)
class CountryCount:
    country: str
    country_code: str | None
    signatures: int
    parties: int


def signatures_by_country(statements: Iterable[Record]) -> list[CountryCount]:
    """Signatures per country of the signing party (entries without a country are left out), most first."""
    signatures: Counter[str] = Counter()
    parties: defaultdict[str, set[str]] = defaultdict(set)
    codes: dict[str, str | None] = {}
    for statement in statements:
        for entry in statement.get("signatories", []):
            country = entry.get("country")
            if not country:
                continue
            signatures[country] += 1
            codes.setdefault(country, entry.get("country_code"))
            parties[country].add(entry.get("party_id") or entry.get("name") or "")
    ranked = sorted(signatures.items(), key=lambda item: (-item[1], item[0]))
    return [CountryCount(country, codes[country], count, len(parties[country])) for country, count in ranked]


def upcoming_events(events: Iterable[Record], today: date) -> list[Record]:
    """Events that have not ended by `today`, soonest first."""
    ahead = [e for e in events if date.fromisoformat(e["end_date"] or e["start_date"]) >= today]
    return sorted(ahead, key=lambda e: (e["start_date"], e["title"]))


def recent_statements(statements: Iterable[Record], n: int = 20) -> list[Record]:
    """The statements posted last (posting time, else dateline date), newest first."""
    def when(statement: Record) -> str:
        return statement.get("posted_at") or str(statement_date(statement) or "")
    dated = [s for s in statements if when(s)]
    return sorted(dated, key=lambda s: (when(s), s["id"]), reverse=True)[:n]


@dataclass(frozen=True)
class Growth:
    """Signatories that joined a statement's list in one run."""

    statement: Record
    at: datetime
    added: list[Record]


@dataclass(frozen=True)
class Window:
    """A span of time [start, end); None: open on that side."""

    start: datetime | None = None
    end: datetime | None = None

    def holds(self, value: str | datetime | None) -> bool:
        when = moment(value) if isinstance(value, str) or value is None else value
        return when is not None and (self.start is None or when >= self.start) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Changes:
    """What changed in a window, read from the time fields of the exports; newest first."""

    new: list[Record]
    grown: list[Growth]
    removed: list[Record]
    edited: list[Record]        # content changed otherwise: not new, no signatory added, not removed
    new_events: list[Record]

    @property
    def total(self) -> int:
        return len(self.new) + len(self.grown) + len(self.removed) + len(self.edited) + len(self.new_events)


def growths(statement: Record) -> list[Growth]:
    """The runs in which signatories joined a statement already seen: their `first_seen` is later than its."""
    first = moment(statement.get("first_seen"))
    added: defaultdict[datetime, list[Record]] = defaultdict(list)
    for entry in statement.get("signatories", []):
        seen = moment(entry.get("first_seen"))
        if first is not None and seen is not None and seen > first:
            added[seen].append(entry)
    return [Growth(statement, at, entries) for at, entries in sorted(added.items())]


def _newest(records: Iterable[Record], field: str) -> list[Record]:
    return sorted(records, key=lambda r: (moment(r[field]), str(statement_date(r) or r.get("start_date") or ""), r["id"]), reverse=True)


def changes(exports: Exports, statements: Window, events: Window) -> Changes:
    """New, grown, removed and otherwise changed statements in one window, new events in another."""
    new = _newest((s for s in exports.statements if statements.holds(s.get("first_seen"))), "first_seen")
    grown = sorted(
        (g for s in exports.statements for g in growths(s) if statements.holds(g.at)),
        key=lambda g: (g.at, g.statement["id"]), reverse=True,
    )
    removed = _newest((s for s in exports.statements if statements.holds(s.get("removed_at"))), "removed_at")
    touched = {s["id"] for s in new} | {g.statement["id"] for g in grown} | {s["id"] for s in removed}
    edited = _newest((s for s in exports.statements if s["id"] not in touched and statements.holds(s.get("last_changed"))), "last_changed")
    new_events = _newest((e for e in exports.events if events.holds(e.get("first_seen"))), "first_seen")
    return Changes(new, grown, removed, edited, new_events)


def last_published(runs: Sequence[Record], spider: str) -> Record | None:
    """The latest run of a spider that published its exports."""
    return next((r for r in reversed(runs) if r["spider"] == spider and r.get("published")), None)


def last_run_start(runs: Sequence[Record], spider: str) -> datetime | None:
    run = last_published(runs, spider)
    return moment(run["started_at"]) if run else None


@dataclass(frozen=True)
class ChangeReport:
    """The changes of the last published runs, those earlier in the recent days, and both together."""

    last: Changes
    earlier: Changes
    recent: Changes
    since: datetime
    last_statements_run: datetime | None
    last_events_run: datetime | None


def change_report(exports: Exports, now: datetime, days: int = 30) -> ChangeReport:
    """What the last runs (statements and events) changed, and what changed in the `days` before `now`."""
    since = now - timedelta(days=days)
    statements_run, events_run = last_run_start(exports.runs, "statements"), last_run_start(exports.runs, "events")
    last_statements, last_events = Window(statements_run or NEVER), Window(events_run or NEVER)
    return ChangeReport(
        last=changes(exports, last_statements, last_events),
        earlier=changes(exports, Window(since, last_statements.start), Window(since, last_events.start)),
        recent=changes(exports, Window(since), Window(since)),
        since=since,
        last_statements_run=statements_run,
        last_events_run=events_run,
    )


@dataclass(frozen=True)
class RunHealth:
    run: Record
    duration: float | None
    unreadable: int


def run_health(runs: Sequence[Record], n: int = 15) -> list[RunHealth]:
    """The last runs, newest first, with their duration in seconds and what could not be read."""
    rows = []
    for run in reversed(runs[-n:]):
        started, ended = moment(run.get("started_at")), moment(run.get("ended_at"))
        counts = run.get("counts", {})
        unreadable = sum(counts.get(k, 0) for k in ("unreadable_datelines", "unreadable_events", "untitled", "undated", "not_article"))
        rows.append(RunHealth(run, (ended - started).total_seconds() if started and ended else None, unreadable))
    return rows
