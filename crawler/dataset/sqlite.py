"""exports/solidnet.sqlite (tables, keys, indexes, full-text search, views) and its Datasette metadata.

Written with sqlite-utils into a temporary file that replaces the old database whole; open it with
`datasette exports/solidnet.sqlite -m exports/solidnet.metadata.json` or any SQLite client.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

from ..files import publish_file
from .datapackage import CITATION
from .rows import Dataset
from .tables import TABLES, Table

DATABASE = "solidnet.sqlite"
METADATA = "solidnet.metadata.json"
FTS_COLUMNS = ("title", "body")

# A text is a translation group of statements still on the site; its year is the earliest of its pages.
_TEXTS = """texts AS (
    SELECT translation_group, MIN(year) AS year FROM statements WHERE removed_at IS NULL GROUP BY translation_group),
  signed AS (
    SELECT DISTINCT g.party_id, s.translation_group FROM signatures g JOIN statements s ON s.id = g.statement_id
    WHERE g.party_id IS NOT NULL AND s.removed_at IS NULL)"""

VIEWS: dict[str, tuple[str, str]] = {
    "signatures_per_party_year": (
        "Per party and year: statements it signed or initiated (a translation group counted once).",
        f"""WITH {_TEXTS}
SELECT signed.party_id, parties.name, parties.country, texts.year, COUNT(*) AS statements
FROM signed JOIN texts USING (translation_group) LEFT JOIN parties USING (party_id)
GROUP BY signed.party_id, texts.year ORDER BY signed.party_id, texts.year""",
    ),
    "cosignature_pairs": (
        "Pairs of parties and how many statements they signed together (a translation group counted once), "
        "with the first and last year; the edges of cosignatures.graphml.",
        f"""WITH {_TEXTS}
SELECT a.party_id AS party_a, pa.name AS name_a, b.party_id AS party_b, pb.name AS name_b,
       COUNT(*) AS statements, MIN(texts.year) AS first_year, MAX(texts.year) AS last_year
FROM signed a JOIN signed b ON a.translation_group = b.translation_group AND a.party_id < b.party_id
JOIN texts ON texts.translation_group = a.translation_group
LEFT JOIN parties pa ON pa.party_id = a.party_id LEFT JOIN parties pb ON pb.party_id = b.party_id
GROUP BY a.party_id, b.party_id ORDER BY statements DESC, party_a, party_b""",
    ),
    "statements_per_meeting": (
        "Per International Meeting: statements (a translation group counted once), pages, languages, parties that signed, dates.",
        """SELECT meeting_name, meeting_number, COUNT(DISTINCT translation_group) AS statements, COUNT(*) AS pages,
       (SELECT COUNT(DISTINCT g.party_id) FROM signatures g JOIN statements s ON s.id = g.statement_id
        WHERE s.meeting_name = statements.meeting_name AND s.removed_at IS NULL) AS parties,
       MIN(dateline_date) AS first_date, MAX(dateline_end_date) AS last_date
FROM statements WHERE meeting_name IS NOT NULL AND removed_at IS NULL
GROUP BY meeting_name, meeting_number ORDER BY meeting_number, meeting_name""",
    ),
    "translations": (
        "Statements posted in several languages: one row per translation group with more than one page.",
        """SELECT translation_group, (SELECT title FROM statements first WHERE first.id = statements.translation_group) AS title,
       COUNT(*) AS pages, json_group_array(id) AS statement_ids,
       (SELECT json_group_array(DISTINCT value) FROM statements member, json_each(member.languages)
        WHERE member.translation_group = statements.translation_group) AS languages
FROM statements GROUP BY translation_group HAVING COUNT(*) > 1 ORDER BY translation_group""",
    ),
}


def _create(db: sqlite_utils.Database, table: Table, rows: list[dict[str, Any]]) -> None:
    created = db.table(table.name)
    created.create(
        {column.name: column.sqlite_type for column in table.columns},
        pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
        foreign_keys=[(fk.column, fk.table, fk.other) for fk in table.foreign_keys],
        not_null=[column.name for column in table.columns if column.required],
    )
    created.insert_all(rows)
    for columns in table.indexes:
        created.create_index(columns)


def write_database(exports_dir: Path, data: Dataset) -> Path:
    """Build the whole database in a temporary file and move it into place."""
    path = exports_dir / DATABASE
    with publish_file(path) as tmp:
        tmp.unlink()   # sqlite-utils creates the file itself
        db = sqlite_utils.Database(tmp)
        db.conn.execute("PRAGMA foreign_keys = ON")
        db.conn.execute("PRAGMA journal_mode = OFF")   # a new file nobody reads yet: publish_file syncs it once, whole
        db.conn.execute("PRAGMA synchronous = OFF")
        # parents before children, so the foreign keys hold while rows go in
        for table in sorted(TABLES, key=lambda t: len(t.foreign_keys)):
            _create(db, table, data.rows(table))
        db.table("statements").enable_fts(FTS_COLUMNS, fts_version="FTS5")
        for name, (_description, sql) in VIEWS.items():
            db.create_view(name, sql)
        db.conn.commit()
        db.close()
    return path


def metadata() -> dict[str, Any]:
    """Datasette metadata: the database, each table and column described (from the record schemas), each view."""
    tables: dict[str, Any] = {
        table.name: {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns if column.description},
        }
        for table in TABLES
    }
    tables["statements"]["fts_table"] = "statements_fts"
    for name, (description, _sql) in VIEWS.items():
        tables[name] = {"description": description}
    return {
        "title": "SolidNet statements and signatures",
        "description": "Statements, joint statements and their signatories, parties and events of solidnet.org, "
                       "as crawled by solidnet-crawler.",
        "source": "solidnet.org",
        "source_url": "https://www.solidnet.org",
        "license": "partyfacts_id, wikidata_id: from Party Facts (MIT); cite " + CITATION,
        "license_url": "https://partyfacts.org",
        "databases": {Path(DATABASE).stem: {"tables": tables}},
    }


def write_metadata(exports_dir: Path) -> Path:
    path = exports_dir / METADATA
    with publish_file(path) as tmp:
        tmp.write_text(json.dumps(metadata(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
