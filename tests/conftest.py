from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer

settings.register_profile("untimed", deadline=None)   # timing is never asserted: the machine is shared, a slow example is no failure
settings.load_profile("untimed")


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
