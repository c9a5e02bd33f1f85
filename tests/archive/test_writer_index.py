"""The WARC writer and the archive index on real files: rotation by size, whole records, which captures resume."""

from __future__ import annotations

import dataclasses
import gzip
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from crawler.archive import ArchiveIndex, Capture, WarcFiles
from crawler.archive.reader import read_response
from crawler.archive.writer import Fetch, Written, gzip_member, warc_date
from tests.archive.warc_support import sha1_digest
from tests.crawl_support import ROOT

MOMENT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def fetch(n: int, status: int = 200, body: bytes | None = None) -> Fetch:
    return Fetch(
        url=f"http://example.org/article/{n}/", method="GET", request_headers=[("Host", "example.org"), ("Accept", "*/*")],
        request_body=b"", status=status, response_headers=[("Content-Type", "text/html"), ("ETag", f'"e{n}"')],
        body=body if body is not None else f"<html>page {n}</html>".encode() * 200, fetched=MOMENT,
    )


def capture(written: Written, url: str, run: int, kind: str = "response", status: int = 200) -> Capture:
    return Capture(
        record_id=written.record_id, url=url, kind=kind, status=status, file=written.file, offset=written.offset,
        length=written.length, digest=written.digest, fetched_at=MOMENT.isoformat(), warc_date=warc_date(MOMENT),
        spider="statements", run=run, etag=None, last_modified=None,
    )


def test_a_record_of_any_size_is_one_gzip_member_as_small_as_with_zlibs_full_window() -> None:
    page = b"".join(p.read_bytes() for p in sorted((ROOT / "crawler" / "sample_site" / "content" / "articles").iterdir())[:40])
    assert len(page) > 120_000
    for size in (*range(0, 70_000, 997), 120_000):
        for data in (page[:size], os.urandom(size)):
            member = gzip_member(data)
            assert gzip.decompress(member) == data
            assert len(member) <= len(gzip.compress(data, 6)), size


def test_files_rotate_by_size_and_every_record_reads_back(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, "solidnet-test", 3000, {"software": "test"})
    written = [files.write(fetch(n)) for n in range(6)]
    files.close()
    names = sorted(p.name for p in tmp_path.glob("*.warc.gz"))
    assert len(names) > 1 and names == sorted({w.file for w in written})
    types: list[str] = []
    for name in names:
        with (tmp_path / name).open("rb") as fh:
            kinds = [r.rec_type for r in ArchiveIterator(fh)]
        assert kinds[0] == "warcinfo" and kinds[1:] == ["response", "request"] * ((len(kinds) - 1) // 2)
        types += kinds
    assert types.count("response") == 6 and files.records == len(types)
    assert files.bytes == sum((tmp_path / n).stat().st_size for n in names)
    for n, w in enumerate(written):
        stored = read_response(tmp_path, capture(w, fetch(n).url, 1))
        assert stored.status == 200 and stored.body == fetch(n).body and w.digest == sha1_digest(stored.body)
        assert ("ETag", f'"e{n}"') in stored.headers


def test_a_304_is_a_revisit_of_the_last_200(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, "solidnet-test", 10**9, {})
    original = capture(files.write(fetch(1)), fetch(1).url, 1)
    revisit = files.write(fetch(1, 304, b""), original)
    files.close()
    with (tmp_path / revisit.file).open("rb") as fh:
        record = next(r for r in ArchiveIterator(fh) if r.rec_type == "revisit")
    assert record.rec_headers.get_header("WARC-Refers-To") == original.record_id
    assert record.rec_headers.get_header("WARC-Payload-Digest") == original.digest == revisit.digest
    assert record.rec_headers.get_header("WARC-Refers-To-Date") == warc_date(MOMENT)


def test_only_captures_of_runs_no_published_run_followed_resume(tmp_path: Path) -> None:
    """Runs 1 and 3 (killed) and 2 (published, in between)."""
    files = WarcFiles(tmp_path, "solidnet-test", 10**9, {})
    index = ArchiveIndex(tmp_path)
    url = fetch(1).url
    seqs = [index.begin_run("statements", number, f"run-{number}", MOMENT.isoformat()) for number in (1, 2, 3)]
    assert seqs == [1, 2, 3]
    assert not index.any_resumable("statements", 3)                    # nothing archived yet
    index.add(capture(files.write(fetch(1)), url, 1))
    assert index.resumable(url, "statements", 3) is not None          # run 1 killed: its capture serves run 3
    assert index.any_resumable("statements", 3) and not index.any_resumable("statements", 1)
    assert index.resumable(url, "events", 3) is None                   # another spider's runs do not count
    assert not index.any_resumable("events", 3)
    index.mark_published(2)
    assert index.resumable(url, "statements", 3) is None               # run 2 published after it: fetched again
    assert not index.any_resumable("statements", 3)
    assert index.latest_ok(url) is not None and index.latest(url) is not None
    index.add(capture(files.write(fetch(1, 503, b"busy")), url, 3, status=503))
    latest = index.latest(url)
    assert latest is not None and latest.status == 200                 # a server error is never what a re-extraction reads
    other = "http://example.org/list-ajax.jsp?instanceId=li_2&page=1"   # the same list shown on another page
    index.add(dataclasses.replace(capture(files.write(fetch(2)), "http://example.org/list-ajax.jsp?instanceId=li_1&page=1", 3),
                                  key="list#1"))
    assert index.latest(other) is None
    found = index.latest(other, "list#1")
    assert found is not None and found.key == "list#1" and index.latest(other, "list#2") is None
    index.close()
    files.close()


FILL_UP = """
import resource, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tests.archive.test_writer_index import fetch
from crawler.archive import WarcFiles
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))   # the disk is full past 20,000 bytes
files = WarcFiles(Path(sys.argv[1]), "solidnet-full", 10**9, {})
written = failed = 0
for n in range(40):
    try:
        files.write(fetch(n))
        written += 1
    except OSError:
        failed += 1
print(written, failed)
"""


def test_a_write_that_fails_part_way_leaves_whole_records(tmp_path: Path) -> None:
    """A real file-size limit (RLIMIT_FSIZE) in a child process: writes fail part way, like on a full disk."""
    result = subprocess.run([sys.executable, "-c", FILL_UP, str(tmp_path), str(ROOT)], capture_output=True, text=True, check=True)
    written, failed = map(int, result.stdout.split())
    assert written > 0 and failed > 0
    (path,) = tmp_path.glob("*.warc.gz")
    assert path.stat().st_size <= 20000
    with path.open("rb") as fh:
        kinds = [r.rec_type for r in ArchiveIterator(fh)]
    assert kinds == ["warcinfo"] + ["response", "request"] * written


def test_a_file_name_taken_already_is_passed_over(tmp_path: Path) -> None:
    taken = tmp_path / "solidnet-test-00001.warc.gz"
    taken.write_bytes(b"another writer's records")
    files = WarcFiles(tmp_path, "solidnet-test", 10_000_000, {"software": "test"})
    written = files.write(fetch(1))
    files.close()
    assert written.file == "solidnet-test-00002.warc.gz" and taken.read_bytes() == b"another writer's records"
    assert read_response(tmp_path, capture(written, fetch(1).url, 1)).body == fetch(1).body
