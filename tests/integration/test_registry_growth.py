"""A party added to the registry reaches the statements a run does not fetch again."""

from __future__ import annotations

from pathlib import Path

from crawler.parties.registry import REGISTRY_PATH
from tests.crawl_support import read_jsonl, run_crawl


def test_a_grown_registry_resolves_carried_over_statements(sample_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = REGISTRY_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    smaller = tmp_path / "registry-without-kke.csv"
    smaller.write_text("".join(r for r in rows if not r.startswith("kke,")), encoding="utf-8")

    first = run_crawl("statements", sample_site.url, tmp_path, "-s", f"PARTY_REGISTRY={smaller}")
    assert first.returncode == 0, first.stderr[-2000:]
    before = {s["id"]: s for s in read_jsonl(tmp_path / "exports" / "statements.jsonl")}
    unresolved = {i for i, s in before.items() if any(p["party_id"] is None and "Greece" in p["name"] for p in s["signatories"])}
    assert unresolved

    second = run_crawl("statements", sample_site.url, tmp_path)
    assert second.returncode == 0, second.stderr[-2000:]
    after = {s["id"]: s for s in read_jsonl(tmp_path / "exports" / "statements.jsonl")}
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["counts"]["requests_saved"] == len(after)          # nothing was fetched again ...
    assert run["counts"]["reused"] == 0                             # ... every record was built again ...
    for statement_id in unresolved:                                 # ... and KKE is resolved
        assert "kke" in {p["party_id"] for p in after[statement_id]["signatories"]}
        assert after[statement_id]["last_changed"] == run["started_at"]
        assert after[statement_id]["first_seen"] == before[statement_id]["first_seen"]
    assert run["counts"]["changed"] >= len(unresolved)
