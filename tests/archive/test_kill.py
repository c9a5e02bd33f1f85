"""A first crawl killed with SIGKILL at random points, on one state and exports folder, then run to its end:
no export file is ever partial, no run is refused by a stale lock, every WARC file stays readable, the last
run exports every statement once, and the site sends each article body about once over all the runs."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.crawl_site import build_content
from crawler.commands.crawl import EXIT_LOCKED
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.archive.warc_support import read_archive, warcio_check
from tests.crawl_support import ROOT, crawl_command, read_jsonl, statement_fetches

STATEMENTS = 200    # a first crawl of some seconds
KILLS = 4           # of the first crawl
LATER_KILLS = 2     # of the incremental runs after it
MAX_BODIES_PER_PAGE = 1.2


def assert_whole(workdir: Path) -> int:
    """Every export file parses line by line, every WARC file reads to its end; returns the WARC records."""
    for path in (workdir / "exports").glob("*.jsonl"):
        text = path.read_text(encoding="utf-8")
        assert text == "" or text.endswith("\n"), f"{path.name} ends mid-line"
        for line in text.splitlines():
            json.loads(line)
    return len(read_archive(workdir / "state" / "archive"))


def assert_exported_once(workdir: Path, expected: set[str]) -> None:
    ids = [s["id"] for s in read_jsonl(workdir / "exports" / "statements.jsonl")]
    assert len(ids) == len(set(ids)) and set(ids) == expected


def test_killed_first_crawls_keep_their_progress(tmp_path: Path) -> None:
    articles, _events = build_content(tmp_path / "content", STATEMENTS, 0)   # the bundled events once
    rng = random.Random(14)
    workdir = tmp_path / "work"
    with SampleServer(tmp_path / "content") as server:
        content = tmp_path / "content"
        # kill points: a few moments of start-up, and article counts spread over the crawl
        targets = sorted(rng.sample(range(10, int(articles * 0.9)), KILLS - 1))
        points: list[tuple[str, float]] = [("seconds", rng.uniform(0.3, 1.5))] + [("bodies", t) for t in targets]
        killed = 0
        for kind, point in points:
            command = crawl_command("statements", server.url, workdir, "-s", "LOG_LEVEL=WARNING")
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            started = time.monotonic()
            while child.poll() is None:
                reached = time.monotonic() - started if kind == "seconds" else statement_fetches(server.log, content, 200)
                if reached >= point:
                    os.kill(child.pid, signal.SIGKILL)
                    killed += 1
                    break
                time.sleep(0.01)
            stderr = child.communicate()[1].decode("utf-8", "replace")
            assert child.returncode != EXIT_LOCKED, f"a run refused by a stale lock: {stderr[-2000:]}"
            assert child.returncode in (-signal.SIGKILL, 0), stderr[-3000:]
            assert_whole(workdir)
        assert killed >= KILLS - 1

        final = subprocess.run(crawl_command("statements", server.url, workdir, "-s", "LOG_LEVEL=WARNING"), cwd=ROOT, capture_output=True, text=True, check=False)
        assert final.returncode == 0, final.stderr[-3000:]
        bodies = statement_fetches(server.log, content, 200)
        paths = server.site.content.article_paths()
        assert len(paths) == articles
        run = read_jsonl(workdir / "exports" / "runs.jsonl")[-1]
        assert run["published"] is True and run["counts"]["archive_resumed"] > 0
        assert_exported_once(workdir, {page_id(server.url + path) for path in paths})
        assert assert_whole(workdir) > 2 * articles
        assert bodies <= MAX_BODIES_PER_PAGE * articles, f"{bodies} article bodies sent for {articles} article pages"

        # later runs killed at random moments (one may be writing the exports): the published files stay whole
        for _ in range(LATER_KILLS):
            child = subprocess.Popen(crawl_command("statements", server.url, workdir, "-s", "LOG_LEVEL=WARNING"), cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(1.0, 3.0))
            child.send_signal(signal.SIGKILL)
            assert child.wait() in (-signal.SIGKILL, 0)
            assert_whole(workdir)
            assert_exported_once(workdir, {page_id(server.url + path) for path in paths})
    check = warcio_check(workdir / "state" / "archive")   # every block and payload digest of every file
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    print(f"kill test: {killed} + {LATER_KILLS} kills, {bodies} article bodies for {articles} pages ({bodies / articles:.2f}), "
          f"{run['counts']['archive_resumed']} pages resumed from the archive by the last run")
