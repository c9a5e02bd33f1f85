"""Publishing the report: a new build folder swapped in whole, the feed renamed into place, a failed
build leaving the previous report, and `python -m crawler.report`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from crawler.report import build_after_run, build_report
from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer
from tests.crawl_support import ROOT, read_jsonl, run_crawl

PAGE_START, PAGE_END = "<!DOCTYPE html>", "</html>\n"


def copy_exports(crawled: tuple[Path, Any], tmp_path: Path) -> Path:
    exports = tmp_path / "exports"
    shutil.copytree(crawled[0], exports, symlinks=True)
    return exports


def whole(page: str) -> bool:
    return page.startswith(PAGE_START) and page.endswith(PAGE_END)


def test_a_build_replaces_the_report_folder_in_one_step(crawled: tuple[Path, Any], tmp_path: Path) -> None:
    exports = copy_exports(crawled, tmp_path)
    before = (exports / "report").resolve()
    paths = build_report(exports)
    assert paths == [exports / "report" / "index.html", exports / "changes.atom"]
    link = exports / "report"
    assert link.is_symlink() and link.resolve() != before and link.resolve().parent == exports / ".report-builds"
    assert [p.name for p in (exports / ".report-builds").iterdir()] == [link.resolve().name], "an old build was left behind"
    assert whole(paths[0].read_text(encoding="utf-8"))
    assert not list(exports.glob(".*.tmp")), "a temporary file was left behind"


def test_a_reader_sees_a_whole_report_while_builds_go_on(crawled: tuple[Path, Any], tmp_path: Path) -> None:
    exports = copy_exports(crawled, tmp_path)
    page, feed = exports / "report" / "index.html", exports / "changes.atom"
    done = threading.Event()
    reads: list[bool] = []

    def read() -> None:
        while not done.is_set() and len(reads) < 100_000:
            reads.append(whole(page.read_text(encoding="utf-8")) and feed.read_bytes().rstrip().endswith(b"</feed>"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(4):
            build_report(exports)
    finally:
        done.set()
        reader.join()
    assert reads and all(reads), f"{reads.count(False)} of {len(reads)} reads saw a partial or missing report"


def test_a_plain_report_folder_gives_way_to_the_link(crawled: tuple[Path, Any], tmp_path: Path) -> None:
    exports = copy_exports(crawled, tmp_path)
    built = (exports / "report").resolve()
    (exports / "report").unlink()
    shutil.copytree(built, exports / "report")   # e.g. a copy of the exports made without symlinks
    build_report(exports)
    assert (exports / "report").is_symlink() and whole((exports / "report" / "index.html").read_text(encoding="utf-8"))


def test_a_failed_build_keeps_the_previous_report(crawled: tuple[Path, Any], tmp_path: Path, caplog: Any) -> None:
    exports = copy_exports(crawled, tmp_path)
    before = (exports / "report").resolve()
    page, feed = (before / "index.html").read_bytes(), (exports / "changes.atom").read_bytes()
    with (exports / "statements.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "cut off in the mid')
    assert build_after_run(exports) is None
    assert "the report could not be built" in caplog.text and "JSONDecodeError" in caplog.text
    assert (exports / "report").resolve() == before and (before / "index.html").read_bytes() == page
    assert (exports / "changes.atom").read_bytes() == feed
    assert [p.name for p in (exports / ".report-builds").iterdir()] == [before.name]


def test_the_command_builds_from_an_exports_folder(crawled: tuple[Path, Any], tmp_path: Path) -> None:
    exports = copy_exports(crawled, tmp_path)
    done = subprocess.run([sys.executable, "-m", "crawler.report", str(exports)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{exports / 'report' / 'index.html'}  (" in done.stdout and f"{exports / 'changes.atom'}  (" in done.stdout
    empty = subprocess.run([sys.executable, "-m", "crawler.report", str(tmp_path / "none")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert empty.returncode == 2 and "no statements.jsonl" in empty.stderr


def test_a_run_whose_report_fails_publishes_its_exports_and_says_degraded(sample_site: SampleServer, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / ".report-builds").write_text("in the way of the build folders")
    result = run_crawl("statements", sample_site.url, tmp_path)
    assert result.returncode == 3, result.stderr[-3000:]
    assert "the report could not be built" in result.stderr and "FileExistsError" in result.stderr
    assert len(read_jsonl(tmp_path / "exports" / "statements.jsonl")) == len(list((CONTENT_DIR / "articles").glob("*.toml")))
    assert read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]["status"] == "ok"
    assert not (tmp_path / "exports" / "report").exists() and "report:" not in result.stdout
