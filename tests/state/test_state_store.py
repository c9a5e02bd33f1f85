"""The SQLite state: rows round-trip, and a run's changes are kept only when committed."""

from __future__ import annotations

from pathlib import Path

from crawler.state import StateStore, StoredRow


def row(statement_id: str, title: str, checked: int = 1) -> StoredRow:
    record = {"id": statement_id, "title": title, "signatories": [{"name": "Partido Comunista de España"}]}
    return StoredRow(statement_id, f"http://x/article/{statement_id}/", "2020-01-01T10:00:00", "h" + title, record, '"e1"', None, checked)


def test_rows_round_trip_and_are_listed_by_id(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(row("b", "second"))
    store.save(row("a", "first"))
    assert store.get("a") == row("a", "first")
    assert [r.id for r in store.all()] == ["a", "b"]
    assert store.get("missing") is None
    store.close()


def test_only_committed_changes_survive(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(row("a", "first"))
    store.commit()
    store.save(row("a", "changed", checked=2))
    store.save(row("b", "new"))
    store.rollback()
    assert store.get("a") == row("a", "first") and store.get("b") is None
    store.save(row("c", "never committed"))
    store.close()
    reopened = StateStore(tmp_path)
    assert [r.id for r in reopened.all()] == ["a"]
    reopened.close()


def test_run_numbers_count_up_per_spider_and_survive_a_rollback(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    assert store.begin_run("statements", "r1", "2025-01-01T00:00:00+00:00") == 1
    store.save(row("a", "first"))
    store.rollback()
    assert store.begin_run("statements", "r2", "2025-01-02T00:00:00+00:00") == 2
    assert store.begin_run("events", "r3", "2025-01-02T00:00:00+00:00") == 1
    store.close()
    reopened = StateStore(tmp_path)
    assert reopened.begin_run("statements", "r4", "2025-01-03T00:00:00+00:00") == 3
    reopened.close()
