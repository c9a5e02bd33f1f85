from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer

# No per-example deadline: timing is never asserted, and the first example that reaches dateparser
# pays for loading its language data (a second on a loaded machine).
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


@pytest.fixture(scope="session")
def sample_site() -> Iterator[SampleServer]:
    """The bundled sample site, served on a loopback port for the whole session."""
    with SampleServer(CONTENT_DIR) as server:
        yield server


@pytest.fixture
def own_site(tmp_path: Path) -> Iterator[SampleServer]:
    """A private copy of the sample site that a test may change between runs."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    with SampleServer(content) as server:
        yield server
