"""The sample server itself: what the benchmarks and crawl tests rely on."""

from __future__ import annotations

import socket
from contextlib import ExitStack

from crawler.sample_site.server import SampleServer

CONNECTIONS = 32   # twice the crawl's concurrency


def test_connections_wait_in_the_backlog_before_any_is_accepted() -> None:
    """A crawl opens 16 connections at once: each must be taken into the listen backlog at once, not
    have its SYN dropped and retried a second later (socketserver's default backlog holds 5)."""
    server = SampleServer()   # not serving: nothing is accepted, so every connection waits in the backlog
    host, port = server.httpd.server_address[:2]
    connected = 0
    try:
        with ExitStack() as stack:
            for _ in range(CONNECTIONS):
                client = stack.enter_context(socket.socket())
                client.settimeout(0.5)
                try:
                    client.connect((str(host), int(port)))
                except TimeoutError:
                    break
                connected += 1
    finally:
        server.httpd.server_close()
    assert connected == CONNECTIONS
