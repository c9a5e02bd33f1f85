"""The published JSON Lines exports, read back for the report (README "Exports" is their contract)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def read_lines(path: Path, drop: tuple[str, ...] = ()) -> list[Record]:
    """Every line of a JSON Lines file, parsed, without the `drop` fields; a missing file is empty."""
    if not path.exists():
        return []
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                for name in drop:
                    record.pop(name, None)
                records.append(record)
    return records


@dataclass(frozen=True)
class Exports:
    """What the report reads: statements (bodies left out, with their signatories), parties, events, runs."""

    statements: list[Record]
    parties: list[Record]
    events: list[Record]
    runs: list[Record]

    @property
    def current(self) -> list[Record]:
        """The statements still on the site (removed ones keep their lines, with `removed_at`)."""
        return [s for s in self.statements if not s.get("removed_at")]


def load_exports(exports_dir: Path) -> Exports:
    return Exports(
        statements=read_lines(exports_dir / "statements.jsonl"),   # bodies kept: translation groups compare them
        parties=read_lines(exports_dir / "parties.jsonl"),
        events=read_lines(exports_dir / "events.jsonl"),
        runs=read_lines(exports_dir / "runs.jsonl"),
    )
