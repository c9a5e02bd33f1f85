"""The sample site's exports, byte for byte apart from time fields, against the committed golden files.

Regenerate them after an intended change: `.venv/bin/python -m tests.golden_exports` (see that module)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sample_site.server import SampleServer
from tests.golden_exports import GOLDEN_DIR, crawl_exports


@pytest.fixture(scope="module")
def exports(sample_site: SampleServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return crawl_exports(sample_site, tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", ["statements.jsonl", "signatories.jsonl", "parties.jsonl", "events.jsonl"])
def test_exports_match_the_golden_files(exports: dict[str, str], name: str) -> None:
    golden = (GOLDEN_DIR / name).read_text(encoding="utf-8")
    assert golden.count("\n") > 10, f"{name}: a golden file with next to nothing in it"
    assert exports[name] == golden, f"{name} differs from {Path(GOLDEN_DIR / name)}; regenerate with python -m tests.golden_exports if intended"
