"""A small HTTP server for the sample site, on a loopback port, with conditional GET (ETag, Last-Modified).

Run it alone with `python -m crawler.sample_site.server --port 8123`.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from .cms_site import MARKUPS, CmsSite
from .content import CONTENT_DIR, SiteContent
from .hostile import Answer
from .site import Page, SampleSite

ERROR_PAGE = '<!DOCTYPE html><html><body><div id="apollo-page"><h1>Error</h1><p>The system is being maintained.</p></div></body></html>'


@dataclass
class RequestLog:
    """Every request the server answered: (path with query, status). Thread-safe."""

    entries: list[tuple[str, int]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, target: str, status: int) -> None:
        with self._lock:
            self.entries.append((target, status))

    def paths(self) -> list[str]:
        with self._lock:
            return [urlsplit(t).path for t, _ in self.entries]

    def count(self, prefix: str, status: int | None = None) -> int:
        """Requests whose path starts with prefix (and that got this status, when given)."""
        with self._lock:
            return sum(
                1 for t, s in self.entries if urlsplit(t).path.startswith(prefix) and (status is None or s == status)
            )

    def count_paths(self, paths: set[str], status: int | None = None) -> int:
        """Requests for any of these paths (trailing slash aside; with this status, when given)."""
        with self._lock:
            return sum(1 for t, s in self.entries if urlsplit(t).path.rstrip("/") in paths and status in (None, s))

    def statuses(self) -> Counter[int]:
        with self._lock:
            return Counter(s for _, s in self.entries)

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()


def _not_modified(headers: dict[str, str], etag: str, modified: float) -> bool:
    if (match := headers.get("If-None-Match")) is not None:
        return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
    if since := headers.get("If-Modified-Since"):
        try:
            return int(modified) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def make_handler(
    site: SampleSite | CmsSite, log: RequestLog, error_pages: dict[str, int], hostile: dict[str, Answer], compress: bool = False
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "OpenCms/10.5"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            base_url = f"http://{self.headers.get('Host', '{}:{}'.format(*cast(tuple[str, int], self.server.server_address)[:2]))}"
            page: Page = site.get(parts.path, parts.query, base_url)
            if parts.path in error_pages:
                page = Page(error_pages[parts.path], "text/html; charset=utf-8", ERROR_PAGE, page.last_modified)
            if (answer := hostile.get(parts.path)) is not None:
                log.add(self.path, answer(self, page))
                return
            body = page.raw if page.raw is not None else page.body.encode("utf-8")
            etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
            status = page.status
            if status == 200 and _not_modified(dict(self.headers.items()), etag, page.last_modified):
                status = 304
            log.add(self.path, status)
            self.send_response(status)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(page.last_modified, usegmt=True))
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", page.content_type)
            if page.content_language:
                self.send_header("Content-Language", page.content_language)
            if compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, mtime=0)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the request log holds what tests need."""

    return Handler


class _Listener(ThreadingHTTPServer):
    """A thread per connection, with a listen backlog a web server has: socketserver's default of 5 pending
    connections overflows under a crawl's 16 concurrent ones, and the kernel drops the SYNs beyond it (each
    such connection then waits for the client's SYN retry, a second later)."""

    request_queue_size = 128
    daemon_threads = True


class SampleServer:
    """The sample site served from a thread; `url` is its base URL. `error_pages` maps a path to the
    status the server answers it with, showing an error page instead (for tests of a site in trouble;
    200 is the CMS's error page served as if all was well); `hostile` maps a path to a hostile answer
    (`crawler.sample_site.hostile`: oversized, gzip bomb, redirect loop, trickle, wrong charset ...). `markup`
    is the CMS whose markup the site is served in: `opencms` (Apollo and Mercury, the real site's), `wordpress`
    or `drupal`. `compress`: bodies sent gzip-encoded to clients that accept it, as the live site's web server does."""

    def __init__(
        self, content_dir: Path = CONTENT_DIR, port: int = 0, host: str = "127.0.0.1", markup: str = "opencms", compress: bool = False
    ) -> None:
        self.log = RequestLog()
        self.error_pages: dict[str, int] = {}
        self.hostile: dict[str, Answer] = {}
        content = SiteContent(content_dir)
        self.site: SampleSite | CmsSite = SampleSite(content) if markup == "opencms" else CmsSite(content, markup)
        self.httpd = _Listener((host, port), make_handler(self.site, self.log, self.error_pages, self.hostile, compress))
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="sample-site", daemon=True)

    @property
    def url(self) -> str:
        host, port = cast(tuple[str, int], self.httpd.server_address[:2])
        return f"http://{host}:{port}"

    def __enter__(self) -> SampleServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the bundled sample of solidnet.org on a loopback port.")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="content folder (articles/, events/)")
    parser.add_argument("--markup", choices=MARKUPS, default="opencms", help="the CMS markup to serve the content in")
    args = parser.parse_args()
    with SampleServer(args.content, args.port, args.host, args.markup) as server:
        print(f"sample site at {server.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
