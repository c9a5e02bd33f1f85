"""A run that cannot write its exports fails (exit 4) with one clear message, rolls its state back,
removes its temporary files and leaves the previous exports as they were."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from crawler.sample_site.server import SampleServer
from crawler.state import StateStore
from tests.crawl_support import ROOT, read_jsonl, run_crawl

EXPORTS = ("statements.jsonl", "signatories.jsonl", "parties.jsonl", "runs.jsonl")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def state_of(workdir: Path) -> dict[str, dict[str, object]]:
    store = StateStore(workdir / "state" / "statements")
    try:
        return {record["id"]: record for record in store.records()}
    finally:
        store.close()


def test_an_exports_path_that_is_not_a_folder_fails_the_run_and_keeps_the_state(sample_site: SampleServer, tmp_path: Path) -> None:
    first = run_crawl("statements", sample_site.url, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    before = state_of(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the exports folder should be\n")

    result = run_crawl("statements", sample_site.url, tmp_path, "-s", f"EXPORTS_DIR={blocked}")
    assert result.returncode == 4, result.stderr[-3000:]
    messages = [line for line in result.stderr.splitlines() if f"cannot write exports in {blocked}" in line]
    assert len(messages) == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "cannot write the run record" in result.stderr
    assert blocked.read_text() == "a file where the exports folder should be\n"
    after = state_of(tmp_path)
    assert after == before, "the state was committed past exports that were never written"


PUBLISH_UNDER_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from crawler.context import RunContext
    from crawler.exporters import signatory_text
    from crawler.publish import PublishError, publish
    from crawler.recrawl import Recrawl, RecrawlPolicy
    from crawler.state import StateStore

    workdir, limit = Path(sys.argv[1]), int(sys.argv[2])
    state = StateStore(workdir / "state" / "statements")
    started = datetime.now(UTC).replace(microsecond=0)
    recrawl = Recrawl(state, RecrawlPolicy(60, 30), 99, started, lambda key: None)
    context = RunContext("run", "statements", started, 99, state, recrawl, workdir / "exports")
    row = next(iter(recrawl.rows.values()))
    record = state.record(row.id)
    changed = {**record, "title": "changed by the run that cannot publish"}
    state.save(row, changed, signatory_text(changed))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))   # a disk that is full past `limit` bytes per file
    try:
        publish(context)
    except PublishError as error:
        print(error)
        sys.exit(4)
    sys.exit(0)
    """
)


def test_a_full_disk_leaves_the_previous_exports_and_state_untouched(sample_site: SampleServer, tmp_path: Path) -> None:
    first = run_crawl("statements", sample_site.url, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    exports = tmp_path / "exports"
    before, state_before = snapshot(exports), state_of(tmp_path)
    assert len(before["statements.jsonl"]) > 100_000   # the limit below is hit while writing it

    result = subprocess.run(
        [sys.executable, "-c", PUBLISH_UNDER_LIMIT, str(tmp_path), "100000"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 4, result.stdout + result.stderr
    assert result.stdout.strip() == f"cannot write exports in {exports}: File too large"
    assert snapshot(exports) == before, "the previous exports were touched or temporary files left behind"
    assert state_of(tmp_path) == state_before, "the state was committed"
    assert all(json.loads(line) for line in (exports / "statements.jsonl").read_text().splitlines())
    assert read_jsonl(exports / "runs.jsonl")[-1]["published"] is True
