"""The published JSON Lines exports read back, and turned into the rows of the derived tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..files import read_jsonl
from .network import Text, statement_year, texts, texts_signed
from .tables import PARTIES, TABLES, Table
from .translations import translation_groups


@dataclass
class Dataset:
    """The exports as published, with what is derived from them: translation groups and texts."""

    records: dict[str, list[dict[str, Any]]]    # table name -> records of its source file
    groups: dict[str, str]                      # statement id -> translation_group
    texts: list[Text]
    signed: Counter[str]                        # party_id -> texts signed

    @classmethod
    def read(cls, exports_dir: Path) -> Dataset:
        records = {table.name: read_jsonl(exports_dir / table.source) for table in TABLES}
        groups = translation_groups(records["statements"])
        all_texts = texts(records["statements"], groups)
        return cls(records, groups, all_texts, texts_signed(all_texts))

    def rows(self, table: Table) -> list[dict[str, Any]]:
        """The table's rows: each record's columns, derived columns filled in."""
        extra = {"statements": self._statement_extra, "parties": self._party_extra}.get(table.name)
        records = self.parties if table is PARTIES else self.records[table.name]
        rows = []
        for record in records:
            row = {column.name: column.value(record) for column in table.columns if column.path}
            rows.append({**row, **extra(record)} if extra else row)
        return rows

    @cached_property
    def parties(self) -> list[dict[str, Any]]:
        """parties.jsonl, plus the registry parties that signed only statements gone from the site (so every
        signature's party has a row; they sign nothing that counts)."""
        known = {p["party_id"] for p in self.records["parties"]}
        missing: dict[str, dict[str, Any]] = {}
        raws: dict[str, set[str]] = {}
        for line in self.records["signatures"]:
            party_id = line.get("party_id")
            if party_id and party_id not in known:
                missing.setdefault(party_id, {
                    "party_id": party_id, "name": line["name"], "country": line.get("country"),
                    "country_code": line.get("country_code"), "statements_signed": 0, "first_signed": None,
                    "last_signed": None, "partyfacts_id": line.get("partyfacts_id"), "wikidata_id": line.get("wikidata_id"),
                })
                raws.setdefault(party_id, set()).add(line["raw"])
        added = [{**row, "aliases_seen": sorted(raws[pid])} for pid, row in missing.items()]
        return sorted([*self.records["parties"], *added], key=lambda p: p["party_id"])

    def _statement_extra(self, record: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "year": statement_year(record),
            "translation_group": self.groups.get(record["id"], record["id"]),
            "signatory_count": len(record.get("signatories", [])),
        }

    def _party_extra(self, record: Mapping[str, Any]) -> dict[str, Any]:
        return {"texts_signed": self.signed[record["party_id"]]}
