"""Golden tests: each fixtures/<layout>.html body fragment reads as fixtures/<layout>.json."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from crawler.extract.signatories import extract_party_list
from crawler.extract.text import html_to_blocks

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = sorted(path.stem for path in FIXTURES.glob("*.html"))


def _read(layout: str) -> dict:
    html = (FIXTURES / f"{layout}.html").read_text(encoding="utf-8")
    return dataclasses.asdict(extract_party_list(html_to_blocks(html)))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_matches_golden(layout: str) -> None:
    expected = json.loads((FIXTURES / f"{layout}.json").read_text(encoding="utf-8"))
    assert _read(layout) == expected


@pytest.mark.parametrize("layout", ["negative_plan_of_action", "negative_slogans"])
def test_lists_that_are_not_signatory_lists_are_not_taken(layout: str) -> None:
    found = _read(layout)
    assert found["entries"] == [] and found["initiators"] == [] and found["heading"] is None


def test_every_layout_has_a_golden() -> None:
    assert LAYOUTS and all((FIXTURES / f"{layout}.json").exists() for layout in LAYOUTS)
