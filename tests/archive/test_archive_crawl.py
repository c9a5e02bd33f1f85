"""The archive of a sample-site crawl, read back with warcio: one response record per page the server
sent, a request record beside each, revisit records for the 304s of the next run, digests that match
the bodies, and exports that point at their captures."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer
from tests.archive.warc_support import read_archive, sha1_digest, target_path, warcio_check
from tests.crawl_support import read_jsonl, run_crawl


def crawl(site: SampleServer, workdir: Path, spider: str, *extra: str) -> dict[str, object]:
    site.log.clear()
    result = run_crawl(spider, site.url, workdir, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_jsonl(workdir / "exports" / "runs.jsonl")[-1]


def test_the_archive_holds_every_response_and_the_revisits_of_the_next_run(own_site: SampleServer, tmp_path: Path) -> None:
    archive = tmp_path / "state" / "archive"
    first = crawl(own_site, tmp_path, "statements")
    served_first = Counter(path for path, _status in own_site.log.entries)
    statuses_first = dict(own_site.log.entries)
    records = read_archive(archive)
    run_files = {r.file for r in records if first["run_id"] in r.file}
    responses = [r for r in records if r.type == "response" and r.file in run_files]
    assert Counter(map(target_path, responses)) == served_first   # one response record per page the server sent
    assert all(statuses_first[target_path(r)] == r.status for r in responses)
    assert first["counts"]["archived_records"] == len([r for r in records if r.file in run_files])
    assert first["counts"]["archived_bytes"] == sum((archive / name).stat().st_size for name in run_files)

    second = crawl(own_site, tmp_path, "statements", "-s", "RECENT_DAYS=100000")   # every statement re-checked: 304s
    not_modified = Counter(path for path, status in own_site.log.entries if status == 304)
    assert sum(not_modified.values()) >= 41
    records = read_archive(archive)
    by_id = {r.record_id: r for r in records}
    second_run = [r for r in records if second["run_id"] in r.file]
    revisits = [r for r in second_run if r.type == "revisit"]
    assert Counter(map(target_path, revisits)) == not_modified
    assert Counter(map(target_path, [r for r in second_run if r.type in ("response", "revisit")])) == Counter(
        path for path, _status in own_site.log.entries
    )
    for revisit in revisits:
        original = by_id[revisit.headers["WARC-Refers-To"]]
        assert original.type == "response" and original.status == 200 and original.target == revisit.target
        assert revisit.headers["WARC-Payload-Digest"] == original.headers["WARC-Payload-Digest"]
        assert revisit.headers["WARC-Profile"].endswith("/revisit/server-not-modified")
        assert revisit.status == 304 and revisit.payload == b""

    for record in records:
        if record.type == "response":
            assert record.headers["WARC-Payload-Digest"] == sha1_digest(record.payload), record.target
            assert int(record.http.get("content-length", len(record.payload))) == len(record.payload)
    requests = [r for r in records if r.type == "request"]
    assert sorted(r.headers["WARC-Concurrent-To"] for r in requests) == sorted(
        r.record_id for r in records if r.type in ("response", "revisit")
    )
    assert all(r.payload == b"" and r.headers["WARC-Target-URI"] for r in requests)
    assert sum(r.type == "warcinfo" for r in records) == len({r.file for r in records})
    check = warcio_check(archive)
    assert check.returncode == 0, check.stdout + check.stderr


def test_exports_point_at_their_captures_and_statements_carry_their_pdf(own_site: SampleServer, tmp_path: Path) -> None:
    crawl(own_site, tmp_path, "statements")
    crawl(own_site, tmp_path, "events")
    records = {r.record_id: r for r in read_archive(tmp_path / "state" / "archive")}
    content = own_site.site.content
    statements = read_jsonl(tmp_path / "exports" / "statements.jsonl")
    assert len(statements) == len(content.articles)
    pdfs = {own_site.url + a.pdf_path for a in content.articles if a.template == "apollo"}
    assert {s["pdf_url"] for s in statements} - {None} == pdfs
    assert sum(s["pdf_url"] is None for s in statements) == sum(a.template != "apollo" for a in content.articles)
    for statement in statements:
        capture = statement["capture"]
        record = records[capture["record_id"]]
        assert record.file == capture["file"] and record.type == "response" and record.status == 200
        assert record.target == capture["url"] and record.target.rstrip("/") == statement["url"].rstrip("/")
        assert record.headers["WARC-Payload-Digest"] == capture["digest"] == sha1_digest(record.payload)
        assert record.headers["WARC-Date"].replace("Z", "+00:00") == capture["fetched_at"] == statement["crawled_at"]
        assert b"<html" in record.payload.lower()
    pdf_records = [r for r in records.values() if r.type == "response" and r.target in pdfs]
    assert {r.target for r in pdf_records} == pdfs
    assert all(r.payload.startswith(b"%PDF-1.4") and r.payload.rstrip().endswith(b"%%EOF") for r in pdf_records)
    assert all(r.http["content-type"] == "application/pdf" for r in pdf_records)

    events = read_jsonl(tmp_path / "exports" / "events.jsonl")
    assert events
    fetched = {r.target for r in records.values() if r.type == "response"}
    for event in events:
        record = records[event["capture"]["record_id"]]
        assert record.type == "response" and record.headers["WARC-Payload-Digest"] == event["capture"]["digest"]
        if event["url"] in fetched:   # a detail page: its own capture
            assert event["capture"]["url"] == event["url"]
    assert json.loads((tmp_path / "exports" / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])["counts"]["archived_records"] > 0


def test_compressed_bodies_are_archived_as_received_and_read_back_decoded(tmp_path: Path) -> None:
    """A server that gzips its bodies: the archive holds the gzip bytes (with their Content-Encoding, digest
    of those bytes), and a re-extraction from it decodes them as a fetch would: the same exports."""
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    with SampleServer(tmp_path / "content", compress=True) as server:
        crawl(server, tmp_path, "statements")
        before = (tmp_path / "exports" / "statements.jsonl").read_text(encoding="utf-8")
        records = [r for r in read_archive(tmp_path / "state" / "archive") if r.type == "response" and r.status == 200]
        assert records and all(r.http.get("content-encoding") == "gzip" for r in records)
        for record in records:
            assert record.payload[:2] == b"\x1f\x8b" and record.headers["WARC-Payload-Digest"] == sha1_digest(record.payload)
            assert int(record.http["content-length"]) == len(record.payload)
        assert any(b"<html" in gzip.decompress(r.payload) for r in records)
        run = crawl(server, tmp_path, "statements", "-a", "reextract=1")
        assert server.log.entries == []
    assert run["counts"]["archive_replayed"] > 0
    assert (tmp_path / "exports" / "statements.jsonl").read_text(encoding="utf-8") == before
    assert len(read_jsonl(tmp_path / "exports" / "statements.jsonl")) == len(list((CONTENT_DIR / "articles").glob("*.toml")))
