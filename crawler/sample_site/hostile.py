"""Hostile answers the sample server can give instead of a page (`SampleServer.hostile[path] = answer`).

Each answer writes the whole HTTP response itself and returns the status it sent, for the request
log. They stand for what a broken, moved or malicious site does: oversized pages, gzip bombs,
redirect loops, trickling answers, a wrong charset, a robots.txt that forbids everything.
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import Protocol

from .site import Page

MIB = 1024 * 1024


class Answer(Protocol):
    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        """Write the response for a request (`page`: what the site would have answered); return its status."""
        ...


def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes = b"") -> int:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)
    return status


@dataclass(frozen=True)
class Static:
    """A fixed answer."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        return _send(handler, self.status, {"Content-Type": self.content_type, "Content-Length": str(len(self.body))}, self.body)


DISALLOW_ALL = Static(b"User-agent: *\nDisallow: /\n", "text/plain; charset=utf-8")


@dataclass(frozen=True)
class Redirect:
    """A redirect to `location` (absolute, or a path on the host the request named). With `{n}` in
    the location, every hop goes one further: a loop of distinct URLs that never ends."""

    location: str
    status: int = 301

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        location = self.location
        if "{n}" in location:
            hop = int(handler.path.rsplit("hop=", 1)[1]) + 1 if "hop=" in handler.path else 1
            location = location.format(n=hop)
        return _send(handler, self.status, {"Location": location, "Content-Length": "0"})


@dataclass(frozen=True)
class Oversized:
    """The page padded to `size` bytes with a comment; `announced`: with a Content-Length, else the
    length shows only as the bytes arrive (the connection closes at the end)."""

    size: int
    announced: bool = True

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        head = page.body.encode("utf-8")
        padding = max(self.size - len(head) - 7, 0)
        headers = {"Content-Type": page.content_type}
        if self.announced:
            headers["Content-Length"] = str(len(head) + padding + 7)
        _send(handler, 200, headers, head)
        handler.wfile.write(b"<!--")
        chunk = b"x" * MIB
        try:
            for _ in range(padding // MIB):
                handler.wfile.write(chunk)
            handler.wfile.write(b"x" * (padding % MIB) + b"-->")
        except (BrokenPipeError, ConnectionResetError):   # the crawler hung up: what it should do
            pass
        handler.close_connection = True
        return 200


@cache
def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream that inflates to `size` zero bytes (about a thousandth of that, compressed)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(MIB)
    parts = [packer.compress(chunk) for _ in range(size // MIB)]
    parts += [packer.compress(bytes(size % MIB)), packer.flush()]
    return b"".join(parts)


@dataclass(frozen=True)
class GzipBomb:
    """A small `Content-Encoding: gzip` answer that inflates to `size` zero bytes."""

    size: int
    content_type: str = "text/html; charset=utf-8"

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        body = gzip_of_zeros(self.size)
        headers = {"Content-Type": self.content_type, "Content-Encoding": "gzip", "Content-Length": str(len(body))}
        try:
            return _send(handler, 200, headers, body)
        except (BrokenPipeError, ConnectionResetError):
            return 200


@dataclass
class Trickle:
    """The page, one small piece every `interval` seconds (a server that is slow or stuck); stops when
    the client hangs up or `released` is set."""

    interval: float = 0.5
    piece: int = 16
    released: threading.Event = field(default_factory=threading.Event)

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        body = page.body.encode("utf-8")
        _send(handler, 200, {"Content-Type": page.content_type, "Content-Length": str(len(body))})
        try:
            for start in range(0, len(body), self.piece):
                if self.released.wait(self.interval):
                    return 200
                handler.wfile.write(body[start : start + self.piece])
                handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        return 200


@dataclass(frozen=True)
class WrongCharset:
    """The page as it is (UTF-8), under a header that names another charset."""

    charset: str = "iso-8859-1"

    def __call__(self, handler: BaseHTTPRequestHandler, page: Page) -> int:
        body = page.body.encode("utf-8")
        content_type = page.content_type.split(";")[0] + f"; charset={self.charset}"
        return _send(handler, page.status, {"Content-Type": content_type, "Content-Length": str(len(body))}, body)

