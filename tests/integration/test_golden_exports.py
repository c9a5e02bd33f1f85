"""The sample site's exports, byte for byte apart from time fields, against the committed golden files.

Regenerate them after an intended change: `.venv/bin/python -m tests.golden_exports` (see that module)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sample_site.server import SampleServer
from tests.crawl_support import run_crawl
from tests.golden_exports import EXPORTS, GOLDEN_DIR, blanked, crawl_exports


@pytest.fixture(scope="module")
def exports(sample_site: SampleServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return crawl_exports(sample_site, tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", ["statements.jsonl", "signatories.jsonl", "parties.jsonl", "events.jsonl"])
def test_exports_match_the_golden_files(exports: dict[str, str], name: str) -> None:
    golden = (GOLDEN_DIR / name).read_text(encoding="utf-8")
    assert golden.count("\n") > 10, f"{name}: a golden file with next to nothing in it"
    assert exports[name] == golden, f"{name} differs from {Path(GOLDEN_DIR / name)}; regenerate with python -m tests.golden_exports if intended"


def test_sitemap_requests_sent_a_batch_at_a_time_give_the_same_exports(sample_site: SampleServer, tmp_path: Path) -> None:
    """A sitemap's requests go out `SITEMAP_BATCH` at a time, the next batch once the scheduler holds none
    (here one at a time; `tests/spiders/test_sitemap_batches.py` shows the wait): a first run and a rerun
    export what they do with the default batch."""
    for run in ("first", "rerun"):
        result = run_crawl("statements", sample_site.url, tmp_path, "-s", "SITEMAP_BATCH=1")
        assert result.returncode == 0, result.stderr[-3000:]
        for name in EXPORTS["statements"]:
            exported = blanked((tmp_path / "exports" / name).read_text(encoding="utf-8"), sample_site.url)
            assert exported == (GOLDEN_DIR / name).read_text(encoding="utf-8"), f"{run}: {name}"
        entries = re.search(r"'sitemap/entries': (\d+)", result.stderr)
        assert entries is not None and int(entries.group(1)) > 40, run
