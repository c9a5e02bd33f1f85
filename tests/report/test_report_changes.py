"""A second run after the sample site changed (a statement added, a signatory added, a statement
removed): the report's "what changed" and the Atom feed show each change."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import rnc2rng
from lxml import etree, html

from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl
from tests.integration.test_incremental import add_signatory, article_files, listed_in_li
from tests.report.browser import ARTIFACTS, visit_offline

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = Path(__file__).with_name("atom.rnc")


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's RELAX NG schema (compact syntax converted; the empty `local` prefix is declared by nsName alone)."""
    grammar = rnc2rng.dumps(rnc2rng.load(str(SCHEMA))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(grammar.encode("utf-8")))


def check_atom(path: Path) -> etree._ElementTree:
    """The feed is valid Atom 1.0: the RFC's schema, its rules on authors and links, and a feed parser's reading."""
    document = etree.parse(str(path))
    schema = atom_schema()
    assert schema.validate(document), schema.error_log
    feed = document.getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None or all(e.find(f"{ATOM}author") is not None for e in entries)
    for entry in entries:
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None or entry.find(f"{ATOM}content") is not None
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)), "two entries share an id"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == len(entries)
    return document


def add_statement(content: Path, title: str) -> str:
    """A new statement on the site, posted yesterday, copied from an existing page under a new path and title."""
    source = next(a for a in article_files(content) if listed_in_li(a))
    posted = datetime.now() - timedelta(days=1)
    path = "/article/" + re.sub(r"\W+", "-", title).strip("-") + "/"
    text = source.read_text(encoding="utf-8")
    for key, value in (("path", path), ("title", title), ("stamp", f"{posted:%-m/%-d/%y %-I:%M %p}"), ("published", f"{posted:%Y-%m-%dT%H:%M}")):
        text = re.sub(rf"^{key} = .*$", f'{key} = "{value}"', text, count=1, flags=re.MULTILINE)
    (content / "articles" / "99-added-between-runs.toml").write_text(text, encoding="utf-8")
    return path


SEEN_CHANGES = """() => {
  const shown = (kind) => [...document.querySelectorAll(`#changes-last-run ul.${kind} li`)]
    .filter(li => li.getBoundingClientRect().height > 0).map(li => li.dataset.statementId);
  return {new: shown("new"), grown: shown("grown"), removed: shown("removed")};
}"""


def by_id(path: Path) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in read_jsonl(path)}


def test_a_second_run_shows_the_new_statement_and_the_new_signatory(own_site: SampleServer, tmp_path: Path) -> None:
    content = own_site.site.content.root
    for spider in ("statements", "events"):
        assert run_crawl(spider, own_site.url, tmp_path).returncode == 0
    exports = tmp_path / "exports"
    first = by_id(exports / "statements.jsonl")
    first_feed = check_atom(exports / "changes.atom")

    changed_file = next(a for a in article_files(content) if listed_in_li(a))
    removed_file = next(a for a in reversed(article_files(content)) if a != changed_file)
    changed_id = page_id(tomllib.loads(changed_file.read_text(encoding="utf-8"))["path"])
    removed_id = page_id(tomllib.loads(removed_file.read_text(encoding="utf-8"))["path"])
    new_party = add_signatory(changed_file, {s["party_id"] for s in first[changed_id]["signatories"] if s["party_id"]})
    new_id = page_id(add_statement(content, "Joint Statement added between two runs"))
    removed_file.unlink()

    second = run_crawl("statements", own_site.url, tmp_path, "-s", "RECENT_DAYS=100000")
    assert second.returncode == 0, second.stderr[-3000:]
    now = by_id(exports / "statements.jsonl")
    run2 = read_jsonl(exports / "runs.jsonl")[-1]["started_at"]
    party = next(s for s in now[changed_id]["signatories"] if s["party_id"] == new_party)
    assert now[new_id]["first_seen"] == party["first_seen"] == now[removed_id]["removed_at"] == run2

    page = html.parse(str(exports / "report" / "index.html")).getroot()
    counts = {cell.get("data-last"): int(cell.text) for cell in page.cssselect("#change-counts [data-last]")}
    assert counts == {"new": 1, "grown": 1, "removed": 1, "edited": 0, "new_events": len(read_jsonl(exports / "events.jsonl"))}
    recent = {cell.get("data-recent"): int(cell.text) for cell in page.cssselect("#change-counts [data-recent]")}
    assert (recent["new"], recent["grown"], recent["removed"]) == (len(first) + 1, 1, 1)
    last = page.cssselect("#changes-last-run")[0]
    assert [li.get("data-statement-id") for li in last.cssselect("ul.new li")] == [new_id]
    [grown] = last.cssselect("ul.grown li")
    assert grown.get("data-statement-id") == changed_id
    assert [p.get("data-party-id") for p in grown.cssselect(".party")] == [new_party]
    assert party["name"] in grown.text_content()
    assert [li.get("data-statement-id") for li in last.cssselect("ul.removed li")] == [removed_id]
    earlier = page.cssselect("#changes-earlier")[0]
    assert {li.get("data-statement-id") for li in earlier.cssselect("ul.new li")} <= set(first)
    assert len(earlier.cssselect("ul.new li")) == min(len(first), 200)   # the first run's statements: shown and folded

    seen = visit_offline(exports / "report" / "index.html", tmp_path / "profile", SEEN_CHANGES, ARTIFACTS / "report-after-changes.png")
    assert seen.console_errors == seen.page_errors == seen.failed_requests == seen.blocked == []
    assert seen.data == {"new": [new_id], "grown": [changed_id], "removed": [removed_id]}, "the changes are not shown in the browser"

    feed = check_atom(exports / "changes.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(first_feed.getroot().findall(f"{ATOM}entry")) + 2 == len(first) + 2
    def kind(entry: etree._Element) -> str:
        return entry.find(f"{ATOM}category").get("term")
    def link(entry: etree._Element) -> str:
        return entry.find(f"{ATOM}link[@rel='alternate']").get("href")
    newest = entries[:2]   # newest first: the two changes of the second run
    assert {(kind(e), link(e)) for e in newest} == {("new-statement", now[new_id]["url"]), ("signatories-added", now[changed_id]["url"])}
    for entry in newest:
        assert entry.findtext(f"{ATOM}updated") == run2
    added = next(e for e in newest if kind(e) == "signatories-added")
    assert party["name"] in added.findtext(f"{ATOM}summary") and added.findtext(f"{ATOM}title").startswith("Signatories added (1): ")
    assert feed.findtext(f"{ATOM}updated") == run2
    first_ids = {e.findtext(f"{ATOM}id") for e in first_feed.getroot().findall(f"{ATOM}entry")}
    assert first_ids <= {e.findtext(f"{ATOM}id") for e in entries}, "entry ids are not stable across builds"
