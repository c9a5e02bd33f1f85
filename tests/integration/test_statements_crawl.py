"""The real `statements` spider against the real sample-site server: what lands in exports/ on disk."""

from __future__ import annotations

import csv
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from crawler.exporters import signatory_lines
from crawler.parties.names import clean_name
from crawler.parties.registry import REGISTRY_PATH
from crawler.sample_site.content import CONTENT_DIR
from crawler.schemas import problems
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl

ARTICLES = sorted((CONTENT_DIR / "articles").glob("*.toml"))
SEED_PATH = "/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/"
# The registry rows as the CSV holds them (read here, not through the resolver): party_id -> row.
REGISTRY = {row["party_id"]: row for row in csv.DictReader(REGISTRY_PATH.open(encoding="utf-8", newline=""))}
# Every key an [expected] table may hold; each is asserted by a test below.
ASSERTED_KEYS = {
    "posted_at", "from_date", "languages", "meeting", "dateline", "unreadable_dateline", "problems",
    "category_parties", "initiators", "initiator_parties", "signatories", "signatory_parties",
    "signatory_groups", "signatory_names", "duplicates_dropped",
}


TEMPLATES = {"apollo": "apollo/10.5", "mercury": "mercury", "plain": "generic"}   # sample-site template -> what the crawler calls it


def expected(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {"path": data["path"], "template": TEMPLATES[data.get("template", "apollo")], **data.get("expected", {})}


@pytest.fixture(scope="module")
def crawl(module_site, tmp_path_factory) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    workdir = tmp_path_factory.mktemp("statements")
    result = run_crawl("statements", module_site.url, workdir)
    exports = workdir / "exports"
    return {
        "result": result,
        "requested": module_site.log.paths(),   # this crawl's requests only: the server is this module's own
        "base_url": module_site.url,
        "statements": {s["id"]: s for s in read_jsonl(exports / "statements.jsonl")},
        "statement_lines": read_jsonl(exports / "statements.jsonl"),
        "signatories": read_jsonl(exports / "signatories.jsonl"),
        "parties": read_jsonl(exports / "parties.jsonl"),
        "runs": read_jsonl(exports / "runs.jsonl"),
    }


def statement(crawl: dict[str, Any], path: str) -> dict[str, Any]:
    return crawl["statements"][page_id(path)]


def test_the_run_ends_ok(crawl: dict[str, Any]) -> None:
    result = crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert crawl["runs"][-1]["status"] == "ok", crawl["runs"][-1]


def test_every_sample_statement_is_exported_exactly_once(crawl: dict[str, Any]) -> None:
    ids = [s["id"] for s in crawl["statement_lines"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == {page_id(expected(a)["path"]) for a in ARTICLES}
    assert len(ARTICLES) >= 30


def test_the_signatory_lines_are_those_of_the_exported_statements(crawl: dict[str, Any]) -> None:
    """The lines of a statement new to the state are made by the extraction worker with its record: they are
    what the exported statement gives, every signatory first seen at the run's start."""
    assert crawl["signatories"] == [line for s in crawl["statement_lines"] for line in signatory_lines(s)]
    started = crawl["runs"][-1]["started_at"]
    assert {line["first_seen"] for line in crawl["signatories"] if line["role"] == "signatory"} == {started}


@pytest.mark.parametrize("name", ["statement", "signatory", "party", "run"])
def test_every_exported_line_matches_its_schema(crawl: dict[str, Any], name: str) -> None:
    lines = {"statement": crawl["statement_lines"], "signatory": crawl["signatories"], "party": crawl["parties"], "run": crawl["runs"]}[name]
    assert lines
    for line in lines:
        assert problems(name, line) == []


def test_the_seed_page(crawl: dict[str, Any]) -> None:
    seed = statement(crawl, SEED_PATH)
    assert seed["title"] == "20 IMCWP, Statement of Solidarity of Communist and Workers' Parties"
    assert seed["posted_at"] == "2018-12-10T15:36:00"
    assert seed["categories"] == ["Hungary, Hungarian Workers' Party", "20th IMCWP", "En", "Communist and workers' parties"]
    assert [(p["country"], p["country_code"]) for p in seed["parties"]] == [("Hungary", "HU")]
    assert seed["meeting"] == {"name": "20th IMCWP", "number": 20}
    assert seed["languages"] == ["en"]
    assert {k: seed["dateline"][k] for k in ("place", "date")} == {"place": "Athens, Greece", "date": "2018-11-25"}
    assert [p["name"] for p in seed["initiators"]] == ["Hungarian Workers' Party"]
    assert len(seed["signatories"]) == 63
    assert seed["duplicates_dropped"] == 1
    assert [s["position"] for s in seed["signatories"]] == list(range(1, 64))
    assert seed["signatories"][0]["raw"] == "Algerian Party for Democracy and Socialism"
    assert seed["signatories"][-1]["raw"] == "Communist Party of Venezuela"
    assert seed["signatories"][16]["raw"] == "AKEL, Cyprus"
    assert seed["signatories"][16]["country_code"] == "CY"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_each_statement_matches_its_expected_values(crawl: dict[str, Any], article: Path) -> None:
    want = expected(article)
    got = statement(crawl, want["path"])
    assert got["template"] == want["template"]
    assert got["posted_at"] == want.get("posted_at")
    assert got["languages"] == want.get("languages", [])
    meeting = want.get("meeting")
    assert got["meeting"] == (meeting and {"number": None, **meeting})  # TOML has no null
    if "dateline" in want:
        assert got["dateline"] is not None, got["body"][-400:]
        assert {k: got["dateline"][k] for k in want["dateline"]} == want["dateline"]
    else:
        assert got["dateline"] is None
    assert [p["raw"] for p in got["initiators"]] == want.get("initiators", [])
    assert [s["raw"] for s in got["signatories"]] == want.get("signatories", [])
    assert got["duplicates_dropped"] == want.get("duplicates_dropped", 0)
    if "signatory_groups" in want:
        assert [s["group"] for s in got["signatories"]] == want["signatory_groups"]
    if "signatory_names" in want:   # the cleaned names (look-alikes and U+FFFD repaired), whether resolved or not
        assert [clean_name(s["raw"]) for s in got["signatories"]] == want["signatory_names"]


def test_a_from_line_dates_a_page_that_has_no_stamp(crawl: dict[str, Any]) -> None:
    deciding = 0
    for article in ARTICLES:
        data = tomllib.loads(article.read_text(encoding="utf-8"))
        want = expected(article)
        if "from_date" not in want:
            continue
        got = statement(crawl, want["path"])
        if "stamp" in data:
            assert got["posted_at"][:10] == want["from_date"]   # the stamp wins; the From: line names the same day
        else:
            deciding += 1
            assert got["posted_at"] == want["from_date"] + "T00:00:00"
    assert deciding, "no sample page is dated by its From: line alone"


def party_fields(want: dict[str, Any]) -> dict[str, Any]:
    """The exported party fields an expected entry stands for: a registry party's name and country come
    from its CSV row; an entry without `party_id` is a name the registry lacks (absent key: null)."""
    if "party_id" in want:
        row = REGISTRY[want["party_id"]]
        assert want.get("country_code") == (row["country_code"] or None), f"expectation disagrees with the registry: {want}"
        return {"party_id": row["party_id"], "name": row["name"], "country": row["country"] or None, "country_code": row["country_code"] or None}
    return {"party_id": None, "name": want["name"], "country_code": want.get("country_code")}


def exported_fields(got: dict[str, Any], want: dict[str, Any]) -> dict[str, Any]:
    return {key: got[key] for key in want}


def test_every_expected_party_list_carries_its_parties(crawl: dict[str, Any]) -> None:
    for article in ARTICLES:
        want = expected(article)
        for names, parties in (("signatories", "signatory_parties"), ("initiators", "initiator_parties")):
            assert [p["raw"] for p in want.get(parties, [])] == want.get(names, []), f"{article.name}: {parties}"
        assert all("party_id" in p or "name" in p for p in want.get("category_parties", [])), article.name
        assert set(want) - {"path", "template"} <= ASSERTED_KEYS, f"{article.name}: keys no test asserts"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_each_signatory_and_initiator_is_resolved_as_expected(crawl: dict[str, Any], article: Path) -> None:
    want = expected(article)
    got = statement(crawl, want["path"])
    for role, parties in (("signatories", "signatory_parties"), ("initiators", "initiator_parties")):
        wanted = [{"raw": p["raw"], **party_fields(p)} for p in want.get(parties, [])]
        assert [exported_fields(g, w) for g, w in zip(got[role], wanted, strict=True)] == wanted, role


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_category_parties_are_resolved_as_expected(crawl: dict[str, Any], article: Path) -> None:
    want = expected(article)
    got = statement(crawl, want["path"])
    badges = want.get("category_parties", [])
    assert all(f"{p['country']}, {p['name']}" in got["categories"] for p in badges)   # the badge as printed
    wanted = [party_fields(p) for p in badges]
    assert [exported_fields(g, w) for g, w in zip(got["parties"], wanted, strict=True)] == wanted


def test_what_could_not_be_read_is_logged_with_the_page_and_counted(crawl: dict[str, Any]) -> None:
    log = crawl["result"].stderr
    counts = crawl["runs"][-1]["counts"]
    problems = unreadable = 0
    for article in ARTICLES:
        want = expected(article)
        url = statement(crawl, want["path"])["url"]
        for problem in want.get("problems", []):
            problems += 1
            assert f"{url}: {problem}" in log
        if text := want.get("unreadable_dateline"):
            unreadable += 1
            assert f"{url}: unreadable dateline {text!r}" in log
    assert problems and unreadable
    assert counts["problems"] == problems
    assert counts["unreadable_datelines"] == unreadable


def test_signatories_fan_out_one_line_per_party(crawl: dict[str, Any]) -> None:
    by_statement: dict[str, list[dict[str, Any]]] = {}
    for line in crawl["signatories"]:
        by_statement.setdefault(line["statement_id"], []).append(line)
    for statement_id, record in crawl["statements"].items():
        lines = by_statement.get(statement_id, [])
        for role, entries in (("initiator", record["initiators"]), ("signatory", record["signatories"])):
            fanned = [(line["raw"], line["name"], line["party_id"], line["country_code"]) for line in lines if line["role"] == role]
            assert fanned == [(p["raw"], p["name"], p["party_id"], p["country_code"]) for p in entries]
        assert all(line["statement_title"] == record["title"] and line["posted_at"] == record["posted_at"] for line in lines)


def test_parties_export_counts_the_seed_signatories(crawl: dict[str, Any]) -> None:
    parties = {p["party_id"]: p for p in crawl["parties"]}
    assert len(parties) == len(crawl["parties"])
    seed = statement(crawl, SEED_PATH)
    for signatory in seed["signatories"]:
        if signatory["party_id"]:
            assert parties[signatory["party_id"]]["statements_signed"] >= 1


def test_robots_txt_is_obeyed(crawl: dict[str, Any]) -> None:
    home = urllib.request.urlopen(crawl["base_url"] + "/").read().decode("utf-8")
    assert 'href="/search/"' in home                       # the home page links the disallowed path ...
    paths = crawl["requested"]
    assert "/" in paths and "/robots.txt" in paths
    assert not any(p.startswith("/search/") for p in paths)  # ... and the crawl never asked for it
    assert crawl["runs"][-1]["counts"]["robots_forbidden"] >= 1


def test_pages_of_an_unknown_template_are_read_and_counted(crawl: dict[str, Any]) -> None:
    generic = [a for a in ARTICLES if expected(a)["template"] == "generic"]
    assert generic
    assert crawl["runs"][-1]["counts"]["unknown_template"] == len(generic)
    for article in generic:
        assert f"{statement(crawl, expected(article)['path'])['url']}: unknown template, read with generic signals" in crawl["result"].stderr


def test_party_names_the_registry_lacks_are_reported_at_the_end(crawl: dict[str, Any]) -> None:
    lacking: set[str] = set()   # from the expectations, not from the crawl
    for article in ARTICLES:
        want = expected(article)
        entries = [*want.get("signatory_parties", []), *want.get("initiator_parties", []), *want.get("category_parties", [])]
        lacking |= {p["name"] for p in entries if "party_id" not in p}
    assert lacking
    exported = {
        s["name"] for record in crawl["statements"].values()
        for s in [*record["signatories"], *record["initiators"], *record["parties"]] if s["party_id"] is None
    }
    assert exported == lacking
    assert f"{len(lacking)} party names not in the registry" in crawl["result"].stderr
