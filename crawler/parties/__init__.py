"""Party registry, name resolution, countries and per-party tallies."""
