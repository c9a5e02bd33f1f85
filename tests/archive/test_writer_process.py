"""The archive writer process: it takes over after a run's first `ARCHIVE_WRITER_AFTER` fetches, in a file of
its own; killed in the middle of a crawl with the extraction worker, the crawl's process takes over their
work, and nothing is lost: every statement is exported once, every capture an export cites is in the WARC
files, and every file reads to its end with its digests right."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.crawl_site import build_content
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from crawler.workers import WORKER_MAIN
from tests.archive.warc_support import read_archive, warcio_check
from tests.crawl_support import ROOT, crawl_command, read_jsonl, run_crawl, statement_fetches

STATEMENTS = 200


def workers(pid: int) -> list[int]:
    """The process's worker processes (`crawler.workers`)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found if WORKER_MAIN.encode() in Path(f"/proc/{child}/cmdline").read_bytes()]


def test_the_crawls_process_takes_over_from_workers_killed_mid_crawl(tmp_path: Path) -> None:
    articles, _events = build_content(tmp_path / "content", STATEMENTS, 0)
    workdir = tmp_path / "work"
    with SampleServer(tmp_path / "content") as server:
        crawl = subprocess.Popen(crawl_command("statements", server.url, workdir, "-s", "ARCHIVE_WRITER_AFTER=0"), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        killed: list[int] = []
        while crawl.poll() is None and not killed:
            if statement_fetches(server.log, tmp_path / "content", 200) >= articles // 4:
                killed = workers(crawl.pid)   # the extraction worker and the archive writer
                for pid in killed:
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)
        stderr = crawl.communicate(timeout=300)[1].decode("utf-8", "replace")
        paths = server.site.content.article_paths()
    assert len(killed) == 2, killed
    assert crawl.returncode == 0, stderr[-3000:]
    assert "the extraction workers stopped" in stderr and "the archive writer stopped" in stderr

    statements = read_jsonl(workdir / "exports" / "statements.jsonl")
    assert sorted(s["id"] for s in statements) == sorted(page_id(server.url + path) for path in paths)
    archive = workdir / "state" / "archive"
    records = {record.record_id: record for record in read_archive(archive)}
    for statement in statements:
        record = records[statement["capture"]["record_id"]]
        assert (record.file, record.target) == (statement["capture"]["file"], statement["capture"]["url"])
    assert len({record.file for record in records.values()}) >= 2   # the crawl's process went on in a file of its own
    check = warcio_check(archive)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


def test_the_writer_process_takes_over_after_the_first_fetches(sample_site: SampleServer, tmp_path: Path) -> None:
    result = run_crawl("statements", sample_site.url, tmp_path, "-s", "ARCHIVE_WRITER_AFTER=20")
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_archive(tmp_path / "state" / "archive")
    files = sorted({record.file for record in records})
    assert len(files) == 2   # the crawl's process wrote the first file, the writer process the second
    fetched = [sum(1 for r in records if r.file == name and r.type in ("response", "revisit")) for name in files]
    assert fetched[0] == 20 and fetched[1] > 20
    cited = {s["capture"]["record_id"] for s in read_jsonl(tmp_path / "exports" / "statements.jsonl")}
    assert cited <= {record.record_id for record in records}
    check = warcio_check(tmp_path / "state" / "archive")
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
