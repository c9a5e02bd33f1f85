"""A signatory line holds its schema whenever its statement holds its own: publishing writes the lines of a
statement it wrote without checking them again (`crawler.publish.write_statements`). Every field of a line
is copied from the statement, or is its role and place, or comes from the bundled Party Facts mapping;
these tests generate statements that hold the statement schema and check every line, and check every
row of the mapping. The lines are made of a few of the statement's fields only, so the state keeps them
while those are unchanged."""

from __future__ import annotations

import string
from datetime import datetime
from typing import Any

import fastjsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.exporters import LINE_SOURCES, signatory_lines
from crawler.parties.links import LINKS_PATH, load_links
from crawler.parties.registry import load_registry
from crawler.schemas import SIGNATORY_FIELDS, problems, schema

LINKED = sorted(load_links())
PARTY_IDS = [party.party_id for party in load_registry()]

texts = st.text(min_size=1, max_size=12)
maybe_texts = st.none() | st.text(max_size=12)
stamps = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%S"))
codes = st.none() | st.text(string.ascii_uppercase, min_size=2, max_size=2)
party_ids = st.none() | st.sampled_from(LINKED) | st.sampled_from(PARTY_IDS) | texts


def party(positioned: bool) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {"name": texts, "raw": texts, "country": maybe_texts, "country_code": codes, "party_id": party_ids}
    if positioned:
        fields |= {"position": st.integers(min_value=1, max_value=500), "group": maybe_texts, "first_seen": stamps.map(lambda s: s + "+00:00")}
    return st.fixed_dictionaries(fields)


@st.composite
def statements(draw: st.DrawFn) -> dict[str, Any]:
    """A statement record that holds the statement schema, its parties drawn freely within it."""
    stamp = draw(stamps) + "+00:00"
    return {
        "id": draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        "url": "https://www.solidnet.org/article/" + draw(st.text(string.ascii_letters + "-", max_size=20)) + "/",
        "title": draw(maybe_texts),
        "posted_at": draw(st.none() | stamps),
        "categories": [], "parties": [], "meeting": None, "languages": [], "body": draw(st.text(max_size=20)), "dateline": None,
        "initiators": draw(st.lists(party(positioned=False), max_size=3)),
        "signatories": draw(st.lists(party(positioned=True), max_size=6)),
        "duplicates_dropped": 0, "template": "apollo", "capture": None,
        "crawled_at": stamp, "first_seen": stamp, "last_seen": stamp, "last_changed": stamp, "removed_at": None,
    }


@settings(max_examples=300, deadline=None)
@given(statements())
def test_the_lines_of_a_statement_that_holds_its_schema_hold_theirs(statement: dict[str, Any]) -> None:
    assert problems("statement", statement) == []
    lines = list(signatory_lines(statement))
    assert len(lines) == len(statement["initiators"]) + len(statement["signatories"])
    for line in lines:
        assert tuple(line) == SIGNATORY_FIELDS
        assert problems("signatory", line) == []


@settings(max_examples=100, deadline=None)
@given(statements())
def test_the_lines_are_made_of_their_sources_only(statement: dict[str, Any]) -> None:
    """The stage step keeps a statement's stored lines while these fields are unchanged (`LINE_SOURCES`)."""
    sources = {name: statement[name] for name in LINE_SOURCES}
    assert list(signatory_lines(sources)) == list(signatory_lines(statement))


def test_every_row_of_the_party_facts_mapping_holds_the_line_fields_it_gives() -> None:
    """The mapping is data shipped with the code: each of its rows gives a line's partyfacts_id and wikidata_id."""
    fields = schema("signatory")["properties"]
    as_line = {"type": "object", "properties": {name: fields[name] for name in ("partyfacts_id", "wikidata_id")}}
    rows = load_links(LINKS_PATH)
    assert rows
    check = fastjsonschema.compile(as_line)
    for links in rows.values():
        check(links.as_fields())   # raises on a row that breaks them
