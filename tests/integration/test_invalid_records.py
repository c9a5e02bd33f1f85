"""A stored record that no longer holds its schema (a state written by hand, or by an older version) is
caught at publishing: a statement the validate step passed this run is written as it was checked, any
other line is checked again, and an invalid one is logged, counted and left out of the export, with the
signatory lines of a statement left out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from crawler.sample_site.server import SampleServer
from tests.crawl_support import read_jsonl, run_crawl


def test_a_stored_record_that_fails_its_schema_is_left_out_and_counted(sample_site: SampleServer, tmp_path: Path) -> None:
    first = run_crawl("statements", sample_site.url, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    exported = read_jsonl(tmp_path / "exports" / "statements.jsonl")
    broken = next(statement["id"] for statement in exported if statement["signatories"])
    db = sqlite3.connect(tmp_path / "state" / "statements" / "state.sqlite3")
    with db:
        record = json.loads(db.execute("SELECT record FROM statements WHERE id = ?", (broken,)).fetchone()[0])
        db.execute("UPDATE statements SET record = ? WHERE id = ?", (json.dumps({**record, "body": 5}), broken))
    db.close()

    second = run_crawl("statements", sample_site.url, tmp_path)   # the broken one is not due: carried over
    assert second.returncode == 0, second.stderr[-3000:]
    ids = [statement["id"] for statement in read_jsonl(tmp_path / "exports" / "statements.jsonl")]
    assert ids == [statement["id"] for statement in exported if statement["id"] != broken]
    signatories = read_jsonl(tmp_path / "exports" / "signatories.jsonl")
    assert signatories
    assert {line["statement_id"] for line in signatories} <= set(ids)
    assert any(broken in line and "invalid" in line for line in second.stderr.splitlines()), second.stderr[-3000:]
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["counts"]["invalid"] >= 1, run["counts"]
