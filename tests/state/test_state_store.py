"""The SQLite state: rows round-trip, and a run's changes are kept only when committed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from crawler.state import StateStore, StoredRow


def row(statement_id: str, title: str, checked: int = 1) -> tuple[StoredRow, dict[str, object]]:
    record = {"id": statement_id, "title": title, "url": f"http://x/article/{statement_id}/", "removed_at": None}
    return StoredRow(statement_id, f"http://x/article/{statement_id}/", "2020-01-01T10:00:00", "h" + title, '"e1"', None, checked), record


def test_rows_round_trip_and_records_are_listed_by_id(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(*row("b", "second"))
    store.save(*row("a", "first"))
    assert store.get("a") == row("a", "first")[0]
    assert store.rows() == {"a": row("a", "first")[0], "b": row("b", "second")[0]}
    assert store.record("a") == row("a", "first")[1]
    assert [r["id"] for r in store.records()] == ["a", "b"]
    assert store.get("missing") is None
    store.close()


def test_the_index_knows_a_removed_statement(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    stored, record = row("a", "first")
    store.save(stored, {**record, "removed_at": "2025-01-01T00:00:00+00:00"})
    assert store.rows()["a"].removed_at == "2025-01-01T00:00:00+00:00"
    store.close()


def test_only_committed_changes_survive(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(*row("a", "first"))
    store.commit()
    store.save(*row("a", "changed", checked=2))
    store.save(*row("b", "new"))
    store.rollback()
    assert store.get("a") == row("a", "first")[0] and store.get("b") is None
    store.save(*row("c", "never committed"))
    store.close()
    reopened = StateStore(tmp_path)
    assert list(reopened.rows()) == ["a"]
    reopened.close()


def test_a_new_host_moves_every_stored_url(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save(*row("a", "first"))
    assert store.rehost("https://solidnet.test") == 1
    assert store.rows()["a"].url == store.record("a")["url"] == "https://solidnet.test/article/a/"
    assert store.rehost("https://solidnet.test") == 0
    store.close()


def test_run_numbers_count_up_per_spider_and_survive_a_rollback(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    assert store.begin_run("statements", "r1", "2025-01-01T00:00:00+00:00") == 1
    store.save(*row("a", "first"))
    store.rollback()
    assert store.begin_run("statements", "r2", "2025-01-02T00:00:00+00:00") == 2
    assert store.begin_run("events", "r3", "2025-01-02T00:00:00+00:00") == 1
    store.close()
    reopened = StateStore(tmp_path)
    assert reopened.begin_run("statements", "r4", "2025-01-03T00:00:00+00:00") == 3
    reopened.close()


def test_a_state_of_an_older_version_gains_the_builder_column(tmp_path: Path) -> None:
    """A state written before records were stored with the key of what built them: its rows have none, so
    each of their records is built again once; the rows are kept."""
    old = sqlite3.connect(tmp_path / "state.sqlite3")
    old.executescript(
        "CREATE TABLE statements (id TEXT PRIMARY KEY, url TEXT NOT NULL, posted_at TEXT, content_hash TEXT NOT NULL,"
        " record TEXT NOT NULL, etag TEXT, last_modified TEXT, checked_run INTEGER NOT NULL);"
        """INSERT INTO statements VALUES ('a', 'http://x/article/a/', NULL, 'h', '{"id": "a", "removed_at": null}', NULL, NULL, 1);"""
    )
    old.commit()
    old.close()
    store = StateStore(tmp_path)
    assert store.rows()["a"].built_with is None
    stored, record = row("b", "new")
    store.save(replace(stored, built_with="0123456789abcdef"), record)
    assert store.rows()["b"].built_with == "0123456789abcdef"
    store.close()
