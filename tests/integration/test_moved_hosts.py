"""Issue 10.1: a statement the state holds is in every published export unless the site said 404/410,
whatever Scrapy does to its request: `www.` and the bare domain are one site, a redirect to the same URL
loses nothing, and a new SOLIDNET_URL host moves every stored URL. Real host names (tests.hosts), real server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import pytest

from crawler.sample_site.content import SiteContent
from crawler.sample_site.server import RequestLog, make_handler
from crawler.sample_site.site import SampleSite
from tests.crawl_support import read_jsonl, run_crawl
from tests.hosts import RESOLVER_SETTING


class MovingSite:
    """The sample site on a loopback port; article paths in `moved` answer 301 to the same path on the bare
    domain when asked on `www.`; those in `looping` answer 301 to themselves."""

    def __init__(self, content: Path) -> None:
        self.moved: set[str] = set()
        self.looping: set[str] = set()
        self.log = RequestLog()
        site = SampleSite(SiteContent(content))
        base = make_handler(site, self.log, {}, {})
        outer = self

        class Handler(base):  # type: ignore[valid-type,misc]  # a class made at run time by make_handler
            def do_GET(self) -> None:
                host = self.headers.get("Host", "")
                path = urlsplit(self.path).path.rstrip("/")
                if host.startswith("www.") and path in outer.moved:
                    self.redirect(f"http://{host.removeprefix('www.')}{self.path}")
                elif path in outer.looping:
                    self.redirect(f"http://{host}{self.path}")
                else:
                    super().do_GET()

            def redirect(self, location: str) -> None:
                outer.log.add(self.path, 301)
                self.send_response(301)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = cast(tuple[str, int], self.httpd.server_address)[1]
        self.articles = sorted(SiteContent(content).article_paths())   # without the trailing slash
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, host: str) -> str:
        return f"http://{host}:{self.port}"


@pytest.fixture
def moving(own_site_content: Path) -> Iterator[MovingSite]:
    site = MovingSite(own_site_content)
    yield site
    site.httpd.shutdown()
    site.httpd.server_close()


@pytest.fixture
def own_site_content(tmp_path: Path) -> Path:
    import shutil

    from crawler.sample_site.content import CONTENT_DIR

    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    return tmp_path / "content"


def crawl(site: MovingSite, host: str, workdir: Path, *extra: str) -> tuple[list[dict[str, object]], dict[str, object], str]:
    result = run_crawl("statements", site.url(host), workdir, *RESOLVER_SETTING, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_jsonl(workdir / "exports" / "statements.jsonl"), read_jsonl(workdir / "exports" / "runs.jsonl")[-1], result.stderr


def test_www_and_the_bare_domain_are_one_site(moving: MovingSite, tmp_path: Path) -> None:
    moving.moved = set(moving.articles[::3])   # a third of the statements moved to the bare domain
    statements, _run, _log = crawl(moving, "www.solidnet.test", tmp_path)
    assert moving.log.statuses()[301] >= len(moving.moved)
    assert len(statements) == len(moving.articles)
    assert {urlsplit(str(s["url"])).netloc for s in statements} == {f"www.solidnet.test:{moving.port}"}

    again, run, _log = crawl(moving, "www.solidnet.test", tmp_path, "-a", "full=1")
    assert [s["id"] for s in again] == [s["id"] for s in statements], "a full re-crawl lost statements"
    assert run["counts"]["kept"] == 0 and run["counts"]["unchanged"] == len(moving.articles)  # type: ignore[index]

    moved, run, log = crawl(moving, "solidnet.test", tmp_path)
    assert [s["id"] for s in moved] == [s["id"] for s in statements], "a new SOLIDNET_URL host lost statements"
    assert {urlsplit(str(s["url"])).netloc for s in moved} == {f"solidnet.test:{moving.port}"}, "old hosts left in url"
    assert "stored statement URLs moved to it" in log
    lines = read_jsonl(tmp_path / "exports" / "signatories.jsonl")
    assert lines and {urlsplit(str(line["statement_url"])).netloc for line in lines} == {f"solidnet.test:{moving.port}"}, "old hosts in signatories"


def test_a_statement_whose_request_scrapy_drops_is_kept_logged_and_counted(moving: MovingSite, tmp_path: Path) -> None:
    first, _run, _log = crawl(moving, "solidnet.test", tmp_path)
    looping = moving.articles[0]
    moving.looping = {looping}
    statements, run, log = crawl(moving, "solidnet.test", tmp_path, "-a", "full=1")
    assert moving.log.statuses()[301] >= 1
    assert [s["id"] for s in statements] == [s["id"] for s in first]
    dropped = [line for line in log.splitlines() if "not fetched" in line and looping in line]
    assert dropped and "the record of an earlier run is kept" in dropped[0], log[-3000:]
    assert run["counts"]["lost"] == 1 and run["counts"]["kept"] == 1  # type: ignore[index]
