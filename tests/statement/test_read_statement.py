"""A whole statement read off a page: every field, and what happens when one field cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

import crawler.extract.statement as statement_module
from crawler.extract.statement import read_statement
from crawler.templates import parse_article

FIXTURES = Path(__file__).parent.parent / "events" / "fixtures"   # the reference Apollo article


def seed_page():  # type: ignore[no-untyped-def]
    html = (FIXTURES / "apollo-article.html").read_text(encoding="utf-8")
    return parse_article(html, "https://www.solidnet.org/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/")


def test_the_reference_article_is_read_whole() -> None:
    page = seed_page()
    result = read_statement(page)
    assert result.problems == []
    assert result.title == "20 IMCWP, Statement of Solidarity of Communist and Workers' Parties"
    assert result.posted_at is not None and result.posted_at.isoformat() == "2018-12-10T15:36:00"
    assert result.classified.meeting is not None and result.classified.meeting.number == 20
    assert result.dateline.dateline is not None and result.dateline.dateline.place == "Athens, Greece"
    assert result.party_list.initiators == ["Hungarian Workers' Party"]
    assert [e.raw for e in result.party_list.entries][:2] == ["Algerian Party for Democracy and Socialism", "Communist Party of Argentina"]


@pytest.mark.parametrize("field", ["find_dateline", "extract_party_list", "classify_categories", "html_to_blocks"])
def test_a_field_that_cannot_be_read_is_noted_and_the_rest_is_kept(monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    def fail(*_args: object) -> None:
        raise ValueError("markup it cannot take")

    monkeypatch.setattr(statement_module, field, fail)
    result = read_statement(seed_page())
    assert len(result.problems) == 1 and "markup it cannot take" in result.problems[0]
    assert result.title == "20 IMCWP, Statement of Solidarity of Communist and Workers' Parties"
    assert result.posted_at is not None


def test_a_page_without_body_or_stamp_says_so() -> None:
    html = '<html><body><div id="apollo-page"><div class="ap-detail-page ap-blog-page"><div class="ap-blog-header"><div class="headline"><h2>Only a title</h2></div></div></div></div></body></html>'
    result = read_statement(parse_article(html, "https://www.solidnet.org/article/x/"))
    assert result.title == "Only a title"
    assert result.posted_at is None
    assert result.problems == ["no body text"]
    assert result.party_list.entries == []
