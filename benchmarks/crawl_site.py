"""Whole-crawl cost against a bare fetch of the same URLs: wall time, CPU and peak RSS, at several site sizes.

For each scale (`--scales`, statements), one run of this script:
1. builds a scaled copy of the sample site in a temp folder: the bundled article files copied until
   the site holds exactly that many statements, each copy with a unique `path` (slug paths get a
   `-c<k>` suffix, `/article/<uuid>` paths a changed last uuid group; pages only a link or the feed
   leads to are copied once), and the event files copied to a tenth as many events, at most 300
   (copies get a numbered title and path; only the originals are in the side list);
2. serves it with `SampleServer` from a thread of this process;
3. `--repeats` times, alternately: the real `scrapy crawl statements` on an empty state, as
   `bin/nightly` runs it (`-s DERIVED_OUTPUTS=False`), then `scrapy build` on its exports (the
   SQLite, CSV, network files, report and feed, which the nightly builds once after both crawls;
   timed on its own), a bare Scrapy fetch (`bare_fetch.py`) of exactly the URLs the server's log
   shows that crawl asked for, a rerun of the crawl on its state with the site unchanged, and a
   re-extraction of that state (`-a reextract=1`: every page read from the web archive the two
   crawls wrote, no request to the server); then the same for `scrapy crawl events`;
4. prints the median of each figure and the median of the per-repeat ratios (each crawl against
   the bare fetch that ran next to it, so a machine whose load drifts still gives fair ratios).

Both sides run with 16 concurrent requests, no delays, no AutoThrottle. CPU is the child process's
user + system time, its extraction workers' included, and peak RSS the largest ru_maxrss among them,
both from `os.wait4` (neither includes the server, which shares the machine's cores with the crawl
and with the bare fetch alike). Every child is started by `launcher.py`, a small process of its own,
so that no child's peak RSS includes the benchmark's (Linux folds the memory a process held before
`exec` into its `ru_maxrss`).

    .venv/bin/python benchmarks/crawl_site.py [--scales 1000,10000] [--repeats 3] [--keep]
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.sample_site.content import CONTENT_DIR  # noqa: E402
from crawler.sample_site.server import SampleServer  # noqa: E402
from tests.crawl_support import crawl_command  # noqa: E402

PATH_LINE = re.compile(r'^path = "(/[^"]+)"$', re.M)
TITLE_LINE = re.compile(r'^title = "([^"]+)"$', re.M)
SIDEBAR_LINE = re.compile(r"^sidebar = true$", re.M)
ONLY_LINKED = re.compile(r"^sitemap = false$", re.M)   # reached through one link or the feed: copied once
UUID_TAIL = re.compile(r"[0-9a-f]{4}(/?)$", re.I)
CONCURRENCY = ("-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=INFO",
               "-s", "DERIVED_OUTPUTS=False")   # as bin/nightly runs the crawls; `scrapy build` is timed apart
BARE_FETCH = Path(__file__).resolve().parent / "bare_fetch.py"
LAUNCHER = Path(__file__).resolve().parent / "launcher.py"
EVENTS_PER_STATEMENT = 0.1
MAX_EVENTS = 300   # the real site lists hundreds of events, not thousands; keeps `make bench` near 10 minutes


@dataclass(frozen=True)
class Run:
    """One child process: a crawl or a bare fetch."""

    exit_code: int
    wall: float
    cpu: float          # user + system seconds of the child
    max_rss_kib: int
    requests: int       # answered by the server during the run
    bodies: int         # statement (or event) pages answered 200
    not_modified: int   # ... answered 304


@dataclass(frozen=True)
class Repeat:
    crawl: Run
    build: Run   # `scrapy build` on the crawl's exports
    bare: Run
    rerun: Run
    reextract: Run
    archive_bytes: int   # the WARC files the crawl and the rerun wrote


# --- the scaled site -------------------------------------------------------------


def copied_path(path: str, copy: int) -> str:
    """A unique path for copy k (copy 0 keeps the original), in the same form as the original."""
    if copy == 0:
        return path
    slash = "/" if path.endswith("/") else ""
    bare = path.rstrip("/")
    if re.fullmatch(r"/article/[0-9a-f-]{36}", bare, re.I):
        return UUID_TAIL.sub(f"{copy:04x}", bare) + slash
    return f"{bare}-c{copy}{slash}"


def _copied_path_line(match: re.Match[str], copy: int) -> str:
    return f'path = "{copied_path(match.group(1), copy)}"'


def _numbered_title_line(match: re.Match[str], copy: int) -> str:
    return f'title = "{match.group(1)} {copy}"'


def _copies(sources: list[Path], wanted: int, copied_once: Callable[[str], bool]) -> list[tuple[Path, str, int]]:
    """(source, its text, copy number) for `wanted` files: every file once, then the others copied
    round by round until there are `wanted` (the last round may be partial)."""
    texts = [(source, source.read_text(encoding="utf-8")) for source in sources]
    chosen = [(source, text, 0) for source, text in texts]
    scaled = [(source, text) for source, text in texts if not copied_once(text)]
    copy = 1
    while len(chosen) < wanted and scaled:
        chosen += [(source, text, copy) for source, text in scaled[: wanted - len(chosen)]]
        copy += 1
    return chosen


def build_content(target: Path, statements: int, events: int) -> tuple[int, int]:
    """The scaled content folder; returns how many article and event files it holds."""
    for folder in ("articles", "events"):
        (target / folder).mkdir(parents=True)
    articles = sorted((CONTENT_DIR / "articles").glob("*.toml"))
    for source, text, copy in _copies(articles, statements, lambda text: bool(ONLY_LINKED.search(text))):
        if not PATH_LINE.search(text):
            raise SystemExit(f"{source.name}: no `path = \"...\"` line to rewrite")
        scaled = PATH_LINE.sub(functools.partial(_copied_path_line, copy=copy), text, count=1)
        (target / "articles" / f"{source.stem}-c{copy:04d}.toml").write_text(scaled, encoding="utf-8")
    event_files = sorted((CONTENT_DIR / "events").glob("*.toml"))
    chosen_events = _copies(event_files, events, lambda _text: False)
    for source, text, copy in chosen_events:
        if copy:   # another event: its own title (so its own id) and path, not in the side list
            text = TITLE_LINE.sub(functools.partial(_numbered_title_line, copy=copy), text, count=1)
            text = PATH_LINE.sub(functools.partial(_copied_path_line, copy=copy), text, count=1)
            text = SIDEBAR_LINE.sub("sidebar = false", text)
        (target / "events" / f"{source.stem}-c{copy:04d}.toml").write_text(text, encoding="utf-8")
    return len(list((target / "articles").iterdir())), len(chosen_events)


# --- runs ----------------------------------------------------------------------


class Launcher:
    """The process that starts every child (`launcher.py`), so each child's peak RSS is its own."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(LAUNCHER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, command: list[str], log: Path) -> dict[str, float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"command": command, "cwd": str(ROOT), "log": str(log)}) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SystemExit(f"the launcher ended (exit {self.process.wait()}) before running {command[:4]}")
        result: dict[str, float] = json.loads(answer)
        return result

    def child(self, command: list[str], server: SampleServer, log: Path, page_prefix: str) -> Run:
        """One child process, its CPU and peak RSS as the launcher measured them; what the server answered meanwhile."""
        server.log.clear()
        ran = self.run(command, log)
        if page_prefix == "/article/":
            paths = server.site.content.article_paths()
            bodies, not_modified = server.log.count_paths(paths, 200), server.log.count_paths(paths, 304)
        else:
            bodies, not_modified = server.log.count(page_prefix, 200), server.log.count(page_prefix, 304)
        return Run(
            int(ran["exit_code"]), ran["wall"], ran["cpu"], int(ran["max_rss_kib"]),
            len(server.log.entries), bodies, not_modified,
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def requested_urls(server: SampleServer) -> list[str]:
    """Every URL the server answered since the log was cleared, in order (called once the child has exited)."""
    return [server.url + target for target, _status in list(server.log.entries)]


def repeat(launcher: Launcher, spider: str, server: SampleServer, work: Path, page_prefix: str) -> Repeat:
    """The crawl on an empty state, the bare fetch of its URLs, the rerun on its state."""
    work.mkdir(parents=True)
    run_child = launcher.child
    crawl = run_child(crawl_command(spider, server.url, work, *CONCURRENCY), server, work / "crawl.log", page_prefix)
    (work / "urls.txt").write_text("\n".join(requested_urls(server)) + "\n", encoding="utf-8")
    build_command = [sys.executable, "-m", "scrapy", "build", "-s", f"EXPORTS_DIR={work / 'exports'}", "-s", "LOG_LEVEL=INFO"]
    build = run_child(build_command, server, work / "build.log", page_prefix)
    bare_command = [sys.executable, str(BARE_FETCH), str(work / "urls.txt")]
    bare = run_child(bare_command, server, work / "bare.log", page_prefix)
    rerun = run_child(crawl_command(spider, server.url, work, *CONCURRENCY), server, work / "rerun.log", page_prefix)
    archive_bytes = sum(p.stat().st_size for p in (work / "state" / "archive").glob("*.warc.gz"))
    reextract_command = crawl_command(spider, server.url, work, *CONCURRENCY, "-a", "reextract=1")
    reextract = run_child(reextract_command, server, work / "reextract.log", page_prefix)
    for run, name in ((crawl, "crawl"), (build, "build"), (bare, "bare"), (rerun, "rerun"), (reextract, "reextract")):
        if run.exit_code != 0:
            tail = (work / f"{name}.log").read_text(encoding="utf-8", errors="replace").splitlines()[-8:]
            print(f"  {spider} {name}: exit {run.exit_code}; log {work / f'{name}.log'}:", *tail, sep="\n    ")
    return Repeat(crawl, build, bare, rerun, reextract, archive_bytes)


# --- report ----------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def report(spider: str, scale: int, pages: int, repeats: list[Repeat]) -> dict[str, float]:
    """Prints one spider's figures at one scale; returns the medians for the summary."""
    crawl = [r.crawl for r in repeats]
    bare = [r.bare for r in repeats]
    rerun = [r.rerun for r in repeats]
    requests = median([r.requests for r in crawl])
    figures = {
        "crawl wall": median([r.wall for r in crawl]),
        "bare wall": median([r.wall for r in bare]),
        "wall ratio": median([r.crawl.wall / r.bare.wall for r in repeats]),
        "crawl cpu": median([r.cpu for r in crawl]),
        "bare cpu": median([r.cpu for r in bare]),
        "cpu ratio": median([r.crawl.cpu / r.bare.cpu for r in repeats]),
        "extra ms/request": median([1000 * (r.crawl.cpu - r.bare.cpu) / r.crawl.requests for r in repeats]),
        "crawl rss": median([r.max_rss_kib / 1024 for r in crawl]),
        "bare rss": median([r.max_rss_kib / 1024 for r in bare]),
        "rss ratio": median([r.crawl.max_rss_kib / r.bare.max_rss_kib for r in repeats]),
        "rerun wall": median([r.wall for r in rerun]),
        "rerun share": median([r.rerun.wall / r.crawl.wall for r in repeats]),
        "rerun bodies": median([100 * r.rerun.bodies / pages for r in repeats]) if pages else 0.0,
        "rerun 304": median([r.not_modified for r in rerun]),
        "rerun requests": median([r.requests for r in rerun]),
        "reextract wall": median([r.reextract.wall for r in repeats]),
        "build wall": median([r.build.wall for r in repeats]),
        "build cpu": median([r.build.cpu for r in repeats]),
        "build rss": median([r.build.max_rss_kib / 1024 for r in repeats]),
        "reextract requests": median([r.reextract.requests for r in repeats]),
        "archive MiB": median([r.archive_bytes / 2**20 for r in repeats]),
    }
    print(f"\n{spider} at {scale:,} statements: {pages:,} {'statement' if spider == 'statements' else 'event'} pages, "
          f"{requests:,.0f} requests a first run (median of {len(repeats)} repeats; each ratio is the median of "
          "the per-repeat ratios)")
    print("  exit codes: " + ", ".join(f"{r.crawl.exit_code}/{r.build.exit_code}/{r.bare.exit_code}/{r.rerun.exit_code}/"
                                       f"{r.reextract.exit_code}" for r in repeats) + " (crawl/build/bare/rerun/re-extraction)")
    print(f"  {'':18} {'crawl':>10} {'bare fetch':>10} {'ratio':>7}")
    print(f"  {'wall s':18} {figures['crawl wall']:10.2f} {figures['bare wall']:10.2f} {figures['wall ratio']:7.2f}")
    print(f"  {'CPU s':18} {figures['crawl cpu']:10.2f} {figures['bare cpu']:10.2f} {figures['cpu ratio']:7.2f}"
          f"   extra CPU {figures['extra ms/request']:.2f} ms/request")
    print(f"  {'peak RSS MiB':18} {figures['crawl rss']:10.1f} {figures['bare rss']:10.1f} {figures['rss ratio']:7.2f}")
    print(f"  rerun, site unchanged: wall {figures['rerun wall']:.2f} s = {100 * figures['rerun share']:.0f}% of the "
          f"first run; {figures['rerun requests']:,.0f} requests; bodies downloaded again "
          f"{figures['rerun bodies']:.1f}% of the pages; {figures['rerun 304']:,.0f} answered 304")
    print(f"  re-extraction from the archive: wall {figures['reextract wall']:.2f} s, "
          f"{figures['reextract requests']:,.0f} requests to the server; archive after the two crawls "
          f"{figures['archive MiB']:.1f} MiB" + (f" = {figures['archive MiB'] * 1000 / scale:.2f} MiB per 1,000 statements"
                                                 if spider == "statements" else ""))
    print(f"  scrapy build on its exports (SQLite, CSV, network, report, feed; once a night, after both crawls): "
          f"wall {figures['build wall']:.2f} s, CPU {figures['build cpu']:.2f} s, peak RSS {figures['build rss']:.1f} MiB")
    print("  each repeat (wall s crawl/bare/rerun): "
          + "; ".join(f"{r.crawl.wall:.1f}/{r.bare.wall:.1f}/{r.rerun.wall:.1f}" for r in repeats))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1000,10000", help="statement counts, comma-separated (default 1000,10000)")
    parser.add_argument("--repeats", type=int, default=3, help="crawl / bare fetch / rerun triples per spider and scale")
    parser.add_argument("--spiders", default="statements,events", help="which crawls to measure (default both)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (content, workdirs, logs)")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    spiders = args.spiders.split(",")

    launcher = Launcher()   # before the site is built: its children start small
    tmp = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    started = time.perf_counter()
    summary: dict[tuple[str, int], dict[str, float]] = {}
    try:
        for scale in scales:
            content = tmp / f"site-{scale}"
            articles, events = build_content(content, scale, min(MAX_EVENTS, max(1, round(scale * EVENTS_PER_STATEMENT))))
            print(f"\n== {scale:,} statements: {articles:,} article files, {events:,} event files in {content}",
                  flush=True)
            with SampleServer(content) as server:
                for spider in spiders:
                    prefix = "/article/" if spider == "statements" else "/event/"
                    repeats = [repeat(launcher, spider, server, tmp / f"work-{scale}-{spider}-{n}", prefix)
                               for n in range(1, args.repeats + 1)]
                    pages = articles if spider == "statements" else repeats[0].crawl.bodies
                    summary[spider, scale] = report(spider, scale, pages, repeats)
                    sys.stdout.flush()
        print("\n== peak RSS growth, largest scale over smallest")
        for spider in spiders:
            small, large = summary[spider, scales[0]], summary[spider, scales[-1]]
            print(f"  {spider}: crawl {large['crawl rss']:.1f} / {small['crawl rss']:.1f} MiB = "
                  f"{large['crawl rss'] / small['crawl rss']:.2f}x; bare fetch {large['bare rss']:.1f} / "
                  f"{small['bare rss']:.1f} MiB = {large['bare rss'] / small['bare rss']:.2f}x")
        print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")
    finally:
        launcher.close()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
