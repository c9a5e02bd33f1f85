"""build_derived rebuilds from whatever exports are there: an events run alone, or no export at all (the command)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from frictionless import validate

from crawler.dataset import OUTPUTS, build_derived
from crawler.dataset.__main__ import main
from crawler.schemas import problems

EVENT = {
    "id": "2nd-congress-2020-09-18", "title": "2nd Congress of Communists of Catalonia", "start_date": "2020-09-18",
    "end_date": "2020-09-19", "location": "Barcelona", "country": "Spain", "country_code": "ES", "url": None,
    "source_urls": ["http://127.0.0.1/events/"], "description": None, "crawled_at": "2026-01-01T00:00:00+00:00",
    "first_seen": "2026-01-01T00:00:00+00:00", "last_seen": "2026-01-01T00:00:00+00:00", "last_changed": "2026-01-01T00:00:00+00:00",
}


def test_an_events_run_alone_gives_every_output_with_empty_statement_tables(tmp_path: Path) -> None:
    assert problems("event", EVENT) == []
    (tmp_path / "events.jsonl").write_text(json.dumps(EVENT) + "\n", encoding="utf-8")
    written = build_derived(tmp_path)
    assert [p.name for p in written] == list(OUTPUTS)
    db = sqlite3.connect(tmp_path / "solidnet.sqlite")
    assert db.execute("SELECT COUNT(*) FROM statements").fetchone() == (0,)
    assert db.execute("SELECT title, source_urls FROM events").fetchall() == [(EVENT["title"], '["http://127.0.0.1/events/"]')]
    assert validate(tmp_path / "datapackage.json").valid
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_command_refuses_a_folder_without_exports(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert not (tmp_path / "nowhere").exists()
