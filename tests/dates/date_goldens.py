"""Loaders for the golden tables and fixtures of the date tests."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures"


def golden(name: str) -> list[dict[str, Any]]:
    """The rows of `golden/<name>.json`: each {"input": ..., "expected": ...}."""
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def golden_ids(rows: list[dict[str, Any]]) -> list[str]:
    """Readable test ids: the inputs themselves."""
    return [repr(row["input"])[:60] for row in rows]
