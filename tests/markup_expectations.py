"""What the crawler must read off the sample site on every markup: the fields each statement and
event file expects, checked one by one, so a run can be scored as a share of fields right."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.parties.countries import country_of
from crawler.sample_site.content import CONTENT_DIR
from crawler.urls import page_id

ARTICLES = sorted((CONTENT_DIR / "articles").glob("*.toml"))
EVENTS = sorted((CONTENT_DIR / "events").glob("*.toml"))
STATEMENT_FIELDS = (
    "title", "posted_at", "categories", "parties", "languages", "meeting", "dateline", "initiators", "signatories",
)
EVENT_FIELDS = ("title", "start_date", "end_date", "location")


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def statement_checks(got: dict[str, Any] | None, source: dict[str, Any]) -> dict[str, bool]:
    """Each expected field of one statement: right or not (all wrong when the statement is missing)."""
    if got is None:
        return dict.fromkeys(STATEMENT_FIELDS, False)
    want = source.get("expected", {})
    meeting = want.get("meeting")
    dateline = want.get("dateline")
    party_codes = [code[1] if (code := country_of(p["country"])) else None for p in want.get("category_parties", [])]
    return {
        "title": got["title"] == source["title"],
        "posted_at": got["posted_at"] == want.get("posted_at"),
        "categories": got["categories"] == source.get("categories", []),
        "parties": [p["country_code"] for p in got["parties"]] == party_codes,
        "languages": got["languages"] == want.get("languages", []),
        "meeting": got["meeting"] == (meeting and {"number": None, **meeting}),
        "dateline": (
            got["dateline"] is not None and {k: got["dateline"][k] for k in dateline} == dateline
            if dateline else got["dateline"] is None
        ),
        "initiators": [p["raw"] for p in got["initiators"]] == want.get("initiators", []),
        "signatories": [s["raw"] for s in got["signatories"]] == want.get("signatories", []),
    }


def event_checks(events: list[dict[str, Any]], source: dict[str, Any]) -> dict[str, bool]:
    """An expected event found by title and start, with its dates and location."""
    want = source.get("expected", {})
    found = next((e for e in events if e["title"] == want["title"] and e["start_date"] == want["start_date"]), None)
    if found is None:
        return dict.fromkeys(EVENT_FIELDS, False)
    return {name: found[name] == want[name] for name in EVENT_FIELDS}


@dataclass
class Score:
    """Fields right out of fields expected, and which were wrong (`file: field`)."""

    right: int = 0
    total: int = 0
    wrong: list[str] | None = None
    complete: int = 0   # items with every field right

    def add(self, name: str, checks: dict[str, bool]) -> None:
        self.wrong = self.wrong or []
        self.complete += all(checks.values())
        self.right += sum(checks.values())
        self.total += len(checks)
        self.wrong.extend(f"{name}: {field}" for field, ok in checks.items() if not ok)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def score_statements(statements: list[dict[str, Any]]) -> Score:
    by_id = {s["id"]: s for s in statements}
    score = Score()
    for path in ARTICLES:
        source = _toml(path)
        score.add(path.stem, statement_checks(by_id.get(page_id(source["path"])), source))
    return score


def expected_events() -> list[tuple[str, dict[str, Any]]]:
    """Every event file whose event must be exported (the broken one is left out on purpose)."""
    return [(p.stem, s) for p in EVENTS if not (s := _toml(p)).get("expected", {}).get("excluded")]


def score_events(events: list[dict[str, Any]]) -> Score:
    score = Score()
    for name, source in expected_events():
        score.add(name, event_checks(events, source))
    return score
