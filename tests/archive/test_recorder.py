"""The archive written a batch at a time (`record_fetches`): every fetch of a batch in the WARC files, in order,
indexed in one commit; a fetch that cannot be written is its reason, and the others of its batch are kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.archive import ArchiveIndex
from crawler.archive.recorder import Recorded, Target, close_all, record_fetches
from tests.archive.test_writer_index import fetch
from tests.archive.warc_support import read_archive
from tests.crawl_support import ROOT


def target(folder: Path) -> Target:
    run = ArchiveIndex(folder).begin_run("statements", 1, "run-1", "2026-01-02T03:04:05+00:00")
    return Target(str(folder), "solidnet-test", 10**9, {"software": "test"}, "statements", run)


def test_a_batch_is_written_in_order_and_indexed(tmp_path: Path) -> None:
    results = record_fetches(target(tmp_path), [(fetch(n), None, {"etag": f'"e{n}"', "last_modified": None, "key": None}) for n in range(5)])
    close_all()
    assert all(isinstance(result, Recorded) for result in results)
    captures = [result.capture for result in results if isinstance(result, Recorded)]
    assert [c.url for c in captures] == [fetch(n).url for n in range(5)]
    assert [c.offset for c in captures] == sorted(c.offset for c in captures)
    index = ArchiveIndex(tmp_path)
    assert [index.latest_ok(fetch(n).url) for n in range(5)] == captures
    records = {record.record_id: record for record in read_archive(tmp_path)}
    assert [records[c.record_id].target for c in captures] == [c.url for c in captures]


FULL_DISK = """
import json, os, resource, signal, sys
from pathlib import Path
from crawler.archive.recorder import Recorded, close_all, record_fetches
from tests.archive.test_recorder import target
from tests.archive.test_writer_index import fetch
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails (EFBIG) instead of ending the process
folder = Path(sys.argv[1])
batch = [(fetch(0), None, {}), (fetch(1, body=os.urandom(400_000)), None, {}), (fetch(2), None, {})]
spec = target(folder)
resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))
results = record_fetches(spec, [(f, o, {"etag": None, "last_modified": None, "key": None}) for f, o, _ in batch])
close_all()
print(json.dumps([r.capture.url if isinstance(r, Recorded) else "failed: " + r for r in results]))
"""


def test_a_fetch_that_cannot_be_written_is_its_reason_and_the_others_are_kept(tmp_path: Path) -> None:
    ran = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert ran.returncode == 0, ran.stderr[-2000:]
    first, second, third = json.loads(ran.stdout)
    assert (first, third) == (fetch(0).url, fetch(2).url)
    assert second.startswith("failed: ") and "too large" in second.lower(), second
    index = ArchiveIndex(tmp_path)
    assert index.latest_ok(fetch(0).url) is not None and index.latest_ok(fetch(2).url) is not None
    assert index.latest_ok(fetch(1).url) is None
    assert sorted(record.target for record in read_archive(tmp_path) if record.type == "response") == [fetch(0).url, fetch(2).url]
