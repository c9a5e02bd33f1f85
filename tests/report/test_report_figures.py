"""The report's figures as plain functions over small hand-written export records."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from crawler.report.figures import (
    Window,
    change_report,
    cosignature_pairs,
    growths,
    matrix_parties,
    pair_matrix,
    per_year,
    signatures_by_country,
    strongest_pairs,
    upcoming_events,
)
from crawler.report.loader import Exports

RUN1, RUN2 = "2026-11-01T03:15:00+00:00", "2026-11-02T03:15:00+00:00"


def party(party_id: str | None, first_seen: str | None = RUN1, country: str | None = "Greece") -> dict[str, Any]:
    return {"name": (party_id or "Unknown party").upper(), "party_id": party_id, "country": country, "country_code": "GR" if country else None,
            "first_seen": first_seen}


def statement(sid: str, signatories: list[dict[str, Any]], initiators: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    record = {"id": sid, "url": f"https://www.solidnet.org/article/{sid}/", "title": sid, "posted_at": "2020-05-01T10:00:00",
              "dateline": None, "signatories": signatories, "initiators": initiators or [], "first_seen": RUN1, "last_changed": RUN1,
              "removed_at": None, "meeting": None, "languages": []}
    return record | fields


def test_co_signature_pairs_count_each_statement_once_per_pair() -> None:
    statements = [
        statement("a", [party("kke"), party("pcp"), party(None)], [party("kke")]),   # the initiator also signs: one pair
        statement("b", [party("kke"), party("pcp"), party("akel")]),
        statement("c", [], [party("pcp"), party("akel")]),
    ]
    pairs = cosignature_pairs(statements)
    assert pairs == {("kke", "pcp"): 2, ("akel", "kke"): 1, ("akel", "pcp"): 2}
    assert strongest_pairs(pairs, 2) == [("akel", "pcp", 2), ("kke", "pcp", 2)]
    assert matrix_parties(pairs, 2) == ["pcp", "akel"]
    assert pair_matrix(pairs, ["pcp", "akel", "kke"]) == [[0, 2, 2], [2, 0, 1], [2, 1, 0]]


def test_years_run_over_the_whole_span_and_count_dateline_years_first() -> None:
    statements = [
        statement("a", [party("kke")], dateline={"date": "2018-11-25"}, posted_at="2018-12-10T15:36:00"),
        statement("b", [party("kke"), party("pcp")], posted_at="2021-01-03T09:00:00"),
        statement("c", [], posted_at=None),
    ]
    assert [(y.year, y.statements, y.signatures) for y in per_year(statements)] == [
        (2018, 1, 1), (2019, 0, 0), (2020, 0, 0), (2021, 1, 2)]


def test_signatures_by_country_leave_out_entries_without_one() -> None:
    statements = [statement("a", [party("kke"), party("pcp", country="Portugal"), party(None, country=None)]),
                  statement("b", [party("kke"), party("km")])]
    assert [(c.country, c.signatures, c.parties) for c in signatures_by_country(statements)] == [("Greece", 3, 2), ("Portugal", 1, 1)]


def test_a_signatory_list_grows_in_the_run_that_first_saw_the_new_names() -> None:
    grown = statement("a", [party("kke"), party("pcp", RUN2), party("akel", RUN2)])
    [growth] = growths(grown)
    assert growth.at == datetime.fromisoformat(RUN2) and [e["party_id"] for e in growth.added] == ["pcp", "akel"]
    assert growths(statement("b", [party("kke"), party("pcp")])) == []
    assert growths(statement("c", [party("kke", RUN2)], first_seen=RUN2)) == [], "a new statement has not grown"


def test_changes_of_the_last_run_and_of_the_days_before() -> None:
    statements = [
        statement("old", [party("kke")]),
        statement("new", [party("kke")], first_seen=RUN2, last_changed=RUN2),
        statement("grown", [party("kke"), party("pcp", RUN2)], last_changed=RUN2),
        statement("gone", [party("kke")], removed_at=RUN2),
        statement("edited", [party("kke")], last_changed=RUN2),
    ]
    events = [{"id": "e1", "title": "Congress", "start_date": "2026-12-01", "end_date": "2026-12-02", "first_seen": RUN1},
              {"id": "e2", "title": "Festival", "start_date": "2027-09-01", "end_date": "2027-09-03", "first_seen": RUN2}]
    runs = [{"run_id": f"r{i}", "spider": spider, "started_at": at, "published": True}
            for i, (spider, at) in enumerate([("statements", RUN1), ("events", RUN1), ("statements", RUN2), ("events", RUN2)])]
    report = change_report(Exports(statements, [], events, runs), datetime(2026, 11, 20, tzinfo=UTC), days=30)
    last, earlier, recent = report.last, report.earlier, report.recent
    assert [s["id"] for s in last.new] == ["new"] and [g.statement["id"] for g in last.grown] == ["grown"]
    assert [s["id"] for s in last.removed] == ["gone"] and [s["id"] for s in last.edited] == ["edited"]
    assert [e["id"] for e in last.new_events] == ["e2"]
    assert {s["id"] for s in earlier.new} == {"old", "grown", "gone", "edited"} and [e["id"] for e in earlier.new_events] == ["e1"]
    assert earlier.grown == earlier.removed == earlier.edited == []
    assert len(recent.new) == 5 and recent.edited == [], "a statement first seen in the window is new there, not edited"
    assert (len(recent.grown), len(recent.removed), len(recent.new_events)) == (1, 1, 2)

    nothing_published = change_report(Exports(statements, [], events, []), datetime(2026, 11, 20, tzinfo=UTC))
    assert nothing_published.last.total == 0 and nothing_published.recent.total == recent.total == 5 + 1 + 1 + 2


def test_windows_hold_their_start_not_their_end() -> None:
    window = Window(datetime.fromisoformat(RUN1), datetime.fromisoformat(RUN2))
    assert window.holds(RUN1) and not window.holds(RUN2) and not window.holds(None)
    assert Window().holds(RUN2)


def test_upcoming_events_have_not_ended_by_today() -> None:
    events = [{"id": "past", "title": "A", "start_date": "2026-11-01", "end_date": "2026-11-03"},
              {"id": "running", "title": "B", "start_date": "2026-11-28", "end_date": "2026-12-02"},
              {"id": "later", "title": "C", "start_date": "2027-01-10", "end_date": "2027-01-10"},
              {"id": "today", "title": "D", "start_date": "2026-12-01", "end_date": "2026-12-01"}]
    assert [e["id"] for e in upcoming_events(events, date(2026, 12, 1))] == ["running", "today", "later"]
