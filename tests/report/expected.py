"""What the report must show, counted straight from the export files (flat lines, not the report's code)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from crawler.dataset.translations import translation_groups
from tests.crawl_support import read_jsonl


@dataclass
class Expected:
    statements: list[dict[str, Any]]
    on_site: dict[str, dict[str, Any]]
    lines: list[dict[str, Any]]                # every line of signatories.jsonl
    parties: list[dict[str, Any]]
    events: list[dict[str, Any]]
    runs: list[dict[str, Any]]

    @property
    def signature_lines(self) -> list[dict[str, Any]]:
        """The signatory lines (not initiators) of statements on the site."""
        return [line for line in self.lines if line["role"] == "signatory" and line["statement_id"] in self.on_site]

    def year(self, statement: dict[str, Any]) -> int | None:
        when = (statement.get("dateline") or {}).get("date") or statement.get("posted_at")
        return int(when[:4]) if when else None

    def counts(self, today: date) -> dict[str, str]:
        years = sorted(y for y in map(self.year, self.on_site.values()) if y is not None)
        return {
            "statements": str(len(self.on_site)),
            "signatures": str(len(self.signature_lines)),
            "parties": str(len(self.parties)),
            "countries": str(len({p["country_code"] for p in self.parties if p["country_code"]})),
            "events": str(len(self.events)),
            "upcoming": str(sum(1 for e in self.events if date.fromisoformat(e["end_date"]) >= today)),
            "years": f"{years[0]}–{years[-1]}",
            "removed": str(len(self.statements) - len(self.on_site)),
            "undated": str(len(self.on_site) - len(years)),
        }

    def signatures_of(self) -> Counter[str]:
        return Counter(line["statement_id"] for line in self.signature_lines)

    def year_bars(self) -> int:
        """Bars of the years chart: one per year with statements, one per year with signatures."""
        statements = Counter(self.year(s) for s in self.on_site.values())
        signatures = Counter(self.year(self.on_site[line["statement_id"]]) for line in self.signature_lines)
        return sum(1 for y, n in statements.items() if y and n) + sum(1 for y, n in signatures.items() if y and n)

    def country_bars(self) -> int:
        return min(20, len({line["country"] for line in self.signature_lines if line["country"]}))

    def pair_counts(self) -> Counter[tuple[str, str]]:
        """Statements signed together per pair of parties, from the signatory lines (both roles); the pages
        of one translation group (the dataset's `translation_group` column) are one statement."""
        groups = translation_groups(list(self.on_site.values()))
        signed: defaultdict[str, set[str]] = defaultdict(set)
        for line in self.lines:
            if line["party_id"] and line["statement_id"] in self.on_site:
                signed[groups.get(line["statement_id"], line["statement_id"])].add(line["party_id"])
        return Counter(pair for parties in signed.values() for pair in combinations(sorted(parties), 2))


def load(exports: Path) -> Expected:
    statements = read_jsonl(exports / "statements.jsonl")
    return Expected(
        statements=statements,
        on_site={s["id"]: s for s in statements if s["removed_at"] is None},
        lines=read_jsonl(exports / "signatories.jsonl"),
        parties=read_jsonl(exports / "parties.jsonl"),
        events=read_jsonl(exports / "events.jsonl"),
        runs=read_jsonl(exports / "runs.jsonl"),
    )
