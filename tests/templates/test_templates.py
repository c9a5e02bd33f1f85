"""Golden tests of the template parsers: fixture page in, expected JSON beside it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from parsel import Selector

from crawler.templates import detect_template, parse_article
from crawler.templates.lists import find_lists, parse_list_page

FIXTURES = Path(__file__).parent / "fixtures"
PAGE_URL = "https://www.solidnet.org/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/"


# reference pages the event tests hold already
SHARED = {"apollo-article": "apollo-article", "apollo-event": "apollo-event", "apollo-list": "apollo-article-list"}
EVENT_FIXTURES = Path(__file__).parent.parent / "events" / "fixtures"
LAYOUTS = Path(__file__).parent / "layouts"   # the per-layout golden pages (test_layout_goldens.py)


def html(name: str) -> str:
    path = EVENT_FIXTURES / f"{SHARED[name]}.html" if name in SHARED else FIXTURES / f"{name}.html"
    return (path if path.exists() else LAYOUTS / f"{name}.html").read_text(encoding="utf-8")


def golden(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_mercury_paragraph_headings_keep_inline_markup_as_text() -> None:
    page = html("mercury-article").replace(
        '<h2 class="piece-heading" tabindex="0">Signed by</h2>',
        '<h2 class="piece-heading" tabindex="0">Signed by the <em>following</em> parties &amp; groups &lt;draft&gt;</h2>',
    )
    parsed = parse_article(page, PAGE_URL)
    assert parsed is not None
    assert "<h3>Signed by the following parties &amp; groups &lt;draft&gt;</h3>" in parsed.body_html


@pytest.mark.parametrize(("name", "template"), [("apollo-event", "apollo/10.5"), ("apollo-list", "apollo/10.5"), ("mercury-list", "mercury")])
def test_pages_that_are_not_statements(name: str, template: str) -> None:
    assert detect_template(Selector(text=html(name))) == template
    assert parse_article(html(name), "https://www.solidnet.org/news/") is None


@pytest.mark.parametrize("name", ["apollo-list", "mercury-list"])
def test_lists_are_found_with_their_ajax_url(name: str) -> None:
    lists = find_lists(Selector(text=html(name)), "https://www.solidnet.org/news/")
    assert [d.page_url(2) for d in lists] == golden(name)["page_2_urls"]


@pytest.mark.parametrize("name", ["apollo-list-ajax", "mercury-list-ajax"])
def test_list_responses(name: str) -> None:
    page = parse_list_page(html(name), "https://www.solidnet.org/system/modules/x/list-ajax.jsp?a=b")
    assert asdict(page) == golden(name)
