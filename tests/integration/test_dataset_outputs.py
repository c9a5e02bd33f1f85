"""The derived outputs of a real sample-site crawl (both spiders), checked against the JSON Lines exports they come
from: SQLite (opened with Datasette's own client too), CSV + data package (validated with frictionless), the
co-signature network (read back with networkx), translation groups of the statements posted in two languages."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from datasette.app import Datasette
from frictionless import validate

from crawler.dataset import OUTPUTS
from crawler.dataset.network import cosignature_pairs, statement_year
from crawler.parties.links import links_of
from crawler.sample_site.content import CONTENT_DIR
from crawler.urls import page_id
from tests.crawl_support import ROOT, read_jsonl, run_crawl


def article_id(prefix: str) -> str:
    path = next((CONTENT_DIR / "articles").glob(f"{prefix}-*.toml"))
    return page_id(tomllib.loads(path.read_text(encoding="utf-8"))["path"])


@pytest.fixture(scope="module")
def crawl(sample_site, tmp_path_factory) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    workdir = tmp_path_factory.mktemp("dataset")
    results = [run_crawl(spider, sample_site.url, workdir) for spider in ("statements", "events")]
    exports = workdir / "exports"
    jsonl = {name: read_jsonl(exports / f"{name}.jsonl") for name in ("statements", "signatories", "parties", "events", "runs")}
    db = sqlite3.connect(exports / "solidnet.sqlite")
    db.row_factory = sqlite3.Row
    return {"results": results, "exports": exports, "db": db, **jsonl}


def rows(crawl: dict[str, Any], sql: str, *args: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in crawl["db"].execute(sql, args)]


def test_both_runs_end_ok_and_write_every_output(crawl: dict[str, Any]) -> None:
    for result in crawl["results"]:
        assert result.returncode == 0, result.stderr[-3000:]
    for name in OUTPUTS:
        assert (crawl["exports"] / name).stat().st_size > 0, name
    assert not list(crawl["exports"].glob(".*.tmp"))


def test_the_database_holds_the_same_statements_signatures_parties_events_and_runs(crawl: dict[str, Any]) -> None:
    statements = rows(crawl, "SELECT id, title, body, posted_at, dateline_date, meeting_name FROM statements ORDER BY id")
    assert statements == [
        {"id": s["id"], "title": s["title"], "body": s["body"], "posted_at": s["posted_at"],
         "dateline_date": (s["dateline"] or {}).get("date"), "meeting_name": (s["meeting"] or {}).get("name")}
        for s in sorted(crawl["statements"], key=lambda s: s["id"])
    ]
    columns = ("statement_id", "role", "position", "name", "raw", "party_id", "group", "first_seen", "partyfacts_id", "wikidata_id")
    signatures = rows(crawl, f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM signatures")
    assert Counter(tuple(r.values()) for r in signatures) == Counter(tuple(line[c] for c in columns) for line in crawl["signatories"])
    parties = {r["party_id"]: r for r in rows(crawl, "SELECT * FROM parties")}
    for party in crawl["parties"]:
        row = parties[party["party_id"]]
        assert (row["statements_signed"], row["first_signed"], row["partyfacts_id"]) == (party["statements_signed"], party["first_signed"], party["partyfacts_id"])
        assert json.loads(row["aliases_seen"]) == party["aliases_seen"]
    assert {r["id"] for r in rows(crawl, "SELECT id FROM events")} == {e["id"] for e in crawl["events"]}
    assert [r["run_id"] for r in rows(crawl, "SELECT run_id FROM runs ORDER BY run_id")] == sorted(r["run_id"] for r in crawl["runs"])
    assert rows(crawl, "PRAGMA foreign_key_check") == []


def test_linked_ids_reach_the_exports_and_the_database(crawl: dict[str, Any]) -> None:
    kke = next(p for p in crawl["parties"] if p["party_id"] == "kke")
    assert kke["partyfacts_id"] == 48 and kke["wikidata_id"] == links_of("kke").wikidata_id is not None
    for line in crawl["signatories"]:
        assert (line["partyfacts_id"], line["wikidata_id"]) == (links_of(line["party_id"]).partyfacts_id, links_of(line["party_id"]).wikidata_id)
    linked = rows(crawl, "SELECT COUNT(*) AS n FROM parties WHERE partyfacts_id IS NOT NULL")[0]["n"]
    assert linked == sum(p["partyfacts_id"] is not None for p in crawl["parties"]) > 20


def test_statements_posted_in_two_languages_share_a_translation_group(crawl: dict[str, Any]) -> None:
    group = {r["id"]: r["translation_group"] for r in rows(crawl, "SELECT id, translation_group FROM statements")}
    palestine_en, palestine_es, cuba_es = article_id("02"), article_id("43"), article_id("45")
    venezuela_en_es, venezuela_fr = article_id("11"), article_id("44")
    assert group[palestine_es] == group[palestine_en] == palestine_en        # named after the earlier page
    assert group[venezuela_fr] == group[venezuela_en_es] == venezuela_en_es  # a bilingual page and a third language
    assert group[cuba_es] == cuba_es                                          # same meeting, day and parties: another text
    assert len(set(group.values())) == len(group) - 2
    assert len(rows(crawl, "SELECT * FROM translations")) == 2


def test_views_count_a_translation_group_once(crawl: dict[str, Any]) -> None:
    meeting = rows(crawl, "SELECT * FROM statements_per_meeting WHERE meeting_name = '23rd IMCWP'")[0]
    assert (meeting["pages"], meeting["statements"]) == (3, 2)
    kke_2023 = rows(crawl, "SELECT statements FROM signatures_per_party_year WHERE party_id = 'kke' AND year = 2023")[0]
    year = {s["id"]: statement_year(s) for s in crawl["statements"]}
    signed_pages = {line["statement_id"] for line in crawl["signatories"] if line["party_id"] == "kke" and year[line["statement_id"]] == 2023}
    assert kke_2023["statements"] == len(signed_pages) - 2   # two of its 2023 pages are translations of two others
    kke = rows(crawl, "SELECT statements_signed, texts_signed FROM parties WHERE party_id = 'kke'")[0]
    assert kke["texts_signed"] == kke["statements_signed"] - 2


def test_the_pairs_view_and_the_pair_function_agree(crawl: dict[str, Any]) -> None:
    view = {(r["party_a"], r["party_b"]): (r["statements"], r["first_year"], r["last_year"]) for r in rows(crawl, "SELECT * FROM cosignature_pairs")}
    function = {(p.a, p.b): (p.weight, p.first_year, p.last_year) for p in cosignature_pairs(crawl["statements"])}
    assert view == function and len(view) > 500
    assert view[("kke", "portuguese-communist-party")][0] >= 10


def test_the_network_reads_back_with_the_weights_of_the_signatures_table(crawl: dict[str, Any]) -> None:
    graph = nx.read_graphml(crawl["exports"] / "cosignatures.graphml")
    expected = rows(crawl, """
        SELECT a.party_id AS a, b.party_id AS b, COUNT(DISTINCT s.translation_group) AS weight
        FROM signatures a JOIN signatures b ON a.statement_id = b.statement_id AND a.party_id < b.party_id
        JOIN statements s ON s.id = a.statement_id WHERE s.removed_at IS NULL GROUP BY a.party_id, b.party_id""")
    assert graph.number_of_edges() == len(expected)
    for edge in expected:
        assert graph.edges[edge["a"], edge["b"]]["weight"] == edge["weight"]
    kke = graph.nodes["kke"]
    assert (kke["label"], kke["country"], kke["partyfacts_id"]) == ("Communist Party of Greece", "Greece", 48)
    assert kke["statements_signed"] == rows(crawl, "SELECT texts_signed FROM parties WHERE party_id = 'kke'")[0]["texts_signed"]
    assert set(graph.nodes) == {p["party_id"] for p in crawl["parties"]}
    gexf = nx.read_gexf(crawl["exports"] / "cosignatures.gexf")
    assert gexf.number_of_edges() == graph.number_of_edges()


def test_full_text_search_finds_titles_and_bodies(crawl: dict[str, Any]) -> None:
    found = rows(crawl, "SELECT id FROM statements WHERE rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)", "Guantánamo")
    assert {article_id("10"), article_id("45")} <= {r["id"] for r in found}


def test_datasette_opens_it_with_described_tables_a_view_and_search(crawl: dict[str, Any]) -> None:
    metadata = json.loads((crawl["exports"] / "solidnet.metadata.json").read_text(encoding="utf-8"))

    async def ask() -> tuple[Any, Any, Any, Any]:
        datasette = Datasette([str(crawl["exports"] / "solidnet.sqlite")], metadata=metadata)
        await datasette.invoke_startup()
        view = await datasette.client.get("/solidnet/statements_per_meeting.json?_shape=array&meeting_name=23rd+IMCWP")
        search = await datasette.client.get("/solidnet/statements.json?_search=Guant%C3%A1namo&_shape=array&_col=title")
        page = await datasette.client.get("/solidnet/signatures")
        table = await datasette.client.get("/solidnet/statements")
        return view, search, page, table

    view, search, page, table = asyncio.run(ask())
    assert view.status_code == 200 and view.json()[0]["statements"] == 2
    assert search.status_code == 200 and {article_id("10"), article_id("45")} <= {row["id"] for row in search.json()}
    assert page.status_code == 200 and "as initiator or signatory" in page.text
    assert table.status_code == 200 and 'name="_search"' in table.text
    columns = metadata["databases"]["solidnet"]["tables"]["signatures"]["columns"]
    assert "Party Facts" in columns["partyfacts_id"] and columns["raw"]


def test_the_data_package_validates_and_its_csv_files_match_the_exports(crawl: dict[str, Any]) -> None:
    report = validate(crawl["exports"] / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:10]
    package = json.loads((crawl["exports"] / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] and package["sources"]
    assert {r["name"] for r in package["resources"]} == {"statements", "signatures", "parties", "events"}

    def read(name: str) -> list[dict[str, str]]:
        with (crawl["exports"] / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    statements = read("statements")
    assert "body" not in statements[0] and {r["id"] for r in statements} == {s["id"] for s in crawl["statements"]}
    assert len(read("signatures")) == len(crawl["signatories"])
    assert {r["party_id"]: int(r["statements_signed"]) for r in read("parties")} == {p["party_id"]: p["statements_signed"] for p in crawl["parties"]}
    assert len(read("events")) == len(crawl["events"])


def test_the_table_schemas_come_from_the_record_schemas(crawl: dict[str, Any]) -> None:
    from crawler.schemas import schema

    package = json.loads((crawl["exports"] / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    for name, spec in schema("event")["properties"].items():   # an object with named properties: one column per property
        assert name in fields["events"] if "properties" not in spec else {f"{name}_{part}" for part in spec["properties"]} <= set(fields["events"])
    assert fields["signatures"]["raw"]["description"] == schema("signatory")["properties"]["raw"]["description"]
    assert fields["statements"]["dateline_date"]["type"] == "date"
    assert fields["statements"]["categories"]["type"] == "array"


def test_the_command_rebuilds_them_by_hand(crawl: dict[str, Any]) -> None:
    before = (crawl["exports"] / "statements.csv").read_bytes()
    result = subprocess.run([sys.executable, "-m", "crawler.dataset", str(crawl["exports"])], cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "solidnet.sqlite" in result.stdout
    assert (crawl["exports"] / "statements.csv").read_bytes() == before   # the same exports give the same files


def test_a_build_that_fails_is_logged_and_the_exit_code_says_so(sample_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "exports" / "solidnet.sqlite").mkdir(parents=True)   # a folder where the database should go: it cannot be replaced
    result = run_crawl("statements", sample_site.url, tmp_path)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "the derived outputs (SQLite, CSV, network) could not be built" in result.stderr
    assert read_jsonl(tmp_path / "exports" / "statements.jsonl")    # the JSON Lines exports were published all the same
    assert not list((tmp_path / "exports").glob(".*.tmp"))
