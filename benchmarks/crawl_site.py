"""Whole-crawl speed and memory: the real `scrapy crawl statements` against a scaled copy of the sample site.

The bundled article files are copied `--copies` times into a temp content folder, each copy with a unique
`path` (slug paths get a `-c<k>` suffix, `/article/<uuid>` paths a changed last uuid group); events are
copied once. `SampleServer` serves that folder from a thread of this process; the crawl runs as a child
process with fast settings, twice into the same temp workdir (run 2 is incremental: conditional requests
or carried-over records, as the recrawl policy decides), then a third time with `-a reextract=1` (every page
read from the web archive the first two runs wrote; the server should see no request).

Peak RSS method: each crawl is started with `subprocess.Popen` and reaped with `os.wait4(pid)`, whose
rusage is that one child's own (ru_maxrss in KiB on Linux). Unlike `getrusage(RUSAGE_CHILDREN)`, which
is the max over all children reaped so far, it needs no deltas and cannot hide a smaller second run.

Note: the server shares this machine's cores with the crawl, so wall times include serving the pages.

    .venv/bin/python benchmarks/crawl_site.py [--copies N]
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.sample_site.content import CONTENT_DIR  # noqa: E402
from crawler.sample_site.server import SampleServer  # noqa: E402
from tests.crawl_support import crawl_command  # noqa: E402

PATH_LINE = re.compile(r'^path = "(/[^"]+)"$', re.M)
ONLY_LINKED = re.compile(r"^sitemap = false$", re.M)   # reached through one link or the feed: copied once
UUID_TAIL = re.compile(r"[0-9a-f]{4}(/?)$", re.I)
FAST = ("-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING")
EXPORTS = ("statements", "signatories", "parties", "runs")


@dataclass(frozen=True)
class Run:
    exit_code: int
    wall: float
    max_rss_kib: int
    crawl_cpu: float    # user + system seconds of the crawl process
    server_cpu: float   # user + system seconds of this process (the server thread) during the crawl


def _copied_path_line(match: re.Match[str], copy: int) -> str:
    return f'path = "{copied_path(match.group(1), copy)}"'


def copied_path(path: str, copy: int) -> str:
    """A unique path for copy k (copy 0 keeps the original), in the same form as the original."""
    if copy == 0:
        return path
    slash = "/" if path.endswith("/") else ""
    bare = path.rstrip("/")
    if re.fullmatch(r"/article/[0-9a-f-]{36}", bare, re.I):
        return UUID_TAIL.sub(f"{copy:04x}", bare) + slash
    return f"{bare}-c{copy}{slash}"


def build_content(target: Path, copies: int) -> int:
    """The scaled content folder; returns how many article files it holds. Pages that only a link or the
    feed leads to are copied once (their copies would be unreachable)."""
    shutil.copytree(CONTENT_DIR / "events", target / "events")
    articles = target / "articles"
    articles.mkdir()
    written = 0
    for source in sorted((CONTENT_DIR / "articles").glob("*.toml")):
        text = source.read_text(encoding="utf-8")
        if not PATH_LINE.search(text):
            raise SystemExit(f"{source.name}: no `path = \"...\"` line to rewrite")
        for copy in range(1 if ONLY_LINKED.search(text) else copies):
            scaled = PATH_LINE.sub(functools.partial(_copied_path_line, copy=copy), text, count=1)
            (articles / f"{source.stem}-c{copy:03d}.toml").write_text(scaled, encoding="utf-8")
            written += 1
    return written


def crawl(base_url: str, workdir: Path, log: Path, *extra: str) -> Run:
    """One `scrapy crawl statements` child; its own peak RSS from os.wait4."""
    command = crawl_command("statements", base_url, workdir, *FAST, *extra)
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)
    with log.open("wb") as out:
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    child.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(child.returncode, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, server_cpu)


def lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def report(number: int, run: Run, server: SampleServer, exports: Path, log: Path) -> None:
    served = len(server.log.entries)
    paths = server.site.content.article_paths()
    bodies_200 = server.log.count_paths(paths, 200)
    bodies_304 = server.log.count_paths(paths, 304)
    statements = lines(exports / "statements.jsonl") if (exports / "statements.jsonl").exists() else 0
    print(f"run {number}: exit {run.exit_code}, wall {run.wall:.2f} s, peak RSS {run.max_rss_kib / 1024:.1f} MiB")
    print(f"  CPU: crawl process {run.crawl_cpu:.2f} s, sample-site server {run.server_cpu:.2f} s")
    print(f"  statements exported {statements}")
    print(f"  requests served {served} (article bodies: {bodies_200} x 200, {bodies_304} x 304; "
          f"statuses {dict(sorted(server.log.statuses().items()))})")
    print(f"  {served / run.wall:.1f} requests/s, {bodies_200 / run.wall:.1f} article pages (200)/s, "
          f"{statements / run.wall:.1f} statements exported/s")
    sizes = ", ".join(
        f"{name}.jsonl {(exports / f'{name}.jsonl').stat().st_size / 1024:.0f} KiB ({lines(exports / f'{name}.jsonl')} lines)"
        for name in EXPORTS
        if (exports / f"{name}.jsonl").exists()
    )
    print(f"  exports: {sizes}")
    warcs = list((exports.parent / "state" / "archive").glob("*.warc.gz"))
    size = sum(p.stat().st_size for p in warcs)
    print(f"  archive: {len(warcs)} WARC files, {size / 2**20:.1f} MiB in all "
          f"({size / max(statements, 1) * 1000 / 2**20:.1f} MiB per 1,000 statements)")
    if run.exit_code != 0:
        print(f"  crawl log: {log} (last lines)")
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()[-10:]:
            print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of each bundled article (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (content, workdir, crawl logs)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    try:
        articles = build_content(tmp / "content", args.copies)
        print(f"crawl_site: {articles} article files ({args.copies} copies), content in {tmp / 'content'}")
        with SampleServer(tmp / "content") as server:
            for number, extra in ((1, ()), (2, ()), (3, ("-a", "reextract=1"))):   # 3: re-extraction from the archive
                server.log.clear()
                log = tmp / f"crawl-{number}.log"
                run = crawl(server.url, tmp / "work", log, *extra)
                report(number, run, server, tmp / "work" / "exports", log)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
