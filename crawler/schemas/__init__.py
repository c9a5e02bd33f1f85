"""The export contract: one JSON Schema per export file, the source of truth for every record's shape.

Field lists (`fields`) derive from the schemas; records are checked with validators compiled by
fastjsonschema, which enforce the `date-time`, `date` and `uri` formats themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal

import fastjsonschema

SCHEMA_DIR = Path(__file__).parent

Export = Literal["statement", "signatory", "party", "event", "run"]


@cache
def schema(name: Export) -> dict[str, Any]:
    """The schema `name`, as loaded from `<name>.schema.json`."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


@cache
def fields(name: Export) -> tuple[str, ...]:
    """The record's fields in export order (the order of the schema's `properties`)."""
    return tuple(schema(name)["properties"])


@cache
def validator(name: Export) -> Callable[[Any], Any]:
    """The compiled validator of schema `name`: raises `fastjsonschema.JsonSchemaException` on the first problem."""
    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema(name))
    return compiled


def problems(name: Export, record: dict[str, Any]) -> list[str]:
    """How the record breaks its schema, as readable lines (empty when valid; the first problem found)."""
    try:
        validator(name)(record)
    except fastjsonschema.JsonSchemaValueException as error:
        return [error.message]
    return []


STATEMENT_FIELDS = fields("statement")
SIGNATORY_FIELDS = fields("signatory")
