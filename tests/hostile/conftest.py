from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer


@pytest.fixture
def hostile_site() -> Iterator[SampleServer]:
    """A sample-site server of the test's own (its request log holds only this test's crawls), to
    which the test adds hostile answers (`server.hostile[path] = ...`)."""
    with SampleServer(CONTENT_DIR) as server:
        yield server
