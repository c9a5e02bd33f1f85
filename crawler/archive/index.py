"""The archive index: one SQLite database under ARCHIVE_DIR, apart from the crawl state.

It is committed as records are written (the state's run transaction is rolled back when a run does
not publish; the archive keeps what was fetched either way). It also records which runs published,
so the next run knows which captures no published export has used yet.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_NAME = "index.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    spider TEXT NOT NULL,
    number INTEGER NOT NULL,
    run_id TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS captures (
    record_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    status INTEGER NOT NULL,
    file TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    digest TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    warc_date TEXT NOT NULL,
    spider TEXT NOT NULL,
    run INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    key TEXT
);
CREATE INDEX IF NOT EXISTS captures_by_url ON captures (url);
CREATE INDEX IF NOT EXISTS captures_by_key ON captures (key);
"""

_COLUMNS = "record_id, url, kind, status, file, offset, length, digest, fetched_at, warc_date, spider, run, etag, last_modified, key"


@dataclass(frozen=True)
class Capture:
    """One response (or revisit) record of the archive and where it is."""

    record_id: str           # WARC-Record-ID, '<urn:uuid:...>'
    url: str                 # WARC-Target-URI: the URL requested
    kind: str                # 'response', or 'revisit' for a 304
    status: int              # HTTP status
    file: str                # WARC file name, in ARCHIVE_DIR
    offset: int              # where the record's gzip member starts in the file
    length: int              # its length in bytes
    digest: str              # WARC-Payload-Digest ('sha1:' + base32); of the referred response for a revisit
    fetched_at: str          # when the response arrived: UTC, ISO 8601, seconds (the exports' time format)
    warc_date: str           # the same instant as the record's WARC-Date
    spider: str
    run: int                 # the run that fetched it: its `seq` in the index's runs table (in the order runs began)
    etag: str | None = None
    last_modified: str | None = None
    key: str | None = None   # what the request stood for, when URLs vary (one AJAX list page shown on several pages)

    def evidence(self) -> dict[str, Any]:
        """What an exported record says of its capture (the `capture` field)."""
        return {"file": self.file, "record_id": self.record_id, "url": self.url, "digest": self.digest, "fetched_at": self.fetched_at}


_RESUMABLE = (   # a 200 fetched by an earlier run of a spider (?) before this run (?) that no published run (?) followed
    "kind = 'response' AND status = 200 AND spider = ? AND run < ? AND run > "
    "(SELECT COALESCE(MAX(seq), 0) FROM runs WHERE spider = ? AND published = 1)"
)


class ArchiveIndex:
    """The index database of one archive folder; several processes may use it (SQLite WAL, busy timeout)."""

    def __init__(self, folder: str | Path) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.path = Path(folder) / INDEX_NAME
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def begin_run(self, spider: str, number: int, run_id: str, started_at: str) -> int:
        """Record a run (`number`: the state's run number, for readers) and return its `seq`: runs are
        ordered by the index itself, so a state folder started afresh does not confuse which came first."""
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO runs (spider, number, run_id, started_at) VALUES (?, ?, ?, ?)", (spider, number, run_id, started_at)
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def mark_published(self, seq: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET published = 1 WHERE seq = ?", (seq,))

    def add(self, *captures: Capture) -> None:
        """Index records just written, in one commit."""
        with self.db:
            self.db.executemany(
                f"INSERT INTO captures ({_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                [tuple(vars(c).values()) for c in captures],   # the columns, in field order (astuple deep-copies)
            )

    def _one(self, where: str, *args: Any) -> Capture | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM captures WHERE {where} ORDER BY rowid DESC LIMIT 1", args).fetchone()
        return Capture(*row) if row else None

    def latest(self, url: str, key: str | None = None) -> Capture | None:
        """The latest response to `url` that is not a server error (what a re-extraction reads); else,
        when a `key` is given, the latest such response to a request that stood for the same thing."""
        found = self._one("url = ? AND kind = 'response' AND status < 500", url)
        if found is None and key is not None:
            found = self._one("key = ? AND kind = 'response' AND status < 500", key)
        return found

    def latest_ok(self, url: str) -> Capture | None:
        """The latest 200 response to `url` (what a revisit refers to, and a conditional request starts from)."""
        return self._one("url = ? AND kind = 'response' AND status = 200", url)

    def resumable(self, url: str, spider: str, run: int) -> Capture | None:
        """A 200 response to `url` fetched by an earlier run of `spider` that no published run has followed:
        a run that was killed or failed, whose work the next run takes over instead of fetching again."""
        return self._one(f"url = ? AND {_RESUMABLE}", url, spider, run, spider)

    def any_resumable(self, spider: str, run: int) -> bool:
        """Whether any 200 response is `resumable` for a run of `spider` (none, after a run that was published)."""
        return self.db.execute(f"SELECT 1 FROM captures WHERE {_RESUMABLE} LIMIT 1", (spider, run, spider)).fetchone() is not None

    def close(self) -> None:
        self.db.close()
