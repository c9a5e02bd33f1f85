"""Party registry, name resolution, countries and per-party tallies."""

from crawler.parties.countries import country_from_party_name, country_name, country_of
from crawler.parties.registry import Party, load_registry
from crawler.parties.resolver import PartyResolver, Resolved
from crawler.parties.tally import PartyTally

__all__ = [
    "Party",
    "PartyResolver",
    "PartyTally",
    "Resolved",
    "country_from_party_name",
    "country_name",
    "country_of",
    "load_registry",
]
