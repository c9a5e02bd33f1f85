"""The one JSON-LD reader: Mercury HTML-escapes the strings inside the JSON, 11.x twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from crawler.templates.article_page import json_ld

FIXTURES = Path(__file__).parent / "layouts"
TITLE = "20 IMCWP, Statement of Solidarity of Communist and Workers' Parties"


@pytest.mark.parametrize("escaped", ["&#039;", "&amp;#039;", "&amp;amp;#039;"], ids=["once", "twice", "thrice"])
def test_json_ld_strings_are_unescaped_however_often_escaped(escaped: str) -> None:
    page = (FIXTURES / "mercury-article.html").read_text(encoding="utf-8").replace("&#039;", escaped)
    article = next(o for o in json_ld(Selector(text=page)) if o["@type"] == "Article")
    assert article["headline"] == TITLE


def test_json_ld_unescapes_nested_strings_and_keeps_other_values() -> None:
    page = (FIXTURES / "generic-article-jsonld.html").read_text(encoding="utf-8")
    article = next(json_ld(Selector(text=page)))
    assert article["articleBody"].startswith("We, participants of the 20th International Meeting of Communist and Workers' Parties")
    assert article["author"] == {"@type": "Person", "name": "SolidNet"}


def test_json_ld_skips_broken_blocks() -> None:
    page = '<script type="application/ld+json">{"@type": "Article",</script><script type="application/ld+json">[1, {"@type": "Event", "name": "A &amp;amp; B"}]</script>'
    assert list(json_ld(Selector(text=page))) == [{"@type": "Event", "name": "A & B"}]
