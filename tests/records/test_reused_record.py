"""A stored record built under the builder key in force is taken as it is (`reused_record`) instead of being built
again from its own values: that is only right when building it again gives the same record, the same
unresolved names and the same content hash. These tests hold that over every statement of the golden
exports, and show the key follows the code and the registry."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler import records
from crawler.parties.registry import REGISTRY_PATH
from crawler.parties.resolver import PartyResolver
from crawler.records import builder_key, built_record, content_hash, extracted_from_record, reused_record, template_name

GOLDEN = Path(__file__).parent.parent / "golden" / "statements.jsonl"
GOLDEN_STORED = [json.loads(line.replace('": _', '": null')) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]   # time fields blanked


def _as_stored(values: dict[str, Any]) -> dict[str, Any]:
    """The record a run stores for these values: built from them once."""
    return built_record(values["url"], template_name(values["template"]), extracted_from_record(values), PartyResolver.shared()).record


UNKNOWN = "Front of Imaginary Friends"
STORED = [
    *GOLDEN_STORED,
    _as_stored({**GOLDEN_STORED[0], "categories": [*GOLDEN_STORED[0]["categories"], f"Greece, {UNKNOWN}"],
                "initiators": [{"raw": UNKNOWN}, {"raw": "Communist Party of Greece"}]}),
]


@pytest.mark.parametrize("stored", STORED, ids=[s["url"].rstrip("/").rsplit("/", 1)[-1][:40] for s in STORED])
def test_a_stored_record_is_what_building_it_again_gives(stored: dict[str, Any]) -> None:
    again = built_record(stored["url"], template_name(stored["template"]), extracted_from_record(stored), PartyResolver.shared())
    reused = reused_record(stored, content_hash(stored))
    assert reused.record == again.record
    assert list(reused.record) == list(again.record)   # the same key order: the same export line
    assert Counter(reused.unresolved) == Counter(again.unresolved)
    assert reused.digest == again.digest


def test_the_golden_statements_hold_what_reuse_must_get_right() -> None:
    """Unresolved names of every kind, groups, duplicates dropped: the cases above are not all plain."""
    assert any(e["party_id"] is None for s in STORED for e in s["signatories"])
    assert any(p["party_id"] is None for s in STORED for p in s["parties"])
    assert any(e["group"] for s in STORED for e in s["signatories"])
    assert any(s["duplicates_dropped"] for s in STORED)
    assert any(s["initiators"] for s in STORED)


def test_the_key_follows_the_registry(tmp_path: Path) -> None:
    grown = tmp_path / "registry.csv"
    grown.write_text(REGISTRY_PATH.read_text(encoding="utf-8") + "imaginary-party,Imaginary Party,,Greece,GR\n", encoding="utf-8")
    assert builder_key(str(grown)) != builder_key(None)


def test_the_key_follows_the_code_and_data_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "crawler"
    shutil.copytree(records.PACKAGE / "parties", package / "parties")
    shutil.copytree(records.PACKAGE / "schemas", package / "schemas")
    monkeypatch.setattr(records, "PACKAGE", package)
    key = builder_key.__wrapped__
    before = key(None)
    (package / "parties" / "notes.txt").write_text("no code, no data", encoding="utf-8")
    assert key(None) == before
    for changed in ("parties/resolver.py", "parties/registry.csv", "schemas/signatory.schema.json"):
        path = package / changed
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert key(None) != before
        before = key(None)
