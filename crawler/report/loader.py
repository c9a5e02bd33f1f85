"""The published JSON Lines exports, read back for the report (README "Exports" is their contract)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import read_jsonl

Record = dict[str, Any]


@dataclass(frozen=True)
class Exports:
    """What the report reads: statements (with their bodies and signatories), parties, events, runs."""

    statements: list[Record]
    parties: list[Record]
    events: list[Record]
    runs: list[Record]

    @property
    def current(self) -> list[Record]:
        """The statements still on the site (removed ones keep their lines, with `removed_at`)."""
        return [s for s in self.statements if not s.get("removed_at")]


def exports_of(records: Mapping[str, list[Record]]) -> Exports:
    """The report's input from exports read already, by file stem (what `crawler.dataset.rows.Dataset` holds)."""
    return Exports(records["statements"], records["parties"], records["events"], records["runs"])


def load_exports(exports_dir: Path) -> Exports:
    return Exports(
        statements=read_jsonl(exports_dir / "statements.jsonl"),   # bodies kept: translation groups compare them
        parties=read_jsonl(exports_dir / "parties.jsonl"),
        events=read_jsonl(exports_dir / "events.jsonl"),
        runs=read_jsonl(exports_dir / "runs.jsonl"),
    )
