"""The acceptance case: the seed statement page (20 IMCWP, Korea solidarity), as <ol> and as typed numbers."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.extract.signatories import extract_party_list
from crawler.extract.text import html_to_blocks
from tests.seed import SEED_PAGE

FIXTURES = Path(__file__).parent / "fixtures"
SEED = SEED_PAGE


def _seed_list() -> list[str]:
    """The 64 numbered names as the seed page prints them."""
    return [m.group(1).strip() for m in re.finditer(r"^\s+\d+\. (.+)$", SEED.read_text(encoding="utf-8"), re.M)]


@pytest.mark.parametrize("layout", ["seed_ol", "seed_typed_numbers"])
def test_seed_statement(layout: str) -> None:
    found = extract_party_list(html_to_blocks((FIXTURES / f"{layout}.html").read_text(encoding="utf-8")))
    assert found.initiators == ["Hungarian Workers’ Party"]
    assert found.heading == "Initiated by the Hungarian Workers’ Party"
    assert len(found.entries) == 63 and found.duplicates_dropped == 1
    assert found.entries[16].raw == "AKEL, Cyprus"
    assert (found.entries[16].party, found.entries[16].country_hint) == ("AKEL", "Cyprus")
    assert found.entries[29].country_hint == "Italy"                    # 'Communist Party (Italy)'
    assert found.entries[49].country_hint is None                       # '... Federation (KPRF)'
    assert found.entries[48].party == found.entries[48].name            # 'RCWP ‐ CPSU' is no 'Country - Party'


@pytest.mark.parametrize("layout", ["seed_ol", "seed_typed_numbers"])
def test_seed_entries_are_the_page_list_in_order(layout: str) -> None:
    found = extract_party_list(html_to_blocks((FIXTURES / f"{layout}.html").read_text(encoding="utf-8")))
    expected = list(dict.fromkeys(_seed_list()))
    assert len(_seed_list()) == 64
    assert [entry.raw for entry in found.entries] == expected
