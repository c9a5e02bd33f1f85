"""The derived tables, their columns read from the record JSON Schemas (crawler/schemas/), not written a second time.

A column per schema property: scalars as they are, an object with named properties flattened to one column per
property (`dateline` -> `dateline_date`, ...), arrays and open objects as JSON text. Each table names only what the
schema cannot say: its source file, what it leaves out, its keys and the few columns derived here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..schemas import schema


@dataclass(frozen=True)
class Column:
    name: str
    kind: str                   # string, integer, number, boolean, date, datetime, array, object
    description: str
    path: tuple[str, ...]       # where the value sits in a record; () for a derived column
    required: bool = False      # never null (required by the schema and not nullable)

    @property
    def sqlite_type(self) -> str:
        return {"integer": "INTEGER", "boolean": "INTEGER", "number": "REAL"}.get(self.kind, "TEXT")

    def value(self, record: Mapping[str, Any]) -> Any:
        """This column's value in a record: nested values looked up, arrays and objects as JSON text."""
        value: Any = record
        for key in self.path:
            value = value.get(key) if isinstance(value, Mapping) else None
        if self.kind in ("array", "object") and value is not None:
            return json.dumps(value, ensure_ascii=False, sort_keys=self.kind == "object")
        return value


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    other: str


@dataclass(frozen=True)
class Table:
    name: str
    source: str                                 # the JSON Lines export it is read from
    record: str                                 # its record schema ('statement', ...)
    description: str
    primary_key: tuple[str, ...]
    leave_out: tuple[str, ...] = ()             # schema properties held elsewhere (another table)
    derived: tuple[Column, ...] = ()            # columns computed here, after the schema's
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    csv_leave_out: tuple[str, ...] = ()         # columns the CSV copy has not (bodies: they belong in the database)
    in_csv: bool = True
    columns: tuple[Column, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", (*schema_columns(self.record, self.leave_out), *self.derived))

    @property
    def csv_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.name not in self.csv_leave_out)

    @property
    def title(self) -> str:
        return str(schema(self.record).get("title", self.name))


def _kind(spec: Mapping[str, Any]) -> str:
    types = spec.get("type", "string")
    kind = next((t for t in ([types] if isinstance(types, str) else types) if t != "null"), "string")
    if kind == "string" and spec.get("format") == "date-time":
        return "datetime"
    if kind == "string" and spec.get("pattern", "").startswith("^\\d{4}-\\d{2}-\\d{2}"):
        return "date" if spec["pattern"].endswith("$") else "datetime"
    return str(kind)


def _columns(properties: Mapping[str, Any], required: set[str], prefix: tuple[str, ...], parent: str) -> Iterator[Column]:
    for name, spec in properties.items():
        path = (*prefix, name)
        kind = _kind(spec)
        description = spec.get("description", "")
        if kind == "object" and "properties" in spec:
            heading = f"{parent}{description} " if description else parent
            yield from _columns(spec["properties"], set(), path, heading)   # a part of a nullable object may be null
            continue
        text = f"{parent}({name}) {description}".strip() if parent else description
        types = spec.get("type", "string")
        nullable = "null" in types if isinstance(types, list) else types == "null"
        yield Column("_".join(path), kind, text, path, name in required and not nullable and not prefix)


def schema_columns(record: str, leave_out: tuple[str, ...] = ()) -> list[Column]:
    """The columns of a record schema, in its order, nested objects flattened."""
    spec = schema(record)
    properties = {k: v for k, v in spec["properties"].items() if k not in leave_out}
    return list(_columns(properties, set(spec.get("required", [])), (), ""))


def derived(name: str, kind: str, description: str) -> Column:
    return Column(name, kind, description, ())


STATEMENTS = Table(
    "statements", "statements.jsonl", "statement",
    "One row per statement page (statements.jsonl); its initiators and signatories are in `signatures`.",
    primary_key=("id",),
    leave_out=("initiators", "signatories"),
    derived=(
        derived("year", "integer", "Year of the statement: of its dateline date, else of its posting date."),
        derived("translation_group", "string", "The same text in other languages shares this id (the id of the "
                "earliest-posted page of the group); counts over statements count a group once."),
        derived("signatory_count", "integer", "Entries in its signatory list."),
    ),
    indexes=(("translation_group",), ("year",), ("meeting_name",), ("dateline_date",)),
    csv_leave_out=("body",),
)
SIGNATURES = Table(
    "signatures", "signatories.jsonl", "signatory",
    "One row per statement and party, as initiator or signatory (signatories.jsonl); statement fields are in `statements`.",
    primary_key=("statement_id", "role", "position"),
    leave_out=("statement_url", "statement_title", "posted_at"),
    foreign_keys=(ForeignKey("statement_id", "statements", "id"), ForeignKey("party_id", "parties", "party_id")),
    indexes=(("party_id",), ("statement_id",), ("country_code",)),
)
PARTIES = Table(
    "parties", "parties.jsonl", "party",
    "One row per registry party that signed (parties.jsonl), with its Party Facts and Wikidata ids.",
    primary_key=("party_id",),
    derived=(derived("texts_signed", "integer", "Statements signed, the same text in several languages counted once "
                     "(statements_signed counts every page)."),),
    indexes=(("country_code",), ("partyfacts_id",)),
)
EVENTS = Table(
    "events", "events.jsonl", "event",
    "One row per event announced on the site (events.jsonl).",
    primary_key=("id",),
    indexes=(("start_date",), ("country_code",)),
)
RUNS = Table(
    "runs", "runs.jsonl", "run",
    "One row per crawl run (runs.jsonl).",
    primary_key=("run_id",),
    in_csv=False,
)
TABLES = (STATEMENTS, SIGNATURES, PARTIES, EVENTS, RUNS)
