"""Re-extraction without the network: `-a reextract=1` rebuilds every record from the archive with
today's extractors and registry, sends no request, and publishes the way a normal run does."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from typing import Any

from crawler.parties.registry import REGISTRY_PATH
from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer
from tests.crawl_support import read_jsonl, run_crawl

EXPORTS = ("statements.jsonl", "signatories.jsonl", "parties.jsonl", "events.jsonl")


def crawl(url: str, workdir: Path, spider: str, *extra: str) -> dict[str, Any]:
    result = run_crawl(spider, url, workdir, "-s", f"PARTY_REGISTRY={workdir / 'registry.csv'}", *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    run = read_jsonl(workdir / "exports" / "runs.jsonl")[-1]
    run["log"] = result.stderr
    return run


def add_alias(registry: Path, name: str) -> None:
    """The registry learns a name it lacked: a new party whose one alias is that name."""
    with registry.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and "aliases" in rows[0]
    rows.append({**dict.fromkeys(rows[0], ""), "party_id": "test-added-party", "name": "Test Added Party", "aliases": name})
    with registry.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_reextract_reads_the_archive_only_and_changes_only_what_extraction_changes(tmp_path: Path) -> None:
    shutil.copy(REGISTRY_PATH, tmp_path / "registry.csv")
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    with SampleServer(tmp_path / "content") as server:
        url = server.url
        first = crawl(url, tmp_path, "statements")
        assert first["counts"]["errors"] == 0, first["log"][-3000:]
        crawl(url, tmp_path, "events")
        before = {name: (tmp_path / "exports" / name).read_text(encoding="utf-8").splitlines() for name in EXPORTS}
        statements = read_jsonl(tmp_path / "exports" / "statements.jsonl")
        unresolved = sorted({s["raw"] for st in statements for s in st["signatories"] if s["party_id"] is None})
        assert unresolved, "the sample site has names the registry lacks"
        name = unresolved[0]
        expected_changed = {st["id"] for st in statements if any(s["raw"] == name for s in st["signatories"])}
        add_alias(tmp_path / "registry.csv", name)

        server.log.clear()
        run = crawl(url, tmp_path, "statements", "-a", "reextract=1")
        assert server.log.entries == []   # not one request reached the site
    counts = run["counts"]
    assert run["status"] == "ok" and run["published"] is True, run
    missing = re.findall(r"not fetched: (\S+) \(not in the archive\)", run["log"])
    assert counts["archive_replayed"] > 0 and counts["archived_records"] == 0 and counts["archive_missing"] == 0, (counts, missing)
    assert counts["changed"] == len(expected_changed), (counts, sorted(expected_changed))
    assert counts["unchanged"] == len(statements) - len(expected_changed), counts

    after = read_jsonl(tmp_path / "exports" / "statements.jsonl")
    lines = (tmp_path / "exports" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert [s["id"] for s in after] == [s["id"] for s in statements]
    for old_line, new_line, old, new in zip(before["statements.jsonl"], lines, statements, after, strict=True):
        if new["id"] in expected_changed:
            assert new["last_changed"] == run["started_at"] != old["last_changed"]
            assert any(s["party_id"] == "test-added-party" for s in new["signatories"] if s["raw"] == name)
            assert {k: v for k, v in new.items() if k not in ("last_changed", "signatories", "duplicates_dropped")} == {
                k: v for k, v in old.items() if k not in ("last_changed", "signatories", "duplicates_dropped")
            }
        else:
            assert new_line == old_line, new["id"]   # byte-identical: same capture, same crawled_at, last_seen untouched

    # the site gone: the events are rebuilt from the archive all the same, unchanged
    result = run_crawl("events", url, tmp_path, "-a", "reextract=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "exports" / "events.jsonl").read_text(encoding="utf-8").splitlines() == before["events.jsonl"]
    events_run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert events_run["spider"] == "events" and events_run["published"] is True and events_run["counts"]["archive_replayed"] > 0


def test_pages_the_archive_lacks_are_skipped_logged_and_counted(own_site: SampleServer, tmp_path: Path) -> None:
    """An archive of a statements crawl only: re-extracting the events reads what it holds and skips the rest."""
    shutil.copy(REGISTRY_PATH, tmp_path / "registry.csv")
    crawl(own_site.url, tmp_path, "statements")
    archived = {r["url"] for r in read_jsonl(tmp_path / "exports" / "statements.jsonl")}
    own_site.log.clear()
    result = run_crawl("events", own_site.url, tmp_path, "-a", "reextract=1")
    assert own_site.log.entries == []
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    missing = re.findall(r"not fetched: (\S+) \(not in the archive\)", result.stderr)
    assert missing and run["counts"]["archive_missing"] == len(missing) == len(set(missing))
    assert run["counts"]["archive_replayed"] > 0   # the home page and the statements section were archived
    assert not archived & set(missing)
    assert all("/event" in url for url in missing), missing
