"""What a cron job relies on: a killed run leaves the exports alone, one run at a time, exit codes,
and `bin/nightly`. Real `scrapy crawl` processes against a private copy of the sample site."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from crawler.lock import RunLock
from crawler.sample_site.server import SampleServer
from crawler.schemas import problems
from crawler.state import StateStore
from tests.crawl_support import (
    FAST,
    ROOT,
    crawl_command,
    read_jsonl,
    run_crawl,
    statement_fetches,
)

EXPORTS = ("statements.jsonl", "signatories.jsonl", "parties.jsonl")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder that is not a dot-file, by name (the report folder left out)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def article_count(site: SampleServer) -> int:
    return len(list((site.site.content.root / "articles").glob("*.toml")))


def first_run(site: SampleServer, workdir: Path) -> dict[str, bytes]:
    result = run_crawl("statements", site.url, workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return snapshot(workdir / "exports")


def test_killed_run_leaves_previous_exports_and_next_run_completes(own_site: SampleServer, tmp_path: Path) -> None:
    before = first_run(own_site, tmp_path)
    own_site.log.clear()
    slow = ("-a", "full=1", "-s", "DOWNLOAD_DELAY=0.2", "-s", "CONCURRENT_REQUESTS=1")
    output = tmp_path / "killed-run.log"
    with output.open("w") as stderr:
        process = subprocess.Popen(
            crawl_command("statements", own_site.url, tmp_path, *slow), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 60
        while statement_fetches(own_site.log, own_site.site.content.root) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, f"the run ended before it could be killed:\n{output.read_text()[-3000:]}"
        assert statement_fetches(own_site.log, own_site.site.content.root) >= 3
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert statement_fetches(own_site.log, own_site.site.content.root) < article_count(own_site)
    assert snapshot(tmp_path / "exports") == before

    result = run_crawl("statements", own_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    statements = read_jsonl(tmp_path / "exports" / "statements.jsonl")
    assert len(statements) == len({s["id"] for s in statements}) == article_count(own_site)
    assert [p.name for p in (tmp_path / "exports").iterdir() if p.name.endswith(".tmp")] == []
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["status"] == "ok" and run["counts"]["new"] == 0


def test_a_held_lock_stops_a_second_run_at_once(own_site: SampleServer, tmp_path: Path) -> None:
    lock = RunLock(tmp_path / "state" / "statements.lock")
    assert lock.acquire()
    try:
        result = run_crawl("statements", own_site.url, tmp_path)
    finally:
        lock.release()
    assert result.returncode == 75
    assert "another 'statements' run holds" in result.stderr
    assert not (tmp_path / "exports").exists()
    assert [p.name for p in (tmp_path / "state").iterdir()] == ["statements.lock"]
    assert own_site.log.paths() == []


def test_a_site_without_statements_fails_with_exit_4_and_keeps_exports_and_state(
    own_site: SampleServer, tmp_path: Path
) -> None:
    before = first_run(own_site, tmp_path)
    articles = own_site.site.content.root / "articles"
    articles.rename(tmp_path / "articles")
    articles.mkdir()
    result = run_crawl("statements", own_site.url, tmp_path)
    assert result.returncode == 4, result.stderr[-3000:]
    after = snapshot(tmp_path / "exports")
    assert {n: after[n] for n in EXPORTS} == {n: before[n] for n in EXPORTS}
    runs = read_jsonl(tmp_path / "exports" / "runs.jsonl")
    assert len(runs) == 2 and all(problems("run", run) == [] for run in runs)
    assert runs[-1]["status"] == "failed" and runs[-1]["published"] is False
    assert "no statements found" in runs[-1]["reason"]
    state = StateStore(tmp_path / "state" / "statements")
    try:
        rows = state.rows()
    finally:
        state.close()
    assert len(rows) == len(list((tmp_path / "articles").glob("*.toml")))
    assert [row.id for row in rows.values() if row.removed_at] == [], "the failed run's removals were kept"

    articles.rmdir()
    (tmp_path / "articles").rename(articles)
    result = run_crawl("statements", own_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    counts = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]["counts"]
    assert counts["removed"] == counts["gone"] == counts["new"] == 0, "the failed run's removals were kept"
    assert counts["unchanged"] == counts["requests_saved"] == article_count(own_site), counts


def test_a_degraded_run_exits_3_and_publishes(own_site: SampleServer, tmp_path: Path) -> None:
    result = run_crawl("statements", own_site.url, tmp_path, "-s", "MAX_ERROR_SHARE=-1")
    assert result.returncode == 3, result.stderr[-3000:]
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert problems("run", run) == []
    assert run["status"] == "degraded" and run["published"] is True and run["reason"]
    assert len(read_jsonl(tmp_path / "exports" / "statements.jsonl")) == article_count(own_site)


def nightly(site: SampleServer, workdir: Path) -> subprocess.CompletedProcess[str]:
    settings = (
        "-s", f"SOLIDNET_URL={site.url}",
        "-s", f"EXPORTS_DIR={workdir / 'exports'}",
        "-s", f"STATE_DIR={workdir / 'state'}",
        *FAST,
    )
    return subprocess.run(
        [str(ROOT / "bin" / "nightly"), *settings],
        cwd=workdir, env={**os.environ, "SOLIDNET_LOG_DIR": str(workdir / "logs")},
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_nightly_runs_both_spiders_with_a_log_each(own_site: SampleServer, tmp_path: Path) -> None:
    result = nightly(own_site, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    for spider in ("statements", "events"):
        log = (tmp_path / "logs" / f"{spider}-{day}.log").read_text(encoding="utf-8")
        assert "Spider closed (finished)" in log
        assert "derived outputs written" not in log   # built once, after both crawls
    runs = read_jsonl(tmp_path / "exports" / "runs.jsonl")
    assert [(r["spider"], r["status"]) for r in runs] == [("statements", "ok"), ("events", "ok")]
    assert (tmp_path / "exports" / "events.jsonl").stat().st_size > 0
    build_log = (tmp_path / "logs" / f"build-{day}.log").read_text(encoding="utf-8")
    assert build_log.count("derived outputs written") == 1 and "report built" in build_log
    assert "build exited 0" in result.stderr
    with sqlite3.connect(tmp_path / "exports" / "solidnet.sqlite") as db:   # made from both runs' exports
        assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == len(read_jsonl(tmp_path / "exports" / "statements.jsonl"))
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == len(read_jsonl(tmp_path / "exports" / "events.jsonl"))
    assert (tmp_path / "exports" / "report" / "index.html").exists()


def test_nightly_exits_with_the_worst_code(own_site: SampleServer, tmp_path: Path) -> None:
    lock = RunLock(tmp_path / "state" / "statements.lock")
    assert lock.acquire()
    try:
        result = nightly(own_site, tmp_path)
    finally:
        lock.release()
    assert result.returncode == 75, result.stderr[-3000:]
    assert "statements exited 75" in result.stderr and "events exited 0" in result.stderr
    assert [r["spider"] for r in read_jsonl(tmp_path / "exports" / "runs.jsonl")] == ["events"]


def test_build_says_when_there_are_no_exports(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "build", "-s", f"EXPORTS_DIR={tmp_path / 'exports'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 2
    assert f"no JSON Lines exports in {tmp_path / 'exports'}" in result.stderr
    assert not (tmp_path / "exports").exists()
