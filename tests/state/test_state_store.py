"""The SQLite state: rows round-trip, and a run's changes are kept only when committed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from crawler.state import KEEP_LINES, StateStore, StoredRow


def row(statement_id: str, title: str, checked: int = 1) -> tuple[StoredRow, dict[str, object], str]:
    record = {"id": statement_id, "title": title, "url": f"http://x/article/{statement_id}/", "removed_at": None}
    stored = StoredRow(statement_id, f"http://x/article/{statement_id}/", "2020-01-01T10:00:00", "h" + title, '"e1"', None, checked, has_lines=True)
    return stored, record, f'{{"statement_id": "{statement_id}"}}\n'


def texts(store: StateStore) -> dict[str, str | None]:
    return {statement_id: lines for statement_id, _text, lines in store.record_texts()}


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
    stored, record, lines = row("a", "first")
    store.save(stored, {**record, "removed_at": "2025-01-01T00:00:00+00:00"}, lines)
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
    stored, record, lines = row("b", "new")
    store.save(replace(stored, built_with="0123456789abcdef"), record, lines)
    assert store.rows()["b"].built_with == "0123456789abcdef"
    assert not store.rows()["a"].has_lines and texts(store) == {"a": None, "b": lines}
    store.close()


def test_signatory_lines_are_kept_until_replaced_and_a_moved_url_drops_them_and_the_builder(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    stored, record, lines = row("a", "first")
    store.save(stored, record, lines)
    store.save(replace(stored, checked_run=2), {**record, "title": "same lines"}, KEEP_LINES)
    assert texts(store) == {"a": lines} and store.rows()["a"].checked_run == 2
    store.save(stored, record, "")
    assert texts(store) == {"a": ""} and store.rows()["a"].has_lines
    store.save(replace(stored, built_with="0123456789abcdef"), record, lines)
    store.rehost("https://moved.example")
    assert texts(store) == {"a": None} and not store.rows()["a"].has_lines
    assert store.rows()["a"].built_with is None   # its content hash covered the old URL: built again
    store.close()
