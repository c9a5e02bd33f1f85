"""CSV copies of the flat tables and exports/datapackage.json, a Frictionless Tabular Data Package describing them.

Each CSV has a Table Schema built from the same columns as the database (and so from the record schemas):
types, descriptions, required fields, primary and foreign keys. Lists and objects are JSON text (`array`, `object`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..files import publish_file
from .rows import Dataset
from .tables import TABLES, Table

DESCRIPTOR = "datapackage.json"
CITATION = ("Döring, Holger and Sven Regel (2019). Party Facts: A database of political parties worldwide. "
            "Party Politics 25(2): 95-102. https://doi.org/10.1177/1354068818820671")
LICENSES = [
    {"name": "other-at", "title": "Statements: texts of their parties as published on solidnet.org; attribute them to their "
                                  "party and source page (the url column)."},
    {"name": "MIT", "path": "https://opensource.org/licenses/MIT",
     "title": "partyfacts_id, wikidata_id: derived from Party Facts (MIT licence); cite " + CITATION},
]
SOURCES = [
    {"title": "SolidNet, the portal of the International Meeting of Communist and Workers' Parties", "path": "https://www.solidnet.org"},
    {"title": "Party Facts (hdigital/partyfactsdata, snapshot 764de8978f84, 2026-03-11)", "path": "https://partyfacts.org"},
]


def csv_name(table: Table) -> str:
    return f"{table.name}.csv"


def write_csv(exports_dir: Path, table: Table, data: Dataset) -> Path:
    path = exports_dir / csv_name(table)
    names = [column.name for column in table.csv_columns]
    with publish_file(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(data.rows(table))
    return path


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of a table's CSV copy."""
    fields = []
    for column in table.csv_columns:
        field: dict[str, Any] = {"name": column.name, "type": column.kind}
        if column.description:
            field["description"] = column.description
        if column.required or column.name in table.primary_key:
            field["constraints"] = {"required": True}
        fields.append(field)
    descriptor: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        descriptor["foreignKeys"] = [
            {"fields": fk.column, "reference": {"resource": fk.table, "fields": fk.other}} for fk in table.foreign_keys
        ]
    return descriptor


def descriptor(data: Dataset) -> dict[str, Any]:
    ended = [run["ended_at"] for run in data.records["runs"] if run.get("published") and run.get("ended_at")]
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "solidnet-statements",
        "title": "SolidNet statements, signatures, parties and events",
        "description": "Statements and joint statements of communist and workers' parties posted on solidnet.org, who signed "
                       "them, the parties (with Party Facts and Wikidata ids) and the events announced; built by "
                       "solidnet-crawler from its JSON Lines exports. The same text in several languages shares a translation_group.",
        "licenses": LICENSES,
        "sources": SOURCES,
        "resources": [
            {
                "name": table.name,
                "path": csv_name(table),
                "profile": "tabular-data-resource",
                "title": table.title,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES if table.in_csv
        ],
    }
    if ended:
        package["created"] = max(ended)
    return package


def write_datapackage(exports_dir: Path, data: Dataset) -> list[Path]:
    """The CSV files, then the descriptor (so the descriptor never names a file that is not there)."""
    written = [write_csv(exports_dir, table, data) for table in TABLES if table.in_csv]
    path = exports_dir / DESCRIPTOR
    with publish_file(path) as tmp:
        tmp.write_text(json.dumps(descriptor(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, path]
