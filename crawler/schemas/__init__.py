"""The export contract: one JSON Schema per export file, and validators for them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).parent


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema `name` ('statement', 'signatory', 'party', 'event', 'run')."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def problems(name: str, record: dict[str, Any]) -> list[str]:
    """Every way a record breaks its schema, as readable lines (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator(name).iter_errors(record)]


STATEMENT_FIELDS = list(schema("statement")["properties"])
