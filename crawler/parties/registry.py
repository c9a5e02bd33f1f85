"""The party registry: `registry.csv` loaded into `Party` records."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REGISTRY_PATH = Path(__file__).with_name("registry.csv")


@dataclass(frozen=True)
class Party:
    """One registry row; `country`/`country_code` are None for parties of no single country (CPSU)."""

    party_id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    country_code: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


def load_registry(path: Path = REGISTRY_PATH) -> list[Party]:
    """Read the registry CSV (columns party_id, name, aliases, country, country_code)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Party(
                party_id=row["party_id"],
                name=row["name"],
                aliases=tuple(alias for alias in row["aliases"].split("|") if alias),
                country=row["country"] or None,
                country_code=row["country_code"] or None,
            )
            for row in csv.DictReader(handle)
        ]
