"""Host names for tests that need them: a DNS resolver for the crawl (`-s TWISTED_DNS_RESOLVER=tests.hosts.LoopbackResolver`)
that maps every `.test` name (www.solidnet.test, solidnet.test) to 127.0.0.1, so real requests with
real Host headers reach a real local server."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from twisted.internet import defer
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

RESOLVER_SETTING = ("-s", "TWISTED_DNS_RESOLVER=tests.hosts.LoopbackResolver")


@implementer(IResolverSimple)
class LoopbackResolver:
    def __init__(self, reactor: Any) -> None:
        self.reactor = reactor

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> LoopbackResolver:
        return cls(reactor)

    def install_on_reactor(self) -> None:
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if name == "localhost" or name.endswith(".test"):
            return defer.succeed("127.0.0.1")
        return defer.fail(OSError(f"no such test host: {name}"))
