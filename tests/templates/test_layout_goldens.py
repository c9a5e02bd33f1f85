"""Golden tests per template layout: each fixture page read by its template, one test per field;
every registered template and layout must have a fixture of its own."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.templates import all_templates, detect_template
from tests.templates.layout_goldens import expected, fixtures, html, meta, read_fields

CASES = [(name, field) for name in fixtures() for field in expected(name)]


@pytest.mark.parametrize(("name", "field"), CASES, ids=[f"{n}:{f}" for n, f in CASES])
def test_layout_field(name: str, field: str) -> None:
    got = read_fields(name)
    assert got is not None, f"{name} was not read as a {meta(name)['kind']}"
    assert got[field] == expected(name)[field]


@pytest.mark.parametrize("name", fixtures())
def test_the_registry_picks_the_fixtures_template(name: str) -> None:
    assert detect_template(Selector(text=html(name))) == meta(name)["template"]


@pytest.mark.parametrize("name", fixtures())
def test_every_fixture_says_what_it_models(name: str) -> None:
    about = meta(name)
    assert about["url"].startswith("https://") and about["kind"] in ("article", "event") and len(about["models"]) > 20


def test_every_template_and_layout_has_a_fixture() -> None:
    covered = {meta(name)["template"] for name in fixtures()}
    missing = [cls.__name__ for cls in all_templates() if cls.name not in covered]
    assert not missing, f"templates or layouts without a fixture in tests/templates/layouts/: {missing}"


def test_every_template_with_article_pages_has_an_article_fixture() -> None:
    kinds = {(meta(name)["template"], meta(name)["kind"]) for name in fixtures()}
    assert {cls.name for cls in all_templates()} <= {template for template, kind in kinds if kind == "article"}
