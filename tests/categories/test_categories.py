"""classify_categories: golden cases (fixtures/cases.json -> fixtures/cases.expected.json) and helpers."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from crawler.extract.categories import Meeting, classify_categories, language_code

FIXTURES = Path(__file__).with_name("fixtures")
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((FIXTURES / "cases.expected.json").read_text(encoding="utf-8"))


def test_every_case_has_an_expectation() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str) -> None:
    given = CASES[case]
    assert asdict(classify_categories(given["badges"], given["title"])) == EXPECTED[case]


@pytest.mark.parametrize(
    ("number", "name"),
    [(1, "1st IMCWP"), (2, "2nd IMCWP"), (3, "3rd IMCWP"), (11, "11th IMCWP"), (12, "12th IMCWP"),
     (13, "13th IMCWP"), (21, "21st IMCWP"), (22, "22nd IMCWP"), (23, "23rd IMCWP")],
)
def test_meeting_names_use_ordinals(number: int, name: str) -> None:
    assert classify_categories([], f"{number} IMCWP, Statement").meeting == Meeting(name, number)


@pytest.mark.parametrize(
    ("code", "iso"),
    [("En", "en"), ("Es", "es"), ("Sp", "es"), ("Fr", "fr"), ("Pt", "pt"), ("Ru", "ru"),
     ("Ar", "ar"), ("Tr", "tr"), ("Gr", "el"), ("De", "de"), ("It", "it"), ("En.", "en"), ("Xq", None)],
)
def test_language_code(code: str, iso: str | None) -> None:
    assert language_code(code) == iso


def test_title_without_meeting_prefix_gives_no_meeting() -> None:
    assert classify_categories([], "Statement on the 20th IMCWP").meeting is None
