"""The archive writer and extraction worker processes killed in the middle of a crawl: the crawl's process
takes over their work, and nothing is lost: every statement is exported once, every capture an export
cites is in the WARC files, and every file reads to its end with its digests right."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.crawl_site import build_content
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.archive.warc_support import read_archive, warcio_check
from tests.crawl_support import ROOT, crawl_command, read_jsonl, statement_fetches

STATEMENTS = 200


def workers(pid: int) -> list[int]:
    """The process's spawned multiprocessing workers (not its resource tracker)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def test_the_crawls_process_takes_over_from_workers_killed_mid_crawl(tmp_path: Path) -> None:
    articles, _events = build_content(tmp_path / "content", STATEMENTS, 0)
    workdir = tmp_path / "work"
    with SampleServer(tmp_path / "content") as server:
        crawl = subprocess.Popen(crawl_command("statements", server.url, workdir), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
