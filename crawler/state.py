"""Crawl state between runs, in SQLite under STATE_DIR: every exported record, when it was checked, and a
hash of what was extracted.

A run loads the index of its rows once (`rows()`: small, no records) and reads a stored record only
when a statement is carried over or fetched again. Its changes are one transaction, ended by the
publisher (`crawler.publish`): `commit()` once every export is written, `rollback()` (or a killed
process) otherwise, so the state always matches the last published exports. The exports are written
from the state itself (`records()`, `events()`), in the order readers get them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .exporters import export_text

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    spider TEXT NOT NULL,
    number INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    PRIMARY KEY (spider, number)
);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    posted_at TEXT,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    checked_run INTEGER NOT NULL,
    built_with TEXT,
    lines TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
"""

_COLUMNS = "id, url, posted_at, content_hash, etag, last_modified, checked_run, json_extract(record, '$.removed_at'), built_with, lines IS NOT NULL"
ADDED_COLUMNS = {"built_with": "TEXT", "lines": "TEXT"}   # columns a state written by an older version lacks
KEEP_LINES = None   # `StateStore.save`: the signatory lines stored for the statement still hold


@dataclass(frozen=True)
class StoredRow:
    """What the state holds of one statement, its record aside (`StateStore.record`)."""

    id: str
    url: str
    posted_at: str | None
    content_hash: str
    etag: str | None
    last_modified: str | None
    checked_run: int            # number of the last run that fetched the page (200 or 304)
    removed_at: str | None = None
    built_with: str | None = None   # `crawler.records.builder_key` of what built the record (None: unknown)
    has_lines: bool = False         # its signatory lines are stored (`crawler.exporters.signatory_text`)


class StateStore:
    """The SQLite database of one state folder. One writer at a time (the run lock sees to that)."""

    def __init__(self, state_dir: str | Path) -> None:
        Path(state_dir).mkdir(parents=True, exist_ok=True)
        self.path = Path(state_dir) / "state.sqlite3"
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        present = {column for _cid, column, *_rest in self.db.execute("PRAGMA table_info(statements)")}
        for column, kind in ADDED_COLUMNS.items():
            if column not in present:
                self.db.execute(f"ALTER TABLE statements ADD COLUMN {column} {kind}")
        self.db.commit()

    def begin_run(self, spider: str, run_id: str, started_at: str) -> int:
        """Record a run (committed at once, so numbers never repeat) and return its number (1 for the first run)."""
        row = self.db.execute("SELECT COALESCE(MAX(number), 0) FROM runs WHERE spider = ?", (spider,)).fetchone()
        number = int(row[0]) + 1
        self.db.execute("INSERT INTO runs VALUES (?, ?, ?, ?)", (spider, number, run_id, started_at))
        self.db.commit()
        return number

    def rows(self) -> dict[str, StoredRow]:
        """The index of every stored statement, by id: loaded once per run."""
        return {row[0]: _row(row) for row in self.db.execute(f"SELECT {_COLUMNS} FROM statements")}

    def get(self, statement_id: str) -> StoredRow | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM statements WHERE id = ?", (statement_id,)).fetchone()
        return _row(row) if row else None

    def record(self, statement_id: str) -> dict[str, Any]:
        """The exported record stored for a statement (KeyError when there is none)."""
        row = self.db.execute("SELECT record FROM statements WHERE id = ?", (statement_id,)).fetchone()
        if row is None:
            raise KeyError(statement_id)
        loaded: dict[str, Any] = json.loads(row[0])
        return loaded

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored statement record (this run's changes included), by id: streamed, not held."""
        for _id, text, _lines in self.record_texts():
            yield json.loads(text)

    def record_texts(self) -> Iterator[tuple[str, str, str | None]]:
        """Every stored statement's id, record as stored (its export line without the newline) and signatory
        lines as stored (None: not stored), by id."""
        yield from self.db.execute("SELECT id, record, lines FROM statements ORDER BY id")

    def save(self, row: StoredRow, record: dict[str, Any], lines: str | None) -> None:
        """Insert or replace a statement inside the run's transaction, with its signatory lines (`KEEP_LINES`:
        those stored still hold)."""
        self.db.execute(
            "INSERT OR REPLACE INTO statements (id, url, posted_at, content_hash, record, etag, last_modified, checked_run, built_with, lines)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT lines FROM statements WHERE id = ?)))",
            (
                row.id,
                row.url,
                row.posted_at,
                row.content_hash,
                export_text(record),   # its export line: key order kept, carried-over lines match fresh ones byte for byte
                row.etag,
                row.last_modified,
                row.checked_run,
                row.built_with,
                lines,
                row.id,
            ),
        )

    def rehost(self, base_url: str) -> int:
        """Give every stored URL the scheme and host of `base_url` (SOLIDNET_URL changed); returns how many
        rows changed. Inside the run's transaction, like every other change."""
        base = urlsplit(base_url)
        moved = [
            (statement_id, new)
            for statement_id, url in self.db.execute("SELECT id, url FROM statements").fetchall()
            if (new := urlunsplit((base.scheme, base.netloc, *urlsplit(url)[2:]))) != url
        ]
        for statement_id, new in moved:
            record = self.record(statement_id)
            record["url"] = new
            self.db.execute(   # its signatory lines name the old URL, and its content hash covered it: built again
                "UPDATE statements SET url = ?, record = ?, lines = NULL, built_with = NULL WHERE id = ?", (new, export_text(record), statement_id)
            )
        return len(moved)

    def events(self) -> dict[str, dict[str, Any]]:
        """Every event exported so far, by id."""
        return {row[0]: json.loads(row[1]) for row in self.db.execute("SELECT id, record FROM events")}

    def save_event(self, record: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO events (id, record) VALUES (?, ?)", (record["id"], json.dumps(record, ensure_ascii=False))
        )

    def commit(self) -> None:
        """Keep what this run saved."""
        self.db.commit()

    def rollback(self) -> None:
        """Forget what this run saved since the last commit."""
        self.db.rollback()

    def close(self) -> None:
        """Close; anything not committed is dropped."""
        self.db.rollback()
        self.db.close()


def _row(row: tuple[Any, ...]) -> StoredRow:
    return StoredRow(
        id=row[0],
        url=row[1],
        posted_at=row[2],
        content_hash=row[3],
        etag=row[4],
        last_modified=row[5],
        checked_run=int(row[6]),
        removed_at=row[7],
        built_with=row[8],
        has_lines=bool(row[9]),
    )
